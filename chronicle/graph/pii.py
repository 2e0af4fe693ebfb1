"""What looks like personal data in a text: phone numbers, ID numbers, e-mail and street addresses.

Each finder is strict, because a diary is full of figures (3,730 households, 2020-01-23, 08:30,
1998–2001) that must never stop a build: a phone number is one written as one (with + or 00 and a
country code, with the trunk 0 of a country of the chronicle's languages, a Chinese mobile, or the
North American (415) 555-0132), checked by the ``phonenumbers`` library; ID numbers are found only
where their check digit is right (Chinese resident ID, French NIR, German tax ID, IBAN) or their
shape cannot be a figure (UK National Insurance number, US social security number with dashes).
Street addresses are a warning only: "12 Rose Street", "12 rue des Lilas", "Rosenweg 12", "幸福路3号".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    kind: str       # "a mobile phone number", "an email address", ...
    level: str
    text: str


MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
RESIDENT_ID = re.compile(r"(?<![\dXx])\d{17}[\dXx](?![\dXx])")
# Starting only where a run of address characters starts: the same matches, found in linear time
# (from every position inside a megabyte of letters the search ran on to the end, to fail at the '@').
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
LONG_DIGITS = re.compile(r"\d(?:[\s\-.()]{0,2}\d){6,}")
NANP = re.compile(r"(?<![\d\-.])\(?[2-9]\d{2}\)?[ .\-]?[2-9]\d{2}[ .\-]\d{4}(?![\d\-])")
UK_NINO = re.compile(r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
US_SSN = re.compile(r"(?<![\d\-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d\-])")
FR_NIR = re.compile(r"(?<!\d)[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[ABab]) ?\d{3} ?\d{3} ?\d{2}(?!\d)")
DE_TAX_ID = re.compile(r"(?<!\d)[1-9]\d ?\d{3} ?\d{3} ?\d{3}(?!\d)")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")
STREET_EN = re.compile(r"\b\d{1,4}[A-Za-z]?,? (?:[A-Z][a-z'’]+ ){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|"
                       r"Close|Court|Crescent|Place|Terrace|Gardens|Square|Boulevard|Blvd|Grove|Mews|Parade)\b")
STREET_FR = re.compile(r"\b\d{1,4}(?: ?(?:bis|ter))?,? (?:rue|avenue|boulevard|bd|chemin|place|allée|impasse|quai|"
                       r"route|cours|passage) (?:de la |de l'|de l’|des |du |de |d'|d’)?[A-ZÉÈ][\w’'-]+", re.I)
STREET_DE = re.compile(r"\b[A-ZÄÖÜ][a-zäöüß-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|damm|ufer) \d{1,4}[a-z]?\b")
STREET_ZH = re.compile(r"[\u4e00-\u9fff]{1,8}(?:路|街|大道|巷|胡同|弄)\d{1,5}号")


def find_pii(text: str, regions: tuple[str, ...], languages: tuple[str, ...]) -> list[Finding]:
    """Every finding in ``text``, at most one per stretch of text, in order."""
    found: list[Finding] = []
    if "@" in text:
        found += [Finding(m.start(), m.end(), "an email address", ERROR, m.group(0)) for m in EMAIL.finditer(text)]
    digits = LONG_DIGITS.search(text) is not None
    if digits:
        found += [Finding(m.start(), m.end(), "a mobile phone number", ERROR, m.group(0)) for m in MOBILE.finditer(text)]
        found += [Finding(m.start(), m.end(), "a resident ID number", ERROR, m.group(0))
                  for m in RESIDENT_ID.finditer(text) if is_resident_id(m.group(0))]
        found += _phones(text, regions)
        if "FR" in regions:
            found += [Finding(m.start(), m.end(), "a French social security number (NIR)", ERROR, m.group(0))
                      for m in FR_NIR.finditer(text) if is_nir(m.group(0))]
        if "DE" in regions:
            found += [Finding(m.start(), m.end(), "a German tax ID", ERROR, m.group(0))
                      for m in DE_TAX_ID.finditer(text) if is_de_tax_id(m.group(0))]
    if "US" in regions and "-" in text:
        found += [Finding(m.start(), m.end(), "a US social security number", ERROR, m.group(0)) for m in US_SSN.finditer(text)]
    if "GB" in regions:
        found += [Finding(m.start(), m.end(), "a UK National Insurance number", ERROR, m.group(0))
                  for m in UK_NINO.finditer(text)]
    found += [Finding(m.start(), m.end(), "a bank account number (IBAN)", ERROR, m.group(0))
              for m in IBAN.finditer(text) if is_iban(m.group(0))]
    for lang, pattern in (("en", STREET_EN), ("fr", STREET_FR), ("de", STREET_DE), ("zh", STREET_ZH)):
        if any(x.split("-")[0] == lang for x in languages):
            found += [Finding(m.start(), m.end(), "a street address", WARNING, m.group(0)) for m in pattern.finditer(text)]
    return _first_of_each_stretch(found)


def _first_of_each_stretch(found: list[Finding]) -> list[Finding]:
    """Errors before warnings, then longer before shorter: one finding per stretch of text."""
    found.sort(key=lambda f: (f.level != ERROR, f.start, f.start - f.end))
    kept: list[Finding] = []
    errors = _Spans()
    reach = -1   # the furthest end of the warnings kept so far (they come in order of their start)
    for f in found:
        if errors.overlaps(f.start, f.end) or (f.level != ERROR and f.start < reach):
            continue
        if f.level == ERROR:
            errors.add(f.start, f.end)
        else:
            reach = max(reach, f.end)
        kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def _phones(text: str, regions: tuple[str, ...]) -> list[Finding]:
    try:
        import phonenumbers
    except ImportError:
        return []
    out = []
    for region in regions or ("ZZ",):
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE):
            if _written_as_phone(match.raw_string, match.number, region, phonenumbers):
                out.append(Finding(match.start, match.end, "a phone number", ERROR, match.raw_string))
    if "US" in regions or "CA" in regions:
        out += [Finding(m.start(), m.end(), "a phone number", ERROR, m.group(0)) for m in NANP.finditer(text)]
    return out


def _written_as_phone(raw: str, number, region: str, phonenumbers) -> bool:
    """Only numbers written the way phone numbers are: a figure or a date that happens to be a possible
    number somewhere is not one."""
    if not phonenumbers.is_possible_number(number):
        return False
    national = phonenumbers.national_significant_number(number)
    if raw.startswith("+") or (raw.startswith("00") and not raw.startswith("000")):
        return len(national) >= 6
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    trunk = metadata.national_prefix if metadata is not None else None
    if trunk and raw.startswith(trunk) and not raw.startswith(trunk * 2):
        if phonenumbers.is_valid_number(number):
            return True
        return len(national) >= 9 and not raw.isdigit()  # 07700 900123: a fictional number, written as a real one
    return False


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def is_resident_id(number: str) -> bool:
    """An 18-digit mainland resident ID: a real birth date and the ISO 7064 MOD 11-2 check character.

    Without the check, any 18-digit figure (a serial or account number) would stop the build."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not 1900 <= born.year <= 2100:
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    return "10X98765432"[total % 11] == number[17].upper()


def is_nir(text: str) -> bool:
    """A French NIR: 13 characters and a key of 97 - (number mod 97); Corsica's 2A and 2B count as 19 and 18."""
    compact = text.replace(" ", "").upper()
    body, check = compact[:13], compact[13:]
    body = body[:5] + body[5:7].replace("2A", "19").replace("2B", "18") + body[7:]
    if not (body.isdigit() and check.isdigit()):
        return False
    return 97 - int(body) % 97 == int(check)


def is_de_tax_id(text: str) -> bool:
    """A German Steuer-ID: 11 digits, one digit twice or three times in the first ten, ISO 7064 MOD 11,10."""
    digits = text.replace(" ", "")
    if len(digits) != 11 or not digits.isdigit() or digits[0] == "0":
        return False
    counts = sorted((digits[:10].count(d) for d in set(digits[:10])), reverse=True)
    if counts[0] not in (2, 3) or counts[1:] and counts[1] > 1:
        return False
    product = 10
    for d in digits[:10]:
        total = (int(d) + product) % 10 or 10
        product = (total * 2) % 11
    return (11 - product) % 10 == int(digits[10])


def is_iban(text: str) -> bool:
    compact = text.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    try:
        return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1
    except ValueError:
        return False


def mask(text: str) -> str:
    return text[:3] + "…" + text[-2:] if len(text) > 6 else "…"


class _Spans:
    """Non-overlapping spans added in order of their start: does a new one overlap any, in log time."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        self.starts.append(start)
        self.ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        import bisect
        i = bisect.bisect_left(self.starts, end)   # spans that start before this one ends
        return i > 0 and self.ends[i - 1] > start
