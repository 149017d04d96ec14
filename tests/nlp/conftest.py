"""Fixtures for the extraction tests: the pipeline and a helper that runs it on a sentence."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def analyse(nlp):
    """Run the pipeline on ``text`` about the subject place (and body) given by name."""
    from kg.register.divisions import get_kb
    from kg.link.resolve import build_levels, page_context, resolve_division
    from kg.register.facts import division_class
    from kg.nlp.components.gazetteer import scan_register
    from kg.nlp.pipeline import run
    from kg.context import ArticleContext, Ref, Subject

    kb = get_kb()

    def _run(text: str, place: str | None = None, body: str | None = None, body_head: str = ""):
        prov, codes = page_context(kb, [(s, k) for _, _, s, ks in scan_register(text + (place or ""))
                                        for k in ks])
        ctx = ArticleContext(province=prov, context_codes=codes)
        if place:  # read as the build reads a full name in a headline
            d = resolve_division(kb, place, "full", ctx)
            assert d is not None, f"{place} is no register name this page context settles"
            ctx.place = Subject(Ref.division(d.code), d.name, division_class(d), d.code)
        if body:
            ctx.body = Subject(Ref.named("organisation", body), body, "Organisation", head=body_head,
                               place_ref=ctx.place.ref if ctx.place else None)
        ctx.places_by_level = build_levels(kb, ctx)
        return run(text, ctx, nlp)

    return _run
