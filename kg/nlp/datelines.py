"""Datelines and news-service source lines: where a story was filed and by whom.

"BEIJING, Nov. 25 (Xinhua) --", "DAYTON, Ohio (AP)" open a story with a place and a news agency;
"OW0503101594 Beijing XINHUA in English 0812 GMT 5 Mar 94" and "Tokyo MAINICHI SHIMBUN" name
the city and the paper or broadcaster of a translated news service. These are conventions of
layout rather than words, so they are found here, in code; their spans carry the ids below
(:mod:`kg.relate` says the agency reported from the place, and the service is located there).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Span

from kg.dates import MONTHS
from kg.nlp.words import Words

#: span ids of a dateline's places and agency (kg.relate says the agency reported from them)
DATELINE_PLACE, DATELINE_AGENCY = "dateline.place", "dateline.agency"


def datelines(doc: Doc, words: Words) -> list[Span]:
    """News datelines: "BANGKOK, Thailand (AP)", "BEIJING, Nov. 25 (Xinhua) --", "Moscow March 5
    (ITAR-TASS)", "SHENZHEN, China, March 12, 2025 /PRNewswire/ --": at a sentence's start a
    place, then its region or a date (or a comma), then a news agency in brackets or between
    slashes. The places are places and the agency an organisation, whatever the model
    tagged."""
    text, n = words.text, len(words.text)
    found = []
    for sent in doc.sents:
        start = sent.start
        place_end = _capitalised_run(text, start, 4)
        if place_end == start:
            continue
        j, region = place_end, None
        if j < n and text[j] == ",":
            j += 1
            region_end = _capitalised_run(text, j, 3)
            if region_end > j:
                region, j = (j, region_end), region_end
                if j < n and text[j] == ",":
                    j += 1
        capitals = all(w.isupper() or w == "-" for w in text[start:place_end])
        if (
            capitals
            and region is not None
            and all(w in {".", ","} or not w.strip() for w in text[j : sent.end])
        ):  # a dateline line with no agency: "ROYAL OAK, Mich."
            found.append(Span(doc, start, place_end, label="Place", span_id=DATELINE_PLACE))
            found.append(Span(doc, *region, label="Place", span_id=DATELINE_PLACE))
            continue
        date_start = j
        while j < n and j - date_start < 5 and (_date_word(text[j]) or _year_comma(text, j)):
            j += 1
        if j < n and text[j] == ",":
            j += 1
        # a comma, region or date must come between ("China Mobile (CMCC)" is no dateline),
        # unless the place is written in capitals as datelines are: "MEXICO CITY (AP)"
        if (j == place_end and not capitals) or not (j < n and text[j] in _AGENCY_OPENS):
            continue
        agency_end = _agency_end(text, j)
        if agency_end is None:
            continue
        found.append(Span(doc, start, place_end, label="Place", span_id=DATELINE_PLACE))
        if region is not None:
            found.append(Span(doc, *region, label="Place", span_id=DATELINE_PLACE))
        found.append(Span(doc, j + 1, agency_end, label="Organization", span_id=DATELINE_AGENCY))
    return found


#: span id of a byline's name
BYLINE_NAME = "byline.name"
#: what may follow a byline's name on its line: "By ZHAO XINYU in Hohhot | China Daily"
_AFTER_BYLINE = frozenset({"in", "|", ",", "and", "/", "-", "\u2014", "\u2013"})


def byline_names(doc: Doc, words: Words) -> list[Span]:
    """The names of bylines: "By" opening a line, then two or three capitalised words (in
    capitals or Title Case) ending the line or followed by "in PLACE", a bar or a comma ("By
    ZHAO XINYU in Hohhot | China Daily", "By Ana Ruiz, Staff Reporter"). People, whatever
    the model tagged (it often tags none in capitals)."""
    text, n = words.text, len(words.text)
    found = []
    for i, word in enumerate(text):
        if word not in {"By", "BY"} or not (
            i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_
        ):
            continue
        end = i + 1
        while end < n and end - i <= 3 and _byline_word(text[end]):
            end += 1
        after = text[end] if end < n else "\n"
        named_otherwise = any(doc[k].ent_type_ in _NOT_PEOPLE for k in range(i + 1, end))
        if (
            3 <= end - i <= 4
            and not named_otherwise  # "By China Daily": the model's organisation
            and (after in _AFTER_BYLINE or "\n" in after or not after.strip())
        ):
            found.append(Span(doc, i + 1, end, label="Person", span_id=BYLINE_NAME))
    return found


_NOT_PEOPLE = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART"})


def _byline_word(word: str) -> bool:
    return word[:1].isupper() and word.replace("-", "").replace("'", "").isalpha()


#: span ids of a source line's place and paper or broadcaster (kg.relate places one in the other)
SOURCE_PLACE, SOURCE_NAME = "source.place", "source.name"
_WIRE_CODE = re.compile(r"^[A-Z]{2}\d{8,}$")
_CLOCK = re.compile(r"^\d{3,4}$")


def source_lines(doc: Doc, words: Words, common: frozenset[str] | set[str]) -> list[Span]:
    """Source lines of translated news services: "LD2804174994 Moscow INTERFAX in English 1601
    GMT 28 Apr 94", "Cairo AL-AHALI in Arabic 6 Apr 94 p 6", "Tokyo NIHON KEIZAI SHIMBUN": a
    place, then the paper or broadcaster, then its language and a time or date (or, on a line of
    its own, the place and a name in capitals). The place is a place and the source an
    organisation, whatever the model tagged; the model's place name, or a change from Title Case
    to capitals, or else the first word, ends the place. ``common``: words that are no names
    (abbreviations of common nouns, words the text writes in lower case)."""
    text = words.text
    # a name then its language and stamp, anywhere on a line (the parser may cut the line)
    lines = [(lo, _without_space(text, lo, hi)) for lo, hi in _lines(text)]
    # only "in" (a language) or a number (a date) can begin what ends a source's name
    openers = [k for k, word in enumerate(text) if word == "in" or word.isdigit()]
    ends = {}
    for lo, hi in lines:
        for k in openers[bisect_left(openers, lo + 1) : bisect_left(openers, hi - 2)]:
            if _source_language(text, k, hi) or _stamp_after_capitals(text, k, hi):
                ends[lo] = k
                break
    # or, with no stamp on the line, a sentence of a place and a name in capitals alone
    sentences = [(s.start, _without_space(text, s.start, s.end)) for s in doc.sents]
    alone = [(lo, hi) for lo, hi in sentences if _place_then_capitals(text, lo, hi, common)]
    if alone:
        unstamped = {i for lo, hi in lines if lo not in ends for i in range(lo, hi)}
        for lo, hi in alone:
            if lo in unstamped and not _function_word(doc, lo):
                ends[lo] = hi
    found = []
    for lo, end in sorted(ends.items()):
        end = _before_bracket(text, lo, end)
        start = end
        while start > lo and end - start < 8 and _source_word(text[start - 1]):
            start -= 1
            if start - 2 >= lo and text[start - 1] == "-" and _source_word(text[start - 2]):
                start -= 2  # "ITAR-TASS", written as three tokens
        if end - start < 2:
            continue
        place_end = _place_end(doc, text, start, end)
        found.append(Span(doc, start, place_end, label="Place", span_id=SOURCE_PLACE))
        found.append(Span(doc, place_end, end, label="Organization", span_id=SOURCE_NAME))
    return found


def _without_space(text: list[str], lo: int, hi: int) -> int:
    """The end of the words ``lo`` to ``hi`` without the whitespace tokens that end them."""
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi


def _lines(text: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each line: a source line is layout, which the parser's sentences may cut
    ("Tokyo YOMIURI SHIMBUN in Japanese 14 | Feb 94")."""
    lines, start = [], 0
    for i, word in enumerate(text):
        if "\n" in word and word.isspace():
            if i > start:
                lines.append((start, i))
            start = i + 1
    if start < len(text):
        lines.append((start, len(text)))
    return lines


def _source_language(text: list[str], k: int, end: int) -> bool:
    """Whether "in" at ``k`` names a language followed by a time and date: "in English 1601 GMT
    28 Apr 94", "in Arabic 6 Apr 94 p 6", "in Japanese 14 Feb 94 Morning Edition p 6" (what
    follows the stamp, pages or an edition, is the line's too)."""
    if text[k] != "in" or not (text[k + 1].isalpha() and text[k + 1][:1].isupper()):
        return False
    return _stamp(text, k + 2, end)


def _stamp_after_capitals(text: list[str], k: int, end: int) -> bool:
    """Whether a source's name in capitals ends at ``k`` and a date follows it with no language:
    "London THE SUNDAY TIMES 30 Jan 94 pp 1, 15"."""
    name = text[k - 1]
    return len(name) > 1 and name.replace("-", "").isupper() and _stamp(text, k, end, clock=False)


def _stamp(text: list[str], k: int, end: int, clock: bool = True) -> bool:
    """Whether a service's time and date start at ``k``: "1601 GMT 28 Apr 94", "6 Apr 94"."""
    after = text[k : k + 5 if k + 5 <= end else end]
    if clock and len(after) >= 5 and _CLOCK.match(after[0]) and after[1] in {"GMT", "UTC"}:
        after = after[2:]
    return (
        len(after) >= 3
        and after[0].isdigit()
        and after[1].rstrip(".").lower() in MONTHS
        and after[2].isdigit()
    )


def _before_bracket(text: list[str], lo: int, end: int) -> int:
    """Where a source's name ends before a bracketed section in capitals: "CHINA DAILY (SCIENCE
    MEDICINE) in English" ends before the bracket."""
    if end - 1 <= lo or text[end - 1] != ")":
        return end
    for i in range(end - 2, max(lo, end - 7), -1):
        if text[i] == "(":
            inside = text[i + 1 : end - 1]
            if inside and all(w.isupper() or not w.isalpha() for w in inside):
                return i
            return end
    return end


def _source_word(word: str) -> bool:
    """A word of a place's or a source's name: capitalised, perhaps hyphenated ("Kanal-6")."""
    return (
        word[:1].isupper()
        and word.replace("-", "").isalnum()
        and not _WIRE_CODE.match(word)
        and word.rstrip(".").lower() not in MONTHS
    )


def _place_then_capitals(
    text: list[str], lo: int, hi: int, common: frozenset[str] | set[str]
) -> bool:
    """A line of only Title Case words and then words in capitals: "Tokyo MAINICHI SHIMBUN";
    not a table row of common words ("Wireline Broadband ARPU")."""
    line = text[lo:hi]
    if not 2 <= len(line) - line.count("-") <= 8:
        return False
    words = [w for w in line if w != "-"]
    if not all(_source_word(w) for w in words):
        return False
    caps = [len(w) > 1 and w.replace("-", "").isupper() for w in words]
    first = caps.index(True) if True in caps else 0
    if not (first > 0 and all(caps[first:]) and not any(caps[:first])):
        return False
    return not any(w in common or w.lower() in common for w in words)


def _function_word(doc: Doc, i: int) -> bool:
    """Whether the word opening a line is a function word ("About ZTE", "For MEDIA"): then the
    line is a heading, no place and source."""
    return doc.vocab[doc[i].lower_].is_stop


def _place_end(doc: Doc, text: list[str], start: int, end: int) -> int:
    """Where a source line's place ends: at the change from Title Case to capitals, else where
    the model's place name ends, else after the first word. A paper named after its city starts
    with the place's words again ("Bangkok BANGKOK POST", whose capitals kg.nlp.normalize may
    have re-cased as the document writes the city)."""
    lower = [w.lower() for w in text[start:end]]
    for size in range(1, (end - start) // 2 + 1):
        if lower[:size] == lower[size : 2 * size] and end - start > 2 * size:
            return start + size
    for i in range(start + 1, end):
        if text[i] == "-":
            continue
        if text[i].replace("-", "").isupper() and not text[i - 1].isupper():
            return i
    for ent in doc.ents:
        if ent.start == start and ent.end < end and ent.label_ in {"GPE", "LOC"}:
            return ent.end
    return start + 1


def _capitalised_run(text: list[str], i: int, limit: int) -> int:
    """The end of the run of at most ``limit`` capitalised words (no month names) from ``i``;
    a hyphen written as a token of its own joins two of them ("STOCKTON - ON - TEES")."""
    j = i
    while j < len(text) and j - i < limit:
        if text[j] == "-" and j > i and j + 1 < len(text) and _capitalised(text[j + 1]):
            j += 2
            limit += 2
        elif _capitalised(text[j]):
            j += 1
        else:
            break
    return j


def _capitalised(word: str) -> bool:
    """A capitalised word, perhaps an abbreviation with its stop ("Mich.") or a name with an
    apostrophe ("XI'AN"), not a month."""
    return (
        word[:1].isupper()
        and word.rstrip(".").replace("-", "").replace("'", "").replace("\u2019", "").isalpha()
        and word.rstrip(".").lower() not in MONTHS
    )


#: what opens a dateline's agency -> what closes it: "(Xinhua)", "/PRNewswire/"
_AGENCY_OPENS = {"(": ")", "/": "/"}


def _agency_end(text: list[str], j: int) -> int | None:
    """The end of the agency's name after the bracket or slash at ``j``: "( Xinhua )"; a
    closing slash is written on the name's last word ("/ PRNewswire/", "/ PRNewswire - Asia/")
    and is part of its token."""
    close, end = _AGENCY_OPENS[text[j]], j + 1
    while end < len(text) and end - j <= 4:
        word = text[end]
        if close == "/" and word.endswith("/") and _agency_word(word[:-1]):
            return end + 1
        if not _agency_word(word):
            break
        end += 1
    if close == "/" or end == j + 1 or end >= len(text) or text[end] != close:
        return None
    return end


def _year_comma(text: list[str], i: int) -> bool:
    """Whether the comma at ``i`` comes before a year in a date: "March 12, 2025"."""
    return text[i] == "," and i + 1 < len(text) and len(text[i + 1]) == 4 and text[i + 1].isdigit()


def _date_word(word: str) -> bool:
    return word.isdigit() or word == "." or word.rstrip(".").lower() in MONTHS


def _agency_word(word: str) -> bool:
    return word == "-" or (word.replace("-", "").isalpha() and word[:1].isupper())
