"""A build killed with SIGKILL at any moment leaves the complete old site or the complete new one.

The site is written into a temporary folder beside the output and swapped in with one
atomic rename, so there is no moment at which a reader (or the next build) could find a
mix. This test kills real `python -m chronicle build` processes (the whole process group,
as an OOM killer or a pulled plug would) after random delays spread over the length of a
build, and compares every file of the output with reference builds of the old and the
new content. Then one more build must succeed and clear what the killed ones left behind.

Search is left out (--no-search): the Pagefind index is not byte-for-byte reproducible,
and this test compares bytes. The swap it exercises is the same with or without search.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path


from tests.conftest import ROOT

TRIALS = 15
ENTRIES = 90
SEED = 20200123

def write_chronicle(root: Path, title: str) -> Path:
    """A chronicle big enough that a build takes about a second."""
    (root / "entries").mkdir(parents=True, exist_ok=True)
    (root / "chronicle.yaml").write_text(f"title: {title}\nlanguages: [zh]\n", encoding="utf-8")
    (root / "people.yaml").write_text(
        "".join(f"- id: p{i}\n  name: 人物{i:02d}号\n" for i in range(20)), encoding="utf-8")
    first = dt.date(2020, 1, 1)
    for i in range(ENTRIES):
        day = first + dt.timedelta(days=i)
        body = "\n\n".join(f"第{j}段：[[p{(i + j) % 20}]]今天记录了{i * 10 + j}件事。" * 3 for j in range(6))
        (root / "entries" / f"{day}.md").write_text(f"---\ndate: {day}\ntitle: 第{i}篇\n---\n{body}\n",
                                                    encoding="utf-8")
    return root


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def command(content: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "chronicle", "build", str(content), "--out", str(out), "--no-search", "--quiet"]


def run_build(content: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command(content, out), cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def leftovers(out: Path) -> list[str]:
    """The temporary and old folders of builds; the lock file beside the output stays by design (output/lock.py)."""
    return sorted(p.name for p in out.parent.iterdir()
                  if p.name.startswith(f".{out.name}.") and p.name != f".{out.name}.lock")


def test_sigkill_at_random_moments_leaves_old_or_new_never_a_mix(tmp_path):
    old_content = write_chronicle(tmp_path / "old", "旧的日记")
    new_content = write_chronicle(tmp_path / "new", "新的日记")   # the title is on every page: every page changes
    old_ref, new_ref = tmp_path / "ref-old", tmp_path / "ref-new"
    run_build(old_content, old_ref)
    duration = run_build(new_content, new_ref)
    old_tree, new_tree = tree(old_ref), tree(new_ref)
    assert len(old_tree) > 100 and old_tree.keys() == new_tree.keys()
    assert all(old_tree[k] != new_tree[k] for k in old_tree if k.endswith(".html"))

    out = tmp_path / "site" / "public"
    out.parent.mkdir()
    rng = random.Random(SEED)
    seen = {"old": 0, "new": 0}
    for trial in range(TRIALS):
        if not out.exists() or tree(out) != old_tree:   # start every trial from the old site
            shutil.rmtree(out, ignore_errors=True)
            shutil.copytree(old_ref, out)
        delay = rng.uniform(0.05, 1.1) * duration
        process = subprocess.Popen(command(new_content, out), cwd=ROOT, start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
        now = tree(out)
        assert now in (old_tree, new_tree), (
            f"trial {trial}: killed after {delay:.2f} s of ~{duration:.2f} s, the output is a mix: "
            f"{sum(now.get(k) == v for k, v in new_tree.items())} files new, "
            f"{sum(now.get(k) == v for k, v in old_tree.items())} old, of {len(new_tree)}; "
            f"missing {sorted(new_tree.keys() - now.keys())[:5]}, extra {sorted(now.keys() - new_tree.keys())[:5]}, "
            f"differing {[k for k in sorted(now) if now[k] not in (old_tree.get(k), new_tree.get(k))][:5]}")
        seen["new" if now == new_tree else "old"] += 1

    assert seen["old"] > 0, f"no kill landed before the swap ({seen}); the build is too fast for this test"
    run_build(new_content, out)
    assert tree(out) == new_tree, "the next build succeeds"
    assert leftovers(out) == [], "and clears the temporary folders killed builds left behind"
