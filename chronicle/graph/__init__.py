"""ENRICH: the validated model resolved into a site graph that templates only have to show.

Mentions, profiles, timelines, statistics with their sources and commendations
with their evidence are all worked out here, with the cross-file checks.
"""

from chronicle.graph.site import build_graph  # noqa: F401
