"""The visible text of an HTML page, its title and the article metadata of its <meta> tags.

Scripts, styles, templates, hidden elements and the head (but for its title) are dropped; block
elements end a line, so headings, paragraphs and list items stay separate sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_DROPPED = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object"}
_DROPPED |= {"canvas", "select", "datalist", "button"}
_HEAD_ONLY = {"meta", "link", "base", "title", "style", "script", "noscript", "template"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
_VOID |= {"track", "wbr", "param"}
_BLOCKS = {"address", "article", "aside", "blockquote", "body", "caption", "dd", "details"}
_BLOCKS |= {"dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form"}
_BLOCKS |= {"h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend"}
_BLOCKS |= {"li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody"}
_BLOCKS |= {"td", "tfoot", "th", "thead", "tr", "ul", "br"}
# <meta name|property|itemprop=...> -> metadata key.
_META = {
    "author": "byline",
    "byl": "byline",
    "article:author": "byline",
    "dc.creator": "byline",
    "date": "date",
    "pubdate": "date",
    "publish-date": "date",
    "publishdate": "date",
    "article:published_time": "date",
    "datepublished": "date",
    "dc.date": "date",
    "og:url": "url",
    "og:site_name": "publisher",
    "publisher": "publisher",
    "og:title": "title",
}
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True)
class Page:
    """What a page shows: its text (lines), its title and metadata from its head."""

    text: str
    title: str | None
    metadata: dict[str, str]


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in a <meta> tag of its first 4 KB, if any."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def read_html(markup: str) -> Page:
    """The visible text of a page, one line per block, with its title and metadata.

    >>> page = read_html("<title>Ports</title><p>One.<script>x()</script></p><p>Two.</p>")
    >>> (page.title, page.text)
    ('Ports', 'One.\\nTwo.')
    """
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.out).split("\n"))
    text = "\n".join(line for line in lines if line)
    title = " ".join("".join(parser.title).split()) or parser.meta.pop("title", None)
    parser.meta.pop("title", None)
    return Page(text=text, title=title or None, metadata=parser.meta)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.title: list[str] = []
        self.meta: dict[str, str] = {}
        self.dropped: list[str] = []  # open elements whose content is not shown
        self.in_head = False
        self.in_title = False
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k.lower(): v or "" for k, v in attrs}
        if tag == "head":
            self.in_head = True
        elif tag == "body" or (self.in_head and tag not in _HEAD_ONLY):
            self.in_head = False
        if tag == "meta":
            self._meta(attr)
        elif tag == "link" and "canonical" in attr.get("rel", "").lower().split():
            self.meta.setdefault("url", attr.get("href", "").strip())
        if tag in _VOID:
            if tag == "br" and not self.dropped:
                self.out.append("\n")
            return
        hidden = "hidden" in attr or attr.get("aria-hidden") == "true"
        hidden = hidden or "display:none" in attr.get("style", "").replace(" ", "").lower()
        if self.dropped or tag in _DROPPED or hidden:
            self.dropped.append(tag)
            return
        if tag == "title" and not self.title:
            self.in_title = True
        if tag == "pre":
            self.pre += 1
        if tag in _BLOCKS:
            self.out.append("\n")
        elif tag in {"td", "th"}:
            self.out.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.dropped:
            if tag in self.dropped:
                while self.dropped.pop() != tag:
                    pass
            return
        if tag == "head":
            self.in_head = False
        elif tag == "title":
            self.in_title = False
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in _BLOCKS:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if self.dropped:
            return
        if self.in_title:
            self.title.append(data)
        elif not self.in_head:
            self.out.append(data if self.pre else _SPACE.sub(" ", data))

    def _meta(self, attr: dict[str, str]) -> None:
        name = (attr.get("name") or attr.get("property") or attr.get("itemprop") or "").lower()
        key = _META.get(name.strip())
        value = " ".join(attr.get("content", "").split())
        if key and value:
            self.meta.setdefault(key, value)
