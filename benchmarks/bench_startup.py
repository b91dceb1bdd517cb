"""Start-up of `cpconf plan CASE --json` against Python and the bare libraries, in one run.

    python benchmarks/bench_startup.py [--runs 15]

Each command is started as a new process, the commands taken in turn (so that a busy
moment hits them all alike), after one warm-up round that also fills the bank-holiday
cache; the median wall time and the median CPU time (user + system) of each:

- `python -c "import yaml"`: Python starting, and the one library every command needs;
- `python -c "import typer, pydantic, rich"`: the bare libraries, imported (pydantic
  imports lazily: this does not load `BaseModel`);
- `import yaml` and one pydantic model with one field, validated: pydantic in use, no
  command line at all;
- a bare Typer app whose one command has the options of `plan` and does nothing: what
  any Typer command pays to start (Typer builds a pydantic TypeAdapter for each option
  given, which uses much more of pydantic than importing it does);
- the same app reading a small YAML file into a two-class pydantic model: the libraries
  as cpconf uses them, the floor under any command that validates a file;
- `cpconf plan sample_cases/initial.yaml --json`.

Every process runs with its bytecode cached, as after `pip install` (which compiles
it): the bytecode goes to a temporary folder (`PYTHONPYCACHEPREFIX`), written by the
warm-up round, so a `PYTHONDONTWRITEBYTECODE` in the environment does not make cpconf
alone compile its sources on every run.

Target: `plan --json` at most 4 times `import yaml`. Then, for the plan command, where
its time goes (CPU time of each step in one process, median) and the modules a command
that writes no document must not import.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "sample_cases" / "initial.yaml"
PY = sys.executable

BARE_APP = """\
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


@app.command()
def plan(
    case: Path,
    json_out: Annotated[bool, typer.Option("--json")] = False,
    today: Annotated[str | None, typer.Option("--today")] = None,
    check: bool = False,
    ics: Annotated[Path | None, typer.Option("--ics")] = None,
    force: bool = False,
) -> None:
    print("{}")


@app.command()
def other() -> None:
    pass


app()
"""

ONE_MODEL = """\
import yaml
from pydantic import BaseModel


class M(BaseModel):
    a: int


M(a=1)
"""

# The same app reading a small YAML file into a pydantic model (the libraries in use)
assert '    print("{}")' in BARE_APP  # else the floor would silently be the bare app
FLOOR_APP = BARE_APP.replace(
    '    print("{}")',
    """    from datetime import date

    import yaml
    from pydantic import BaseModel

    class Child(BaseModel):
        name: str
        dob: date | None = None

    class Case(BaseModel):
        reference: str
        children: list[Child]

    text = case.read_text(encoding="utf-8")
    print(Case.model_validate(yaml.load(text, Loader=yaml.CSafeLoader)).model_dump_json())""",
)
FLOOR_CASE = "reference: CP-1\nchildren:\n  - name: Amy\n    dob: 2019-05-02\n"

# CPU time of each step of `plan --json`, in one process
STEPS = r"""
import json, sys, time
T = time.process_time
marks = [T()]
import typer, typer.main; marks.append(T())
import cpconf.cli; typer.main.get_command(cpconf.cli.app); marks.append(T())
from pathlib import Path; from pydantic import TypeAdapter; TypeAdapter(Path); marks.append(T())
import cpconf.case; marks.append(T())
import cpconf.procedures; marks.append(T())
import cpconf.conference, cpconf.schedule; marks.append(T())
conference = cpconf.conference.open_case(sys.argv[1]); marks.append(T())
import datetime; json.dumps(conference.plan(datetime.date(2026, 11, 10)).to_json())
marks.append(T())
print(json.dumps([b - a for a, b in zip(marks, marks[1:])]))
"""
STEP_NAMES = [
    "import typer",
    "cpconf.cli and its commands (Typer)",
    "pydantic in use (Typer's TypeAdapter for CASE)",
    "cpconf.case: YAML loader, case models",
    "cpconf.procedures: profile models",
    "cpconf.conference, cpconf.schedule",
    "open_case: read, validate, profile, calendar",
    "plan and JSON",
]

# What a command that writes no document must not import
DOCUMENT_LIBRARIES = ("docxtpl", "docx", "jinja2", "lxml", "rich", "holidays", "icalendar")


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `cmd` as a new process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, cwd=ROOT, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bare_app = Path(tmp) / "bare_app.py"
        bare_app.write_text(BARE_APP, encoding="utf-8")
        floor_app = Path(tmp) / "floor_app.py"
        floor_app.write_text(FLOOR_APP, encoding="utf-8")
        floor_case = Path(tmp) / "case.yaml"
        floor_case.write_text(FLOOR_CASE, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        commands = {
            'python -c "import yaml"': [PY, "-c", "import yaml"],
            "import typer, pydantic, rich": [PY, "-c", "import typer, pydantic, rich"],
            "yaml + one pydantic model": [PY, "-c", ONE_MODEL],
            "bare Typer app, plan's options": [PY, str(bare_app), "plan", "x", "--json"],
            "... reading YAML into pydantic": [PY, str(floor_app), "plan", str(floor_case)],
            "cpconf plan CASE --json": [PY, "-m", "cpconf", "plan", str(CASE), "--json"],
        }
        times: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
        for round_ in range(args.runs + 1):
            for name, cmd in commands.items():
                measured = run(cmd, env)
                if round_:  # the first round is a warm-up
                    times[name].append(measured)
        wall = {k: statistics.median(w for w, _ in v) for k, v in times.items()}
        cpu = {k: statistics.median(c for _, c in v) for k, v in times.items()}
        base = 'python -c "import yaml"'
        print(
            f"{os.cpu_count()} CPUs, {platform.python_implementation()} {platform.python_version()},"
            f" {platform.system()}; median of {args.runs} runs, each a new process\n"
        )
        print(f"{'':32}{'wall':>9}{'ratio':>7}{'CPU':>10}{'ratio':>7}")
        for name in commands:
            print(
                f"{name:32}{wall[name] * 1000:7.1f}ms{wall[name] / wall[base]:7.2f}"
                f"{cpu[name] * 1000:8.1f}ms{cpu[name] / cpu[base]:7.2f}"
            )
        plan = "cpconf plan CASE --json"
        ratio = wall[plan] / wall[base]
        floor = "... reading YAML into pydantic"
        print(f"\nplan --json: {ratio:.2f} times import yaml (target: at most 4)")
        print(
            f"the libraries as cpconf uses them: {wall[floor] / wall[base]:.2f} times;"
            f" cpconf's own share: {(cpu[plan] - cpu[floor]) * 1000:.0f} ms of CPU"
        )

        steps = []
        for _ in range(args.runs):
            out = subprocess.run(
                [PY, "-c", STEPS, str(CASE)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
                env=env,
            )
            steps.append(json.loads(out.stdout))
        print("\nwhere plan --json spends its CPU time after Python starts (median):")
        for i, name in enumerate(STEP_NAMES):
            print(f"  {statistics.median(s[i] for s in steps) * 1000:6.1f} ms  {name}")

        check = (
            "import sys\nfrom cpconf.cli import main\nsys.argv = ['cpconf', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(' '.join(m for m in sys.modules if m.split('.')[0] in "
            f"{DOCUMENT_LIBRARIES!r}), file=sys.stderr)"
        )
        loaded = subprocess.run(
            [PY, "-c", check, "plan", str(CASE), "--json"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
        ).stderr.split()
        print(f"\ndocument libraries, Rich, holidays imported by plan --json: {loaded or 'none'}")
    return 0 if ratio <= 4 else 1


if __name__ == "__main__":
    sys.exit(main())
