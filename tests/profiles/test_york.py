"""City of York SCP, One Minute Guide: Child Protection Conference (the `york` profile).

Quoted from the guide's sections (the seed 001_*, docs/RULES.md 1.3). Where the guide is
silent the London CP4 rule is inherited and said to be.
"""

from __future__ import annotations

import pytest

from cpconf.procedures import load_profile
from tests.profiles.procedure import PROTECTION_PLAN, Quote, assert_deadline, attendance, plan

P = "york"
WITHIN_15_WORKING_DAYS = Quote(
    P,
    "What are the timescales",
    "all Initial Child Protection Conferences (ICPC) need to be held within 15 working days of "
    "the strategy discussion",
)
REVIEWS = Quote(
    P,
    "What are the timescales",
    "Review Child Protection Conferences need to be held within 3 months of the ICPC and then "
    "at least every 6 months",
)
PLAN_IN_ONE_WORKING_DAY = Quote(
    P,
    "Plans arising from conference",
    "A written copy of the plan will be sent to parents and all other conference participants "
    "within one working day of the meeting",
)
CORE_GROUP = Quote(
    P,
    "Plans arising from conference",
    "which will meet within 10 working days of the ICPC and then at least every month",
)
ALL_INVITED_REPORT = Quote(
    P,
    "Who is involved?",
    "it is expected that all invited professionals will attend the conference and will have "
    "prepared and shared their report with the family in good time ahead of the meeting",
)
QUOTES = [WITHIN_15_WORKING_DAYS, REVIEWS, PLAN_IN_ONE_WORKING_DAY, CORE_GROUP, ALL_INVITED_REPORT]

INITIAL = {"type": "initial", "strategy_discussion": "2026-11-02", "date": "2026-11-20"}


@pytest.mark.parametrize("quote", QUOTES, ids=str)
def test_the_quotes_are_the_guides_own_words(quote):
    found = quote.in_seed()
    if found is None:
        pytest.skip("the procedure texts are not beside the repository")
    assert found, f"not in the York guide: {quote.words}"


def test_an_initial_conference():
    initial = plan(P, INITIAL, outcome=PROTECTION_PLAN)
    assert_deadline(WITHIN_15_WORKING_DAYS, initial, "conference", "2026-11-23")
    assert_deadline(PLAN_IN_ONE_WORKING_DAY, initial, "decision_letter", "2026-11-23")
    assert_deadline(CORE_GROUP, initial, "first_core_group", "2026-12-04")  # Fri 20 Nov + 10
    assert_deadline(REVIEWS, initial, "next_review", "2027-02-19")
    assert_deadline(CORE_GROUP, initial, "next_core_group", None)  # once the first is held
    assert initial.deadline("agency_reports").inherited_from == "london"  # the guide is silent


def test_the_core_group_then_at_least_every_month():
    # core groups meet once a child has a protection plan
    held = plan(P, INITIAL, outcome=PROTECTION_PLAN, done={"first_core_group": "2026-12-01"})
    # Tue 1 Dec + 1 month = Fri 1 Jan 2027, New Year's Day: the working day before
    assert_deadline(CORE_GROUP, held, "next_core_group", "2026-12-31")


@pytest.mark.parametrize(
    ("previous_type", "due"),
    [("initial", "2027-02-19"), ("review", "2027-05-28")],  # Sat 20 Feb; Sun 30 May 2027
)
def test_reviews_within_3_months_then_every_6(previous_type, due):
    review = {
        "type": "review",
        "previous_conference": "2026-11-20" if previous_type == "initial" else "2026-11-30",
        "previous_type": previous_type,
        "date": "2027-06-30",
    }
    assert_deadline(REVIEWS, plan(P, review), "conference", due)


def test_all_invited_professionals_prepare_a_report():
    york = load_profile(P).attendance
    assert york.report_from_all, ALL_INVITED_REPORT
    assert york.report_from_all_source == f'York guide, "{ALL_INVITED_REPORT.where}"'
    # reports (inherited from London 7.9) due Wed 18 Nov: on the day, both not yet in
    warned = [
        w for w in attendance(P, INITIAL, today="2026-11-18") if w.code == "report_not_received"
    ]
    assert [w.who for w in warned] == ["hv", "police"]
    assert 'attending or not (York guide, "Who is involved?"): record it' in warned[0].message
