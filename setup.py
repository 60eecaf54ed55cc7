"""Build step: the wheel ships boolnet's numba kernels compiled for the building machine.

Compiling the kernels costs about a minute of CPU, which a first ``boolnet minimize`` of a
large PLA file would otherwise spend in the foreground. ``pip install .`` builds the wheel
on the machine it installs to, so the build runs ``python -m boolnet.warmup`` against the
built package: numba writes its cache beside the built sources (``__pycache__``), the wheel
carries it, and the installed kernels load from it at once. An entry is keyed on the source
file's contents, numba's version and the CPU (boolnet/jit.py), so a wheel used elsewhere
falls back to compiling, silently. The same cache is copied beside this checkout's sources
where none is there yet: ``python -m pytest`` runs them and finds the kernels compiled.

``pip install -e .`` and ``BOOLNET_BUILD_KERNELS=0`` skip the step; a failing step (no
numba in the build environment, an error, out of time) leaves a wheel without the cache.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

from setuptools import setup
from setuptools.command.build_py import build_py

#: Seconds the kernels may take to compile before the build goes on without them.
TIMEOUT = 900


def _say(text: str) -> None:
    print(f"boolnet build: {text}", file=sys.stderr, flush=True)


def compile_kernels(build_lib: str) -> bool:
    """Run the warm-up on the package under ``build_lib``; True when it finished."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("NUMBA_CACHE_DIR", "BOOLNET_KERNELS", "PYTHONDONTWRITEBYTECODE")}
    # Prepended, not replaced: pip's isolated build environment may reach its packages
    # (numba) through PYTHONPATH (a sitecustomize; pip 23's venv copy does).
    path = [os.path.abspath(build_lib)] + [
        p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env.update(PYTHONPATH=os.pathsep.join(path), BOOLNET_NO_WARMUP="1",
               BOOLNET_QUIET_COMPILE="1")
    _say("compiling the numba kernels for this machine (about a minute; "
         "BOOLNET_BUILD_KERNELS=0 skips it)")
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "boolnet.warmup"],
                              cwd=build_lib, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        _say(f"kernels not compiled ({type(exc).__name__}); they compile on first use")
        return False
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        _say(f"kernels not compiled ({last[:200]}); they compile on first use")
        return False
    _say(f"{done.stdout.strip()} ({time.perf_counter() - start:.0f} s)")
    return True


def copy_caches(build_lib: str, source_root: str) -> int:
    """Copy each kernel cache (index and data) beside the same source file in the
    checkout, where that source is unchanged and no index is there yet: the files copied."""
    copied = 0
    package = os.path.join(build_lib, "boolnet")
    for folder, _dirs, files in os.walk(package):
        if os.path.basename(folder) != "__pycache__":
            continue
        rel = os.path.relpath(os.path.dirname(folder), build_lib)
        target = os.path.join(source_root, rel, "__pycache__")
        for index in (f for f in files if f.endswith(".nbi")):
            module = index.split(".")[0] + ".py"
            src, built = os.path.join(source_root, rel, module), os.path.join(build_lib, rel, module)
            try:
                with open(src, "rb") as a, open(built, "rb") as b:
                    if a.read() != b.read():
                        continue
                if os.path.exists(os.path.join(target, index)):
                    continue
                os.makedirs(target, exist_ok=True)
                stem = index[:-len(".nbi")]
                for name in files:
                    if name == index or (name.startswith(stem + ".") and name.endswith(".nbc")):
                        shutil.copy2(os.path.join(folder, name), os.path.join(target, name))
                        copied += 1
            except OSError:  # a read-only or vanished checkout: the tests compile then
                continue
    return copied


class BuildWithKernels(build_py):
    """build_py, then the kernels compiled into the built package (see the module's note)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False) or os.environ.get("BOOLNET_BUILD_KERNELS") == "0":
            return
        if compile_kernels(self.build_lib):
            copy_caches(self.build_lib, os.path.dirname(os.path.abspath(__file__)))


setup(cmdclass={"build_py": BuildWithKernels})
