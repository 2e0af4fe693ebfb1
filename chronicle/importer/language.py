"""Which language a diary is written in, from its text: the script first, then common words.

The import sets the site's languages, its calendar and the names of its pages
from this, so a guess must be confident or say it could not tell: a French
diary imported as Chinese gets a Chinese interface, lunar dates and the wrong
`lang` on every page, and nothing would say so.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

# The commonest short words of each language (articles, pronouns, prepositions, auxiliaries), chosen so that
# few are shared between the languages; shared ones ("a", "in", "de") count for every language that has them.
STOP_WORDS = {
    "en": "the and of to a in was were is it that he she they we i with for on at by from had have has this "
          "but not as be are his her their our there been which who would said all out up when".split(),
    "fr": "le la les des du un une et est à au aux dans pour sur par avec nous il elle ils elles on qui que "
          "pas ne ce cette sont été était avons ont mais plus très chez son sa ses leur".split(),
    "de": "der die das und ist nicht ein eine einen dem den des mit von zu auf für im wir ich sie er es war "
          "waren wurde hat haben sind auch aus bei nach noch am vom zum zur dass".split(),
    "es": "el la los las y de del que en un una por con para es está son fue había se su sus nos al "
          "pero más muy como también hoy".split(),
    "it": "il lo la gli le di del della e è un una per con che non sono siamo abbiamo ha hanno al alla "
          "nel nella dei delle anche più molto oggi".split(),
    "nl": "de het een en van ik je dat die niet is op te zijn met voor er maar om hij zij wij ook bij "
          "nog was werd hebben heeft naar".split(),
}
NAMES = {"zh": "Chinese", "ja": "Japanese", "ko": "Korean", "en": "English", "fr": "French", "de": "German",
         "es": "Spanish", "it": "Italian", "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "ar": "Arabic",
         "el": "Greek", "he": "Hebrew"}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_WORDS = 20


@dataclass(frozen=True)
class Detection:
    lang: str | None      # None: could not tell
    reason: str           # what the guess rests on, for the import's summary


def _script(ch: str) -> str | None:
    o = ord(ch)
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
        return "han"
    if 0x3040 <= o <= 0x30FF:
        return "kana"
    if 0xAC00 <= o <= 0xD7AF:
        return "hangul"
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    for script in ("LATIN", "CYRILLIC", "ARABIC", "GREEK", "HEBREW"):
        if name.startswith(script):
            return script.lower()
    return "other"


def detect_language(text: str) -> Detection:
    """The language of ``text`` when the script and the common words make it clear, else lang None."""
    scripts = Counter(s for s in map(_script, text) if s)
    letters = sum(scripts.values())
    if not letters:
        return Detection(None, "the text has no letters")
    han, kana, hangul = scripts["han"], scripts["kana"], scripts["hangul"]
    # A Chinese character carries a word's worth of meaning: weigh it against Latin letters per word (~5).
    cjk = han + kana + hangul
    if cjk * 5 >= scripts["latin"] and cjk * 5 >= letters - cjk:
        if kana > cjk * 0.1:
            return Detection("ja", f"{kana} kana among {cjk} Japanese characters")
        if hangul > cjk * 0.3:
            return Detection("ko", f"{hangul} Hangul syllables")
        return Detection("zh", f"{han} Chinese characters of {letters} letters")
    main, count = scripts.most_common(1)[0]
    if main != "latin":
        guess = {"cyrillic": "Cyrillic", "arabic": "Arabic", "greek": "Greek", "hebrew": "Hebrew"}.get(main, main)
        return Detection(None, f"the text is in the {guess} script ({count} of {letters} letters)")
    return _latin(text)


def _latin(text: str) -> Detection:
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return Detection(None, f"too little text to tell ({len(words)} words)")
    tally = Counter(words)
    scores = {lang: sum(tally[w] for w in set(stop)) for lang, stop in STOP_WORDS.items()}
    # Elisions (l'eau, d'un, qu'il) are French; they are not in the word list above.
    scores["fr"] += sum(n for w, n in tally.items() if re.match(r"^(?:l|d|qu|j|n|s|c)'", w))
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    share = top / len(words)
    if top >= 10 and share >= 0.12 and top >= second * 1.5:
        return Detection(best, f"{top} of its {len(words)} words are common {NAMES[best]} words")
    return Detection(None, f"the common words do not settle it ({', '.join(f'{NAMES[l]} {n}' for l, n in ranked[:3])})")


def language_name(lang: str) -> str:
    return NAMES.get(lang.split("-")[0].lower(), lang)
