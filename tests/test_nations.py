"""The nations' profiles (Wales, Scotland, Northern Ireland): each counted over its own bank
holidays, the deadlines their texts give, and the ones they leave not set (docs/NATIONS.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_schedule import case_text, codes, dues, plan_of

D = dt.date

REVIEW_AFTER = "  type: review\n  previous_type: {prev}\n  previous_conference: {on}\n"


def initial(sd: str, date: str | None = None) -> str:
    return f"  type: initial\n  strategy_discussion: {sd}\n" + (f"  date: {date}\n" if date else "")


# -- Scotland: St Andrew's Day, 2 January, and no Easter Monday ------------------------------


def test_scottish_cppm_deadline_falling_on_st_andrews_day_moves_earlier(write_case):
    # IRD Monday 2 November 2026 + 28 calendar days = Monday 30 November, St Andrew's Day:
    # a deadline never moves later, so the CPPM is due by Friday 27 November
    plan = plan_of(write_case, case_text(initial("2026-11-02"), procedure="scotland"))
    assert dues(plan)["conference"] == D(2026, 11, 27)
    # in England and Wales 30 November is an ordinary Monday
    assert plan.calendar is not None and not plan.calendar.is_working_day(D(2026, 11, 30))
    wales = plan_of(write_case, case_text(initial("2026-11-02"), procedure="wales"))
    assert wales.calendar is not None and wales.calendar.is_working_day(D(2026, 11, 30))
    assert plan.meeting == "Child Protection Planning Meeting"


def test_scottish_core_group_counts_past_st_andrews_day(write_case):
    # CPPM Monday 23 November 2026; 15 working days, St Andrew's Day not counted
    plan = plan_of(write_case, case_text(initial("2026-11-02", "2026-11-23"), procedure="scotland"))
    assert dues(plan)["first_core_group"] == D(2026, 12, 15)
    # the record within 10 working days (Appendix D): 24-27 Nov, 1-4 Dec, 7-8 Dec
    assert dues(plan)["conference_record"] == D(2026, 12, 8)
    # notice at least 5 calendar days before (Appendix D): Wednesday 18 November
    assert dues(plan)["invitations"] == D(2026, 11, 18)
    # reviews 6-monthly after a (non pre-birth) CPPM (para 3.141)
    assert dues(plan)["next_review"] == D(2027, 5, 21)  # 23 May 2027 is a Sunday


def test_scottish_record_skips_the_new_year_holidays(write_case):
    # CPPM Wednesday 23 December 2026: Christmas, Boxing Day (observed 28th), New Year's Day
    # and Scotland's 2 January holiday (a Saturday, observed Monday 4 January) are not counted
    plan = plan_of(write_case, case_text(initial("2026-12-01", "2026-12-23"), procedure="scotland"))
    assert dues(plan)["conference_record"] == D(2027, 1, 12)
    # England and Wales work on 4 January 2027: the same count there ends a day earlier
    wales = plan_of(write_case, case_text(initial("2026-12-01", "2026-12-23"), procedure="wales"))
    assert dues(wales)["conference_record"] == D(2027, 1, 25)  # Wales: 20 working days
    assert wales.calendar is not None and wales.calendar.is_working_day(D(2027, 1, 4))


def test_no_easter_monday_in_scotland(write_case):
    # CPPM Thursday 25 March 2027: Good Friday is a holiday, Easter Monday (29 March) is not
    plan = plan_of(write_case, case_text(initial("2027-03-01", "2027-03-25"), procedure="scotland"))
    assert dues(plan)["first_core_group"] == D(2027, 4, 16)
    assert plan.calendar is not None and plan.calendar.is_working_day(D(2027, 3, 29))


def test_scottish_unborn_child_cppm_by_28_weeks_or_28_days_whichever_first(write_case):
    text = case_text(
        "  type: pre-birth\n  strategy_discussion: 2026-11-02\n  due_date: 2027-04-30\n",
        procedure="scotland",
    ).replace("    dob: 2019-03-14\n", "    unborn: true\n")
    plan = plan_of(write_case, text)
    # 28 days after the IRD (30 November, St Andrew's Day -> Friday 27th) comes before
    # 28 weeks' gestation (12 weeks before the due date: 5 February 2027)
    assert dues(plan)["conference"] == D(2026, 11, 27)


def test_scottish_transfer_cppm_is_not_set(write_case):
    plan = plan_of(
        write_case,
        case_text(
            "  type: transfer-in\n  transfer_notification: 2026-11-16\n", procedure="scotland"
        ),
    )
    assert "conference" not in dues(plan)
    assert [u.id for u in plan.not_set][:1] == ["conference"]
    assert "transfer CPPM" in plan.not_set[0].reason
    assert "deadline_not_set" in codes(plan)
    # and the warning names the meeting as the guidance does
    assert any("No CPPM date is booked yet" in w.message for w in plan.warnings)


# -- Northern Ireland: St Patrick's Day and the Twelfth -------------------------------------


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


# -- Wales: the England and Wales bank holidays ---------------------------------------------


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


def test_england_is_unchanged_by_the_nations(write_case):
    plan = plan_of(write_case, case_text(initial("2026-11-02", "2026-11-20")))
    assert plan.not_set == []
    assert plan.meeting == "initial conference"
    assert "deadline_not_set" not in codes(plan)


# -- docs/RULES.md traces every national rule ----------------------------------------------

RULES_SECTIONS = {
    "wales": ("## 1.6 ", "## 2.8 "),
    "scotland": ("## 1.7 ", "## 2.9 "),
    "northern-ireland": ("## 1.8 ", "## 2.10 "),
}


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    ends = [i for i in (text.find("\n## ", start + 1), text.find("\n# ", start + 1)) if i != -1]
    return text[start : min(ends) if ends else len(text)]


@pytest.mark.parametrize("name", RULES_SECTIONS)
def test_rules_md_traces_every_deadline_of_each_national_profile(name):
    from pathlib import Path

    from cpconf.procedures import load_profile

    text = (Path(__file__).resolve().parent.parent / "docs" / "RULES.md").read_text("utf-8")
    from_text, from_code = (_section(text, h) for h in RULES_SECTIONS[name])
    assert f"`{name}.yaml`" in from_text and f"`{name}.yaml`" in from_code
    for spec in load_profile(name).deadlines:
        # from the code to the text: every deadline id, and said as not set where it is
        assert f"`{spec.id}`" in from_code, (name, spec.id)
        if spec.not_set:
            row = next(
                line
                for line in from_code.splitlines()
                if f"`{spec.id}`" in line and "not_set" in line
            )
            assert row
    # from the text to the code: every deadline the profile gives or leaves not set is
    # named against the text that gives it (or says nothing)
    for spec in load_profile(name).deadlines:
        assert f"`{spec.id}`" in from_text, (name, spec.id)


def test_a_council_sets_what_the_procedure_leaves_not_set(write_case, tmp_path):
    # the README's example: a Welsh council's own profile, extending the national one
    (tmp_path / "our-wales.yaml").write_text(
        "name: our-wales\ntitle: Our council (Wales)\ndocument: Our local practice\n"
        "extends: wales\ndeadlines:\n"
        "  - id: agency_reports\n    label: Agency reports to the chair\n    owner: each agency\n"
        "    rules:\n      - before: conference\n        duration: 3 working days\n"
        "        source: 'local: our council practice'\n",
        encoding="utf-8",
    )
    text = case_text(
        initial("2026-11-02", "2026-11-20"), procedure=str(tmp_path / "our-wales.yaml")
    )
    plan = plan_of(write_case, text)
    assert dues(plan)["agency_reports"] == D(2026, 11, 17)
    assert "agency_reports" not in {u.id for u in plan.not_set}
    # the rest stays as the national text has it
    assert {"social_worker_report_to_parents", "exclusion_request"} <= {u.id for u in plan.not_set}
    assert plan.deadline("conference").inherited_from == "wales"
