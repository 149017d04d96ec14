"""Where extraction spends its time: chars/s per core of ``extract_text`` vs bare jieba.

Runs in one process, measures CPU time (``time.process_time``, so a busy machine
disturbs the figures less than wall time would) of:

- the warm-up (register, spaCy pipeline, jieba dictionary, lexicons, POS table …);
- ``kg.extract.extract_text`` over the seed pages and over synthetic pages
  (``bench/synth_pages.py``), each text run ``--repeat`` times;
- ``jieba.lcut`` alone over the same texts (the floor the issue compares against).

With ``--profile`` the extraction runs under :mod:`cProfile` and the top functions by
cumulative and by own time are printed (profiling slows the run; use the plain run for
the figures).

Usage::

    python bench/profile_extract.py                     # seeds + 40 synthetic pages
    python bench/profile_extract.py --synth 100 --repeat 1
    python bench/profile_extract.py --profile --top 40
    python bench/profile_extract.py --tokenizers kg_chars.v1,kg_jieba.v1   # both, same run
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

__all__ = ["main"]


def _texts(seeds: Path, synth: int) -> dict[str, list[str]]:
    from synth_pages import synth_page

    sets = {"seeds": [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]}
    if synth:
        sets["synthetic"] = [synth_page(i)[1] for i in range(synth)]
    return sets


def _cpu(fn, texts: list[str], repeat: int) -> float:
    t0 = time.process_time()
    for _ in range(repeat):
        for t in texts:
            fn(t)
    return time.process_time() - t0


def _with_tokenizer(name: str):
    """The configured pipeline with another tokenizer (``kg_chars.v1`` or ``kg_jieba.v1``)."""
    import spacy

    from kg.nlp.pipeline import load_config

    cfg = load_config()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": name}}})
    for comp in cfg["nlp"]["pipeline"]:
        settings = dict(cfg["components"][comp])
        nlp.add_pipe(settings.pop("factory"), name=comp, config=settings)
    return nlp


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument("--synth", type=int, default=40, help="synthetic pages (0: none)")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--sort", default="cumulative,tottime")
    ap.add_argument("--tokenizers", default="",
                    help="comma-separated tokenizers to compare (kg_chars.v1, kg_jieba.v1); default: the config's")
    args = ap.parse_args(argv)

    sets = _texts(args.seeds, args.synth)

    t0 = time.process_time()
    w0 = time.perf_counter()
    from kg.build import warm_worker

    warm_worker()
    print(f"warm-up (warm_worker): {time.process_time() - t0:.2f} s CPU, "
          f"{time.perf_counter() - w0:.2f} s wall", flush=True)
    t0 = time.process_time()
    from kg.extract import extract_text

    extract_text(sets["seeds"][0][:2000], "first.txt")  # anything still lazily loaded
    print(f"first short page after warm-up: {time.process_time() - t0:.2f} s CPU", flush=True)

    import jieba

    jieba.initialize()

    def ex(t: str) -> None:
        extract_text(t, "x.txt")

    import kg.nlp.pipeline as pipeline

    default = pipeline.get_nlp()
    tokenizers = [t for t in args.tokenizers.split(",") if t] or [""]
    prof = cProfile.Profile() if args.profile else None
    print("\n| texts | tokenizer | pages | chars | extract chars/s | jieba.lcut chars/s | ratio |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, texts in sets.items():
        chars = sum(map(len, texts)) * args.repeat
        for tok in tokenizers:
            pipeline.get_nlp = (lambda n=_with_tokenizer(tok): n) if tok else (lambda: default)
            if prof is not None:
                prof.enable()
            secs = _cpu(ex, texts, args.repeat)
            if prof is not None:
                prof.disable()
            jsecs = _cpu(jieba.lcut, texts, args.repeat)
            print(f"| {name} | {tok or 'config'} | {len(texts)} | {chars:,} | {chars / secs / 1000:,.1f}k | "
                  f"{chars / jsecs / 1000:,.0f}k | {jsecs / secs:.2f} |", flush=True)
    if prof is not None:
        for key in args.sort.split(","):
            s = io.StringIO()
            pstats.Stats(prof, stream=s).sort_stats(key).print_stats(args.top)
            print(s.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
