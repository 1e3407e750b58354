"""Bytes to text: which encoding a file is in, decided without extra dependencies.

An ordered trial, first fit wins: a byte order mark (UTF-8, UTF-32, UTF-16); NUL bytes (UTF-16
without a mark when they fall on every other byte, otherwise a binary file); strict UTF-8;
UTF-8 with a few bad bytes when most of it is valid UTF-8; GB18030 (which covers GBK and GB2312)
when it decodes and reads as Chinese; Windows-1252 or Latin-1, which decode anything.
Each choice other than plain UTF-8 comes with a note saying which encoding was used.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

SNIFF_BYTES = 8192
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
# Control characters that do not occur in text (tab, line breaks and form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_C1 = re.compile(rb"[\x80-\x9f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SAMPLE_CHARS = 100_000


@dataclass(frozen=True)
class Decoded:
    """Text and the encoding it was decoded from; ``note`` says so when it was not UTF-8."""

    text: str
    encoding: str
    note: str | None = None


class BinaryData(ValueError):
    """The bytes are not text; the message says why."""


def decode_bytes(data: bytes, *, partial: bool = False) -> Decoded:
    """The text of ``data`` and its encoding, or :class:`BinaryData` when it is not text.

    ``partial`` says that ``data`` is the start of a longer stream, so a character cut at its
    end is no decoding error.

    >>> decode_bytes("部".encode("gb18030")).note
    'decoded as GB18030 (not UTF-8)'
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            if name == "UTF-32" and not _decodes(body, codec, partial):
                continue  # FF FE 00 00 may also be UTF-16 starting with a NUL
            return _lenient(body, codec, name, "byte order mark", partial)
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        codec = _utf16_by_nuls(head)
        if codec is None or not _decodes(data, codec, partial):
            raise BinaryData("binary file (contains NUL bytes)")
        name = codec.upper().replace("-LE", "LE").replace("-BE", "BE")
        decoded = _lenient(data, codec, name, "no byte order mark; told by its NUL bytes", partial)
        _refuse_control(decoded.text)
        return decoded
    try:
        decoded = Decoded(_decode(data, "utf-8", partial), "utf-8")
    except UnicodeDecodeError:
        decoded = _mostly_utf8(data, partial) or _chinese(data, partial) or _eight_bit(data)
    _refuse_control(decoded.text)
    return decoded


def _decode(data: bytes, codec: str, partial: bool, errors: str = "strict") -> str:
    return codecs.getincrementaldecoder(codec)(errors).decode(data, final=not partial)


def _decodes(data: bytes, codec: str, partial: bool) -> bool:
    try:
        _decode(data, codec, partial)
    except UnicodeDecodeError:
        return False
    return True


def _lenient(data: bytes, codec: str, name: str, why: str, partial: bool) -> Decoded:
    """Decoded with a known encoding; bytes that do not fit are replaced and counted."""
    try:
        return Decoded(
            _decode(data, codec, partial),
            codec,
            None if name == "UTF-8" else f"decoded as {name} ({why})",
        )
    except UnicodeDecodeError as exc:
        text = _decode(data, codec, partial, "replace")
        bad = text.count("\ufffd")
        note = f"decoded as {name} ({why}); {bad} invalid byte sequence(s) replaced, the first at offset {exc.start}"
        return Decoded(text, codec, note)


def _utf16_by_nuls(head: bytes) -> str | None:
    """UTF-16 without a byte order mark: mostly-ASCII text has a NUL in every other byte."""
    even, odd = head[0::2], head[1::2]
    if not even or not odd:
        return None
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd > 0.5 and nul_even < 0.02:
        return "utf-16-le"
    if nul_even > 0.5 and nul_odd < 0.02:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes, partial: bool) -> Decoded | None:
    """UTF-8 with a few broken bytes: valid multi-byte characters far outnumber invalid bytes."""
    text = _decode(data, "utf-8", partial, "replace")
    bad = text.count("\ufffd")
    good = len(_NON_ASCII.findall(text)) - bad
    if good < 4 * bad:
        return None
    try:
        _decode(data, "utf-8", partial)
        first = 0
    except UnicodeDecodeError as exc:
        first = exc.start
    note = f"not valid UTF-8: {bad} invalid byte sequence(s) replaced, the first at offset {first}"
    return Decoded(text, "utf-8", note)


def _chinese(data: bytes, partial: bool) -> Decoded | None:
    """GB18030 (a superset of GBK and GB2312) when the text reads as Chinese.

    Text in a Latin encoding often decodes as GB18030 too, but into rare characters: Chinese
    text is mostly in the common GB2312 set.
    """
    try:
        text = _decode(data, "gb18030", partial)
    except UnicodeDecodeError:
        return None
    chars = _NON_ASCII.findall(text[:_SAMPLE_CHARS])
    common = sum(1 for c in chars if _in_gb2312(c))
    if not chars or common < 0.8 * len(chars):
        return None
    return Decoded(text, "gb18030", "decoded as GB18030 (not UTF-8)")


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _eight_bit(data: bytes) -> Decoded:
    """Windows-1252 when it has its typographic characters (bytes 0x80-0x9F), else Latin-1."""
    if _C1.search(data) and not _CP1252_UNDEFINED.search(data):
        return Decoded(data.decode("cp1252"), "cp1252", "decoded as Windows-1252 (not UTF-8)")
    return Decoded(data.decode("latin-1"), "latin-1", "decoded as Latin-1 (not UTF-8)")


def _refuse_control(text: str) -> None:
    sample = text[:SNIFF_BYTES]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise BinaryData("binary file (control characters)")
