"""One body or place named twice on a page, short and in full: which key is which.

Why page-level: the two forms of a name usually sit in different articles (a headline's
short form, the text's full chain).
"""
from __future__ import annotations

from kg.lexicon import function_words, org_head_words

__all__ = ["page_merge", "place_merge", "scheme_merge", "area_body_names"]


#: Written forms one body's names differ by, folded away before two names are compared:
#: the honorific of 人民法院/人民检察院 (the full form of 法院/检察院), and the 公安 of a
#: district's police bureau named on its own (X公安分局 is Y市公安局X分局).
_FOLDS = (("人民", ""), ("公安分局", "分局"))


def _fold(label: str) -> str:
    for written, folded in _FOLDS:
        label = label.replace(written, folded)
    return label


def page_merge(ents: dict[str, dict]) -> dict[str, str]:
    """Short organisation key → the key of the same body under its fuller name on the page.

    A headline often names a body short (X检察院) where the text gives the full chain
    (Y市X人民检察院). Two organisations are one when, ignoring 人民 and the 公安 of X公安分局
    (:data:`_FOLDS`), the shorter label is a suffix of the longer (or the same: X镇政府), both end in the same
    head, the shorter carries more than the bare head, and what the longer adds in front
    holds no body head (only places: a bare unit is not merged with another body's unit of
    the same name) unless that front is itself a body named on the page: then the longer is the unit written after its parent
    (…总站X支队) and the shorter the same unit without it (X支队), or the shorter opens with the
    unit's own quoted name (X法院“Y”工作站 and “Y”工作站). The Youth League's committee is not
    the party committee (共青团X县委, X县委). The fuller name wins; the
    shorter becomes an alias. Why page-level: the two forms sit in different articles.
    """
    heads = org_head_words(2)
    orgs = sorted((v["label"], k) for k, v in ents.items() if v["cls"] == "Organisation")
    labels = {_fold(label) for label, _ in orgs}
    # two names of one body share their last three characters (the head and at least two
    # of the unit's own name): only those are compared, so a long page is not quadratic
    by_tail: dict[str, list[tuple[str, str]]] = {}
    for flabel, fkey in orgs:
        by_tail.setdefault(_fold(flabel)[-3:], []).append((flabel, fkey))
    out: dict[str, str] = {}
    for label, key in orgs:
        short = _fold(label)
        head = next((h for h in heads if short.endswith(h)), "")
        if not head or len(short) <= len(head) + 1:
            continue
        same_tail = by_tail.get(short[-3:], [])
        cands = []
        for flabel, fkey in same_tail:
            full = _fold(flabel)
            if fkey == key or not full.endswith(short) or (len(full) == len(short) and len(flabel) <= len(label)):
                continue  # (equal once folded: X镇政府 is X镇人民政府, the name as written in full wins)
            front = full[:-len(short)]
            if front in function_words("league_prefixes"):
                continue  # 共青团X县委 is the Youth League's committee, not X县委
            if any(h in front for h in heads) and front not in labels and not short.startswith("“"):
                continue  # (a unit's own quoted name, X法院“Y”工作站 and “Y”工作站, is one unit's)
            cands.append((len(flabel), flabel, fkey))
        if not cands:
            cands = [(len(flabel), flabel, fkey) for flabel, fkey in same_tail
                     if fkey != key and _abridged(short, _fold(flabel), heads)]
        if len(cands) == 1 or len({c[2] for c in cands}) == 1:
            out[key] = cands[0][2]
    # chains: a → b → c all go to c
    for k in list(out):
        seen = {k}
        while out[k] in out and out[k] not in seen:
            seen.add(out[k])
            out[k] = out[out[k]]
    return out


def _subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(c in it for c in short)


def _abridged(short: str, full: str, heads: tuple[str, ...]) -> bool:
    """True when ``short`` is ``full`` with its parent body written shorter.

    Both name the same unit with its own proper name (the tail: X路派出所, X边境管理支队)
    after a parent body; the short parent is the long one abridged — a level left out
    (A局 for A局B分局) or the name contracted (X边检总站 for X出入境边防检查总站): it
    starts with the same character, its characters appear in order in the long one, and
    the long one ends in a body's head, the short one too or in the head's last two
    characters (边检总站 for …检查总站).
    """
    if len(full) <= len(short):
        return False
    n = 0
    while n < len(short) and short[-1 - n] == full[-1 - n]:
        n += 1
    for t in range(n, 0, -1):
        tail, front_s, front_l = short[-t:], short[:-t], full[:-t]
        head = next((h for h in heads if tail.endswith(h)), "")
        if not head or len(tail) < len(head) + 2 or not front_s:
            continue
        if front_l.endswith(heads) and (front_s.endswith(heads) or front_s[-2:] == front_l[-2:]) and \
                front_s[0] == front_l[0] and _subsequence(front_s, front_l):
            return True
    return False


def area_body_names(ents: dict[str, dict], places: dict[str, str]) -> dict[str, str]:
    """Organisation key → its label with the area's full name, for bodies named after an area's
    short form (互市贸易区管理委员会, the area being 木槿边民互市贸易区 on the page).

    ``places`` is :func:`place_merge`'s answer (short place key → full place key). Why: the
    body is named as the page names its area, and the area is one place in full.
    """
    out: dict[str, str] = {}
    shorts = sorted(((ents[s]["label"], ents[f]["label"]) for s, f in places.items()
                     if s in ents and f in ents and ents[s]["cls"] == "Place"), key=lambda x: -len(x[0]))
    for key, v in ents.items():
        if v["cls"] != "Organisation":
            continue
        label = v["label"]
        hit = next(((sh, full) for sh, full in shorts if label.startswith(sh) and len(label) > len(sh)), None)
        if hit is not None:
            out[key] = hit[1] + label[len(hit[0]):]
    return out


#: Characters a named area's short form keeps (互市贸易区 of 木槿边民互市贸易区) to stand for it without a division before it.
_SHORT_AREA = 5


def place_merge(ents: dict[str, dict]) -> dict[str, str]:
    """Short place key → the key of the same named place written after its parent's name.

    A page names a place outside the register once in full (Y市X口岸) and once without
    the parent it already stated (X口岸), or without the first words of its own name
    (木槿边民互市贸易区, later 互市贸易区). They are one place when the shorter label is the
    longer one's end, and what the longer adds in front is the name or a surface of a
    division on the page, or the shorter keeps at least :data:`_SHORT_AREA` characters;
    and only one longer place ends so. The fuller name wins; the shorter becomes an alias.
    """
    fronts = {x for v in ents.values() if v["cls"] != "Place" and v.get("code")
              for x in v["surfaces"] | {v["label"]}}
    named = sorted((v["label"], k) for k, v in ents.items() if v["cls"] == "Place" and not v.get("code"))
    out: dict[str, str] = {}
    for label, key in named:
        cands = {fkey for flabel, fkey in named
                 if len(flabel) > len(label) >= 3 and flabel.endswith(label) and
                 (flabel[:-len(label)] in fronts or len(label) >= _SHORT_AREA)}
        if len(cands) == 1:
            out[key] = cands.pop()
    return out


_SCHEMES = ("Programme", "Initiative")


def scheme_merge(ents: dict[str, dict]) -> dict[str, str]:
    """Short scheme key → the key of the same scheme under its fuller head on the page.

    A page names a scheme once in full (“X”供热服务热线) and again with the head cut to
    its last word (“X”热线) or without a head (以“X”为牵引). They are one scheme when the
    quotation is the same and the shorter head (or none) is the end of the longer one of
    only one scheme; the fuller name wins and the shorter becomes an alias (gold/GUIDE.md:
    the fullest name the text writes).
    """
    by_quote: dict[str, list[tuple[str, str, str]]] = {}
    for k, v in ents.items():
        label = v["label"]
        if v["cls"] in _SCHEMES and label.startswith("“") and "”" in label:
            quote, _, head = label.partition("”")
            by_quote.setdefault(quote, []).append((head, label, k))
    out: dict[str, str] = {}
    for items in by_quote.values():
        for head, _, key in sorted(items, key=lambda x: -len(x[0])):  # a bare quotation last
            longer = {out.get(fkey, fkey) for fhead, _, fkey in items if len(fhead) > len(head) and fhead.endswith(head)}
            if len(longer) == 1:
                out[key] = longer.pop()
    return out
