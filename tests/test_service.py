"""The caseload core: which deadlines are open, how they are grouped, and timeliness.

The caseload in tests/cases/caseload/, counted by hand for --today Mon 23 Nov 2026
(London profile, England and Wales; no bank holidays in Oct-Dec 2026 before 25 Dec).
This week is Mon 23 - Sun 29 Nov; next week Mon 30 Nov - Sun 6 Dec.

CP-A initial, strategy discussion Mon 26 Oct: conference due 15 wd later = Mon 16 Nov;
     held Fri 13 Nov (in time). Letter due Mon 16 Nov, sent Mon 16 Nov (in time).
     Open: first core group (10 wd after 13 Nov) Fri 27 Nov; record (20 wd) Fri 11 Dec;
     next review (3 months: Sat 13 Feb -> previous working day) Fri 12 Feb 2027.
     Reports before 13 Nov: the conference has been held, so not listed.
CP-B initial, strategy discussion Mon 19 Oct: due Mon 9 Nov; held Wed 11 Nov (2 wd late).
     Letter due Thu 12 Nov, sent Mon 16 Nov (Fri 13, Mon 16: 2 wd late).
     Core group done; record done Fri 20 Nov (due Wed 9 Dec: in time).
     Open: last day for amendments (1 week after 20 Nov) Fri 27 Nov; next review Thu 11 Feb.
CP-C review after a review, previous Wed 20 May: due Fri 20 Nov; not booked: overdue by 1 wd.
     Its reports are counted from the deadline (no date booked) and have passed: not listed
     (the conference is what to chase); the exclusion cut-off has closed.
CP-D review after an initial, previous Thu 27 Aug: due Fri 27 Nov; booked Thu 26 Nov.
     Reports due 5 wd before 26 Nov = Thu 19 Nov: two done, agency reports overdue by 2 wd.
     Last day for exclusion requests (3 wd before) Mon 23 Nov: today.
     Open also: conference Fri 27 Nov, letter Fri 27 Nov, record (20 wd) Thu 24 Dec,
     next review (6 months) Wed 26 May 2027.
CP-E review after a review, previous Wed 6 May: due Fri 6 Nov; held Thu 5 Nov (in time).
     Letter due Fri 6 Nov, sent Fri 6 Nov (in time). Open: record (20 wd after 5 Nov)
     Thu 3 Dec (next week, 8 wd away); next review Wed 5 May 2027.
cp-f-broken.yaml: `typ:` for `type:` (line 5: said once, as the unknown key). .archive/ is hidden; notes.txt is not YAML.

Timeliness: initial 1 of 2 in time (B missed); review 1 of 1 (E; C and D not held yet);
letters 2 of 3 (B missed); records 1 of 1 (B).
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpconf import service as core
from cpconf.conference import open_case
from cpconf.errors import CaseError, Problem
from cpconf.schedule import build_schedule
from cpconf.service import Filters, build_caseload, find_case_files, initials
from cpconf.workdays import WorkingCalendar

CASELOAD = Path(__file__).resolve().parent / "cases" / "caseload"
TODAY = dt.date(2026, 11, 23)
D = dt.date


def rows(load: core.Caseload) -> list[tuple[str, str, str, dt.date]]:
    return [(d.group, d.reference, d.deadline, d.due) for d in load.deadlines]


@pytest.fixture(scope="module")
def load() -> core.Caseload:
    return build_caseload([CASELOAD], TODAY, jobs=1)


def test_open_deadlines_grouped_and_soonest_first(load):
    assert rows(load) == [
        ("overdue", "CP-D", "agency_reports", D(2026, 11, 19)),
        ("overdue", "CP-C", "conference", D(2026, 11, 20)),
        ("today", "CP-D", "exclusion_request", D(2026, 11, 23)),
        ("this_week", "CP-A", "first_core_group", D(2026, 11, 27)),
        ("this_week", "CP-B", "record_amendments", D(2026, 11, 27)),
        ("this_week", "CP-D", "conference", D(2026, 11, 27)),
        ("this_week", "CP-D", "decision_letter", D(2026, 11, 27)),
        ("next_week", "CP-E", "conference_record", D(2026, 12, 3)),
        ("later", "CP-A", "conference_record", D(2026, 12, 11)),
        ("later", "CP-B", "next_core_group", D(2026, 12, 18)),  # London: local, monthly
        ("later", "CP-D", "conference_record", D(2026, 12, 24)),
        ("later", "CP-B", "next_review", D(2027, 2, 11)),
        ("later", "CP-A", "next_review", D(2027, 2, 12)),
        ("later", "CP-E", "next_review", D(2027, 5, 5)),
        ("later", "CP-D", "next_review", D(2027, 5, 26)),
    ]
    assert load.counts() == {"overdue": 2, "today": 1, "this_week": 4, "next_week": 1, "later": 7}
    assert load.files == 6 and load.cases == 5


def test_working_days_and_status(load):
    by = {(d.reference, d.deadline): d for d in load.deadlines}
    assert by["CP-D", "agency_reports"].working_days == -2
    assert by["CP-D", "agency_reports"].status == "overdue by 2 working days"
    assert by["CP-C", "conference"].working_days == -1
    assert by["CP-E", "conference_record"].working_days == 8
    assert by["CP-D", "conference"].status.startswith("booked for Thu 26 Nov 2026")


def test_owners_resolved_to_people(load):
    by = {(d.reference, d.deadline): d for d in load.deadlines}
    assert by["CP-D", "decision_letter"].owner == "David Lindqvist"  # chair
    assert by["CP-C", "conference"].owner == "Tessa Nolan"  # coordinator
    assert by["CP-A", "first_core_group"].owner == "Jo Bloggs"  # lead social worker
    # two in children's social care: the social worker, not the team manager
    assert by["CP-D", "conference"].owner == "Marcus Webb"
    assert by["CP-D", "agency_reports"].owner is None
    assert by["CP-D", "agency_reports"].owner_text == "each agency"
    assert by["CP-B", "record_amendments"].owner is None  # CP-B names no coordinator
    assert by["CP-E", "conference_record"].owner_text == "Rebecca Osei (chair)"


def test_social_worker_is_not_the_team_manager():
    load = build_caseload(
        [CASELOAD / "team-b" / "cp-d.yaml"], TODAY, Filters(social_worker="okoro"), jobs=1
    )
    assert load.cases == 1
    assert (
        build_caseload(
            [CASELOAD / "team-b" / "cp-d.yaml"], TODAY, Filters(social_worker="Alex Price"), jobs=1
        ).cases
        == 0
    )


def test_the_social_worker_is_the_one_the_letters_name(write_case):
    """Case.social_worker: a team manager listed first is not the social worker; the lead is."""
    path = write_case("""\
        case: {reference: CP-S}
        conference: {type: initial, strategy_discussion: 2026-11-16, date: 2026-12-04}
        children: [{id: amy, name: Amy Smith, dob: 2019-03-14}]
        professionals:
          - {id: tm, name: Alex Price, role: Team manager, agency: children_social_care}
          - {id: sw, name: Jo Bloggs, role: Social worker, agency: children_social_care}
    """)
    owners = {d.deadline: d.owner for d in build_caseload([path], TODAY, jobs=1).deadlines}
    assert owners["social_worker_report_to_parents"] == "Jo Bloggs"
    text = path.read_text().replace("date: 2026-12-04}", "date: 2026-11-20}")
    path.write_text(
        text + "outcome:\n  decisions: [{child: amy, plan: child-protection, category: neglect}]\n"
        "  lead_social_worker: tm\n"
    )
    owners = {d.deadline: d.owner for d in build_caseload([path], TODAY, jobs=1).deadlines}
    assert owners["first_core_group"] == "Alex Price"


def test_children_by_initials_only(load):
    by = {d.reference: d.children for d in load.deadlines}
    # Kayla is not a subject child: not listed
    assert by == {
        "CP-A": "A.S., B.S.",
        "CP-B": "L.M.",
        "CP-C": "M.J.",
        "CP-D": "N.E., A.E.",
        "CP-E": "Z.A.",
    }


def test_an_unborn_baby_is_not_named_by_its_mother(write_case):
    path = write_case("""\
        case: {reference: CP-U}
        conference: {type: pre-birth, due_date: 2027-03-01}
        children:
          - {id: baby, name: Unborn baby of Chloe Barnes, unborn: true}
          - {id: noah, name: Noah Barnes, dob: 2020-02-02}
    """)
    load = build_caseload([path], TODAY, jobs=1)
    assert {d.children for d in load.deadlines} == {"unborn baby, N.B."}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Amy Smith", "A.S."),
        ("Kayla Smith-Owusu", "K.S-O."),
        ("Siobhan O'Brien", "S.O."),
        ("  baby   jones ", "B.J."),
        ("Zoë", "Z."),
        ("", "?"),
    ],
)
def test_initials(name, expected):
    assert initials(name) == expected


def test_timeliness_counted_by_hand(load):
    got = {m.id: (m.counted, m.in_time, m.percent) for m in load.timeliness}
    assert got == {
        "initial_conferences": (2, 1, 50.0),
        "review_conferences": (1, 1, 100.0),
        "decision_letters": (3, 2, 66.7),
        "conference_records": (1, 1, 100.0),
    }
    missed = {
        m.id: [(x.reference, x.due, x.done, x.working_days_late) for x in m.missed]
        for m in load.timeliness
    }
    assert missed["initial_conferences"] == [("CP-B", D(2026, 11, 9), D(2026, 11, 11), 2)]
    assert missed["decision_letters"] == [("CP-B", D(2026, 11, 12), D(2026, 11, 16), 2)]
    assert missed["review_conferences"] == [] and missed["conference_records"] == []


def test_a_conference_with_its_outcome_recorded_counts_as_held(write_case):
    """Booked for today and its outcome recorded: held, and in time."""
    path = write_case("""\
        case: {reference: CP-T}
        conference: {type: initial, strategy_discussion: 2026-11-02, date: 2026-11-23}
        children: [{id: amy, name: Amy Smith, dob: 2019-03-14}]
        professionals: [{id: sw, name: Jo Bloggs, agency: children_social_care}]
        outcome: {decisions: [{child: amy, plan: child-in-need}]}
    """)
    load = build_caseload([path], TODAY, jobs=1)
    assert load.timeliness[0].counted == 1 and load.timeliness[0].in_time == 1
    # without the outcome, a conference today is not yet held
    path.write_text(path.read_text().replace("outcome:", "#outcome:"))
    assert build_caseload([path], TODAY, jobs=1).timeliness[0].counted == 0


def test_a_conference_booked_after_today_is_not_held_whatever_the_outcome_says(write_case):
    """An outcome typed in early: the conference is not held until its date has come."""
    path = write_case("""\
        case: {reference: CP-T}
        conference: {type: initial, strategy_discussion: 2026-11-02, date: 2026-11-24}
        children: [{id: amy, name: Amy Smith, dob: 2019-03-14}]
        professionals: [{id: sw, name: Jo Bloggs, agency: children_social_care}]
        outcome: {decisions: [{child: amy, plan: child-in-need}]}
    """)
    assert build_caseload([path], TODAY, jobs=1).timeliness[0].counted == 0
    held = build_caseload([path], TODAY + dt.timedelta(days=1), jobs=1)
    assert held.timeliness[0].counted == 1


def test_a_file_still_to_fill_in_is_not_ready_and_not_counted(tmp_path):
    from cpconf.starter import new_case_text

    (tmp_path / "new.yaml").write_text(
        new_case_text("initial", example_day=TODAY, dates={"strategy_discussion": TODAY}),
        encoding="utf-8",
    )
    (tmp_path / "real.yaml").write_text(
        (CASELOAD / "team-a" / "cp-a.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    load = build_caseload([tmp_path], TODAY, jobs=1)
    assert load.files == 2 and load.cases == 1 and not load.errors
    assert {d.reference for d in load.deadlines} == {"CP-A"}
    [warning] = load.warnings
    assert warning.code == "not_ready" and warning.files == (str(tmp_path / "new.yaml"),)
    assert "FILL IN" in warning.message and load.not_ready == 1
    assert sum(m.counted for m in load.timeliness) == sum(
        m.counted for m in build_caseload([tmp_path / "real.yaml"], TODAY, jobs=1).timeliness
    )


def test_an_unreadable_file_is_reported_and_the_rest_still_run(load):
    assert [e.path for e in load.errors] == [str(CASELOAD / "team-b" / "cp-f-broken.yaml")]
    problems = load.errors[0].problems
    assert [p.line for p in problems] == [5]  # not also "conference.type: required"
    assert "unknown key 'typ'; did you mean 'type'?" in problems[0].message
    assert load.cases == 5


def test_a_fault_in_one_file_does_not_stop_the_others(monkeypatch):
    import cpconf.schedule as schedule

    real = schedule.build_schedule

    def faulty(case, *args):
        if case.case.reference == "CP-C":
            raise ZeroDivisionError("division by zero")
        return real(case, *args)

    monkeypatch.setattr(schedule, "build_schedule", faulty)
    load = build_caseload([CASELOAD / "team-a"], TODAY, jobs=1)
    assert load.cases == 2
    [error] = load.errors
    assert error.path.endswith("cp-c.yaml")
    assert "ZeroDivisionError: division by zero" in error.problems[0].message


def test_hidden_folders_and_other_files_are_skipped():
    names = [p.name for p in find_case_files([CASELOAD])]
    assert names == [
        "cp-a.yaml",
        "cp-b.yaml",
        "cp-c.yaml",
        "cp-d.yaml",
        "cp-e.yaml",
        "cp-f-broken.yaml",
    ]


def test_files_named_are_read_whatever_their_name_and_only_once(tmp_path):
    odd = tmp_path / "case.txt"
    odd.write_text("x: 1\n")
    found = find_case_files([odd, CASELOAD / "team-a", CASELOAD / "team-a" / "cp-a.yaml"])
    assert found[0] == odd
    assert [p.name for p in found[1:]] == ["cp-a.yaml", "cp-b.yaml", "cp-c.yaml"]


def test_a_path_that_does_not_exist_is_bad_usage(tmp_path):
    with pytest.raises(CaseError) as err:
        find_case_files([CASELOAD, tmp_path / "nowhere"])
    assert "no such file or folder" in str(err.value)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(chair="helen"), {"CP-A", "CP-C"}),
        (Filters(chair="Helen  CARTER"), {"CP-A", "CP-C"}),
        (Filters(social_worker="jo bloggs"), {"CP-A", "CP-E"}),
        (Filters(type="review"), {"CP-C", "CP-D", "CP-E"}),
        (Filters(type="initial", chair="osei"), {"CP-B"}),
        (Filters(chair="nobody"), set()),
    ],
)
def test_filters_choose_cases(filters, expected):
    load = build_caseload([CASELOAD], TODAY, filters, jobs=1)
    assert {d.reference for d in load.deadlines} == expected
    assert load.cases == len(expected)


def test_filters_apply_to_timeliness_too():
    load = build_caseload([CASELOAD], TODAY, Filters(chair="helen"), jobs=1)
    got = {m.id: (m.counted, m.in_time) for m in load.timeliness}
    assert got["initial_conferences"] == (1, 1)  # CP-A only
    assert got["decision_letters"] == (1, 1)


@pytest.mark.parametrize(("within", "count"), [(0, 3), (4, 7), (7, 7), (8, 8)])
def test_within_working_days_keeps_overdue_and_today(within, count):
    # Fri 27 Nov is 4 working days away, Thu 3 Dec 8
    load = build_caseload([CASELOAD], TODAY, Filters(within=within), jobs=1)
    assert len(load.deadlines) == count
    assert len(load.overdue) == 2


@pytest.mark.parametrize(
    ("today", "group"),
    [
        (D(2026, 11, 23), "this_week"),  # Monday: Fri 27 Nov is this week
        (D(2026, 11, 27), "today"),
        (D(2026, 11, 22), "next_week"),  # Sunday: the week of 23 Nov is next week
        (D(2026, 11, 15), "later"),
        (D(2026, 11, 30), "overdue"),
    ],
)
def test_calendar_weeks_run_monday_to_sunday(today, group):
    assert core._group(D(2026, 11, 27), today) == group


def test_done_stops_plan_and_caseload_flagging_a_task():
    loaded = open_case(CASELOAD / "team-b" / "cp-d.yaml")
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, TODAY)
    passed = {w.deadline for w in plan.warnings if w.code == "deadline_passed"}
    assert passed == {"agency_reports"}  # the two social work reports are recorded as done
    assert plan.status(plan.deadline("social_worker_report_to_chair")).kind == "done"
    load = build_caseload([CASELOAD / "team-b" / "cp-d.yaml"], TODAY, jobs=1)
    assert "social_worker_report_to_chair" not in {d.deadline for d in load.deadlines}
    assert "agency_reports" in {d.deadline for d in load.deadlines}


def test_a_review_in_its_own_file_replaces_the_earlier_next_review(tmp_path):
    initial = textwrap.dedent("""\
        case: {reference: CP-X}
        conference: {type: initial, strategy_discussion: 2026-08-03, date: 2026-08-24}
        children: [{id: amy, name: Amy Smith, dob: 2019-03-14}]
        professionals: [{id: sw, name: Jo Bloggs, agency: children_social_care}]
        outcome: {decisions: [{child: amy, plan: child-protection, category: neglect}]}
        done: {decision_letter: 2026-08-21, conference_record: 2026-09-10,
               first_core_group: 2026-09-01}
    """)
    # core groups held monthly since: the next one is not yet due
    initial = initial.replace(
        "outcome: {decisions:",
        "outcome: {core_groups_held: [2026-10-01, 2026-10-30, 2026-11-20], decisions:",
    )
    (tmp_path / "1-initial.yaml").write_text(initial)
    load = build_caseload([tmp_path], TODAY, jobs=1)
    assert [(d.deadline, d.group) for d in load.deadlines] == [
        ("next_review", "this_week"),
        ("next_core_group", "later"),
    ]
    review = initial.replace(
        "type: initial, strategy_discussion: 2026-08-03, date: 2026-08-24",
        "type: review, previous_conference: 2026-08-24, previous_type: initial",
    )
    review = review.split("outcome:")[0]
    (tmp_path / "2-review.yaml").write_text(review)
    load = build_caseload([tmp_path], TODAY, jobs=1)
    assert [(d.path.endswith("2-review.yaml"), d.deadline) for d in load.deadlines][:1] == [
        (True, "conference")
    ]
    assert not [
        d
        for d in load.deadlines
        if d.deadline == "next_review" and d.path.endswith("1-initial.yaml")
    ]


def test_json_has_initials_iso_dates_and_no_names(load):
    data = load.to_json()
    assert data["counts"]["overdue"] == 2
    assert data["deadlines"][0] == {
        "reference": "CP-D",
        "children": "N.E., A.E.",
        "conference_type": "review",
        "deadline": "agency_reports",
        "label": "Agency reports to the chair and shared with the family",
        "due": "2026-11-19",
        "group": "overdue",
        "status": "overdue by 2 working days",
        "working_days": -2,
        "owner_role": "each agency",
        "owner": None,
        "provisional": False,
        "booked": None,
        "file": str(CASELOAD / "team-b" / "cp-d.yaml"),
    }
    assert "deadlines" not in load.to_json(summary=True)


def test_parallel_workers_give_the_same_result(monkeypatch):
    monkeypatch.setattr(core, "PARALLEL_FROM", 1)
    monkeypatch.setattr(core, "CHUNK", 2)
    serial = build_caseload([CASELOAD], TODAY, jobs=1)
    parallel = build_caseload([CASELOAD], TODAY, jobs=2)
    assert parallel.deadlines == serial.deadlines
    assert parallel.timeliness == serial.timeliness
    assert parallel.errors == serial.errors


def test_progress_reports_every_file():
    seen: list[int] = []
    build_caseload([CASELOAD], TODAY, jobs=1, progress=seen.append)
    assert sum(seen) == 6


def test_each_profile_is_read_once_per_run(monkeypatch):
    calls: list[str] = []
    real = core.load_profile

    def counting(name, relative_to=None):
        calls.append(name)
        return real(name, relative_to)

    monkeypatch.setattr(core, "load_profile", counting)
    build_caseload([CASELOAD], TODAY, jobs=1)
    assert calls == ["london"]


# -- the faster working-day count is the same count --------------------------------------


def _walk(cal: WorkingCalendar, start: dt.date, end: dt.date) -> int:
    """Working days after start up to end, one day at a time (CONTRACT.md section 2)."""
    sign = 1 if end >= start else -1
    lo, hi = sorted((start, end))
    n = sum(cal.is_working_day(lo + dt.timedelta(days=i)) for i in range(1, (hi - lo).days + 1))
    return sign * n


CALENDARS = [
    WorkingCalendar("england-and-wales"),
    WorkingCalendar(
        "scotland", closures=[D(2026, 12, 29), D(2026, 12, 26)], extra_holidays=[D(2027, 6, 1)]
    ),
    WorkingCalendar("northern-ireland"),
]


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=D(2024, 1, 1), max_value=D(2028, 12, 31)),
    st.integers(min_value=-500, max_value=500),
    st.sampled_from(CALENDARS),
)
def test_working_days_between_counts_like_walking(start, days, cal):
    end = start + dt.timedelta(days=days)
    assert cal.working_days_between(start, end) == _walk(cal, start, end)


_CONFERENCE = textwrap.dedent("""\
    case: {reference: CP-X}
    conference: {type: initial, strategy_discussion: 2026-11-02, date: 2026-11-20}
    children: [{id: amy, name: Amy Smith, dob: 2019-03-14}]
    professionals: [{id: sw, name: Jo Bloggs, agency: children_social_care, attendance: attended}]
""")
_OUTCOME = "outcome: {decisions: [{child: amy, plan: child-protection, category: neglect}]}\n"


def test_one_conference_in_two_files_is_counted_once_from_the_fuller_file(tmp_path):
    (tmp_path / "a.yaml").write_text(_CONFERENCE)
    (tmp_path / "b-with-outcome.yaml").write_text(_CONFERENCE + _OUTCOME)
    load = build_caseload([tmp_path], D(2026, 11, 20), jobs=1)
    assert (load.files, load.cases, load.duplicates) == (2, 1, 1)
    assert {d.path for d in load.deadlines} == {str(tmp_path / "b-with-outcome.yaml")}
    ids = [d.deadline for d in load.deadlines]
    assert len(ids) == len(set(ids))  # no deadline twice
    [warning] = load.warnings
    assert warning.code == "duplicate_conference"
    assert warning.files == (str(tmp_path / "a.yaml"), str(tmp_path / "b-with-outcome.yaml"))
    assert warning.used == str(tmp_path / "b-with-outcome.yaml")
    assert "CP-X" in warning.message and "a.yaml" in warning.message
    counted = {m.id: m.counted for m in load.timeliness}
    assert counted["initial_conferences"] == 1  # held once, not twice


def test_identical_copies_keep_the_first_file_found(tmp_path):
    (tmp_path / "a.yaml").write_text(_CONFERENCE)
    (tmp_path / "b.yaml").write_text(_CONFERENCE)
    load = build_caseload([tmp_path], D(2026, 11, 19), jobs=1)
    assert load.cases == 1
    assert load.warnings[0].used == str(tmp_path / "a.yaml")
    assert {d.path for d in load.deadlines} == {str(tmp_path / "a.yaml")}


def test_same_reference_and_conference_with_other_children_keeps_both(tmp_path):
    (tmp_path / "a.yaml").write_text(_CONFERENCE)
    (tmp_path / "b.yaml").write_text(_CONFERENCE.replace("Amy Smith", "Leo Martin"))
    load = build_caseload([tmp_path], D(2026, 11, 19), jobs=1)
    assert (load.cases, load.duplicates) == (2, 0)
    [warning] = load.warnings
    assert (warning.code, warning.used) == ("reference_shared", None)
    assert "A.S.; L.M." in warning.message and "check the reference" in warning.message
    assert {d.children for d in load.deadlines} == {"A.S.", "L.M."}


def test_conferences_of_one_case_in_their_own_files_are_not_duplicates(tmp_path):
    (tmp_path / "1-initial.yaml").write_text(_CONFERENCE + _OUTCOME)
    review = _CONFERENCE.replace(
        "type: initial, strategy_discussion: 2026-11-02, date: 2026-11-20",
        "type: review, previous_conference: 2026-11-20, previous_type: initial",
    )
    (tmp_path / "2-review.yaml").write_text(review)
    load = build_caseload([tmp_path], D(2026, 11, 23), jobs=1)
    assert (load.cases, load.warnings) == (2, [])
    # the review's own file replaces the initial conference's next review
    assert not [d for d in load.deadlines if d.deadline == "next_review" and "1-" in d.path]


def test_sample_cases_count_the_initial_conference_once():
    samples = Path(__file__).resolve().parent.parent / "sample_cases"
    load = build_caseload([samples], D(2026, 11, 19), jobs=1)
    assert (load.files, load.cases) == (6, 5)
    assert [(w.code, w.reference) for w in load.warnings] == [
        ("duplicate_conference", "CP-2026-0142")
    ]
    # each conference's deadlines once (review-plan-ends.yaml is a later conference of 0142)
    keys = [(d.reference, d.conference_type, d.deadline) for d in load.deadlines]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "children[0].id: 'Amy Smith' is not a valid id: use lower-case letters, digits, "
            "'-' and '_', starting with a letter or digit (e.g. amy, mum, sw-2)",
            "children[0].id: '…' is not a valid id: use lower-case letters, digits, "
            "'-' and '_', starting with a letter or digit (e.g. amy, mum, sw-2)",
        ),
        (
            "children[0].subject: 'Amy Smith' is not true or false",
            "children[0].subject: '…' is not true or false",
        ),
        (
            "children[1]: expected a mapping of keys and values, got 'Amy Smith'",
            "children[1]: expected a mapping of keys and values, got …",
        ),
        (
            "professionals: expected a list, got ['Amy Smith', 'Ben']",
            "professionals: expected a list, got …",
        ),
        (
            "children[0].name: 'Siobhan O'Brien' is not a name",
            "children[0].name: '…' is not a name",
        ),
        ("children[0].dob: 'Amy\nSmith' is not a date", "children[0].dob: '…' is not a date"),
        (
            "children[0].dob: 20190314 is not a date: write it as 2026-11-02",
            "children[0].dob: … is not a date: write it as 2026-11-02",
        ),
        (
            "outcome.decisions[0].child: no child has the id 'amy-smith'; did you mean 'amy'?",
            "outcome.decisions[0].child: no child has the id '…'",
        ),
        (
            "family[1].id: id 'amy' is used twice (first on line 7)",
            "family[1].id: id '…' is used twice (first on line 7)",
        ),
        # what the schema says is kept: key names, its own suggestions, the chair's
        (
            "conference: unknown key 'typ'; did you mean 'type'?",
            "conference: unknown key 'typ'; did you mean 'type'?",
        ),
        (
            "conference.type: 'Amy' is not one of initial, review; did you mean 'review'?",
            "conference.type: '…' is not one of initial, review; did you mean 'review'?",
        ),
        ("the chair's and the family's consent", "the chair's and the family's consent"),
        (
            "children[1]: born 2027-02-01, after the conference (2027-01-06)",
            "children[1]: born …, after the conference (…)",
        ),
    ],
)
def test_error_rows_leave_out_the_values_they_quote(message, expected):
    problem = core.without_values(Problem("cp-1.yaml", 12, message))
    assert (problem.file, problem.line, problem.message) == ("cp-1.yaml", 12, expected)


def test_an_unreadable_file_does_not_put_a_name_on_the_caseload(write_case):
    path = write_case("""\
        case: {reference: CP-N}
        conference: {type: initial, strategy_discussion: 2026-11-02}
        children:
          - {id: Amy Smith, name: Amy Smith, dob: 2019-03-14, subject: Amy Smith}
          - Amy Smith
        professionals: Amy Smith
    """)
    load = build_caseload([path], TODAY, jobs=1)
    (error,) = load.errors
    assert [p.line for p in error.problems] == [4, 4, 5, 6]
    assert all(p.file == str(path) for p in error.problems)
    assert "Smith" not in str(load.to_json())
    assert "is not a valid id" in error.problems[0].message
