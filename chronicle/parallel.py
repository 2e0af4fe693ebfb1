"""Run independent jobs on every core, in order, by forking the process that holds the site graph.

Forked workers inherit the graph and the templates instead of receiving them
pickled; only job numbers go out and results come back. Small workloads, one
core, or a platform without fork run the jobs in this process.
"""

from __future__ import annotations

import os
from typing import Callable, Iterator, Sequence, TypeVar

T = TypeVar("T")

_JOBS: Sequence[Callable[[], object]] = ()
MIN_PARALLEL_JOBS = 200


def workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def run_jobs(jobs: Sequence[Callable[[], T]], chunksize: int = 8, min_jobs: int = MIN_PARALLEL_JOBS) -> Iterator[T]:
    """Each job's result, in the order of ``jobs``; ``min_jobs``: below it, forking costs more than it saves."""
    global _JOBS
    n = workers()
    if n < 2 or len(jobs) < min_jobs or not hasattr(os, "fork"):
        for job in jobs:
            yield job()
        return
    import multiprocessing

    _JOBS = jobs
    try:
        with multiprocessing.get_context("fork").Pool(n) as pool:
            yield from pool.imap(_run, range(len(jobs)), chunksize)
    finally:
        _JOBS = ()


def _run(index: int):
    return _JOBS[index]()
