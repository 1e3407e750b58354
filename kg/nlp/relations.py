"""spaCy component: relation patterns (spaCy DependencyMatcher patterns kept as data).

Patterns come from ``ontology/patterns/relations.json``; each has an ``id`` that travels with
its matches and becomes the evidence's rule in the graph. They are matched by
:class:`kg.nlp.depmatch.DependencyPatterns`, which reads spaCy's pattern format and gives spaCy's
matches at a fraction of the cost. Sentences of more than ``max_sentence_tokens`` tokens are not
searched: the parse of such a run-on "sentence" is not worth reading relations from, and the
number of ways to match grows fast with its length. Their count is ``doc._.kg_unsearched``.
Matches are stored as ``doc._.kg_matches``: ``(pattern id, {anchor name: token index})``.
Turning matches into relations between entities is the job of :mod:`kg.relate`. Tokens carry
what the lexicon says of their lemma for patterns to test: ``_.is_role``, ``_.is_event`` and
``_.kg_action`` (the action concept a word names, e.g. ``"killing"`` for "assassinate").
"""

from __future__ import annotations

from itertools import compress

from spacy.attrs import LEMMA, LOWER, POS
from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.errors import OntologyError
from kg.model import TOP_CLASSES
from kg.nlp.classes import group_of, kind_after_place
from kg.nlp.depmatch import DependencyPatterns, PatternError
from kg.nlp.lexicon import Lexicon, load_lexicon
from kg.nlp.mentions import SPANS_KEY as MENTIONS_KEY
from kg.rdf.namespace import predicate_iri

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


def _check_relations(spec: dict) -> None:
    """A pattern's relations are the ontology's, and its ``relation_by_object`` keys classes."""
    by_object = spec.get("relation_by_object", {})
    for curie in filter(None, (spec.get("relation"), *by_object.values())):
        try:
            predicate_iri(curie)
        except (ValueError, AttributeError):
            raise OntologyError(
                f"relation pattern {spec['id']!r}: {curie!r} is no relation of the ontology"
            ) from None
    if unknown := set(by_object) - set(TOP_CLASSES):
        raise OntologyError(
            f"relation pattern {spec['id']!r}: relation_by_object keys {sorted(unknown)} are not "
            f"classes (one of {', '.join(TOP_CLASSES)})"
        )


class RelationMatcher:
    def __init__(
        self, nlp: Language, lexicon: Lexicon, max_sentence_tokens: int = MAX_SENTENCE_TOKENS
    ) -> None:
        self.lexicon = lexicon
        self.max_sentence_tokens = max_sentence_tokens
        self.matcher = DependencyPatterns(nlp.vocab)
        for spec in lexicon.relation_patterns:
            try:
                self.matcher.add(spec["id"], spec["pattern"])
            except (PatternError, KeyError, TypeError) as exc:
                raise OntologyError(f"relation pattern {spec['id']!r} is malformed: {exc}") from exc
            _check_relations(spec)
        self.anchors = {
            spec["id"]: [node["RIGHT_ID"] for node in spec["pattern"]]
            for spec in lexicon.relation_patterns
        }
        strings = nlp.vocab.strings
        self._roles = {strings.add(role) for role in lexicon.roles}
        self._hyphen = strings.add("-")
        self._noun = strings.add("NOUN")
        self._propn = strings.add("PROPN")
        self._role_pos = {self._noun, strings.add("PROPN")}
        self._extensions = self.matcher.extensions
        #: what the lexicon says of the lemmas (ids) seen so far, in lower case: those that are
        #: an event's head, and the action each naming one names
        self._lemmas_seen: set[int] = set()
        self._event_lemmas: set[int] = set()
        self._action_lemmas: dict[int, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        values = self._token_values(doc)
        for name in ("is_role", "is_event", "kg_action"):
            for i in compress(range(len(doc)), values[name]):  # the tokens with a value
                doc[i]._.set(name, values[name][i])
        searchable = [True] * len(doc)
        unsearched = 0
        for sentence in doc.sents:
            if len(sentence) > self.max_sentence_tokens:
                unsearched += 1
                searchable[sentence.start : sentence.end] = [False] * len(sentence)
        matches = [
            (rule, dict(zip(self.anchors[rule], ids, strict=True)))
            for rule, ids in self.matcher(doc, values, within=searchable)
        ]
        doc._.kg_unsearched = unsearched
        doc._.kg_matches = tuple(sorted(matches, key=lambda m: (sorted(m[1].values()), m[0])))
        return doc

    def _token_values(self, doc: Doc) -> dict[str, list]:
        """Every custom attribute the patterns test, on every token: the lexicon's flags computed
        here, the mention classes read from the mention spans (what ``kg_mentions`` puts on
        tokens), any other through ``token._``."""
        n = len(doc)
        poses, lowers, lemmas = doc.to_array([POS, LOWER, LEMMA]).reshape(n, 3).T.tolist()
        events, actions = self._lemmas_of_note(doc, set(lemmas))
        noted = events | actions.keys()
        at_noted = [i for i, lemma in enumerate(lemmas) if lemma in noted] if noted else []
        values: dict[str, list] = {
            "is_role": self._roles_at(doc, poses, lowers),
            "is_event": [False] * n,
            "kg_action": [""] * n,
            "kg_class": [""] * n,
            "kg_group": [""] * n,
        }
        for i in at_noted:
            if lemmas[i] in events and poses[i] == self._noun:
                values["is_event"][i] = True
            values["kg_action"][i] = actions.get(lemmas[i], "")
        place = [False] * n
        for span in doc.spans.get(MENTIONS_KEY, []):
            label, group, size = span.label_, group_of(span.label_), len(span)
            values["kg_class"][span.start : span.end] = [label] * size
            values["kg_group"][span.start : span.end] = [group] * size
            place[span.start : span.end] = [group == "Place"] * size
        for noun, name in kind_after_place(doc, place, self.lexicon.kinds).items():
            values["kg_class"][noun] = values["kg_class"][name]
            values["kg_group"][noun] = "Place"
        # the head of an event's name ("the Computing Power Network Development Forum"): a proper
        # noun no mention took (mentions leave out names the text uses as events)
        for i in at_noted:
            if lemmas[i] in events and poses[i] == self._propn and not values["kg_group"][i]:
                values["is_event"][i] = True
        for name in self._extensions - values.keys():
            values[name] = [token._.get(name) for token in doc]
        return values

    def _roles_at(self, doc: Doc, poses: list[int], lowers: list[int]) -> list[bool]:
        """Whether each token is a role word: a noun whose lower case the lexicon lists, or the
        word after a role and a hyphen ("director-general": the word heads it)."""
        is_role = [False] * len(doc)
        found = [i for i, lower in enumerate(lowers) if lower in self._roles]
        for i in found:
            is_role[i] = poses[i] in self._role_pos
        found = [i for i in found if is_role[i]]
        while found:  # the word after a hyphen may itself be followed by one
            i = found.pop() + 2
            if (
                i < len(doc)
                and lowers[i - 1] == self._hyphen
                and not is_role[i]
                and doc[i].is_alpha
            ):
                is_role[i] = True
                found.append(i)
        return is_role

    def _lemmas_of_note(self, doc: Doc, lemmas: set[int]) -> tuple[set[int], dict[int, str]]:
        """Of ``lemmas`` (ids), those that are, in lower case, an event's head, and those that
        name an action, with the action: the lexicon is asked once per lemma."""
        strings = doc.vocab.strings
        for lemma in lemmas - self._lemmas_seen:
            word = strings[lemma].lower()
            if word in self.lexicon.event_heads:
                self._event_lemmas.add(lemma)
            if action := self.lexicon.actions.get(word, ""):
                self._action_lemmas[lemma] = action
            self._lemmas_seen.add(lemma)
        actions = {
            lemma: self._action_lemmas[lemma] for lemma in lemmas & self._action_lemmas.keys()
        }
        return lemmas & self._event_lemmas, actions
