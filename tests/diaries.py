"""Diaries that are not Chinese, written for the tests: an English Word file, a French text file, a German web page.

Each holds what a real one does: dated headings with the year in one heading
only, people named in full, by title and by short forms, a table of figures,
lists, emphasis. PEOPLE lists the people each one names (full name → short
forms), so the tests can say how many the import proposes.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

ENGLISH_PEOPLE = {
    "Priya Patel": ("Mrs Patel", "Priya"),
    "Tom Whitcombe": ("the Chief", "Tom"),
    "Helen Okafor": ("Dr Okafor", "Helen"),
    "James Ashby": ("Reverend Ashby",),
    "Margaret Hughes": ("Councillor Hughes",),
    "Dave Morris": ("Sergeant Morris", "Dave"),
    "Lucy Brennan": ("Captain Brennan",),
    "Arthur Finch": ("Mr Finch", "Arthur"),
    "Sam Osei": ("Sam",),
    "Rosa Delgado": ("Rosa",),
}

# (heading, paragraphs); "TABLE", "BULLETS", "NUMBERS" and "FOOTNOTE" mark where the builder puts those.
ENGLISH_DAYS = [
    ("Tuesday, 1 August 2023", [
        "The river came over the weir at about four in the morning. By six the water was in Mill Lane and "
        "Mrs Patel rang me to say her kitchen was flooded. Priya Patel runs the corner shop and knows every "
        "family on the lane, so we asked her to make a list of who needed to leave.",
        "Chief Fire Officer Tom Whitcombe arrived with two crews at seven. The Chief said the pumps could "
        "not keep up while the rain went on.",
    ]),
    ("Wednesday, 2 August", [
        "We opened the church hall as a rest centre. Reverend James Ashby gave us the keys and stayed all "
        "night. Dr Helen Okafor from the surgery came at noon to see the older people.",
        "TABLE",
    ]),
    ("Thursday, 3 August", [
        "Councillor Margaret Hughes came to the hall and promised blankets from the council store. "
        "Dr Okafor asked for a quiet room for the people on oxygen.",
        "BULLETS",
    ]),
    ("Friday, 4 August", [
        "Sergeant Dave Morris closed the bridge road at nine. Sergeant Morris and two constables went "
        "door to door in Church Row. The Chief pumped out the school cellar.",
        "IMAGE",
    ]),
    ("Saturday, 5 August", [
        "Captain Lucy Brennan of the Salvation Army brought a van of food. Captain Brennan stayed to cook "
        "for sixty people. Mrs Patel and Priya's daughter served the tea.",
        "NUMBERS",
    ]),
    ("Sunday, 6 August", [
        "No service today; Reverend Ashby held prayers in the hall instead. Arthur Finch, who is ninety-one, "
        "refused to leave his cottage. Mr Finch said he had seen worse in 1968.",
    ]),
    ("Monday, 7 August", [
        "Sam Osei and his friends from the rugby club filled four hundred sandbags. Sam worked until dark. "
        "Rosa Delgado kept the list of who was staying where.",
    ]),
    ("Tuesday, 8 August", [
        "The water went down a little. Helen came back to check on Arthur, who had a cough. "
        "Tom said the bridge would hold.",
    ]),
    ("Wednesday, 9 August", [
        "Rosa sorted the donated clothes with Priya. Councillor Hughes brought the insurance people. "
        "Dave said the road would reopen on Friday.FOOTNOTE",
    ]),
    ("Thursday, 10 August", [
        "The Chief took the last pump away. We thanked Sam and the rugby club with a supper in the hall.",
    ]),
    ("Friday, 11 August", [
        "The bridge road opened again. Mr Finch came to the hall for the first time and brought a cake.",
    ]),
    ("Saturday, 12 August", [
        "We closed the rest centre. Everyone who slept in the hall has gone home or to family. "
        "It was a hard fortnight, and the town held together.",
    ]),
]
ENGLISH_TABLE = [["Figure", "Value", "Note"], ["Households evacuated", "23", "Mill Lane and Church Row"],
                 ["People in the hall", "41", "at midnight"], ["Sandbags", "400", "filled by volunteers"]]
ENGLISH_BULLETS = ["blankets from the council store", "camp beds from the Scouts", "a kettle that works"]
ENGLISH_NUMBERS = ["serve the tea", "wash the cups", "lock the hall"]
ENGLISH_FOOTNOTE = "It reopened on Friday 11 August at ten."


def english_docx(path: Path) -> Path:
    """The flood-relief diary as a Word file: headings styled, a table, lists, bold and italic, a footnote."""
    import docx

    document = docx.Document()
    document.core_properties.title = "Little Marsh flood diary"
    document.add_paragraph("Little Marsh flood diary", style="Title")
    intro = document.add_paragraph("Kept by the parish clerk during the ")
    intro.add_run("August floods").bold = True
    intro.add_run(". Written ")
    intro.add_run("every evening").italic = True
    intro.add_run(", as it happened.")
    for heading, paragraphs in ENGLISH_DAYS:
        document.add_heading(heading, level=2)
        for text in paragraphs:
            if text == "TABLE":
                table = document.add_table(rows=len(ENGLISH_TABLE), cols=3)
                for r, row in enumerate(ENGLISH_TABLE):
                    for c, value in enumerate(row):
                        table.cell(r, c).text = value
            elif text in ("BULLETS", "NUMBERS"):
                style = "List Bullet" if text == "BULLETS" else "List Number"
                for item in (ENGLISH_BULLETS if text == "BULLETS" else ENGLISH_NUMBERS):
                    document.add_paragraph(item, style=style)
            elif text == "IMAGE":
                document.add_picture(io.BytesIO(_png()))
            elif text.endswith("FOOTNOTE"):
                p = document.add_paragraph(text[: -len("FOOTNOTE")])
                _add_footnote(document, p, ENGLISH_FOOTNOTE)
            else:
                document.add_paragraph(text)
    document.save(str(path))
    return path


def _png() -> bytes:
    """A 2×2 grey PNG, enough for Word to hold a picture."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\x80\x80\x80" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _add_footnote(document, paragraph, text: str) -> None:
    """python-docx writes no footnotes: add word/footnotes.xml and a reference by hand, as Word does."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = (f'<w:footnotes xmlns:w="{w}">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
           '</w:footnote>'
           f'<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t>'
           '</w:r></w:p></w:footnote></w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    paragraph._p.append(parse_xml(f'<w:r xmlns:w="{w}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                                  '<w:footnoteReference w:id="1"/></w:r>'))


FRENCH_PEOPLE = {
    "Claire Dubois": ("Mme Dubois", "Claire"),
    "Marc Lefèvre": ("le capitaine", "Marc"),
    "Jean Moreau": ("M. Moreau",),
    "Anne Girard": ("le docteur Girard",),
    "Luc Bernard": ("le maire",),
    "Sophie Martin": ("Sophie",),
}

FRENCH_TEXT = """\
Journal de la crue

Tenu par la secrétaire de mairie pendant la crue de l'automne.

Lundi 16 octobre 2023

La rivière est sortie de son lit pendant la nuit. À six heures, l'eau était dans la rue du Moulin et Mme Dubois \
m'a appelée : sa cuisine était inondée. Claire Dubois tient la boulangerie et connaît toutes les familles du \
quartier.

Le capitaine Marc Lefèvre est arrivé avec deux équipes de pompiers. Le capitaine a dit que les pompes ne \
suffiraient pas tant qu'il pleuvrait.

Mardi 17 octobre

Nous avons ouvert la salle des fêtes. Le maire Luc Bernard nous a donné les clés et il est resté toute la nuit. \
Le docteur Anne Girard est venue à midi voir les personnes âgées.

| Chiffre | Valeur | Remarque |
| --- | --- | --- |
| Foyers évacués | 18 | rue du Moulin |
| Personnes à la salle | 35 | à minuit |

Mercredi 18 octobre

M. Jean Moreau a refusé de quitter sa maison. M. Moreau a dit qu'il avait vu pire en 1982. Sophie Martin et \
ses amis ont rempli trois cents sacs de sable. Sophie a travaillé jusqu'à la nuit.

- des couvertures de la mairie
- des lits de camp
- une bouilloire qui marche

Jeudi 19 octobre

L'eau a un peu baissé. Claire est revenue voir M. Moreau. Le docteur Girard a demandé une pièce calme pour \
les malades. Le capitaine a retiré la dernière pompe. Marc nous a dit que le pont tiendrait.

Vendredi 20 octobre

Nous avons fermé la salle. Le maire a remercié Sophie et les bénévoles. Claire a apporté des gâteaux pour tout \
le monde.
"""

GERMAN_PEOPLE = {
    "Anna Keller": ("Frau Keller", "Anna"),
    "Stefan Braun": ("der Kommandant", "Stefan"),
    "Peter Vogel": ("Pfarrer Vogel",),
    "Jonas Weber": ("Jonas",),
    "Maria Schulz": ("Frau Dr. Schulz",),
}

GERMAN_HTML = """\
<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Hochwassertagebuch</title>
<script>var tracking = 1;</script></head>
<body>
<nav><a href="/">Startseite</a></nav>
<h1>Hochwassertagebuch</h1>
<p>Geführt von der Gemeindesekretärin während des Hochwassers im Juni.</p>
<h2>Montag, 5. Juni 2023</h2>
<p>Der Fluss ist in der Nacht über die Ufer getreten. Um sechs Uhr stand das Wasser in der Mühlgasse und
Frau Keller hat mich angerufen, weil ihre Küche unter Wasser stand. Anna Keller führt die Bäckerei und kennt
alle Familien in der Gasse.</p>
<p>Kommandant Stefan Braun kam mit zwei Trupps der Feuerwehr. Der Kommandant sagte, die Pumpen würden nicht
reichen, solange es regnet.</p>
<h2>Dienstag, 6. Juni</h2>
<p>Wir haben den Gemeindesaal geöffnet. <strong>Pfarrer Peter Vogel</strong> hat uns die Schlüssel gegeben und
ist die ganze Nacht geblieben. Frau Dr. Maria Schulz kam am Mittag zu den älteren Leuten.</p>
<table>
<tr><th>Zahl</th><th>Wert</th><th>Bemerkung</th></tr>
<tr><td>Evakuierte Haushalte</td><td>21</td><td>Mühlgasse</td></tr>
<tr><td>Menschen im Saal</td><td>38</td><td>um Mitternacht</td></tr>
</table>
<h2>Mittwoch, 7. Juni</h2>
<p>Jonas Weber und seine Freunde vom Sportverein haben dreihundert Sandsäcke gefüllt. Jonas hat bis in die
Nacht gearbeitet. Pfarrer Vogel hat im Saal gebetet.</p>
<ul><li>Decken aus dem Rathaus</li><li>Feldbetten
  <ul><li>zwölf vom Roten Kreuz</li></ul></li>
<li>ein Wasserkocher, der funktioniert</li></ul>
<img src="bruecke.jpg" alt="Die Brücke am Morgen">
<h2>Donnerstag, 8. Juni</h2>
<p>Das Wasser ist etwas gesunken. Anna hat <em>Frau Dr. Schulz</em> zu den Kranken gebracht. Der Kommandant
hat die letzte Pumpe abgeholt. Stefan sagte, die Brücke halte.</p>
<iframe src="https://karten.example/pegel"></iframe>
<h2>Freitag, 9. Juni</h2>
<p>Wir haben den Saal geschlossen. Frau Keller hat Kuchen für alle gebracht, und Jonas Weber hat beim Aufräumen
geholfen.</p>
</body></html>
"""


def french_text(path: Path) -> Path:
    path.write_text(FRENCH_TEXT, encoding="utf-8")
    return path


def german_html(path: Path) -> Path:
    path.write_text(GERMAN_HTML, encoding="utf-8")
    return path
