"""Undo machine-translation and extraction noise without moving a single character.

Normalised text has exactly the length of the original, so every character offset the
pipeline reports points into the original text too.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\b[^\W\d_]+\b")
_CAPS_RUN = re.compile(r"\b[A-Z]{2,}(?:[ ]+[A-Z]{2,}\b)*")


def normalize_text(text: str) -> str:
    """Re-case shouted words by how the same document writes them elsewhere.

    A run of all-capitals words is rewritten in title case where the document also writes that
    run in title case ("CHINA MOBILE" -> "China Mobile"); otherwise each word of four or more
    letters is lower-cased where the document also has it in lower case ("INFORMATION and
    communication"). Acronyms ("NDRC") never occur in lower case and stay as they are. The
    result has the same length as ``text``.
    """
    if text.isupper():
        return text
    words = {m.group(0) for m in _WORD.finditer(text)}

    def fold_run(match: re.Match[str]) -> str:
        run = match.group(0)
        tokens = run.split(" ")
        out = list(tokens)
        i = 0
        while i < len(tokens):
            # longest sub-run starting at i that the document also writes in title case
            for j in range(len(tokens), i, -1):
                chunk = [t for t in tokens[i:j] if t]
                if chunk and (len(chunk) >= 2 or len(chunk[0]) >= 4):
                    titled = " ".join(w.title() for w in chunk)
                    if (len(chunk) >= 2 and titled in text) or (
                        len(chunk) == 1 and titled in words and chunk[0].lower() not in words
                    ):
                        for k in range(i, j):
                            out[k] = tokens[k].title()
                        i = j
                        break
            else:
                word = tokens[i]
                if len(word) >= 4 and word.lower() in words:
                    out[i] = word.lower()
                i += 1
        return " ".join(out)

    return _CAPS_RUN.sub(fold_run, text)
