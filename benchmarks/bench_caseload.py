"""Time `cpconf caseload DIR --json` on 1,000 and 10,000 case files against a floor.

Usage: python benchmarks/bench_caseload.py [--sizes 1000 10000] [--runs 3] [--profile]

For each size, the script writes that many realistic case files (gen_caseload.py) to a
temporary folder, then measures, best of --runs each (files warm in the page cache):

- floor: reading every file and `yaml.load(text, Loader=yaml.CSafeLoader)`, in-process;
- core: `build_caseload(DIR)` in-process, as the command runs it (worker processes for
  large folders), and again with one process (jobs=1);
- command: `cpconf caseload DIR --json` as a new process, output to /dev/null (start-up,
  finding the files and writing the JSON included).

Target: the command at most 2 times the floor, and time per file flat from 1,000 to
10,000 files. --profile prints where the single-process time goes (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_caseload import generate  # noqa: E402

from cpconf.service import build_caseload, find_case_files  # noqa: E402

TODAY = dt.date(2026, 11, 23)


def best(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def floor(files: list[Path]) -> None:
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def command(folder: Path) -> None:
    cmd = [
        sys.executable,
        "-m",
        "cpconf",
        "caseload",
        str(folder),
        "--json",
        "--today",
        TODAY.isoformat(),
    ]
    run = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if run.returncode not in (0, 1):  # 1: something is overdue, as in any real caseload
        raise SystemExit(f"cpconf caseload failed ({run.returncode}): {run.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    print(
        f"{os.cpu_count()} CPUs; PyYAML {yaml.__version__}, "
        f"C loader: {hasattr(yaml, 'CSafeLoader')}; best of {args.runs} runs\n"
    )
    header = (
        f"{'files':>6}  {'floor':>8}  {'core':>8}  {'core x1':>8}  {'command':>8}  "
        f"{'cmd/floor':>9}  {'core/floor':>10}  {'cmd per file':>12}"
    )
    print(header)
    print("-" * len(header))
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="cpconf-caseload-") as tmp:
            folder = Path(tmp)
            generate(folder, n, TODAY)
            files = find_case_files([folder])
            floor(files)  # warm the page cache and the bank-holiday cache
            build_caseload([folder], TODAY, jobs=1)
            t_floor = best(lambda files=files: floor(files), args.runs)
            t_core = best(lambda folder=folder: build_caseload([folder], TODAY), args.runs)
            t_serial = best(
                lambda folder=folder: build_caseload([folder], TODAY, jobs=1), args.runs
            )
            t_cmd = best(lambda folder=folder: command(folder), args.runs)
            print(
                f"{n:>6}  {t_floor:>7.2f}s  {t_core:>7.2f}s  {t_serial:>7.2f}s  "
                f"{t_cmd:>7.2f}s  {t_cmd / t_floor:>9.2f}  {t_core / t_floor:>10.2f}  "
                f"{t_cmd / n * 1e6:>9.0f} µs"
            )
            if args.profile:
                prof = cProfile.Profile()
                prof.runcall(build_caseload, [folder], TODAY, jobs=1)
                out = io.StringIO()
                pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(15)
                print(out.getvalue())


if __name__ == "__main__":
    main()
