"""Bolton SCP leaflet, Child Protection Case Conference (the `bolton` profile).

Quoted from the leaflet's sections (the seed 003_*, docs/RULES.md 1.4; Part 3 works out
what its timescales count from). Where the leaflet is silent London CP4 is inherited.
"""

from __future__ import annotations

import pytest

from cpconf.procedures import load_profile
from tests.profiles.procedure import PROTECTION_PLAN, Quote, assert_deadline, plan

P = "bolton"
WITHIN_15_WORKING_DAYS = Quote(
    P,
    "What is it?",
    "the Initial Child Protection Conference (ICPC) takes place within 15 working days.",
)
REVIEWS = Quote(
    P,
    "What is it?",
    "a Review Child Protection Conference (RCPC) is undertaken within three months and six "
    "monthly thereafter.",
)
ALWAYS_INVITED = Quote(
    P,
    "Who attends a Child Protection Conference?",
    "a representative from Bolton's Children's Social Care Services, Health and the Police "
    "are always invited to attend Conferences",
)
REPORT_24_HOURS = Quote(
    P,
    "What happens at a Child Protection Conference?",
    "The Social Worker will share the report with the parents and carers at least 24 hours "
    "prior to the Conference",
)
CORE_GROUP = Quote(
    P,
    "What happens at a Child Protection Conference?",
    "first core group takes place within 10 working days of the conference",
)
NOTES = Quote(
    P,
    "What happens at a Child Protection Conference?",
    "a copy of the conference notes (a summary of the main points discussed) is normally "
    "shared within twenty working days.",
)
UNABLE_TO_ATTEND = Quote(
    P,
    "Who attends a Child Protection Conference?",
    "If an invited agency is unable to attend, they must submit a report setting out their views",
)
QUOTES = [
    WITHIN_15_WORKING_DAYS,
    REVIEWS,
    ALWAYS_INVITED,
    REPORT_24_HOURS,
    CORE_GROUP,
    NOTES,
    UNABLE_TO_ATTEND,
]
LONDON_7_9 = Quote("london", "7.9", "two working days in advance")


@pytest.mark.parametrize("quote", [*QUOTES, LONDON_7_9], ids=str)
def test_the_quotes_are_the_leaflets_own_words(quote):
    found = quote.in_seed()
    if found is None:
        pytest.skip("the procedure texts are not beside the repository")
    assert found, f"not in the {quote.profile} text: {quote.words}"


def test_24_hours_before_a_monday_is_the_friday():
    monday = plan(P, {"type": "initial", "strategy_discussion": "2026-11-02", "date": "2026-11-23"})
    assert_deadline(REPORT_24_HOURS, monday, "social_worker_report_to_parents", "2026-11-20")
    # London's 2 working days, inherited: the leaflet says nothing of the agencies' reports
    assert_deadline(LONDON_7_9, monday, "agency_reports", "2026-11-19")
    assert monday.deadline("agency_reports").inherited_from == "london"


def test_an_initial_conference():
    initial = plan(
        P,
        {"type": "initial", "strategy_discussion": "2026-11-02", "date": "2026-11-20"},
        outcome=PROTECTION_PLAN,
    )
    assert_deadline(WITHIN_15_WORKING_DAYS, initial, "conference", "2026-11-23")
    assert_deadline(CORE_GROUP, initial, "first_core_group", "2026-12-04")
    assert_deadline(NOTES, initial, "conference_record", "2026-12-18")
    assert_deadline(REVIEWS, initial, "next_review", "2027-02-19")


@pytest.mark.parametrize(
    ("previous_type", "previous", "due"),
    [("initial", "2026-12-29", "2027-03-25"), ("review", "2026-06-26", "2026-12-24")],
)
def test_reviews_within_three_months_and_six_monthly_by_easter_and_christmas(
    previous_type, previous, due
):
    # Mon 29 Mar 2027 is Easter Monday (Good Friday before); Sat 26 Dec 2026 (Christmas)
    review = {
        "type": "review",
        "previous_conference": previous,
        "previous_type": previous_type,
        "date": "2027-06-30",
    }
    assert_deadline(REVIEWS, plan(P, review), "conference", due)


def test_bolton_always_invites_social_care_health_and_police():
    assert set(load_profile(P).quorum.always_invite) == {
        "children_social_care",
        "health",
        "police",
    }, ALWAYS_INVITED


def test_an_agency_unable_to_attend_must_submit_a_report():
    bolton = load_profile(P).attendance
    assert bolton.report_source == (
        f'Bolton leaflet, "{UNABLE_TO_ATTEND.where}": "{UNABLE_TO_ATTEND.words}"'
    )
    # the leaflet says nothing of the reports of those who attend: London CP4 7.9 holds
    assert bolton.report_from_all
    assert bolton.report_from_all_source == "London CP4 7.9 (Bolton leaflet silent)"
