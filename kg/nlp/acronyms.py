"""Acronyms and abbreviations a text defines: "Long Name (LN)", a name spelled out elsewhere in
the text ("NASA" ... "the National Aeronautics and Space Administration"), and abbreviations of
lower-case words ("enterprise resource planning (ERP)"), which name no organisation."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.nlp.words import Words

_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&\-]{1,9}$")


def acronym_definitions(
    doc: Doc, spans: list[Span], words: Words
) -> tuple[tuple[tuple[str, int, int], ...], list[Span]]:
    """'Long Name (LN)': record LN as the long name's alias and mark every LN as a mention."""
    by_end = {s.end: s for s in spans}
    definitions = []
    for i in words.bracketed():
        tok = doc[i]
        if not _ACRONYM.match(tok.text):
            continue
        long = by_end.get(tok.i - 1)
        if long is None or not _abbreviates(tok.text, long.text):
            continue
        definitions.append((tok.text, long.start, long.end, long.label_, long.kb_id_))
    definitions += _spelled_out(spans, words, {d[0] for d in definitions})
    definitions += _defined_short_names(doc, spans, words, {d[0] for d in definitions})
    definitions += _bracketed_short_names(doc, spans, words, {d[0] for d in definitions})
    if not definitions:
        return (), []
    extra = []
    defined = {d[0] for d in definitions}
    # the model's own mention of a defined acronym gives way to the definition's
    taken = {i for s in spans if s.text not in defined for i in range(s.start, s.end)}
    for acronym, _, _, cls, concept in definitions:
        if acronym[:1].islower():
            continue  # "the company": a reference resolution sends to the name (kg.resolve)
        parts = acronym.split()
        if len(parts) > 1:  # a short name of words: mentions inside it give way to it
            extra += [
                Span(doc, i, i + len(parts), label=cls, kb_id=concept, span_id="acronym")
                for i in _occurrences(words.text, parts)
                if not _crossed(spans, i, i + len(parts))
            ]
            continue
        for i, word in enumerate(words.text):
            if word == acronym and i not in taken:
                extra.append(Span(doc, i, i + 1, label=cls, kb_id=concept, span_id="acronym"))
    return tuple((a, s, e) for a, s, e, _, _ in definitions), extra


#: words between a name's bracket and the short name it defines: (hereinafter referred to as "X")
_DEFINING_WORDS = frozenset({"hereinafter", "hereafter", "referred", "to", "as", "called"})


def _defined_short_names(
    doc: Doc, spans: list[Span], words: Words, defined: set[str]
) -> list[tuple[str, int, int, str, str]]:
    """ "China Mobile Communications Group Yunnan Co., Ltd. (hereinafter referred to as “China
    Mobile Yunnan” or “the company”)", "China Mobile's Guangdong branch ("China Mobile
    Guangdong")": each short name quoted in the bracket names the organisation before it; a
    common noun ("the company", recorded as "company") is how the text refers to it, not a
    name of it."""
    text = words.text
    found = []
    for span in spans:
        end = span.end
        if (
            end + 2 >= len(doc)
            or text[end] != "("
            or not (doc[end + 1].is_quote or doc[end + 1].lower_ in _DEFINING_WORDS)
        ):
            continue
        j = end + 1
        while j < len(doc) and doc[j].text != ")" and j - end < 40:
            if doc[j].is_quote:
                k = j + 1
                while k < len(doc) and not doc[k].is_quote and doc[k].text != ")":
                    k += 1
                name = doc[j + 1 : k].text
                if name.lower().startswith("the "):  # "the company": the noun refers to it
                    name = name[4:].lower()
                if k < len(doc) and doc[k].is_quote and name and name not in defined:
                    found.append((name, span.start, span.end, span.label_, span.kb_id_))
                    defined.add(name)
                j = k
            j += 1
    return found


def _bracketed_short_names(
    doc: Doc, spans: list[Span], words: Words, defined: set[str]
) -> list[tuple[str, int, int, str, str]]:
    """ "the Guangdong branch of China Telecom (China Telecom Guangdong)": capitalised words in a
    bracket right after a name, every one of them a word of that name, are a short name of it
    (of the unit, when the name before the bracket is the owner in "X branch of OWNER"); one of
    them may be an acronym of the name's other words ("Qinghai State-owned Assets Investment
    Management Co. (Qinghai SAIM)")."""
    text = words.text
    by_end = {s.end: s for s in spans}
    found = []
    for i in sorted(by_end):  # a bracket right after a name
        if not 1 <= i < len(doc) - 2 or text[i] != "(":
            continue
        named = by_end[i]
        close = next((k for k in range(i + 1, min(i + 7, len(doc))) if text[k] == ")"), None)
        inside = doc[i + 1 : close] if close is not None else []
        if not 2 <= len(inside) <= 5 or not all(
            t.is_alpha and (t.is_title or t.is_upper) for t in inside
        ):
            continue
        unit = by_end.get(named.start - 1) if doc[named.start - 1].lower_ == "of" else None
        whole = doc[unit.start if unit is not None else named.start : named.end]
        name = inside.text
        own = {t.text for t in whole}
        others = [t.text for t in inside if t.text not in own]
        if (
            name in defined
            or name == whole.text
            or len(others) > 1
            or (others and not _acronym_of_rest(others[0], whole, {t.text for t in inside}))
        ):
            continue
        target = unit if unit is not None else named
        found.append((name, target.start, target.end, target.label_, target.kb_id_))
        defined.add(name)
    return found


def _acronym_of_rest(word: str, whole: Span, written: set[str]) -> bool:
    """Whether ``word`` (in capitals) abbreviates the words of ``whole`` from the first one
    that is not ``written`` in the short name ("SAIM": "State-owned Assets Investment
    Management Co.")."""
    rest = next((t for t in whole if t.text not in written), None)
    if not word.isupper() or len(word) < 2 or rest is None:
        return False
    return _abbreviates(word, whole.doc[rest.i : whole.end].text)


def _occurrences(words: list[str], parts: list[str]) -> list[int]:
    n = len(parts)
    return [i for i in range(len(words) - n + 1) if words[i : i + n] == parts]


def _crossed(spans: list[Span], start: int, end: int) -> bool:
    """Whether a mention runs across the edge of [start, end) (one inside it does not)."""
    return any(s.start < end and s.end > start and (s.start < start or s.end > end) for s in spans)


def defined_by_common_words(doc: Doc, words: Words) -> frozenset[str]:
    """Abbreviations the text defines by words in lower case, before the bracket ("enterprise
    resource planning (ERP)") or inside it ("DICT (data, information and communications
    technology)"): the initials of the words spell it ("and", "of" ... aside), and none of those
    words is capitalised."""
    text = words.text
    found = set()
    for i in words.bracketed():
        if not _ACRONYM.match(text[i]):
            continue
        letters = text[i][:-1] if text[i].endswith("s") else text[i]
        before = [w for w in text[max(0, i - 1 - 3 * len(letters)) : i - 1] if w.isalpha()]
        before = before[-len(letters) :]
        if _spelled_by(letters, before):
            found |= {letters, letters + "s"}
    for i in range(len(text) - 2):
        if text[i + 1] != "(" or not _ACRONYM.match(text[i]):
            continue
        inside = []
        for word in text[i + 2 : i + 3 + 3 * len(text[i])]:
            if word == ")":
                break
            if word.isalpha():
                inside.append(word)
        else:
            continue
        content = [w for w in inside if w not in _CONNECTIVES]
        if _spelled_by(text[i], content) or _spelled_by(text[i], inside):
            found |= {text[i], text[i] + "s"}
    return frozenset(found)


_CONNECTIVES = frozenset({"and", "of", "the", "for", "to", "in", "on"})


def spelled_out_before(words: Words) -> list[tuple[int, int]]:
    """The lower-case words right before a bracketed abbreviation whose initials, every word's,
    spell it ("fiber to the room (FTTR)", "passive optical network (PON)"), as (start, end)
    token offsets."""
    text = words.text
    found = []
    for i in words.bracketed():
        if not _ACRONYM.match(text[i]) or not text[i].isupper():
            continue
        letters = text[i][:-1] if text[i].endswith("s") and text[i][:-1].isupper() else text[i]
        start = i - 1 - len(letters)
        if start >= 0 and _spelled_by(letters, text[start : i - 1]):
            found.append((start, i - 1))
    return found


def _spelled_by(letters: str, words: list[str]) -> bool:
    """Whether the lower-case ``words`` are as many as ``letters`` and their initials spell it."""
    return (
        len(words) == len(letters)
        and "".join(w[0] for w in words).lower() == letters.lower()
        and all(w.islower() for w in words)
    )


def _spelled_out(
    spans: list[Span], words: Words, defined: set[str]
) -> list[tuple[str, int, int, str, str]]:
    """Acronyms the text never defines in brackets but spells out elsewhere: "NASA" and "the
    National Aeronautics and Space Administration" in one text. The acronym must be the initials
    of the name's words (function words aside), of three letters or more, and spell one name
    only."""
    one_word = [words.text[s.start] for s in spans if s.end - s.start == 1]
    acronyms = [w for w in one_word if w not in defined and _UPPER_INITIALS.match(w)]
    if not acronyms:
        return []  # most texts: no name's initials to work out
    names: dict[str, list[Span]] = {}
    for span in spans:
        if len(span) >= 3 and span.label_ != "Person":
            names.setdefault(_initials(span.text), []).append(span)
    found = []
    for acronym in dict.fromkeys(acronyms):
        longs = names.get(acronym, [])
        if longs and len({s.text for s in longs}) == 1:
            long = longs[0]
            found.append((acronym, long.start, long.end, long.label_, long.kb_id_))
    return found


_UPPER_INITIALS = re.compile(r"^[A-Z]{3,6}$")
_INITIAL_SKIPS = frozenset({"of", "and", "the", "for", "on", "in", "&", "de", "du", "des", "la"})


def _initials(name: str) -> str:
    """The first letters of a name's words, function words aside, in capitals."""
    return "".join(w[0] for w in name.split() if w.lower() not in _INITIAL_SKIPS).upper()


def _abbreviates(short: str, long: str) -> bool:
    """True when the letters of ``short`` occur in order in ``long``, starting with its first."""
    short_l, long_l = short.lower(), long.lower()
    if not long_l.startswith(short_l[0]) or len(long) <= len(short):
        return False
    pos = 0
    for ch in short_l:
        pos = long_l.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True
