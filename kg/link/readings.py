"""The linker's readings of an article's names, handed to the pipeline with its context.

Why here: choosing the division an ambiguous name stands for on this page and the
subject an anaphor (该旗, 该院 …) refers to is linking (:mod:`kg.link.resolve`), not
finding spans. The page linker builds a :class:`Readings` with each
:class:`kg.context.ArticleContext` it hands to the pipeline; the components ask it
and import nothing from :mod:`kg.link.resolve`.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.context import ArticleContext, Subject
from kg.link.resolve import anaphor_target, division_class, inside, resolve_division, resolve_unique

__all__ = ["Readings"]


@dataclass(frozen=True, slots=True)
class Readings:
    """What the names of one article stand for, given its context (read when asked).

    Parameters
    ----------
    ctx
        The article's context (its page's places and subjects), read at each question:
        the linker completes it after building it.
    kb
        The division register; the process's (:func:`kg.register.divisions.get_kb`) when None.
    """

    ctx: ArticleContext
    kb: object = None

    def _kb(self):
        if self.kb is not None:
            return self.kb
        from kg.register.divisions import get_kb

        return get_kb()

    def division(self, surface: str, kind: str, stem_prefecture: bool = False):
        """The division ``surface`` (a register name of ``kind``) stands for here, or None."""
        return resolve_division(self._kb(), surface, kind, self.ctx, stem_prefecture=stem_prefecture)

    def unique(self, surface: str, kind: str):
        """The one county or prefecture a short form names in the whole country, or None."""
        return resolve_unique(self._kb(), surface, kind)

    def anaphor(self, surface: str) -> Subject | None:
        """The article subject an anaphor (该旗, 该院 …) refers to, when its level fits."""
        return anaphor_target(surface, self.ctx)

    def inside(self, code: str | None, ancestor: str | None) -> bool:
        """True when ``ancestor`` is a proper ancestor of ``code``."""
        return inside(self._kb(), code, ancestor)

    @staticmethod
    def cls(div) -> str:
        """The kg class (Province … Village) of a division read."""
        return division_class(div)
