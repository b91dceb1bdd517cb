"""The case file (CONTRACT.md section 1): its model, and loading it with every problem reported.

`model` holds what each key is (pydantic), `checks` the cross-checks that need the whole
file (ids, dates, what each conference type needs) and `load_case`, and `validation` the
general helpers that settings and procedure profiles use too. The names below are the
ones the rest of cpconf imports from `cpconf.case`.
"""

from cpconf.case.checks import TYPE_KEYS, load_case, parse_case
from cpconf.case.model import (
    AGENCY_NAMES,
    CONFERENCE_TYPES,
    ID_PATTERN,
    Agency,
    Attendance,
    Case,
    CaseInfo,
    Category,
    Child,
    ChildViews,
    ConferenceDetails,
    ConferenceType,
    Contact,
    Date,
    Decision,
    Dissent,
    Exclusion,
    FamilyMember,
    Id,
    InquorateDecision,
    Model,
    ObserverConsent,
    OriginatingAuthority,
    Outcome,
    PlanKind,
    Professional,
    Recommendation,
    Time,
)
from cpconf.case.validation import nearest, pydantic_message, validate

__all__ = [
    "AGENCY_NAMES",
    "CONFERENCE_TYPES",
    "ID_PATTERN",
    "TYPE_KEYS",
    "Agency",
    "Attendance",
    "Case",
    "CaseInfo",
    "Category",
    "Child",
    "ChildViews",
    "ConferenceDetails",
    "ConferenceType",
    "Contact",
    "Date",
    "Decision",
    "Dissent",
    "Exclusion",
    "FamilyMember",
    "Id",
    "InquorateDecision",
    "Model",
    "ObserverConsent",
    "OriginatingAuthority",
    "Outcome",
    "PlanKind",
    "Professional",
    "Recommendation",
    "Time",
    "load_case",
    "nearest",
    "parse_case",
    "pydantic_message",
    "validate",
]
