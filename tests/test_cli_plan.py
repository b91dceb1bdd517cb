"""`cpconf plan` and `cpconf procedures` end to end, through the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ACCEPTANCE, MINIMAL, SAMPLES

GOLDEN = Path(__file__).parent / "golden"
TODAY = "2026-11-10"


def acceptance_cases(command: str) -> list[Path]:
    if not ACCEPTANCE.is_dir():
        return []
    return sorted(
        p
        for p in ACCEPTANCE.glob("*.yaml")
        if json.loads(p.with_suffix("").with_suffix(".expected.json").read_text())["command"]
        == command
    )


@pytest.mark.skipif(not ACCEPTANCE.is_dir(), reason="../shared/acceptance is not here")
@pytest.mark.parametrize("case", acceptance_cases("plan"), ids=lambda p: p.stem)
def test_acceptance(cli, case):
    expected = json.loads(case.with_suffix("").with_suffix(".expected.json").read_text())
    result = cli("plan", case, "--json", "--today", "2026-11-01")
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)
    assert {
        k: got["deadlines"][k]["due"] for k in expected["deadlines"] if k in got["deadlines"]
    } == expected["deadlines"]


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_samples_match_their_golden_json(cli, sample):
    result = cli("plan", sample, "--json", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)
    golden = GOLDEN / f"plan-{sample.stem}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
        pytest.skip(f"wrote {golden.name}: check it by hand and commit it")
    assert golden.exists(), f"no {golden.name}: run with UPDATE_GOLDEN=1, check it by hand"
    assert got == json.loads(golden.read_text())


def test_json_is_alone_on_stdout(cli):
    result = cli("plan", SAMPLES / "initial.yaml", "--json", "--today", TODAY)
    data = json.loads(result.stdout)  # nothing but JSON
    assert data["reference"] == "CP-2026-0142"
    assert data["conference_date"] == "2026-11-20"
    assert "\x1b[" not in result.stdout


def test_table_for_people(cli):
    result = cli("plan", SAMPLES / "initial.yaml", "--today", "2026-11-19")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "Wednesday 18 November 2026" in out
    assert "London CP4 7.9" in out
    assert "overdue by 1 working day" in out
    assert "Warnings" in out
    assert "done:" in out  # the hint on how to clear them


def test_check_exits_1_when_a_deadline_has_passed(cli):
    sample = SAMPLES / "initial.yaml"
    assert cli("plan", sample, "--check", "--today", "2026-11-19").exit_code == 1
    assert cli("plan", sample, "--check", "--today", "2026-11-10").exit_code == 0
    assert cli("plan", sample, "--today", "2026-11-19").exit_code == 0


def test_bad_case_file_exits_2_with_file_and_line(cli, write_case):
    path = write_case(MINIMAL.replace("type: initial", "type: intial"))
    result = cli("plan", path, "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{path}:4: conference.type: 'intial' is not one of" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_problem_of_a_case_file_in_one_run(cli, write_case):
    # an unknown key and a child without a date of birth: both, in one run, in line order
    text = MINIMAL.replace("  reference: CP-TEST-1", "  reference: CP-TEST-1\n  procedur: london")
    path = write_case(text.replace("    dob: 2019-03-14\n", ""))
    result = cli("plan", path)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {path}:3: case: unknown key 'procedur'; did you mean 'procedure'?",
        f"error: {path}:8: children[0]: dob is required (or unborn: true)",
    ]


def test_missing_file_exits_2(cli, tmp_path):
    result = cli("plan", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "no such case file" in result.stderr


@pytest.mark.parametrize(
    ("today", "message"),
    [
        ("2026-02-30", "is not a real date"),
        ("11/30/2026", "is not a UK date"),
        ("9999-01-01", "outside the years cpconf counts"),
        ("tomorrow", "is not a date"),
    ],
)
def test_bad_today_exits_2(cli, today, message):
    result = cli("plan", SAMPLES / "initial.yaml", "--today", today)
    assert result.exit_code == 2
    assert "--today" in result.stderr and message in result.stderr


def test_today_may_be_written_the_uk_way(cli):
    uk = cli("plan", SAMPLES / "initial.yaml", "--json", "--today", "10/11/2026")
    iso = cli("plan", SAMPLES / "initial.yaml", "--json", "--today", "2026-11-10")
    assert uk.exit_code == 0 and uk.stdout == iso.stdout


def test_unknown_done_key_names_its_line(cli, write_case):
    path = write_case(MINIMAL + "done:\n  agency_report: 2026-11-18\n")
    result = cli("plan", path)
    assert result.exit_code == 2
    assert (
        f"{path}:16: done.agency_report: the london procedure has no deadline 'agency_report'; did you mean 'agency_reports'?"
        in result.stderr
    )


def test_bad_profile_named_by_the_case(cli, write_case, tmp_path):
    (tmp_path / "ours.yaml").write_text("name: ours\ntitle: Ours\ndocument: D\ndeadlines: 3\n")
    path = write_case(
        MINIMAL.replace("reference: CP-TEST-1", "reference: CP-TEST-1\n  procedure: ours.yaml")
    )
    result = cli("plan", path)
    assert result.exit_code == 2
    assert "ours.yaml:4: deadlines: expected a list" in result.stderr
    assert (
        f"{path}:3: case.procedure: the profile 'ours.yaml' cannot be used because of the "
        "problems listed in it" in result.stderr
    )


def test_procedures_list_and_show(cli):
    listing = cli("procedures")
    assert listing.exit_code == 0
    for name in ("london", "hackney", "york", "bolton", "warwickshire"):
        assert name in listing.stdout
    shown = cli("procedures", "show", "hackney", env={"COLUMNS": "200"})
    assert shown.exit_code == 0
    text = " ".join(shown.stdout.split())
    assert 'Hackney guide, "Expectations of' in text
    assert "inherited from london" in text
    missing = cli("procedures", "show", "lundon")
    assert missing.exit_code == 2
    assert "no built-in procedure 'lundon'" in missing.stderr


def test_procedures_list_marks_the_default(cli):
    rows = [line for line in cli("procedures").stdout.splitlines() if "(default)" in line]
    assert len(rows) == 1 and "london (default)" in rows[0]


def test_procedures_show_speaks_plainly(cli):
    text = " ".join(cli("procedures", "show", "bolton", env={"COLUMNS": "200"}).stdout.split())
    assert "Quorum: children's social care and at least two other agencies" in text
    assert "always invited: children's social care, health, the police" in text
    assert "if a child protection plan" in text
    assert "child-protection plan" not in text and "children social care" not in text


def test_a_misspelt_procedure_gets_a_suggestion(cli, write_case):
    result = cli("procedures", "show", "yrok")
    assert result.exit_code == 2
    assert "did you mean 'york'?" in result.stderr
    case = write_case(
        MINIMAL.replace("reference: CP-TEST-1", "reference: CP-TEST-1\n  procedure: yrok")
    )
    result = cli("plan", case)
    assert result.exit_code == 2
    assert "did you mean 'york'?" in result.stderr


def test_python_dash_m_and_version():
    run = subprocess.run(
        [sys.executable, "-m", "cpconf", "--version"], capture_output=True, text=True
    )
    assert run.returncode == 0
    assert run.stdout.startswith("cpconf ")
    usage = subprocess.run([sys.executable, "-m", "cpconf", "plan"], capture_output=True, text=True)
    assert usage.returncode == 2
    assert "Traceback" not in usage.stderr


def test_a_misspelt_key_gives_one_error_not_a_misleading_second(cli, write_case):
    case = write_case(MINIMAL.replace("strategy_discussion:", "strategy_discusion:"))
    result = cli("plan", case, "--today", "2026-11-10")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {case}:5: conference: unknown key 'strategy_discusion'; "
        "did you mean 'strategy_discussion'?"
    ]


@pytest.mark.parametrize(
    ("sample", "today", "example"),
    [
        ("initial.yaml", "2026-11-25", "social_worker_report_to_parents: 2026-11-18"),
        ("review.yaml", "2027-06-25", "conference_record: 2026-12-17"),
    ],
)
def test_the_done_hint_uses_the_cases_own_first_overdue_task(
    cli, monkeypatch, sample, today, example
):
    monkeypatch.setenv("COLUMNS", "120")
    out = cli("plan", SAMPLES / sample, "--today", today).stdout
    hint = out[out.index("Record finished tasks") :]
    assert hint.splitlines()[1:] == ["  done:", f"    {example}"]
