"""Mentions to entities within one document: one entity per real thing.

Mentions of the same thing are merged by general rules: the same name in any casing; a
person's family or given name alone, titled or not ("Mr. Qiao"); an acronym the text defines;
a truncated organisation name that is a prefix of a longer one, or the longer one without the
place it begins with ("Municipal Bureau of Commerce"); a company's unit named by the company
and a place ("China Mobile Guizhou") and by a unit noun ("China Mobile's Guizhou branch"); a
place with or without its designation ("Guizhou Province"); a lexicon concept under any of its
labels. The canonical label is the fullest name; every other surface form becomes an alias.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.model import Document, Entity, Evidence, entity_key, key_group
from kg.nlp.classes import facility_head, group_of, kind_after_place, without_kind_noun
from kg.nlp.datelines import DATELINE_AGENCY
from kg.nlp.lexicon import Lexicon
from kg.nlp.mentions import SPANS_KEY, described_by
from kg.nlp.names import REGIONAL_RULE
from kg.nlp.portfolios import RULE as PORTFOLIO_RULE
from kg.nlp.portfolios import portfolio_name
from kg.nlp.units import RULE as UNIT_RULE
from kg.nlp.units import UNIT_CLASS, owner_end
from kg.nlp.units import owner as unit_owner
from kg.nlp.words import Sentences

#: How far a mention rule is trusted (the statistical NER's figure is its published F-score).
RULE_CONFIDENCE = {
    "lexicon": 0.9,
    "acronym": 0.9,
    "ner": 0.85,
    "person.name-repeat": 0.85,
    "person.name-part": 0.8,
    "facility.head": 0.7,
    "unit.owned": 0.75,
    "person.appos-role": 0.8,
    "person.role-name": 0.75,
    "person.family-name": 0.7,
}
DEFAULT_PATTERN_CONFIDENCE = 0.7


@dataclass
class _Cluster:
    group: str
    spans: list[Span] = field(default_factory=list)
    names: Counter = field(default_factory=Counter)
    classes: Counter = field(default_factory=Counter)
    concept: str | None = None
    fixed_label: str | None = None
    written: set[str] = field(default_factory=set)  # forms that are aliases, never the label


@dataclass(frozen=True)
class Resolution:
    """Entities of a document, for each token inside a mention its entity's key, and the owner
    of each unit mention (read once here, used by kg.relate too)."""

    entities: tuple[Entity, ...]
    token_entity: dict[int, str]
    #: (start, end) of each unit mention -> (start, end) of the mention of its owner
    unit_owners: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)


def sentence_evidence(
    doc: Doc,
    document: Document,
    start: int,
    end: int,
    rule: str,
    confidence: float,
    sentences: Sentences | None = None,
) -> Evidence:
    """Evidence for the token span [start, end): its sentence as written in the original text
    (the sentences, should the span cross a sentence boundary). ``sentences``: the doc's, when
    the caller makes evidence for many spans."""
    if sentences is None:
        first, last = doc[start].sent, doc[end - 1].sent
        begin, stop = first.start_char, max(first.end_char, last.end_char)
    else:
        begin, stop = sentences.text_span(start, end)
    return Evidence(
        doc_id=document.id,
        sentence=document.text[begin:stop].strip(),
        start=doc[start].idx,
        end=doc[end - 1].idx + len(doc[end - 1].text),
        rule=rule,
        confidence=confidence,
    )


def resolve(doc: Doc, document: Document, lexicon: Lexicon) -> Resolution:
    """Group the document's mentions into entities."""
    spans: list[Span] = list(doc.spans[SPANS_KEY])
    acronyms = {a: (s, e) for a, s, e in doc._.kg_acronyms}
    concepts = {t.concept: t for t in lexicon.terms}
    clusters: dict[str, _Cluster] = {}
    span_cluster: dict[int, str] = {}  # span index -> cluster id

    def add(i: int, cid: str, group: str, name: str) -> None:
        cluster = clusters.setdefault(cid, _Cluster(group))
        cluster.spans.append(spans[i])
        if spans[i].id_ not in {"coref.definite", PORTFOLIO_RULE}:  # references, not names
            cluster.names[name] += 1
        cluster.classes[spans[i].label_] += 1
        span_cluster[i] = cid

    # 1. names that stand on their own: full names, long forms, lexicon concepts
    deferred = []
    unit_owners: dict[tuple[int, int], tuple[int, int]] = {}
    for i, span in enumerate(spans):
        group = group_of(span.label_)
        name = _surface(span, lexicon)
        written = None
        if span.id_ == UNIT_RULE and (owner := unit_owner(span, spans)) is not None:
            unit_owners[(span.start, span.end)] = (owner.start, owner.end)
            if owner.end == span.start:  # "China Unicom Zhejiang Branch", as the text has it
                written = f"{_surface(owner, lexicon)} {name}"
            elif owner.end < span.start and owner_end(span.doc, span.start) < owner.end:
                # "Huaxin Networks Corporation Limited Hunan Branch": the owner's legal suffix between
                written = " ".join(span.doc[owner.start : span.end].text.split())
            elif owner.end + 1 == span.start and span.doc[owner.end].tag_ == "POS":
                written = f"{_surface(owner, lexicon)}'s {name}"  # "China Telecom's Hunan branch"
            else:  # "its Inner Mongolia branch", "the Hunan branch", the owner named apart
                written = name
            name = f"{name} of {_surface(owner, lexicon)}"  # one Guangdong branch per owner
        elif span.id_ == PORTFOLIO_RULE:  # "minister of commerce": the Ministry of Commerce
            name = portfolio_name(span, lexicon) or name
        defined = span.text in acronyms and acronyms[span.text] != (span.start, span.end)
        if (
            span.id_ in {"acronym", "coref.definite"}
            or defined
            or (group == "Person" and len(name.split()) == 1)  # "Qiao", "Mr. Qiao"
        ):
            deferred.append(i)
            continue
        if not span.kb_id_ and group == "Organization":
            # "China Tower Corp.", "Huawei Technologies Co., Ltd.": a known name and a suffix
            base = _without_company_suffix(name)
            known = lexicon.org_forms.get(base.casefold()) if base != name else None
            if known is not None:  # the known organisation, of its class
                cls = concepts[known].cls if known in concepts else span.label_
                span = Span(span.doc, span.start, span.end, label=cls, kb_id=known)
                spans[i] = span
        forms = lexicon.concept_forms.get(span.kb_id_, frozenset())
        if forms and (
            name.casefold() in forms or _without_company_suffix(name).casefold() in forms
        ):
            cid = span.kb_id_
            clusters.setdefault(
                cid, _Cluster(group, concept=span.kb_id_, fixed_label=concepts[cid].label)
            )
        else:
            cid = f"{group}:{_fold(_without_kind(name, group, lexicon))}"
        add(i, cid, group, name)
        if written is not None:
            clusters[cid].written.add(written)
        if span.kb_id_:
            clusters[cid].concept = span.kb_id_

    # 2. acronyms and lone given/family names attach to the cluster they stand for
    for i in deferred:
        span = spans[i]
        group = group_of(span.label_)
        name = _surface(span, lexicon)
        target = None
        if span.id_ == "coref.definite":
            # "the company", when the text defined it: "(hereinafter ... “the company”)"
            start, end = acronyms.get(span.text.lower(), (None, None))
            target = next(
                (span_cluster[j] for j, s in enumerate(spans) if (s.start, s.end) == (start, end)),
                None,
            ) or _antecedent(span, spans, span_cluster, clusters, lexicon)
            if target is None:
                continue  # "the company" with nothing to refer to is no entity
        elif span.id_ == "acronym" or span.text in acronyms:
            start, end = acronyms.get(span.text, (None, None))
            target = next(
                (span_cluster[j] for j, s in enumerate(spans) if (s.start, s.end) == (start, end)),
                None,
            )
        elif group == "Person":
            target = _person_for_part(name, clusters)
            if target is None and not _stands_alone(span, lexicon):
                continue  # a lone name part of nobody named in full is too weak to be an entity
        add(i, target or f"{group}:{_fold(name)}", group, name)

    # 3. a truncated organisation name joins the one longer name it is a prefix of
    _merge_prefixes(clusters, span_cluster)
    _merge_without_place(clusters, span_cluster)
    _merge_regional_names(clusters, span_cluster)

    entities = []
    token_entity: dict[int, str] = {}
    sentences = Sentences.of(doc)
    place = [False] * len(doc)
    for cluster in clusters.values():
        if not cluster.spans:
            continue
        entity = _entity(cluster, doc, document, sentences)
        entities.append(entity)
        is_place = key_group(entity.key) == "Place"
        for span in cluster.spans:
            for i in range(span.start, span.end):
                token_entity[i] = entity.key
                place[i] = is_place
    for noun, name in kind_after_place(doc, place, lexicon.kinds).items():
        token_entity[noun] = token_entity[name]  # "Zhejiang province": the place Zhejiang
    return Resolution(tuple(sorted(entities, key=lambda e: e.key)), token_entity, unit_owners)


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


#: words that end a company's registered name and not its common one ("Co., Ltd.", "Corp.")
_COMPANY_SUFFIXES = (
    "co., ltd.",
    "co., ltd",
    "co. ltd.",
    "co.,ltd.",
    "company limited",
    "corporation limited",
    "corp.",
    "corp",
    "corporation",
    "co.",
    "ltd.",
    "ltd",
    "limited",
    "inc.",
    "inc",
)


def _without_company_suffix(name: str) -> str:
    """A company's name without the legal suffixes it may be written with ("China Telecom Corp
    Ltd": both)."""
    low = name.casefold()
    for suffix in _COMPANY_SUFFIXES:
        if low.endswith(" " + suffix) or low.endswith("," + suffix):
            return _without_company_suffix(name[: len(name) - len(suffix)].rstrip(" ,"))
    return name


def _without_kind(name: str, group: str, lexicon: Lexicon) -> str:
    """A place's name without the kind noun written after it: "Guizhou province" is the place
    "Guizhou"."""
    return (
        without_kind_noun(name, lexicon.kinds, lexicon.designations) if group == "Place" else None
    ) or name


def _surface(span: Span, lexicon: Lexicon) -> str:
    """The name a mention gives, with the facility head put back ("Huoshenshan" -> "Huoshenshan hospital")."""
    if group_of(span.label_) == "Person":  # "Mr. Smith" is named "Smith"
        titles = 0
        while titles < len(span) - 1 and span[titles].text.rstrip(".") in lexicon.name_titles:
            titles += 1
        span = span[titles:]
    text = " ".join(span.text.split())
    if span.id_ == DATELINE_AGENCY:  # "/PRNewswire/": the closing slash is on the name's word
        text = text.rstrip("/")
    if span.id_ == "facility.head":
        if facility_head(span[-1], lexicon.facility_heads):
            return text  # "Xiangya Hospital", "... Convention Center": the head is in the name
        head = span.root.head
        while not facility_head(head, lexicon.facility_heads) and head.head.i != head.i:
            head = head.head
        return f"{text} {facility_head(head, lexicon.facility_heads) or head.lemma_.lower()}"
    return text


def _stands_alone(span: Span, lexicon: Lexicon) -> bool:
    """A one-word name the statistical model itself tags as a person ("Oswald fired at Kennedy"),
    or that the text calls a person ("Tal, a senior official"; "Cheek, 53,"): a person of its
    own even when the text never gives the full name, unless it is a common family name of the
    lexicon, which alone names nobody in particular ("Wei")."""
    word = span[0]
    return (
        ((span.id_ == "ner" and word.pos_ == "PROPN") or span.id_ in STRONG_PERSON_RULES)
        and word.is_title
        and word.text not in lexicon.family_names
    )


#: mention rules whose evidence alone makes a one-word name a person's
STRONG_PERSON_RULES = frozenset({"kind", "person.age"})


def _person_for_part(part: str, clusters: dict[str, _Cluster]) -> str | None:
    folded = part.casefold()
    hits = [
        cid
        for cid, c in clusters.items()
        if c.group == "Person"
        and any(
            len(n.split()) > 1 and folded in (n.split()[0].casefold(), n.split()[-1].casefold())
            for n in c.names
        )
    ]
    return hits[0] if len(hits) == 1 else None


#: dependencies of the names a clause is about (kg.agents reads them too)
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _antecedent(
    span: Span,
    spans: list[Span],
    span_cluster: dict[int, str],
    clusters: dict[str, _Cluster],
    lexicon: Lexicon,
) -> str | None:
    """The nearest organisation before ``span`` that its noun can refer to; with adjectives
    ("the municipal government"), one named with them too ("... Municipal People's
    Government")."""
    *modifiers, noun = span.text.lower().split()
    wanted = lexicon.anaphors.get(noun, frozenset())
    # the noun or a head word abbreviating it: "Co." names a company as much as "Company" does
    # ("the company" after "X Company ... Y Co., Ltd." is Y)
    heads = {noun} | {
        w.lower() for w, cls in lexicon.org_heads if cls in wanted and noun.startswith(w.lower())
    }
    by_name = by_class = by_subject = by_description = None
    for j, other in enumerate(spans):
        if other.start >= span.start:
            break
        cid = span_cluster.get(j)
        if cid is None or clusters[cid].group != "Organization":
            continue
        if any(a.i == other.root.i for a in span.root.ancestors):
            continue  # "X Co., Ltd., a subsidiary of the company": the company is not X itself
        cluster = clusters[cid]
        for described in described_by([other]):  # "X, a joint venture ...": "the joint venture"
            if described.lower_ == noun and {w.lower_ for w in described.lefts} >= set(modifiers):
                by_description = cid
        words = {w.lower().rstrip(".,") for n in cluster.names for w in n.split()}
        if not words.issuperset(modifiers):
            continue
        if words & heads:
            by_name = cid  # "the ministry" -> the last organisation named "Ministry ..."
        elif set(cluster.classes) & wanted:
            by_class = cid  # "the company" -> the last company or operator
            if _in_a_subject(other.root):
                by_subject = cid  # ... that a clause was about, or whose speaker's
    # "X said ... the second-largest after China Mobile ... the company's": the last one a
    # clause was about, rather than one named in passing
    return by_description or by_name or by_subject or by_class


#: how an organisation's name hangs on the subject it describes: "China Unicom spokesperson
#: Zhang", "Zhang, spokesperson of China Unicom"
_DESCRIBING = frozenset({"compound", "nmod", "poss", "pobj", "prep", "appos"})
_EMPLOYING = frozenset({"of", "at", "for", "with"})


def _in_a_subject(token: Token) -> bool:
    """Whether the token is a clause's subject or describes the person who is ("China Unicom"
    in "China Unicom spokesperson Zhang Lirong said ...", "Zhang, spokesperson of China
    Unicom, said ..."; not in "Revenue at Tianyi Cloud climbed")."""
    described = token
    while described.dep_ not in SUBJECTS:
        if described.dep_ not in _DESCRIBING or described.head.i == described.i:
            return False
        if described.dep_ == "prep" and described.lower_ not in _EMPLOYING:
            return False  # "the second-largest after China Mobile": named in passing
        described = described.head
    return described.i == token.i or described._.kg_group == "Person"


def _merge_prefixes(clusters: dict[str, _Cluster], span_cluster: dict[int, str]) -> None:
    """A truncated organisation name joins the one longer name it begins ("Ministry of Industry"
    and "Ministry of Industry and Information Technology"), unless the longer names a unit of
    it ("China Mobile Limited Investor Relations Department"); a unit's own name joins the unit
    named after its owner ("Industrial Internet Research Center" and "Industrial Internet
    Research Center of South China University of Technology")."""
    orgs = [cid for cid, c in clusters.items() if c.group == "Organization" and c.spans]
    units = {cid for cid in orgs if _best_class(clusters[cid]) == UNIT_CLASS}
    for short in orgs:
        short_names = [n.casefold().split() for n in clusters[short].names]
        longer = [
            cid
            for cid in orgs
            if cid != short
            and any(
                len(n.split()) > len(s) >= 2
                and n.casefold().split()[: len(s)] == s
                and s[-1] not in {"of", "and", "for"}
                and (
                    # the unit's own name, before "of" and its owner's
                    n.casefold().split()[len(s)] == "of"
                    if cid in units and short not in units
                    else len(s) >= 3
                )
                for s in short_names
                for n in clusters[cid].names
            )
        ]
        if len(longer) == 1:
            _join(clusters, span_cluster, short, longer[0])


def _merge_without_place(clusters: dict[str, _Cluster], span_cluster: dict[int, str]) -> None:
    """An organisation named without the place its one longer name begins with is that
    organisation ("Municipal Bureau of Commerce" and "Zhengzhou Municipal Bureau of Commerce",
    when Zhengzhou is a place of the document)."""
    places = {
        n.casefold() for c in clusters.values() if c.group == "Place" and c.spans for n in c.names
    }
    orgs = [cid for cid, c in clusters.items() if c.group == "Organization" and c.spans]
    for short in orgs:
        short_names = [n.casefold().split() for n in clusters[short].names]
        longer = {
            cid
            for cid in orgs
            if cid != short
            for n in clusters[cid].names
            for s in short_names
            if len(s) >= 3
            and len(n.split()) > len(s)
            and n.casefold().split()[-len(s) :] == s
            and " ".join(n.casefold().split()[: -len(s)]) in places
        }
        if len(longer) == 1:
            _join(clusters, span_cluster, short, longer.pop())


_UNIT_NAME = re.compile(r"^(?P<place>.+) \w+ of (?P<owner>.+)$")


def _merge_regional_names(clusters: dict[str, _Cluster], span_cluster: dict[int, str]) -> None:
    """A company's unit named by the company and a place ("China Mobile Guizhou") is the one
    unit the document names with the place, a unit noun and the company ("Guizhou branch of
    China Mobile")."""
    units: dict[str, set[str]] = {}
    for cid, cluster in clusters.items():
        if cluster.group == "Organization" and cluster.spans:
            for name in cluster.names:
                if (m := _UNIT_NAME.match(name)) is not None:
                    units.setdefault(f"{m['owner']} {m['place']}".casefold(), set()).add(cid)
    for cid, cluster in list(clusters.items()):
        if not any(s.id_ == REGIONAL_RULE for s in cluster.spans):
            continue
        same = {u for n in cluster.names for u in units.get(n.casefold(), ())} - {cid}
        if len(same) == 1:
            _join(clusters, span_cluster, cid, same.pop())


def _join(
    clusters: dict[str, _Cluster], span_cluster: dict[int, str], short: str, long: str
) -> None:
    """The mentions and names of cluster ``short`` become cluster ``long``'s."""
    target, source = clusters[long], clusters[short]
    target.spans += source.spans
    target.names += source.names
    target.classes += source.classes
    source.spans = []
    for i, cid in span_cluster.items():
        if cid == short:
            span_cluster[i] = long


def _entity(cluster: _Cluster, doc: Doc, document: Document, sentences: Sentences) -> Entity:
    cls = _best_class(cluster)
    label = cluster.fixed_label or _canonical(cluster, doc)
    evidence = tuple(
        sorted(
            {
                sentence_evidence(
                    doc,
                    document,
                    s.start,
                    s.end,
                    s.id_ or "ner",
                    RULE_CONFIDENCE.get(s.id_, DEFAULT_PATTERN_CONFIDENCE),
                    sentences,
                )
                for s in cluster.spans
            },
            key=lambda e: (e.start, e.end, e.rule),
        )
    )
    aliases = tuple(sorted({n for n in cluster.names if n != label} | cluster.written - {label}))
    return Entity(
        key=entity_key(cluster.group, label),
        cls=cls,
        label=label,
        aliases=aliases,
        concept=cluster.concept,
        evidence=evidence,
    )


def _best_class(cluster: _Cluster) -> str:
    """The most frequent class, preferring a specific subclass over the bare top class."""
    ranked = sorted(cluster.classes.items(), key=lambda kv: (kv[0] == cluster.group, -kv[1], kv[0]))
    return ranked[0][0]


def _canonical(cluster: _Cluster, doc: Doc) -> str:
    """The fullest, best-written name: most words, then most capitalised, then most frequent."""

    def score(name: str) -> tuple:
        words = name.split()
        acronym = len(words) == 1 and name.isupper()
        capitalised = sum(w[:1].isupper() for w in words)
        return (not acronym, len(words), capitalised, cluster.names[name], name)

    best = max(cluster.names, key=score)
    if cluster.group in {"Infrastructure", "ConsumptionForm"}:
        return _singular(best, cluster, doc)
    if cluster.group == "Person" and not all(w[:1].isupper() for w in best.split()):
        best = " ".join(w[:1].upper() + w[1:] for w in best.split())
    if cluster.group in {"Person", "Place"} and _in_capitals(best):
        best = " ".join(w.capitalize() for w in best.split())  # a byline's or dateline's
    return best


def _in_capitals(name: str) -> bool:
    """A name written in capitals, as bylines and datelines write them ("WANG XIAOLIN",
    "NEW YORK", "XI'AN"); not initials ("U.S.", "UK")."""
    words = name.split()
    return name.isupper() and all(sum(c.isalpha() for c in w) >= 3 and "." not in w for w in words)


def _singular(name: str, cluster: _Cluster, doc: Doc) -> str:
    """A term's label in singular with an ordinary first word in lower case ("Cloud conferences")."""
    span = next(s for s in cluster.spans if " ".join(s.text.split()) == name)
    words = name.split()
    last = span[-1]
    if last.tag_ in {"NNS", "NNPS"} and last.lemma_ and last.lemma_.lower() != last.lower_:
        words[-1] = last.lemma_ if not last.text[:1].isupper() else last.lemma_.title()
    if words[0][:1].isupper() and words[0][1:].islower() and span[0].is_sent_start:
        words[0] = words[0].lower()
    return " ".join(words)
