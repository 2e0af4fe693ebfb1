"""Finding what looks like people's names in Chinese text, to propose a people registry.

Chinese has no capital letters, so a name is guessed from its shape: a common
surname, one or two more characters, and either a title or role beside it
(站长张庆新, 黄书记, 陈警官) or the same string coming back in the text. These
are guesses; they are written with a "# check" mark and never trusted without
the writer's eye.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# The commonest single-character surnames (about 150, covering most of the population).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
    "景宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝封"
)
COMPOUND = frozenset({"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙",
                      "宇文", "司徒", "夏侯", "端木", "南宫", "呼延", "西门", "独孤"})

# Titles and roles written right after a surname (黄书记) or right before a full name (站长张庆新).
TITLES = (
    "党委书记", "支部书记", "副书记", "书记", "副主任", "主任科员", "主任", "副站长", "站长", "副队长", "大队长",
    "队长", "大队", "副局长", "分局长", "局长", "副科长", "科长", "科员", "副所长", "所长", "副院长", "院长",
    "副部长", "部长", "医生", "大夫", "护士", "警官", "民警", "辅警", "老师", "教授", "经理", "主席", "委员",
    "组长", "网格员", "网格长", "楼栋长", "单元长", "社保员", "协管员", "志愿者", "公益岗", "师傅", "阿姨", "大姐",
    "大哥", "同志", "干部", "会计", "司机", "厂长", "校长", "村长", "镇长", "区长", "市长", "处长", "馆长", "行长",
)
_TITLES_RE = "|".join(sorted(TITLES, key=len, reverse=True))
# Forms "surname + title" that name a person by themselves (黄书记, 陈警官, 吕医生).
_ADDRESS_TITLES = ("书记", "主任", "站长", "队长", "大队", "局长", "科长", "所长", "院长", "部长", "医生", "大夫",
                   "警官", "老师", "经理", "主席", "组长", "师傅", "阿姨", "大姐", "大哥", "会计", "厂长", "校长",
                   "村长", "镇长", "处长", "行长")

# Characters that end a name: function words, pronouns, numerals and measure words.
_NOT_IN_NAME = frozenset(
    "的了在是和与及就也都而说到把被让给对从为以等个们这那有不没着过又很还只再已要会能可将"
    "我你他她它谁啥么呢吧吗啊呀哦嗯之其此每各某该所于并但却则"
    "一二三四五六七八九十百千亿两几多少年月日点号次位名户人家上下"
)
# What may stand right before a name in running text (和向玲, 让马丽, 叫张宁).
_BEFORE_NAME = frozenset("和与同跟让给对是由说把被叫请找问替帮带陪的了将为即派约跟、")
# Words before a name that say who the person is (besides titles): relations and kinds of people.
_RELATIONS = ("儿子", "女儿", "爱人", "丈夫", "妻子", "母亲", "父亲", "老人", "居民", "党员", "同事", "工作人员",
              "小组长", "负责人", "联系人", "大爷", "大妈", "奶奶", "爷爷", "老伴", "孙子", "孙女", "外孙")
# Two-character words that often follow a name: "陈洁专门跑来" is 陈洁, not 陈洁专.
_FOLLOW_WORDS = frozenset("""
专门 主动 同时 一直 已经 正在 每天 马上 带领 负责 担任 陪同 亲自 立即 随即 接到 得知 告诉 发现 主持 带头 组织 协调
积极 默默 始终 总是 经常 坚持 及时 第一 二话 利用 自己 自发 自觉 特意 连夜 冒着 顶着 放弃 毫不 不顾 没有 虽然 因为
作为 看到 听说 知道 立刻 赶紧 赶到 赶来 来到 回到 电话 打电 一起 一边 一早 早早 悄悄 当即 先后 分别 安排 提出 提前
""".split())
# Common words that start with a surname character (马上, 时间, 方便 …); never a name.
_COMMON_WORDS = frozenset("""
马上 马路 时间 时候 时刻 时期 时代 时段 时常 时时 方便 方法 方式 方面 方向 方案 方可 任务 任何 任意 关心 关于 关键 关系
关注 关爱 关口 关闭 高烧 高兴 高度 高峰 高速 高层 高温 安排 安全 安心 安置 安静 安装 于是 向前 万一 万元 万户 周围 周边 周末
周到 程度 黄金 包括 包片 华丽 温暖 温馨 温度 齐心 陆续 严重 严格 严寒 石河 石子 常常 常态 常委 常规 全体 全部 全面 全员
全力 全天 全市 全区 全程 全家 全民 全国 明天 明确 明白 明显 成为 成立 成员 成长 成功 成绩 成果 单元 单位 单独 连日 连续
连夜 连忙 路口 路上 路边 路段 管理 管控 卫生 应该 应急 应当 解决 解释 文件 文明 文化 白天 白菜 金额 江边 宁可 尚未
车辆 车上 车站 车流 商店 商户 商场 商议 商量 景色 边界 边上 左右 甘心 符合 舒服 阳光 古老 吉祥 简单 项目 蒙古 游戏 辛苦
房子 房屋 房间 尤其 冷静 冷清 米饭 宗旨 全然 应对 应用 边缘 查看 查找 查询 查验 麻烦 迟到 封闭 封堵 封控 封锁 封条
盛开 苗头 毕竟 凌晨 童年 纪念 纪律 祝福 祝贺 包裹 包子 焦急 焦虑 关门 申请 申报 庄严 颜色 易于 齐全 牛奶 牛肉 康复
施工 施行 汤圆 向着 向来 向上 向下 戴上 武装 严密 钱财 钱款 万分 毛巾 毛病 顾客 顾及 顾虑 黎明 史上 龙头 段落 夏天 夏季
范围 金钱 陆地 钟头 曾经 许多 许可 谢谢 郑重 罗列 林立 何时 何处 胡乱 张贴 张罗 张望 党员 雷锋 健康 常年 常住 尚且 公安 治安 平安 长安 西安 延安 保安 查遗 包蔬 蔬菜 农历 农村 农民 农业 阳历 公历
""".split())
# Last characters of place and office names (督查室主任): not the end of a name before a title.
_ORG_END = frozenset("室局处站所院部队组会办委厅校厂店区村镇街路市县省司团连营班")
_TRANSLITERATED = re.compile(r"[\u4e00-\u9fff]{2,4}[.·•・][\u4e00-\u9fff]{2,4}")
_EQUIVALENT_TITLES = {("警官", "民警"), ("大队", "队长"), ("大队", "副队长"), ("大队", "大队长"), ("医生", "大夫"),
                      ("老师", "教师"), ("书记", "支书")}


@dataclass
class Candidate:
    """A string that may name a person, with the evidence for it."""

    name: str
    count: int = 0
    titles: list[str] = field(default_factory=list)     # roles written next to it (站长, 科长)
    aliases: list[str] = field(default_factory=list)    # surname + title forms that probably mean them (张站长)
    examples: list[str] = field(default_factory=list)   # short contexts where it was seen ("物业站长张庆新")
    where: list[str] = field(default_factory=list)      # labels (entry stems) of the texts it occurs in


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _surname_len(s: str) -> int:
    if s[:2] in COMPOUND:
        return 2
    return 1 if s[:1] in SURNAMES else 0


def _is_word(s: str) -> bool:
    if s in _COMMON_WORDS:
        return True
    try:
        from pypinyin.phrases_dict import phrases_dict
    except ImportError:  # pragma: no cover - pypinyin is a dependency
        return False
    return s in phrases_dict


class _Finder:
    def __init__(self, texts: list[tuple[str, str]]):
        self.texts = texts
        self.full = "\n".join(text for _, text in texts)
        self.prefixes_by_last: dict[str, list[str]] = {}
        for prefix in sorted(set(TITLES) | set(_RELATIONS), key=len, reverse=True):
            self.prefixes_by_last.setdefault(prefix[-1], []).append(prefix)
        self.title_at = re.compile(rf"(?:{_TITLES_RE})")
        self.counts: Counter[str] = Counter()
        self.followers: dict[str, Counter] = {}
        self.first_seen: dict[str, int] = {}
        full = self.full
        for i, ch in enumerate(full):
            if ch in SURNAMES or full[i:i + 2] in COMPOUND:
                for name in self.extend(i):
                    self.counts[name] += 1
                    self.first_seen.setdefault(name, i)
                    if len(name) == _surname_len(name) + 1:
                        self.followers.setdefault(name, Counter())[full[i + len(name):i + len(name) + 1]] += 1
        self.found: dict[str, Candidate] = {}

    def extend(self, start: int) -> list[str]:
        """Surname + one or two given-name characters at ``start``; stops at function words and titles."""
        full = self.full
        n = _surname_len(full[start:start + 2])
        if not n or self.title_at.match(full, start + n):
            return []  # none, or an address such as 宋老师
        out = []
        for given in (1, 2):
            end = start + n + given
            name = full[start:end]
            if len(name) < n + given or not _cjk(name[-1]) or name[-1] in _NOT_IN_NAME:
                break
            if given == 2 and (self.title_at.match(full, end - 1) or full[end - 1:end + 1] in _FOLLOW_WORDS):
                break  # 蒋群主任: the third character starts a title or a common word
            out.append(name)
        return out

    def good_start(self, i: int) -> bool:
        """Whether a name can begin at ``i``: after punctuation, a linking word, a title or a relation."""
        if i == 0:
            return True
        prev = self.full[i - 1]
        if not _cjk(prev) or prev in _BEFORE_NAME:
            return True
        return any(self.full.endswith(t, max(0, i - len(t)), i) for t in self.prefixes_by_last.get(prev, ()))

    def best(self, start: int) -> str | None:
        options = self.extend(start)
        if not options:
            return None
        short = options[0]
        if len(options) == 1:
            return short
        long = options[1]
        after = self.followers.get(short, Counter())
        total = sum(after.values())
        if total and after[long[-1]] == total:
            return long  # always written with this third character
        return short if self.counts[short] > self.counts[long] else long

    def note(self, name: str, pos: int, title: str | None = None) -> None:
        if _is_word(name) or _is_word(name[:2]) or name[1:] in _COMMON_WORDS or self.full[pos + len(name):pos + len(name) + 1] in ".·•・":
            return
        cand = self.found.setdefault(name, Candidate(name))
        if title and title not in cand.titles:
            cand.titles.append(title)
        self.example(cand, pos)
        self.first_seen.setdefault(name, pos)

    def example(self, cand: Candidate, pos: int) -> None:
        if len(cand.examples) < 2:
            before = self.full[max(0, pos - 6):pos].rsplit("\n", 1)[-1]
            after = self.full[pos + len(cand.name):pos + len(cand.name) + 6].split("\n", 1)[0]
            snippet = before + cand.name + after
            if snippet not in cand.examples:
                cand.examples.append(snippet)

    def run(self, min_repeats: int) -> list[Candidate]:
        full = self.full
        # 1. A title right before a name: 站长张庆新, 主任科员时朝霞, 公益岗杨趣玲.
        for m in self.title_at.finditer(full):
            name = self.best(m.end())
            if name:
                self.note(name, m.end(), title=m.group(0))
        # 2. A name right before a title (张荣科主任); a bare surname before one is an address (黄书记).
        addresses: dict[str, int] = {}
        for m in re.finditer("|".join(_ADDRESS_TITLES), full):
            p = m.start()
            for length in (3, 2):
                name = full[max(0, p - length):p]
                if (len(name) == length and _surname_len(name) and len(name) > _surname_len(name)
                        and name in self.extend(p - length)
                        and (self.counts[name] >= 2 or self.good_start(p - length)
                             or (length == 2 and name[-1] not in _ORG_END))):
                    self.note(name, p - length, title=m.group(0))
                    break
            else:
                if (p >= 1 and full[p - 1] in SURNAMES and not (p >= 2 and _is_word(full[p - 2:p]))
                        and (full[p - 1] != "任" or self.good_start(p - 1))):  # 由黄绍辉任书记: 任 is "serve as"
                    addresses.setdefault(full[p - 1:m.end()], p - 1)
        # 3. Transliterated names with a dot (肖开提.依明).
        for m in _TRANSLITERATED.finditer(full):
            first, _, second = re.split(r"([.·•・])", m.group(0), maxsplit=1)
            dot = m.group(0)[len(first)]
            for cut in range(len(first) - 1):
                if self.good_start(m.start() + cut):
                    first = first[cut:]
                    break
            else:
                continue
            for length in range(2, len(second) + 1):
                nxt = full[m.start() + len(m.group(0)) - len(second) + length:][:1]
                if not nxt or not _cjk(nxt) or nxt in _NOT_IN_NAME:
                    second = second[:length]
                    break
            self.note(first + dot + second, m.start() + m.group(0).index(first))
        # 4. Names that come back: at least min_repeats times, once at least where a name can begin.
        tally: Counter[str] = Counter()
        for i, ch in enumerate(full):
            if (ch in SURNAMES or full[i:i + 2] in COMPOUND) and self.good_start(i):
                name = self.best(i)
                if name:
                    tally[name] += 1
        for name, n in tally.items():
            if name in self.found or self.counts[name] < min_repeats:
                continue
            if any(name[_surname_len(name):].startswith(t) for t in _ADDRESS_TITLES):
                continue
            self.note(name, self.first_seen[name])
        for cand in self.found.values():
            cand.count = self.full.count(cand.name)
            cand.where = [label for label, text in self.texts if cand.name in text]
        self.attach(addresses)
        return sorted(self.found.values(), key=lambda c: self.first_seen.get(c.name, 0))

    def attach(self, addresses: dict[str, int]) -> None:
        """An address (张站长) joins the person with that surname and title, else the only one with that surname."""
        for address, pos in sorted(addresses.items(), key=lambda kv: kv[1]):
            surname, title = address[0], address[1:]
            same = [c for c in self.found.values() if c.name[0] == surname and _surname_len(c.name) < len(c.name)
                    and c.name not in addresses]
            titled = [c for c in same if any(_same_title(title, t) for t in c.titles)]
            owner = _closest(titled or same, [label for label, text in self.texts if address in text],
                             self.first_seen, pos)
            if owner is not None:
                if address not in owner.aliases:
                    owner.aliases.append(address)
                continue
            cand = self.found.setdefault(address, Candidate(address, titles=[title]))
            cand.count = self.full.count(address)
            cand.where = [label for label, text in self.texts if address in text]
            cand.examples = []
            self.example(cand, pos)
            self.first_seen.setdefault(address, pos)


def _closest(options: list[Candidate], where: list[str], first_seen: dict, pos: int) -> Candidate | None:
    """The person an address most likely means: named before it, and in the most of the same texts."""
    if len(options) <= 1:
        return options[0] if options else None
    labels = set(where)
    scored = sorted(((len(labels & set(c.where)), first_seen.get(c.name, 0) < pos, c) for c in options),
                    key=lambda item: (item[0], item[1]), reverse=True)
    if (scored[0][0], scored[0][1]) == (scored[1][0], scored[1][1]):
        return None  # as likely one as the other: the writer decides
    return scored[0][2]


def _same_title(address_title: str, title: str) -> bool:
    return (title.endswith(address_title) or address_title in title
            or (address_title, title) in _EQUIVALENT_TITLES)


def find_names(texts: list[tuple[str, str]], min_repeats: int = 2) -> list[Candidate]:
    """Names in ``texts`` ([(label, text)]): beside a title, or a 2–3 character name repeated ``min_repeats`` times.

    Candidates come in order of first appearance. A two-character string always
    followed by the same character is the start of a three-character name
    (黄绍 → 黄绍辉); one followed by different characters is a name by itself
    (李云站出来, 李云负责 → 李云).
    """
    return _Finder(texts).run(min_repeats)
