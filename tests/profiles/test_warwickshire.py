"""Warwickshire SCB, Guidelines for Professionals Infrequently Attending Child Protection
Conferences (the `warwickshire` profile).

Quoted from the guidelines' sections (the seed 000_*, docs/RULES.md 1.5). Where they are
silent London CP4 is inherited.
"""

from __future__ import annotations

import pytest

from cpconf.procedures import load_profile
from tests.profiles.procedure import (
    PROFESSIONALS,
    PROTECTION_PLAN,
    Quote,
    assert_deadline,
    attendance,
    plan,
)

P = "warwickshire"
WITHIN_15_WORKING_DAYS = Quote(
    P,
    "What is an Initial Child Protection Conference?",
    "a Conference must be held within 15 working days of the last strategy meeting",
)
CORE_GROUP = Quote(
    P,
    "What is an Initial Child Protection Conference?",
    "The core group and the parents/carers will meet within ten days of the conference.",
)
FIRST_REVIEW = Quote(
    P,
    "What is an Initial Child Protection Conference?",
    "The Initial Child Protection Conference will also set the date of the first review "
    "conference within 3 months.",
)
MONTHLY = Quote(P, "The Core group", "which will include monthly meetings")
TWO_TO_THREE_HOURS = Quote(
    P,
    "What is required of me?",
    "Ensure that ample time is booked in your diary- approximately 2-3 hours-to take part in "
    "the whole meeting",
)
REPORT_TO_BOTH = Quote(
    P,
    "What should I do if I am unable to attend?",
    "You should send a report to the chairperson (IRO) and allocated social worker",
)
EVERY_AGENCY_REPORTS = Quote(
    P,
    "What is required of me?",
    "You, or your agency will be required to prepare a report for the meetings",
)
AT_A_MINIMUM_OF_6_MONTHS = Quote(
    P,
    "What is a Review Conference?",
    "The first review conference will be held 3 months following the Initial Case Conference "
    "and thereafter at a minimum of 6 months.",
)
LONDON_1_20 = Quote("london", "1.20", "at intervals of not more than six months")
QUOTES = [
    WITHIN_15_WORKING_DAYS,
    CORE_GROUP,
    FIRST_REVIEW,
    MONTHLY,
    TWO_TO_THREE_HOURS,
    REPORT_TO_BOTH,
    EVERY_AGENCY_REPORTS,
    AT_A_MINIMUM_OF_6_MONTHS,
    LONDON_1_20,
]

INITIAL = {"type": "initial", "strategy_discussion": "2026-11-02", "date": "2026-11-20"}


@pytest.mark.parametrize("quote", QUOTES, ids=str)
def test_the_quotes_are_the_guidelines_own_words(quote):
    found = quote.in_seed()
    if found is None:
        pytest.skip("the procedure texts are not beside the repository")
    assert found, f"not in the {quote.profile} text: {quote.words}"


def test_an_initial_conference():
    initial = plan(P, INITIAL, outcome=PROTECTION_PLAN)
    assert_deadline(WITHIN_15_WORKING_DAYS, initial, "conference", "2026-11-23")
    # ten (calendar) days after Fri 20 Nov: Mon 30 Nov, not London's 10 working days
    assert_deadline(CORE_GROUP, initial, "first_core_group", "2026-11-30")
    assert_deadline(FIRST_REVIEW, initial, "next_review", "2027-02-19")


def test_ten_days_that_end_on_a_bank_holiday_come_back_to_the_working_day_before():
    # Fri 18 Dec 2026 + 10 days = Mon 28 Dec, Boxing Day observed: Thu 24 Dec
    held = plan(P, INITIAL | {"strategy_discussion": "2026-12-01", "date": "2026-12-18"})
    assert_deadline(CORE_GROUP, held, "first_core_group", "2026-12-24")


def test_monthly_core_groups_after_the_first():
    # core groups meet once a child has a protection plan
    held = plan(P, INITIAL, outcome=PROTECTION_PLAN, done={"first_core_group": "2026-11-30"})
    assert_deadline(MONTHLY, held, "next_core_group", "2026-12-30")


def test_meetings_of_two_to_three_hours():
    assert load_profile(P).session.expected_length_minutes == 180, TWO_TO_THREE_HOURS


def test_an_absent_agency_sends_its_report_to_the_chair_and_the_social_worker():
    warwickshire = load_profile(P).attendance
    assert warwickshire.report_copy_to == ["social_worker"], REPORT_TO_BOTH
    assert REPORT_TO_BOTH.words in warwickshire.report_source
    apologies = [
        p | {"attendance": "apologies"} if p["id"] in ("hv", "police") else p for p in PROFESSIONALS
    ]
    no_report, police = [
        w
        for w in attendance(P, INITIAL, professionals=apologies, today="2026-11-10")
        if w.code == "no_report"
    ]
    assert no_report.message.startswith("Priya Patel")
    assert "must send a report to the chair and the allocated social worker (" in (
        no_report.message
    )
    # the quotation keeps its own brackets
    assert f'"{REPORT_TO_BOTH.words}"' in no_report.message
    # a police report goes to the chair alone (London CP4 7.10), whatever the procedure adds
    assert police.message.startswith("DC Ann Lee")
    assert "must send a report to the chair (" in police.message
    assert "social worker (" not in police.message
    # London's absentees send theirs to the chair alone
    london = [
        w
        for w in attendance("london", INITIAL, professionals=apologies, today="2026-11-10")
        if w.code == "no_report"
    ]
    assert len(london) == 2
    assert all("must send a report to the chair (London CP4 7.9" in w.message for w in london)


def test_every_agency_prepares_a_report():
    warwickshire = load_profile(P).attendance
    assert warwickshire.report_from_all, EVERY_AGENCY_REPORTS
    assert warwickshire.report_from_all_source == (
        f'Warwickshire guidelines, "{EVERY_AGENCY_REPORTS.where}"'
    )


def test_the_initial_conference_sets_the_date_of_the_first_review():
    unset = plan(P, INITIAL, outcome=PROTECTION_PLAN, today="2026-11-23")
    (warning,) = [w for w in unset.warnings if w.code == "review_date_not_set"]
    assert "review is due by Friday 19 February 2027" in warning.message, FIRST_REVIEW
    assert FIRST_REVIEW.words in warning.message
    booked = plan(
        P,
        INITIAL,
        outcome=PROTECTION_PLAN | {"next_review": "2027-02-17"},
        today="2026-11-23",
    )
    assert "review_date_not_set" not in [w.code for w in booked.warnings]
    # no plan, no review to set; and a profile that does not say so does not warn
    no_plan = plan(
        P, INITIAL, outcome={"decisions": [{"plan": "child-in-need"}]}, today="2026-11-23"
    )
    assert "review_date_not_set" not in [w.code for w in no_plan.warnings]
    london = plan("london", INITIAL, outcome=PROTECTION_PLAN, today="2026-11-23")
    assert "review_date_not_set" not in [w.code for w in london.warnings]
    # a review's outcome: the ICPC's duty only
    review = {
        "type": "review",
        "previous_conference": "2026-08-20",
        "previous_type": "initial",
        "date": "2026-11-18",
    }
    later = plan(P, review, outcome=PROTECTION_PLAN, today="2026-11-23")
    assert "review_date_not_set" not in [w.code for w in later.warnings]


def test_reviews_at_most_six_months_apart():
    # "thereafter at a minimum of 6 months" read as at most 6 months, as London CP4 1.20
    review = {
        "type": "review",
        "previous_conference": "2026-11-20",
        "previous_type": "review",
    }
    held = plan(P, review)
    assert_deadline(AT_A_MINIMUM_OF_6_MONTHS, held, "conference", "2027-05-20")
    source = held.deadline("conference").source
    assert "read as at most 6 months" in source and LONDON_1_20.words in source
