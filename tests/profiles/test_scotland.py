"""Scotland (National Guidance for Child Protection in Scotland 2021, updated 2023):
the CPPM counted over St Andrew's Day, 2 January and no Easter Monday."""

from __future__ import annotations

import datetime as dt

from tests.test_nations import initial
from tests.test_schedule import case_text, codes, dues, plan_of

D = dt.date


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


# -- para 3.131: the core agencies (social work, health and police) must be represented -----


def _quorum(present: set[str]):
    from cpconf.case import parse_case
    from cpconf.procedures import load_profile
    from cpconf.quorum import assess_child
    from cpconf.yamlload import Document

    people = {
        "children_social_care": "Jo Bloggs",
        "health": "Priya Patel",
        "police": "DC Ann Lee",
        "education": "Tom Reed",
    }
    data = {
        "case": {"reference": "CP-S1", "procedure": "scotland"},
        "conference": {"type": "initial", "strategy_discussion": "2026-11-02"},
        "children": [{"id": "amy", "name": "Amy Smith", "dob": "2019-03-14"}],
        "professionals": [
            {
                "id": agency.replace("_", "-"),
                "name": name,
                "agency": agency,
                # only social work and education have seen Amy: health and police are
                # core agencies all the same
                "contact_with": ["amy"] if agency in ("children_social_care", "education") else [],
                "attendance": "attending" if agency in present else "apologies",
            }
            for agency, name in people.items()
        ],
    }
    case = parse_case(Document("<scotland quorum>", data))
    return assess_child(case, case.children[0], load_profile("scotland").quorum)


def test_a_cppm_needs_social_work_health_and_police():
    assert _quorum({"children_social_care", "health", "police"}).quorate
    short = _quorum({"children_social_care", "health", "education"})
    assert not short.quorate
    assert short.missing is not None and "the police (DC Ann Lee" in short.missing


def test_an_inquorate_cppm_is_reconvened_within_10_working_days(write_case):
    # Appendix D: adjourned on Fri 27 Nov 2026; Mon 30 Nov is St Andrew's Day, so the tenth
    # working day is Mon 14 Dec
    conf = initial("2026-11-02") + "  adjourned_inquorate: 2026-11-27\n"
    d = dues(plan_of(write_case, case_text(conf, procedure="scotland")))
    assert d["reconvened_meeting"] == D(2026, 12, 14)
    assert "reconvened_meeting" not in dues(
        plan_of(write_case, case_text(initial("2026-11-02"), procedure="scotland"))
    )
