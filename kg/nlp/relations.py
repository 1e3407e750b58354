"""spaCy component: relation patterns (spaCy DependencyMatcher patterns kept as data).

Patterns come from ``ontology/patterns/relations.json``; each has an ``id`` that travels with
its matches and becomes the evidence's rule in the graph. Matching runs one sentence at a time
(a dependency tree never crosses a sentence), and sentences of more than
``max_sentence_tokens`` tokens are not searched: the matcher's cost grows with the cube of a
sentence's length, and the parse of such a run-on "sentence" is not worth reading relations
from. Their count is ``doc._.kg_unsearched``. Matches are stored as
``doc._.kg_matches``: ``(pattern id, {anchor name: token index})``. Turning matches into
relations between entities is the job of :mod:`kg.relate`. Tokens carry what the lexicon says
of their lemma for patterns to test: ``_.is_role``, ``_.is_event`` and ``_.kg_action`` (the action
concept a word names, e.g. ``"killing"`` for "assassinate" and "assassin").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token

from kg.errors import OntologyError
from kg.nlp.lexicon import Lexicon, load_lexicon

for _name in ("is_role", "is_event"):
    if not Token.has_extension(_name):
        Token.set_extension(_name, default=False)
if not Token.has_extension("kg_action"):
    Token.set_extension("kg_action", default="")
if not Doc.has_extension("kg_matches"):
    Doc.set_extension("kg_matches", default=())
if not Doc.has_extension("kg_unsearched"):
    Doc.set_extension("kg_unsearched", default=0)
#: sentences longer than this are not searched for relations (about 2,500 characters)
MAX_SENTENCE_TOKENS = 400


@Language.factory(
    "kg_relations",
    default_config={"ontology_dir": None, "max_sentence_tokens": MAX_SENTENCE_TOKENS},
    assigns=[
        "doc._.kg_matches",
        "doc._.kg_unsearched",
        "token._.is_role",
        "token._.is_event",
        "token._.kg_action",
    ],
    requires=["token.dep", "token.lemma", "doc.spans"],
)
def make_relations(
    nlp: Language, name: str, *, ontology_dir: str | None, max_sentence_tokens: int
) -> RelationMatcher:
    return RelationMatcher(nlp, load_lexicon(ontology_dir), max_sentence_tokens)


class RelationMatcher:
    def __init__(
        self, nlp: Language, lexicon: Lexicon, max_sentence_tokens: int = MAX_SENTENCE_TOKENS
    ) -> None:
        self.lexicon = lexicon
        self.max_sentence_tokens = max_sentence_tokens
        self.matcher = DependencyMatcher(nlp.vocab)
        for spec in lexicon.relation_patterns:
            try:
                self.matcher.add(spec["id"], [spec["pattern"]])
            except (ValueError, KeyError) as exc:
                raise OntologyError(f"relation pattern {spec['id']!r} is malformed: {exc}") from exc
        self.anchors = {
            spec["id"]: [node["RIGHT_ID"] for node in spec["pattern"]]
            for spec in lexicon.relation_patterns
        }

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            token._.is_role = token.lower_ in self.lexicon.roles and token.pos_ in {"NOUN", "PROPN"}
            token._.is_event = (
                token.lemma_.lower() in self.lexicon.event_heads and token.pos_ == "NOUN"
            )
            token._.kg_action = self.lexicon.actions.get(token.lemma_.lower(), "")
        matches = []
        unsearched = 0
        for sentence in doc.sents:
            if len(sentence) > self.max_sentence_tokens:
                unsearched += 1
                continue
            for match_id, token_ids in self.matcher(sentence):
                rule = doc.vocab.strings[match_id]
                ids = [sentence.start + i for i in token_ids]
                matches.append((rule, dict(zip(self.anchors[rule], ids, strict=True))))
        doc._.kg_unsearched = unsearched
        doc._.kg_matches = tuple(sorted(matches, key=lambda m: (sorted(m[1].values()), m[0])))
        return doc
