"""Diagnostics: every problem found in the content, with its place, kept together.

A build collects all problems before it stops, so a writer fixes a whole batch at
once; each problem prints as ``path:line: level: message`` without a traceback.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    level: str
    path: str
    line: int | None
    message: str
    hint: str = ""

    def format(self) -> str:
        place = self.path if self.line is None else f"{self.path}:{self.line}"
        text = f"{place}: {self.level}: {self.message}" if place else f"{self.level}: {self.message}"
        if self.hint:
            text += "\n    " + self.hint.replace("\n", "\n    ")
        return text

    def as_dict(self) -> dict:
        return {"level": self.level, "path": self.path, "line": self.line,
                "message": self.message, "hint": self.hint}


@dataclass
class Report:
    """The diagnostics of one run; stages add to it, the CLI prints it."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        """Add once: the same problem found again (e.g. rendering one body per language) is one problem."""
        seen = self.__dict__.get("_seen")
        if seen is None or self.__dict__.get("_of") is not self.items or len(seen) != len(self.items):
            seen = self.__dict__["_seen"] = set(self.items)  # items were replaced or edited from outside
            self.__dict__["_of"] = self.items
        if diagnostic not in seen:
            self.items.append(diagnostic)
            seen.add(diagnostic)

    def error(self, path: str, line: int | None, message: str, hint: str = "") -> None:
        self.add(Diagnostic(ERROR, str(path), line, message, hint))

    def warn(self, path: str, line: int | None, message: str, hint: str = "") -> None:
        self.add(Diagnostic(WARNING, str(path), line, message, hint))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == WARNING]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=lambda d: (d.path, d.line or 0, d.level, d.message))

    def raise_if_errors(self) -> None:
        if self.errors:
            raise BuildError(self)


class BuildError(Exception):
    """Raised at a stage boundary when the content has errors; carries the report."""

    def __init__(self, report: Report):
        super().__init__(f"{len(report.errors)} error(s)")
        self.report = report


class UsageError(Exception):
    """A problem with how chronicle was called (paths, options), not with the content."""


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> str:
    """A ``did you mean`` hint for an unknown name, or an empty string."""
    close = difflib.get_close_matches(str(word), sorted(set(choices)), n=n, cutoff=0.5)
    if not close:
        return ""
    return "did you mean " + ", ".join(f"'{c}'" for c in close) + "?"


def rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
