"""Make the page images of docs/book.md from the bundled diary's book.

Run from the repository root (needs WeasyPrint, a Chinese font, poppler's pdftoppm and Pillow):

    python3 docs/tools/make_book_images.py

It writes docs/images/book-zh-spread.png (two facing pages of the Chinese book),
docs/images/book-zh-index.png (its contents and the first page of its index of people) and
docs/images/book-zh-en-spread.png (two pages of the bilingual book: an entry and its translation).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "images"
DPI = 94


def render(pdf: Path, page: int, folder: Path):
    from PIL import Image
    stem = folder / f"page-{page}"
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                    str(stem)], check=True)
    return Image.open(f"{stem}.png").convert("RGB")


def spread(left, right, path: Path) -> None:
    from PIL import Image
    gap = 8
    sheet = Image.new("RGB", (left.width + right.width + gap, max(left.height, right.height)), (150, 150, 150))
    sheet.paste(left, (0, 0))
    sheet.paste(right, (left.width + gap, 0))
    sheet.quantize(colors=64).save(path, optimize=True)
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from pypdf import PdfReader
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for langs, name in (("zh", "book-zh-spread.png"), ("zh,en", "book-zh-en-spread.png")):
            pdf = folder / f"book-{langs}.pdf"
            subprocess.run([sys.executable, "-m", "chronicle", "book", "content", "--lang", langs, "-o", str(pdf), "-q"],
                           check=True, cwd=ROOT)
            reader = PdfReader(str(pdf))
            marks = {item.title: reader.get_destination_page_number(item) + 1
                     for item in reader.outline if not isinstance(item, list)}
            entries = [item for items in reader.outline if isinstance(items, list) for item in items]
            first_entry = reader.get_destination_page_number(entries[0]) + 1
            left = first_entry if first_entry % 2 == 0 else first_entry + 1
            spread(render(pdf, left, folder), render(pdf, left + 1, folder), IMAGES / name)
            if langs == "zh":
                spread(render(pdf, marks["目录"], folder), render(pdf, marks["人名索引"], folder),
                       IMAGES / "book-zh-index.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
