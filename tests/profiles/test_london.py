"""London Child Protection Procedures, CP4 (the `london` profile, the default), in its words.

Each rule is quoted from its numbered paragraph of CP4 (the seed 004_*, docs/RULES.md 1.1)
and asserted on a case whose dates a person can check on a calendar. Bank holidays
(England): Christmas Fri 25 Dec 2026, Boxing Day observed Mon 28 Dec 2026, New Year Fri
1 Jan 2027; Good Friday 26 Mar and Easter Monday 29 Mar 2027.
"""

from __future__ import annotations

import pytest

from cpconf.procedures import load_profile
from tests.profiles.procedure import (
    CHILD_IN_NEED,
    PROTECTION_PLAN,
    Quote,
    assert_deadline,
    attendance,
    plan,
)

P = "london"
WITHIN_15_WORKING_DAYS = Quote(
    P, "1.7", "The initial child protection conference should take place within 15 working days"
)
BEFORE_THE_EPO_EXPIRES = Quote(
    P, "1.8", "the conference should, whenever possible, be held before the EPO expires"
)
TEN_WEEKS_BEFORE_DELIVERY = Quote(P, "1.16", "at least ten weeks before the due date of delivery")
TRANSFER_IN = Quote(P, "1.18", "which should take place within 15 working days of the notification")
FIRST_REVIEW = Quote(
    P,
    "1.20",
    "The first child protection review conference should be held within three months of the "
    "date of the initial child protection conference.",
)
FURTHER_REVIEWS = Quote(
    P, "1.20", "Further reviews should be held at intervals of not more than six months"
)
AFTER_THE_BIRTH = Quote(
    P,
    "1.21",
    "either a Review Conference or Core Group should be held within 10 days of the birth",
)
RETURNING_HOME = Quote(P, "2.2", "to take place within 15 days of the case review decision")
EARLY_REVIEW = Quote(
    P,
    "3.12",
    "Where an inquorate conference is held, an early review conference should be arranged.",
)
EXCLUSION = Quote(
    P,
    "5.2",
    "representation must be made, if possible at least three working days in advance, to the "
    "Chair of the conference",
)
REPORT_TO_PARENTS = Quote(
    P,
    "7.7",
    "at least two working days in advance of the initial conferences and a minimum of five "
    "working days before review conferences",
)
REPORT_TO_CHAIR = Quote(
    P,
    "7.8",
    "The report should be available to the conference Chair at least two working days prior "
    "to the initial conference and five working days in advance of the review conference.",
)
AGENCY_REPORTS = Quote(
    P,
    "7.9",
    "It should also be made available to the conference Chair and other attendees two working "
    "days in advance",
)
# CP4 9.8's list ("The outline plan should:") is missing from the seed (docs/RULES.md,
# "About the CP4 seed"): what is left says the core group agrees the plan's details
CORE_GROUP = Quote(P, "9.8", "The details of the plan will be agreed by the core group")
CHILD_IN_NEED_REVIEW = Quote(
    P, "10.10", "The plan should be reviewed at regular intervals of no more than every 12 weeks."
)
RECORD = Quote(
    P,
    "14.4",
    "should be sent to all those who attended or were invited to the conference within 20 "
    "working days of the conference.",
)
AMENDMENTS = Quote(
    P, "14.4", "Any amendments should be received within one week of receipt of record."
)
DECISION_LETTER = Quote(
    P,
    "14.13",
    "The outline plan, signed by the conference Chair, should be sent together with the "
    "decision letter, to all those who attended or were invited to the conference",
)
WITHIN_ONE_WORKING_DAY = Quote(P, "14.13", "within one working day of the conference")

EVERY_AGENCY_REPORTS = Quote(
    P,
    "7.9",
    "All agencies working with the family should provide the conference with a written, "
    "signed report",
)
QUORUM_BREACHED = Quote(P, "3.10", "this minimum quorum may be breached")
QUOTES = [
    EVERY_AGENCY_REPORTS,
    QUORUM_BREACHED,
    WITHIN_15_WORKING_DAYS,
    BEFORE_THE_EPO_EXPIRES,
    TEN_WEEKS_BEFORE_DELIVERY,
    TRANSFER_IN,
    FIRST_REVIEW,
    FURTHER_REVIEWS,
    AFTER_THE_BIRTH,
    RETURNING_HOME,
    EARLY_REVIEW,
    EXCLUSION,
    REPORT_TO_PARENTS,
    REPORT_TO_CHAIR,
    AGENCY_REPORTS,
    CORE_GROUP,
    CHILD_IN_NEED_REVIEW,
    RECORD,
    AMENDMENTS,
    DECISION_LETTER,
    WITHIN_ONE_WORKING_DAY,
]

INITIAL = {"type": "initial", "strategy_discussion": "2026-11-02", "date": "2026-11-20"}


@pytest.mark.parametrize("quote", QUOTES, ids=str)
def test_the_quotes_are_cp4s_own_words(quote):
    found = quote.in_seed()
    if found is None:
        pytest.skip("the procedure texts are not beside the repository")
    assert found, f"not in CP4 {quote.where}: {quote.words}"


def test_an_initial_conference_and_what_it_sets():
    initial = plan(P, INITIAL)  # strategy discussion Mon 2 Nov, booked Fri 20 Nov 2026
    assert_deadline(
        WITHIN_15_WORKING_DAYS, initial, "conference", "2026-11-23", source="London CP4 1.7"
    )
    assert_deadline(EXCLUSION, initial, "exclusion_request", "2026-11-17", source="London CP4 5.2")
    assert_deadline(REPORT_TO_PARENTS, initial, "social_worker_report_to_parents", "2026-11-18")
    assert_deadline(REPORT_TO_CHAIR, initial, "social_worker_report_to_chair", "2026-11-18")
    assert_deadline(
        AGENCY_REPORTS, initial, "agency_reports", "2026-11-18", source="London CP4 7.9"
    )
    assert_deadline(WITHIN_ONE_WORKING_DAY, initial, "decision_letter", "2026-11-23")
    assert_deadline(
        DECISION_LETTER, initial, "decision_letter", "2026-11-23", source="London CP4 14.13"
    )
    assert_deadline(CORE_GROUP, initial, "first_core_group", "2026-12-04")
    assert_deadline(
        RECORD, initial, "conference_record", "2026-12-18", source="London CP4 14.4, 14.5"
    )
    assert_deadline(FIRST_REVIEW, initial, "next_review", "2027-02-19", source="London CP4 1.20")
    assert initial.warnings == []


def test_within_15_working_days_skips_christmas_and_new_year():
    # Mon 14 Dec 2026: 4 + 4 + 3 (29-31 Dec) + 4 (4-7 Jan) working days
    assert_deadline(
        WITHIN_15_WORKING_DAYS,
        plan(P, {"type": "initial", "strategy_discussion": "2026-12-14"}),
        "conference",
        "2027-01-07",
    )


def test_before_it_is_booked_the_reports_count_back_from_the_latest_date():
    unbooked = plan(P, {"type": "initial", "strategy_discussion": "2026-11-02"})
    assert_deadline(AGENCY_REPORTS, unbooked, "agency_reports", "2026-11-19")  # Mon 23 Nov - 2
    assert_deadline(RECORD, unbooked, "conference_record", None)  # nothing after it, yet


@pytest.mark.parametrize(
    ("expires", "due", "source"),
    [
        ("2026-12-20", "2026-12-18", "London CP4 1.8"),  # Sun: the Friday before
        ("2027-01-15", "2026-12-30", "London CP4 1.7"),  # after the usual deadline: no change
    ],
)
def test_before_an_emergency_protection_order_expires(expires, due, source):
    conference = {
        "type": "initial",
        "strategy_discussion": "2026-12-07",
        "emergency_protection_order_expires": expires,
    }
    assert_deadline(BEFORE_THE_EPO_EXPIRES, plan(P, conference), "conference", due, source=source)


def test_a_looked_after_child_going_home_15_days_from_the_review_decision():
    # Thu 10 Dec + 15 days = Fri 25 Dec, Christmas Day: the working day before
    conference = {"type": "initial", "looked_after_review": "2026-12-10"}
    assert_deadline(
        RETURNING_HOME, plan(P, conference), "conference", "2026-12-24", source="London CP4 2.2"
    )


@pytest.mark.parametrize(
    ("due_date", "conference"),
    [
        ("2027-03-01", "2026-12-21"),  # Mon 1 Mar - 10 weeks = Mon 21 Dec
        ("2027-03-08", "2026-12-24"),  # Mon 28 Dec is Boxing Day observed: at least 10 weeks
    ],
)
def test_a_pre_birth_conference_ten_weeks_before_delivery(due_date, conference):
    pre_birth = plan(P, {"type": "pre-birth", "due_date": due_date, "date": "2026-12-10"})
    assert_deadline(
        TEN_WEEKS_BEFORE_DELIVERY, pre_birth, "conference", conference, source="London CP4 1.16"
    )
    assert_deadline(AFTER_THE_BIRTH, pre_birth, "birth_review", None)  # not born yet


def test_within_10_days_of_the_birth():
    born = {
        "type": "pre-birth",
        "due_date": "2027-03-01",
        "date": "2026-12-10",
        "birth_date": "2027-02-20",
    }
    # Sat 20 Feb + 10 days = Tue 2 Mar
    assert_deadline(
        AFTER_THE_BIRTH, plan(P, born), "birth_review", "2027-03-02", source="London CP4 1.21"
    )


def test_a_transfer_in_conference_within_15_working_days_of_the_notification():
    transfer = plan(
        P, {"type": "transfer-in", "transfer_notification": "2026-11-16", "date": "2026-12-04"}
    )
    assert_deadline(TRANSFER_IN, transfer, "conference", "2026-12-07", source="London CP4 1.18")
    assert_deadline(CORE_GROUP, transfer, "first_core_group", "2026-12-18")
    assert_deadline(FIRST_REVIEW, transfer, "next_review", "2027-03-04")


@pytest.mark.parametrize(
    ("previous", "previous_type", "due", "rule"),
    [
        ("2026-11-20", "initial", "2027-02-19", FIRST_REVIEW),  # Sat 20 Feb: the Friday
        ("2026-11-30", "pre-birth", "2027-02-26", FIRST_REVIEW),  # Sun 28 Feb: the Friday
        ("2026-11-30", "transfer-in", "2027-02-26", FIRST_REVIEW),
        ("2026-12-29", "initial", "2027-03-25", FIRST_REVIEW),  # Easter Monday, Good Friday
        ("2026-06-26", "review", "2026-12-24", FURTHER_REVIEWS),  # Sat 26 Dec; Christmas Day
        ("2026-11-30", "review", "2027-05-28", FURTHER_REVIEWS),  # Sun 30 May: the Friday
    ],
)
def test_reviews_within_three_months_then_six(previous, previous_type, due, rule):
    review = {
        "type": "review",
        "previous_conference": previous,
        "previous_type": previous_type,
        "date": "2027-06-30",
    }
    assert_deadline(rule, plan(P, review, today=previous), "conference", due)


def test_a_review_and_what_it_sets():
    review = plan(
        P,
        {
            "type": "review",
            "previous_conference": "2026-11-30",
            "previous_type": "initial",
            "date": "2027-02-24",
        },
    )
    assert_deadline(REPORT_TO_PARENTS, review, "social_worker_report_to_parents", "2027-02-17")
    assert_deadline(REPORT_TO_CHAIR, review, "social_worker_report_to_chair", "2027-02-17")
    assert_deadline(AGENCY_REPORTS, review, "agency_reports", "2027-02-17")  # five, for a review
    assert_deadline(FURTHER_REVIEWS, review, "next_review", "2027-08-24")
    assert_deadline(CORE_GROUP, review, "first_core_group", None)  # the core group exists


def test_no_protection_plan_no_core_group_and_no_review():
    held = plan(P, INITIAL, outcome=CHILD_IN_NEED)
    assert_deadline(CORE_GROUP, held, "first_core_group", None)
    assert_deadline(FIRST_REVIEW, held, "next_review", None)
    assert_deadline(WITHIN_ONE_WORKING_DAY, held, "decision_letter", "2026-11-23")
    with_plan = plan(P, INITIAL, outcome=PROTECTION_PLAN)
    assert_deadline(CORE_GROUP, with_plan, "first_core_group", "2026-12-04")
    assert_deadline(FIRST_REVIEW, with_plan, "next_review", "2027-02-19")


def test_a_plan_ended_for_a_child_in_need_plan_is_reviewed_every_12_weeks():
    review = {
        "type": "review",
        "previous_conference": "2026-08-24",
        "previous_type": "initial",
        "date": "2026-11-19",
    }
    ended = plan(P, review, outcome=CHILD_IN_NEED)
    # Thu 19 Nov + 12 weeks
    assert_deadline(
        CHILD_IN_NEED_REVIEW, ended, "cin_plan_review", "2027-02-11", source="London CP4 10.10"
    )
    assert_deadline(FURTHER_REVIEWS, ended, "next_review", None)
    assert_deadline(
        CHILD_IN_NEED_REVIEW, plan(P, review), "cin_plan_review", None
    )  # no outcome yet


def test_amendments_within_one_week_of_receiving_the_record():
    sent = plan(P, INITIAL, done={"conference_record": "2026-12-11"})
    assert_deadline(AMENDMENTS, sent, "record_amendments", "2026-12-18", source="London CP4 14.4")
    assert_deadline(AMENDMENTS, plan(P, INITIAL), "record_amendments", None)  # not sent yet


def test_an_early_review_where_the_chair_went_ahead_inquorate():
    # the interval is not in CP4 3.12: the profile's default, 1 month, marked to set locally
    inquorate = INITIAL | {"inquorate_decision": {"reason": "Police unable to attend"}}
    early = plan(P, inquorate)
    assert_deadline(EARLY_REVIEW, early, "early_review", "2026-12-18")  # Sun 20 Dec: Friday
    assert early.deadline("early_review").local  # shown as "(local practice: not in the procedure)"
    assert_deadline(EARLY_REVIEW, plan(P, INITIAL), "early_review", None)


def test_every_agency_reports_whether_or_not_it_attends():
    london = load_profile(P).attendance
    # 3.4's list is missing from the text held: the report is cited to 7.9, quoted
    assert EVERY_AGENCY_REPORTS.words in london.report_source
    assert london.report_from_all and london.report_from_all_source == "London CP4 7.9"
    # reports due Wed 18 Nov (2 working days before Fri 20 Nov): chased from Mon 16 Nov
    assert attendance(P, INITIAL, today="2026-11-13") == []
    chased = attendance(P, INITIAL, today="2026-11-16")
    assert [(w.code, w.who) for w in chased] == [
        ("report_not_received", "hv"),
        ("report_not_received", "police"),
    ], EVERY_AGENCY_REPORTS
    assert "are due by Wednesday 18 November 2026, in 2 working days" in chased[0].message


def test_every_one_present_where_fewer_agencies_know_the_child_is_local():
    london = load_profile(P)
    quorum = london.quorum
    # 3.10 says only that the quorum "may be breached"; the condition is CONTRACT.md's
    assert quorum.is_local("exception_when_fewer_known"), QUORUM_BREACHED
    assert "'may be breached'" in (quorum.exception_source or "")
    assert "that every one of them is then present" in quorum.exception_citation()
    assert "CONTRACT.md" not in quorum.exception_citation()  # what a coordinator is shown
    assert quorum.exception_citation().endswith("local practice: not in the procedure")
    assert ("quorum.exception_when_fewer_known", True) in london.local_values()
    assert ("attendance.report_chased_working_days", 2) in london.local_values()
    council = london.with_local({"quorum.exception_when_fewer_known": False})
    assert council.quorum.exception_when_fewer_known is False
