"""A command imports only what it uses: no document library where no document is written.

Each of these costs tens of milliseconds at every start (benchmarks/bench_startup.py):
docxtpl, python-docx, lxml and Jinja are for `letters` alone; Rich for tables, not JSON;
holidays only when the bank-holiday cache misses; icalendar only for `plan --ics`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_cases" / "initial.yaml"
HEAVY = ("docxtpl", "docx", "jinja2", "lxml", "rich", "holidays", "icalendar")
# cpconf's own packages for documents: a command that writes none does not load them
OWN = ("cpconf.letters", "cpconf.sending")

RUN = """\
import sys
from cpconf.cli import main
sys.argv = ["cpconf", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(
    code,
    *sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY) | set(sys.modules) & set(OWN)),
    file=sys.stderr,
)
""".replace("HEAVY", repr(HEAVY)).replace("OWN", repr(OWN))


def imported(*args: str | Path, cache: Path, warm: bool = True) -> tuple[str, list[str]]:
    """Run `cpconf ARGS` in a new process: its exit code and the heavy packages it imported."""
    env = {**os.environ, "CPCONF_CACHE_DIR": str(cache)}
    if warm:  # a first run fills the bank-holiday cache, as a user's earlier runs have
        subprocess.run(
            [sys.executable, "-c", RUN, *map(str, args)], capture_output=True, env=env, cwd=ROOT
        )
    done = subprocess.run(
        [sys.executable, "-c", RUN, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    code, *loaded = done.stderr.split("\n")[-2].split()
    return code, loaded


@pytest.mark.parametrize(
    "args",
    [
        ("plan", SAMPLE, "--json", "--today", "2026-11-10"),
        ("check-quorum", SAMPLE, "--json", "--today", "2026-11-10"),
        ("caseload", ROOT / "sample_cases", "--json", "--today", "2026-11-10"),
        ("plan", ROOT / "sample_cases" / "initial-with-outcome.yaml", "--json"),
    ],
    ids=["plan", "check-quorum", "caseload", "plan-after-the-conference"],
)
def test_json_commands_import_no_document_library_no_rich_no_holidays(args, tmp_path):
    code, loaded = imported(*args, cache=tmp_path)
    assert code in ("0", "1"), code  # ran (1: a check failed, as it may for a sample)
    assert loaded == []


def test_a_plan_for_people_imports_rich_and_nothing_for_documents(tmp_path):
    code, loaded = imported("plan", SAMPLE, "--today", "2026-11-10", cache=tmp_path)
    assert code == "0"
    assert loaded == ["rich"]


def test_the_check_itself_sees_what_letters_import(tmp_path):
    out = tmp_path / "pack"
    code, loaded = imported(
        "letters", SAMPLE, "--out", out, "--today", "2026-11-10", cache=tmp_path, warm=False
    )
    assert code == "0"
    assert {"docxtpl", "jinja2", "rich", "cpconf.letters"} <= set(loaded)


def test_next_writes_a_case_file_without_the_document_packages(tmp_path):
    out = tmp_path / "review.yaml"
    with_outcome = ROOT / "sample_cases" / "initial-with-outcome.yaml"
    code, loaded = imported(
        "next", with_outcome, "--out", out, "--today", "2026-11-20", "--force", cache=tmp_path
    )
    assert code == "0" and out.exists()
    assert not set(loaded) & set(OWN), loaded
