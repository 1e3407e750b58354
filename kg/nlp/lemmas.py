"""spaCy component: the model's lemmatizer, remembered by word, part of speech and morphology.

spaCy's rule lemmatizer walks every token in Python and, for the commonest words (a singular
noun, a verb's base form: its "base forms"), works the lemma out again each time: about 3 ms a
280-token document, 4% of en_core_web_sm's parse (``bench/stage_costs.py``). Its lemma is a
function of the word, its part of speech and its morphology alone (spaCy's own cache is keyed by
them), so this component asks the model's lemmatizer once for each such triple and sets every
token's lemma from what it remembers, through the doc's arrays. Tokens whose lemma is set already
(by the attribute rules) keep it, as with the lemmatizer itself unless it overwrites; what the
doc ends up with is the lemmatizer's, token by token (``tests/test_lemmas.py`` compares them).
"""

from __future__ import annotations

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

#: the lemmatizer modes whose lemma depends on the token's word, part of speech and morphology
#: only (spaCy's own: "lookup" reads the word, "rule" and "pos_lookup" its tag and features too)
PURE_MODES = ("lookup", "rule", "pos_lookup")


class RememberingLemmatizer:
    """Sets a ``Lemmatizer``'s lemmas, asking it once per (word, part of speech, morphology)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self._lemmas: dict[tuple[int, int, int], int] = {}

    @property
    def lookups(self) -> Lookups:
        """The lemmatizer's tables, for components that read them (as of the model's own)."""
        return self.lemmatizer.lookups

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        lemmatizer, lemmas = self.lemmatizer, self._lemmas
        overwrite = lemmatizer.overwrite
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = lemmas.get(key)
            if found is None:
                found = lemmas[key] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            if found != lemma:
                rows[i, 3] = found
                changed = True
        if changed:
            doc.from_array([LEMMA], rows[:, 3:4])
        return doc


@Language.factory(
    "kg_lemmas",
    assigns=["token.lemma"],
    default_config={"lemmatizer": "lemmatizer"},
)
def make_lemmas(nlp: Language, name: str, lemmatizer: str) -> RememberingLemmatizer:
    """Remembers the lemmas of the pipeline's ``Lemmatizer`` named ``lemmatizer``."""
    return RememberingLemmatizer(nlp.get_pipe(lemmatizer))


def remember_lemmas(nlp: Language, name: str = "lemmatizer") -> bool:
    """Put a remembering copy of the pipeline's ``Lemmatizer`` ``name`` in its place (same
    name); False if the pipeline has none, or one whose lemma may depend on more than a token's
    word, part of speech and morphology."""
    lemmatizer = nlp.get_pipe(name) if name in nlp.pipe_names else None
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode not in PURE_MODES:
        return False
    if not type(lemmatizer).__module__.startswith("spacy."):
        return False  # a lemmatizer of someone else's may read the context
    lemmatizer(nlp.make_doc(""))  # checks its tables, as its first document would
    staged = f"{name}_remembered"
    nlp.add_pipe("kg_lemmas", name=staged, after=name, config={"lemmatizer": name})
    nlp.remove_pipe(name)
    nlp.rename_pipe(staged, name)
    return True
