"""Every shared benchmark PLA file survives heuristic minimisation with an equivalence check."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from boolnet.twolevel import minimize

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "pla"
FILES = sorted(p.stem for p in SHARED.glob("*.pla")) if SHARED.is_dir() else []
#: Files whose heuristic run takes more than a few seconds here (see benchmarks/minimize.py).
SLOW = {"alu4", "apex2", "apex3", "apex4", "apex5", "cordic", "cps", "ex1010", "misex3", "pdc",
        "seq", "spla"}


def _read(name):
    from boolnet.io.pla import read_pla
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_pla(SHARED / f"{name}.pla")


@pytest.mark.skipif(not FILES, reason=f"the shared benchmark set is absent ({SHARED})")
@pytest.mark.parametrize("name", [pytest.param(f, marks=pytest.mark.slow) if f in SLOW else f
                                  for f in FILES] or ["none"])
def test_shared_pla_minimises_and_checks(name):
    cf = _read(name)
    cover, report = minimize(cf, method="heuristic")
    # minimize() checked the cover against the file (truth table or tautology) already.
    assert report.checked in ("truth table", "tautology")
    assert report.terms == cover.num_terms <= max(len(cf.on), 1) or name == "mytest"
    assert (cover.n, cover.m) == (cf.n, cf.m)


@pytest.mark.skipif(not FILES, reason=f"the shared benchmark set is absent ({SHARED})")
def test_o64_terminates_quickly_without_its_complement():
    cover, report = minimize(_read("o64"), method="heuristic")
    assert report.terms == 65
    assert any("OFF set" in note for note in report.notes)
