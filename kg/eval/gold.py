"""Read gold annotation files (one JSON per source file, format of ``gold/GUIDE.md``).

Each file names its source (``"file"``), the articles, the entities (name, type,
aliases) and the relations (``s``/``p``/``o`` by canonical name, with an evidence
snippet or ``"admin-division"`` and, optionally, the ``date`` the text gives for it:
``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` at the precision the text states; see
``docs/time.md``).
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.records import CLASSES, RELATIONS

__all__ = ["GoldEntity", "GoldRelation", "GoldFile", "GoldError", "read_gold_file", "read_gold_dir"]


#: The optional ``date`` of a gold relation: a year, a month or a day, as the text states it.
_GOLD_DATE = re.compile(r"(19|20)\d\d(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


class GoldError(KgError):
    """A gold file is missing, is not JSON, or does not follow the guide's format."""


@dataclass(frozen=True, slots=True)
class GoldEntity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldRelation:
    s: str
    p: str
    o: str
    evidence: str = ""
    date: str = ""  # optional: when the text says it happened, YYYY, YYYY-MM or YYYY-MM-DD


@dataclass(frozen=True, slots=True)
class GoldFile:
    """The gold annotation of one source file."""

    file: str
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]
    path: Path | None = None


def read_gold_file(path: str | os.PathLike) -> GoldFile:
    """Read one gold JSON file.

    Raises
    ------
    GoldError
        When the file cannot be read or parsed, or a type or relation name is unknown
        (the message names the file and the entry).
    """
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise GoldError(f"{p}: cannot read gold file: {err}") from err
    try:
        entities = tuple(GoldEntity(e["name"], e["type"], tuple(e.get("aliases", ())))
                         for e in data["entities"])
        relations = tuple(GoldRelation(r["s"], r["p"], r["o"], r.get("evidence", ""),
                                       str(r.get("date", "")))
                          for r in data["relations"])
        file = data["file"]
    except (KeyError, TypeError) as err:
        raise GoldError(f"{p}: expected keys file, entities[name,type], relations[s,p,o]; "
                        f"missing {err}") from err
    for e in entities:
        if e.type not in CLASSES:
            raise GoldError(f"{p}: entity {e.name!r}: unknown type {e.type!r}")
    for r in relations:
        if r.p not in RELATIONS:
            raise GoldError(f"{p}: relation {r.s!r} → {r.o!r}: unknown relation {r.p!r}")
        if r.date and not _GOLD_DATE.fullmatch(r.date):
            raise GoldError(f"{p}: relation {r.s!r} → {r.o!r}: date {r.date!r} is not "
                            f"YYYY, YYYY-MM or YYYY-MM-DD")
    return GoldFile(file, entities, relations, p)


def read_gold_dir(folder: str | os.PathLike) -> list[GoldFile]:
    """Read every ``*.json`` in ``folder``, in sorted path order.

    Raises
    ------
    GoldError
        When the folder does not exist or holds no gold file.
    """
    d = Path(folder)
    if not d.is_dir():
        raise GoldError(f"{d}: no such gold folder")
    files = sorted(d.glob("*.json"))
    if not files:
        raise GoldError(f"{d}: no *.json gold files")
    return [read_gold_file(f) for f in files]
