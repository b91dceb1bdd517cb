"""Council settings (cpconf.yaml, CONTRACT.md section 1): discovery, precedence, applying, errors."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest

import cpconf
from cpconf.errors import SettingsError
from cpconf.procedures import load_profile
from cpconf.settings import effective_settings, load_settings
from tests.conftest import SAMPLES

TODAY = dt.date(2026, 12, 1)
# 15 working days after 14 December 2026: 7 January 2027 with no closures (the acceptance
# case plan-christmas-initial), one working day later for each closure day after Christmas
CASE = """\
case:
  reference: CP-SET-1
{extra}conference:
  type: initial
  strategy_discussion: 2026-12-14
children:
  - id: amy
    name: Amy Smith
    dob: 2019-03-14
professionals:
  - id: sw
    name: Jo Bloggs
    agency: children_social_care
    contact_with: all
"""
COUNCIL = """\
local_authority: London Borough of Example
coordinator: {name: Pat Coordinator, email: cp@example.gov.uk, phone: 020 7946 0000}
chair: {name: Sam Chair, email: sam.chair@example.gov.uk}
closures: [2026-12-29, 2026-12-30]
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def case_at(folder: Path, extra: str = "", name: str = "case.yaml") -> Path:
    return write(folder / name, CASE.format(extra=extra))


def conference_due(path: Path, settings: object = None) -> dt.date:
    schedule = cpconf.open_case(path, settings).plan(TODAY)  # type: ignore[arg-type]
    deadline = schedule.deadline("conference")
    assert deadline is not None
    return deadline.due


def test_found_in_a_folder_above_the_case(tmp_path):
    settings = write(tmp_path / "cpconf.yaml", COUNCIL)
    case = case_at(tmp_path / "team-a" / "2026")
    conference = cpconf.open_case(case)
    assert conference.settings_path == settings
    assert conference.case.case.local_authority == "London Borough of Example"
    assert conference.case.conference.chair is not None
    assert conference.case.conference.chair.name == "Sam Chair"
    assert conference.case.conference.coordinator is not None
    assert conference.case.conference.coordinator.phone == "020 7946 0000"
    assert conference_due(case) == dt.date(2027, 1, 11)  # two closure days later


def test_the_nearest_settings_file_wins(tmp_path):
    write(tmp_path / "cpconf.yaml", COUNCIL)
    near = write(tmp_path / "team" / "cpconf.yaml", "local_authority: Team Council\n")
    case = case_at(tmp_path / "team")
    conference = cpconf.open_case(case)
    assert conference.settings_path == near
    assert conference.case.case.local_authority == "Team Council"
    assert conference_due(case) == dt.date(2027, 1, 7)  # the nearer file names no closures


def test_found_from_the_case_not_the_working_directory(tmp_path, monkeypatch):
    write(tmp_path / "council" / "cpconf.yaml", COUNCIL)
    case = case_at(tmp_path / "council" / "cases")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    write(elsewhere / "cpconf.yaml", "local_authority: Wrong Council\n")
    monkeypatch.chdir(elsewhere)
    relative = Path("..") / "council" / "cases" / "case.yaml"
    conference = cpconf.open_case(relative)
    assert conference.case.case.local_authority == "London Borough of Example"
    assert case.samefile(relative)


def test_none_found_means_none(tmp_path):
    case = case_at(tmp_path)
    conference = cpconf.open_case(case)
    assert conference.settings is None
    assert conference.plan(TODAY).to_json()["settings"] is None
    assert conference_due(case) == dt.date(2027, 1, 7)


def test_settings_given_win_over_the_ones_found(tmp_path):
    write(tmp_path / "cpconf.yaml", COUNCIL)
    other = write(tmp_path / "elsewhere" / "other.yaml", "local_authority: Other Council\n")
    case = case_at(tmp_path)
    assert cpconf.open_case(case, other).case.case.local_authority == "Other Council"
    loaded = load_settings(other)
    assert cpconf.open_case(case, loaded).settings_path == other
    assert conference_due(case, other) == dt.date(2027, 1, 7)


def test_the_cases_own_values_win(tmp_path):
    write(tmp_path / "cpconf.yaml", COUNCIL + "procedure: york\nregion: scotland\n")
    extra = "  local_authority: Own Council\n  procedure: hackney\n  region: england-and-wales\n"
    case = case_at(tmp_path, extra)
    text = case.read_text().replace(
        "  strategy_discussion", "  chair: {name: Own Chair}\n  strategy_discussion"
    )
    case.write_text(text)
    conference = cpconf.open_case(case)
    assert conference.case.case.local_authority == "Own Council"
    assert conference.profile.name == "hackney"
    assert conference.case.conference.chair is not None
    assert conference.case.conference.chair.name == "Own Chair"
    assert conference.calendar.region == "england-and-wales"
    # the council's coordinator still applies: the case names none
    assert conference.case.conference.coordinator is not None


def test_the_settings_procedure_and_region_apply_where_the_case_names_none(tmp_path):
    write(tmp_path / "cpconf.yaml", "procedure: york\nregion: scotland\n")
    conference = cpconf.open_case(case_at(tmp_path))
    assert conference.profile.name == "york"
    assert conference.plan(TODAY).procedure == "york"
    assert conference.calendar.region == "scotland"


def test_a_profile_file_named_by_the_settings_is_found_beside_them(tmp_path):
    write(
        tmp_path / "profiles" / "ours.yaml",
        "name: ours\ntitle: Ours\ndocument: Our procedures\nextends: london\n",
    )
    write(tmp_path / "cpconf.yaml", "procedure: profiles/ours.yaml\n")
    case = case_at(tmp_path / "cases")
    assert cpconf.open_case(case).profile.name == "ours"


def test_a_misspelt_procedure_in_the_settings_is_said_at_its_line(tmp_path):
    settings = write(tmp_path / "cpconf.yaml", "local_authority: X\nprocedure: yrok\n")
    with pytest.raises(cpconf.SettingsError) as caught:
        cpconf.open_case(case_at(tmp_path))
    problem = caught.value.problems[-1]
    assert (problem.file, problem.line) == (str(settings), 2)
    assert "did you mean 'york'" in problem.message


def refused(cli, settings) -> list[str]:
    """`cpconf settings` on a bad settings file: exit 2, and its error lines."""
    result = cli("settings", "--settings", settings)
    assert result.exit_code == 2
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def test_every_problem_of_a_settings_file_in_one_run(tmp_path, cli):
    """The profile and the templates folder named are checked with the keys, not after."""
    settings = write(
        tmp_path / "cpconf.yaml",
        "local_authority: X\nprocedure: londn\ncordinator: {name: Y}\n"
        "closures: [2026-13-01]\ntemplates: nowhere/\nalso: ours.yaml\n",
    )
    lines = refused(cli, settings)
    assert [line.split(":")[2] for line in lines] == ["2", "3", "4", "5", "6"], lines
    assert "did you mean 'london'" in lines[0]
    assert "no such folder" in lines[3]
    # cpconf new refuses too, writing nothing
    new = tmp_path / "n.yaml"
    result = cli(
        "new", "initial", new, "--strategy-discussion", "2026-12-14", "--settings", settings
    )
    assert result.exit_code == 2 and not new.exists()
    assert f"error: {settings}:2: procedure: no built-in procedure 'londn'" in result.stderr


def test_a_missing_profile_file_in_the_settings_is_said(tmp_path):
    write(tmp_path / "council" / "ours.yaml", "name: ours\nextends: london\n")
    write(tmp_path / "council" / "cpconf.yaml", "procedure: ours.yaml\n")
    assert load_settings(tmp_path / "council" / "cpconf.yaml").procedure == "ours.yaml"
    write(tmp_path / "other" / "cpconf.yaml", "procedure: theirs.yaml\n")
    with pytest.raises(cpconf.SettingsError, match="no such profile file: .*theirs.yaml"):
        load_settings(tmp_path / "other" / "cpconf.yaml")


def test_closure_days_add_up(tmp_path):
    write(
        tmp_path / "ours.yaml",
        "name: ours\ntitle: Ours\ndocument: Ours\nextends: london\nclosure_days: [2026-12-31]\n",
    )
    write(tmp_path / "cpconf.yaml", COUNCIL)
    case = case_at(tmp_path, "  procedure: ours.yaml\n")
    # 29 and 30 December from the settings, 31 December from the profile
    assert conference_due(case) == dt.date(2027, 1, 12)
    ranges = write(
        tmp_path / "r" / "cpconf.yaml", "closures: [{from: 2026-12-29, to: 2026-12-31}]\n"
    )
    assert conference_due(case_at(tmp_path / "r"), ranges) == dt.date(2027, 1, 12)


def test_local_values_override_the_profile(tmp_path):
    write(
        tmp_path / "cpconf.yaml",
        """\
        school_day_ends: 15:30
        conference_length_minutes: 90
        early_review_after: 20 working days
        child_views_from_age: 12
        young_child_under: 4
        reply_needed_working_days: 5
        report_chased_working_days: 4
        """,
    )
    conference = cpconf.open_case(case_at(tmp_path))
    profile = conference.profile
    assert profile.session.school_day_ends == dt.time(15, 30)
    assert profile.session.expected_length_minutes == 90
    assert profile.attendance.child_views_from_age == 12
    assert profile.attendance.young_child_under == 4
    assert profile.attendance.reply_needed_working_days == 5
    assert profile.attendance.report_chased_working_days == 4
    rows = {r.key: r for r in effective_settings(conference.settings, profile, conference.doc)}
    assert rows["report_chased_working_days"].value == "4"
    assert rows["report_chased_working_days"].source.endswith("cpconf.yaml:7")
    # the source says who set the value now, not "cpconf default"
    assert "set locally" in profile.attendance.child_views_source
    assert "cpconf default" not in profile.attendance.child_views_source
    assert profile.attendance.child_views_source.startswith("London CP4 4.3-4.18")
    early = profile.deadline("early_review")
    assert early is not None
    assert str(early.rules[0].duration) == "20 working days"
    assert early.rules[0].text == "20 working days after a conference held inquorate"
    assert early.rules[0].source.startswith("London CP4 3.12")
    # the built-in profile itself is untouched
    from cpconf.procedures import load_profile

    assert load_profile("london").attendance.child_views_from_age == 10


def test_the_early_review_counts_with_the_councils_interval(tmp_path):
    write(tmp_path / "cpconf.yaml", "early_review_after: 20 working days\n")
    case = case_at(tmp_path)
    text = case.read_text().replace(
        "  strategy_discussion: 2026-12-14\n",
        "  strategy_discussion: 2026-12-14\n  date: 2027-01-06\n"
        "  inquorate_decision: {reason: the police could not attend}\n",
    )
    case.write_text(text)
    early = cpconf.open_case(case).plan(TODAY).deadline("early_review")
    assert early is not None
    assert early.due == dt.date(2027, 2, 3)  # 20 working days after 6 January 2027


def test_effective_settings_say_where_each_value_came_from(tmp_path):
    settings = write(tmp_path / "cpconf.yaml", COUNCIL + "young_child_under: 4\n")
    case = case_at(tmp_path, "  local_authority: Own Council\n")
    conference = cpconf.open_case(case)
    rows = {
        r.key: r
        for r in effective_settings(conference.settings, conference.profile, conference.doc)
    }
    assert (rows["local_authority"].value, rows["local_authority"].source) == (
        "Own Council",
        f"{case}:3",
    )
    assert rows["chair"].source == f"{settings}:3"
    assert rows["closures"].value == "2026-12-29, 2026-12-30"
    assert rows["closures"].source == f"{settings}:4"
    assert rows["young_child_under"].source == f"{settings}:5"
    assert rows["child_views_from_age"].source == "profile london (local)"
    assert rows["procedure"].source == "default"
    assert rows["templates"].source.startswith("default")


# -- bad settings ------------------------------------------------------------------------


def test_an_unknown_key_is_named_with_its_line_and_a_suggestion(tmp_path):
    settings = write(tmp_path / "cpconf.yaml", "local_authority: X\nreport_email: a@b\n")
    with pytest.raises(SettingsError) as caught:
        cpconf.open_case(case_at(tmp_path))
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == (str(settings), 2)
    assert "unknown key 'report_email'" in problem.message
    assert "did you mean 'reports_email'?" in problem.message


def test_a_bad_date_is_one_problem_at_its_line(tmp_path):
    settings = write(tmp_path / "cpconf.yaml", "closures:\n  - 2026-12-29\n  - 2026-13-01\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(settings)
    [problem] = caught.value.problems
    assert problem.line == 3
    assert "closures[1]" in problem.message and "not a real date" in problem.message


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("- a list\n", "a settings file is a mapping"),
        ("early_review_after: a while\n", "early_review_after"),
        ("conference_length_minutes: 0\n", "conference_length_minutes"),
        ("templates: no-such-folder\n", "no such folder"),
        ("coordinator: {nme: Pat}\n", "did you mean 'name'"),
        ("region: wales\n", "is not one of"),
        ("a: 1\na: 2\n", "duplicate key"),
        ("local_authority: [unclosed\n", "YAML syntax error"),
    ],
)
def test_bad_settings_are_a_settings_error(tmp_path, text, wanted):
    write(tmp_path / "cpconf.yaml", text)
    with pytest.raises(SettingsError) as caught:
        cpconf.open_case(case_at(tmp_path))
    assert all(p.file == str(tmp_path / "cpconf.yaml") for p in caught.value.problems)
    assert wanted in str(caught.value)


def test_the_same_safe_loader_and_limits_as_a_case_file(tmp_path):
    from cpconf.yamlload import MAX_BYTES

    big = tmp_path / "cpconf.yaml"
    big.write_text("complaints: " + "x" * (MAX_BYTES + 1) + "\n")
    with pytest.raises(SettingsError, match="larger than"):
        load_settings(big)
    write(big, "school_day_ends: 15:30\nclosures: [2026-12-29]\n")
    settings = load_settings(big)  # 15:30 is a time, not the number 930
    assert settings.school_day_ends == dt.time(15, 30)


def test_the_council_templates_are_relative_to_the_settings_file(tmp_path):
    (tmp_path / "council" / "templates").mkdir(parents=True)
    settings = load_settings(write(tmp_path / "council" / "cpconf.yaml", "templates: templates\n"))
    assert settings.templates_dir() == tmp_path / "council" / "templates"


# -- caseload ----------------------------------------------------------------------------


def test_caseload_reads_each_case_with_its_own_settings(tmp_path):
    write(tmp_path / "a" / "cpconf.yaml", COUNCIL)
    case_at(tmp_path / "a", name="one.yaml")
    case_at(tmp_path / "a" / "sub", name="two.yaml")
    case_at(tmp_path / "b", name="three.yaml").write_text(
        CASE.format(extra="").replace("CP-SET-1", "CP-SET-3")
    )
    (tmp_path / "a" / "sub" / "two.yaml").write_text(
        CASE.format(extra="").replace("CP-SET-1", "CP-SET-2")
    )
    result = cpconf.caseload([tmp_path], today=TODAY)
    due = {d.reference: d.due for d in result.deadlines if d.deadline == "conference"}
    assert due == {
        "CP-SET-1": dt.date(2027, 1, 11),
        "CP-SET-2": dt.date(2027, 1, 11),
        "CP-SET-3": dt.date(2027, 1, 7),  # no settings above folder b
    }
    assert result.to_json()["settings"] == [str(tmp_path / "a" / "cpconf.yaml")]


def test_caseload_with_one_settings_file_for_all(tmp_path):
    settings = write(tmp_path / "council.yaml", COUNCIL)
    case_at(tmp_path / "b")
    result = cpconf.caseload([tmp_path / "b"], today=TODAY, settings=settings)
    assert [d.due for d in result.deadlines if d.deadline == "conference"] == [dt.date(2027, 1, 11)]
    bad = write(tmp_path / "bad.yaml", "colsures: []\n")
    with pytest.raises(SettingsError):
        cpconf.caseload([tmp_path / "b"], today=TODAY, settings=bad)


def test_a_bad_settings_file_is_each_of_its_cases_error(tmp_path):
    write(tmp_path / "cpconf.yaml", "colsures: []\n")
    shutil.copy(SAMPLES / "initial.yaml", tmp_path / "initial.yaml")
    result = cpconf.caseload([tmp_path], today=TODAY)
    assert result.files == 1  # the settings file is not read as a case file
    [error] = result.errors
    assert error.path == str(tmp_path / "initial.yaml")
    assert error.problems[0].file == str(tmp_path / "cpconf.yaml")
    assert "unknown key 'colsures'; did you mean 'closures'?" in error.problems[0].message


def test_closure_ranges_are_shown_as_ranges_and_given_as_data(tmp_path):
    settings = write(
        tmp_path / "cpconf.yaml",
        "closures: [2026-12-24, {from: 2026-12-29, to: 2026-12-31, reason: Christmas}]\n",
    )
    rows = {r.key: r for r in effective_settings(load_settings(settings), load_profile("london"))}
    assert rows["closures"].value == "2026-12-24, 2026-12-29 to 2026-12-31"
    assert rows["closures"].data == [
        "2026-12-24",
        {"from": "2026-12-29", "to": "2026-12-31", "reason": "Christmas"},
    ]


def test_any_local_value_of_the_procedure_is_set_once_for_the_council(tmp_path):
    """CONTRACT.md section 3: a value the profile marks local, the council may change."""
    write(
        tmp_path / "cpconf.yaml",
        "procedure: hackney\nlocal:\n  deadlines.agency_reports_to_inbox: 5 working days\n"
        "  quorum.exception_when_fewer_known: false\n  attendance.child_views_from_age: 12\n",
    )
    conference = cpconf.open_case(case_at(tmp_path))
    profile = conference.profile
    assert profile.quorum.exception_when_fewer_known is False
    inbox = profile.deadline("agency_reports_to_inbox")
    assert inbox is not None and str(inbox.rules[0].duration) == "5 working days"
    rows = {r.key: r for r in effective_settings(conference.settings, profile, conference.doc)}
    assert rows["local.quorum.exception_when_fewer_known"].data is False
    assert rows["local.quorum.exception_when_fewer_known"].value == "false"  # as YAML says it
    # each at its own line, and a value with a key of its own says where it was set
    assert rows["local.quorum.exception_when_fewer_known"].source.endswith("cpconf.yaml:4")
    assert rows["child_views_from_age"].value == "12"
    assert rows["child_views_from_age"].source.endswith("cpconf.yaml:5")
    assert profile.attendance.child_views_from_age == 12


def test_a_value_the_procedure_states_is_not_the_councils_to_set(tmp_path):
    settings = write(
        tmp_path / "cpconf.yaml",
        "local:\n  quorum.other_agencies: 1\n  deadlines.decision_letter: 2 working days\n",
    )
    with pytest.raises(SettingsError) as caught:
        cpconf.open_case(case_at(tmp_path))
    found = [(p.file, p.line) for p in caught.value.problems]
    assert found == [(str(settings), 2), (str(settings), 3)]
    messages = [p.message for p in caught.value.problems]
    assert messages[0].startswith("local.quorum.other_agencies: the london procedure states")
    assert "states this deadline (London CP4 14.13); only local ones" in messages[1]


def test_a_misspelt_local_value_gets_did_you_mean_at_its_line(tmp_path):
    settings = write(
        tmp_path / "cpconf.yaml",
        "local:\n  deadlines.first_core_grup: 15 working days\n  sesion.school_day_ends: '15:00'\n",
    )
    with pytest.raises(SettingsError) as caught:
        cpconf.open_case(case_at(tmp_path))
    found = [(p.line, p.message) for p in caught.value.problems]
    assert found[0][0] == 2 and "did you mean 'first_core_group'?" in found[0][1]
    assert found[1][0] == 3 and "did you mean 'session'?" in found[1][1]
    assert all(p.file == str(settings) for p in caught.value.problems)


def test_a_refused_local_value_is_said_with_the_other_problems_in_one_run(tmp_path, cli):
    settings = write(
        tmp_path / "cpconf.yaml",
        "procedure: london\nreports_emial: x@example.gov.uk\n"
        "local:\n  deadlines.agency_reports: 3 working days\n",
    )
    lines = refused(cli, settings)
    assert [line.split(":")[2] for line in lines] == ["2", "4"], lines
    assert "did you mean 'reports_email'" in lines[0]
    assert "states this deadline (London CP4 7.9)" in lines[1]


def test_settings_shows_the_value_in_force_when_set_both_ways(tmp_path):
    """`local:` is applied last: it is the value the profile runs on, and the one shown."""
    write(
        tmp_path / "cpconf.yaml",
        "child_views_from_age: 11\nlocal:\n  attendance.child_views_from_age: 12\n",
    )
    conference = cpconf.open_case(case_at(tmp_path))
    assert conference.profile.attendance.child_views_from_age == 12
    rows = {r.key: r for r in effective_settings(conference.settings, conference.profile)}
    assert rows["child_views_from_age"].value == "12"
    assert rows["child_views_from_age"].source.endswith("cpconf.yaml:3")
