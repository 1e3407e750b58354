"""Name forms the statistical model cuts, misses or types wrongly, read from their shape:
companies' legal names ("Huawei Technologies Co., Ltd."), a company's short name, organisation
names cut at a hyphenated word or begun late, a company's unit named with a place ("China
Mobile Guizhou"), an organisation's name written again in lower case, place names by their last
word ("... Development Zone") and people named with an age ("Harlan, 47, said").

Each function takes the doc (and the mentions found so far) and returns spans; the
:class:`~kg.nlp.mentions.MentionFinder` decides where each runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from kg.nlp.classes import group_of
from kg.nlp.words import CLOSING, OPENING, STRAIGHT, Words

#: what follows "Co.," in a legal name ("Co., Ltd.")
_COMPANY_SUFFIXES = frozenset({"Ltd", "Limited", "Inc"})
#: last words of companies' legal names
LEGAL_SUFFIXES = _COMPANY_SUFFIXES | {"Co", "Corp", "Corporation", "LLC", "PLC", "AG", "GmbH"}


def company_short_names(
    doc: Doc, spans: list[Span], suffixes: frozenset[str] = frozenset()
) -> tuple[tuple[tuple[str, int, int], ...], list[Span]]:
    """A name of two words or more that begins the one company name of the text that goes on
    with more words ("Huanghe Hydropower" after "Huanghe Hydropower Development Co.", whatever
    class the model gave it) is that company's short name: a definition (short name, start,
    end of the full name) and the short mentions marked as its uses. So is one word the company
    name is followed only by words of ``suffixes`` in ("Midea" of "Midea Group")."""
    companies = [s for s in spans if s.label_ == "Company" and len(s) >= 2]
    orths = doc.to_array(ORTH).tolist() if companies else []
    definitions: dict[str, tuple[int, int]] = {}
    out = []
    for span in spans:
        n = len(span)
        longer = {
            c.text: (c.start, c.end)
            for c in companies
            if len(c) > n
            and orths[c.start : c.start + n] == orths[span.start : span.end]
            and (n >= 2 or all(t.text in suffixes for t in c[1:] if t.is_alpha))
        }
        if (
            len(longer) == 1
            and (n >= 2 or (span.text[:1].isupper() and span[0].is_alpha))
            and not span.kb_id_
            and span.id_ not in {"acronym", "coref.definite"}
            and group_of(span.label_) in {"Person", "Organization"}
            and all(t.text[:1].isupper() for t in span)
        ):
            definitions.setdefault(span.text, next(iter(longer.values())))
            span = Span(doc, span.start, span.end, label="Company", span_id="acronym")
        out.append(span)
    # the one word no mention took ("Midea" the model left untagged) is a use of it too
    short = [
        c
        for c in companies
        if not c.kb_id_
        and c[0].is_alpha
        and c[0].text[:1].isupper()
        and all(t.text in suffixes for t in c[1:] if t.is_alpha)
        and len({o.text for o in companies if o[0].text == c[0].text}) == 1
    ]
    taken = {i for s in out for i in range(s.start, s.end)} if short else set()
    for c in short:
        first = c[0]
        uses = [
            i
            for i, orth in enumerate(orths)
            if orth == first.orth
            and i not in taken
            and doc[i].pos_ == "PROPN"
            and not (i + 1 < len(doc) and doc[i + 1].text[:1].isupper())
        ]
        if uses:
            definitions.setdefault(first.text, (c.start, c.end))
            out += [Span(doc, i, i + 1, label="Company", span_id="acronym") for i in uses]
            taken.update(uses)
    out.sort(key=lambda s: (s.start, s.end))
    return tuple((name, start, end) for name, (start, end) in definitions.items()), out


def as_defined(spans: list[Span], acronyms: tuple[tuple[str, int, int], ...]) -> list[Span]:
    """Each use of a defined acronym or short name with the class its long name has in the
    end (decided after the definition was read: "Zhejiang Branch", a unit, not a person)."""
    final = {(s.start, s.end): s for s in spans}
    longs = {a: final.get((start, end)) for a, start, end in acronyms}
    result = []
    for span in spans:
        long = longs.get(span.text) if span.id_ == "acronym" else None
        if long is not None and long.label_ != span.label_:
            span = Span(
                span.doc,
                span.start,
                span.end,
                label=long.label_,
                kb_id=long.kb_id_,
                span_id="acronym",
            )
        result.append(span)
    return result


def _is_age(word: str) -> bool:
    return word.isdigit() and 1 <= int(word) <= 120


def named_with_age(doc: Doc, spans: list[Span], words: Words) -> list[Span]:
    """A capitalised proper noun run that the model left untagged, followed by an age between
    commas ("Harlan, 47, said"), is a person's name."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    text = words.text
    found = []
    for i in range(1, len(text) - 3):
        if not (text[i] == "," and _is_age(text[i + 1]) and text[i + 2] == ","):
            continue
        start = i
        while (
            start > 0
            and i - start < 4
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].text.isalpha()
            and doc[start - 1].text[:1].isupper()
            and start - 1 not in taken
        ):
            start -= 1
        if start < i:
            found.append(Span(doc, start, i, label="Person", span_id="person.age"))
    return found


def capitalised_word(token: Token) -> bool:
    """A word in Title Case that is no stop word ("Zone", not "In")."""
    return token.is_alpha and token.is_title and not token.is_stop


def first_letter_upper(word: str) -> bool:
    """Whether the word's first letter is a capital ("China", "3GPP"; not "the", "5g")."""
    return next((c.isupper() for c in word if c.isalpha()), False)


def joined_neighbours(spans: list[Span], join: Callable[[Span, Span], Span | None]) -> list[Span]:
    """The spans in order, each one ``join`` makes one with the span kept before it replaced
    by the span ``join`` gives."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        joined = join(out[-1], span) if out else None
        if joined is None:
            out.append(span)
        else:
            out[-1] = joined
    return out


def joined_over_hyphens(spans: list[Span]) -> list[Span]:
    """Two organisation names the model cut at a hyphenated word are one: "Qinghai State" and
    "Assets Investment Management Co." of "Qinghai State-owned Assets Investment Management
    Co." (a word in lower case glued to the first name's last word by a hyphen)."""
    return joined_neighbours(spans, _over_a_hyphen)


def _over_a_hyphen(prev: Span, span: Span) -> Span | None:
    doc = span.doc
    if (
        span.start == prev.end + 2
        and group_of(prev.label_) == group_of(span.label_) == "Organization"
        and doc[prev.end].text == "-"
        and not doc[prev.end - 1].whitespace_
        and not doc[prev.end].whitespace_
        and doc[prev.end + 1].is_lower
        and doc[prev.end + 1].is_alpha
    ):
        return Span(doc, prev.start, span.end, label=span.label_, span_id=span.id_)
    return None


def aged_person(doc: Doc, span: Span) -> Span:
    """A name followed by an age between commas ("Marie Ferraro, 50, of Bethany") is a person's,
    whatever class the statistical model gave it (a lexicon concept keeps its class)."""
    end = span.end
    if (
        span.label_ == "Person"
        or span.kb_id_
        or group_of(span.label_) not in {"Organization", "Place"}
        or end + 2 >= len(doc)
        or doc[end].text != ","
        or doc[end + 2].text != ","
    ):
        return span
    age = doc[end + 1].text
    if not _is_age(age):
        return span
    return Span(doc, span.start, span.end, label="Person", span_id="person.age")


def with_company_suffix(doc: Doc, spans: list[Span], words: Words) -> list[Span]:
    """A company's legal name the model cut: one ended at "Co." takes in the ", Ltd." after it
    ("Huawei Technologies Co., Ltd.": the comma cut the name), and one ending in a legal suffix
    takes in the proper nouns before it that the parse makes part of it ("H3C Technologies Co.,
    Ltd.", where the model began the name at "Technologies")."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for span in spans:
        start, end = span.start, span.end
        if group_of(span.label_) != "Organization":
            out.append(span)
            continue
        ltd = _ltd_end(words.text, end - 1)
        if ltd > end and not taken.intersection(range(end, ltd)):
            end = ltd
        if words.text[end - 1].rstrip(".") in LEGAL_SUFFIXES:
            while (
                start > 0
                and start - 1 not in taken
                and doc[start - 1].pos_ == "PROPN"
                and doc[start - 1].dep_ == "compound"
                and start <= doc[start - 1].head.i < end
                and first_letter_upper(doc[start - 1].text)
            ):
                start -= 1
        if (start, end) != (span.start, span.end):
            span = Span(doc, start, end, label=span.label_, span_id=span.id_)
        out.append(span)
    return out


def legal_names(
    doc: Doc,
    words: Words,
    org_class: Callable[[list[str]], str],
    roles: frozenset[str] | set[str] = frozenset(),
) -> list[Span]:
    """Companies' registered names by their shape, whatever the model tagged: capitalised words
    (a bracketed one among them) ending in a legal suffix, "Co., Ltd." whole ("H3C Intelligent
    Computing (Ningxia) Co., Ltd.", "Hongta Tobacco (Group) Co., Ltd."); not over "of" after a
    role (``roles``, lower case: "CEO of X Co., Ltd." is X's)."""
    text = words.text
    found = []
    for i, word in enumerate(text):
        if word.rstrip(".") not in LEGAL_SUFFIXES or i == 0 or not first_letter_upper(word):
            continue
        end = _ltd_end(text, i)
        start, j = i, i - 1
        while j >= 0:
            if text[j] == ")" and j >= 2 and text[j - 2] == "(" and _name_word(doc[j - 1]):
                j -= 3  # "(Ningxia)", "(Group)"
            elif _name_word(doc[j]) and text[j].rstrip(".") not in LEGAL_SUFFIXES:
                j -= 1
            elif (
                text[j] in {"of", "&"}
                and j > 0
                and _name_word(doc[j - 1])
                and doc[j - 1].lower_ not in roles
            ):
                j -= 1  # "The Stock Exchange of Hong Kong Limited" (not "A and B Co.": two names)
            else:
                break
            start = j + 1
        if start < i and _name_word(doc[start]):
            found.append(
                Span(doc, start, end, label=org_class(text[start:end]), span_id="org.legal-name")
            )
    return found


def _ltd_end(text: list[str], i: int) -> int:
    """The end of a name whose word ``i`` is the last but for a ", Ltd." after "Co." (the
    comma of "Co., Ltd." is no end of the name)."""
    after_co = text[i].rstrip(".") == "Co" and i + 2 < len(text) and text[i + 1] == ","
    return i + 3 if after_co and text[i + 2].rstrip(".") in _COMPANY_SUFFIXES else i + 1


def _name_word(token: Token) -> bool:
    """A word of a name: a capitalised proper noun ("Technologies", "H3C"), no title or verb."""
    return token.pos_ == "PROPN" and first_letter_upper(token.text) and token.text[0].isalnum()


def as_named_in_full(doc: Doc, spans: list[Span]) -> list[Span]:
    """An organisation's name the model began late takes in the words before it when the
    document writes the whole name elsewhere ("H3C Technologies Co., Ltd." found once, a
    sentence split after "H3C" leaves "Technologies Co., Ltd." elsewhere)."""
    names = sorted(
        {tuple(t.text for t in s) for s in spans if group_of(s.label_) == "Organization"},
        key=len,
        reverse=True,
    )
    if len(names) < 2:
        return spans
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for span in spans:
        if group_of(span.label_) == "Organization":
            words = tuple(t.text for t in span)
            for name in names:
                start = span.start - (len(name) - len(words))
                if (
                    len(name) > len(words)
                    and start >= 0
                    and name[-len(words) :] == words
                    and not taken.intersection(range(start, span.start))
                    and tuple(t.text for t in doc[start : span.start]) == name[: -len(words)]
                ):
                    span = Span(doc, start, span.end, label=span.label_, span_id=span.id_)
                    break
        out.append(span)
    return out


#: words in lower case a name in title case may hold ("6G and Satellite Internet ...")
_NAME_FUNCTION_WORDS = frozenset({"and", "of", "for", "the", "&"})


def quoted_in_full(doc: Doc, spans: list[Span]) -> list[Span]:
    """An organisation's name that ends a quotation takes in the name words the model left
    before it inside the quotation marks: "6G and Satellite Internet Joint Research Institute",
    in quotes, is one name (the model began it at "Satellite"; a term inside it, "6G", gives
    way)."""
    taken = {
        i
        for s in spans
        if group_of(s.label_) in {"Person", "Organization", "Place"}
        for i in range(s.start, s.end)
    }
    out = []
    for span in spans:
        end = span.end
        closes = end < len(doc) and doc[end].text in CLOSING | STRAIGHT
        if group_of(span.label_) == "Organization" and closes:
            start = span.start
            while (
                start - 1 > span.sent.start
                and start - 1 not in taken
                and _quoted_name_word(doc[start - 1])
            ):
                start -= 1
            opens = start - 1
            if (
                start < span.start
                and doc[opens].text in OPENING | STRAIGHT
                and (doc[start].text[:1].isupper() or doc[start].text[:1].isdigit())
                and _opens_a_quotation(doc, opens, span.sent.start)
            ):
                span = Span(doc, start, end, label=span.label_, span_id=span.id_)
        out.append(span)
    return out


def _quoted_name_word(token: Token) -> bool:
    text = token.text
    return (
        text[:1].isupper()
        or (text[:1].isdigit() and any(c.isalpha() for c in text))  # "6G", "5G-A"
        or text in _NAME_FUNCTION_WORDS
    )


def _opens_a_quotation(doc: Doc, i: int, sent_start: int) -> bool:
    """Whether the quotation mark at ``i`` opens one: an opening mark, or a straight one after
    an even number of straight marks in its sentence."""
    if doc[i].text in OPENING:
        return True
    return sum(1 for t in doc[sent_start:i] if t.text in STRAIGHT) % 2 == 0


REGIONAL_RULE = "org.regional"


LOWER_CASE_RULE = "org.lower-case"


#: companies that name their units in a place by their own name and the place's
_REGIONAL_OWNERS = frozenset({"TelecomOperator", "Company"})


def regional_names(spans: list[Span]) -> list[Span]:
    """A company's name and a place's name right after it, ending there, name the company's unit
    in the place: "the Qiandongnan branch of China Mobile Guizhou" (one organisation, where the
    model and the lexicon saw two names; "China Mobile Guizhou branch" is left to the units)."""
    return joined_neighbours(spans, _company_and_place)


def _company_and_place(prev: Span, span: Span) -> Span | None:
    if (
        prev.label_ in _REGIONAL_OWNERS
        and group_of(span.label_) == "Place"
        and prev.end == span.start
        and len(span) <= 3
        and not _name_goes_on(span)
    ):
        return Span(span.doc, prev.start, span.end, label=prev.label_, span_id=REGIONAL_RULE)
    return None


def _name_goes_on(span: Span) -> bool:
    """Whether a noun or a capitalised word follows the span: its name, or a phrase it begins,
    goes on ("Guizhou branch", "Guizhou Company")."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    after = doc[span.end]
    return after.pos_ in {"NOUN", "PROPN"} or first_letter_upper(after.text)


def written_in_lower_case(
    doc: Doc, spans: list[Span], words: Words, org_heads: Iterable[tuple[str, str]]
) -> list[Span]:
    """An organisation's name written again in lower case, whole or without its first words
    (three words or more, ending in an organisation head word): "the provincial development
    and reform commission" after "the Guizhou Provincial Development and Reform
    Commission" (kg.resolve joins it to the name, when the words left out are a place)."""
    heads = {head.casefold() for head, _ in org_heads}
    lower = words.lower
    wanted: dict[tuple[str, ...], str] = {}
    for span in spans:
        if group_of(span.label_) != "Organization" or lower[span.end - 1] not in heads:
            continue
        name = tuple(lower[span.start : span.end])
        for k in range(len(name) - 2):
            if name[k] not in {"of", "and", "for", "the"}:
                wanted.setdefault(name[k:], span.label_)
    if not wanted:
        return []
    firsts = {name[0] for name in wanted}
    at: dict[str, list[int]] = {}
    for i, word in enumerate(lower):
        if word in firsts:
            at.setdefault(word, []).append(i)
    taken = {i for s in spans for i in range(s.start, s.end)}
    found = []
    for name, label in wanted.items():
        n = len(name)
        for start in at.get(name[0], ()):
            tokens = doc[start : start + n]
            if (
                tuple(lower[start : start + n]) == name
                and all(t.is_lower for t in tokens if t.is_alpha)
                and not taken.intersection(range(start, start + n))
            ):
                found.append(Span(doc, start, start + n, label=label, span_id=LOWER_CASE_RULE))
    return found


def places_by_head(doc: Doc, spans: list[Span], name_heads: Mapping[str, str]) -> list[Span]:
    """Place names by their last word (a lexicon ``kg:nameHead`` of places: "Zone",
    "District"), over capitalised and hyphen-joined words no other kind of mention took:
    "Xi'an High-tech Industries Development Zone", which the model missed, and "Zhengdong
    New District", which it cut in two."""
    strings = doc.vocab.strings
    head_orths = {strings[word] for word, cls in name_heads.items() if cls == "Place"}
    orths = doc.to_array(ORTH).tolist()
    heads = [h for h, orth in enumerate(orths) if orth in head_orths]
    if not heads:
        return []
    other = {i for s in spans if group_of(s.label_) != "Place" for i in range(s.start, s.end)}
    found = []
    for h in heads:
        if h in other or (h + 1 < len(doc) and capitalised_word(doc[h + 1])):
            continue
        start = h
        while start > 0 and h - start < 6 and start - 1 not in other:
            if not _place_name_word(doc, start - 1):
                break
            start -= 1
        while start < h and not first_letter_upper(doc[start].text):
            start += 1
        if h - start >= 1:
            found.append(Span(doc, start, h + 1, label="Place", span_id="place.name-head"))
    return found


def _place_name_word(doc: Doc, i: int) -> bool:
    """A word of a place's name: capitalised ("Xi'an", "Zhengdong"), or joined by a hyphen."""
    text = doc[i].text
    name = first_letter_upper(text) and text.replace("'", "").isalpha() and not doc[i].is_stop
    return name or _hyphen_joined(doc, i)


def _hyphen_joined(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen inside a word or the word after one ("High-tech")."""
    token = doc[i]
    if token.text == "-":
        return i > 0 and not doc[i - 1].whitespace_ and not token.whitespace_
    return i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and token.is_alpha
