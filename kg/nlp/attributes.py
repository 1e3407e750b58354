"""spaCy component: the model's attribute rules (its ``attribute_ruler``), matched by an index.

A statistical English model maps each fine-grained tag to its part of speech and morphology,
and fixes the lemma or tag of some words, with an ``AttributeRuler``: some 180 one- and two-token
patterns run by spaCy's ``Matcher``. The ``Matcher`` tries every pattern at every token: about
8 ms a 280-token document, 11% of en_core_web_sm's whole parse (``bench/stage_costs.py``).
Nearly every pattern asks for a word's tag or lower-case form, so this component looks its
candidates up by those (a dict of value to pattern) and checks only them, then hands the matches
to the ruler's own ``set_annotations``, in the order the ruler itself would: what the doc ends
up with is the ruler's, token by token (``tests/test_attributes.py`` compares them).

A pattern the index cannot read (an operator such as ``"OP"``, a number compared, a
morphological feature) goes to a ``Matcher`` of its own, so any model's rules are matched in
full.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc

#: token attributes an indexed pattern may compare, as the ``Matcher`` names them
STRING_ATTRS = {
    "ORTH": "ORTH",
    "TEXT": "ORTH",
    "LOWER": "LOWER",
    "NORM": "NORM",
    "TAG": "TAG",
    "POS": "POS",
    "DEP": "DEP",
    "LEMMA": "LEMMA",
    "SHAPE": "SHAPE",
    "ENT_TYPE": "ENT_TYPE",
}
#: a word's flags an indexed pattern may test (``True`` or ``False``)
FLAGS = frozenset(
    {
        "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE", "IS_TITLE",
        "IS_UPPER", "IS_STOP", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT",
        "IS_CURRENCY", "LIKE_URL", "LIKE_NUM", "LIKE_EMAIL",
    }
)  # fmt: skip
#: attributes a candidate is looked up by, most selective first
ANCHORS = ("ORTH", "LOWER", "NORM", "LEMMA", "TAG", "DEP", "POS", "SHAPE", "ENT_TYPE")


@dataclass(frozen=True)
class _Test:
    """One token's test on one column of the doc's array: equal to a value, in a set, or not."""

    column: int
    values: frozenset[int]
    negated: bool = False

    def passes(self, row: Sequence[int]) -> bool:
        return (row[self.column] in self.values) != self.negated


class _Search:
    """A token's test that a regular expression is found in one attribute's text (the
    ``Matcher``'s ``REGEX``), remembered by the attribute's value."""

    def __init__(self, column: int, pattern: str, strings: StringStore) -> None:
        self.column = column
        self._search = re.compile(pattern).search
        self._strings = strings
        self._found: dict[int, bool] = {}

    def passes(self, row: Sequence[int]) -> bool:
        value = row[self.column]
        found = self._found.get(value)
        if found is None:
            found = self._found[value] = self._search(self._strings[value]) is not None
        return found


@dataclass(frozen=True)
class _Entry:
    """A pattern as the index holds it: found by one test on the token ``offset`` tokens into
    it, then ``checks`` (position in the pattern, test) for the rest."""

    ordinal: int
    key: int
    offset: int
    length: int
    checks: tuple[tuple[int, _Test | _Search], ...]


class IndexedAttributeRuler:
    """Matches an ``AttributeRuler``'s patterns by an index and sets them with the ruler."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        strings = ruler.vocab.strings
        self._columns: list[int] = []  # the attribute ids the doc's array is read for
        self._names: list[str] = []  # and their names
        self._index: dict[tuple[int, int], list[_Entry]] = defaultdict(list)
        self._unanchored: list[_Entry] = []
        self._rest = Matcher(ruler.vocab)
        self._keys: dict[int, int] = {}
        for ordinal, rule in enumerate(ruler.patterns):
            key = strings.add(str(ordinal))
            self._keys[key] = ordinal
            for pattern in rule["patterns"]:
                tokens = self._compile(pattern)
                if tokens is None:
                    self._rest.add(key, [pattern])
                else:
                    self._file(ordinal, key, tokens)
        self._anchor_columns = sorted({column for column, _ in self._index})

    def __call__(self, doc: Doc) -> Doc:
        self.ruler.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The ruler's matches, as ``AttributeRuler.match`` gives them: (ordinal, match id,
        start, end), sorted, so later rules are set last."""
        found = set(self._indexed(doc))
        if len(self._rest):
            found.update(
                (self._keys[key], key, start, end)
                for key, start, end in self._rest(doc, allow_missing=True)
            )
        return sorted(found)

    def _indexed(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        found: list[tuple[int, int, int, int]] = []
        if not self._columns or not len(doc):
            return found
        rows = doc.to_array(self._columns).tolist()
        size = len(rows)
        index, anchors, unanchored = self._index, self._anchor_columns, self._unanchored
        for i, row in enumerate(rows):
            entries = [e for column in anchors for e in index.get((column, row[column]), ())]
            for entry in (*entries, *unanchored) if unanchored else entries:
                start = i - entry.offset
                if start < 0 or start + entry.length > size:
                    continue
                for position, test in entry.checks:
                    if not test.passes(rows[start + position]):
                        break
                else:
                    found.append((entry.ordinal, entry.key, start, start + entry.length))
        return found

    def _file(self, ordinal: int, key: int, tokens: list[list[_Test | _Search]]) -> None:
        """Index one pattern of rule ``ordinal`` under each value of its most selective test
        that names values a token must have (a word before a tag, a flag last), or keep it to
        try everywhere."""
        tests = [(offset, test) for offset, tests in enumerate(tokens) for test in tests]
        anchors = [
            (self._rank(test), len(test.values), offset, n, test)
            for n, (offset, test) in enumerate(tests)
            if isinstance(test, _Test) and not test.negated and self._rank(test) <= len(ANCHORS)
        ]
        if not anchors:
            self._unanchored.append(_Entry(ordinal, key, 0, len(tokens), tuple(tests)))
            return
        *_, offset, n, anchor = min(anchors)  # (n is unique: tests are never compared)
        del tests[n]
        entry = _Entry(ordinal, key, offset, len(tokens), tuple(tests))
        for value in sorted(anchor.values):
            self._index[(anchor.column, value)].append(entry)

    def _rank(self, test: _Test) -> int:
        """How selective an anchor is: by ``ANCHORS``, then a flag that must be set; a flag that
        must be unset is no anchor (most tokens have it)."""
        name = self._names[test.column]
        if name in ANCHORS:
            return ANCHORS.index(name)
        return len(ANCHORS) if test.values == {1} else len(ANCHORS) + 1

    def _compile(self, pattern: list[dict]) -> list[list[_Test | _Search]] | None:
        """The tests of each token of the pattern, on the doc's array, or None if it uses what
        the index cannot read."""
        tokens = []
        for spec in pattern:
            tests = []
            for name, value in spec.items():
                test = self._test(name, value)
                if test is None:
                    return None
                tests.append(test)
            tokens.append(tests)
        return tokens

    def _test(self, name: str, value: object) -> _Test | _Search | None:
        name = name.upper()
        if name in STRING_ATTRS:
            attr = STRING_ATTRS[name]
            encode: Callable[[object], int | None] = self._string
        elif name in FLAGS:
            attr = name
            encode = _flag
        else:
            return None
        if isinstance(value, dict):
            if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN", "REGEX"):
                return None
            ((operator, items),) = value.items()
            if operator == "REGEX":
                if encode is _flag or not isinstance(items, str):
                    return None
                return _Search(self._column(attr), items, self.ruler.vocab.strings)
            if not isinstance(items, list):
                return None
            codes = [encode(item) for item in items]
            negated = operator == "NOT_IN"
        else:
            codes, negated = [encode(value)], False
        if any(code is None for code in codes):
            return None
        return _Test(self._column(attr), frozenset(codes), negated)  # type: ignore[arg-type]

    def _string(self, value: object) -> int | None:
        return self.ruler.vocab.strings.add(value) if isinstance(value, str) else None

    def _column(self, attr: str) -> int:
        if attr not in self._names:
            self._names.append(attr)
            self._columns.append(IDS[attr])
        return self._names.index(attr)


def _flag(value: object) -> int | None:
    return int(value) if isinstance(value, bool) else None


@Language.factory(
    "kg_attribute_rules",
    assigns=["token.pos", "token.tag", "token.morph", "token.lemma"],
    default_config={"patterns": []},
)
def make_attribute_rules(nlp: Language, name: str, patterns: list[dict]) -> IndexedAttributeRuler:
    """An ``AttributeRuler`` of ``patterns`` (as its ``patterns`` property gives them), indexed."""
    ruler = AttributeRuler(nlp.vocab, name)
    ruler.add_patterns(patterns)
    return IndexedAttributeRuler(ruler)


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Put an indexed copy of the pipeline's ``AttributeRuler`` ``name`` in its place (same name,
    same rules); False if the pipeline has none."""
    ruler = nlp.get_pipe(name) if name in nlp.pipe_names else None
    if not isinstance(ruler, AttributeRuler):
        return False
    nlp.replace_pipe(name, "kg_attribute_rules", config={"patterns": ruler.patterns})
    return True
