"""Turn gold files into FileRecords (with deliberate errors) to test the scorer end to end.

Names come from the gold files at run time; nothing from them is written here.
"""
from __future__ import annotations

from kg.eval.gold import GoldFile
from kg.records import FAMILY, Article, Entity, Evidence, FileRecord, Relation

_PREFIX = {"place": "place", "organisation": "org", "scheme": "scheme", "award": "award"}


def _key(name: str, cls: str) -> str:
    return f"{_PREFIX[FAMILY[cls]]}:{name}"


def perturbed_record(gold: GoldFile) -> FileRecord:
    """A record that gets some of ``gold`` right and some wrong, deterministically.

    Drops every 4th entity, gives every 3rd Programme the class Initiative and every 5th
    County the class Prefecture (strict misses), labels every 2nd entity by an alias,
    adds an invented organisation (false positive), drops every 5th relation and adds a
    reversed copy of every 7th.
    """
    entities: dict[str, Entity] = {}
    keys: dict[str, str] = {}
    for i, e in enumerate(gold.entities):
        if i % 4 == 3:
            continue
        cls = e.type
        if cls == "Programme" and i % 3 == 0:
            cls = "Initiative"
        if cls == "County" and i % 5 == 0:
            cls = "Prefecture"
        label = e.aliases[0] if (i % 2 and e.aliases) else e.name
        key = _key(e.name, e.type)
        keys[e.name] = key
        entities[key] = Entity(key, cls, label, (), (0,))
    fake = Entity("org:虚构机构", "Organisation", "虚构机构", (), (0,))
    entities[fake.key] = fake
    relations = []
    ev = Evidence(0, 1, "某")
    for i, r in enumerate(gold.relations):
        if r.s not in keys or r.o not in keys or i % 5 == 4:
            continue
        relations.append(Relation(keys[r.s], r.p, keys[r.o], 0, ev))
        if i % 7 == 0:
            relations.append(Relation(keys[r.o], r.p, keys[r.s], 0, Evidence(2, 3, "某")))
    return FileRecord(gold.file, "0" * 64, 10, (Article(0, "标题", 0, 10),),
                      tuple(sorted(entities.values())), tuple(sorted(set(relations))))
