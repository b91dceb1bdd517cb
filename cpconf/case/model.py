"""The case file's model (CONTRACT.md section 1): what each key holds, as pydantic models."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
)

from cpconf.dates import parse_date, parse_time

Date = Annotated[dt.date, BeforeValidator(parse_date)]
Time = Annotated[dt.time, BeforeValidator(parse_time)]

ConferenceType = Literal["initial", "review", "pre-birth", "transfer-in"]
CONFERENCE_TYPES: tuple[str, ...] = ("initial", "review", "pre-birth", "transfer-in")
Agency = Literal[
    "children_social_care",
    "health",
    "education",
    "police",
    "probation",
    "housing",
    "mental_health",
    "substance_misuse",
    "early_help",
    "youth_justice",
    "voluntary",
    "legal",
    "other",
]
AGENCY_NAMES: dict[str, str] = {
    "children_social_care": "children's social care",
    "health": "health",
    "education": "education",
    "police": "the police",
    "probation": "probation",
    "housing": "housing",
    "mental_health": "mental health services",
    "substance_misuse": "drug and alcohol services",
    "early_help": "early help",
    "youth_justice": "the youth justice service",
    "voluntary": "a voluntary organisation",
    "legal": "legal services",
    "other": "another agency",
}
Attendance = Literal["invited", "attending", "apologies", "attended", "absent"]
# How a subject child's wishes and feelings reach the conference (London CP4 4.3-4.18)
ChildViews = Literal[
    "attending",
    "advocate",
    "booklet",
    "written",
    "social-worker",
    "chair-meeting",
    "declined",
]
PlanKind = Literal["child-protection", "child-in-need", "early-help", "no-further-action"]
Category = Literal["physical", "emotional", "sexual", "neglect"]

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")


def _check_id(value: str) -> str:
    if not ID_PATTERN.match(value):
        raise ValueError(
            f"'{value}' is not a valid id: use lower-case letters, digits, '-' and '_', "
            "starting with a letter or digit (e.g. amy, mum, sw-2)"
        )
    return value


Id = Annotated[str, Field(min_length=1), BeforeValidator(lambda v: _check_id(str(v)))]


class Model(BaseModel):
    # str_strip_whitespace: a name of spaces is no name (min_length then refuses it)
    model_config = ConfigDict(
        extra="forbid", coerce_numbers_to_str=True, frozen=True, str_strip_whitespace=True
    )


class CaseInfo(Model):
    reference: str = Field(
        min_length=1, description="The case reference, on every document (required)."
    )
    local_authority: str | None = Field(
        default=None,
        description="The council's name; default: the council settings' (cpconf.yaml).",
    )
    procedure: str = Field(
        default="london",
        description="A built-in procedure profile (london, hackney, york, bolton, warwickshire) or a profile file; default: the settings', else london.",
    )
    region: Literal["england-and-wales", "scotland", "northern-ireland"] | None = Field(
        default=None, description="Bank-holiday region, overriding the profile's."
    )


class Contact(Model):
    name: str = Field(description="Full name.")
    email: str | None = Field(default=None, description="Email address.")
    phone: str | None = Field(default=None, description="Telephone number.")


class InquorateDecision(Model):
    """The chair's decision to go ahead although the conference is inquorate (London CP4 3.11)."""

    reason: str = Field(
        min_length=1, description="Why the chair went ahead although inquorate (London CP4 3.11)."
    )
    decided_by: str | None = Field(default=None, description="Who decided.")
    decided_on: Date | None = Field(default=None, description="When (2026-11-20 or 20/11/2026).")


class OriginatingAuthority(Model):
    """Transfer-in: the authority the child moved from (London CP4 1.17-1.18)."""

    name: str = Field(min_length=1, description="The authority the child moved from.")
    contact: Contact | None = Field(default=None, description="Its contact.")


class ConferenceDetails(Model):
    """The `conference:` section of a case file."""

    type: ConferenceType = Field(
        description="initial | review | pre-birth | transfer-in (required)."
    )
    strategy_discussion: Date | None = Field(
        default=None, description="Initial: date of the (last) strategy discussion."
    )
    previous_conference: Date | None = Field(
        default=None, description="Review: date of the conference before this one."
    )
    previous_type: ConferenceType | None = Field(
        default=None,
        description="Review: the type of the conference before this one (sets 3 or 6 months).",
    )  # required for a review (CONTRACT.md 1)
    transfer_notification: Date | None = Field(
        default=None, description="Transfer-in: date the receiving authority was notified."
    )
    due_date: Date | None = Field(default=None, description="Pre-birth: expected date of delivery.")
    birth_date: Date | None = Field(
        default=None, description="Pre-birth, or a review after one: the day the baby was born."
    )  # pre-birth: once the baby is born (London CP4 1.21)
    mother_medically_unfit: bool = Field(
        default=False,
        description="True: the mother cannot attend within 10 days of the birth (London CP4 1.21).",
    )  # London CP4 1.21: 20 days, not 10
    pre_proceedings: bool = Field(
        default=False,
        description="Pre-birth: proceedings are considered shortly after birth (London CP4 1.11).",
    )  # London CP4 1.11: proceedings considered shortly after birth
    emergency_protection_order_expires: Date | None = Field(
        default=None,
        description="Initial: the day an emergency protection order ends (London CP4 1.8).",
    )  # London CP4 1.8
    looked_after_review: Date | None = Field(
        default=None,
        description="Initial, looked-after child going home: date of the review's decision (London CP4 2.2).",
    )  # London CP4 2.2: the review's decision
    child_assessment_order_ends: Date | None = Field(
        default=None,
        description="Initial: the day a child assessment order's assessments end (London CP4 1.9).",
    )
    premature_birth_likely: bool = Field(
        default=False,
        description="Pre-birth: a premature birth is likely, so hold it earlier (London CP4 1.16).",
    )
    police_involvement: bool | None = Field(
        default=None,
        description="Review: whether the police are still involved with the family (London CP4 7.10).",
    )
    previous_chair: str | None = Field(
        default=None, description="Review: who chaired the conference before (London CP4 8.1)."
    )
    chair_line_responsibility: bool = Field(
        default=False,
        description="The chair has or had line responsibility for the case (London CP4 8.1).",
    )
    originating_authority: OriginatingAuthority | None = Field(
        default=None, description="Transfer-in: the authority the child moved from."
    )  # London CP4 1.17-1.18
    date: Date | None = Field(default=None, description="The booked date of the conference.")
    time: Time | None = Field(
        default=None, description="Start time for the family, 24-hour (10:00)."
    )
    mode: Literal["virtual", "blended", "face-to-face"] | None = Field(
        default=None, description="virtual | blended | face-to-face."
    )
    venue: str | None = Field(
        default=None, description="Where; joining details for virtual or blended."
    )
    chair: Contact | None = Field(
        default=None, description="The chair; default: the council settings' chair."
    )
    coordinator: Contact | None = Field(
        default=None, description="The coordinator; default: the council settings' coordinator."
    )
    delay_reason: str | None = Field(
        default=None, description="Why a date beyond the deadline was booked."
    )
    adjourned_inquorate: Date | None = Field(
        default=None,
        description=(
            "The day the meeting was due and adjourned because it was inquorate, where the "
            "procedure sets a time to reconvene (Scotland: 10 working days)."
        ),
    )
    inquorate_decision: InquorateDecision | None = Field(
        default=None, description="The chair went ahead although inquorate (London CP4 3.11-3.12)."
    )  # London CP4 3.11-3.12
    core_group: list[str] = Field(
        default_factory=list,
        description="A review: the core group going into it (ids); told when a plan ends (London CP4 10.9).",
    )  # `cpconf next` carries it from the conference before


class Child(Model):
    id: Id = Field(description="A short id (a-z, 0-9, - and _), unique in the file.")
    name: str = Field(min_length=1, description="Full name.")
    dob: Date | None = Field(default=None, description="Date of birth (or unborn: true).")
    unborn: bool = Field(default=False, description="True for a baby not yet born (pre-birth).")
    subject: bool = Field(
        default=True,
        description="False: another child in the household, considered but not a subject.",
    )
    invite: bool = Field(
        default=False, description="True: the child is invited to take part (their own letters)."
    )  # the child is invited to take part: their own letters (CP4 4.3-4.18)
    plan_since: Date | None = Field(
        default=None, description="The day the child's protection plan began (London CP4 1.22)."
    )
    views: list[ChildViews] = Field(
        default_factory=list,
        description="How the child's wishes and feelings reach the conference (London CP4 4.3-4.18).",
    )  # London CP4 4.3-4.18

    @field_validator("views", mode="before")
    @classmethod
    def _views_one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @property
    def attending(self) -> bool:
        return "attending" in self.views

    def months_on(self, day: dt.date) -> int | None:
        """Whole months of age on `day` (None: no date of birth, or not born by then)."""
        if self.dob is None or self.dob > day:
            return None
        months = (day.year - self.dob.year) * 12 + day.month - self.dob.month
        return months - (day.day < self.dob.day)

    def age_on(self, day: dt.date) -> int | None:
        if self.dob is None:
            return None
        years = day.year - self.dob.year
        return years - ((day.month, day.day) < (self.dob.month, self.dob.day))

    def age_words(self, day: dt.date) -> str:
        """An age as a letter says it: '7', and under one year '9 months' (never 'aged 0')."""
        months = self.months_on(day)
        if months is None:
            return ""
        if months >= 12:
            return str(self.age_on(day))
        return "under a month" if months == 0 else f"{months} month{'s' * (months != 1)}"


class Exclusion(Model):
    """Why and how a family member is excluded (London CP4 5.1-5.11)."""

    reason: str | None = Field(
        default=None, description="The grounds the chair accepted."
    )  # the grounds the chair accepted
    part: str | None = Field(
        default=None, description="For part exclusion: which part."
    )  # for part exclusion: which part of the conference
    requested_by: str | None = Field(
        default=None, description="Id of the professional who asked."
    )  # id of the professional who asked
    requested_on: Date | None = Field(
        default=None, description="When the request reached the chair (London CP4 5.2)."
    )  # when the representation reached the chair (CP4 5.2)
    decided_on: Date | None = Field(default=None, description="When the chair decided.")
    views: str | None = Field(
        default=None, description="How their views will be heard (London CP4 5.9-5.10)."
    )  # how their views will be heard (CP4 5.9-5.10)


class FamilyMember(Model):
    id: Id = Field(description="A short id (a-z, 0-9, - and _), unique in the file.")
    name: str = Field(min_length=1, description="Full name.")
    relationship: str | None = Field(
        default=None, description="Relationship to the child (mother, father, ...)."
    )
    address: str | None = Field(default=None, description="Postal address.")
    address_confidential: bool = Field(
        default=False, description="True: the address appears in no document but this person's own."
    )
    interpreter: str | None = Field(default=None, description="Language of the interpreter needed.")
    interpreter_arranged: bool = Field(
        default=False, description="True once the interpreter is booked."
    )
    excluded: Literal["none", "part", "full"] = Field(
        default="none", description="none | part | full (London CP4 5)."
    )
    exclusion: Exclusion | None = Field(default=None, description="Why and how they are excluded.")
    # London CP4 5.11: exclusion at one conference is not reason enough for the next; a case
    # file written by `cpconf next` says who was excluded, until the chair decides again
    excluded_before: Literal["part", "full"] | None = Field(
        default=None,
        description=(
            "Excluded (part or full) from the conference before this one: until the chair "
            "decides for this one (then record `excluded` and remove this), they are not "
            "invited (London CP4 5.11)."
        ),
    )
    email: str | None = Field(
        default=None, description="For the email drafts."
    )  # for the email drafts

    @property
    def awaiting_decision(self) -> bool:
        """Excluded last time, and no decision recorded for this conference yet."""
        return self.excluded_before is not None and self.excluded == "none"

    @property
    def invited(self) -> bool:
        """Invited to the conference: not excluded in full, nor awaiting the chair's decision."""
        return self.excluded != "full" and not self.awaiting_decision


class ObserverConsent(Model):
    """An observer attends only with the chair's and the family's prior consent (CP4 3.3)."""

    chair: bool = Field(default=False, description="The chair consented.")
    family: bool = Field(default=False, description="The family consented.")


class Professional(Model):
    id: Id = Field(description="A short id (a-z, 0-9, - and _), unique in the file.")
    name: str = Field(min_length=1, description="Full name.")
    role: str | None = Field(default=None, description="Job title.")
    agency: Agency = Field(
        description="The agency: children_social_care, health, education, police, ..."
    )
    organisation: str | None = Field(default=None, description="Their organisation or team.")
    email: str | None = Field(default=None, description="Email address.")
    phone: str | None = Field(default=None, description="Telephone number.")
    contact_with: list[str] | Literal["all"] = Field(
        default_factory=list,
        description="Ids of the children the agency has had direct contact with, or all.",
    )
    attendance: Attendance = Field(
        default="invited", description="invited | attending | apologies | attended | absent."
    )
    observer: bool = Field(
        default=False, description="True: an observer, never counted towards quorum."
    )
    observer_consent: ObserverConsent | None = Field(
        default=None,
        description="The chair's and family's consent to an observer (London CP4 3.3).",
    )  # London CP4 3.3
    report_received: Date | None = Field(
        default=None,
        description="When their report arrived (London CP4 7.9: every agency sends one).",
    )  # every agency's, attending or not (London CP4 7.9); 3.4's list is missing in the text

    @field_validator("contact_with", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        if isinstance(value, str) and value != "all":
            return [value]
        return value

    def knows(self, child_id: str) -> bool:
        return self.contact_with == "all" or child_id in self.contact_with

    @property
    def present(self) -> bool:
        return self.attendance in ("attending", "attended")


class Decision(Model):
    child: str = Field(description="The child's id.")
    plan: PlanKind = Field(
        description="child-protection | child-in-need | early-help | no-further-action."
    )
    category: Category | None = Field(
        default=None,
        description="physical | emotional | sexual | neglect: required with a child protection "
        "plan, where the procedure has categories (Scotland's records areas of concern instead).",
    )
    concerns: list[str] = Field(
        default_factory=list,
        description="The areas of concern recorded with a plan where the procedure has no "
        "categories (Scotland: National Guidance 2021 para 1.88), e.g. [domestic abuse].",
    )


class Dissent(Model):
    """A disagreement with the decision, recorded in the conference record (London CP4 11.1)."""

    by: str = Field(
        description="Id of who disagreed."
    )  # id of the professional or family member who disagreed
    view: str = Field(min_length=1, description="Their view.")


class Recommendation(Model):
    """A recommendation of the conference, where it says more than its text (CP4 9.7):
    which children it concerns (all subject children where not given), who does it and by
    when, for each child's outline plan."""

    text: str = Field(min_length=1, description="What is to be done.")
    children: list[Id] = Field(
        default_factory=list, description="Ids of the children it concerns (default: all)."
    )
    who: str | None = Field(default=None, description="Who does it.")
    by: Date | None = Field(default=None, description="By when.")

    @field_validator("children", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def concerns(self, child_id: str) -> bool:
        return not self.children or child_id in self.children


class Outcome(Model):
    decisions: list[Decision] = Field(
        default_factory=list, description="One decision for every subject child."
    )
    lead_social_worker: str | None = Field(
        default=None, description="Id of the lead social worker."
    )
    core_group: list[str] = Field(
        default_factory=list, description="Ids of the core group's members."
    )
    # for the decision letter (London CP4 14.13); the plan's deadlines apply where not booked
    first_core_group: Date | None = Field(
        default=None, description="Booked date of the first core group."
    )  # booked date of the first core group meeting
    first_core_group_time: Time | None = Field(default=None, description="Its time (24-hour).")
    next_review: Date | None = Field(
        default=None, description="Booked date of the review conference."
    )  # booked date of the review conference
    core_groups_held: list[Date] = Field(
        default_factory=list, description="Core group meetings held so far."
    )  # the next counts from the last
    recommendations: list[str | Recommendation] = Field(
        default_factory=list,
        description=(
            "The conference's recommendations: text, or {text, children, who, by} for one "
            "that concerns some children only, with who does it and by when."
        ),
    )
    contingency: str | None = Field(
        default=None, description="What happens if the plan is not followed."
    )  # what happens if the plan is not followed
    dissent: list[Dissent] = Field(
        default_factory=list, description="Disagreements with the decision (London CP4 11.1)."
    )


class Case(Model):
    case: CaseInfo = Field(description="The case: reference, council, procedure.")
    conference: ConferenceDetails = Field(description="The conference: type, dates, booking.")
    children: list[Child] = Field(min_length=1, description="The children considered.")
    family: list[FamilyMember] = Field(default_factory=list, description="Family members.")
    professionals: list[Professional] = Field(
        default_factory=list, description="Professionals invited."
    )
    outcome: Outcome | None = Field(
        default=None, description="Present once the conference has been held."
    )
    done: dict[str, Date] = Field(
        default_factory=dict, description="Tasks done: deadline id and the date it was done."
    )

    def child(self, child_id: str) -> Child:
        return next(c for c in self.children if c.id == child_id)

    @property
    def subject_children(self) -> list[Child]:
        return [c for c in self.children if c.subject]

    def person(self, person_id: str) -> Child | FamilyMember | Professional | None:
        for group in (self.children, self.family, self.professionals):
            for item in group:
                if item.id == person_id:
                    return item
        return None

    def social_worker(self) -> Professional | None:
        """The case's social worker: the one every document and listing names.

        The lead social worker once the outcome records one; else the first children's
        social care professional, not an observer, whose role says "social worker"; else
        the first such professional whatever the role (a team manager listed first is
        not the social worker when a social worker is listed too).
        """
        lead_id = self.outcome.lead_social_worker if self.outcome else None
        lead = self.person(lead_id) if lead_id else None
        if isinstance(lead, Professional):
            return lead
        csc = [
            p for p in self.professionals if p.agency == "children_social_care" and not p.observer
        ]
        for p in csc:
            if p.role and "social worker" in p.role.casefold():
                return p
        return csc[0] if csc else None
