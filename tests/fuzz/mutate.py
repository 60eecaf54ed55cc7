"""Seeded mutations of text files: bytes, lines and the tokens a format cares about."""
from __future__ import annotations

import random
import re

#: Fragments a hostile file might hold: line ends of every kind, NUL, broken UTF-8,
#: numbers out of range or in other scripts, comment marks and long runs.
NASTY = ["\r", "\r\n", "\n", "\0", "\t", " ", "#", "-", "~", "|", ",", ">", "=", "(", ")",
         "²", "٣", "\u00a0", "\ufeff", "\u2028", "é", "\udcff", "0", "1", "2", "4",
         "18446744073709551616", "-1", "1e400", "99999999999", "1100", "28", "0x",
         ".i", ".o", ".p", ".ob", ".ilb", ".type fdr", ".type dr", ".e", ".mv", "~" * 300,
         "0" * 2000, "a" * 140_000]

_NUMBER = re.compile(r"\d+")


def mutate(text: str, rng: random.Random, rounds: int | None = None) -> str:
    """Apply 1-3 random edits to text (byte-level, line-level or token-level)."""
    for _ in range(rounds or rng.randint(1, 3)):
        text = rng.choice(_EDITS)(text, rng)
    return text


def _insert(text, rng):
    at = rng.randint(0, len(text))
    return text[:at] + rng.choice(NASTY) + text[at:]


def _delete(text, rng):
    if not text:
        return text
    a = rng.randint(0, len(text) - 1)
    return text[:a] + text[a + rng.randint(1, 40):]


def _duplicate(text, rng):
    if not text:
        return text
    a = rng.randint(0, len(text) - 1)
    piece = text[a:a + rng.randint(1, 200)]
    return text[:a] + piece * rng.randint(2, 5) + text[a:]


def _truncate(text, rng):
    return text[:rng.randint(0, len(text))]


def _swap_lines(text, rng):
    lines = text.split("\n")
    if len(lines) > 1:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def _number(text, rng):
    spots = list(_NUMBER.finditer(text))
    if not spots:
        return _insert(text, rng)
    m = rng.choice(spots)
    new = rng.choice(["0", "1", "2", "29", "64", "65", "1024", "100000000", "²", "-3",
                      str(int(m.group()) + rng.randint(-2, 2)), "18446744073709551616"])
    return text[:m.start()] + new + text[m.end():]


def _line_ends(text, rng):
    return text.replace("\n", rng.choice(["\r", "\r\n", "\n\n", " \\\n"]))


def _flip(text, rng):
    if not text:
        return text
    a = rng.randrange(len(text))
    return text[:a] + chr(rng.choice([0x30, 0x31, 0x2D, 0x7E, 0x20, 0x23, 0x2E, 0x41, 0x3E])) \
        + text[a + 1:]


_EDITS = [_insert, _delete, _duplicate, _truncate, _swap_lines, _number, _number, _line_ends,
          _flip, _flip]


def to_bytes(text: str) -> bytes:
    """Encode, keeping lone surrogates as broken UTF-8 bytes (a hostile file may hold them)."""
    return text.encode("utf-8", errors="surrogateescape" if "\udcff" not in text else
                       "surrogatepass")
