"""Words too common to mean one person or to be a secret.

An alias that is one of these would link (or, for a person not published by name, hide) every
"the" of every entry. A private value that is one of these (yes, female, 已婚) is shared by half the
people of a register, and finding it in a text says nothing about anyone.
"""

from __future__ import annotations

# Articles, pronouns, prepositions, conjunctions and auxiliaries of the languages chronicle is written in.
FUNCTION_WORDS = frozenset("""
a an the and or but nor of in on at to for from by with without about into onto over under as is are was were be
been being am do does did has have had not no yes so if then than that this these those there here who whom whose
which what when where why how all any some each every both either neither one two he she it we they you i me him
her us them my your his its our their mine yours hers ours theirs myself yourself himself herself itself ourselves
themselves
le la les un une des du de au aux et ou mais donc ni car il elle ils elles on nous vous je tu moi toi lui leur
leurs ce cet cette ces son sa ses mon ma mes ton ta tes notre nos votre vos qui que quoi dont est sont monsieur
madame mademoiselle
der die das ein eine einen einem einer eines und oder aber den dem des er sie es wir ihr ich du mich dich sich
uns euch ihm ihn ihnen mein dein sein unser euer ist sind war
el los las una unos unas y o pero del al lo yo tu usted nosotros ellos ellas
我们 你们 他们 她们 它们 咱们 大家 自己 别人 人家 这个 那个 这些 那些 什么 怎么 今天 明天 昨天 现在 这里 那里 一个 没有
已经 还是 但是 因为 所以 如果 我的 你的 他的 她的
""".split())

# Forms of address and family words: fine inside an alias (the Chief, Auntie Fang), not as the whole of one.
TITLE_WORDS = frozenset("""
mr mrs ms miss mx sir madam dr doctor prof professor mum mom mother dad father auntie aunt uncle granny grandma
grandpa grandmother grandfather boss chief head secretary director manager officer teacher neighbour neighbor
friend resident volunteer monsieur madame mademoiselle herr frau senor senora
阿姨 叔叔 大爷 大妈 大娘 奶奶 爷爷 老人 老师 师傅 同志 领导 主任 书记 队长 站长 老板 邻居 朋友 志愿者 居民 群众 医生 警官
""".split())

STOP_WORDS = FUNCTION_WORDS | TITLE_WORDS

# Values that many people share: a private field holding one of them is not a secret to look for.
COMMON_VALUES = frozenset("""
none nothing unknown other n a na nil null true false male female man woman boy girl married single unmarried
divorced widowed widow widower separated retired employed unemployed student pensioner healthy good fine normal
ok okay unknown private secret confidential tbd todo pending
男 女 是 否 无 有 已婚 未婚 离异 离婚 丧偶 汉族 群众 党员 团员 中共党员 共产党员 共青团员 预备党员 退休 在职 无业
健康 良好 一般 未知 其他 不详 保密 暂无 本人 户主
""".split()) | STOP_WORDS


def is_stop_phrase(folded: str) -> bool:
    """A folded alias that means nobody in particular: one common word (the, she, Mr, chief), or only
    function words (the one, of the). "the Chief" and "Auntie Fang" mean someone."""
    words = folded.split()
    if len(words) == 1:
        return words[0] in STOP_WORDS
    return bool(words) and all(w in FUNCTION_WORDS for w in words)
