"""Events a document's pattern matches name: mentions merged into the events they refer to, and
one entity each, named as the text names it, with its organisers, speakers, place and date."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.dates import XSD, parse_date
from kg.model import Date, Document, Entity, entity_key
from kg.nlp.lexicon import Lexicon


def same_events(doc: Doc, events: dict[int, dict]) -> dict[int, dict]:
    """Event mentions merged into the events they refer to: a definite mention ("the press
    conference", "the forum", "today's ceremony") is the nearest event before it with the same
    head noun, else, when no event was named with its word, the event named last ("told the
    meeting" after "held a work conference"); an indefinite one ("a forum held in Guiyang") is a
    new event."""
    merged: dict[int, dict] = {}
    last: dict[str, int] = {}  # head lemma -> the event it last named
    latest: int | None = None  # the event last named
    for head_i in sorted(events):
        head = doc[head_i]
        lemma = head.lemma_.lower()
        info = events[head_i]
        definite = any(
            c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an", "another"}
            for c in head.children
        )
        target = last.get(lemma) if definite else None
        if target is not None and _named_otherwise(doc[target], head):
            target = None  # "the 2024 provincial work conference" after "the 2025 ... Conference"
        # "the festival" first matched by a pattern may name back an event the text named
        # before without one ("during the 2024 Changsha Night Consumption Festival")
        named = _named_before(head) if definite and target is None else None
        if named is None and definite and target is None and latest is None:
            named = _named_before(head, nouns=True)  # no event named before: its first mention
        if named is not None and _named_otherwise(named, head):
            named = None
        if (
            definite
            and target is None
            and named is None
            and latest is not None
            and not _named_otherwise(doc[latest], head)
        ):
            # "the meeting" after "a work conference", "the opening ceremony" after "the
            # summit": a definite event no other word named before is the last event named
            target = last[lemma] = latest
        if target is None:
            merged[head_i] = {
                **info,
                "speakers": list(info["speakers"]),
                "organizers": list(info["organizers"]),
                "places": list(info.get("places", [])),
                "heads": [named.i, head_i] if named is not None else [head_i],
                # the mention named before dates it too ("On December 26, the meeting ...")
                "triggers": {head_i: info.get("trigger"), named.i: None}
                if named is not None
                else {head_i: info.get("trigger")},
            }
            last[lemma] = latest = head_i
            continue
        latest = target
        into = merged[target]
        into["heads"].append(head_i)
        into["triggers"][head_i] = info.get("trigger")
        into["speakers"].extend(info["speakers"])
        into["organizers"].extend(info["organizers"])
        into.setdefault("places", []).extend(info.get("places", []))
        if "trigger" not in into and "trigger" in info:
            into["trigger"] = info["trigger"]
    return merged


def _named_otherwise(before: Token, head: Token) -> bool:
    """Whether an event mention names its event with words of its own (three or more, "the 2024
    provincial work conference") that neither holds nor are held by the name of the event
    before ("the 2025 Computing Power Industry Conference"): another event, not that one."""
    name, earlier = _written_name(head).casefold(), _written_name(before).casefold()
    return len(name.split()) >= 3 and name not in earlier and earlier not in name


def _named_before(head: Token, nouns: bool = False) -> Token | None:
    """The last capitalised mention of the same event word before ``head`` (a name: "... Night
    Consumption Festival"), if the text has one; with ``nouns``, the last mention of the word
    as a noun ("the final acceptance meeting of X was held ..." before "attended the
    meeting")."""
    lemma = head.lemma_.lower()
    return next(
        (
            t
            for t in reversed(head.doc[: head.i])
            if t.lemma_.lower() == lemma
            and (t.pos_ == "NOUN" if nouns else t.text[:1].isupper() and t.pos_ == "PROPN")
        ),
        None,
    )


def event_entity(
    doc: Doc,
    document: Document,
    lexicon: Lexicon,
    head_i: int,
    info: dict,
    by_key: dict[str, Entity],
):
    head = doc[head_i]
    cls = lexicon.event_heads.get(head.lemma_.lower(), "Event")
    words = [
        w
        for c in head.lefts
        if c.dep_ == "compound" and not c._.kg_group
        # "signing and groundbreaking ceremony": a modifier's "and" with it
        for w in [c.lower_, *(g.lower_ for g in c.children if g.dep_ == "cc" and g.i > c.i)]
    ] + [head.lemma_.lower()]
    kind = " ".join(words)
    organizers = sorted({o for o, _ in info["organizers"]})
    # the date of its first mention that gives one ("... Convention opens" in a headline, then
    # "The 2023 World 5G Convention opened on Dec. 5")
    triggers = info.get("triggers", {head_i: info.get("trigger")})
    date = next(
        (
            found
            for h, t in triggers.items()
            if (found := _event_date(doc[h], doc[t] if t is not None else None, document.date))
        ),
        None,
    )
    if date is None:
        # "the signing ceremony" after "A and B on Friday signed ...": the day of the signing
        # the text dates, the latest before it ("... signed the agreement on behalf of the
        # three parties" between them gives none)
        date = next(
            (d for act in _its_acts(head) if (d := _event_date(act, None, document.date))), None
        )
    if date is not None and date.datatype == XSD + "gMonthDay":
        # "the 2024 Changsha Night Consumption Festival ... opened on Aug. 8": its name's year
        years = {
            w
            for h in info.get("heads", [head_i])
            for w in _written_name(doc[h]).split()
            if len(w) == 4 and w.isdigit() and w[:2] in {"19", "20"}
        }
        if len(years) == 1:
            date = _with_named_year([date, Date(years.pop(), XSD + "gYear", "")])
    if not organizers and date is None:
        return None, []
    label = next(filter(None, (_proper_name(doc[h]) for h in info.get("heads", [head_i]))), None)
    if label is None:  # no name of its own: its kind, organisers and date say which it is
        label = kind
        if organizers:
            label += " of " + " and ".join(by_key[o].label for o in organizers)
        if date is not None:
            label += f" on {date.text}"
    key = entity_key("Event", label)
    evs = [e for _, e in info["speakers"] + info["organizers"] + info.get("places", [])]
    entity = Entity(
        key=key,
        cls=cls,
        label=label,
        # how the text names it: "press conference", "2024 provincial ... work conference",
        # "the Computing Power Network Development Forum" (one of its later mentions)
        aliases=tuple(
            sorted({kind} | {_written_name(doc[h]) for h in info.get("heads", [head_i])} - {label})
        ),
        date=date,
        evidence=tuple(sorted(set(evs), key=lambda e: (e.start, e.rule))),
    )
    rels = [(p, "kg:spokeAt", key, e) for p, e in info["speakers"]]
    rels += [(key, "kg:organizedBy", o, e) for o, e in info["organizers"]]
    rels += [(key, "kg:locatedIn", p, e) for p, e in info.get("places", [])]
    return entity, rels


def _its_acts(head: Token) -> Iterator[Token]:
    """The verbs, before the event noun and the latest first, of the act a word of the event's
    name names: "signed" for "the signing ceremony", "launched" for "the launch ceremony"."""
    forms = set()
    for word in head.lefts:
        if word.dep_ in {"compound", "amod"} and word.is_alpha:
            low = word.lower_
            forms |= {word.lemma_.lower(), low}
            if low.endswith("ing"):
                forms |= {low[:-3], low[:-3] + "e"}
    if not forms:
        return
    yield from (
        t for t in reversed(head.doc[: head.i]) if t.pos_ == "VERB" and t.lemma_.lower() in forms
    )


def _written_name(head: Token) -> str:
    """The noun phrase a head noun ends as written, without its determiner or owner: "the 2024
    provincial information and communication industry work conference"."""
    start = head.left_edge.i
    doc = head.doc
    for t in doc[head.left_edge.i : head.i]:
        inside_a_word = t.text == "-" and not t.whitespace_ and not doc[t.i - 1].whitespace_
        if (t.dep_ in {"det", "poss", "case", "punct"} or t.is_punct) and not inside_a_word:
            start = t.i + 1
    return head.doc[start : head.i + 1].text


def _proper_name(head: Token) -> str | None:
    """The event's name, when it is written as one: at least two capitalised words before a
    capitalised head ("the 2025 Computing Power Industry Conference", "the World Internet
    Conference", "the 2024 Qinling Digital Culture and Tourism Consumption Festival": a name's
    function words in lower case), not a description ("the 2024 provincial ... work
    conference")."""
    name = head.doc[head.i - len(_written_name(head).split()) + 1 : head.i + 1]
    words = [t for t in name if not t.like_num and not t.is_punct]
    capitalised = [t for t in words if t.text[:1].isupper()]
    joined = all(t.text[:1].isupper() or (t.is_stop and t.is_lower) for t in words)
    if len(capitalised) < 3 or not joined or not words[0].text[:1].isupper():
        return None
    return _written_name(head)


def _with_named_year(dates: list[Date]) -> Date:
    """The first date found, or, when it lacks a year that one other date gives, the day with
    that year: "the 2023 World 5G Convention opened on Dec. 5" is 2023-12-05; a year (of the
    name) gives way to a full date of that year found with it."""
    first = dates[0]
    if first.datatype == XSD + "gYear":  # "the 2025 Expo kicked off on Friday": that Friday
        fuller = [
            d
            for d in dates
            if d.datatype in {XSD + "date", XSD + "gYearMonth"} and d.value[:4] == first.value
        ]
        if fuller:
            return fuller[0]
    days = [d for d in dates if d.datatype == XSD + "gMonthDay"]
    years = {d.value for d in dates if d.datatype == XSD + "gYear"}
    if first.datatype not in {XSD + "gYear", XSD + "gMonthDay"} or not days or len(years) != 1:
        return first
    day, year = days[0], years.pop()
    try:
        value = datetime.date(int(year), int(day.value[2:4]), int(day.value[5:7]))
    except ValueError:  # February 29 of a year without one
        return first
    return Date(value.isoformat(), XSD + "date", f"{day.text} {year}")


def _event_date(head: Token, trigger: Token | None, anchor: Date | None):
    """A DATE entity attached to the event noun, to the verb that introduces it or to the verb
    it is the place of ("said at a forum ... on Nov. 9"); a relative one resolved against
    ``anchor``, the document's date."""
    candidates = [t for t in head.subtree]
    verbs = [] if trigger is None else [trigger]
    if head.dep_ in {"nsubj", "nsubjpass"} and head.head.pos_ == "VERB":
        verbs.append(head.head)  # "on May 16, the festival hosted by X was opened at ..."
    if head.dep_ == "pobj" and head.head.dep_ == "prep":  # "said at a forum ... on Nov. 9"
        # the verb above it, where the parse hung the phrase on a noun ("announced the list at
        # a news conference ... on Tuesday")
        verbs.append(
            next((a for a in head.head.ancestors if a.pos_ in {"VERB", "AUX"}), head.head.head)
        )
    for verb in verbs:
        candidates += [
            t for c in verb.children if c.dep_ in {"prep", "npadvmod"} for t in c.subtree
        ]
    roots = {t.i for t in candidates}
    dates = [
        date
        for ent in head.doc.ents
        if ent.label_ == "DATE" and ent.root.i in roots
        if (date := parse_date(ent.text, anchor)) is not None
    ]
    if dates:
        return _with_named_year(dates)
    # "On the afternoon of September 12, A and B held a ceremony": a date the sentence opens
    # with, before its first comma, dates what happens in it whatever the parse hung it on
    sent = head.sent
    comma = next((t.i for t in sent if t.text == ","), None)
    for ent in head.doc.ents:
        if (
            ent.label_ == "DATE"
            and comma is not None
            and sent.start <= ent.start < ent.end <= comma
            and ent.start - sent.start <= 4
            and head.i > comma
        ):
            date = parse_date(ent.text, anchor)
            if date is not None:
                return date
    return None
