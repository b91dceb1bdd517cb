"""The case file (CONTRACT.md section 1): its model, and loading it with every problem reported."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from cpconf.dates import parse_date, parse_time
from cpconf.errors import CaseError, Problem
from cpconf.names import a_or_an
from cpconf.yamlload import Document, Loc, load_yaml

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

    def age_on(self, day: dt.date) -> int | None:
        if self.dob is None:
            return None
        years = day.year - self.dob.year
        return years - ((day.month, day.day) < (self.dob.month, self.dob.day))


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
    email: str | None = Field(
        default=None, description="For the email drafts."
    )  # for the email drafts


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
        default=None, description="When their report arrived, if unable to attend (London CP4 3.4)."
    )  # when unable to attend (London CP4 3.4)

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
        description="physical | emotional | sexual | neglect: required with a child protection plan.",
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


# -- loading ---------------------------------------------------------------------------


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def nearest(value: object, choices: list[str]) -> str:
    close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
    return f"; did you mean '{close[0]}'?" if close else ""


def _keys_at(root: type[BaseModel], loc: Loc) -> list[str]:
    """The keys the model allows at `loc` (a path of keys and list indexes)."""
    cls: type[BaseModel] | None = root
    for part in loc:
        if isinstance(part, int) or cls is None:
            continue
        fld = cls.model_fields.get(str(part))
        if fld is None:
            return []
        cls = _submodel(fld.annotation)
    return [f.alias or name for name, f in cls.model_fields.items()] if cls else []


def _submodel(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def _in_data(loc: Loc, data: Any, keep_last: bool) -> Loc:
    """`loc` less the parts that are not keys or indexes of `data` along the way."""
    out: list[str | int] = []
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        present = (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        )
        if present:
            data = data[part]
        elif not (last and keep_last):
            continue  # a union branch's name, not a key of the file
        out.append(part)
    return tuple(out)


def pydantic_message(
    err: dict[str, Any], doc: Document, root: type[BaseModel] | None = None
) -> tuple[Loc, str]:
    kind = err["type"]
    # pydantic also names the union branch it tried ('list[str]', 'literal[...]', a
    # model's name): keep only the parts that are really there in the file's data
    loc = _in_data(tuple(err["loc"]), doc.data, keep_last=kind in ("extra_forbidden", "missing"))
    where = _dotted(loc)
    value = err.get("input")
    if kind == "missing":
        return loc, f"{where}: required but missing"
    if kind == "extra_forbidden":
        parent = loc[:-1]
        hint = nearest(loc[-1], _keys_at(root, parent)) if root else ""
        return loc, f"{_dotted(parent) or 'top level'}: unknown key '{loc[-1]}'{hint}"
    if value is None:  # `key:` or `key: null`: one message, whatever the type wanted
        return loc, f"{where}: has no value: give one, or leave the key out"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", err["ctx"]["expected"])
        return loc, (
            f"{where}: '{value}' is not one of {', '.join(choices)}" + nearest(value, choices)
        )
    if kind in ("bool_parsing", "bool_type"):
        return loc, f"{where}: '{value}' is not true or false"
    if kind == "string_too_short":
        return loc, f"{where}: must not be empty"
    if kind == "string_type":
        return loc, f"{where}: expected text, got {value!r}"
    if kind == "value_error":
        return loc, f"{where}: {err['ctx']['error']}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return loc, f"{where}: expected a mapping of keys and values, got {value!r}"
    if kind == "list_type":
        return loc, f"{where}: expected a list, got {value!r}"
    if kind == "too_short" and isinstance(value, list):
        return loc, f"{where}: must list at least one item"
    return loc, f"{where}: {err['msg']}"


def _items(data: Any, group: str) -> list[tuple[int, dict[str, Any]]]:
    """The mappings listed under `group` in raw case data (anything else is the schema's)."""
    items = data.get(group) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _as_id(value: Any) -> str | None:
    """An id as the model will read it (numbers become text), or None if it is not one."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    return value.strip() if isinstance(value, str) else None


def _reference_checks(doc: Document) -> list[Problem]:
    """Ids unique, and every id referred to exists: on the raw data, so that these are
    reported together with the schema's problems rather than in a second round."""
    problems: list[Problem] = []
    seen: dict[str, Loc] = {}
    ids: dict[str, list[str]] = {}
    for group in ("children", "family", "professionals"):
        ids[group] = []
        for i, item in _items(doc.data, group):
            value = _as_id(item.get("id"))
            if value is None:
                continue
            loc: Loc = (group, i, "id")
            if value in seen:
                first = doc.line(seen[value])
                problems.append(
                    doc.problem(
                        loc,
                        f"{_dotted(loc)}: id '{value}' is used twice"
                        + (f" (first on line {first})" if first else ""),
                    )
                )
            else:
                seen[value] = loc
            ids[group].append(value)
    child_ids = ids["children"]
    people_ids = child_ids + ids["family"] + ids["professionals"]

    def check(loc: Loc, raw: Any, known: list[str], what: str) -> None:
        ref = _as_id(raw)
        if ref is not None and ref not in known:
            problems.append(
                doc.problem(
                    loc, f"{_dotted(loc)}: no {what} has the id '{ref}'" + nearest(ref, known)
                )
            )

    conference = doc.data.get("conference") if isinstance(doc.data, dict) else None
    current = conference.get("core_group") if isinstance(conference, dict) else None
    if isinstance(current, list):
        for j, member in enumerate(current):
            check(("conference", "core_group", j), member, people_ids, "person")
    for i, prof in _items(doc.data, "professionals"):
        contact = prof.get("contact_with")
        if isinstance(contact, str | int) and contact != "all":
            check(("professionals", i, "contact_with"), contact, child_ids, "child")
        elif isinstance(contact, list):
            for j, ref in enumerate(contact):
                check(("professionals", i, "contact_with", j), ref, child_ids, "child")
    outcome = doc.data.get("outcome") if isinstance(doc.data, dict) else None
    if isinstance(outcome, dict):
        for i, decision in _items(outcome, "decisions"):
            check(("outcome", "decisions", i, "child"), decision.get("child"), child_ids, "child")
        check(
            ("outcome", "lead_social_worker"),
            outcome.get("lead_social_worker"),
            ids["professionals"],
            "professional",
        )
        core = outcome.get("core_group")
        if isinstance(core, list):
            for j, member in enumerate(core):
                check(("outcome", "core_group", j), member, people_ids, "person")
        for j, dissent in _items(outcome, "dissent"):
            check(("outcome", "dissent", j, "by"), dissent.get("by"), people_ids, "person")
        for j, rec in _items(outcome, "recommendations"):
            named = rec.get("children")
            for k, ref in enumerate(named if isinstance(named, list) else [named]):
                at: Loc = ("outcome", "recommendations", j, "children")
                check((*at, k) if isinstance(named, list) else at, ref, child_ids, "child")
    return problems


def _given(item: dict[str, Any], key: str) -> bool:
    """The key is there with a value (`key:` alone, or null, is no value: the model's None)."""
    return item.get(key) is not None


def _flag(item: dict[str, Any], key: str, default: bool) -> bool | None:
    """A true/false key as the model reads it; None where the value is not one (the schema
    reports that, and the checks that depend on it wait for it to be mended)."""
    value = item.get(key)
    if value is None:
        return default
    return value if isinstance(value, bool) else None


def _misspelt(item: dict[str, Any], key: str, at: Loc = ("conference",)) -> bool:
    """An unknown key of the mapping at `at` whose nearest known key is `key`: the schema's
    "unknown key …; did you mean '{key}'?" says it all, and "required" would mislead."""
    known = _keys_at(Case, at)
    return any(
        isinstance(k, str) and k not in known and nearest(k, known) == f"; did you mean '{key}'?"
        for k in item
    )


def _presence_checks(doc: Document) -> list[Problem]:
    """What the schema alone cannot say and the raw data can: the fields each type needs,
    a date of birth for every born child, a decision for every subject child.

    On the raw data, so that these are reported together with the schema's problems: a
    child missing its date of birth must not wait for the next run because an unknown key
    was found first. Where a value these checks read is itself wrong, the schema says so
    and the check that depends on it is left out rather than guessed.
    """
    problems: list[Problem] = []
    data = doc.data if isinstance(doc.data, dict) else {}
    children = _items(data, "children")
    for i, child in children:
        loc: Loc = ("children", i)
        unborn = _flag(child, "unborn", False)
        if unborn and _given(child, "dob"):
            problems.append(
                doc.problem(
                    (*loc, "unborn"), f"{_dotted(loc)}: give either dob or unborn: true, not both"
                )
            )
        if unborn is False and not _given(child, "dob") and not _misspelt(child, "dob", loc):
            problems.append(doc.problem(loc, f"{_dotted(loc)}: dob is required (or unborn: true)"))
    subject_flags = [_flag(child, "subject", True) for _, child in children]
    if children and not any(subject_flags) and None not in subject_flags:
        problems.append(doc.problem(("children",), "children: no child is marked as a subject"))

    conf = data.get("conference")
    kind = conf.get("type") if isinstance(conf, dict) else None
    if isinstance(conf, dict) and kind in CONFERENCE_TYPES:
        need = {
            "initial": "strategy_discussion",
            "review": "previous_conference",
            "transfer-in": "transfer_notification",
            "pre-birth": "due_date",
        }[kind]
        if kind == "initial" and not _given(conf, need) and _given(conf, "looked_after_review"):
            need = "looked_after_review"  # London CP4 2.2: counted from the review's decision
        if not _given(conf, need) and not _misspelt(conf, need):
            also = " (or looked_after_review, for a looked-after child going home)"
            problems.append(
                doc.problem(
                    ("conference", "type"),
                    f"conference.{need}: required for {a_or_an(kind)} conference"
                    + (also if kind == "initial" else ""),
                )
            )
        if (
            kind == "review"
            and not _given(conf, "previous_type")
            and not _misspelt(conf, "previous_type")
        ):
            # CONTRACT.md 1: the interval to the review depends on it, and no default is safe
            problems.append(
                doc.problem(
                    ("conference", "type"),
                    "conference.previous_type: required for a review: the type of the conference "
                    "it reviews (initial, review, pre-birth or transfer-in), which sets whether it "
                    "is due 3 or 6 months after it",
                )
            )
        unborn_flags = [_flag(child, "unborn", False) for _, child in children]
        if (
            kind == "pre-birth"
            and isinstance(data.get("children"), list)
            and not any(unborn_flags)
            and None not in unborn_flags
            and not _given(conf, "birth_date")
        ):
            problems.append(
                doc.problem(
                    ("children",),
                    "children: a pre-birth conference needs a child with unborn: true "
                    "(or conference.birth_date once the baby is born)",
                )
            )

    outcome = data.get("outcome")
    if isinstance(outcome, dict):
        problems += _decision_checks(doc, outcome, children)
    return problems


def _decision_checks(
    doc: Document, outcome: dict[str, Any], children: list[tuple[int, dict[str, Any]]]
) -> list[Problem]:
    """One decision for each subject child, and a category exactly with a protection plan."""
    problems: list[Problem] = []
    subject = {_as_id(c.get("id")): _flag(c, "subject", True) for _, c in children}
    decided: set[str] = set()
    for i, decision in _items(outcome, "decisions"):
        at: Loc = ("outcome", "decisions", i)
        child = _as_id(decision.get("child"))
        if child is not None:
            if child in decided:
                problems.append(
                    doc.problem((*at, "child"), f"{_dotted(at)}: a second decision for '{child}'")
                )
            decided.add(child)
            if subject.get(child) is False:
                problems.append(
                    doc.problem(
                        (*at, "child"),
                        f"{_dotted(at)}: '{child}' is not a subject of this conference "
                        "(subject: false): the conference decides only for its subject children",
                    )
                )
        plan, category = decision.get("plan"), decision.get("category")
        if plan == "child-protection" and category is None:
            problems.append(
                doc.problem(
                    at,
                    f"{_dotted(at)}: category is required for a child protection plan "
                    "(physical, emotional, sexual or neglect)",
                )
            )
        if plan in get_args(PlanKind) and plan != "child-protection" and category is not None:
            problems.append(
                doc.problem(
                    (*at, "category"),
                    f"{_dotted(at)}: a category is given only with a child protection plan",
                )
            )
    decisions = outcome.get("decisions")
    if decisions is None or isinstance(decisions, list):
        for _, item in children:
            child_id = _as_id(item.get("id"))
            if child_id is None or child_id in decided or subject.get(child_id) is not True:
                continue
            name = item.get("name")
            problems.append(
                doc.problem(
                    ("outcome", "decisions"),
                    f"outcome.decisions: no decision for {str(name).strip() if name else child_id} "
                    f"('{child_id}'): the outcome records one for every subject child",
                )
            )
    return problems


def _date_checks(case: Case, doc: Document) -> list[Problem]:
    """Dates in order: these need the dates as the model reads them."""
    problems: list[Problem] = []
    conf = case.conference
    held = conf.date  # booked; before that there is no conference date to compare
    for i, child in enumerate(case.children):
        loc = ("children", i)
        if child.dob and held and child.dob > held and conf.type != "pre-birth":
            problems.append(
                doc.problem(
                    (*loc, "dob"),
                    f"{_dotted(loc)}: born {child.dob.isoformat()}, after the conference "
                    f"({held.isoformat()}): for a baby not yet born write unborn: true",
                )
            )
    problems.extend(_type_contradictions(case, doc))
    if conf.date and conf.type == "review" and conf.previous_conference == conf.date:
        problems.append(
            doc.problem(
                ("conference", "date"),
                f"conference.date: {conf.date.isoformat()} is the day of the conference it "
                "reviews (previous_conference): a review is held after it",
            )
        )
    need = {
        "initial": "strategy_discussion",
        "review": "previous_conference",
        "transfer-in": "transfer_notification",
        "pre-birth": "due_date",
    }[conf.type]
    if conf.type == "initial" and conf.strategy_discussion is None and conf.looked_after_review:
        need = "looked_after_review"
    if conf.date and conf.type != "pre-birth":
        trigger = getattr(conf, need)
        if trigger and conf.date < trigger:
            problems.append(
                doc.problem(
                    ("conference", "date"),
                    f"conference.date: {conf.date.isoformat()} is before the {need.replace('_', ' ')} "
                    f"({trigger.isoformat()})",
                )
            )
    if case.outcome:
        problems.extend(_outcome_dates(case, doc))
    return problems


# The conference types a key of `conference:` belongs to: a case file copied from another
# conference that keeps one of these for another type contradicts itself.
TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "strategy_discussion": ("initial", "pre-birth"),  # a pre-birth conference follows one too
    "looked_after_review": ("initial",),
    "emergency_protection_order_expires": ("initial",),
    "child_assessment_order_ends": ("initial",),
    "previous_conference": ("review",),
    "previous_type": ("review",),
    "previous_chair": ("review",),
    "police_involvement": ("review",),
    "transfer_notification": ("transfer-in",),
    "originating_authority": ("transfer-in",),
    "due_date": ("pre-birth", "review"),
    "pre_proceedings": ("pre-birth",),
    "premature_birth_likely": ("pre-birth",),
    "birth_date": ("pre-birth", "review"),
    "mother_medically_unfit": ("pre-birth", "review"),
}


def _type_contradictions(case: Case, doc: Document) -> list[Problem]:
    """Keys of `conference:` that belong to another type of conference (a copied file)."""
    raw = doc.data.get("conference") if isinstance(doc.data, dict) else None
    if not isinstance(raw, dict):
        return []
    kind = case.conference.type
    problems = []
    for key, types in TYPE_KEYS.items():
        if raw.get(key) in (None, False) or kind in types:
            continue
        problems.append(
            doc.problem(
                ("conference", key),
                f"conference.{key}: belongs to {' or '.join(types)} conferences, not to this "
                f"{kind} conference (copied from another case file?): remove it",
            )
        )
    return problems


def _outcome_dates(case: Case, doc: Document) -> list[Problem]:
    """Dates in the outcome that come before the conference they follow (a copied file)."""
    held = case.conference.date
    outcome = case.outcome
    if held is None or outcome is None:
        return []
    found: list[tuple[Loc, dt.date]] = [
        (("outcome", key), day)
        for key in ("first_core_group", "next_review")
        if (day := getattr(outcome, key)) is not None
    ]
    found += [
        (("outcome", "core_groups_held", j), day) for j, day in enumerate(outcome.core_groups_held)
    ]
    return [
        doc.problem(
            loc,
            f"{_dotted(loc)}: {day.isoformat()} is not after the conference ({held.isoformat()}) "
            "it follows (copied from another case file?)",
        )
        for loc, day in found
        if day <= held
    ]


def parse_case(doc: Document) -> Case:
    """Validate a parsed document as a case file; every problem at once in one CaseError."""
    if not isinstance(doc.data, dict):
        raise CaseError(
            [
                *doc.problems,
                doc.problem(
                    (),
                    "a case file is a mapping with case:, "
                    "conference:, children:, family: and professionals:",
                ),
            ]
        )
    # checks of the raw data first, so that they come with the schema's problems in one run
    raw = _reference_checks(doc) + _presence_checks(doc)
    try:
        case = validate(Case, doc)
    except CaseError as exc:
        raise CaseError(_unique([*exc.problems, *raw])) from None
    problems = raw + _date_checks(case, doc)
    if problems:
        raise CaseError(problems)
    return case


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


M = TypeVar("M", bound=BaseModel)
_MEANT = re.compile(r"did you mean '([^']+)'\?$")


def validate(model: type[M], doc: Document) -> M:
    """Validate a document against a model; every problem, with its line, in one CaseError."""
    problems = list(doc.problems)
    try:
        result = model.model_validate(doc.data)
    except ValidationError as exc:
        found = []
        meant: set[Loc] = set()  # the keys an unknown key was taken for ('nmae': name)
        for err in exc.errors():
            loc, message = pydantic_message(err, doc, model)  # type: ignore[arg-type]
            found.append((err["type"], loc, message))
            guess = _MEANT.search(message)
            if err["type"] == "extra_forbidden" and guess:
                meant.add((*loc[:-1], guess.group(1)))
        for kind, loc, message in found:
            if kind == "missing" and loc in meant:
                continue  # "unknown key 'nmae'; did you mean 'name'?" says it: not missing too
            problems.append(doc.problem(loc, message))
        raise CaseError(problems) from None
    if problems:
        raise CaseError(problems)
    return result


def load_case(path: str | Path) -> tuple[Case, Document]:
    """Read and validate a case file. Raises CaseError naming the file and line of each problem."""
    doc = load_yaml(Path(path))
    return parse_case(doc), doc
