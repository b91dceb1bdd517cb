"""Deadlines for every conference type and profile, and the warnings around them."""

from __future__ import annotations

import datetime as dt

import pytest

from cpconf.conference import open_case
from cpconf.schedule import build_schedule
from tests.conftest import MINIMAL

D = dt.date


START = D(2026, 11, 1)


def plan_of(write_case, text: str, today: dt.date = START):
    loaded = open_case(write_case(text))
    return build_schedule(loaded.case, loaded.profile, loaded.calendar, today)


def dues(plan) -> dict[str, dt.date]:
    return {d.id: d.due for d in plan.deadlines}


def codes(plan) -> list[str]:
    return [w.code for w in plan.warnings]


def case_text(conference: str, extra: str = "", procedure: str = "london") -> str:
    head = MINIMAL.split("conference:\n")[0].replace(
        "reference: CP-TEST-1", f"reference: CP-TEST-1\n  procedure: {procedure}"
    )
    rest = MINIMAL.split("children:\n", 1)[1]
    return f"{head}conference:\n{conference}children:\n{rest}{extra}"


def test_initial_booked(write_case):
    plan = plan_of(
        write_case,
        case_text("  type: initial\n  strategy_discussion: 2026-11-02\n  date: 2026-11-20\n"),
    )
    assert dues(plan) == {
        "conference": D(2026, 11, 23),  # 15 working days after Mon 2 Nov
        "social_worker_report_to_parents": D(2026, 11, 18),
        "social_worker_report_to_chair": D(2026, 11, 18),
        "agency_reports": D(2026, 11, 18),
        "exclusion_request": D(2026, 11, 17),
        "decision_letter": D(2026, 11, 23),
        "first_core_group": D(2026, 12, 4),
        "conference_record": D(2026, 12, 18),
        "next_review": D(2027, 2, 19),
    }
    assert codes(plan) == []


def test_unbooked_counts_back_from_the_deadline_and_has_no_later_deadlines(write_case):
    plan = plan_of(write_case, case_text("  type: initial\n  strategy_discussion: 2026-11-02\n"))
    assert set(dues(plan)) == {
        "conference",
        "social_worker_report_to_parents",
        "social_worker_report_to_chair",
        "agency_reports",
        "exclusion_request",
    }
    assert dues(plan)["agency_reports"] == D(2026, 11, 19)  # 2 working days before Mon 23
    assert all(d.provisional for d in plan.deadlines if d.id != "conference")
    assert plan.to_json()["conference_date"] is None
    assert "conference_not_booked" in codes(plan)


def test_transfer_in(write_case):
    plan = plan_of(
        write_case,
        case_text("  type: transfer-in\n  transfer_notification: 2026-11-16\n  date: 2026-12-04\n"),
    )
    assert dues(plan)["conference"] == D(2026, 12, 7)
    assert dues(plan)["first_core_group"] == D(2026, 12, 18)
    assert dues(plan)["next_review"] == D(2027, 3, 4)


@pytest.mark.parametrize(
    ("previous_type", "conference", "next_review"),
    [
        ("initial", D(2027, 2, 26), D(2027, 8, 24)),  # 3 months: Sun 28 Feb -> Fri 26 Feb
        ("pre-birth", D(2027, 2, 26), D(2027, 8, 24)),
        ("transfer-in", D(2027, 2, 26), D(2027, 8, 24)),
        ("review", D(2027, 5, 28), D(2027, 8, 24)),  # 6 months: Sun 30 May 2027 -> Fri 28 May
    ],
)
def test_review_timescale_depends_on_the_previous_conference(
    write_case, previous_type, conference, next_review
):
    plan = plan_of(
        write_case,
        case_text(
            f"  type: review\n  previous_conference: 2026-11-30\n  previous_type: {previous_type}\n  date: 2027-02-24\n"
        ),
    )
    assert dues(plan)["conference"] == conference
    assert dues(plan)["next_review"] == next_review
    assert dues(plan)["agency_reports"] == D(2027, 2, 17)  # 5 working days before a review
    assert "first_core_group" not in dues(plan)


def test_pre_birth_ten_weeks_before_the_due_date(write_case):
    text = case_text("  type: pre-birth\n  due_date: 2027-03-01\n  date: 2026-12-10\n").replace(
        "    dob: 2019-03-14\n", "    unborn: true\n"
    )
    plan = plan_of(write_case, text)
    assert dues(plan)["conference"] == D(2026, 12, 21)  # Mon 1 Mar 2027 - 10 weeks
    assert "birth_review" not in dues(plan)
    assert codes(plan) == []


def test_pre_birth_booked_too_late_and_birth_review(write_case):
    text = case_text(
        "  type: pre-birth\n  due_date: 2027-03-01\n  date: 2027-01-06\n  birth_date: 2027-02-20\n"
    ).replace("    dob: 2019-03-14\n", "    unborn: true\n")
    plan = plan_of(write_case, text)
    assert "conference_after_deadline" in codes(plan)
    message = next(w.message for w in plan.warnings if w.code == "conference_after_deadline")
    assert "less than 10 weeks before the expected date of delivery" in message
    # Sat 20 Feb + 10 days = Tue 2 Mar
    assert dues(plan)["birth_review"] == D(2027, 3, 2)


def test_outcome_without_a_protection_plan_drops_core_group_and_review(write_case):
    outcome = "outcome:\n  decisions:\n    - child: amy\n      plan: child-in-need\n"
    plan = plan_of(
        write_case,
        case_text(
            "  type: initial\n  strategy_discussion: 2026-11-02\n  date: 2026-11-20\n", outcome
        ),
    )
    assert "first_core_group" not in dues(plan)
    assert "next_review" not in dues(plan)
    assert "decision_letter" in dues(plan)


def test_review_ending_the_plan_has_a_child_in_need_review(write_case):
    outcome = "outcome:\n  decisions:\n    - child: amy\n      plan: child-in-need\n"
    conf = "  type: review\n  previous_conference: 2026-08-24\n  previous_type: initial\n  date: 2026-11-19\n"
    plan = plan_of(write_case, case_text(conf, outcome))
    assert dues(plan)["cin_plan_review"] == D(2027, 2, 11)  # 12 weeks after Thu 19 Nov
    without = plan_of(write_case, case_text(conf))
    assert "cin_plan_review" not in dues(without)


def test_done_tasks_are_not_flagged(write_case):
    conf = "  type: initial\n  strategy_discussion: 2026-11-02\n  date: 2026-11-20\n"
    late = plan_of(write_case, case_text(conf), today=D(2026, 11, 19))
    assert [w.deadline for w in late.warnings if w.code == "deadline_passed"] == [
        "social_worker_report_to_parents",
        "social_worker_report_to_chair",
        "agency_reports",
    ]
    done = "done:\n  social_worker_report_to_parents: 2026-11-18\n  social_worker_report_to_chair: 18/11/2026\n  agency_reports: 2026-11-19\n"
    plan = plan_of(write_case, case_text(conf, done), today=D(2026, 11, 19))
    assert "deadline_passed" not in codes(plan)
    statuses = {d.id: plan.status(d).text for d in plan.deadlines}
    assert statuses["social_worker_report_to_parents"] == "done"
    assert statuses["agency_reports"] == "done 1 working day late"
    # the exclusion cut-off passed, but it is a window, not a task
    assert statuses["exclusion_request"] == "closed"


def test_record_amendments_count_from_when_the_record_was_sent(write_case):
    conf = "  type: initial\n  strategy_discussion: 2026-11-02\n  date: 2026-11-20\n"
    plan = plan_of(write_case, case_text(conf, "done:\n  conference_record: 2026-12-11\n"))
    assert dues(plan)["record_amendments"] == D(2026, 12, 18)


@pytest.mark.parametrize(
    ("today", "deadline", "text"),
    [
        (D(2026, 11, 16), "agency_reports", "due in 2 working days"),
        (D(2026, 11, 17), "agency_reports", "due in 1 working day"),
        (D(2026, 11, 18), "agency_reports", "due today"),
        (D(2026, 11, 20), "agency_reports", "overdue by 2 working days"),
        (D(2026, 11, 14), "agency_reports", "due in 3 working days"),  # a Saturday
        (D(2026, 11, 19), "conference", "booked for Fri 20 Nov 2026, in time"),
    ],
)
def test_status_against_today(write_case, today, deadline, text):
    plan = plan_of(
        write_case,
        case_text("  type: initial\n  strategy_discussion: 2026-11-02\n  date: 2026-11-20\n"),
        today,
    )
    d = plan.deadline(deadline)
    assert plan.status(d).text == text


def test_conference_after_deadline_and_delay_reason(write_case):
    conf = "  type: initial\n  strategy_discussion: 2026-11-02\n  date: 2026-11-25\n"
    plan = plan_of(write_case, case_text(conf))
    warning = next(w for w in plan.warnings if w.code == "conference_after_deadline")
    assert "2 working days after its deadline" in warning.message
    assert "Monday 23 November 2026" in warning.message
    delayed = plan_of(write_case, case_text(conf + "  delay_reason: Police disclosure awaited\n"))
    assert "conference_after_deadline" not in codes(delayed)
    assert "conference_delayed" in codes(delayed)
    on_time = plan_of(write_case, case_text(conf.replace("2026-11-25", "2026-11-23")))
    assert not {"conference_after_deadline", "conference_delayed"} & set(codes(on_time))


@pytest.mark.parametrize(
    ("date", "flagged"), [("2026-12-28", True), ("2026-11-21", True), ("2026-11-20", False)]
)
def test_conference_on_non_working_day(write_case, date, flagged):
    conf = (
        f"  type: initial\n  strategy_discussion: 2026-11-02\n  date: {date}\n  delay_reason: x\n"
    )
    plan = plan_of(write_case, case_text(conf))
    assert ("conference_on_non_working_day" in codes(plan)) is flagged
    if date == "2026-12-28":
        assert "Boxing Day (observed)" in next(
            w.message for w in plan.warnings if w.code == "conference_on_non_working_day"
        )


@pytest.mark.parametrize("time", ["13:30", "15:00", "16:00"])
def test_no_end_of_the_school_day_unless_the_council_sets_one(write_case, time):
    # CP4 3.6 names no hour: the end of the school day is local, none by default
    conf = (
        f"  type: initial\n  strategy_discussion: 2026-11-02\n  date: 2026-11-20\n  time: {time}\n"
    )
    assert "conference_after_school_day" not in codes(plan_of(write_case, case_text(conf)))


@pytest.mark.parametrize(
    ("time", "flagged"), [("13:30", True), ("15:00", True), ("10:00", False), ("13:00", False)]
)
def test_conference_after_a_school_day_the_council_set(write_case, time, flagged):
    conf = (
        f"  type: initial\n  strategy_discussion: 2026-11-02\n  date: 2026-11-20\n  time: {time}\n"
    )
    loaded = open_case(write_case(case_text(conf)))
    profile = loaded.profile.with_local({"session.school_day_ends": "15:00"})
    plan = build_schedule(loaded.case, profile, loaded.calendar, START)
    assert ("conference_after_school_day" in codes(plan)) is flagged
    if flagged:
        [message] = [w.message for w in plan.warnings if w.code == "conference_after_school_day"]
        # the note sits with each value the procedure does not state
        assert "(3pm, local practice: not in the procedure)" in message
        assert "120 minutes, local practice: not in the procedure" in message
        assert "(London CP4 3.6)" in message


def test_hackney_2pm_slot_never_warns_about_the_school_day(write_case):
    conf = "  type: initial\n  strategy_discussion: 2026-11-02\n  date: 2026-11-20\n  time: 14:00\n"
    loaded = open_case(write_case(case_text(conf, procedure="hackney")))
    for profile in (
        loaded.profile,
        loaded.profile.with_local({"session.school_day_ends": "15:00"}),
    ):
        plan = build_schedule(loaded.case, profile, loaded.calendar, START)
        assert "conference_after_school_day" not in codes(plan)


def test_deadline_passed_only_before_today(write_case):
    conf = "  type: initial\n  strategy_discussion: 2026-11-02\n  date: 2026-11-20\n"
    assert "deadline_passed" not in codes(plan_of(write_case, case_text(conf), D(2026, 11, 18)))
    assert "deadline_passed" in codes(plan_of(write_case, case_text(conf), D(2026, 11, 19)))


# -- other procedures --------------------------------------------------------------------


# Each built-in profile's own rules are tested in its words in tests/profiles/.


def test_region_override_uses_scottish_holidays(write_case):
    # 15 working days after Mon 16 Nov 2026 in Scotland skips St Andrew's Day (Mon 30 Nov)
    text = case_text("  type: initial\n  strategy_discussion: 2026-11-16\n")
    eng = dues(plan_of(write_case, text))["conference"]
    sct = dues(
        plan_of(
            write_case,
            text.replace("  procedure: london", "  procedure: london\n  region: scotland"),
        )
    )["conference"]
    assert eng == D(2026, 12, 7)
    assert sct == D(2026, 12, 8)


def test_profile_file_next_to_the_case(write_case, tmp_path):
    (tmp_path / "ours.yaml").write_text(
        "name: ours\ntitle: Ours\ndocument: Our procedures\nextends: london\n"
        "closure_days: [{from: 2026-12-29, to: 2026-12-31}]\n"
    )
    text = case_text("  type: initial\n  strategy_discussion: 2026-12-14\n", procedure="ours.yaml")
    assert dues(plan_of(write_case, text))["conference"] == D(2027, 1, 12)  # 3 closure days later


def test_to_json_is_exactly_the_contract(write_case):
    plan = plan_of(
        write_case,
        case_text("  type: initial\n  strategy_discussion: 2026-11-02\n  date: 2026-11-25\n"),
    )
    data = plan.to_json()
    assert list(data) == [
        "reference",
        "procedure",
        "conference_type",
        "conference_date",
        "deadlines",
        "core_groups",
        "warnings",
        "settings",  # an extra key (CONTRACT.md allows them): the council settings file used
    ]
    assert data["deadlines"]["conference"] == {
        "due": "2026-11-23",
        "rule": "15 working days after the strategy discussion",
    }
    assert all(set(w) == {"code", "message"} for w in data["warnings"])


# -- London CP4 1.8 and 2.2: the conference deadline from other events ---------------------


@pytest.mark.parametrize(
    ("expires", "due", "rule"),
    [
        # Sun 20 Dec 2026 expiry, before the usual 15 working days (Mon 7 Dec + 15 = Wed 30 Dec):
        # the Friday before (never later)
        ("2026-12-20", D(2026, 12, 18), "before the emergency protection order expires"),
        # an order that ends after the usual deadline changes nothing
        ("2027-01-15", D(2026, 12, 30), "15 working days after the strategy discussion"),
    ],
)
def test_emergency_protection_order_brings_the_conference_forward(write_case, expires, due, rule):
    conf = (
        "  type: initial\n  strategy_discussion: 2026-12-07\n"
        f"  emergency_protection_order_expires: {expires}\n"
    )
    deadline = plan_of(write_case, case_text(conf)).deadline("conference")
    assert deadline is not None and deadline.due == due and deadline.rule == rule
    if "order" in rule:
        assert deadline.source == "London CP4 1.8"


def test_looked_after_child_going_home_counts_15_days_from_the_review(write_case):
    # CP4 2.2: "within 15 days of the case review decision": calendar days, rolled back
    conf = "  type: initial\n  looked_after_review: 2026-12-10\n"
    deadline = plan_of(write_case, case_text(conf)).deadline("conference")
    assert deadline is not None
    assert deadline.due == D(2026, 12, 24)  # Thu 10 Dec + 15 days = Fri 25 Dec (Christmas)
    assert deadline.source == "London CP4 2.2"


def test_an_initial_conference_needs_a_strategy_discussion_or_a_looked_after_review(write_case):
    from cpconf.errors import CaseError

    with pytest.raises(CaseError, match="strategy_discussion: required .*looked_after_review"):
        plan_of(write_case, case_text("  type: initial\n"))
