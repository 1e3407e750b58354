"""spaCy component: relation patterns (spaCy DependencyMatcher patterns kept as data).

Patterns come from ``ontology/patterns/relations.json``; each has an ``id`` that travels with
its matches and becomes the evidence's rule in the graph. Matches are stored as
``doc._.kg_matches``: ``(pattern id, {anchor name: token index})``. Turning matches into
relations between entities is the job of :mod:`kg.relate`.
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
if not Doc.has_extension("kg_matches"):
    Doc.set_extension("kg_matches", default=())


@Language.factory(
    "kg_relations",
    default_config={"ontology_dir": None},
    assigns=["doc._.kg_matches", "token._.is_role", "token._.is_event"],
    requires=["token.dep", "token.lemma", "doc.spans"],
)
def make_relations(nlp: Language, name: str, *, ontology_dir: str | None) -> RelationMatcher:
    return RelationMatcher(nlp, load_lexicon(ontology_dir))


class RelationMatcher:
    def __init__(self, nlp: Language, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
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
        matches = []
        for match_id, token_ids in self.matcher(doc):
            rule = doc.vocab.strings[match_id]
            matches.append((rule, dict(zip(self.anchors[rule], token_ids, strict=True))))
        doc._.kg_matches = tuple(sorted(matches, key=lambda m: (sorted(m[1].values()), m[0])))
        return doc
