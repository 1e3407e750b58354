"""A synthetic news corpus of any size, composed from real paragraphs read at run time.

The paragraphs come from ``seeds/*.txt`` and ``../shared/corpus/dev/*.txt`` (never copied into
the repository): blank-line separated, whitespace collapsed, fragments under ``--min-words``
(table noise, captions, headings) dropped, and paragraphs over ``MAX_PARAGRAPH_WORDS`` (PDF text
with no blank lines) cut at sentence ends. Each document draws paragraphs at random, without
repeats, until it reaches a length drawn from ``--words``; it opens with a headline (the opening
words of its first paragraph and its number) and a dateline, so that every document is unique
(a store skips texts it already holds) and has the header a news article has.

One ``.txt`` file per document, ``doc-000001.txt`` ...: what ``kg build FOLDER`` reads in
practice, and the baseline reads the same files. The same sources, ``--docs``, ``--seed`` and
``--words`` give the same bytes; ``.corpus.json`` in the folder records them (ingest passes over
hidden files), and a folder whose record matches is reused rather than written again.

    .venv/bin/python bench/make_corpus.py --docs 1000 --out /tmp/kg-corpus/1000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "seeds", ROOT.parent / "shared" / "corpus" / "dev")
MANIFEST = ".corpus.json"
MAX_PARAGRAPH_WORDS = 150
HEADLINE_WORDS = 8

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")


def source_files(sources: tuple[Path, ...] = SOURCES) -> list[Path]:
    files = sorted(p for folder in sources for p in folder.glob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt files in {', '.join(map(str, sources))}")
    return files


def paragraphs(files: list[Path], min_words: int = 15) -> list[str]:
    """Prose paragraphs of the files, long ones cut at sentence ends into pieces of ~60-150 words."""
    out = []
    for path in files:
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            text = " ".join(block.split())
            if len(text.split()) < min_words:
                continue
            out.extend(_pieces(text))
    return out


def _pieces(text: str) -> list[str]:
    if len(text.split()) <= MAX_PARAGRAPH_WORDS:
        return [text]
    pieces, current = [], []
    for sentence in _SENTENCE_END.split(text):
        current.append(sentence)
        if sum(len(s.split()) for s in current) >= MAX_PARAGRAPH_WORDS * 0.4:
            pieces.append(" ".join(current))
            current = []
    if current:
        if pieces and len(" ".join(current).split()) < 15:
            pieces[-1] += " " + " ".join(current)
        else:
            pieces.append(" ".join(current))
    return pieces


def compose(i: int, rng: random.Random, pool: list[str], words: tuple[int, int]) -> str:
    """Document number ``i``: headline, dateline, then paragraphs up to a drawn length."""
    target = rng.randint(*words)
    chosen: list[str] = []
    count = 0
    for index in rng.sample(range(len(pool)), len(pool)):
        paragraph = pool[index]
        n = len(paragraph.split())
        if chosen and count + n > target * 1.15:
            continue  # too long to fit; a shorter one may
        chosen.append(paragraph)
        count += n
        if count >= target:
            break
    opening = " ".join(chosen[0].split()[:HEADLINE_WORDS]).rstrip(",;:.")
    day = date(2019, 1, 1) + timedelta(days=rng.randrange(730))
    return f"{opening} (report {i})\n\nDate: {day.isoformat()}\n\n" + "\n\n".join(chosen) + "\n"


def make_corpus(
    docs: int, out: Path, *, seed: int = 1, words: tuple[int, int] = (250, 500)
) -> dict:
    """Write ``docs`` documents into ``out`` (reused when already written the same way)."""
    files = source_files()
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    record = {
        "docs": docs,
        "seed": seed,
        "words": list(words),
        "sources": [str(p) for p in files],
        "sources_sha256": digest.hexdigest(),
    }
    manifest = out / MANIFEST
    if manifest.is_file():
        old = json.loads(manifest.read_text())
        if {k: old.get(k) for k in record} == record:
            return old
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    pool = paragraphs(files)
    rng = random.Random(seed)
    total_words = total_bytes = 0
    for i in range(1, docs + 1):
        text = compose(i, rng, pool, words)
        data = text.encode("utf-8")
        (out / f"doc-{i:06d}.txt").write_bytes(data)
        total_words += len(text.split())
        total_bytes += len(data)
    record.update(
        paragraphs=len(pool),
        total_words=total_words,
        total_bytes=total_bytes,
        mean_words=round(total_words / docs, 1),
    )
    manifest.write_text(json.dumps(record, indent=2) + "\n")
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True, help="folder (outside the repository)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--words", type=int, nargs=2, default=(250, 500), metavar=("MIN", "MAX"))
    args = parser.parse_args(argv)
    record = make_corpus(args.docs, args.out, seed=args.seed, words=tuple(args.words))
    print(json.dumps({k: v for k, v in record.items() if k != "sources"}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
