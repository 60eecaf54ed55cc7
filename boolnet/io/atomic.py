"""Write files whole or not at all: to a temporary file beside the target, then rename.

What a target may be:

* a regular file, or a name not yet taken: written to a temporary file in the same
  folder, then renamed over it (the old file and its mode survive a failure);
* a symbolic link: **followed**. The file it points to is replaced as above and the
  link stays a link (a dangling link gets its target created);
* a character or block device, a FIFO or a socket: written straight through, never
  replaced (``-o /dev/null`` stays the device, ``-o fifo`` feeds its reader); no
  rename is possible there, so such a write is not atomic;
* a directory: refused.

Errors name the target the user gave, never the temporary file.
"""
from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from typing import IO, Iterator

__all__ = ["atomic_write", "open_text", "check_target"]


def _resolve(path: str) -> tuple[str, os.stat_result | None]:
    """The file a path names after following symlinks, and its status (None if absent)."""
    real = os.path.realpath(path)
    try:
        return real, os.stat(real)
    except OSError:
        return real, None


def check_target(path: str | os.PathLike | None, what: str = "output") -> None:
    """Refuse an output path that cannot be written, before any work is done (-> None).

    '-' and None pass. The message names ``path`` as given: a directory, a missing
    folder, a folder or file without write permission.
    """
    if path is None or str(path) == "-" or hasattr(path, "write"):
        return
    shown = os.fspath(path)
    real, st = _resolve(shown)
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, f"the {what} is a directory", shown)
    if st is not None and not stat.S_ISREG(st.st_mode):
        if not os.access(real, os.W_OK):
            raise PermissionError(errno.EACCES, f"the {what} is not writable", shown)
        return  # a device or FIFO: written straight through
    folder = os.path.dirname(real) or "."
    if not os.path.isdir(folder):
        raise FileNotFoundError(errno.ENOENT, f"the folder of the {what} does not exist", shown)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PermissionError(errno.EACCES, f"cannot create files in the folder of the {what}",
                              shown)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8"
                 ) -> Iterator[IO]:
    """Open a temporary file next to ``path``; on success rename it over ``path``, on error delete it.

    ``path`` '-' writes to standard output instead. Symlinks are followed (the file
    they point to is replaced, the link stays); devices and FIFOs are written straight
    through, never replaced; a directory is refused (see the module docstring).
    """
    if str(path) == "-":
        stream = sys.stdout.buffer if "b" in mode else sys.stdout
        yield stream
        stream.flush()
        return
    shown = os.fspath(path)
    real, st = _resolve(shown)
    text = dict(encoding=None if "b" in mode else encoding, newline=None if "b" in mode else "")
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "the output is a directory", shown)
    if st is not None and not stat.S_ISREG(st.st_mode):
        with open(real, mode, **text) as fh:
            yield fh
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=".boolnet-", suffix=".tmp", dir=os.path.dirname(real))
    except OSError as exc:
        # mkstemp names its temporary file; the user knows only the target.
        raise type(exc)(exc.errno, f"cannot write here ({exc.strerror})", shown) from None
    try:
        # mkstemp makes the file private (0600); a written result gets the mode open() would give.
        os.chmod(tmp, _mode_for(real))
        with os.fdopen(fd, mode, **text) as fh:
            yield fh
        try:
            os.replace(tmp, real)
        except OSError as exc:
            raise type(exc)(exc.errno, exc.strerror, shown) from None
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
