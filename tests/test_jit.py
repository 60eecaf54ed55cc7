"""The kernel decorator: numba loaded at first use, cached where numba can cache, plain compiled where it cannot."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from boolnet import jit as jitmod


def _double(x):
    return 2 * x


def test_jit_compiles_and_falls_back_when_no_cache_location(monkeypatch):
    f = jitmod.jit(_double)
    assert f(np.int64(21)) == 42
    assert type(f._cache).__name__ == "FunctionCache"  # cached on disk
    real = jitmod.njit

    def no_locator(*args, **kw):
        if kw.get("cache"):
            raise RuntimeError("cannot cache function '_double': no locator available")
        return real(*args, **kw)

    monkeypatch.setattr(jitmod, "njit", no_locator)
    g = jitmod.jit(_double)
    assert g(np.int64(4)) == 8
    assert type(g._cache).__name__ == "NullCache"  # compiled, not cached


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, **env), check=True)


def test_numba_loads_at_the_first_kernel_call_and_rebinds_the_globals():
    code = ("import sys, numpy as np\n"
            "import boolnet.unate as u, boolnet.cubes as c\n"
            "print('numba' in sys.modules, type(u._popcount).__name__)\n"
            "u._popcount(np.uint64(7))\n"
            "print('numba' in sys.modules, type(u._popcount).__name__, "
            "type(c._or_words).__name__)\n")
    lines = _run(code, BOOLNET_KERNELS="numba").stdout.split("\n")
    assert lines[0] == "False Kernel"
    assert lines[1] == "True CPUDispatcher CPUDispatcher"


def test_a_cold_cache_is_announced_on_stderr_even_when_piped(tmp_path):
    code = "import numpy as np, boolnet.unate as u; print(u._popcount(np.uint64(7)))"
    first = _run(code, NUMBA_CACHE_DIR=str(tmp_path), BOOLNET_KERNELS="numba",
                 BOOLNET_NO_WARMUP="1")
    assert first.stdout.strip() == "3"
    assert "boolnet: compiling _popcount" in first.stderr
    again = _run(code, NUMBA_CACHE_DIR=str(tmp_path), BOOLNET_KERNELS="numba",
                 BOOLNET_NO_WARMUP="1")
    assert again.stdout.strip() == "3"
    assert "compiling" not in again.stderr  # loaded from the cache this time


_BATCH = """
import numpy as np, boolnet
from boolnet import BooleanFunction
rng = np.random.default_rng(7)
for k in range(12):
    n = int(rng.integers(2, 8)); m = int(rng.integers(1, 3))
    t = rng.choice([-1, 0, 1], size=(1 << n, m), p=[0.15, 0.45, 0.4])
    for method in ("exact", "heuristic"):
        cover, _ = boolnet.minimize(BooleanFunction.from_array(t), method=method)
        print(k, method, sorted(cover.cube_strings()))
"""


def test_plain_python_kernels_give_the_compiled_answers():
    # The same 12 minimisations (x2 methods) with every kernel in Python and every kernel compiled.
    python = _run(_BATCH, BOOLNET_KERNELS="python").stdout
    numba = _run(_BATCH, BOOLNET_KERNELS="numba").stdout
    assert python.count("\n") == 24
    assert python == numba


def test_small_work_never_loads_numba():
    code = ("import sys, boolnet\n"
            "f = boolnet.families.majority(5)\n"
            "cover, _ = boolnet.minimize(f)\n"
            "print(cover.num_terms, 'numba' in sys.modules)")
    assert _run(code, BOOLNET_KERNELS="auto").stdout.split() == ["10", "False"]


def test_a_cold_compile_starts_one_background_warmup(tmp_path, monkeypatch):
    started = []

    class FakePopen:
        def __init__(self, argv, **kw):
            started.append((argv, kw["env"]))

    monkeypatch.setattr("subprocess.Popen", FakePopen)
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(tmp_path))
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BOOLNET_NO_WARMUP", raising=False)
    monkeypatch.setenv("BOOLNET_KERNELS", "auto")
    jitmod._start_warmup()
    jitmod._start_warmup()  # the lock of the first one is fresh: no second warm-up
    assert len(started) == 1
    argv, env = started[0]
    assert "boolnet.warmup" in argv[-1] and argv[0] == sys.executable
    assert len(list(tmp_path.glob("boolnet-warmup-*.lock"))) == 1
    monkeypatch.setenv("BOOLNET_NO_WARMUP", "1")
    for lock in tmp_path.glob("boolnet-warmup-*.lock"):
        lock.unlink()
    jitmod._start_warmup()
    assert len(started) == 1


def test_a_small_cyclic_cover_never_loads_numba():
    # The branch and bound (python=False) tries a few hundred nodes as Python first.
    code = ("import sys, numpy as np\n"
            "from boolnet.twolevel.exact_cover import solve_cover\n"
            "sol = solve_cover([[0, 4], [0, 1], [1, 2], [2, 3], [3, 4]], np.ones(5, np.int64))\n"
            "print(len(sol.chosen), sol.proven, 'numba' in sys.modules, 'scipy' in sys.modules)")
    assert _run(code, BOOLNET_KERNELS="auto").stdout.split() == ["3", "True", "False", "False"]


def test_python_code_is_offered_only_before_numba_loads():
    code = ("import numpy as np\n"
            "from boolnet import jit, unate\n"
            "py = jit.python_code(unate._popcount)\n"
            "print(py and py(np.uint64(7)))\n"
            "jit.materialize()\n"
            "print(jit.python_code(unate._popcount))")
    assert _run(code, BOOLNET_KERNELS="auto").stdout.split() == ["3", "None"]
    assert _run(code, BOOLNET_KERNELS="numba").stdout.split() == ["None", "None"]


def test_the_kernel_cache_beside_the_package_survives_new_file_times(tmp_path):
    # pip does not keep the files' times of a wheel: a cache built with the wheel must
    # still be valid for the same contents, and invalid for changed contents.
    import shutil
    root = os.path.dirname(os.path.dirname(os.path.abspath(jitmod.__file__)))
    shutil.copytree(os.path.join(root, "boolnet"), tmp_path / "boolnet",
                    ignore=shutil.ignore_patterns("__pycache__"))
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env.update(PYTHONPATH=str(tmp_path), BOOLNET_KERNELS="numba", BOOLNET_NO_WARMUP="1")
    code = ("import numpy as np, boolnet.unate as u, boolnet.jit as j\n"
            "assert j.__file__.startswith(%r)\n"
            "print(u._popcount(np.uint64(7)), j.compile_count())" % str(tmp_path))

    def run():
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=env, cwd=str(tmp_path), check=True)
        return done.stdout.split()

    assert run()[0] == "3" and int(run()[1]) == 0  # the first run compiled, the second not
    assert list((tmp_path / "boolnet" / "__pycache__").glob("unate._popcount-*.nbi"))
    unate = tmp_path / "boolnet" / "unate.py"
    os.utime(unate, (1_000_000_000, 1_000_000_000))  # same contents, another time
    assert int(run()[1]) == 0
    unate.write_text(unate.read_text() + "\n# changed\n")
    assert int(run()[1]) > 0  # other contents: compiled again


def _setup_module(monkeypatch):
    """setup.py as a module, without running setup()."""
    import importlib.util
    import setuptools
    monkeypatch.setattr(setuptools, "setup", lambda **kw: None)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    spec = importlib.util.spec_from_file_location("boolnet_setup", os.path.join(root, "setup.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_build_copies_kernel_caches_only_beside_unchanged_sources(tmp_path, monkeypatch):
    setup = _setup_module(monkeypatch)
    build, src = tmp_path / "build", tmp_path / "src"
    for root in (build, src):
        (root / "boolnet" / "sub").mkdir(parents=True)
    cache = build / "boolnet" / "sub" / "__pycache__"
    cache.mkdir()
    for name, text in (("same", "x = 1\n"), ("edited", "x = 2\n"), ("kept", "x = 3\n")):
        (build / "boolnet" / "sub" / f"{name}.py").write_text(text)
        (src / "boolnet" / "sub" / f"{name}.py").write_text(text if name != "edited" else "y\n")
        (cache / f"{name}.f-1.py311.nbi").write_text("index")
        (cache / f"{name}.f-1.py311.1.nbc").write_text("data")
    (cache / "same.cpython-311.pyc").write_text("bytecode")
    (src / "boolnet" / "sub" / "__pycache__").mkdir()
    (src / "boolnet" / "sub" / "__pycache__" / "kept.f-1.py311.nbi").write_text("theirs")
    assert setup.copy_caches(str(build), str(src)) == 2
    there = src / "boolnet" / "sub" / "__pycache__"
    assert sorted(p.name for p in there.iterdir()) == [
        "kept.f-1.py311.nbi", "same.f-1.py311.1.nbc", "same.f-1.py311.nbi"]
    assert (there / "kept.f-1.py311.nbi").read_text() == "theirs"  # never overwritten


def test_an_editable_build_compiles_no_kernels(monkeypatch):
    setup = _setup_module(monkeypatch)
    ran = []
    monkeypatch.setattr(setup, "compile_kernels", lambda build_lib: ran.append(build_lib))
    monkeypatch.setattr(setup.build_py, "run", lambda self: None)
    command = setup.BuildWithKernels.__new__(setup.BuildWithKernels)
    command.build_lib, command.editable_mode = "build/lib", True
    command.run()
    assert ran == []
    command.editable_mode = False
    monkeypatch.setenv("BOOLNET_BUILD_KERNELS", "0")
    command.run()
    assert ran == []
    monkeypatch.delenv("BOOLNET_BUILD_KERNELS")
    monkeypatch.setattr(setup, "copy_caches", lambda *a: 0)
    command.run()
    assert ran == ["build/lib"]


@pytest.mark.slow  # compiles every kernel when the cache is cold (about a minute of CPU)
def test_the_warmup_compiles_what_a_shared_file_needs(tmp_path, shared_pla):
    cache = str(tmp_path)
    _run("from boolnet.warmup import main; main(['--quiet'])", NUMBA_CACHE_DIR=cache)
    code = (f"import boolnet; from boolnet import jit\n"
            f"boolnet.minimize(boolnet.read({str(shared_pla / 'misex3c.pla')!r}))\n"
            f"print(jit.compile_count())")
    assert _run(code, NUMBA_CACHE_DIR=cache, BOOLNET_NO_WARMUP="1").stdout.strip() == "0"
