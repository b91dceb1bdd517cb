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
    reference: str = Field(min_length=1)
    local_authority: str | None = None
    procedure: str = "london"
    region: Literal["england-and-wales", "scotland", "northern-ireland"] | None = None


class Contact(Model):
    name: str
    email: str | None = None
    phone: str | None = None


class InquorateDecision(Model):
    """The chair's decision to go ahead although the conference is inquorate (London CP4 3.11)."""

    reason: str = Field(min_length=1)
    decided_by: str | None = None
    decided_on: Date | None = None


class OriginatingAuthority(Model):
    """Transfer-in: the authority the child moved from (London CP4 1.17-1.18)."""

    name: str = Field(min_length=1)
    contact: Contact | None = None


class ConferenceDetails(Model):
    """The `conference:` section of a case file."""

    type: ConferenceType
    strategy_discussion: Date | None = None
    previous_conference: Date | None = None
    previous_type: ConferenceType | None = None  # required for a review (CONTRACT.md 1)
    transfer_notification: Date | None = None
    due_date: Date | None = None
    birth_date: Date | None = None  # pre-birth: once the baby is born (London CP4 1.21)
    mother_medically_unfit: bool = False  # London CP4 1.21: 20 days, not 10
    pre_proceedings: bool = False  # London CP4 1.11: proceedings considered shortly after birth
    emergency_protection_order_expires: Date | None = None  # London CP4 1.8
    looked_after_review: Date | None = None  # London CP4 2.2: the review's decision
    originating_authority: OriginatingAuthority | None = None  # London CP4 1.17-1.18
    date: Date | None = None
    time: Time | None = None
    mode: Literal["virtual", "blended", "face-to-face"] | None = None
    venue: str | None = None
    chair: Contact | None = None
    coordinator: Contact | None = None
    delay_reason: str | None = None
    inquorate_decision: InquorateDecision | None = None  # London CP4 3.11-3.12
    # a review: the core group going into it (ids), whose members are told when a plan
    # ends (London CP4 10.9); `cpconf next` carries it from the conference before
    core_group: list[str] = Field(default_factory=list)


class Child(Model):
    id: Id
    name: str = Field(min_length=1)
    dob: Date | None = None
    unborn: bool = False
    subject: bool = True
    invite: bool = False  # the child is invited to take part: their own letters (CP4 4.3-4.18)
    views: list[ChildViews] = Field(default_factory=list)  # London CP4 4.3-4.18

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

    reason: str | None = None  # the grounds the chair accepted
    part: str | None = None  # for part exclusion: which part of the conference
    requested_by: str | None = None  # id of the professional who asked
    requested_on: Date | None = None  # when the representation reached the chair (CP4 5.2)
    decided_on: Date | None = None
    views: str | None = None  # how their views will be heard (CP4 5.9-5.10)


class FamilyMember(Model):
    id: Id
    name: str = Field(min_length=1)
    relationship: str | None = None
    address: str | None = None
    address_confidential: bool = False
    interpreter: str | None = None
    interpreter_arranged: bool = False
    excluded: Literal["none", "part", "full"] = "none"
    exclusion: Exclusion | None = None
    email: str | None = None  # for the email drafts


class ObserverConsent(Model):
    """An observer attends only with the chair's and the family's prior consent (CP4 3.3)."""

    chair: bool = False
    family: bool = False


class Professional(Model):
    id: Id
    name: str = Field(min_length=1)
    role: str | None = None
    agency: Agency
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None
    contact_with: list[str] | Literal["all"] = Field(default_factory=list)
    attendance: Attendance = "invited"
    observer: bool = False
    observer_consent: ObserverConsent | None = None  # London CP4 3.3
    report_received: Date | None = None  # when unable to attend (London CP4 3.4)

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
    child: str
    plan: PlanKind
    category: Category | None = None


class Dissent(Model):
    """A disagreement with the decision, recorded in the conference record (London CP4 11.1)."""

    by: str  # id of the professional or family member who disagreed
    view: str = Field(min_length=1)


class Outcome(Model):
    decisions: list[Decision] = Field(default_factory=list)
    lead_social_worker: str | None = None
    core_group: list[str] = Field(default_factory=list)
    # for the decision letter (London CP4 14.13); the plan's deadlines apply where not booked
    first_core_group: Date | None = None  # booked date of the first core group meeting
    first_core_group_time: Time | None = None
    next_review: Date | None = None  # booked date of the review conference
    core_groups_held: list[Date] = Field(default_factory=list)  # the next counts from the last
    recommendations: list[str] = Field(default_factory=list)
    contingency: str | None = None  # what happens if the plan is not followed
    dissent: list[Dissent] = Field(default_factory=list)


class Case(Model):
    case: CaseInfo
    conference: ConferenceDetails
    children: list[Child] = Field(min_length=1)
    family: list[FamilyMember] = Field(default_factory=list)
    professionals: list[Professional] = Field(default_factory=list)
    outcome: Outcome | None = None
    done: dict[str, Date] = Field(default_factory=dict)

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
    return problems


def _cross_checks(case: Case, doc: Document) -> list[Problem]:
    """What the schema alone cannot say: the fields each type needs, dates in order, plans."""
    problems: list[Problem] = []
    conf = case.conference
    for i, child in enumerate(case.children):
        loc = ("children", i)
        if child.unborn and child.dob:
            problems.append(
                doc.problem(
                    (*loc, "unborn"), f"{_dotted(loc)}: give either dob or unborn: true, not both"
                )
            )
        if not child.unborn and child.dob is None:
            problems.append(doc.problem(loc, f"{_dotted(loc)}: dob is required (or unborn: true)"))
        held = conf.date  # booked; before that there is no conference date to compare
        if child.dob and held and child.dob > held and conf.type != "pre-birth":
            problems.append(
                doc.problem(
                    (*loc, "dob"),
                    f"{_dotted(loc)}: born {child.dob.isoformat()}, after the conference "
                    f"({held.isoformat()}): for a baby not yet born write unborn: true",
                )
            )
    if not case.subject_children:
        problems.append(doc.problem(("children",), "children: no child is marked as a subject"))
    need = {
        "initial": "strategy_discussion",
        "review": "previous_conference",
        "transfer-in": "transfer_notification",
        "pre-birth": "due_date",
    }[conf.type]
    if conf.type == "initial" and conf.strategy_discussion is None and conf.looked_after_review:
        need = "looked_after_review"  # London CP4 2.2: counted from the review's decision
    if getattr(conf, need) is None:
        also = " (or looked_after_review, for a looked-after child going home)"
        problems.append(
            doc.problem(
                ("conference", "type"),
                f"conference.{need}: required for a {conf.type} conference"
                + (also if conf.type == "initial" else ""),
            )
        )
    if conf.type == "review" and conf.previous_type is None:
        # CONTRACT.md 1: the interval to the review depends on it, and no default is safe
        problems.append(
            doc.problem(
                ("conference", "type"),
                "conference.previous_type: required for a review: the type of the conference "
                "it reviews (initial, review, pre-birth or transfer-in), which sets whether it "
                "is due 3 or 6 months after it",
            )
        )
    if (
        conf.type == "pre-birth"
        and not any(c.unborn for c in case.children)
        and not conf.birth_date
    ):
        problems.append(
            doc.problem(
                ("children",),
                "children: a pre-birth conference needs a child with unborn: true "
                "(or conference.birth_date once the baby is born)",
            )
        )
    if conf.date and conf.type == "review" and conf.previous_conference == conf.date:
        problems.append(
            doc.problem(
                ("conference", "date"),
                f"conference.date: {conf.date.isoformat()} is the day of the conference it "
                "reviews (previous_conference): a review is held after it",
            )
        )
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
        decided: set[str] = set()
        subjects = {c.id for c in case.subject_children}
        for i, decision in enumerate(case.outcome.decisions):
            at: Loc = ("outcome", "decisions", i)
            if decision.child in decided:
                problems.append(
                    doc.problem(
                        (*at, "child"), f"{_dotted(at)}: a second decision for '{decision.child}'"
                    )
                )
            decided.add(decision.child)
            if decision.child not in subjects and any(
                c.id == decision.child for c in case.children
            ):
                problems.append(
                    doc.problem(
                        (*at, "child"),
                        f"{_dotted(at)}: '{decision.child}' is not a subject of this conference "
                        "(subject: false): the conference decides only for its subject children",
                    )
                )
            if decision.plan == "child-protection" and decision.category is None:
                problems.append(
                    doc.problem(
                        at,
                        f"{_dotted(at)}: category is required for a child protection plan "
                        "(physical, emotional, sexual or neglect)",
                    )
                )
            if decision.plan != "child-protection" and decision.category is not None:
                problems.append(
                    doc.problem(
                        (*at, "category"),
                        f"{_dotted(at)}: a category is given only with a child protection plan",
                    )
                )
        for child in case.subject_children:
            if child.id not in decided:
                problems.append(
                    doc.problem(
                        ("outcome", "decisions"),
                        f"outcome.decisions: no decision for {child.name} ('{child.id}'): the "
                        "outcome records one for every subject child",
                    )
                )
    return problems


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
    references = _reference_checks(doc)
    try:
        case = validate(Case, doc)
    except CaseError as exc:
        raise CaseError(_unique([*exc.problems, *references])) from None
    problems = references + _cross_checks(case, doc)
    if problems:
        raise CaseError(problems)
    return case


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], doc: Document) -> M:
    """Validate a document against a model; every problem, with its line, in one CaseError."""
    problems = list(doc.problems)
    try:
        result = model.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors():
            loc, message = pydantic_message(err, doc, model)  # type: ignore[arg-type]
            problems.append(doc.problem(loc, message))
        raise CaseError(problems) from None
    if problems:
        raise CaseError(problems)
    return result


def load_case(path: str | Path) -> tuple[Case, Document]:
    """Read and validate a case file. Raises CaseError naming the file and line of each problem."""
    doc = load_yaml(Path(path))
    return parse_case(doc), doc
