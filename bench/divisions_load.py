"""Load time of the division knowledge base (target: < 1 s with the cache warm).

Run: ``.venv/bin/python bench/divisions_load.py``. Prints the cold build (no cache), the
warm load of the register part, the lazy village part, and lookups per second.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

_CHILD = """
import time
t0 = time.perf_counter()
from kg.register.divisions import get_kb
kb = get_kb()
t1 = time.perf_counter()
kb.lookup("锡林郭勒")  # loads the village part
t2 = time.perf_counter()
print(f"{t1 - t0:.3f} {t2 - t1:.3f} {len(kb)}")
"""


def _run(env: dict[str, str]) -> tuple[float, float, int]:
    out = subprocess.run([sys.executable, "-c", _CHILD], env=env, capture_output=True, text=True, check=True)
    reg, vil, n = out.stdout.split()
    return float(reg), float(vil), int(n)


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache}
        cold = _run(env)
        warm = min((_run(env) for _ in range(3)), key=lambda r: r[0] + r[1])
    print(f"divisions: {warm[2]} (register + villages)")
    print(f"cold build (no cache): register {cold[0]:.2f} s, villages {cold[1]:.2f} s")
    print(f"warm load (cache):     register {warm[0]:.2f} s, villages {warm[1]:.2f} s, total {warm[0] + warm[1]:.2f} s")

    from kg.context import ArticleContext
    from kg.register.divisions import get_kb
    from kg.link.resolve import page_context, resolve_division

    kb = get_kb()
    names = [s for s, _ in kb.surfaces(levels=["Province", "Prefecture", "County", "Township"])]
    _, codes = page_context(kb, [(kb.get("150000").name, "full")])
    ctx = ArticleContext(context_codes=codes)
    t = time.perf_counter()
    for s in names:
        for kind in ("full", "abbrev", "stem"):
            if resolve_division(kb, s, kind, ctx) is not None:
                break
    dt = time.perf_counter() - t
    print(f"resolve with context: {len(names) / dt:,.0f} surfaces/s over {len(names)} register surfaces")


if __name__ == "__main__":
    main()
