"""Tests for chronicle.chinese.pinyin."""

import pytest

from chronicle.chinese.pinyin import (
    COMPOUND_SURNAMES,
    is_slug,
    name_pinyin,
    name_slug,
    name_sort_key,
    slugify,
)


@pytest.mark.parametrize("name,expected", [
    ("单田芳", ["shan", "tian", "fang"]),
    ("曾国藩", ["zeng", "guo", "fan"]),
    ("仇英", ["qiu", "ying"]),
    ("解缙", ["xie", "jin"]),
    ("朴槿惠", ["piao", "jin", "hui"]),
    ("区家麟", ["ou", "jia", "lin"]),
    ("查良镛", ["zha", "liang", "yong"]),
    ("盖叫天", ["ge", "jiao", "tian"]),
    ("覃振", ["qin", "zhen"]),
    ("缪钺", ["miao", "yue"]),
    ("翟志刚", ["zhai", "zhi", "gang"]),
    ("尉迟恭", ["yu", "chi", "gong"]),
    ("时朝霞", ["shi", "zhao", "xia"]),
    ("杨趣玲", ["yang", "qu", "ling"]),
    ("吕布", ["lyu", "bu"]),
    ("女娲", ["nyu", "wa"]),
    ("吕", ["lyu"]),
    ("长孙无忌", ["zhang", "sun", "wu", "ji"]),
    ("单于", ["chan", "yu"]),
])
def test_name_pinyin_surnames(name, expected):
    assert name_pinyin(name) == expected


def test_surname_reading_only_applies_to_the_surname():
    # 曾 inside a given name keeps its everyday reading; 单 likewise.
    assert name_pinyin("李曾经") == ["li", "ceng", "jing"]
    assert name_pinyin("王单") == ["wang", "dan"]


@pytest.mark.parametrize("surname", [
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯",
])
def test_compound_surnames_known(surname):
    assert surname in COMPOUND_SURNAMES


@pytest.mark.parametrize("name,slug", [
    ("欧阳修", "ouyang-xiu"),
    ("司马光", "sima-guang"),
    ("上官婉儿", "shangguan-waner"),
    ("诸葛亮", "zhuge-liang"),
    ("东方朔", "dongfang-shuo"),
    ("皇甫谧", "huangfu-mi"),
    ("尉迟恭", "yuchi-gong"),
    ("公孙胜", "gongsun-sheng"),
    ("慕容复", "murong-fu"),
    ("令狐冲", "linghu-chong"),
    ("长孙无忌", "zhangsun-wuji"),
    ("宇文泰", "yuwen-tai"),
    ("司徒雷登", "situ-leideng"),
    ("夏侯惇", "xiahou-dun"),
])
def test_compound_surnames_slug(name, slug):
    assert name_slug(name) == slug


@pytest.mark.parametrize("name,slug", [
    ("杨趣玲", "yang-quling"),
    ("欧阳修", "ouyang-xiu"),
    ("单田芳", "shan-tianfang"),
    ("曾国藩", "zeng-guofan"),
    ("时朝霞", "shi-zhaoxia"),
    ("吕布", "lyu-bu"),
    ("女娲", "nyu-wa"),
    ("肖开提.依明", "xiaokaiti-yiming"),
    ("肖开提·依明", "xiaokaiti-yiming"),
    ("约翰·史密斯", "yuehan-shimisi"),
    ("单 田芳", "shan-tianfang"),
    ("  杨趣玲  ", "yang-quling"),
    ("John Smith", "john-smith"),
    ("Zoë 李", "zoe-li"),
    ("O'Brien", "o-brien"),
    ("李", "li"),
])
def test_name_slug(name, slug):
    assert name_slug(name) == slug
    assert is_slug(slug)


def test_name_slug_override():
    assert name_slug("单田芳", override="dan-tianfang") == "dan-tianfang"
    with pytest.raises(ValueError):
        name_slug("单田芳", override="Dan Tianfang")
    with pytest.raises(ValueError):
        name_slug("单田芳", override="")


def test_name_slug_empty_when_nothing_usable():
    # The people loader reports "cannot make an id" on a falsy slug.
    assert name_slug("") == ""
    assert name_slug("。。") == ""
    assert name_slug("  ") == ""


def test_name_pinyin_dotted_name_has_no_surname_rule():
    assert name_pinyin("肖开提.依明") == ["xiao", "kai", "ti", "yi", "ming"]


def test_name_pinyin_overrides():
    assert name_pinyin("单田芳", {"单田芳": "dan tian fang"}) == ["dan", "tian", "fang"]
    assert name_pinyin("单田芳", {"单": ["dan"]}) == ["dan", "tian", "fang"]
    assert name_pinyin("某朝阳", {"朝阳": ["zhao", "yang"]}) == ["mou", "zhao", "yang"]
    with pytest.raises(ValueError):
        name_pinyin("吕布", {"吕": "lü"})  # write it lv or lyu
    with pytest.raises(ValueError):
        name_pinyin("吕布", {"吕": "Lü!"})
    with pytest.raises(ValueError):
        name_pinyin("吕布", {"吕": ""})


def test_name_pinyin_override_v_becomes_yu():
    assert name_pinyin("吕布", {"吕": "lv"}) == ["lyu", "bu"]


def test_name_sort_key_orders_like_an_index():
    names = ["赵云", "张飞", "安娜", "曾国藩", "章三", "欧阳修", "吕布", "单田芳", "罗贯中", "陆游", "张三", "李四"]
    assert sorted(names, key=name_sort_key) == [
        "安娜", "李四", "陆游", "罗贯中", "吕布", "欧阳修", "单田芳", "曾国藩", "张飞", "张三", "章三", "赵云",
    ]


def test_name_sort_key_reads_surnames_as_surnames():
    # 单 sorts under S (shan), not D (dan); 曾 under Z (zeng), not C (ceng).
    assert sorted(["单田芳", "丁一", "陈二"], key=name_sort_key) == ["陈二", "丁一", "单田芳"]
    assert sorted(["曾国藩", "蔡元培", "赵四"], key=name_sort_key) == ["蔡元培", "曾国藩", "赵四"]


def test_name_sort_key_mixed_scripts():
    assert sorted(["Zoë", "安娜", "alice", "Bob"], key=name_sort_key) == ["alice", "安娜", "Bob", "Zoë"]


@pytest.mark.parametrize("text,slug", [
    ("疫情防控", "yi-qing-fang-kong"),
    ("Python 教程", "python-jiao-cheng"),
    ("C++ 入门", "c-ru-men"),
    ("2020年 春节", "2020-nian-chun-jie"),
    ("女排", "nyu-pai"),
    ("绿色", "lyu-se"),
    ("Hello, World!", "hello-world"),
    ("  --Café--  ", "cafe"),
    ("重庆", "chong-qing"),
])
def test_slugify(text, slug):
    assert slugify(text) == slug
    assert is_slug(slug)


def test_slugify_nothing_left():
    assert slugify("！！！") == ""
    assert slugify("") == ""


@pytest.mark.parametrize("s,ok", [
    ("yang-quling", True),
    ("a", True),
    ("2020-nian", True),
    ("", False),
    ("-a", False),
    ("a-", False),
    ("a--b", False),
    ("A-b", False),
    ("a_b", False),
    ("lü", False),
    ("a b", False),
])
def test_is_slug(s, ok):
    assert is_slug(s) is ok
