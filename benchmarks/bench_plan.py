"""Time `cpconf plan <initial case> --json` against `python -c "import yaml"` in the same run.

Usage: python benchmarks/bench_plan.py [--runs N]

Prints the median wall time of each (N runs, after a warm-up that also fills the
bank-holiday cache), their ratio (target: at most 6), and the slowest imports of
the plan command from `python -X importtime`.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "sample_cases" / "initial.yaml"
PLAN = [sys.executable, "-m", "cpconf", "plan", str(CASE), "--json", "--today", "2026-11-10"]
BASELINE = [sys.executable, "-c", "import yaml"]


def median_seconds(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def slowest_imports(cmd: list[str], top: int = 12) -> list[tuple[int, str]]:
    run = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], capture_output=True, text=True)
    rows = []
    for line in run.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m and len(m.group(3)) <= 3:  # top-level imports only
            rows.append((int(m.group(2)), m.group(4)))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    subprocess.run(PLAN, check=True, stdout=subprocess.DEVNULL)  # warm-up: fills the cache
    base = median_seconds(BASELINE, args.runs)
    plan = median_seconds(PLAN, args.runs)
    print(f"python -c 'import yaml'   median {base * 1000:7.1f} ms  ({args.runs} runs)")
    print(f"cpconf plan --json        median {plan * 1000:7.1f} ms  ({args.runs} runs)")
    print(f"ratio                     {plan / base:7.2f}   (target: at most 6)")
    print("\nslowest top-level imports of the plan command (cumulative):")
    for micros, name in slowest_imports(PLAN):
        print(f"  {micros / 1000:7.1f} ms  {name}")


if __name__ == "__main__":
    main()
