"""`cpconf caseload` on the command line: output, machine formats, exit codes.

The caseload in tests/cases/caseload/ and its hand count are described in test_caseload.py.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

CASELOAD = Path(__file__).resolve().parent / "cases" / "caseload"
TEAM_A = CASELOAD / "team-a"  # CP-A, CP-B, CP-C: C's conference is overdue; all files valid
TODAY = ("--today", "2026-11-23")

# Every full name in the caseload's files: none may appear in any output.
FULL_NAMES = [
    "Amy Smith",
    "Ben Smith",
    "Kayla",
    "Leo Martin",
    "Mia Jones",
    "Noah Evans",
    "Ava Evans",
    "Zara Ali",
    "Smith",
    "Martin",
    "Jones",
    "Evans",
]


@pytest.fixture
def wide(monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")


def test_table_grouped_with_initials(cli, wide):
    result = cli("caseload", CASELOAD, *TODAY)
    out = result.stdout
    assert result.exit_code == 1  # overdue work wins over the one file that cannot be read
    for heading in (
        "Overdue (2)",
        "Due today (1)",
        "Due this week (4)",
        "Due next week (1)",
        "Later (7)",
    ):
        assert heading in out
    assert out.index("Overdue (2)") < out.index("Due today (1)") < out.index("Later (7)")
    assert "A.S., B.S." in out and "N.E., A.E." in out
    assert "Fri 20 Nov 2026" in out  # CP-C's conference deadline, as tables write dates
    assert "overdue by 1 working day" in out
    assert "Weeks run Monday to Sunday" in out
    assert "Could not read 1 case file" in out
    assert "cp-f-broken.yaml:5: conference: unknown key 'typ'" in out.replace("\n", "")
    assert "Traceback" not in out + result.stderr


@pytest.mark.parametrize(
    "fmt",
    [(), ("--json",), ("--csv",), ("--summary",), ("--summary", "--json"), ("--summary", "--csv")],
)
@pytest.mark.parametrize("columns", ["80", "120", "200"])
def test_no_full_names_anywhere(cli, monkeypatch, fmt, columns):
    monkeypatch.setenv("COLUMNS", columns)
    result = cli("caseload", CASELOAD, *TODAY, *fmt)
    assert result.stdout.strip()
    for name in FULL_NAMES:
        assert name not in result.stdout + result.stderr


def test_narrow_terminal_still_shows_every_row(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = cli("caseload", TEAM_A, *TODAY).stdout
    assert all(len(line) <= 80 for line in out.splitlines())
    assert out.count("CP-A ") == 3 and "CP-C" in out


def test_json_parsed_back(cli):
    result = cli("caseload", CASELOAD, *TODAY, "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)  # nothing but JSON on stdout
    assert data["today"] == "2026-11-23"
    assert data["files"] == 6 and data["cases"] == 5
    assert data["counts"] == {"overdue": 2, "today": 1, "this_week": 4, "next_week": 1, "later": 7}
    assert [(d["reference"], d["deadline"], d["due"]) for d in data["deadlines"][:3]] == [
        ("CP-D", "agency_reports", "2026-11-19"),
        ("CP-C", "conference", "2026-11-20"),
        ("CP-D", "exclusion_request", "2026-11-23"),
    ]
    initial = data["timeliness"][0]
    assert (initial["measure"], initial["counted"], initial["in_time"], initial["percent"]) == (
        "initial_conferences",
        2,
        1,
        50.0,
    )
    assert initial["missed"] == [
        {
            "reference": "CP-B",
            "children": "L.M.",
            "file": str(TEAM_A / "cp-b.yaml"),
            "due": "2026-11-09",
            "done": "2026-11-11",
            "working_days_late": 2,
        }
    ]
    [error] = data["errors"]
    assert error["file"].endswith("cp-f-broken.yaml")
    assert [p["line"] for p in error["problems"]] == [5]
    assert "could not be read" in result.stderr


def test_json_summary_has_only_timeliness(cli):
    data = json.loads(cli("caseload", TEAM_A, *TODAY, "--json", "--summary").stdout)
    assert "deadlines" not in data
    assert {m["measure"]: m["counted"] for m in data["timeliness"]} == {
        "initial_conferences": 2,
        "review_conferences": 0,
        "decision_letters": 2,
        "conference_records": 1,
    }
    assert data["timeliness"][1]["percent"] is None  # nothing to count: no percentage


def test_csv_parsed_back(cli):
    result = cli("caseload", CASELOAD, *TODAY, "--csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    deadlines = [r for r in rows if r["kind"] == "deadline"]
    errors = [r for r in rows if r["kind"] == "error"]
    assert len(deadlines) == 15 and len(errors) == 1  # with CP-B's next core group
    assert deadlines[1] == {
        "kind": "deadline",
        "reference": "CP-C",
        "children": "M.J.",
        "conference_type": "review",
        "deadline": "conference",
        "label": "Conference held",
        "due": "2026-11-20",
        "group": "overdue",
        "status": "overdue by 1 working day",
        "working_days": "-1",
        "owner_role": "coordinator",
        "owner": "Tessa Nolan",
        "file": str(TEAM_A / "cp-c.yaml"),
        "line": "",
        "error": "",
        "warning": "",
    }
    assert deadlines[0]["children"] == "N.E., A.E."  # quoted by the csv module, read back whole
    assert [e["line"] for e in errors] == ["5"]
    assert errors[0]["error"].startswith("conference: unknown key 'typ'")


def test_csv_summary(cli):
    rows = list(
        csv.DictReader(io.StringIO(cli("caseload", CASELOAD, *TODAY, "--csv", "--summary").stdout))
    )
    measures = {r["measure"]: r for r in rows if r["kind"] == "measure"}
    assert measures["decision_letters"]["counted"] == "3"
    assert measures["decision_letters"]["in_time"] == "2"
    assert measures["decision_letters"]["percent"] == "66.7"
    missed = [(r["measure"], r["reference"]) for r in rows if r["kind"] == "missed"]
    assert missed == [("initial_conferences", "CP-B"), ("decision_letters", "CP-B")]


def test_summary_shows_only_timeliness(cli, wide):
    out = " ".join(cli("caseload", TEAM_A, *TODAY, "--summary").stdout.split())
    assert "Timeliness" in out and "Overdue" not in out
    assert "Initial conferences held in time" in out and "50%" in out
    assert "CP-B L.M.: due Mon 9 Nov 2026, held Wed 11 Nov 2026 (2 working days late)" in out
    assert "78 to 81%" in out


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ((TEAM_A,), 1),  # CP-C is overdue
        ((TEAM_A, "--type", "initial"), 0),  # A and B: nothing overdue
        ((TEAM_A / "cp-a.yaml", TEAM_A / "cp-b.yaml"), 0),
        ((CASELOAD,), 1),  # overdue, and a file cannot be read: overdue wins
        ((CASELOAD / "team-b" / "cp-f-broken.yaml",), 2),  # cannot be read, nothing overdue
        ((CASELOAD, "--type", "initial"), 2),
        ((TEAM_A, "--json"), 1),
        ((TEAM_A, "--csv"), 1),
        ((TEAM_A, "--summary"), 1),
    ],
)
def test_exit_codes(cli, args, code):
    assert cli("caseload", *args, *TODAY).exit_code == code


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((TEAM_A, *TODAY, "--json", "--csv"), "not both"),
        (
            (TEAM_A, *TODAY, "--type", "case"),
            "'case' is not one of initial, review, pre-birth, transfer-in",
        ),
        ((TEAM_A, "--today", "11/23/2026"), "is not a UK date"),
        ((TEAM_A, *TODAY, "--within", "-1"), "--within"),
        ((CASELOAD / "nowhere", *TODAY), "no such file or folder"),
        ((), "Missing argument"),
    ],
)
def test_bad_usage_exits_2_without_a_traceback(cli, args, message):
    result = cli("caseload", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_an_empty_folder_is_bad_usage(cli, tmp_path):
    result = cli("caseload", tmp_path, *TODAY)
    assert result.exit_code == 2
    assert "no case files" in result.stderr


def test_filters_on_the_command_line(cli):
    data = json.loads(
        cli("caseload", CASELOAD, *TODAY, "--json", "--chair", "Helen", "--within", "4").stdout
    )
    assert {(d["reference"], d["deadline"]) for d in data["deadlines"]} == {
        ("CP-C", "conference"),
        ("CP-A", "first_core_group"),
    }
    assert data["filters"] == {"within": 4, "chair": "Helen", "social_worker": None, "type": None}
    data = json.loads(
        cli("caseload", CASELOAD, *TODAY, "--json", "--social-worker", "Sam Okoro").stdout
    )
    assert {d["reference"] for d in data["deadlines"]} == {"CP-D"}


def test_no_progress_bar_when_piped(cli, monkeypatch):
    from cpconf import service as core

    monkeypatch.setattr(core, "PROGRESS_FROM", 0)  # a bar for any number of files
    result = cli("caseload", TEAM_A, *TODAY)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Settings: none (no cpconf.yaml beside the case or above it)"
    ]


def test_duplicate_conference_is_warned_in_every_format(cli, tmp_path, monkeypatch):
    case = (CASELOAD / "team-a" / "cp-a.yaml").read_text()
    (tmp_path / "cp-a.yaml").write_text(case)
    (tmp_path / "cp-a-copy.yaml").write_text(case)
    monkeypatch.setenv("COLUMNS", "80")
    out = cli("caseload", tmp_path, *TODAY).stdout
    flat = " ".join(out.split())
    assert "1 case from 2 case files (1 duplicate left out: see the warnings)" in flat
    assert "Warnings" in out and "[duplicate_conference]" in flat
    assert "CP-A: the same initial conference is in 2 files" in flat
    data = json.loads(cli("caseload", tmp_path, *TODAY, "--json").stdout)
    [warning] = data["warnings"]
    assert warning["code"] == "duplicate_conference" and warning["reference"] == "CP-A"
    assert sorted(Path(f).name for f in warning["files"]) == ["cp-a-copy.yaml", "cp-a.yaml"]
    assert data["cases"] == 1
    summary = json.loads(cli("caseload", tmp_path, *TODAY, "--json", "--summary").stdout)
    assert summary["warnings"] == data["warnings"]
    rows = list(csv.DictReader(io.StringIO(cli("caseload", tmp_path, *TODAY, "--csv").stdout)))
    warned = [r for r in rows if r["kind"] == "warning"]
    assert sorted(Path(r["file"]).name for r in warned) == ["cp-a-copy.yaml", "cp-a.yaml"]
    assert all(r["reference"] == "CP-A" and "counted once" in r["warning"] for r in warned)
    deadlines = [r for r in rows if r["kind"] == "deadline"]
    assert len(deadlines) == len({r["deadline"] for r in deadlines})


def test_a_misspelt_type_gets_a_suggestion(cli):
    result = cli("caseload", TEAM_A, *TODAY, "--type", "reveiw")
    assert result.exit_code == 2
    assert "'reveiw' is not one of" in result.stderr and "did you mean 'review'?" in result.stderr


@pytest.mark.parametrize("fmt", [(), ("--json",), ("--csv",)])
def test_an_unreadable_file_shows_no_name_from_it(cli, write_case, wide, fmt):
    path = write_case("""\
        case: {reference: CP-N}
        conference: {type: initial, strategy_discussion: 2026-11-02}
        children: [{id: Amy Smith, name: Amy Smith, dob: 2019-03-14, subject: Amy Smith}]
    """)
    result = cli("caseload", path, *TODAY, *fmt)
    assert result.exit_code == 2
    out = " ".join(result.stdout.split())
    assert "Smith" not in out
    assert "is not a valid id" in out and "is not true or false" in out
    assert "case.yaml" in out


def test_a_file_begun_by_new_is_listed_as_not_ready(cli, wide, tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "cp-a.yaml").write_text((TEAM_A / "cp-a.yaml").read_text(encoding="utf-8"))
    made = cli("new", "initial", folder / "begun.yaml", "--strategy-discussion", "2026-11-16")
    assert made.exit_code == 0, made.stderr
    result = cli("caseload", folder, *TODAY)
    assert result.exit_code == 0, result.stdout + result.stderr
    out = " ".join(result.stdout.split())
    assert "1 case from 2 case files" in out and "1 not ready" in out
    assert "begun.yaml: not ready" in out and "[not_ready]" in out
    assert "Social Worker Example" not in out and "C.E." not in out
    data = json.loads(cli("caseload", folder, *TODAY, "--json").stdout)
    assert data["cases"] == 1
    assert {d["reference"] for d in data["deadlines"]} == {"CP-A"}
    assert [w["code"] for w in data["warnings"]] == ["not_ready"]
    rows = list(csv.DictReader(io.StringIO(cli("caseload", folder, *TODAY, "--csv").stdout)))
    [warning] = [r for r in rows if r["kind"] == "warning"]
    assert warning["file"] == str(folder / "begun.yaml")
    page = tmp_path / "page.html"
    assert cli("caseload", folder, *TODAY, "--html", page).exit_code == 0
    html = " ".join(page.read_text(encoding="utf-8").split())
    assert "1 case file still has values marked FILL IN and is not counted here." in html
    assert "hold the same conference" not in html  # not counted as a duplicate's warning


def test_the_page_counts_no_conference_booked_after_today(cli, write_case, tmp_path):
    case = write_case("""\
        case: {reference: CP-T}
        conference: {type: initial, strategy_discussion: 2026-12-01, date: 2027-01-06}
        children: [{id: amy, name: Amy Smith, dob: 2019-03-14}]
        professionals: [{id: sw, name: Jo Bloggs, agency: children_social_care}]
        outcome: {decisions: [{child: amy, plan: child-in-need}]}
    """)
    page = tmp_path / "page.html"
    result = cli("caseload", case, "--today", "2026-12-16", "--html", page)
    assert result.exit_code in (0, 1), result.stderr
    html = page.read_text(encoding="utf-8")
    assert "Jan 2027" not in html
