"""Exports of a govkg graph for Gephi, networkx and the browser.

``export_view`` returns the networkx graph of a view (for notebooks); ``export`` writes
it as GEXF, GraphML, Gephi CSV, node-link JSON or a self-contained HTML page.
"""
from __future__ import annotations

from kg.export.views import VIEWS, export_view
from kg.export.writers import FORMATS, ExportResult, export

__all__ = ["VIEWS", "FORMATS", "ExportResult", "export", "export_view"]
