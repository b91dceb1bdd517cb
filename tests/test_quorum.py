"""The quorum rule (London CP4 3.10) and the attendance checks around it, from the core library."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cpconf.attendance import attendance_warnings
from cpconf.case import Case
from cpconf.procedures import Profile, Quorum, load_profile
from cpconf.quorum import assess_child, check_quorum, rule_words
from cpconf.schedule import build_schedule

LONDON = load_profile("london")
TODAY = dt.date(2026, 11, 10)


def prof(
    pid: str, agency: str, knows: Any = "all", attendance: str = "attending", **extra: Any
) -> dict[str, Any]:
    return {
        "id": pid,
        "name": pid.upper(),
        "agency": agency,
        "contact_with": knows,
        "attendance": attendance,
        **extra,
    }


def make_case(
    professionals: list[dict[str, Any]],
    children: list[dict[str, Any]] | None = None,
    family: list[dict[str, Any]] | None = None,
    **conference: Any,
) -> Case:
    return Case.model_validate(
        {
            "case": {"reference": "CP-T"},
            "conference": {
                "type": "initial",
                "strategy_discussion": "2026-11-02",
                "date": "2026-11-20",
                **conference,
            },
            "children": children or [{"id": "ben", "name": "Ben Smith", "dob": "2022-07-01"}],
            "family": family or [],
            "professionals": professionals,
        }
    )


def rule(**changes: Any) -> Quorum:
    return LONDON.quorum.model_copy(update=changes)


def ben(case: Case, quorum: Quorum | None = None):
    return assess_child(case, case.child("ben"), quorum or LONDON.quorum)


CSC = prof("sw", "children_social_care")
HEALTH = prof("hv", "health")
POLICE = prof("dc", "police")
SCHOOL = prof("dsl", "education")


@pytest.mark.parametrize(
    ("professionals", "quorate", "by_exception", "present"),
    [
        pytest.param(
            [CSC, HEALTH, POLICE],
            True,
            False,
            ["children_social_care", "health", "police"],
            id="three-agencies",
        ),
        pytest.param(
            [CSC, HEALTH, prof("dc", "police", attendance="attended")],
            True,
            False,
            ["children_social_care", "health", "police"],
            id="attended-counts",
        ),
        pytest.param(
            [CSC, HEALTH, POLICE, SCHOOL],
            True,
            False,
            ["children_social_care", "health", "education", "police"],
            id="four",
        ),
        pytest.param(
            [CSC, HEALTH, prof("dc", "police", attendance="apologies")],
            False,
            False,
            ["children_social_care", "health"],
            id="apologies-do-not-count",
        ),
        pytest.param(
            [
                CSC,
                HEALTH,
                prof("dc", "police", attendance="apologies", report_received="2026-11-18"),
            ],
            False,
            False,
            ["children_social_care", "health"],
            id="apologies-with-report-still-not",
        ),
        pytest.param(
            [CSC, HEALTH, prof("dc", "police", attendance="absent")],
            False,
            False,
            ["children_social_care", "health"],
            id="absent-does-not-count",
        ),
        pytest.param(
            [CSC, HEALTH, prof("dc", "police", attendance="invited")],
            False,
            False,
            ["children_social_care", "health"],
            id="no-reply-does-not-count",
        ),
        pytest.param(
            [CSC, HEALTH, prof("dc", "police", observer=True)],
            False,
            False,
            ["children_social_care", "health"],
            id="observer-does-not-count",
        ),
        pytest.param(
            [CSC, HEALTH, prof("gp", "health"), prof("dc", "police", attendance="apologies")],
            False,
            False,
            ["children_social_care", "health"],
            id="two-health-services-count-once",
        ),
        pytest.param(
            [CSC, HEALTH, prof("dc", "police", knows=["amy"])],
            True,
            True,
            ["children_social_care", "health"],
            id="present-without-contact-no-count",
        ),
        pytest.param(
            [prof("sw", "children_social_care", attendance="apologies"), HEALTH, POLICE, SCHOOL],
            False,
            False,
            ["health", "education", "police"],
            id="no-social-care",
        ),
        pytest.param(
            [HEALTH, POLICE, SCHOOL],
            False,
            False,
            ["health", "education", "police"],
            id="no-social-care-invited",
        ),
        pytest.param(
            [prof("sw", "children_social_care", knows=[]), HEALTH, POLICE],
            True,
            False,
            ["children_social_care", "health", "police"],
            id="social-care-counts-without-listed-contact",
        ),
        # London CP4 3.10: fewer than three agencies in all know the child, every one present
        pytest.param(
            [CSC, HEALTH],
            True,
            True,
            ["children_social_care", "health"],
            id="exception-two-agencies",
        ),
        pytest.param([CSC], True, True, ["children_social_care"], id="exception-social-care-only"),
        pytest.param(
            [CSC, prof("hv", "health", attendance="apologies")],
            False,
            False,
            ["children_social_care"],
            id="exception-needs-every-one",
        ),
        pytest.param(
            [CSC, HEALTH, prof("gp", "health", attendance="apologies")],
            True,
            True,
            ["children_social_care", "health"],
            id="exception-agency-present-via-one",
        ),
        pytest.param(
            [CSC, HEALTH, prof("dc", "police", observer=True, attendance="attending")],
            False,
            False,
            ["children_social_care", "health"],
            id="observer-agency-still-knows-child",
        ),
    ],
)
def test_rule(professionals, quorate, by_exception, present) -> None:
    result = ben(make_case(professionals))
    assert (result.quorate, result.by_exception, result.present) == (quorate, by_exception, present)
    assert (result.missing is None) == quorate


def test_organisations_count_separately_when_the_profile_says_so() -> None:
    case = make_case(
        [
            CSC,
            prof("hv", "health", organisation="Example NHS Trust"),
            prof("gp", "health", organisation="Mill Lane Surgery"),
            prof("dc", "police", attendance="apologies"),
        ]
    )
    assert not ben(case).quorate
    by_org = ben(case, rule(count="organisations"))
    assert by_org.quorate and not by_org.by_exception
    assert by_org.present == ["children_social_care", "Example NHS Trust", "Mill Lane Surgery"]


def test_organisations_mode_says_organisation_in_missing() -> None:
    case = make_case(
        [
            CSC,
            prof("hv", "health", organisation="Example NHS Trust"),
            prof("gp", "health", organisation="Mill Lane Surgery", attendance="apologies"),
            prof("dc", "police", attendance="apologies"),
        ]
    )
    result = ben(case, rule(count="organisations"))
    assert not result.quorate
    assert result.missing is not None
    assert result.missing.startswith("one more organisation with direct contact with Ben: ")
    assert "Mill Lane Surgery (GP, sent apologies)" in result.missing


def test_exception_can_be_switched_off() -> None:
    case = make_case([CSC, HEALTH])
    result = ben(case, rule(exception_when_fewer_known=False))
    assert not result.quorate and not result.by_exception
    assert result.missing == (
        "one more agency with direct contact with Ben "
        "(no other agency is recorded as having had direct contact with Ben)"
    )


def test_how_many_others_comes_from_the_profile() -> None:
    case = make_case([CSC, HEALTH, prof("dc", "police", attendance="apologies")])
    assert not ben(case).quorate
    assert ben(case, rule(other_agencies=1)).quorate


def test_required_agency_comes_from_the_profile() -> None:
    case = make_case(
        [prof("sw", "children_social_care", attendance="apologies"), HEALTH, POLICE, SCHOOL]
    )
    assert not ben(case).quorate
    assert ben(case, rule(required_agency="health")).quorate


@pytest.mark.parametrize(
    ("professionals", "missing"),
    [
        pytest.param(
            [
                CSC,
                HEALTH,
                prof("dc", "police", attendance="apologies"),
                prof("dsl", "education", attendance="invited"),
            ],
            "one more agency with direct contact with Ben: education (DSL, no reply yet) "
            "or the police (DC, sent apologies)",
            id="one-more-names-who-and-why",
        ),
        pytest.param(
            [
                CSC,
                prof("hv", "health", attendance="absent"),
                prof("dc", "police", attendance="apologies"),
                prof("dsl", "education", observer=True),
            ],
            "two more agencies with direct contact with Ben: health (HV, absent), education "
            "(DSL, observer only) or the police (DC, sent apologies)",
            id="two-more",
        ),
        pytest.param(
            [prof("sw", "children_social_care", attendance="apologies"), HEALTH, POLICE],
            "children's social care (SW, sent apologies)",
            id="social-care-only",
        ),
        pytest.param(
            [CSC, prof("hv", "health", attendance="apologies")],
            "health (HV, sent apologies) (only 2 agencies have had direct contact with Ben, "
            "so every one must be present)",
            id="exception-names-the-absent-agency",
        ),
        pytest.param(
            [
                CSC,
                HEALTH,
                prof("gp", "health", knows=["amy"], attendance="apologies"),
                prof("dc", "police", attendance="apologies"),
                prof("pc", "police"),
            ],
            None,
            id="quorate-has-nothing-missing",
        ),
    ],
)
def test_missing_in_plain_words(professionals, missing) -> None:
    assert ben(make_case(professionals)).missing == missing


def test_missing_when_too_few_agencies_are_known_and_exception_off() -> None:
    case = make_case([CSC, HEALTH, prof("dc", "police", attendance="apologies")])
    result = ben(case, rule(other_agencies=3, exception_when_fewer_known=False))
    assert result.missing == (
        "two more agencies with direct contact with Ben: the police (DC, sent apologies) "
        "(and no other agency is recorded as having had direct contact with Ben)"
    )


def test_non_subject_sibling_is_not_assessed() -> None:
    case = make_case(
        [
            CSC,
            prof("hv", "health", knows=["ben"]),
            prof("dc", "police", knows=["ben"]),
            prof("dsl", "education", knows=["kay"], attendance="apologies"),
        ],
        children=[
            {"id": "ben", "name": "Ben Smith", "dob": "2022-07-01"},
            {"id": "kay", "name": "Kayla Smith", "dob": "2010-05-30", "subject": False},
        ],
    )
    report = check_quorum(case, LONDON, LONDON.calendar(), TODAY, exclusion_request=None)
    assert [c.child_id for c in report.children] == ["ben"]
    assert report.quorate
    assert report.not_assessed == ["Kayla Smith"]


def test_each_subject_child_separately() -> None:
    case = make_case(
        [
            CSC,
            prof("hv", "health", knows=["amy"]),
            prof("dsl", "education"),
            prof("dc", "police", knows=["ben"], attendance="apologies"),
        ],
        children=[
            {"id": "amy", "name": "Amy Smith", "dob": "2019-03-14"},
            {"id": "ben", "name": "Ben Smith", "dob": "2022-07-01"},
        ],
    )
    report = check_quorum(case, LONDON, LONDON.calendar(), TODAY, exclusion_request=None)
    assert {c.child_id: c.quorate for c in report.children} == {"amy": True, "ben": False}
    assert not report.quorate and not report.chair_proceeded


def test_chair_proceeding_stays_inquorate() -> None:
    case = make_case(
        [CSC, HEALTH, prof("dc", "police", attendance="apologies")],
        inquorate_decision={"reason": "Risk too high to delay", "decided_by": "Chair"},
    )
    report = check_quorum(case, LONDON, LONDON.calendar(), TODAY, exclusion_request=None)
    assert not report.quorate and report.chair_proceeded
    data = report.to_json()
    assert data["quorate"] is False and data["chair_proceeded"] is True
    assert data["inquorate_decision"]["reason"] == "Risk too high to delay"


def test_chair_decision_on_a_quorate_conference_is_not_proceeding_inquorate() -> None:
    case = make_case([CSC, HEALTH, POLICE], inquorate_decision={"reason": "Expected absences"})
    report = check_quorum(case, LONDON, LONDON.calendar(), TODAY, exclusion_request=None)
    assert report.quorate and not report.chair_proceeded
    assert [w.code for w in report.warnings] == ["inquorate_decision_not_needed"]


def test_chair_decision_on_an_inquorate_conference_needs_no_warning() -> None:
    case = make_case(
        [CSC, HEALTH, prof("dc", "police", attendance="apologies", report_received="2026-11-17")],
        inquorate_decision={"reason": "Risk too high to delay"},
    )
    report = check_quorum(case, LONDON, LONDON.calendar(), TODAY, exclusion_request=None)
    assert report.chair_proceeded and report.warnings == []


def test_rule_words_follow_the_profile() -> None:
    assert rule_words(LONDON.quorum).startswith(
        "children's social care and at least two other agencies with direct contact"
    )
    assert "at least one other organisation with direct contact" in rule_words(
        rule(other_agencies=1, count="organisations")
    )
    assert "at least three other agencies" in rule_words(rule(other_agencies=3))


# -- attendance warnings: each code, once triggered and once not ----------------------------


def warnings(case: Case, profile: Profile = LONDON, today: dt.date = TODAY) -> list[Any]:
    """As the command line gives them: the exclusion and reports deadlines from the plan."""
    plan = build_schedule(case, profile, profile.calendar(), today)
    return attendance_warnings(
        case,
        profile,
        profile.calendar(),
        today,
        exclusion_request=plan.deadline("exclusion_request"),
        agency_reports=plan.deadline("agency_reports"),
    )


def codes(case: Case, profile: Profile = LONDON, today: dt.date = TODAY) -> list[str]:
    return [w.code for w in warnings(case, profile, today)]


BASE = [CSC, HEALTH, POLICE]
BOLTON = load_profile("bolton")

WARNING_CASES: list[Any] = [
    # (code, case kwargs, profile, today, triggered?)
    ("agency_not_invited", {"professionals": [CSC, HEALTH, SCHOOL]}, BOLTON, TODAY, True),
    ("agency_not_invited", {"professionals": BASE}, BOLTON, TODAY, False),
    ("agency_not_invited", {"professionals": [CSC, HEALTH, SCHOOL]}, LONDON, TODAY, False),
    (
        "no_report",
        {"professionals": [CSC, HEALTH, prof("dc", "police", attendance="apologies")]},
        LONDON,
        TODAY,
        True,
    ),
    (
        "no_report",
        {"professionals": [CSC, HEALTH, prof("dc", "police", attendance="absent")]},
        LONDON,
        TODAY,
        True,
    ),
    (
        "no_report",
        {
            "professionals": [
                CSC,
                HEALTH,
                prof("dc", "police", attendance="apologies", report_received="2026-11-17"),
            ]
        },
        LONDON,
        TODAY,
        False,
    ),
    ("no_report", {"professionals": BASE}, LONDON, TODAY, False),
    # London CP4 7.9: every agency's report, chased from 2 working days before the reports'
    # deadline (Wed 18 Nov for a conference on Fri 20 Nov)
    ("report_not_received", {"professionals": BASE}, LONDON, dt.date(2026, 11, 16), True),
    ("report_not_received", {"professionals": BASE}, LONDON, dt.date(2026, 11, 19), True),
    ("report_not_received", {"professionals": BASE}, LONDON, dt.date(2026, 11, 13), False),
    (
        "report_not_received",
        {
            "professionals": [
                CSC,
                prof("hv", "health", report_received="2026-11-12"),
                prof("dc", "police", report_received="2026-11-13"),
            ]
        },
        LONDON,
        dt.date(2026, 11, 18),
        False,
    ),
    # held: the report was for the meeting
    ("report_not_received", {"professionals": BASE}, LONDON, dt.date(2026, 11, 23), False),
    (
        "observer_without_consent",
        {"professionals": [*BASE, prof("st", "other", knows=[], observer=True)]},
        LONDON,
        TODAY,
        True,
    ),
    (
        "observer_without_consent",
        {
            "professionals": [
                *BASE,
                prof("st", "other", knows=[], observer=True, observer_consent={"chair": True}),
            ]
        },
        LONDON,
        TODAY,
        True,
    ),
    (
        "observer_without_consent",
        {
            "professionals": [
                *BASE,
                prof(
                    "st",
                    "other",
                    knows=[],
                    observer=True,
                    observer_consent={"chair": True, "family": True},
                ),
            ]
        },
        LONDON,
        TODAY,
        False,
    ),
    (
        "no_reply",
        {"professionals": [*BASE, prof("dsl", "education", attendance="invited")]},
        LONDON,
        dt.date(2026, 11, 17),
        True,
    ),
    (
        "no_reply",
        {"professionals": [*BASE, prof("dsl", "education", attendance="invited")]},
        LONDON,
        dt.date(2026, 11, 23),
        True,
    ),  # after the date, still "invited"
    (
        "no_reply",
        {"professionals": [*BASE, prof("dsl", "education", attendance="invited")]},
        LONDON,
        dt.date(2026, 11, 16),
        False,
    ),  # 4 working days ahead: not yet
    (
        "no_reply",
        {"professionals": [*BASE, prof("dsl", "education", attendance="invited")], "date": None},
        LONDON,
        dt.date(2026, 11, 19),
        False,
    ),
    (
        "interpreter_not_arranged",
        {
            "professionals": BASE,
            "family": [{"id": "dad", "name": "Tomasz Nowak", "interpreter": "Polish"}],
        },
        LONDON,
        TODAY,
        True,
    ),
    (
        "interpreter_not_arranged",
        {
            "professionals": BASE,
            "family": [
                {
                    "id": "dad",
                    "name": "Tomasz Nowak",
                    "interpreter": "Polish",
                    "interpreter_arranged": True,
                }
            ],
        },
        LONDON,
        TODAY,
        False,
    ),
    (
        "exclusion_no_reason",
        {"professionals": BASE, "family": [{"id": "dad", "name": "T N", "excluded": "part"}]},
        LONDON,
        TODAY,
        True,
    ),
    (
        "exclusion_no_reason",
        {
            "professionals": BASE,
            "family": [
                {"id": "dad", "name": "T N", "excluded": "full", "exclusion": {"part": "all"}}
            ],
        },
        LONDON,
        TODAY,
        True,
    ),
    (
        "exclusion_no_reason",
        {
            "professionals": BASE,
            "family": [
                {
                    "id": "dad",
                    "name": "T N",
                    "excluded": "full",
                    "exclusion": {"reason": "Violence towards staff"},
                }
            ],
        },
        LONDON,
        TODAY,
        False,
    ),
    # conference Friday 20 November 2026: 3 working days before is Tuesday 17 November
    (
        "exclusion_request_late",
        {
            "professionals": BASE,
            "family": [
                {
                    "id": "dad",
                    "name": "T N",
                    "excluded": "full",
                    "exclusion": {"reason": "r", "requested_on": "2026-11-18"},
                }
            ],
        },
        LONDON,
        TODAY,
        True,
    ),
    (
        "exclusion_request_late",
        {
            "professionals": BASE,
            "family": [
                {
                    "id": "dad",
                    "name": "T N",
                    "excluded": "full",
                    "exclusion": {"reason": "r", "requested_on": "2026-11-17"},
                }
            ],
        },
        LONDON,
        TODAY,
        False,
    ),
    (
        "child_views_not_recorded",
        {"professionals": BASE, "children": [{"id": "ben", "name": "Ben", "dob": "2016-11-20"}]},
        LONDON,
        TODAY,
        True,
    ),  # 10 that day
    (
        "child_views_not_recorded",
        {"professionals": BASE, "children": [{"id": "ben", "name": "Ben", "dob": "2016-11-21"}]},
        LONDON,
        TODAY,
        False,
    ),  # still 9
    (
        "child_views_not_recorded",
        {
            "professionals": BASE,
            "children": [{"id": "ben", "name": "Ben", "dob": "2012-01-01", "views": "advocate"}],
        },
        LONDON,
        TODAY,
        False,
    ),
    (
        "child_views_not_recorded",
        {
            "professionals": BASE,
            "children": [
                {"id": "ben", "name": "Ben", "dob": "2022-01-01"},
                {"id": "kay", "name": "Kay", "dob": "2010-01-01", "subject": False},
            ],
        },
        LONDON,
        TODAY,
        False,
    ),  # not a subject
    (
        "young_child_attending",
        {
            "professionals": BASE,
            "children": [{"id": "ben", "name": "Ben", "dob": "2022-07-01", "views": ["attending"]}],
        },
        LONDON,
        TODAY,
        True,
    ),
    (
        "young_child_attending",
        {
            "professionals": BASE,
            "children": [{"id": "ben", "name": "Ben", "unborn": True, "views": "attending"}],
            "type": "pre-birth",
            "due_date": "2027-03-01",
        },
        LONDON,
        TODAY,
        True,
    ),
    (
        "young_child_attending",
        {
            "professionals": BASE,
            "children": [{"id": "ben", "name": "Ben", "dob": "2014-07-01", "views": ["attending"]}],
        },
        LONDON,
        TODAY,
        False,
    ),
    (
        "young_child_attending",
        {
            "professionals": BASE,
            "children": [
                {"id": "ben", "name": "Ben", "dob": "2022-07-01", "views": "social-worker"}
            ],
        },
        LONDON,
        TODAY,
        False,
    ),
]


@pytest.mark.parametrize(
    ("code", "kwargs", "profile", "today", "triggered"),
    WARNING_CASES,
    ids=[f"{c[0]}-{'yes' if c[4] else 'no'}-{i}" for i, c in enumerate(WARNING_CASES)],
)
def test_attendance_warning(code, kwargs, profile, today, triggered) -> None:
    kwargs = dict(kwargs)
    case = make_case(
        kwargs.pop("professionals"),
        kwargs.pop("children", None),
        kwargs.pop("family", None),
        **kwargs,
    )
    assert (code in codes(case, profile, today)) is triggered


def test_every_warning_code_is_tested_both_ways() -> None:
    seen = {(c[0], c[4]) for c in WARNING_CASES}
    all_codes = {c[0] for c in WARNING_CASES}
    assert all_codes == {
        "agency_not_invited",
        "no_report",
        "report_not_received",
        "observer_without_consent",
        "no_reply",
        "interpreter_not_arranged",
        "exclusion_no_reason",
        "exclusion_request_late",
        "child_views_not_recorded",
        "young_child_attending",
    }
    assert all((code, True) in seen and (code, False) in seen for code in all_codes)


def test_warning_messages_cite_the_procedure() -> None:
    case = make_case([CSC, HEALTH, prof("dc", "police", attendance="apologies")])
    (warning,) = warnings(case, BOLTON)
    assert warning.code == "no_report" and warning.who == "dc"
    assert "Bolton leaflet" in warning.message
    (warning,) = warnings(case, LONDON)
    # CP4 3.4's list is missing from the text held: 7.9 asks every agency for a report
    assert "London CP4 7.9: 'All agencies working with the family should provide" in (
        warning.message
    )


def test_every_report_not_in_near_its_deadline_is_named_but_not_the_social_workers() -> None:
    case = make_case([CSC, HEALTH, POLICE, prof("st", "other", knows=[], observer=True)])
    found = [
        w for w in warnings(case, LONDON, dt.date(2026, 11, 18)) if w.code == "report_not_received"
    ]
    # the social worker's report has deadlines of its own (CP4 7.7, 7.8); an observer sends none
    assert [w.who for w in found] == ["hv", "dc"]
    assert found[0].message.startswith(
        "No report is recorded from HV (health); reports are due today (2 working days "
        "before the conference)"
    )
    assert "(chased from 2 working days before, local practice: not in the procedure)" in (
        found[0].message
    )
    late = warnings(case, LONDON, dt.date(2026, 11, 19))
    assert "were due by Wednesday 18 November 2026, 1 working day ago" in late[0].message


def test_no_police_report_is_chased_at_a_review_without_police_involvement() -> None:
    review = {
        "type": "review",
        "previous_conference": "2026-08-20",
        "previous_type": "initial",
        "strategy_discussion": None,
    }
    case = make_case(BASE, **review, police_involvement=False)
    found = [
        w.who
        for w in warnings(case, LONDON, dt.date(2026, 11, 13))
        if w.code == "report_not_received"
    ]
    assert found == ["hv"]  # London CP4 7.10
    case = make_case(BASE, **review, police_involvement=True)
    found = [
        w.who
        for w in warnings(case, LONDON, dt.date(2026, 11, 13))
        if w.code == "report_not_received"
    ]
    assert found == ["hv", "dc"]


def test_a_child_whose_name_is_blank_is_named_by_id_not_a_crash():
    case = make_case([prof("sw", "children_social_care"), prof("hv", "health", "all", "apologies")])
    blank = case.child("ben").model_copy(update={"name": " "})  # past validation, as a library
    result = assess_child(case, blank, LONDON.quorum)
    assert not result.quorate
    assert result.missing and "direct contact with ben" in result.missing


def test_warnings_never_nest_brackets() -> None:
    # Bolton's sources carry notes of their own in brackets
    case = make_case([CSC, HEALTH, prof("dc", "probation", attendance="apologies")])
    found = warnings(case, BOLTON)
    assert {w.code for w in found} >= {"no_report", "agency_not_invited"}
    for w in found:
        depth = deepest = 0
        for ch in w.message:
            depth += {"(": 1, ")": -1}.get(ch, 0)
            deepest = max(deepest, depth)
        assert deepest <= 1, w.message


def test_the_quorum_view_of_a_child_whose_name_is_blank_names_them_by_id():
    from rich.console import Console

    from cpconf.output.quorum import quorum_view
    from cpconf.workdays import WorkingCalendar

    case = make_case([prof("sw", "children_social_care"), prof("hv", "health")])
    blank = case.child("ben").model_copy(update={"name": " "})  # past validation, as a library
    case = case.model_copy(update={"children": [blank]})
    report = check_quorum(case, LONDON, WorkingCalendar(), TODAY, exclusion_request=None)
    assert report.children[0].by_exception
    console = Console(width=200, record=True)
    console.print(quorum_view(report))
    assert "direct contact with ben, and all are present" in console.export_text()
