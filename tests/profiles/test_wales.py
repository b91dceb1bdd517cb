"""Wales (Wales Safeguarding Procedures): the conference over Christmas and Easter Monday,
and what the procedures leave not set."""

from __future__ import annotations

import datetime as dt

from tests.test_nations import initial
from tests.test_schedule import case_text, dues, plan_of

D = dt.date


def test_welsh_initial_conference_over_christmas(write_case):
    # strategy discussion Monday 14 December 2026; 15 working days, skipping Christmas Day,
    # Boxing Day (observed Monday 28th) and New Year's Day: Thursday 7 January 2027
    plan = plan_of(write_case, case_text(initial("2026-12-14"), procedure="wales"))
    assert dues(plan)["conference"] == D(2027, 1, 7)
    assert plan.meeting == "initial conference"


def test_welsh_deadlines_after_the_conference_skip_easter_monday(write_case):
    # conference Thursday 25 March 2027: Good Friday and Easter Monday are bank holidays in
    # Wales; the outline plan and summary within 5 working days: Monday 5 April
    plan = plan_of(write_case, case_text(initial("2027-03-04", "2027-03-25"), procedure="wales"))
    assert dues(plan)["decision_letter"] == D(2027, 4, 5)
    assert dues(plan)["first_core_group"] == D(2027, 4, 12)  # 10 working days
    assert dues(plan)["conference_record"] == D(2027, 4, 26)  # 20 working days
    # St Andrew's Day is not a holiday in Wales
    assert plan.calendar is not None and plan.calendar.is_working_day(D(2026, 11, 30))


def test_welsh_reports_are_not_set_but_shown(write_case):
    plan = plan_of(write_case, case_text(initial("2026-11-02", "2026-11-20"), procedure="wales"))
    unset = {u.id for u in plan.not_set}
    assert unset == {
        "social_worker_report_to_parents",
        "social_worker_report_to_chair",
        "agency_reports",
        "exclusion_request",
    }
    assert "agency_reports" not in dues(plan)


def test_a_welsh_pre_birth_conference_has_no_invented_deadline(write_case):
    text = case_text(
        "  type: pre-birth\n  strategy_discussion: 2026-11-02\n  due_date: 2027-04-30\n",
        procedure="wales",
    ).replace("    dob: 2019-03-14\n", "    unborn: true\n")
    plan = plan_of(write_case, text)
    assert "conference" not in dues(plan)
    assert "pre-birth" in next(u.reason for u in plan.not_set if u.id == "conference")
