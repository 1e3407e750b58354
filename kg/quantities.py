"""Figures the text states, as records: value, unit, what they measure, when, who reported them.

spaCy's CARDINAL, MONEY, PERCENT and QUANTITY spans are the candidates; a figure is kept only
when the sentence says what it measures, read from the parse:

- a count of the noun it modifies: "887,000 new 5G base stations", "200 million teachers and
  students" (coordinated nouns without a number of their own are counted together);
- a share or amount "of" something: "30 percent of the market";
- the object of a measuring verb measures its subject ("revenue reached RMB 100 billion",
  "the market grew to $290 billion"); a value "at" or "to" a figure measures the verb's object
  ("value the industry at $9.63 billion");
- money spent "in", "into", "on" or "for" something measures that ("invested $1.9 billion into a
  cloud datacenter");
- a figure "of" a noun measures the noun ("an investment of $1.9 billion"), unless the noun
  is a change ("a decrease of 0.6%"): then it measures what changed, when the sentence says;
- a change set off after a figure measures what the figure does ("21.6 billion yuan, up 4.2
  percent year on year": "year on year" counts no years).

Years, numbers inside names ("5G", "2C") and lone number words ("on the one hand") are not
figures. The words of units, currencies, scales and measuring verbs are data
(``ontology/units.json``). A figure's date is a date of its clause; it is reported by the speaker
of the statement it is part of, by the speaker of the sentence when it stands in quotation marks,
or by the document's narrator.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from spacy.attrs import IS_ALPHA, LOWER
from spacy.tokens import Doc, Span, Token

from kg.dates import MONTHS, parse_date
from kg.model import Date, Document, Quantity, Statement
from kg.nlp.lexicon import Units
from kg.nlp.words import Sentences, hyphen_joins
from kg.resolve import sentence_evidence
from kg.voices import Voices

LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
COUNTED, SHARE, ARGUMENT, SPENT, OF_NOUN = 0.8, 0.8, 0.7, 0.7, 0.7
BESIDE = 0.65  # a change set off after a figure measures what the figure does
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_PREFIXED = re.compile(r"^([^\d]+)(\d[\d,.]*)$")
_CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis", "conj"}


def find_quantities(
    doc: Doc,
    document: Document,
    ents: dict[int, str],
    voices: Voices,
    statements: tuple[Statement, ...],
    units: Units,
    anchor: Date | None = None,
) -> tuple[Quantity, ...]:
    """The figures of a parsed document that say what they measure."""
    found = []
    entities = doc.ents  # made anew on each access: once here
    dates = [e for e in entities if e.label_ == "DATE"]
    sentences = Sentences.of(doc)
    before: tuple[Span, tuple[Token, list[Token], str, float]] | None = None
    measured: list[tuple[Span, tuple[Token, list[Token], str, float]]] = []
    candidates = _candidates(doc, units, entities)
    respective = _respective_groups(candidates, sentences)
    for k, candidate in enumerate(candidates):
        span = _outside_names(candidate, ents)
        if span is None:
            continue
        span = _with_unit(span, units)
        value = _value(span, units)
        if value is None:
            continue
        number, unit, written = value
        target = _measured(span, unit, units)
        if target is None and k in respective:
            target = _respective_target(k, respective[k], candidates, measured, sentences)
        if target is None and before is not None and _change_beside(before[0], span, sentences):
            target = (*before[1][:2], "quantity.change-beside", BESIDE)
        if target is not None and target[0].lower_ in units.whole_nouns:
            # "23,860 villages, accounting for 98.2 percent of the total": of what the figure
            # before it in the sentence measures, else of nothing the text says
            target = _of_the_whole(span, before, sentences)
        if target is None or not _is_figure(span, number, unit, written):
            continue
        before = (span, target)
        measured.append(before)
        head, words, rule, conf = target
        measure = document.text[words[0].idx : words[-1].idx + len(words[-1].text)]
        first, last = min(span.start, words[0].i), max(span.end - 1, words[-1].i)
        ev = sentence_evidence(doc, document, first, last + 1, rule, conf, sentences)
        found.append(
            Quantity(
                value=_lexical(number),
                unit=unit,
                text=document.text[span.start_char : span.end_char],
                start=span.start_char,
                end=span.end_char,
                measure=measure,
                measures=ents.get(head.i),
                date=_clause_date(span, head, anchor, dates, sentences),
                reported_by=_reporter(span, voices, statements, sentences),
                evidence=(ev,),
            )
        )
    return tuple(found)


#: words that may stand between a change and the "respectively" that pairs it with a figure
_RESPECTIVELY_WORDS = frozenset(
    {",", "and", "up", "down", "by", "year", "month", "quarter", "on", "-"}
)


def _of_the_whole(
    span: Span,
    before: tuple[Span, tuple[Token, list[Token], str, float]] | None,
    sentences: Sentences,
) -> tuple[Token, list[Token], str, float] | None:
    """What a share "of the total" measures: what the figure before it in its sentence does."""
    if before is None or sentences.start(before[0].start) != sentences.start(span.start):
        return None
    return (*before[1][:2], "quantity.share-of-whole", SHARE)


def _respective_groups(candidates: list[Span], sentences: Sentences) -> dict[int, tuple[int, ...]]:
    """Figures paired in order with the figures before them by "respectively" ("blocked 18.6
    million calls and 42.3 million messages, up 27.4 percent and 31.8 percent year on year
    respectively"): candidate index -> the indexes of its group, in order."""
    groups: dict[int, list[int]] = {}
    for k, span in enumerate(candidates):
        doc, start = span.doc, sentences.start(span.start)
        for token in doc[span.end :]:
            if sentences.start(token.i) != start:
                break
            if token.lower_ == "respectively":
                groups.setdefault(token.i, []).append(k)
                break
            if not (
                token.lower_ in _RESPECTIVELY_WORDS or token.like_num or token.ent_type_ in LABELS
            ):
                break
    return {k: tuple(group) for group in groups.values() for k in group}


def _respective_target(
    k: int,
    group: tuple[int, ...],
    candidates: list[Span],
    measured: list[tuple[Span, tuple[Token, list[Token], str, float]]],
    sentences: Sentences,
) -> tuple[Token, list[Token], str, float] | None:
    """What the figure ``k`` of a "respectively" group measures: the k-th of the group's
    figures takes what the k-th of as many figures measured just before the group, in its
    sentence, measures."""
    first = candidates[group[0]]
    prior = [
        target
        for span, target in measured
        if span.end <= first.start and sentences.start(span.start) == sentences.start(first.start)
    ]
    if len(prior) < len(group):
        return None
    head, words, _, _ = prior[len(prior) - len(group) + group.index(k)]
    return head, words, "quantity.change-respectively", BESIDE


def _outside_names(span: Span, ents: dict[int, str]) -> Span | None:
    """The figure without the words of a name the model ran it into ("718,000 5G" of "718,000
    5G base stations"); None when a name holds it."""
    start, end = span.start, span.end
    while end > start and end - 1 in ents:
        end -= 1
    while start < end and start in ents:
        start += 1
    if start == end or any(i in ents for i in range(start, end)):
        return None
    return span.doc[start:end] if (start, end) != (span.start, span.end) else span


def _candidates(doc: Doc, units: Units, entities: tuple[Span, ...]) -> list[Span]:
    """The model's figures, and runs of numbers it left out ("RMB72.3 billion", "RMB 40
    billion"): a number in digits with the currency word before it and scale words after it,
    outside any of the model's entities (dates among them). Words are read from the doc's
    array, each distinct word tested once; currency and scale words only beside a number."""
    spans = [s for s in entities if s.label_ in LABELS]
    covered = {i for s in entities for i in range(s.start, s.end)}
    strings = doc.vocab.strings
    lowers, alpha = doc.to_array([LOWER, IS_ALPHA]).reshape(len(doc), 2).T.tolist()
    # a number has a digit: a word of letters alone is none
    tested = {lower for lower, letters in zip(lowers, alpha, strict=True) if not letters}
    numbers = {h for h in tested if _is_number(strings[h], units)}

    def kind(i: int) -> str | None:
        return None if i in covered else _word_kind(strings[lowers[i]], units)

    end = 0
    for i, lower in enumerate(lowers):
        if i < end or i in covered or lower not in numbers:
            continue
        start, end = i, i + 1
        if start > 0 and kind(start - 1) == "currency":
            start -= 1
        while end < len(lowers) and kind(end) == "scale":
            end += 1
        spans.append(Span(doc, start, end, label="CARDINAL"))
    return sorted(spans, key=lambda s: s.start)


def _word_kind(word: str, units: Units) -> str | None:
    if _is_number(word, units):
        return "number"
    if word in units.currencies:
        return "currency"
    return "scale" if word in units.scales else None


def _is_number(word: str, units: Units) -> bool:
    """A number in digits, bare or after a currency sign ("rmb389.4", "$1.9")."""
    if _DIGITS.match(word):
        return True
    m = _PREFIXED.match(word)
    return m is not None and m[1] in units.currencies


def _value(span: Span, units: Units) -> tuple[Decimal, str | None, bool] | None:
    """(value, unit, whether the number is written in digits) of a figure's words, with the
    currency or unit written just before or after it; None when no number is read."""
    words = [t.lower_ for t in span]
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    after = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    number: Decimal | None = None
    digits = False
    unit = None
    scale = Decimal(1)
    for i, word in enumerate(words):
        if _DIGITS.match(word):
            number, digits = Decimal(word.replace(",", "")), True
        elif word in units.numbers and (number is None or not digits):
            number = (number or Decimal(0)) + units.numbers[word]
        elif word in units.scales:
            scale *= units.scales[word]
        elif word in units.percent or " ".join(words[i : i + 2]) in units.percent:
            unit = "percent"
        elif word in units.currencies:
            unit = units.currencies[word]
        elif word in units.measures:
            unit = units.measures[word]
        elif (m := _PREFIXED.match(word)) and m[1] in units.currencies:
            unit, number, digits = units.currencies[m[1]], _decimal(m[2]), True
    if number is None:
        return None
    if unit is None:
        for word in (before, after):
            if word in units.currencies:
                unit = units.currencies[word]
            elif word in units.measures:
                unit = units.measures[word]
            elif word in units.percent:
                unit = "percent"
    return number * scale, unit, digits or scale != 1


def _with_unit(span: Span, units: Units) -> Span:
    """The figure with the unit or currency words it counts, when the model left them out:
    "400" of "400 Gbps", "1.7" of "1.7 percentage points", "4.8 percentage" of "4.8 percentage
    points"."""
    doc = span.doc
    last = doc[span.end - 1].lower_
    after = [doc[j].lower_ for j in range(span.end, min(span.end + 2, len(doc)))]
    for n in (2, 1):
        if n > len(after):
            continue
        words = " ".join(after[:n])
        if _is_unit(words, units) or _is_unit(f"{last} {words}", units):
            return doc[span.start : span.end + n]
    return span


def _is_unit(words: str, units: Units) -> bool:
    return words in units.measures or words in units.currencies or words in units.percent


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _lexical(value: Decimal) -> str:
    """An xsd:decimal lexical form without exponent or trailing zeros."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _is_figure(span: Span, number: Decimal, unit: str | None, digits: bool) -> bool:
    """Whether a number is a figure: not written into a word or standing in a row of numbers;
    a count in words needs two or more and no "the" before it ("the two countries" refers back,
    "on the one hand" counts nothing); years are dates."""
    if _glued(span) or _in_a_row(span):
        return False
    if unit is not None:
        return True
    if digits:
        return not (_YEAR.match(span.text) and len(span) == 1)
    i = span.start - 1
    while i >= 0 and (span.doc[i].is_quote or span.doc[i].is_space):
        i -= 1  # the “four growth engines”
    before = span.doc[i].lower_ if i >= 0 else ""
    return number >= 2 and before not in {"the", "these", "those", "our", "its", "their"}


def _in_a_row(span: Span) -> bool:
    """Whether the figure stands in a row of numbers: a table's cells ("906 677 58.1"), a
    telephone number ("852 3121 8888")."""
    doc = span.doc
    before = doc[span.start - 1].text if span.start > 0 else ""
    after = doc[span.end].text if span.end < len(doc) else ""
    return bool(_DIGITS.match(before) or _DIGITS.match(after))


def _glued(span: Span) -> bool:
    """Whether the number is written into a word ("3G", "R15", "five-time", "1-3-9"): part of
    a name or an adjective, not a figure ("30%" is a figure: the sign is part of the span)."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    joined_after = (
        after is not None
        and not doc[span.end - 1].whitespace_
        and (after.is_alpha or after.text == "-")
    )
    joined_before = (
        before is not None
        and not before.whitespace_
        and (before.is_alpha or before.text == "-")  # "R15", the "9" of "1-3-9 Plan"
    )
    return joined_after or joined_before


_COUNTING = frozenset({"nummod", "quantmod", "compound", "amod", "nmod"})


def _measured(
    span: Span, unit: str | None, units: Units
) -> tuple[Token, list[Token], str, float] | None:
    """What the figure measures: (head token, the phrase's tokens, rule, confidence)."""
    root = span.root
    head = root.head
    if root.dep_ == "conj" and (head.like_num or head.ent_type_ in LABELS) and head.i < span.start:
        # "amounted to nearly 10,000 and over 500": the second measures what the first does
        return _measured(span.doc[head.i : head.i + 1], unit, units)
    counts = root.dep_ in _COUNTING
    # "41,000 10G-PON ports": the parse hangs the figure on the name-number before the noun
    if counts and head.pos_ == "NUM" and head.ent_type_ not in LABELS and head.dep_ in _COUNTING:
        head = head.head if head.head.i > head.i else head
    if counts and head.i >= span.end and head.pos_ in {"NOUN", "PROPN"}:
        if head.lower_.rstrip(".") in MONTHS:  # "August 8" is a date
            return None
        if not _period_on_period(head):  # "up 4.2 percent year on year" counts no years
            return head, _counted(span, head), "quantity.count", COUNTED
        # "fell 18.2 percent year on year", parsed with the figure on "year": the comparison
        # stands where the figure does
        root = head
    of = _of_object(root)
    if of is not None:
        return of, _phrase(of), "quantity.share", SHARE
    if root.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "of":
        owner = head.head
        if owner.lemma_.lower() in units.change_nouns:  # a change of what, or of nothing said
            changed = _changed(owner)
            if changed is None:
                return None
            return changed, _phrase(changed), "quantity.change", OF_NOUN
        if owner.pos_ in {"NOUN", "PROPN"}:
            return owner, _phrase(owner, skip=head), "quantity.of-noun", OF_NOUN
    verb, via = _governing_verb(root)
    if verb is None:
        return None
    lemma = verb.lemma_.lower()
    measuring = via is not None and via.lower_ in units.measuring_prepositions
    obj = _child(verb, {"dobj"})
    if measuring and obj is not None and _is_noun(obj, span, units):
        return obj, _phrase(obj), "quantity.valued", ARGUMENT  # "value X at $9.63 billion"
    if (
        lemma in units.measuring_verbs
        or measuring
        or (via is None and root.dep_ in {"attr", "acomp"})
    ):
        subj = _noun_subject(verb)
        if subj is not None:
            return subj, _phrase(subj), "quantity.subject", ARGUMENT
    if via is None and unit in units.currencies.values():  # money is spent on something
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in units.spending_prepositions:
                if prep.i > 0 and _period_on_period(prep.doc[prep.i - 1]):
                    continue  # the "on" of "year on year"
                obj = _child(prep, {"pobj"})
                if obj is not None and obj.pos_ in {"NOUN", "PROPN"} and obj.i not in span:
                    return obj, _phrase(obj), "quantity.spent-on", SPENT
    return None


#: words between a figure and the change set off after it: "21.6 billion yuan, up 4.2 percent"
_CHANGE_WORDS = frozenset(
    {",", "up", "down", "an", "a", "increase", "decrease", "rise", "drop", "growth", "of", "by"}
)


def _change_beside(figure: Span, change: Span, sentences: Sentences) -> bool:
    """Whether ``change`` is set off right after ``figure`` (and the date it is of) as its change
    ("21.6 billion yuan, up 4.2 percent year on year", "..., an increase of 9.3%"), in one
    sentence (of ``sentences``, the doc's)."""
    if sentences.start(figure.start) != sentences.start(change.start):
        return False
    tokens = figure.doc[figure.end : change.start]
    dated = {t.i for t in tokens if t.ent_type_ == "DATE"}
    # "... 48.6 billion yuan in 2024, up 21 percent": the date the figure is of may come between
    between = [
        t.lower_ for t in tokens if t.i not in dated and not (t.pos_ == "ADP" and t.i + 1 in dated)
    ]
    return 2 <= len(between) <= 4 and between[0] == "," and set(between) <= _CHANGE_WORDS


_PERIODS = frozenset({"year", "month", "quarter", "week", "day"})


def _period_on_period(token: Token) -> bool:
    """Whether the word opens a comparison with the period before: "year on year", "month-on-
    month" (hyphens split from the words)."""
    doc, i = token.doc, token.i
    words = [t.lower_ for t in doc[i : i + 5] if t.text != "-"]
    return (
        token.lower_ in _PERIODS and len(words) >= 3 and words[1] == "on" and words[2] in _PERIODS
    )


def _is_noun(token: Token, span: Span, units: Units) -> bool:
    """Whether a token is a noun of its own: not the figure's, not another figure."""
    return (
        token.pos_ in {"NOUN", "PROPN"}
        and token.i not in range(span.start, span.end)
        and token.ent_type_ not in LABELS
        and not _is_number(token.lower_, units)
    )


def _changed(noun: Token) -> Token | None:
    """What a noun of change is a change of: the subject of the clause it is said of ("revenue
    ... represented a decrease of 0.6%"), the noun a relative clause says it of ("revenue of RMB
    389.4 billion, which represented a decrease"), or None."""
    verb = noun.head
    if noun.dep_ not in {"dobj", "attr", "appos"} or verb.pos_ not in {"VERB", "AUX", "NOUN"}:
        return None
    if noun.dep_ == "appos":
        return verb if verb.pos_ == "NOUN" else None
    subj = _child(verb, {"nsubj", "nsubjpass"})
    if subj is not None and subj.tag_ == "WDT" and verb.dep_ == "relcl":
        return _noun_of(verb.head)
    if subj is not None and subj.pos_ in {"NOUN", "PROPN"}:
        return subj
    return None


def _noun_of(token: Token) -> Token | None:
    """The noun a figure's word stands for: "revenue" for "billion" in "revenue of RMB389.4
    billion" and in "revenue was RMB72.3 billion"; the token itself when it is a noun."""
    node = token
    for _ in range(4):
        if node.pos_ in {"NOUN", "PROPN"} and node.ent_type_ not in LABELS:
            return node
        if node.dep_ == "pobj" and node.head.lower_ == "of":
            node = node.head.head
        elif node.dep_ in {"attr", "dobj"} and node.head.pos_ in {"VERB", "AUX"}:
            return _noun_subject(node.head)
        elif node.head.i != node.i:
            node = node.head
        else:
            break
    return None


def _counted(span: Span, head: Token) -> list[Token]:
    """The counted noun with its modifiers after the figure, and nouns coordinated with it
    that have no figure of their own ("teachers and students")."""
    last = head
    for conj in head.conjuncts:
        if conj.i > last.i and not any(c.dep_ == "nummod" for c in conj.children):
            last = conj
    # its "of" phrase after it, not one the parse hung on it from before ("Of them, 1.36
    # million households ...")
    of = next(
        (c for c in last.rights if c.dep_ == "prep" and c.lower_ == "of"),
        None,
    )
    if of is not None:  # "142 million Internet of Things (IoT) smart connections"
        last = max((t for t in of.subtree), key=lambda t: t.i)
    tokens = list(span.doc[span.end : last.i + 1])
    while len(tokens) > 1 and tokens[-1].is_punct:
        tokens.pop()
    return tokens


def _of_object(root: Token) -> Token | None:
    """The noun of "N percent of X" / "a third of X"."""
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = _child(prep, {"pobj"})
            if obj is not None and obj.pos_ in {"NOUN", "PROPN"}:
                return obj
    return None


_MODIFYING = frozenset({"amod", "compound", "nmod", "nummod"})


def _modifies(token: Token, words: range) -> bool:
    """Whether ``token`` modifies one of ``words`` and is no figure."""
    return (
        token.dep_ in _MODIFYING
        and token.ent_type_ not in LABELS  # a figure is no part of what it counts
        and token.head.i in words
    )


def _hyphen_joins(doc: Doc, i: int, words: range) -> bool:
    """Whether the token at ``i`` is a hyphen joining the word before it to ``words``
    ("app-based"), that word hanging on one of them."""
    return (
        hyphen_joins(doc, i) and doc[i - 1].head.i in words and doc[i - 1].ent_type_ not in LABELS
    )


def _phrase(noun: Token, skip: Token | None = None) -> list[Token]:
    """A noun with its modifiers (no determiners or possessives) and the noun of its "of"
    phrase: "total domestic consumption of ICT products"."""
    lefts = [t for t in noun.lefts if t.dep_ in _MODIFYING]
    start = lefts[0].i if lefts else noun.i
    doc = noun.doc
    while start > 0:  # a modifier's own modifiers: "asset-liability ratio", "data production
        before = doc[start - 1]  # volume", "app-based revenue"
        if _hyphen_joins(doc, start - 1, range(start, noun.i + 1)):
            start -= 2
        elif _modifies(before, range(start, noun.i + 1)):
            start -= 1
        else:
            break
    end = noun.i
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of" and (skip is None or prep.i != skip.i):
            obj = _child(prep, {"pobj"})
            end = obj.i if obj is not None else end
            break
    words = list(noun.doc[start : end + 1])
    while len(words) > 1 and words[-1].is_punct:
        words.pop()
    return words


def _governing_verb(root: Token) -> tuple[Token | None, Token | None]:
    """The verb the figure is an argument of, and the preposition it hangs from if any
    ("grew to $290 billion", "worth up to $156 billion")."""
    node, via = root, None
    for _ in range(4):
        if node.dep_ in {"dobj", "attr", "acomp", "npadvmod", "oprd", "nsubj", "nsubjpass"}:
            head = node.head
            return (head, via) if head.pos_ in {"VERB", "AUX"} else (None, None)
        if node.dep_ == "pobj" and node.head.dep_ == "prep":
            via = node.head
            host = via.head
            if host.pos_ in {"VERB", "AUX"}:
                return host, via
            node = host  # "worth up to X": up -> worth -> is
            continue
        if node.dep_ in {"prep", "advmod", "acomp", "prt"}:
            node = node.head
            if node.pos_ in {"VERB", "AUX"}:
                return node, via
            continue
        return None, None
    return None, None


def _noun_subject(verb: Token) -> Token | None:
    """The verb's subject that is a noun: the parse may give a clause two ("the briefing that
    by June the number of sites reached 2.1 million": "that" and "number"); a verb coordinated
    with no subject of its own shares the first verb's."""
    found = next(
        (
            c
            for c in verb.children
            if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ in {"NOUN", "PROPN"}
        ),
        None,
    )
    if (
        found is None
        and verb.dep_ == "conj"
        and not _child(verb, {"nsubj", "nsubjpass"})
        # not past an object: in "China built A and the number of B reached C" the parse
        # coordinated "number" with A, and left "reached" without its subject
        and not _child(verb.head, {"dobj"})
    ):
        return _noun_subject(verb.head)  # "servers shipped in May increased by 46 percent"
    return found


def _child(token: Token, deps: set[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _clause_date(
    span: Span, head: Token, anchor: Date | None, dates: list[Span], sentences: Sentences
) -> Date | None:
    """A date of the figure's clause: one on its noun, or on the verb of the clause it stands in
    (not in a clause of its own)."""
    clause = _clause_head(span.root)
    for ent in dates:
        if sentences.start(ent.start) != sentences.start(span.start):
            continue
        if _clause_head(ent.root).i == clause.i or ent.root.head.i == head.i:
            date = parse_date(ent.text, anchor)
            if date is not None:
                return date
    return None


def _clause_head(token: Token) -> Token:
    node = token
    while node.head.i != node.i and not (
        node.pos_ in {"VERB", "AUX"} and node.dep_ in _CLAUSE_DEPS | {"ROOT"}
    ):
        node = node.head
    return node


def _reporter(
    span: Span, voices: Voices, statements: tuple[Statement, ...], sentences: Sentences
) -> str | None:
    """Who reports the figure: the speaker of the statement it is part of; the sentence's
    speaker, when it stands in quotation marks; else the document's narrator."""
    for statement in statements:
        if statement.start <= span.start_char and span.end_char <= statement.end:
            return statement.speaker
    if not voices.outside[span.start]:
        speaker = voices.sentence_speaker.get(sentences.start(span.start))
        if speaker is not None:
            return speaker[0]
    return voices.narrator.key if voices.narrator is not None else None
