"""Hackney, Child Protection Conferences: A Guide for Professionals (the `hackney` profile).

Hackney's guide extends London CP4: what it says of its own is quoted from its sections
(the seed 002_*, docs/RULES.md 1.2); where it is silent the London rule is inherited.
"""

from __future__ import annotations

import pytest

from cpconf.procedures import load_profile
from tests.profiles.procedure import PROFESSIONALS, Quote, assert_deadline, attendance, plan

P = "hackney"
REPORTS_SHARED = Quote(
    P,
    "Expectations of Attendees",
    "For Initial Conferences this must take place at least 3 working days before the meeting "
    "and with Review Conferences 5 working days.",
)
DECISIONS_IN_24_HOURS = Quote(
    P,
    "The Conference Meeting",
    "The Conference Decisions and Plan will be circulated within 24 hours of the meeting "
    "taking place.",
)
RECORD_BUNDLE = Quote(
    P,
    "The Conference Meeting",
    "will be circulated as a bundle within 15 working days of the Conference.",
)
TEN_OR_TWO = Quote(
    P,
    "Chair's pre-meeting with the parent(s)",
    "Parent(s) will have been advised by the social worker to call in/attend at 10am or 2pm",
)
PROFESSIONALS_LATER = Quote(
    P,
    "Chair's pre-meeting with the parent(s)",
    "However, professionals are not to join the meeting until 10:30am or 2:30pm",
)
ALL_ATTENDEES_REPORT = Quote(
    P,
    "Expectations of Attendees",
    "All attendees must provide a written report for the Conference.",
)
INBOX = Quote(
    P, "Expectations of Attendees", "Reports must be submitted to HackneyCYPsreports@hackney.gov.uk"
)
QUOTES = [
    REPORTS_SHARED,
    DECISIONS_IN_24_HOURS,
    RECORD_BUNDLE,
    TEN_OR_TWO,
    PROFESSIONALS_LATER,
    ALL_ATTENDEES_REPORT,
    INBOX,
]
LONDON_7_8 = Quote("london", "7.8", "at least two working days prior to the initial conference")

INITIAL = {
    "type": "initial",
    "strategy_discussion": "2026-11-02",
    "date": "2026-11-20",
    "time": "10:00",
}


@pytest.mark.parametrize("quote", [*QUOTES, LONDON_7_8], ids=str)
def test_the_quotes_are_the_guides_own_words(quote):
    found = quote.in_seed()
    if found is None:
        pytest.skip("the procedure texts are not beside the repository")
    assert found, f"not in the {quote.profile} text: {quote.words}"


def test_an_initial_conference():
    initial = plan(P, INITIAL)  # booked Fri 20 Nov 2026
    # 3 working days (Hackney), not London's 2
    assert_deadline(REPORTS_SHARED, initial, "agency_reports", "2026-11-17")
    assert_deadline(REPORTS_SHARED, initial, "social_worker_report_to_parents", "2026-11-17")
    assert_deadline(LONDON_7_8, initial, "social_worker_report_to_chair", "2026-11-18")
    # 24 hours after a Friday: the Monday
    assert_deadline(DECISIONS_IN_24_HOURS, initial, "decision_letter", "2026-11-23")
    assert_deadline(RECORD_BUNDLE, initial, "conference_record", "2026-12-11")
    assert initial.deadline("social_worker_report_to_chair").inherited_from == "london"
    assert initial.deadline("exclusion_request").inherited_from == "london"


REVIEW = {
    "type": "review",
    "previous_conference": "2026-11-30",
    "previous_type": "initial",
    "date": "2027-02-24",
}


def test_a_review_shares_reports_five_working_days_before():
    assert_deadline(REPORTS_SHARED, plan(P, REVIEW), "agency_reports", "2027-02-17")


def test_the_family_at_10am_or_2pm_and_professionals_half_an_hour_later():
    assert "unusual_start_time" not in [w.code for w in plan(P, INITIAL).warnings]
    afternoon = plan(P, INITIAL | {"time": "14:00"})
    assert "unusual_start_time" not in [w.code for w in afternoon.warnings]
    odd = plan(P, INITIAL | {"time": "11:00"})
    assert "unusual_start_time" in [w.code for w in odd.warnings], TEN_OR_TWO
    hackney = load_profile(P)
    assert hackney.session.professionals_join_minutes == 30, PROFESSIONALS_LATER


def test_hackney_extends_london_and_overrides_the_report_deadline():
    hackney = load_profile(P)
    reports = hackney.deadline("agency_reports")
    assert reports is not None and reports.inherited_from is None
    assert str(reports.rules[0].duration) == "3 working days"
    exclusion = hackney.deadline("exclusion_request")
    assert exclusion is not None and exclusion.inherited_from == "london"
    # London's own profile keeps London's rule
    london = load_profile("london").deadline("agency_reports")
    assert str(london.rules[0].duration) == "2 working days"


def test_the_guide_dates_sharing_with_the_family_not_the_reports_inbox():
    initial = plan(P, INITIAL)
    shared = initial.deadline("agency_reports")
    assert (
        shared is not None and shared.label == "Agency reports shared and discussed with the family"
    )
    assert not shared.local, REPORTS_SHARED
    # the inbox has no date in the guide: the same day, local, and a council may set its own
    inbox = initial.deadline("agency_reports_to_inbox")
    assert inbox is not None and inbox.due == shared.due and inbox.local, INBOX
    assert INBOX.words in inbox.source and "no date given" in inbox.source
    assert inbox.rule.endswith("(local practice: not in the procedure)")
    assert_deadline(INBOX, plan(P, REVIEW), "agency_reports_to_inbox", "2027-02-17")
    council = load_profile(P).with_local({"deadlines.agency_reports_to_inbox": "2 working days"})
    spec = council.deadline("agency_reports_to_inbox")
    assert spec is not None and {str(r.duration) for r in spec.rules} == {"2 working days"}


def test_all_attendees_must_provide_a_written_report():
    hackney = load_profile(P).attendance
    assert hackney.report_from_all, ALL_ATTENDEES_REPORT
    assert hackney.report_from_all_source == f'Hackney guide, "{ALL_ATTENDEES_REPORT.where}"'
    # shared with the family by Tue 17 Nov (3 working days before Fri 20 Nov)
    assert attendance(P, INITIAL, today="2026-11-12") == []
    warned = attendance(P, INITIAL, today="2026-11-13")
    assert [w.who for w in warned if w.code == "report_not_received"] == ["hv", "police"]
    assert "are due by Tuesday 17 November 2026, in 2 working days" in warned[0].message
    assert '(Hackney guide, "Expectations of Attendees"): record it' in warned[0].message
    recorded = [
        p | {"report_received": "2026-11-12"} if p["id"] == "hv" else p for p in PROFESSIONALS
    ]
    warned = attendance(P, INITIAL, professionals=recorded, today="2026-11-18")
    assert [w.who for w in warned if w.code == "report_not_received"] == ["police"]
