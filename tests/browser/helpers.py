"""Helpers shared by the browser tests."""

from __future__ import annotations


def watch(page) -> list[str]:
    """Console errors and warnings, page errors, failed requests and HTTP errors of a tab."""
    problems: list[str] = []
    page.on("console", lambda msg: msg.type in ("error", "warning") and problems.append(
        f"console {msg.type}: {msg.text} @ {msg.location.get('url')}"))
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("requestfailed", lambda req: problems.append(f"request failed: {req.url} ({req.failure})"))
    page.on("response", lambda resp: resp.status >= 400 and problems.append(f"HTTP {resp.status}: {resp.url}"))
    return problems
