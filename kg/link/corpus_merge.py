"""One thing, one IRI across pages: merge entities of different files by readable rules.

Applied at the build's merge step (:func:`kg.build.build`), record by record in sorted
file order, before the records become named graphs. An entity whose key differs from an
entity seen on an earlier page, but which a rule says is the same thing, takes the
earlier entity's key (so its IRI and label); its own name becomes an alias. Entities no
rule touches keep their key, so their IRIs stay what they were.

Rules, tried in this order (``rule`` in the report):

``name``
    Organisations, schemes, awards: the names are equal once quotation marks, spaces,
    middle dots and widths are folded and the honorific 人民 and a leading 中共 dropped
    (X区人民法院 = X区法院, 中共X县委 = X县委).
``head``
    Schemes: the same quoted name with head nouns of one class of
    ``kg/data/lexicons/merge_heads.tsv`` — “X”, “X”建设, “X”工作机制; a bare quotation
    fits any head. Heads of different classes (“X”专项行动, “X”工作法) stay apart.
``place``
    Organisations: one name ends with the other (Y市X区公安局 / X区公安局), what the
    longer adds in front is only names of places above its seat, and the two bodies sit
    in compatible places — the same place, or one inside the other (``locatedIn`` of
    their pages, register parents).
``code``
    Register places share their 12-digit division code, so they are one entity by key
    (``division:<code>``) whatever name a page writes them with; no rule joins two codes.
``override``
    A researcher's ``merge`` line (see :func:`read_overrides`).

A researcher's ``keep_apart`` line stops any rule from joining those two names. The
merge report (:func:`report_rows`, written as CSV and HTML by :mod:`kg.link.merge_report`)
lists every cluster: its IRI, names, the rule that joined each name and the pages.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kg.errors import UsageError
from kg.io.spill import Spill, SpillTable
from kg.lexicon import table
from kg.records import FAMILY, Entity, FileRecord, Relation

__all__ = ["Overrides", "Member", "CorpusMerger", "read_overrides", "fold", "scheme_parts",
           "head_classes"]

_DROP = re.compile(r"[\s“”「」『』\"'‘’《》·•・]")
_QUOTED = re.compile(r"^[“\"「『](.+?)[”\"」』](.*)$")
_MIN_SHORT = 4   # a shorter body name needs at least this many characters (no bare 派出所)


def fold(label: str) -> str:
    """A name folded for the ``name`` rule.

    Examples
    --------
    >>> fold("中共某县委"), fold("某区人民法院"), fold("“甲·乙”工作法"), fold("ＡＢ模式")
    ('某县委', '某区法院', '甲乙工作法', 'AB模式')
    """
    text = _DROP.sub("", unicodedata.normalize("NFKC", label))
    for row in table("name_folds", ("written", "folded", "where")):  # 人民法院 → 法院, a leading 中共
        if row["where"] == "anywhere":
            text = text.replace(row["written"], row["folded"])
        elif text.startswith(row["written"]):
            text = row["folded"] + text[len(row["written"]):]
    return text


@lru_cache(maxsize=1)
def head_classes() -> dict[str, str]:
    """Head noun → class, from ``kg/data/lexicons/merge_heads.tsv``."""
    from kg.resources import read_tsv

    return {row["head"]: row["class"] for row in read_tsv("lexicons/merge_heads.tsv", ("head", "class"))}


def scheme_parts(label: str) -> tuple[str, str] | None:
    """``(quoted name, head class)`` of a scheme label, ``""`` class for a bare quotation.

    ``None`` when the label has no quoted name or its head is not in the table.

    Examples
    --------
    >>> scheme_parts("“甲乙”建设"), scheme_parts("“甲乙”"), scheme_parts("“甲乙”专项行动")
    (('甲乙', 'standing'), ('甲乙', ''), ('甲乙', 'campaign'))
    >>> scheme_parts("甲乙模式") is None, scheme_parts("“甲乙”大会") is None
    (True, True)
    """
    m = _QUOTED.match(label.strip())
    if m is None:
        return None
    name, head = fold(m.group(1)), m.group(2).strip()
    if not head:
        return name, ""
    cls = head_classes().get(head)
    return (name, cls) if cls else None


@dataclass(frozen=True)
class Overrides:
    """A researcher's decisions: pairs of names to keep apart, pairs to merge."""

    apart: frozenset[frozenset[str]] = frozenset()
    together: tuple[tuple[str, str], ...] = ()


def read_overrides(text: str, where: str = "overrides") -> Overrides:
    """Parse an override file: ``keep_apart<TAB>name<TAB>name`` or ``merge<TAB>name<TAB>name``.

    Names are compared folded (:func:`fold`); ``#`` starts a comment line.

    Raises
    ------
    UsageError
        For a line of another shape, naming ``where`` and the line number.

    Examples
    --------
    >>> o = read_overrides("# mine\\nkeep_apart\\t“甲”工作法\\t“甲”建设\\nmerge\\t某队\\t某县某队\\n")
    >>> sorted(map(sorted, o.apart)), o.together
    ([['甲工作法', '甲建设']], (('某队', '某县某队'),))
    """
    apart, together = set(), []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 3 or parts[0] not in ("keep_apart", "merge") or not parts[1] or not parts[2]:
            raise UsageError(f"{where}, line {n}: expected 'keep_apart' or 'merge', a tab and two "
                             f"names separated by a tab; found {line!r}")
        a, b = fold(parts[1]), fold(parts[2])
        if parts[0] == "keep_apart":
            apart.add(frozenset((a, b)))
        else:
            together.append((a, b))
    return Overrides(frozenset(apart), tuple(together))


@dataclass
class Member:
    """One key of a cluster: its first name, the rule that joined it, the pages naming it."""

    key: str
    label: str
    family: str
    rule: str
    files: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)


@dataclass
class CorpusMerger:
    """Rewrite records so that one thing named differently on several pages is one key.

    Feed records with :meth:`apply` in sorted file order; :attr:`clusters` then maps the
    canonical key of every cluster of two keys or more to its members (the canonical key
    is a member with rule ``""``), and :attr:`canon` every key joined to another's
    cluster to that cluster's key.

    Memory: the state lives for the whole build and grows with the distinct keys, so a
    key nobody joined (most of them) is one flat tuple in ``_lone`` — its first name,
    family, first page and names — and becomes a :class:`Member` only when a second key
    joins it; keys that are their own cluster are not in :attr:`canon`; seats and place
    names are tuples, not sets. The tables per key or name are :class:`~kg.io.spill.SpillTable`
    objects of ``spill``: past its limit they move to a temporary SQLite file, so they
    stay bounded however many keys a build has (no file, no limit, without one); the
    clusters of joined keys stay in memory.
    Their values are tuples, replaced, never changed in place.
    """

    overrides: Overrides = field(default_factory=Overrides)
    spill: Spill | None = None
    canon: dict[str, str] = field(default_factory=dict)               # joined key → cluster key
    clusters: dict[str, dict[str, Member]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        spill = self._spill = self.spill or Spill(limit=None)
        self._lone = spill.table("lone")                # key → (label, family, page, *names)
        self._by_name: dict[str, SpillTable] = {}       # family → folded name → cluster
        self._by_core = spill.table("by_core")          # quoted name → ((key, head class), …)
        self._org_full = spill.table("org_full")        # folded org name → key
        self._org_suffix = spill.table("org_suffix")    # folded suffix → (key, …)
        self._seats = spill.table("seats")              # org key → (place key, …)
        self._parents = spill.table("parents")          # place key → parent key
        self._place_names = spill.table("place_names")  # place key → (folded name, …)

    def _names(self, family: str) -> SpillTable:
        """The folded-name index of one family (made on first use)."""
        table = self._by_name.get(family)
        if table is None:
            table = self._by_name[family] = self._spill.table(f"by_name:{family}")
        return table

    # --- what is known of a key --------------------------------------------------------

    def _cluster_of(self, key: str) -> str | None:
        """The cluster key of a key seen before; ``None`` for a new key."""
        if key in self._lone or key in self.clusters:
            return key
        return self.canon.get(key)

    def _label(self, key: str) -> str:
        """The first name seen for ``key``; ``""`` for a new key."""
        lone = self._lone.get(key)
        if lone is not None:
            return lone[0]
        member = self.clusters.get(self.canon.get(key, key), {}).get(key)
        return member.label if member is not None else ""

    def _cluster_labels(self, canonical: str) -> list[str]:
        lone = self._lone.get(canonical)
        if lone is not None:
            return [lone[0]]
        return [m.label for m in self.clusters.get(canonical, {}).values()]

    # --- rules -------------------------------------------------------------------------

    def _apart(self, a: str, b: str) -> bool:
        names_a = {fold(label) for label in self._cluster_labels(self.canon.get(a, a))} or {a}
        return any(frozenset((x, b)) in self.overrides.apart for x in names_a)

    def _ancestors(self, key: str) -> list[str]:
        out, seen = [key], {key}
        while (key := self._parents.get(key)) is not None and key not in seen:
            out.append(key)
            seen.add(key)
        return out

    def _compatible(self, a: str, b: str) -> bool:
        pa, pb = self._seats.get(a, ()), self._seats.get(b, ())
        return any(x in self._ancestors(y) or y in self._ancestors(x) for x in pa for y in pb)

    def _front_is_places(self, front: str, long_key: str) -> bool:
        names = {n for seat in self._seats.get(long_key, ()) for p in self._ancestors(seat)
                 for n in self._place_names.get(p, ())}
        while front:
            hit = next((n for n in sorted(names, key=len, reverse=True) if n and front.startswith(n)), None)
            if hit is None:
                return False
            front = front[len(hit):]
        return True

    def _find(self, ent: Entity, family: str) -> tuple[str, str] | None:
        """(canonical key, rule) of an earlier entity ``ent`` is the same as, if any."""
        name = fold(ent.label)
        by_name = self._names(family)
        for a, b in self.overrides.together:
            other = b if name == a else a if name == b else None
            if other is not None and other in by_name:
                return by_name[other], "override"
        if family in ("organisation", "scheme", "award"):
            hit = by_name.get(name)
            if hit is not None and hit != ent.key and not self._apart(hit, name):
                return hit, "name"
        if family == "scheme":
            parts = scheme_parts(ent.label)
            if parts is not None:
                for key, cls in self._by_core.get(parts[0], ()):
                    if key != ent.key and (not cls or not parts[1] or cls == parts[1]) \
                            and not self._apart(key, name):
                        return self.canon.get(key, key), "head"
        if family == "organisation" and len(name) >= _MIN_SHORT:
            for long_key in self._org_suffix.get(name, ()):        # ent is the short form
                if long_key != ent.key and \
                        self._place_match(ent.key, long_key, name, fold(self._label(long_key)), long_key, name):
                    return self.canon.get(long_key, long_key), "place"
            for i in range(1, len(name) - _MIN_SHORT + 1):          # ent is the long form
                short_key = self._org_full.get(name[i:])
                if short_key and short_key != ent.key and \
                        self._place_match(ent.key, short_key, name[i:], name, ent.key, name):
                    return self.canon.get(short_key, short_key), "place"
        return None

    def _place_match(self, key: str, other: str, short: str, long_name: str, long_key: str, name: str) -> bool:
        """``key`` (folded name ``name``) and ``other`` are one body: compatible seats, and the
        longer name (``long_name``, of ``long_key``) adds only places above its seat in front.

        (The long name is passed in: a key met for the first time has no label here yet.)
        """
        return (self._compatible(key, other)
                and self._front_is_places(long_name[:len(long_name) - len(short)], long_key)
                and not self._apart(other, name))

    # --- indexing ----------------------------------------------------------------------

    def _index(self, ent: Entity, family: str, canonical: str, rule: str, file_name: str) -> None:
        if canonical == ent.key and canonical not in self.clusters:
            if canonical not in self._lone:   # memory: a lone key keeps only its first page
                self._lone[canonical] = (ent.label, family, file_name,
                                         *dict.fromkeys((ent.label, *ent.aliases)))
        else:
            members = self.clusters.get(canonical)
            if members is None:               # a second key joins: the lone one becomes a member
                label, first_family, page, *names = self._lone.pop(canonical)
                members = self.clusters[canonical] = {
                    canonical: Member(canonical, label, first_family, "", {page}, set(names))}
            m = members.get(ent.key)
            if m is None:
                m = members[ent.key] = Member(ent.key, ent.label, family, rule)
                self.canon[ent.key] = canonical
            m.files.add(file_name)
            m.names.update((ent.label, *ent.aliases))
        name = fold(ent.label)
        self._names(family).setdefault(name, canonical)
        if family == "scheme":
            parts = scheme_parts(ent.label)
            if parts is not None:
                cores = self._by_core.get(parts[0], ())
                if (ent.key, parts[1]) not in cores:
                    self._by_core[parts[0]] = (*cores, (ent.key, parts[1]))
        if family == "organisation":
            self._org_full.setdefault(name, ent.key)
            for i in range(1, len(name) - _MIN_SHORT + 1):
                keys = self._org_suffix.get(name[i:], ())
                if ent.key not in keys:
                    self._org_suffix[name[i:]] = (*keys, ent.key)

    def _learn_places(self, record: FileRecord) -> None:
        for ent in (*record.entities, *record.reference):
            if FAMILY.get(ent.cls) == "place":
                known = self._place_names.get(ent.key, ())
                new = [n for n in dict.fromkeys(fold(n) for n in (ent.label, *ent.aliases) if n)
                       if n not in known]
                if new:
                    self._place_names[ent.key] = (*known, *new)
                if ent.parent:
                    self._parents.setdefault(ent.key, ent.parent)
        for rel in record.relations:
            if rel.predicate == "partOf":
                self._parents.setdefault(rel.subject, rel.object)
            elif rel.predicate == "locatedIn":
                seats = self._seats.get(rel.subject, ())
                if rel.object not in seats:
                    self._seats[rel.subject] = (*seats, rel.object)

    # --- the step ----------------------------------------------------------------------

    def apply(self, record: FileRecord) -> FileRecord:
        """The record with every entity merged by a rule renamed to its cluster's key.

        Parameters
        ----------
        record : FileRecord
            The next record in sorted file order.

        Returns
        -------
        FileRecord
            The same record when nothing merges; else entities joined (aliases and
            articles united), relations renamed, self-relations dropped.
        """
        self._learn_places(record)
        rename: dict[str, str] = {}
        for ent in record.entities:
            family = FAMILY[ent.cls]
            canonical, rule = self._cluster_of(ent.key), ""
            if ent.key.startswith("division:"):
                continue   # one entity by its code (rule "code"): nothing to join, nothing kept
            if canonical is None:
                canonical, rule = self._find(ent, family) or (ent.key, "")
            self._index(ent, family, canonical, rule, record.file_name)
            if canonical != ent.key:
                rename[ent.key] = canonical
        if not rename:
            return record
        return _renamed(record, rename)

    def report_rows(self) -> list[dict[str, str]]:
        """One row per member of every cluster that joined more than one key.

        Columns: ``cluster`` (canonical key), ``family``, ``label`` (the cluster's name),
        ``key``, ``name`` (the member's first name), ``names`` (all forms, ``|``), ``rule``,
        ``files`` (``|``). Sorted by cluster, then key. To bound memory, a key that is
        alone in its cluster remembers only its first page and names; pages and names are
        all kept from the moment a second key joins.
        """
        rows = []
        for canonical in sorted(self.clusters):
            members = self.clusters[canonical]
            head = members[canonical]
            for key in sorted(members):
                m = members[key]
                rows.append({"cluster": canonical, "family": m.family, "label": head.label,
                             "key": key, "name": m.label, "names": "|".join(sorted(m.names)),
                             "rule": m.rule or "first", "files": "|".join(sorted(m.files))})
        return rows


def _renamed(record: FileRecord, rename: dict[str, str]) -> FileRecord:
    """``record`` with keys renamed; entities sharing a key joined, in key order."""
    def k(key: str | None) -> str | None:
        return rename.get(key, key) if key is not None else None

    joined: dict[str, Entity] = {}
    for ent in record.entities:
        key = k(ent.key)
        prev = joined.get(key)
        if prev is None:   # a renamed entity keeps its own name as an alias of the cluster
            extra = {ent.label} if key != ent.key else set()
            joined[key] = replace(ent, key=key, aliases=tuple(sorted(set(ent.aliases) | extra)))
        else:
            aliases = (set(prev.aliases) | set(ent.aliases) | {ent.label}) - {prev.label}
            joined[key] = replace(prev, aliases=tuple(sorted(aliases)),
                                  articles=tuple(sorted(set(prev.articles) | set(ent.articles))))
    relations: dict[tuple, Relation] = {}
    for rel in record.relations:
        s, o = k(rel.subject), k(rel.object)
        if s == o:
            continue
        new = replace(rel, subject=s, object=o)
        relations.setdefault((s, rel.predicate, o, rel.article,
                              rel.evidence.start if rel.evidence else -1), new)
    articles = tuple(replace(a, about=k(a.about)) for a in record.articles)
    return replace(record, entities=tuple(sorted(joined.values())), articles=articles,
                   relations=tuple(sorted(relations.values())))
