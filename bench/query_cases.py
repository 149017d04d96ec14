"""Parameters for the ``queries/`` library on a synthetic world, for the query benchmarks.

Two uses, so that a benchmark measures what the tests check and what users send:

- :func:`single_cases`: every query of the library with its default parameters (the
  required ones filled in from the world, the optional ones unbound) and the parameter
  shapes ``tests/store/test_engines.py`` checks for agreement between the engines (a
  ``file`` for ``counts_by_family``, a pinyin name, a Latin substring, a ``type``, a
  ``year``…), each with values that exist in the synthetic data;
- :func:`mixed_cases`: a stream of requests for a load test, the queries with the
  parameters varied over the world's places, schemes and names with a skewed
  popularity (a few asked often, most rarely), so a result cache sees repeats as it
  would in use, not one request repeated.

The synthetic world is :class:`synth.SynthWorld`; names in it are made up.
"""
from __future__ import annotations

import random
from typing import Iterator

from synth import SynthWorld, _h

__all__ = ["JENA_MIX", "single_cases", "mixed_cases"]

#: The queries of the 20-client mix the issue's Jena figures were measured on (p50
#: 362–428 ms): lookups by a place, a scheme or a name, as the browser page sends them.
JENA_MIX = ("rollup_schemes", "label_lookup", "bodies_by_place", "scheme_places",
            "entity_sources", "division_tree", "places_sharing_scheme", "awards_by_place")


def _file_name(d: int) -> str:
    """The file name of synthetic document ``d`` (as ``SynthWorld.document`` writes it)."""
    return f"{d:06d}_{_h('file', d)}.txt"


def single_cases(world: SynthWorld) -> list[tuple[str, tuple[str, ...]]]:
    """(query name, ``--param`` strings): every library query once with its default
    parameters, then the other parameter shapes the engine-agreement tests use."""
    ex = world.examples
    origin = ex["county"]
    return [
        ("adaptation_chain", ()),
        ("adapted_schemes", ()),
        ("adoption_order", ()),
        ("awards_by_place", (f"place={ex['place']}",)),
        ("bodies_by_place", (f"place={ex['county']}",)),
        ("counts_by_family", ()),
        ("division_tree", (f"place={ex['place']}",)),
        ("entity_sources", (f"name={ex['county']}",)),
        ("first_year_by_place", ()),
        ("label_lookup", (f"name={ex['county']}",)),
        ("label_search", (f"text={ex['text']}",)),
        ("multi_source_schemes", ()),
        ("places_sharing_scheme", (f"place={ex['county']}",)),
        ("relation_evidence", ()),
        ("rollup_schemes", (f"place={ex['place']}",)),
        ("scheme_bodies", ()),
        ("scheme_places", (f"scheme={ex['scheme']}",)),
        ("schemes_by_year", ()),
        ("search_entities", (f"entities=<{ex['subject']}> <{ex['object']}>",)),
        # the other shapes of tests/store/test_engines.py
        ("adapted_schemes", (f"origin={origin}",)),
        ("adaptation_chain", (f"scheme={ex['scheme']}",)),
        ("adoption_order", (f"scheme={ex['scheme']}",)),
        ("counts_by_family", (f"file={_file_name(0)}",)),
        ("first_year_by_place", (f"place={ex['county']}",)),
        ("first_year_by_place", (f"scheme={ex['scheme']}",)),
        ("label_lookup", (f"name={ex['pinyin'].lower()}",)),
        ("label_search", ("text=Qi",)),
        ("places_sharing_scheme", (f"place={ex['county']}", "type=gov:Initiative")),
        ("relation_evidence", ("p=gov:implementedIn",)),
        ("relation_evidence", (f"s=<{ex['subject']}>", "p=gov:implementedIn")),
        ("scheme_bodies", (f"scheme={ex['scheme']}",)),
        ("schemes_by_year", ("year=2020",)),
        ("schemes_by_year", ("year=2020", f"place={ex['county']}")),
    ]


def _skewed(rnd: random.Random, pool: list) -> object:
    """An item of ``pool``, the first ones far more often (as ``SynthWorld`` picks)."""
    return pool[min(len(pool) - 1, int(len(pool) * rnd.random() ** 3))]


def mixed_cases(world: SynthWorld, n: int, names: tuple[str, ...] | None = JENA_MIX,
                seed: int = 13) -> Iterator[tuple[str, tuple[str, ...]]]:
    """``n`` (query name, ``--param`` strings) for a load test: the cases of
    :func:`single_cases` of the queries ``names`` (None: all) in turn, each place,
    scheme or name drawn from the world."""
    rnd = random.Random(seed)
    shapes = [c for c in single_cases(world) if names is None or c[0] in names]
    prefectures, counties = world.by_level["Prefecture"], world.by_level["County"]
    for i in range(n):
        name, params = shapes[i % len(shapes)]
        county, pref = _skewed(rnd, counties), _skewed(rnd, prefectures)
        scheme = _skewed(rnd, world.schemes)
        values = {"place": (pref if name in ("awards_by_place", "rollup_schemes", "division_tree")
                            else county)[2],
                  "name": county[2], "scheme": scheme[2], "origin": county[2],
                  "text": scheme[3][1:3], "file": _file_name(rnd.randrange(world.n_docs)),
                  "entities": f"<{scheme[0]}> <{county[0]}>", "s": f"<{scheme[0]}>",
                  "year": str(2015 + rnd.randrange(11))}
        if name == "label_lookup" and rnd.random() < 0.5:
            values["name"] = county[3].lower()
        fixed = ("p", "type") + (("text",) if params == ("text=Qi",) else ())
        yield name, tuple(p if p.partition("=")[0] in fixed
                          else f"{p.partition('=')[0]}={values[p.partition('=')[0]]}"
                          for p in params)


if __name__ == "__main__":  # pragma: no cover - a look at the cases
    import sys

    w = SynthWorld(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
    for case in single_cases(w):
        print(*case)
