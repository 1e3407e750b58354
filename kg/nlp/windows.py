"""spaCy's token ``Matcher``, run only where a pattern can match.

A pattern such as "up to six capitalised words, then Ministry/Bureau/Office ..." keeps several
partial matches alive at every token of a document, so the ``Matcher`` costs as much on a
sentence without any of those head words as on one with them. :class:`WindowedMatcher` gives
each pattern an *anchor*, one token it cannot match without (one that must occur at least once
and tests ``ORTH``, ``TEXT``, ``LOWER`` or ``LEMMA`` against a value or a list), and runs the
pattern's own spaCy ``Matcher`` only on the stretches of text within the pattern's longest
length of an anchor word. Every match contains its anchor, so it lies inside such a stretch:
the matches are exactly those of the ``Matcher`` on the whole doc (``tests/test_windows.py``),
ordered by start, end and pattern. A pattern without an anchor, or of unbounded length
(``*``, ``+``, ``{n,}``, ``!``), is run on the whole doc.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy import attrs
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

_ANCHOR_ATTRS = {"ORTH": attrs.ORTH, "TEXT": attrs.ORTH, "LOWER": attrs.LOWER, "LEMMA": attrs.LEMMA}
_RANGE = re.compile(r"^\{(\d*)(,?)(\d*)\}$")


@dataclass(frozen=True)
class _Entry:
    key: str
    matcher: Matcher
    attr: int | None  # the anchor's attribute; None: run on the whole doc
    values: frozenset[int]
    length: int  # the longest match, in tokens


class WindowedMatcher:
    """Patterns added with :meth:`add`; calling it on a doc gives ``(key, start, end)``."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._entries: list[_Entry] = []

    def add(self, key: str, pattern: Sequence[Mapping], greedy: str | None = None) -> None:
        matcher = Matcher(self.vocab)
        matcher.add(key, [list(pattern)], greedy=greedy)
        length = _longest(pattern)
        anchor = _anchor(pattern, self.vocab) if length is not None else None
        attr, values = anchor if anchor else (None, frozenset())
        self._entries.append(_Entry(key, matcher, attr, values, length or 0))

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        used = sorted({e.attr for e in self._entries if e.attr is not None})
        columns = {}
        if used and len(doc):
            array = doc.to_array(used).reshape(len(doc), len(used))
            columns = {attr: array[:, i].tolist() for i, attr in enumerate(used)}
        found = []
        for order, entry in enumerate(self._entries):
            if entry.attr is None:
                stretches = [(0, len(doc))]
            else:
                hits = [i for i, v in enumerate(columns.get(entry.attr, ())) if v in entry.values]
                stretches = _stretches(hits, entry.length, len(doc))
            for start, end in stretches:
                for _, s, e in entry.matcher(doc[start:end]):
                    found.append((start + s, start + e, order, entry.key))
        return [(key, s, e) for s, e, _, key in sorted(found)]


def _count(spec: Mapping) -> tuple[int, int | None]:
    """The fewest and most tokens one pattern token takes (None: no limit)."""
    op = spec.get("OP")
    if op is None:
        return 1, 1
    if op == "?":
        return 0, 1
    match = _RANGE.match(op)
    if match:
        low, comma, high = match.groups()
        if not comma:
            return int(low), int(low)
        return int(low or 0), (int(high) if high else None)
    return 0, None  # "*", "+", "!" and anything else: not bounded, never an anchor


def _longest(pattern: Sequence[Mapping]) -> int | None:
    total = 0
    for spec in pattern:
        _, high = _count(spec)
        if high is None:
            return None
        total += high
    return total


def _anchor(pattern: Sequence[Mapping], vocab: Vocab) -> tuple[int, frozenset[int]] | None:
    """The required token with the fewest accepted values, as (attribute id, value ids)."""
    best = None
    for spec in pattern:
        if _count(spec)[0] < 1:
            continue
        for name, value in spec.items():
            if name not in _ANCHOR_ATTRS:
                continue
            if isinstance(value, str):
                words = [value]
            elif isinstance(value, Mapping) and set(value) == {"IN"}:
                words = list(value["IN"])
            else:
                continue
            if not all(isinstance(w, str) for w in words):
                continue
            ids = frozenset(vocab.strings.add(w) for w in words)
            if best is None or len(ids) < len(best[1]):
                best = (_ANCHOR_ATTRS[name], ids)
    return best


def _stretches(hits: list[int], length: int, size: int) -> list[tuple[int, int]]:
    """Disjoint token ranges covering every range of ``length`` tokens holding a hit."""
    out: list[tuple[int, int]] = []
    for i in hits:
        start, end = max(0, i - length + 1), min(size, i + length)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
