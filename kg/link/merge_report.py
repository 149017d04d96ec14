"""Write the cross-page merge report: a CSV for scripts and an HTML page for reading.

Rows come from :meth:`kg.link.corpus_merge.CorpusMerger.report_rows`: one per member of
every cluster that joined more than one key — the cluster's IRI and name, each member's
name and every form it was written in, the rule that joined it and the pages that name
it. Both writers take open handles (the CLI opens them through
:func:`kg.io.atomic.atomic_write`); the HTML page is self-contained (no script, no CDN).
"""
from __future__ import annotations

import csv
import html
from typing import IO, Sequence

from kg.rdf.iris import entity_iri

__all__ = ["COLUMNS", "write_merge_csv", "write_merge_html"]

#: CSV columns, in order.
COLUMNS = ("cluster_iri", "family", "label", "key", "name", "names", "rule", "files")


def _rows(rows: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    return [dict(r, cluster_iri=str(entity_iri(r["cluster"]))) for r in rows]


def write_merge_csv(rows: Sequence[dict[str, str]], fh: IO[str]) -> None:
    """Write the report as CSV (header :data:`COLUMNS`; lists inside a cell are ``|``-separated).

    Examples
    --------
    >>> import io
    >>> buf = io.StringIO()
    >>> write_merge_csv([{"cluster": "scheme:甲乙", "family": "scheme", "label": "“甲乙”",
    ...                   "key": "scheme:甲乙建设", "name": "“甲乙”建设", "names": "“甲乙”建设",
    ...                   "rule": "head", "files": "b.txt"}], buf)
    >>> buf.getvalue().splitlines()[0]
    'cluster_iri,family,label,key,name,names,rule,files'
    """
    writer = csv.DictWriter(fh, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(_rows(rows))


_PAGE = """<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>govkg merge report</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}}h2{{margin-top:1.5em}}
code{{font-size:.85em}}</style></head><body>
<h1>Merged across pages: {clusters} cluster{s}</h1>
<p>Each cluster is one IRI. Rules: <b>name</b> (same name once quotes, spaces, widths,
人民 and 中共 are folded), <b>head</b> (same quoted name, head nouns of one class),
<b>place</b> (one body name ends with the other, the rest is the places above it, the
seats are compatible), <b>override</b> (a <code>merge</code> line of the override file).
To undo a merge, add <code>keep_apart&lt;TAB&gt;name&lt;TAB&gt;name</code> to the override
file and build again.</p>
{body}
</body></html>
"""


def write_merge_html(rows: Sequence[dict[str, str]], fh: IO[str]) -> None:
    """Write the report as one HTML page: a section per cluster, a row per member."""
    clusters: dict[str, list[dict[str, str]]] = {}
    for r in _rows(rows):
        clusters.setdefault(r["cluster_iri"], []).append(r)
    parts = []
    for iri, members in clusters.items():
        e = html.escape
        head = members[0]
        trs = "".join(
            f"<tr><td>{e(m['name'])}</td><td>{e(m['names'].replace('|', ' · '))}</td>"
            f"<td>{e(m['rule'])}</td><td>{e(m['files'].replace('|', ', '))}</td></tr>"
            for m in members)
        parts.append(f"<h2>{e(head['label'])} <small>({e(head['family'])})</small></h2>"
                     f"<p><code>{e(iri)}</code></p><table><tr><th>name</th><th>written as</th>"
                     f"<th>rule</th><th>pages</th></tr>{trs}</table>")
    fh.write(_PAGE.format(clusters=len(clusters), s="s" * (len(clusters) != 1),
                          body="\n".join(parts) or "<p>No entity was merged across pages.</p>"))
