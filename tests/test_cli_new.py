"""`cpconf new TYPE FILE`: a case file to start from, that plan reads at once and that
check-quorum and letters refuse with one list of what is still to fill in."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

import cpconf
from cpconf.case import CONFERENCE_TYPES
from tests.test_settings import COUNCIL, write

TODAY = ("--today", "2026-11-10")
DATES = {
    "initial": ("--strategy-discussion", "2026-11-02", "strategy_discussion"),
    "review": ("--previous-conference", "2026-08-10", "previous_conference"),
    "transfer-in": ("--transfer-notification", "20/10/2026", "transfer_notification"),
    "pre-birth": ("--due-date", "2027-03-01", "due_date"),
}


@pytest.mark.parametrize("kind", CONFERENCE_TYPES)
def test_new_then_plan_works_and_letters_refuse(cli, tmp_path, kind):
    option, value, key = DATES[kind]
    path = tmp_path / f"{kind}.yaml"
    extra = ("--previous-type", "initial") if kind == "review" else ()
    result = cli("new", kind, path, "--reference", "CP-NEW-1", option, value, *extra, *TODAY)
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=cpconf.schema.json\n")
    for section in ("case:", "conference:", "children:", "family:", "professionals:", "# outcome:"):
        assert f"\n{section}" in text
    # the dates given are written, and the plan counts from them
    conference = cpconf.open_case(path)
    assert conference.case.case.reference == "CP-NEW-1"
    assert conference.case.conference.type == kind
    assert getattr(conference.case.conference, key).isoformat() in (value, "2026-10-20")
    plan = cli("plan", path, "--json", *TODAY)
    assert plan.exit_code == 0, plan.stderr
    assert json.loads(plan.stdout)["deadlines"]["conference"]["due"]
    # letters and check-quorum: one list of what is still to fill in, with the lines
    marked = [n for n, line in enumerate(text.splitlines(), 1) if "# FILL IN:" in line]
    assert marked
    for args in (("letters", path, "--out", tmp_path / "out"), ("check-quorum", path)):
        refused = cli(*args, *TODAY)
        assert refused.exit_code == 2
        said, *errors = refused.stderr.splitlines()
        assert said.startswith("Settings: ")  # which settings, also when refused
        assert errors[0] == (
            f"error: {path}: {len(marked)} value(s) still to fill in, on the lines marked "
            "'# FILL IN': replace each example, then delete its mark"
        )
        fill_in = [e for e in errors[1:] if "still to fill in: " in e]
        assert [int(e.split(":")[2]) for e in fill_in] == marked
        # and, in the same run, what else the command cannot do without
        others = [e for e in errors[1:] if e not in fill_in]
        if args[0] == "letters":
            conference = text.splitlines().index("conference:") + 1
            assert others == [
                f"error: {path}:{conference}: conference.date: no conference date is booked; "
                "book one before writing letters."
            ]
        else:
            assert others == []
    assert not (tmp_path / "out").exists()


def test_filled_in_it_reads_as_any_case(cli, tmp_path):
    path = tmp_path / "case.yaml"
    assert cli("new", "initial", path, "--strategy-discussion", "2026-11-02", *TODAY).exit_code == 0
    # the coordinator keeps the examples (as if typed in), deletes the marks, books a date
    lines = [line.split("# FILL IN")[0].rstrip() for line in path.read_text().splitlines()]
    text = "\n".join(lines) + "\n"
    path.write_text(text.replace("  # date: 2026-11-16", "  date: 2026-11-16"))
    result = cli("letters", path, "--out", tmp_path / "out", "--json", *TODAY)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["documents"]


def test_missing_dates_are_examples_to_fill_in(cli, tmp_path):
    path = tmp_path / "case.yaml"
    assert cli("new", "review", path, *TODAY).exit_code == 0
    text = path.read_text()
    assert "previous_conference: 2026-11-10" in text  # --today, marked
    assert [line for line in text.splitlines() if "previous_conference" in line][0].count(
        "# FILL IN"
    ) == 1
    assert "reference: CP-0000-0000" in text
    assert cli("plan", path, "--json", *TODAY).exit_code == 0


def test_the_councils_settings_apply_and_are_said(cli, tmp_path):
    write(tmp_path / "cpconf.yaml", COUNCIL + "procedure: york\n")
    (tmp_path / "cases").mkdir()
    path = tmp_path / "cases" / "case.yaml"
    result = cli("new", "initial", path, "--strategy-discussion", "2026-12-14", *TODAY)
    assert result.exit_code == 0, result.stderr
    assert f"Settings: {tmp_path / 'cpconf.yaml'}" in result.stderr
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../cpconf.schema.json\n")
    assert "# local_authority: London Borough of Example" in text
    assert "local_authority: Example Council" not in text  # nothing to fill in: the council's
    assert "# chair: Sam Chair" in text
    conference = cpconf.open_case(path)
    assert conference.profile.name == "york"
    assert conference.case.case.local_authority == "London Borough of Example"
    due = json.loads(cli("plan", path, "--json", *TODAY).stdout)["deadlines"]["conference"]
    assert due["due"] == "2027-01-11"  # the council's closure days count


def test_procedure_option_is_written_and_checked(cli, tmp_path):
    path = tmp_path / "case.yaml"
    assert cli("new", "initial", path, "--procedure", "hackney", *TODAY).exit_code == 0
    assert cpconf.open_case(path).profile.name == "hackney"
    bad = cli("new", "initial", tmp_path / "b.yaml", "--procedure", "hakney", *TODAY)
    assert bad.exit_code == 2
    assert bad.stderr.startswith("error: --procedure: no built-in procedure 'hakney'")
    assert "did you mean 'hackney'" in bad.stderr
    assert not (tmp_path / "b.yaml").exists()


def test_no_overwrite_without_force(cli, tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text("mine\n")
    result = cli("new", "initial", path, *TODAY)
    assert result.exit_code == 2
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert path.read_text() == "mine\n"
    assert cli("new", "initial", path, "--force", *TODAY).exit_code == 0
    assert path.read_text().startswith("# yaml-language-server")
    assert [p.name for p in tmp_path.iterdir()] == ["case.yaml"]  # no temporary file left


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("new", "inital"),
            "'inital' is not one of initial, review, pre-birth, transfer-in; did you mean 'initial'?",
        ),
        (
            ("new", "initial", "--due-date", "2027-03-01"),
            "conference.due_date: belongs to pre-birth or review conferences, not to an initial one",
        ),
        (("new", "review", "--previous-type", "intial"), "did you mean 'initial'?"),
        (
            ("new", "initial", "--previous-type", "initial"),
            "conference.previous_type: belongs to review conferences",
        ),
        (("new", "initial", "--strategy-discussion", "2026-13-01"), "--strategy-discussion:"),
    ],
)
def test_bad_options_are_bad_input(cli, tmp_path, args, message):
    result = cli(*args[:2], tmp_path / "c.yaml", *args[2:], *TODAY)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "c.yaml").exists()


def test_a_pre_birth_case_may_be_begun_with_its_strategy_discussion(cli, tmp_path):
    # the case model takes a strategy discussion for a pre-birth conference: so does `new`
    path = tmp_path / "baby.yaml"
    result = cli(
        "new", "pre-birth", path, "--strategy-discussion", "2026-11-02",
        "--due-date", "2027-03-01", *TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    from cpconf.yamlload import load_yaml

    conference = load_yaml(path).data["conference"]
    assert conference["strategy_discussion"] == "2026-11-02"
    assert conference["due_date"] == "2027-03-01"
    plan = cli("plan", path, "--json", *TODAY)
    assert plan.exit_code == 0, plan.stderr


def test_the_folders_of_a_new_case_are_made(cli, tmp_path):
    """The README's quick start names cases/… in a council folder that has none yet."""
    path = tmp_path / "cases" / "2026" / "case.yaml"
    result = cli("new", "initial", path, "--strategy-discussion", "2026-12-14", *TODAY)
    assert result.exit_code == 0, result.stderr
    assert cpconf.open_case(path).case.conference.type == "initial"


def test_folders_made_for_a_file_not_written_are_removed(tmp_path, monkeypatch):
    import cpconf.files

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cpconf.files, "temp_file", fail)
    target = tmp_path / "cases" / "2026" / "case.yaml"
    with pytest.raises(cpconf.OutputError, match="No space left"):
        cpconf.files.write_new(target, b"x", make_folder=True)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("kind", "option", "given"),
    [
        ("initial", "--strategy-discussion", "2026-12-14"),
        ("review", "--previous-conference", "2026-12-14"),
        ("pre-birth", "--due-date", "2027-03-01"),
        ("transfer-in", "--transfer-notification", "2026-12-14"),
        ("pre-birth", "--due-date", "2027-01-20"),
    ],
)
def test_the_examples_to_copy_follow_the_dates_given(cli, tmp_path, kind, option, given):
    """A commented example date before the strategy discussion would be copied in wrong."""
    path = tmp_path / "case.yaml"
    extra = ("--previous-type", "initial") if kind == "review" else ()
    if kind == "pre-birth":  # and a strategy discussion late in the pregnancy
        extra = ("--strategy-discussion", "2026-11-20")
    assert cli("new", kind, path, option, given, *extra, *TODAY).exit_code == 0
    text = path.read_text(encoding="utf-8")
    booked = re.search(r"# date: (\d{4}-\d\d-\d\d)", text)
    assert booked is not None
    day = dt.date.fromisoformat(booked.group(1))
    if kind == "pre-birth":
        assert day > dt.date(2026, 11, 20)  # after the strategy discussion given
    expires = re.search(r"# emergency_protection_order_expires: (\S+)", text)
    if expires:  # an example EPO does not make the example booking late (London CP4 1.8)
        assert day < dt.date.fromisoformat(expires.group(1))
    if kind == "pre-birth":  # held before the due date (London CP4 1.16)
        assert day < dt.date.fromisoformat(given)
    else:
        assert day > dt.date.fromisoformat(given)
    assert day.weekday() < 5
