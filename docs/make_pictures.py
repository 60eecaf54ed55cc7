"""Run the example scripts and keep their pictures and printed output for the tutorials.

    python docs/make_pictures.py            # every examples/NN_*.py
    python docs/make_pictures.py 03 05      # only these

Each example runs as ``python examples/NN_name.py --out docs/_static/examples``; its
standard output is saved beside the pictures as ``NN_name.txt`` (the tutorials include
it). The pictures are committed when they are small (< 200 KB each): the docs build
does not run the examples, so it stays fast and needs no plotting libraries.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "_static" / "examples"
LIMIT = 200 * 1024


def shrink(path: Path) -> None:
    """Re-save a large PNG losslessly optimised, else as a 256-colour palette image."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as im:
        im.load()
    im.save(path, optimize=True)
    if path.stat().st_size > LIMIT:
        im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                                   dither=Image.Dither.NONE).save(path, optimize=True)
    print(f"  {path.name} recompressed to {path.stat().st_size // 1024} KB")


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    scripts = sorted((ROOT / "examples").glob("[0-9][0-9]_*.py"))
    if argv:
        scripts = [s for s in scripts if any(s.name.startswith(a) for a in argv)]
    env = dict(os.environ, MPLBACKEND="Agg", OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
               MKL_NUM_THREADS="1", PYTHONHASHSEED="0")
    status = 0
    for script in scripts:
        before = {p: p.stat().st_mtime for p in OUT.glob(f"{script.stem[:2]}_*")}
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, str(script), "--out", str(OUT)], cwd=ROOT,
                              capture_output=True, text=True, env=env)
        seconds = time.perf_counter() - t0
        if proc.returncode != 0:
            print(f"{script.name}: FAILED (exit {proc.returncode})\n{proc.stderr[-2000:]}")
            status = 1
            continue
        # Show paths as a reader who ran the script in the examples' output folder sees them.
        text = proc.stdout.replace(f"{OUT}{os.sep}", "").replace(str(OUT), ".")
        (OUT / f"{script.stem}.txt").write_text(text, encoding="utf-8")
        made = sorted(p for p in OUT.glob(f"{script.stem[:2]}_*")
                      if p.suffix in (".png", ".svg") and p.stat().st_mtime != before.get(p))
        sizes = ", ".join(f"{p.name} {p.stat().st_size // 1024} KB" for p in made)
        print(f"{script.name}: {seconds:.1f} s; {sizes or 'no pictures'}")
        for p in made:
            if p.suffix == ".png" and p.stat().st_size > LIMIT:
                shrink(p)
            if p.stat().st_size > LIMIT:
                print(f"  warning: {p.name} is over {LIMIT // 1024} KB; lower its dpi before "
                      f"committing it")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
