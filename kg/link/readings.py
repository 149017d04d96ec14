"""The linker's answers to the questions the pipeline's grammar cannot go on without.

Two decisions of linking are needed while spans are still being found, and only these:

- **which division a register name stands for on this page** (:meth:`Readings.division`,
  :meth:`Readings.unique`). Why during the pipeline: a name with no reading is no place
  and its characters are free for other names (a body's, a village's); the reading's class,
  code and name are what the grammar builds on (X镇 + 派出所 is the township's station,
  a body named on a county sits in that county; a scheme runs in the township inside the
  county its body sits in); a chain X街道Y社区 is checked against the reading's parent.
  Handing the grammar the candidates instead and choosing later would let it build on
  readings the page rules out.
- **which article subject an anaphor refers to** (:meth:`Readings.anaphor`: 该旗, 全县,
  该院, 所里 …). Why during the pipeline: an anaphor that refers to something is a place or
  a body of the sentence — the actor of a scheme (该旗推行…), the awardee (该院荣获…), the
  owner of units (该院刑事检察部门) — and takes the characters it covers; one that
  refers to nothing is none of these.

Both read only the article's context (its page's places and subjects), which the page
linker builds before the pipeline runs. The page linker builds a :class:`Readings` with
each :class:`kg.context.ArticleContext` it hands to the pipeline; the components ask it
(``ctx.readings``) and import nothing from :mod:`kg.link`. Facts of the register that
depend on no page (a division's class, whether one lies inside another) are
:mod:`kg.register.facts`'; keys, entities, merging and the register's partOf links are
decided after the pipeline (:mod:`kg.link.page`).
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.context import ArticleContext, Subject
from kg.link.resolve import anaphor_target, resolve_division, resolve_unique

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

    def division(self, surface: str, kind: str, stem_prefecture: bool = False, near: frozenset = frozenset()):
        """The division ``surface`` (a register name of ``kind``) stands for here, or None.

        ``near``: codes of the places the clause has just named before it (海东市公安局乐都
        分局高庙镇派出所). What the clause itself states reads an ambiguous name before the
        article's context does: a caption of one story may stand in another story's text,
        whose places support another reading of the same name.
        """
        div = None
        if near:
            div = resolve_division(self._kb(), surface, kind, self.ctx, stem_prefecture=stem_prefecture, codes=near)
        return div or resolve_division(self._kb(), surface, kind, self.ctx, stem_prefecture=stem_prefecture)

    def unique(self, surface: str, kind: str):
        """The one county or prefecture a short form names in the whole country, or None."""
        return resolve_unique(self._kb(), surface, kind)

    def anaphor(self, surface: str) -> Subject | None:
        """The article subject an anaphor (该旗, 该院 …) refers to, when its level fits."""
        return anaphor_target(surface, self.ctx)
