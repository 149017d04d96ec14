"""Document metadata from a page's YAML front matter (date, title, section, source URL).

Crawled pages may start with a front-matter block (``---`` … ``---``) written by the
crawler: ``title``, ``date``, ``section``, ``section_name``, ``author``, ``source_url``.
It is not page text (:func:`kg.text.normalize.normalize` skips it); here it is the one
place a page's date comes from, so researchers can ask what happened when. Dates are
never read from article prose: a page without front matter stays undated.

The block is parsed with PyYAML's ``safe_load`` (no code runs). Front matter that does
not parse, or is not a mapping, gives empty metadata and no message: crawler output is
not worth failing or cluttering a build over.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import yaml

from kg.records import DocumentMeta

__all__ = ["FRONT_MATTER_RE", "read_metadata", "iso_date", "http_iri"]

#: A front-matter block at the very start of a text; group 1 is its body.
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n((?:.*\r?\n){0,200}?)---[ \t]*(?:\r?\n|\Z)")
_DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
#: Characters that may not appear in an IRI (RFC 3987), besides controls and spaces.
_NOT_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')


def iso_date(value: object) -> str:
    """``YYYY-MM-DD`` for a real calendar date (a YAML date, or text like it), else ``""``.

    Examples
    --------
    >>> iso_date("2023-3-7"), iso_date(dt.date(2023, 3, 7)), iso_date("2023年3月7日")
    ('2023-03-07', '2023-03-07', '2023-03-07')
    >>> iso_date("2023-02-30"), iso_date("spring 2023"), iso_date(2023)
    ('', '', '')
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    m = _DATE_RE.match(value.strip()) if isinstance(value, str) else None
    if not m:
        return ""
    try:
        return dt.date(*map(int, m.groups())).isoformat()
    except ValueError:
        return ""


def http_iri(value: object) -> str:
    """The value when it is an absolute http(s) IRI with a host, else ``""``.

    Examples
    --------
    >>> http_iri("https://example.org/a?b=1")
    'https://example.org/a?b=1'
    >>> http_iri("example.org/a"), http_iri("javascript:alert(1)"), http_iri("https://a b/")
    ('', '', '')
    """
    if not isinstance(value, str):
        return ""
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or _NOT_IRI.search(url):
        return ""
    return url


def _text(value: object) -> str:
    """A scalar as one line of text (runs of spaces collapsed); other values give ``""``."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    return " ".join(str(value).split())


def read_metadata(source_text: str) -> DocumentMeta:
    """The metadata in the front matter of ``source_text``; empty when there is none.

    Examples
    --------
    >>> read_metadata('---\\ndate: 2023-03-07\\nsection_name: "要闻"\\n---\\n正文').date
    '2023-03-07'
    >>> read_metadata("---\\ndate: [unclosed\\n---\\n正文") == DocumentMeta()
    True
    """
    m = FRONT_MATTER_RE.match(source_text)
    if m is None:
        return DocumentMeta()
    try:
        data = yaml.safe_load(m.group(1))
    except Exception:  # noqa: BLE001 - malformed crawler metadata (YAML or bad dates): none
        return DocumentMeta()
    if not isinstance(data, dict):
        return DocumentMeta()
    return DocumentMeta(
        date=iso_date(data.get("date")),
        title=_text(data.get("title")),
        section=_text(data.get("section")),
        section_name=_text(data.get("section_name")),
        source_url=http_iri(data.get("source_url")),
        author=_text(data.get("author")),
    )
