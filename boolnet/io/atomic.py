"""Write files whole or not at all: to a temporary file beside the target, then rename."""
from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from typing import IO, Iterator

__all__ = ["atomic_write", "open_text"]


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8"
                 ) -> Iterator[IO]:
    """Open a temporary file next to ``path``; on success rename it over ``path``, on error delete it.

    ``path`` '-' writes to standard output instead.
    """
    if str(path) == "-":
        stream = sys.stdout.buffer if "b" in mode else sys.stdout
        yield stream
        stream.flush()
        return
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".boolnet-", suffix=".tmp", dir=folder)
    try:
        # mkstemp makes the file private (0600); a written result gets the mode open() would give.
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding,
                       newline=None if "b" in mode else "") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_for(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o7777  # replacing a file keeps its mode
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def open_text(source, what: str = "input") -> Iterator[tuple[IO, str]]:
    """Yield (text stream, display name) for a path, '-' (stdin) or an open file."""
    if hasattr(source, "read"):
        yield source, getattr(source, "name", f"<{what}>")
        return
    name = os.fspath(source)
    if name == "-":
        yield sys.stdin, "<stdin>"
        return
    with open(name, "r", encoding="utf-8", newline="") as fh:
        yield fh, name
