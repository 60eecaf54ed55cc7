"""The one decorator for compiled kernels: numba's njit, loaded on first use, cached on disk.

``@jit`` returns a :class:`Kernel`, a stand-in that imports numba only when some kernel is
first called (numba's import alone costs a quarter of a second, and ``boolnet info`` or
``boolnet --help`` never need it). At that moment every kernel defined so far becomes a
numba dispatcher at once, and each ``boolnet`` module's global that names a stand-in is
rebound to its dispatcher: kernels call each other by global name, and numba types those
calls only when the globals are dispatchers. Kernels defined later are dispatchers at once.

Small calls never load numba: until it is loaded, a call whose array arguments hold at
most :data:`PYTHON_ELEMENTS` elements runs the kernel's own Python code (NumPy scalars,
wrapping integer arithmetic as compiled code does), for up to :data:`PYTHON_SECONDS` of
such work in a process. Loading numba and the kernels from its cache costs about half a
second, compiling them on a first run tens of seconds; the full adder or a 9-input table
takes milliseconds in Python. The first large call, or the budget spent, loads numba and
everything runs compiled from then on. ``BOOLNET_KERNELS=numba`` always compiles,
``BOOLNET_KERNELS=python`` never does (how the tests check that both agree).

numba caches compiled code beside the package, or in the user's cache directory when the
package's folder is read-only (``NUMBA_CACHE_DIR`` overrides both). Beside the package, a
cache entry is valid for the source file's *contents* (a SHA-256 of it, as numba 0.68 does
itself), not its modification time: a wheel ships the kernels compiled when it was built
(see ``setup.py``), and pip does not keep the files' times. numba still checks its own
version and the CPU in each entry, and compiles afresh, silently, where they differ. Where neither can be
written it cannot cache at all, and ``njit(cache=True)`` would fail; the kernels are then
compiled in every process instead. A process that has to compile (a cold cache: the first
run on a machine, or after an upgrade) says so on stderr once, terminal or not, and how long
it took when it ends, so that a first run never seems to hang; it also starts
``python -m boolnet.warmup`` in the background (once per cache at a time, low priority;
``BOOLNET_NO_WARMUP=1`` prevents it), which compiles the other kernels meanwhile.
"""
from __future__ import annotations

import atexit
import functools
import hashlib
import os
import sys
import time
from typing import Any, Callable

import numpy as np

__all__ = ["jit", "Kernel", "materialize", "numba_loaded", "compile_seconds", "compile_count",
           "python_code", "PYTHON_ELEMENTS", "PYTHON_SECONDS"]

#: Largest total of array elements in a call's arguments that runs as plain Python while
#: numba is not loaded (a 9-input table's covering problem is within it, cordic's is not).
PYTHON_ELEMENTS = 4096
#: Seconds of plain-Python kernel work a process may spend before numba is loaded anyway.
PYTHON_SECONDS = 0.3
_python = {"depth": 0, "seconds": 0.0}

#: Every stand-in made before numba was loaded, in definition order.
_PENDING: list["Kernel"] = []
_LOADED = False
_compiling = {"depth": 0, "started": 0.0, "seconds": 0.0, "count": 0, "announced": False}


def njit(*args: Any, **kwargs: Any):
    """numba.njit, imported on first use (tests replace this name to simulate numba's errors)."""
    from numba import njit as real
    return real(*args, **kwargs)


_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


@functools.lru_cache(maxsize=None)
def _content_hash(path: str, mtime: float, size: int) -> bytes:
    with open(path, "rb") as f:  # mtime and size only key the memo (a file edited meanwhile)
        return hashlib.sha256(f.read()).digest()


def _use_content_stamps() -> None:
    """Put a cache locator for boolnet's own files (beside them, stamped by content) before
    numba's in-tree one; NUMBA_CACHE_DIR still comes first. Any other numba: its own."""
    try:
        from numba.core import caching
        impl = getattr(caching, "CacheImpl", None) or getattr(caching, "_CacheImpl")
        classes = impl._locator_classes
        if any(getattr(c, "boolnet", False) for c in classes):
            return

        class PackageLocator(caching.InTreeCacheLocator):
            boolnet = True

            def get_source_stamp(self):
                st = os.stat(self._py_file)
                return _content_hash(self._py_file, st.st_mtime, st.st_size)

            @classmethod
            def from_function(cls, py_func, py_file):
                if not os.path.abspath(py_file).startswith(_PACKAGE_DIR + os.sep):
                    return None
                return super().from_function(py_func, py_file)

        first = caching.UserProvidedCacheLocator
        classes.insert(classes.index(first) + 1 if first in classes else 0, PackageLocator)
    except Exception:  # numba's internals moved: its own locators, mtime stamps or not
        pass


def _compile(fn: Callable):
    try:
        return njit(cache=True)(fn)
    except RuntimeError:  # "cannot cache function ...: no locator available"
        return njit(fn)


class Kernel:
    """A compiled kernel before numba is loaded: the first call (or attribute) loads them all."""

    def __init__(self, fn: Callable, python: bool = True):
        functools.update_wrapper(self, fn)
        self.py_func = fn
        self.dispatcher = None
        self.python = python  # may a small call run as plain Python before numba loads?

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.dispatcher is not None:
            return self.dispatcher(*args, **kwargs)
        if _python["depth"]:  # called from a kernel running as Python: on its slices, stay
            return self.py_func(*args, **kwargs)
        if (self.python or _mode() == "python") and _in_python(args):
            return _run_python(self.py_func, args, kwargs)
        return materialize(self)(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        # Only reached for names the stand-in lacks: numba's own (_cache, signatures, ...).
        if name.startswith("__") or name == "dispatcher":
            raise AttributeError(name)
        return getattr(self.dispatcher or materialize(self), name)

    def __repr__(self) -> str:
        state = "compiled" if self.dispatcher is not None else "not loaded"
        return f"<boolnet kernel {self.__module__}.{self.__qualname__} ({state})>"


def _mode() -> str:
    mode = os.environ.get("BOOLNET_KERNELS", "auto").lower()
    return mode if mode in ("auto", "numba", "python") else "auto"


def _in_python(args: tuple) -> bool:
    """Whether a call runs as plain Python: small enough and within the budget (see above)."""
    mode = _mode()
    if mode != "auto":
        return mode == "python"
    if _python["seconds"] > PYTHON_SECONDS:
        return False
    size = 0
    for a in args:
        if isinstance(a, np.ndarray):
            size += a.size
    return size <= PYTHON_ELEMENTS


def _run_python(fn: Callable, args: tuple, kwargs: dict) -> Any:
    _python["depth"] = 1
    start = time.perf_counter()
    try:
        # Compiled integer arithmetic wraps silently; NumPy scalars would warn.
        with np.errstate(all="ignore"):
            return fn(*args, **kwargs)
    finally:
        _python["depth"] = 0
        _python["seconds"] += time.perf_counter() - start


def jit(fn: Callable | None = None, *, python: bool = True):
    """Compile ``fn`` with numba (nopython) at first use, cached on disk when a cache location exists.

    ``python=False`` (as ``@jit(python=False)``) marks a kernel whose work is not bounded by
    its arguments' size (a branch and bound): it never runs as plain Python in ``auto``
    mode, where a small covering problem of rd73 took 13 s of Python against milliseconds
    compiled.
    """
    if fn is None:
        return lambda f: jit(f, python=python)
    if _LOADED and _mode() != "python":
        return _compile(fn)
    kernel = Kernel(fn, python)
    _PENDING.append(kernel)
    return kernel


def python_code(kernel: Callable) -> Callable | None:
    """The kernel's plain Python code while this process may still run kernels as Python
    (numba not loaded, ``BOOLNET_KERNELS`` not ``numba``, the time budget left), else None.

    For a ``python=False`` kernel whose caller bounds the work itself (a branch and bound
    with a small node limit): numba is loaded only when the bounded try does not finish.
    """
    mode = _mode()
    if _LOADED or mode == "numba" or (mode == "auto" and _python["seconds"] > PYTHON_SECONDS):
        return None
    fn = kernel.py_func
    return lambda *args, **kwargs: _run_python(fn, args, kwargs)


def numba_loaded() -> bool:
    """True once the kernels have become numba dispatchers in this process."""
    return _LOADED


def compile_seconds() -> float:
    """Seconds this process has spent compiling boolnet kernels (0 when all came from the cache)."""
    return _compiling["seconds"]


def compile_count() -> int:
    """Kernels (with their callees) this process has compiled rather than loaded from the cache."""
    return _compiling["count"]


def _start_warmup() -> None:
    """Start ``python -m boolnet.warmup --background`` unless one is running for this cache."""
    if os.environ.get("BOOLNET_NO_WARMUP") or _mode() == "python":
        return
    import subprocess
    import tempfile
    where = os.environ.get("NUMBA_CACHE_DIR", "") + "|" + os.path.dirname(__file__)
    lock = os.path.join(tempfile.gettempdir(),
                        f"boolnet-warmup-{hashlib.sha1(where.encode()).hexdigest()[:12]}.lock")
    try:
        if time.time() - os.path.getmtime(lock) < 900:  # a warm-up started < 15 min ago
            return
        os.unlink(lock)  # a stale one: its process died
    except OSError:
        pass
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except OSError:  # another process got there first
        return
    os.close(fd)
    code = ("import os, sys\n"
            "try:\n    from boolnet.warmup import main; main(['--background'])\n"
            f"finally:\n    os.path.exists({lock!r}) and os.unlink({lock!r})\n")
    package_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [package_root] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    try:
        subprocess.Popen([sys.executable, "-c", code], env=env, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True, close_fds=True)
    except OSError:  # no warm-up then: each kernel is compiled when first needed
        os.unlink(lock)


def materialize(kernel: Kernel | None = None):
    """Load numba, turn every stand-in into its dispatcher, rebind the modules' globals.

    Returns the dispatcher of ``kernel`` when one is given.
    """
    global _LOADED
    if not _LOADED:
        _LOADED = True
        _use_content_stamps()
        _listen_to_compiles()
        for k in _PENDING:
            k.dispatcher = _compile(k.py_func)
        swap = {id(k): k.dispatcher for k in _PENDING}
        _PENDING.clear()
        for name, module in list(sys.modules.items()):
            if module is None or not (name == "boolnet" or name.startswith("boolnet.")):
                continue
            space = vars(module)
            for attr, value in list(space.items()):
                if isinstance(value, Kernel) and id(value) in swap:
                    space[attr] = swap[id(value)]
    if kernel is None:
        return None
    if kernel.dispatcher is None:  # made by a test after loading, through a replaced njit
        kernel.dispatcher = _compile(kernel.py_func)
    return kernel.dispatcher


def _listen_to_compiles() -> None:
    """Announce real compiles (cache misses) of boolnet kernels on stderr, once a process."""
    from numba.core import event

    class _Announce(event.Listener):
        def on_start(self, ev):
            dispatcher = ev.data.get("dispatcher")
            module = getattr(getattr(dispatcher, "py_func", None), "__module__", "") or ""
            if not module.startswith("boolnet"):
                return
            if _compiling["depth"] == 0:
                _compiling["started"] = time.perf_counter()
                if not _compiling["announced"]:
                    _compiling["announced"] = True
                    _say(f"compiling {dispatcher.py_func.__name__} and the other numba kernels "
                         f"this command needs for this machine; a first run only (up to a "
                         f"minute), later runs load them from the cache")
                    _start_warmup()
            _compiling["depth"] += 1
            _compiling["count"] += 1

        def on_end(self, ev):
            dispatcher = ev.data.get("dispatcher")
            module = getattr(getattr(dispatcher, "py_func", None), "__module__", "") or ""
            if not module.startswith("boolnet") or _compiling["depth"] == 0:
                return
            _compiling["depth"] -= 1
            if _compiling["depth"] == 0:
                _compiling["seconds"] += time.perf_counter() - _compiling["started"]

    event.register("numba:compile", _Announce())
    atexit.register(_report)


def _say(text: str) -> None:
    if os.environ.get("BOOLNET_QUIET_COMPILE"):
        return
    try:
        sys.stderr.write(f"boolnet: {text}\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr closed: nothing to tell
        pass


def _report() -> None:
    if _compiling["seconds"] >= 1.0:
        _say(f"compiled {_compiling['count']} kernels in {_compiling['seconds']:.1f} s "
             f"(cached for the next run)")
