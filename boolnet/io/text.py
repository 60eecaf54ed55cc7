"""Read whole inputs as bytes or text and write whole outputs: the plumbing every reader and writer shares.

A reader takes a path, ``'-'`` (standard input) or an open file, text or binary.
Binary data (NUL bytes, invalid UTF-8) is refused as "not a text file" with the
place of the first bad byte, so garbage never reaches a parser.
"""
from __future__ import annotations

import os
import sys
from typing import IO, Union

from ..errors import ParseError
from .atomic import atomic_write

__all__ = ["Source", "Target", "read_bytes", "decode", "read_text", "check_text",
           "write_text"]

#: What a reader accepts: a path, '-' for standard input, or an open file.
Source = Union[str, "os.PathLike[str]", IO]
#: What a writer accepts: a path, '-' for standard output, or an open file.
Target = Union[str, "os.PathLike[str]", IO]


def read_bytes(source: Source) -> tuple[bytes, str]:
    """Read a whole path, '-' or open file; return (bytes, display name)."""
    if hasattr(source, "read"):
        name = str(getattr(source, "name", "<input>"))
        data = source.read()
    elif os.fspath(source) == "-":
        name = "<stdin>"
        stream = getattr(sys.stdin, "buffer", sys.stdin)
        data = stream.read()
    else:
        name = os.fspath(source)
        with open(name, "rb") as fh:
            data = fh.read()
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogateescape")
    return data, name


def decode(data: bytes, source: str | None = None) -> str:
    """Decode UTF-8 (a BOM is dropped); NUL bytes or invalid UTF-8 raise ParseError 'not a text file'."""
    nul = data.find(b"\0")
    if nul >= 0:
        raise ParseError(f"not a text file: byte {nul} is a NUL byte", source,
                         data.count(b"\n", 0, nul) + 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(f"not a text file: byte {exc.start} is not valid UTF-8 ({exc.reason})",
                         source, data.count(b"\n", 0, exc.start) + 1) from None


def read_text(source: Source) -> tuple[str, str]:
    """Read a whole path, '-' or open file as text; return (text, display name)."""
    data, name = read_bytes(source)
    return decode(data, name), name


def check_text(text: str, source: str | None = None) -> str:
    """Refuse text that holds NUL characters (binary data read as text); return it unchanged."""
    nul = text.find("\0")
    if nul >= 0:
        raise ParseError(f"not a text file: character {nul} is a NUL byte", source,
                         text.count("\n", 0, nul) + 1)
    return text


def write_text(text: str, target: Target) -> None:
    """Write text whole to a path (via a temporary file and a rename), '-' or an open file."""
    if hasattr(target, "write"):
        try:
            target.write(text)
        except TypeError:  # a binary stream
            target.write(text.encode("utf-8"))
        return
    with atomic_write(target) as fh:
        fh.write(text)
