"""Where the built-in templates and static files live, in a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def theme_dir(name: str) -> Path:
    """``templates`` or ``static``: inside the package when installed, at the top of a checkout otherwise."""
    installed = _PACKAGE / "_theme" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name
