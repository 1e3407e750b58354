"""spaCy's token ``Matcher``, run only where a pattern can match.

A pattern such as "up to six capitalised words, then Ministry/Bureau/Office ..." keeps several
partial matches alive at every token of a document, so the ``Matcher`` costs as much on a
sentence without any of those head words as on one with them. :class:`WindowedMatcher` finds
each pattern's *anchors*, the tokens it cannot match without (each must occur at least once and
tests ``ORTH``, ``TEXT``, ``LOWER`` or ``LEMMA`` against a value or a list). On a doc it takes
the anchor whose words occur there least often ("Ministry ..." rather than "of") and runs the
pattern's own spaCy ``Matcher`` only on the stretches of text within the pattern's longest
length of that anchor's words. Every match contains each anchor, so it lies inside such a
stretch: the matches are exactly those of the ``Matcher`` on the whole doc
(``tests/test_windows.py``), ordered by start, end and pattern. A pattern without an anchor, or
of unbounded length (``*``, ``+``, ``{n,}``, ``!``), is run on the whole doc.
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
    #: (attribute, value ids) of each anchor; none: run on the whole doc
    anchors: tuple[tuple[int, frozenset[int]], ...]
    length: int  # the longest match, in tokens


class WindowedMatcher:
    """Patterns added with :meth:`add`; calling it on a doc gives ``(key, start, end)``."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._entries: list[_Entry] = []
        self._wanted: dict[int, set[int]] = {}  # per anchor attribute, every anchor value

    def add(self, key: str, pattern: Sequence[Mapping], greedy: str | None = None) -> None:
        matcher = Matcher(self.vocab)
        matcher.add(key, [list(pattern)], greedy=greedy)
        length = _longest(pattern)
        anchors = _anchors(pattern, self.vocab) if length is not None else ()
        self._entries.append(_Entry(key, matcher, anchors, length or 0))
        for attr, values in anchors:
            self._wanted.setdefault(attr, set()).update(values)

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        positions = self._positions(doc)
        found = []
        for order, entry in enumerate(self._entries):
            if not entry.anchors:
                stretches = [(0, len(doc))]
            else:
                hits = min(
                    (
                        sorted(i for v in values for i in positions[attr].get(v, ()))
                        for attr, values in entry.anchors
                    ),
                    key=len,
                )
                stretches = _stretches(hits, entry.length, len(doc))
            for start, end in stretches:
                for _, s, e in entry.matcher(doc[start:end]):
                    found.append((start + s, start + e, order, entry.key))
        return [(key, s, e) for s, e, _, key in sorted(found)]

    def _positions(self, doc: Doc) -> dict[int, dict[int, list[int]]]:
        """Per anchor attribute, the positions of each anchor value in ``doc`` (one pass over
        the doc per attribute, for all the anchors on it)."""
        wanted = self._wanted
        found: dict[int, dict[int, list[int]]] = {attr: {} for attr in wanted}
        if not wanted or not len(doc):
            return found
        used = sorted(wanted)
        array = doc.to_array(used).reshape(len(doc), len(used))
        for attr, column in zip(used, array.T.tolist(), strict=True):
            values, positions = wanted[attr], found[attr]
            for i, value in enumerate(column):
                if value in values:
                    positions.setdefault(value, []).append(i)
        return found


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


def _anchors(pattern: Sequence[Mapping], vocab: Vocab) -> tuple[tuple[int, frozenset[int]], ...]:
    """The tests of required tokens on words, as (attribute id, value ids)."""
    found = []
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
            found.append((_ANCHOR_ATTRS[name], frozenset(vocab.strings.add(w) for w in words)))
    return tuple(found)


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
