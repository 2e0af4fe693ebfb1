"""The validated model: plain frozen dataclasses, no I/O.

Everything after loading works on these objects only. Private fields never
enter the model, so no later stage can leak them.
"""

from chronicle.model.types import (  # noqa: F401
    Award, Body, BookConfig, Category, Chronicle, Entry, Page, PartialDate, Person, Phase, Ref, ReportConfig,
    Role, SiteConfig, StatDef, StatValue, Text,
)
