"""Put the dates a page prints onto its record: the page date and each scheme fact's time.

Runs after extraction, on the plain record (no spaCy), inside :func:`kg.build.process_file`
so workers, Dask and the cache all carry the result:

- the page date: the front matter's (:mod:`kg.text.meta`) when it gives one, else the
  masthead or dateline the page prints (:func:`kg.text.dates.page_date`), with the
  printed text kept in ``DocumentMeta.date_text``;
- the event time of each relation about a scheme (``implementedIn``, ``implementedBy``,
  ``adaptedFrom``): the first time its evidence sentence states
  (:func:`kg.text.dates.stated_times`), resolved against the page date where there is
  one, kept as stated text otherwise. A sentence that states no time gives none: times
  are never carried over from other sentences.
"""
from __future__ import annotations

from dataclasses import replace

from kg.records import FileRecord, Relation
from kg.text.dates import page_date, page_head, stated_times

__all__ = ["date_record", "SCHEME_RELATIONS"]

#: Relations whose evidence gets the time the sentence states for the scheme.
SCHEME_RELATIONS = frozenset({"implementedIn", "implementedBy", "adaptedFrom"})


def _timed(rel: Relation, page: str) -> Relation:
    ev = rel.evidence
    if ev is None or rel.predicate not in SCHEME_RELATIONS:
        return rel
    times = stated_times(ev.sentence, page)
    if not times:
        return rel
    return replace(rel, evidence=replace(ev, time=times[0].value, time_text=times[0].text))


def date_record(record: FileRecord, source_text: str) -> FileRecord:
    """The record with its page date and the stated times of its scheme relations.

    Parameters
    ----------
    record : FileRecord
        As extracted; ``record.meta.date`` is the front matter's date or ``""``.
    source_text : str
        The decoded source text; its head (:func:`kg.text.dates.page_head`) is where the
        masthead, edition line and datelines are read.

    Returns
    -------
    FileRecord
        A new record; the relations keep their order.

    Examples
    --------
    >>> from kg.records import Evidence
    >>> rel = Relation("scheme:甲乙模式", "implementedIn", "place:某镇", 0,
    ...                Evidence(0, 9, "去年3月，某镇推行甲乙模式。"))
    >>> out = date_record(FileRecord("x.txt", "0" * 64, 9, relations=(rel,)),
    ...                   "某报 2023年5月12日 星期五\\n去年3月，某镇推行甲乙模式。")
    >>> out.meta.date, out.relations[0].evidence.time, out.relations[0].evidence.time_text
    ('2023-05-12', '2022-03', '去年3月')
    """
    meta = record.meta
    page_text = page_head(source_text)
    if not meta.date:
        found = page_date(page_text)
        if found is not None:
            meta = replace(meta, date=found.value, date_text=found.text)
    elif not meta.date_text:
        found = page_date(page_text, context_year=int(meta.date[:4]))
        if found is not None and found.value == meta.date:
            meta = replace(meta, date_text=found.text)
    relations = tuple(_timed(r, meta.date) for r in record.relations)
    return replace(record, meta=meta, relations=relations)
