"""Organisations named by a portfolio: "Zhang Yunming, vice minister of industry and information
technology" holds a post in the Ministry of Industry and Information Technology.

After a role word whose holder heads an organisation by portfolio (the lexicon's
``kg:portfolioOf``: a minister heads a Ministry), the "of" phrase names that organisation when
"<head> of <phrase>" is an organisation the lexicon knows or the document names. The phrase
becomes a mention of it (rule ``org.portfolio``), so the post patterns link the person to it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.nlp.classes import group_of
from kg.nlp.lexicon import Lexicon
from kg.nlp.words import Words

RULE = "org.portfolio"


def portfolio_mentions(doc: Doc, spans: list[Span], words: Words, lexicon: Lexicon) -> list[Span]:
    """Mentions of the organisations "<role> of <phrase>" names (see the module)."""
    roles = lexicon.portfolios
    at = [i for i, w in enumerate(words.lower) if w in roles]
    if not at:
        return []
    known = _known_organisations(spans, lexicon)
    found = []
    for token in (doc[i] for i in at):
        head = lexicon.portfolios.get(token.lower_)
        prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if head is None or prep is None:
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        # the phrase as parsed, or the mention the pobj opens (the parse may attach the last
        # conjunct elsewhere: "Minister of Industry and Information Technology")
        phrases = [doc[obj.left_edge.i : obj.right_edge.i + 1]]
        phrases += [s for s in spans if s.start == obj.i]
        # or the words written after "of", however parsed: "Vice Minister of Industry and
        # Information Technology Wang Jianhua" (the name after them is no part of it)
        phrases += [doc[obj.i : end] for end in _written_ends(doc, obj.i, spans)]
        for phrase in phrases:
            target = known.get(f"{head} of {phrase.text}".casefold())
            if target is not None:
                cls, concept = target
                found.append(
                    Span(doc, phrase.start, phrase.end, label=cls, kb_id=concept, span_id=RULE)
                )
                break
    return found


def _written_ends(doc: Doc, start: int, spans: list[Span]) -> list[int]:
    """Ends of the runs of capitalised words (and "and", "of") from ``start``, longest first,
    stopping at a person's name."""
    people = {i for s in spans if group_of(s.label_) == "Person" for i in range(s.start, s.end)}
    end = start
    while (
        end < len(doc)
        and end - start < 10
        and end not in people
        and (doc[end].is_title or doc[end].lower_ in {"and", "of", "&"})
    ):
        end += 1
    return list(range(end, start + 1, -1))


def portfolio_name(span: Span, lexicon: Lexicon) -> str | None:
    """ "Ministry of Industry and Information Technology" for the ``org.portfolio`` mention
    "industry and information technology" after "minister of"."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ != "of":
        return None
    head = lexicon.portfolios.get(doc[span.start - 2].lower_)
    return None if head is None else f"{head} of {span.text}"


def _known_organisations(spans: list[Span], lexicon: Lexicon) -> dict[str, tuple[str, str]]:
    """Folded name -> (class, concept) of the lexicon's organisations and the document's."""
    known = {
        form.casefold(): (term.cls, term.concept)
        for term in lexicon.terms
        if group_of(term.cls) == "Organization"
        for form in term.forms
    }
    for span in spans:
        if group_of(span.label_) == "Organization":
            known.setdefault(span.text.casefold(), (span.label_, span.kb_id_))
    return known
