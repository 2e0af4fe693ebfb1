"""A deterministic synthetic chronicle in the content format, at any size.

    python benchmarks/generate.py --entries 1000 --people 1000 OUT

Each entry has about 950 Chinese characters and 500 English words, mentions four
registered people by name in both languages, and records a figure; people have
roles; there are stats and commendations. The same arguments always give the
same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏建国志文斌宇浩凯健俊帆帅旭宁龙林欣颖玲琳晶晨辰阳雪梅凤丹瑶婷倩蕾琴云莉"
HANZI = ("社区工作人员今天继续值守卡点为居民提供服务我们按照要求开展排查登记测量体温发放物资宣传防疫知识"
         "党员志愿者冲锋在前不怕辛苦默默奉献大家团结一心共同守护家园天气寒冷风雪交加但是没有人退缩坚持到底"
         "街道干部下沉小区协助封闭管理联系商户配送蔬菜药品照顾老人孩子解决困难群众的实际问题温暖人心")
WORDS = ("the community staff kept watch at the gate today we registered visitors checked temperatures delivered "
         "food and medicine to families in quarantine volunteers and party members worked through the cold night "
         "neighbours helped each other the street office sent cadres to the estate shops delivered vegetables "
         "elderly residents living alone received visits and the snow did not stop anyone from doing their part").split()


def _zh_paragraph(rng: random.Random, chars: int) -> str:
    out, n = [], 0
    while n < chars:
        length = rng.randint(12, 30)
        start = rng.randrange(len(HANZI) - length)
        out.append(HANZI[start:start + length] + rng.choice("，，，。。！"))
        n += length + 1
    text = "".join(out)
    return text[:-1] + "。"


def _en_paragraph(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    sentences, i = [], 0
    while i < len(chosen):
        n = rng.randint(8, 18)
        part = chosen[i:i + n]
        sentences.append(" ".join(part).capitalize() + ".")
        i += n
    return " ".join(sentences)


def _people(rng: random.Random, count: int) -> list[dict]:
    people, seen = [], set()
    while len(people) < count:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        if name in seen:
            continue
        seen.add(name)
        index = len(people)
        people.append({"id": f"person-{index:05d}", "zh": name, "en": f"Person {index:05d} {name[0]}"})
    return people


def generate(out: Path, entries: int, people_count: int, seed: int = 2020) -> Path:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "entries").mkdir(exist_ok=True)
    (out / "pages").mkdir(exist_ok=True)
    people = _people(rng, people_count)
    (out / "chronicle.yaml").write_text(
        "title: {zh: 合成日记, en: A synthetic chronicle}\n"
        "place: {zh: 某社区, en: A community}\n"
        "languages: [zh, en]\nlunar_calendar: true\nautolink: true\n", encoding="utf-8")
    start = dt.date(2000, 1, 1)
    lines = []
    for index, p in enumerate(people):
        lines.append(f"- id: {p['id']}\n  name: {{zh: {p['zh']}, en: \"{p['en']}\"}}\n  groups: [group-{index % 12}]\n"
                     f"  roles:\n    - title: {{zh: 网格员, en: Grid worker}}\n      org: {{zh: 第{index % 40 + 1}网格, en: Grid {index % 40 + 1}}}\n"
                     f"      from: {start.year + index % 20}-0{index % 9 + 1}\n")
    (out / "people.yaml").write_text("".join(lines), encoding="utf-8")
    (out / "stats.yaml").write_text(
        "- id: households\n  label: {zh: 居民户数, en: Households}\n  unit: {zh: 户, en: households}\n  kind: gauge\n"
        "- id: deliveries\n  label: {zh: 配送次数, en: Deliveries}\n  kind: count\n", encoding="utf-8")
    awards = "".join(f"      - person: {people[i]['id']}\n        citation: {{zh: 表现突出。, en: Outstanding service.}}\n"
                     for i in range(0, min(people_count, 200), 2))
    (out / "commendations.yaml").write_text(
        "categories:\n  - id: outstanding\n    name: {zh: 优秀工作者, en: Outstanding workers}\n    awards:\n" + awards,
        encoding="utf-8")
    (out / "pages" / "preface.md").write_text("---\ntitle: 前言\n---\n" + _zh_paragraph(rng, 300) + "\n", encoding="utf-8")
    (out / "pages" / "preface.en.md").write_text("---\ntitle: Preface\n---\n" + _en_paragraph(rng, 150) + "\n", encoding="utf-8")
    per_day = max(1, -(-entries // 20000))
    for i in range(entries):
        day = start + dt.timedelta(days=i // per_day)
        stem = day.isoformat() + (f"-{i % per_day + 1}" if per_day > 1 and i % per_day else "")
        who = rng.sample(people, 4)
        zh_paras = [_zh_paragraph(rng, 230) for _ in range(4)]
        en_paras = [_en_paragraph(rng, 125) for _ in range(4)]
        for k, person in enumerate(who):
            zh_paras[k] = zh_paras[k][:40] + person["zh"] + zh_paras[k][40:]
            en_paras[k] = en_paras[k] + f" {person['en']} was there."
        front = (f"---\ndate: {day.isoformat()}\ntitle: {{zh: 第{i + 1}篇, en: Entry {i + 1}}}\n"
                 f"people: [{', '.join(p['id'] for p in who)}]\ntags: [tag-{i % 15}]\n"
                 f"stats:\n  - {{stat: households, value: {3000 + i % 900}}}\n  - {{stat: deliveries, value: {i % 17 + 1}}}\n---\n")
        (out / "entries" / f"{stem}.md").write_text(front + "\n\n".join(zh_paras) + "\n", encoding="utf-8")
        (out / "entries" / f"{stem}.en.md").write_text(f"---\ntitle: Entry {i + 1}\n---\n" + "\n\n".join(en_paras) + "\n",
                                                      encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()
    generate(args.out, args.entries, args.people, args.seed)
    print(f"wrote {args.entries} entries and {args.people} people to {args.out}")


if __name__ == "__main__":
    main()
