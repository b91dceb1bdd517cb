"""Northern Ireland (SBNI Core Child Protection Policy and Procedures): reviews over
St Patrick's Day and the Twelfth, and nothing invented where the text gives no timescale."""

from __future__ import annotations

import datetime as dt

from tests.test_nations import REVIEW_AFTER, initial
from tests.test_schedule import case_text, dues, plan_of

D = dt.date


def test_northern_irish_first_review_across_the_twelfth(write_case):
    # registered at the conference of Monday 12 April 2027: the first review 3 months later
    # would be Monday 12 July, the Twelfth (Battle of the Boyne): due by Friday 9 July
    text = case_text(
        REVIEW_AFTER.format(prev="initial", on="2027-04-12"), procedure="northern-ireland"
    )
    plan = plan_of(write_case, text, today=D(2027, 4, 13))
    assert dues(plan)["conference"] == D(2027, 7, 9)
    assert plan.calendar is not None and plan.calendar.holiday_name(D(2027, 7, 12))


def test_northern_irish_six_monthly_review_before_st_patricks_day(write_case):
    # the review of Friday 17 September 2026: the next 6 months on, Wednesday 17 March 2027,
    # is St Patrick's Day: due by Tuesday 16 March
    text = case_text(
        REVIEW_AFTER.format(prev="review", on="2026-09-17"), procedure="northern-ireland"
    )
    plan = plan_of(write_case, text, today=D(2026, 9, 18))
    assert dues(plan)["conference"] == D(2027, 3, 16)


def test_northern_irish_initial_conference_is_not_set_and_nothing_is_invented(write_case):
    plan = plan_of(write_case, case_text(initial("2026-11-02"), procedure="northern-ireland"))
    assert dues(plan) == {}  # the SBNI text gives no timescale before the first review
    unset = {u.id for u in plan.not_set}
    assert unset == {
        "conference",
        "social_worker_report_to_parents",
        "social_worker_report_to_chair",
        "agency_reports",
        "exclusion_request",
        "decision_letter",
        "first_core_group",
        "conference_record",
    }
    data = plan.to_json()
    assert data["deadlines"] == {}
    not_set = [w for w in data["warnings"] if w["code"] == "deadline_not_set"]
    assert len(not_set) == len(unset)
    assert any(
        w["message"].startswith("Case conference held: not set by the procedure") for w in not_set
    )


def test_northern_irish_review_after_the_registering_conference(write_case):
    text = case_text(initial("2026-11-02", "2026-11-20"), procedure="northern-ireland") + (
        "outcome:\n  decisions:\n    - child: amy\n      plan: child-protection\n"
        "      category: neglect\n"
    )
    plan = plan_of(write_case, text)
    assert dues(plan)["next_review"] == D(2027, 2, 19)  # 3 months after Friday 20 November
    # a child on a plan: the core group's timescale is shown as not set
    assert "first_core_group" in {u.id for u in plan.not_set}


def test_a_not_set_deadline_with_if_plan_is_left_out_when_no_child_has_that_plan(write_case):
    text = case_text(initial("2026-11-02", "2026-11-20"), procedure="northern-ireland") + (
        "outcome:\n  decisions:\n    - child: amy\n      plan: child-in-need\n"
    )
    plan = plan_of(write_case, text)
    assert "first_core_group" not in {u.id for u in plan.not_set}
