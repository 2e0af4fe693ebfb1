"""The validated model: plain frozen dataclasses, no I/O.

Everything after loading works on these objects only. Private fields never enter the people
of the model: their values travel apart, as ``Chronicle.secrets``, to the checks that make sure
no output carries them (graph/secrets.py), and the graph drops them.
"""

from chronicle.model.types import (  # noqa: F401
    Award, Body, BookConfig, Category, Chronicle, Entry, LIST_STATUSES, ListStatus, Page, PartialDate, Person,
    Phase, Ref, ReportConfig, Role, Secret, SiteConfig, StatDef, StatValue, Text,
)
