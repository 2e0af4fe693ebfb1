"""Finding people's names in Latin-script text (English, French, German …) by their shape.

A name is a run of capitalised words that is not a sentence's first word by
accident, not a month or weekday, not a place ("Mill Lane", "River Wen") and
not a common word that the text also writes in lower case ("Church",
"church"). A title before it (Mrs, Dr, Councillor, Mme, Herr, Pfarrer …) makes
it a person for certain. Short forms are grouped under the full name: "Mrs
Patel" and "Priya" under "Priya Patel", "the Chief" under the one person
called Chief. Every proposal is a guess marked "# check" (see names.py for
the Chinese finder, which shares the Candidate record).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from chronicle.calendar_words import is_calendar_word
from chronicle.importer.language import STOP_WORDS
from chronicle.importer.names import Candidate

# Titles and forms of address written before a name, or with "the" for the person ("the Chief").
TITLES = frozenset("""
Mr Mrs Ms Miss Mx Dr Doctor Prof Professor Rev Revd Reverend Father Fr Sister Brother Canon Bishop Pastor Rabbi
Imam Chief Councillor Cllr Alderman Mayor Mayoress Captain Capt Sergeant Sgt Inspector Constable PC Lieutenant Lt
Major Colonel Commander Superintendent Nurse Sir Dame Lord Lady Judge Warden Matron Headmaster Headmistress
Aunt Uncle Grandma Grandpa Granny Nan Deacon Vicar Rector Officer Commissioner Chairman Chairwoman
M Mme Mlle Monsieur Madame Mademoiselle Docteur Maître Me Père Abbé Sœur Soeur Frère Maire Adjoint Adjointe
Capitaine Commandant Sergent Adjudant Général Préfet Curé Pasteur Professeur Infirmière Chef
Herr Frau Fräulein Doktor Pfarrer Pfarrerin Pater Schwester Bruder Bürgermeister Bürgermeisterin Oberbürgermeister
Hauptmann Kommandant Kommandantin Wachtmeister Kapitän Leutnant Oberst Landrat Landrätin Stadtrat Stadträtin
Diakon Diakonin Oberin Onkel Tante Oma Opa
Señor Señora Señorita Don Doña Signor Signora Signorina Dottore Dottoressa
""".split())
# Words inside a title ("Chief Fire Officer", "Station Commander", "Deputy Mayor").
TITLE_PARTS = frozenset("Fire Officer Station Police Deputy Assistant Senior Head Chief Parish Town County Borough "
                        "Watch Group Area Sub Acting".split())
# Words that make a capitalised run a place, an organisation or a thing, not a person.
NOT_PEOPLE = frozenset("""
Street St Road Rd Lane Avenue Ave Close Way Drive Court Square Place Row Terrace Crescent Gardens Green Park Hill
River Brook Bridge Marsh Meadow Meadows Farm Mill Wood Woods Valley Lake Bay Beach Harbour Port Island Estate
Church Chapel Cathedral Abbey Hall Centre Center School College University Hospital Surgery Clinic Station Library
Museum Market Inn Arms Hotel Pub Club Society Trust Fund Council Agency Service Services Brigade Army Police
Office Department Ministry Authority Committee Association Company Ltd Limited Group Bank Shop Store Stores
Cross Red Rescue Relief Water Fire Flood Town City Village County Borough District Parish Road Way North South
East West Upper Lower Little Great New Old Saint Hut Scouts Scout Guides Hub Point Corner Quay Wharf
Straße Strasse Weg Platz Gasse Kirche Schule Rathaus Feuerwehr Amt Verein Brücke Fluss Bach Dorf Stadt
Rue Avenue Place Pont Église Eglise École Ecole Mairie Salle Quai Rivière Chemin Impasse
""".split())
# Capitalised words that are never names whatever the case elsewhere.
NEVER = frozenset("""
I I'm I've I'd I'll OK Ok God Christmas Easter English British French German Irish Scottish Welsh European
Mum Dad Mom Mummy Daddy Sunday Monday Tuesday Wednesday Thursday Friday Saturday Internet TV
""".split())
# Words that open sentences (adverbs, conjunctions, pronouns) and are rarely written in lower case in a diary.
STARTERS = frozenset("""
later then today yesterday tonight tomorrow afterwards meanwhile still also soon now here there once when after
before while because although perhaps maybe everyone everybody nobody somebody someone only even finally first next
puis ensuite aujourd'hui hier demain alors après avant quand pendant enfin ce cet cette tout tous chacun
heute gestern morgen dann danach später abends morgens nachdem als auch noch jeder alle niemand
""".split())
PARTICLES = frozenset("de du des la le van von der den ter ten da di dos das del della bin al".split())
_STOP = frozenset(w for words in STOP_WORDS.values() for w in words)
_TITLES_LOWER = frozenset(t.lower() for t in TITLES if len(t) > 2)
# Place words written in lower case before a name ("rue du Moulin", "the river Wen", "calle Mayor").
_PLACES_LOWER = frozenset("rue avenue boulevard place chemin impasse quai pont allée route river mount lake via "
                          "calle plaza strada piazza straße strasse".split())
ARTICLES = frozenset("the le la l der die den dem des il el lo".split())
_GERMAN_ARTICLES = frozenset("der die das den dem des ein eine einen einem einer vom zum zur im am beim".split())
_TOKEN = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?|[^\w\s]|\d+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…:;|\n\"“”«»()\[\]]")


@dataclass
class _Seen:
    """One capitalised run as found: the name words, the titles before it, and where."""

    name: tuple[str, ...]
    titles: tuple[str, ...]
    the: str             # "the Chief", "le capitaine": an address by title alone, as written ("" for a name)
    label: str
    pos: int             # offset in the joined text, for order of first appearance
    context: str
    at_start: bool = False  # the sentence's first word: capitalised whatever it is


@dataclass
class _Person:
    name: tuple[str, ...]
    titles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    seen: list[_Seen] = field(default_factory=list)


def _plain(text: str) -> str:
    """The words of a Markdown body: no emphasis marks, footnote marks, link targets or table rules."""
    text = re.sub(r"\[\^[^\]]*\]:?", " ", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*\|?[\s:|-]+\|[\s:|-]*$", "\n", text, flags=re.MULTILINE)
    text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "\n", text, flags=re.MULTILINE)
    return re.sub(r"[*_`#>]+", " ", text)


def _is_cap(word: str) -> bool:
    """Capitalised, and not an acronym (NHS, BBC); "M." and "PC" count as capitalised."""
    letters = re.sub(r"[^\w]", "", word)
    return word[:1].isupper() and not (len(letters) > 1 and letters.isupper() and letters != "PC")


def _bare(word: str) -> str:
    return re.sub(r"['’]s$", "", word.rstrip("."))


class _Finder:
    def __init__(self, texts: list[tuple[str, str]], lang: str):
        self.texts = [(label, _plain(text)) for label, text in texts]
        self.lang = lang.split("-")[0].lower()
        self.lower_words: set[str] = set()
        self.nouns: set[str] = set()   # German: capitalised words seen after an article are nouns
        self.mid_sentence: Counter[str] = Counter()
        for _, text in self.texts:
            previous = ""
            for m in _TOKEN.finditer(text):
                w = m.group(0)
                if w[:1].islower():
                    self.lower_words.add(_bare(w).lower())
                elif previous in _GERMAN_ARTICLES:
                    self.nouns.add(_bare(w))
                previous = w.lower()
        from chronicle.importer.headings import heading_langs
        self.calendar_langs = heading_langs(self.lang)
        self.seen: list[_Seen] = []

    def common(self, word: str) -> bool:
        """A word that is not a name: written in lower case elsewhere, a stop word, a month or weekday."""
        low = _bare(word).lower()
        return (low in _STOP or low in STARTERS or is_calendar_word(_bare(word), self.calendar_langs) or _bare(word) in NEVER
                or (self.lang != "de" and low in self.lower_words) or (self.lang == "de" and _bare(word) in self.nouns))

    def scan(self) -> None:
        pos = 0
        for label, text in self.texts:
            for _, sentence in _sentences(text):
                self.runs(label, text, sentence, pos)
            pos += len(text) + 1

    def runs(self, label: str, text: str, tokens: list[tuple[int, str]], base: int) -> None:
        i = 0
        while i < len(tokens):
            start = i
            run: list[str] = []
            while i < len(tokens):
                word = tokens[i][1]
                if _is_cap(word) and word[0].isalpha():
                    run.append(word)
                elif (word in PARTICLES and run and i + 1 < len(tokens) and _is_cap(tokens[i + 1][1])
                      and tokens[i + 1][1] not in TITLES):
                    run.append(word)
                else:
                    break
                i += 1
            if run:
                before = [w.lower() for _, w in tokens[max(0, start - 2):start]]
                self.run(label, text, run, start == 0, before, tokens[start][0], base)
            else:
                self.lower_title(label, text, tokens, i, base)
                i += 1

    def lower_title(self, label, text, tokens, i, base) -> None:
        """"le capitaine", "le maire" standing for a person: an article, a title in lower case, no name after."""
        word = tokens[i][1]
        if word.lower() not in _TITLES_LOWER or not word[0].islower() or i == 0:
            return
        article = tokens[i - 1][1].lower()
        after = tokens[i + 1][1] if i + 1 < len(tokens) else ""
        if article in ARTICLES and not _is_cap(after):
            offset = tokens[i - 1][0]
            self.seen.append(_Seen((), (word,), f"{article} {word}", label, base + offset, _context(text, offset)))

    def run(self, label, text, run, at_start, before, offset, base) -> None:
        words = list(run)
        if at_start and words and _bare(words[0]) not in TITLES | TITLE_PARTS and self.common(words[0]):
            before = before + [words[0].lower()]
            words = words[1:]
            at_start = False
        titles: list[str] = []
        if before and before[-1] in _TITLES_LOWER and words:
            titles.append(before[-1])            # le docteur Anne Girard
        while words and (_bare(words[0]) in TITLES or (titles and _bare(words[0]) in TITLE_PARTS)):
            titles.append(words.pop(0))
        name = tuple(_bare(w) for w in words)
        while name and name[-1] in PARTICLES:
            name = name[:-1]
        article = before[-1] if before else ""
        the = f"{article} {' '.join(titles)}" if titles and not name and article in ARTICLES else ""
        if not name and not the:
            return
        if name and any(w in _PLACES_LOWER for w in before):
            return                               # rue du Moulin, the river Wen
        if name and not titles and (any(w in NOT_PEOPLE for w in name)
                                    or any(self.common(w) for w in name if w not in PARTICLES)):
            return
        if name and name[-1] in NOT_PEOPLE or len(name) > 4:
            return
        if (len(name) > 1 and at_start and self.lang == "de" and not titles
                and not any(self.mid_sentence[w] for w in name)):
            return                               # German capitalises every noun: a sentence's first words prove little
        self.seen.append(_Seen(name, tuple(titles), the, label, base + offset, _context(text, offset), at_start))

    def mid_sentence_ok(self, word: str) -> bool:
        return self.mid_sentence[_bare(word)] > 0

    def count_mid_sentence(self) -> None:
        """How often each capitalised word is part of a run that does not open a sentence."""
        for _, text in self.texts:
            for _, tokens in _sentences(text):
                in_run = True
                for _, w in tokens:
                    if _is_cap(w):
                        if not in_run:
                            self.mid_sentence[_bare(w)] += 1
                    elif w not in PARTICLES:
                        in_run = False


def _context(text: str, offset: int) -> str:
    """About eighty characters around ``offset``, cut at word boundaries."""
    start = max(0, offset - 30)
    start = text.find(" ", start) + 1 if start and text.find(" ", start, offset) >= 0 else start
    end = min(len(text), offset + 50)
    end = text.rfind(" ", offset, end) if end < len(text) and text.rfind(" ", offset, end) > offset else end
    return re.sub(r"\s+", " ", text[start:end]).strip()


def _sentences(text: str):
    """(offset, [(offset, token)]) per sentence; a sentence ends at . ! ? : ; a line break or a table cell."""
    tokens: list[tuple[int, str]] = []
    start = 0
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        if _SENTENCE_END.fullmatch(word) or (word.endswith(".") and _bare(word) not in TITLES and len(word) > 2):
            if word.endswith(".") and len(word) > 1:
                tokens.append((m.start(), word[:-1]))
            if tokens:
                yield start, tokens
            tokens, start = [], m.end()
            continue
        if "\n" in text[tokens[-1][0] if tokens else start:m.start()] and tokens:
            yield start, tokens
            tokens, start = [], m.start()
        if word[0].isalpha() or word[0].isdigit():
            tokens.append((m.start(), word))
        else:
            if tokens:
                yield start, tokens
            tokens, start = [], m.end()
    if tokens:
        yield start, tokens


def find_latin_names(texts: list[tuple[str, str]], lang: str = "en", min_repeats: int = 2) -> list[Candidate]:
    """People named in ``texts`` ([(label, text)]), grouped with their short forms, in order of first appearance."""
    finder = _Finder(texts, lang)
    finder.count_mid_sentence()
    finder.scan()
    return _group(finder, min_repeats)


def _group(finder: _Finder, min_repeats: int) -> list[Candidate]:
    people: dict[tuple[str, ...], _Person] = {}
    singles: list[_Seen] = []
    addresses: list[_Seen] = []
    for s in finder.seen:
        if not s.name:
            addresses.append(s)
        elif len([w for w in s.name if w not in PARTICLES]) >= 2:
            person = people.setdefault(s.name, _Person(s.name))
            person.seen.append(s)
            _add_title(person, s)
        else:
            singles.append(s)
    # A longer full name that ends with a shorter one's words ("Priya Patel" in "Mrs Priya Patel") is the same.
    lone: dict[str, _Person] = {}
    for s in singles:
        word = s.name[0]
        owners = [p for p in people.values() if word in (p.name[0], p.name[-1])]
        if len(owners) == 1:
            owner = owners[0]
            form = " ".join(s.titles + s.name) if s.titles else word
            if form not in owner.aliases and form != " ".join(owner.name):
                owner.aliases.append(form)
            _add_title(owner, s)
            owner.seen.append(s)
            continue
        if owners:
            continue  # two people share it: the writer decides
        person = lone.setdefault(word, _Person((word,)))
        person.seen.append(s)
        _add_title(person, s)
    for word, person in lone.items():
        titled = any(s.titles for s in person.seen)
        if titled or (finder.lang != "de" and sum(not s.at_start for s in person.seen) >= min_repeats):
            if titled:
                first_title = next(s.titles for s in person.seen if s.titles)
                display = " ".join(first_title) + " " + word
                person.name = tuple(display.split())
            people[person.name] = person
    for s in addresses:
        title = " ".join(t.rstrip(".") for t in s.titles).lower()
        owners = [p for p in people.values() if any(title == t.lower() or title in t.lower().split() for t in p.titles)]
        form = s.the
        if len(owners) == 1:
            if form not in owners[0].aliases:
                owners[0].aliases.append(form)
            owners[0].seen.append(s)
        elif not owners:
            person = people.setdefault(tuple(form.split()), _Person(tuple(form.split())))
            _add_title(person, s)
            person.seen.append(s)
    return [_candidate(p, finder) for p in sorted(people.values(), key=lambda p: min(s.pos for s in p.seen))]


HONORIFICS = frozenset("Mr Mrs Ms Miss Mx M Mme Mlle Monsieur Madame Mademoiselle Herr Frau Fräulein Dr Doctor "
                       "Señor Señora Señorita Signor Signora Signorina Sir Dame Lady Lord".split())


def _add_title(person: _Person, seen: _Seen) -> None:
    """The title phrase written before the name ("Chief Fire Officer"), without forms of address (Mrs, Frau Dr.)."""
    phrase = " ".join(t.rstrip(".") for t in seen.titles if t.rstrip(".") not in HONORIFICS)
    if phrase and phrase not in person.titles:
        person.titles.append(phrase)


def _candidate(person: _Person, finder: _Finder) -> Candidate:
    name = " ".join(person.name)
    first = min(person.seen, key=lambda s: s.pos)
    where = list(dict.fromkeys(s.label for s in sorted(person.seen, key=lambda s: s.pos)))
    return Candidate(name, len(person.seen), titles=person.titles[:1], aliases=person.aliases,
                     examples=[first.context], where=where)
