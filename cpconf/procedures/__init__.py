"""Procedure profiles: each local procedure's timescales and rules as data.

A profile is a YAML file (see `london.yaml`, the default, and README "Procedure
profiles"). It may `extends:` another; its deadlines then replace the parent's
deadline of the same id, and everything it leaves out is inherited.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from cpconf.case import Agency, ConferenceType, Date, Time, nearest, validate
from cpconf.case import PlanKind as ChildPlan
from cpconf.errors import CpconfError, Problem, ProfileError
from cpconf.workdays import Duration, WorkingCalendar
from cpconf.yamlload import Document, load_yaml, parse_yaml

BUILTIN = (
    "london",
    "hackney",
    "york",
    "bolton",
    "warwickshire",
    # the nations' own procedures (docs/NATIONS.md)
    "wales",
    "scotland",
    "northern-ireland",
)

# Dates a rule may count from. `conference` is the booked date; before it is booked,
# rules counting *before* the conference use the conference deadline instead
# (CONTRACT.md section 3). `done.<deadline id>` is the date a task was recorded done.
ANCHORS: dict[str, str] = {
    "strategy_discussion": "the strategy discussion",
    "transfer_notification": "the notification of the transfer",
    "previous_conference": "the previous conference",
    "due_date": "the expected date of delivery",
    "birth_date": "the birth",
    "emergency_protection_order_expires": "the day the emergency protection order expires",
    "looked_after_review": "the looked-after review's decision",
    "adjourned_inquorate": "the meeting adjourned as inquorate",
    "child_assessment_order_ends": "the end of the child assessment order's assessments",
    "conference": "the conference",
    # the latest core group held (outcome.core_groups_held), else the first recorded done
    "last_core_group": "the last core group meeting",
}

# What a value the procedure does not state is called wherever it is shown (CONTRACT.md 3)
LOCAL_NOTE = "local practice: not in the procedure"

# Facts of the case file a rule or reminder may depend on (`when: mother_medically_unfit`,
# `when: not pre_proceedings`): each a yes/no field of `conference:` (cpconf/case/model.py).
CONDITIONS: dict[str, str] = {
    "mother_medically_unfit": "the mother is not medically fit to attend within 10 days",
    "pre_proceedings": "proceedings are considered shortly after the birth",
    "premature_birth_likely": "a premature birth is likely",
}


def _check_when(value: str | None) -> str | None:
    if value is None:
        return None
    name = value.removeprefix("not ").strip()
    if name not in CONDITIONS:
        raise ValueError(
            f"'{value}' is not a condition a rule can depend on: use one of "
            f"{', '.join(CONDITIONS)}, or 'not' and one of them"
        )
    return value


def holds(when: str | None, facts: Any) -> bool:
    """Whether a rule's `when:` condition holds for the case's `conference:` facts."""
    if when is None:
        return True
    negated = when.startswith("not ")
    value = bool(getattr(facts, when.removeprefix("not ").strip(), False))
    return value != negated


def _all_types() -> list[ConferenceType]:
    return ["initial", "review", "pre-birth", "transfer-in"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    # settings whose source field is not named `<setting>_source`
    _SOURCES: ClassVar[dict[str, str]] = {
        "full_plan_after_first_core_group": "full_plan_source",
        "blended_in_person": "blended_source",
        "child_booklet": "child_source",
        "child_advocacy": "child_source",
    }

    @model_validator(mode="after")
    def _cited(self) -> _Model:
        """A setting a procedure must say (`chair_meets_family: true`, a core group rhythm)
        comes with the text that says it (`chair_meets_family_source`): a rule is data, and
        each cites its text."""
        fields = type(self).model_fields
        for name in fields:
            source = self._SOURCES.get(name, f"{name}_source")
            value = getattr(self, name)
            unsourced = source in fields and getattr(self, source) is None
            if unsourced and value and isinstance(value, (bool, list, str)):
                raise ValueError(f"{name} is set without {source}: cite the text that says it")
        return self


class Rule(_Model):
    """One way to compute a deadline, for the conference types it names."""

    types: list[ConferenceType] = Field(default_factory=lambda: _all_types())
    previous_types: list[ConferenceType] | None = None  # review only: the conference before
    if_plan: list[ChildPlan] | None = None  # not when the outcome gives no child one of these plans
    needs_outcome: bool = False  # shown only once the outcome is recorded (with if_plan)
    # only when the chair went ahead with an inquorate conference (London CP4 3.11-3.12)
    if_inquorate_proceeded: bool | None = None
    after: str | None = None
    before: str | None = None
    duration: Duration
    source: str = Field(min_length=1)
    text: str | None = None  # the rule in words, where the generated wording won't do
    # a limit, not the rule: where its date is known, the deadline is the earlier of this
    # and the rule that applies (London CP4 1.8: before an emergency protection order expires)
    limit: bool = False
    # only where a fact of the case holds (London CP4 1.21: `when: mother_medically_unfit`)
    when: str | None = None
    # the procedure does not state this duration: local practice a council may change
    local: bool = False

    @field_validator("when")
    @classmethod
    def _condition(cls, value: str | None) -> str | None:
        return _check_when(value)

    @field_validator("duration", mode="before")
    @classmethod
    def _duration(cls, value: Any) -> Any:
        if isinstance(value, Duration | dict):  # a dict: a validated parent, dumped to merge
            return value
        return Duration.parse(str(value))

    @field_validator("after", "before")
    @classmethod
    def _anchor(cls, value: str | None) -> str | None:
        if value is None or value in ANCHORS or value.startswith("done."):
            return value
        raise ValueError(
            f"'{value}' is not a date a rule can count from: use one of "
            f"{', '.join(ANCHORS)} or done.<deadline id>"
        )

    @model_validator(mode="after")
    def _one_anchor(self) -> Rule:
        if (self.after is None) == (self.before is None):
            raise ValueError("a rule counts either after: or before: one date, not both")
        return self

    @property
    def anchor(self) -> str:
        return self.after or self.before or ""

    @property
    def direction(self) -> Literal[1, -1]:
        return 1 if self.after else -1

    def words(self, labels: dict[str, str]) -> str:
        if self.text:
            return self.text + (f" ({LOCAL_NOTE})" if self.local else "")
        anchor = self.anchor
        if anchor.startswith("done."):
            what = f"the {labels.get(anchor[5:], anchor[5:]).lower()}"
        else:
            what = ANCHORS[anchor]
        words = f"{self.duration} {'after' if self.after else 'before'} {what}"
        return words + (f" ({LOCAL_NOTE})" if self.local else "")


class NotSet(_Model):
    """A deadline the procedure gives no timescale for, for these conference types.

    `plan` shows it as not set (with the reason) instead of inventing a date: the council
    sets it in its own settings or profile (Northern Ireland's initial case conference).
    """

    types: list[ConferenceType] = Field(default_factory=lambda: _all_types())
    if_plan: list[ChildPlan] | None = None  # as a rule's: not when no child has such a plan
    reason: str = Field(min_length=1)


class DeadlineSpec(_Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    owner: str = "coordinator"
    # a task must be done by its date; a cut-off only closes a window (e.g. the last day to
    # ask for an exclusion), so passing it is not a breach
    kind: Literal["task", "cutoff"] = "task"
    rules: list[Rule] = Field(default_factory=list)
    not_set: NotSet | None = None  # the types the procedure gives no timescale for
    inherited_from: str | None = None  # set when a profile takes this deadline from its parent

    @model_validator(mode="after")
    def _rules_or_not_set(self) -> DeadlineSpec:
        if not self.rules and self.not_set is None:
            raise ValueError(
                "give at least one rule, or `not_set:` where the procedure gives no timescale"
            )
        return self


class LocalValues(_Model):
    """A section whose `local:` lists the values the procedure does not state."""

    local: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _local_names(self) -> LocalValues:
        unknown = [n for n in self.local if n not in type(self).model_fields or n == "local"]
        if unknown:
            raise ValueError(
                f"local: no setting {', '.join(repr(n) for n in unknown)} in this section"
            )
        return self

    def is_local(self, name: str) -> bool:
        return name in self.local

    def note(self, name: str, in_brackets: bool = False) -> str:
        """' (local practice: not in the procedure)' for a local value, else ''.

        `in_brackets`: for a value already in brackets, ', local practice: …' (never
        brackets in brackets).
        """
        if not self.is_local(name):
            return ""
        return f", {LOCAL_NOTE}" if in_brackets else f" ({LOCAL_NOTE})"


class Session(LocalValues):
    """When the meeting runs (London CP4 3.6; Hackney's family pre-meeting)."""

    family_times: list[Time] = Field(default_factory=list)  # usual start times, if fixed
    professionals_join_minutes: int = 0
    expected_length_minutes: int = 120
    # CP4 3.6 names no hour: none unless the council sets one
    school_day_ends: Time | None = None
    school_day_source: str = "London CP4 3.6"  # why it matters, not the hour
    source: str | None = None
    # A blended conference: who is in the room; everyone else joins online (Hackney guide,
    # "The Conference Process"). Empty: the procedure does not say, and the letters say
    # only that remote attendance needs the chair's agreement (London CP4 3.6).
    blended_in_person: list[Literal["chair", "social_worker", "family"]] = Field(
        default_factory=list
    )
    blended_source: str | None = None
    # The chair meets the parents just before the conference starts (Bolton leaflet, "What
    # happens at a Child Protection Conference?"; Hackney's is the timed pre-meeting above).
    # False where the procedure does not say so: the family invitation then promises none.
    chair_meets_family: bool = False
    chair_meets_family_source: str | None = None


class Quorum(LocalValues):
    """Who must be present for each subject child (London CP4 3.10)."""

    required_agency: Agency = "children_social_care"
    # agencies that must also be present, whether or not they know the child (Scotland's
    # core agencies, National Guidance 2021 para 3.131: social work, health and police)
    also_required: list[Agency] = Field(default_factory=list)
    # the procedure's own words for an agency, where they are not England's (Scotland's
    # para 3.131: "social work" for children's social care)
    agency_words: dict[Agency, str] = Field(default_factory=dict)
    other_agencies: int = 2
    count: Literal["agencies", "organisations"] = "agencies"
    # London CP4 3.10: where fewer than three agencies know the child the quorum "may be
    # breached"; that every one of them must then be present is CONTRACT.md section 3
    exception_when_fewer_known: bool = True
    exception_source: str | None = None  # where the exception comes from; None: `source`
    always_invite: list[Agency] = Field(default_factory=list)
    source: str = "London CP4 3.10"

    def exception_citation(self) -> str:
        """The exception's source, with the local note where the profile marks it local."""
        return (self.exception_source or self.source) + self.note(
            "exception_when_fewer_known", in_brackets=True
        )


class AttendanceChecks(LocalValues):
    """Who should attend and how: the settings behind `cpconf check-quorum`'s warnings."""

    report_if_unable_to_attend: bool = True
    report_source: str = "London CP4 3.4"
    # who else gets the report of someone who cannot attend, beside the chair (Warwickshire:
    # "to the chairperson (IRO) and allocated social worker")
    report_copy_to: list[Literal["social_worker"]] = Field(default_factory=list)
    report_copy_to_source: str | None = None
    # every agency invited owes a report, whether or not it attends (London CP4 7.9; Hackney,
    # York): warned of from `report_chased_working_days` before the agency reports' deadline
    report_from_all: bool = False
    report_from_all_source: str | None = None
    report_chased_working_days: int = 2
    observer_source: str = "London CP4 3.3"
    exclusion_source: str = "London CP4 5.2"
    child_views_from_age: int = 10  # CP4 4.7 leaves it to "sufficient understanding"
    child_views_source: str = "London CP4 4.3-4.18"
    young_child_under: int = 5
    young_child_source: str = "London CP4 3.5"
    reply_needed_working_days: int = 3  # warn about invitees with no reply this close
    source: str = "London CP4 3.3-3.5, 4.3-4.18, 5.2"
    # Warwickshire: agencies write their report "using your agency format" ("What is
    # required of me?"); elsewhere the enclosed template (London CP4 7.9: "an agreed pro forma")
    agency_format: bool = False
    agency_format_source: str | None = None


class WelshTerms(_Model):
    """A few terms in the procedure's own Welsh version, for a council's bilingual templates.

    Only words the Welsh text itself uses (never a translation made here); blank where the
    profile gives none, so one template can be checked against any case.
    """

    meeting: str = ""  # cynhadledd amddiffyn plant
    meeting_initial: str = ""
    meeting_review: str = ""
    register_name: str = ""  # y gofrestr amddiffyn plant
    plan: str = ""
    core_group: str = ""


class Terms(_Model):
    """The words of a nation's procedures, for the letters and `plan` (docs/NATIONS.md).

    The defaults are England's (London CP4), so a profile that gives no `terms:` and every
    English letter reads exactly as before.
    """

    meeting: str = "child protection conference"  # Scotland: Child Protection Planning Meeting
    meeting_short: str = "conference"  # "the conference"; Scotland: "the CPPM"
    # each type's full name where it is not "<type> <meeting>" (Scotland: the first CPPM is
    # just "Child Protection Planning Meeting"; Wales: "transfer in child protection conference")
    meeting_names: dict[ConferenceType, str] = Field(default_factory=dict)
    plan: str = "child protection plan"  # Wales: care and support protection plan
    # the child's name is placed on a child protection register (Wales, Scotland, NI);
    # England has had none since 2008
    has_register: bool = False
    register_name: str = "child protection register"
    strategy_discussion: str = "strategy discussion"  # Scotland: inter-agency referral discussion
    strategy_discussion_short: str = ""  # Scotland: IRD
    reporter: str = ""  # Scotland: the Children's Reporter (referral considered at the CPPM)
    # what the social worker's enquiry is called: England and Wales (Children Act 1989 s47);
    # Scotland "child protection investigation"; Northern Ireland "Article 66 investigation"
    enquiry: str = "section 47 enquiry"
    enquiry_short: str = "enquiry"
    # the plan for a child in need short of a protection plan (England: Children Act 1989
    # s17, London CP4 10.10; Wales c3pt2-p9: "is a care and support plan required?")
    child_in_need_plan: str = "child in need plan"
    # a category of abuse or neglect with each plan (London CP4 9.5; Wales c3pt2-p9,
    # "what category/ies"); Scotland's 2021 guidance (para 1.88) needs none: the register
    # records "the areas of concern identified"
    category: bool = True
    # the help short of a plan, as the report templates name it; "" where the procedure's
    # own names were not read (the nations): the question is then asked in plain words
    other_help: str = "child in need plan, early help"
    source: str = "London CP4"
    # the same terms in the procedure's own Welsh version, for bilingual templates (`cy.terms`)
    welsh: WelshTerms = Field(default_factory=WelshTerms)
    welsh_source: str | None = None

    def meeting_name(self, conference_type: str) -> str:
        """'initial child protection conference'; Scotland's first CPPM: 'Child Protection…'"""
        named = self.meeting_names.get(conference_type)  # type: ignore[call-overload]
        return named if named is not None else f"{conference_type} {self.meeting}"


class PlanChecks(LocalValues):
    """How long a child protection plan runs before the procedure asks for a closer look."""

    # London CP4 1.22: an infant or child under 5 with serious concerns "might require the
    # timescales to be shorter"; how much shorter is local
    young_child_under: int = 5
    young_child_review: Duration | None = None
    # London CP4 1.22: plans "for over 2 years" reconsidered
    long_plan: Duration | None = None
    source: str = "London CP4 1.22"

    @field_validator("young_child_review", "long_plan", mode="before")
    @classmethod
    def _duration(cls, value: Any) -> Any:
        if value is None or isinstance(value, Duration | dict):
            return value
        return Duration.parse(str(value))


class Reminder(_Model):
    """A warning the procedure asks for where a fact of the case holds (data, not code)."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    types: list[ConferenceType] = Field(default_factory=lambda: _all_types())
    when: str
    message: str = Field(min_length=1)
    source: str = Field(min_length=1)

    @field_validator("when")
    @classmethod
    def _condition(cls, value: str | None) -> str | None:
        return _check_when(value)


class Paperwork(_Model):
    """What a procedure says of the papers after the conference: the outline plan, the
    record, the core group and the child's own letters (issue 11). Each value with its
    source; None or False where the procedure says nothing."""

    # how often the core group meets after the first (York, Warwickshire: monthly)
    core_group_rhythm: str | None = None
    core_group_rhythm_source: str | None = None
    # Warwickshire: "The Initial Child Protection Conference will also set the date of the
    # first review conference": warned of (review_date_not_set) while no date is booked
    review_date_set_at_initial: bool = False
    review_date_set_at_initial_source: str | None = None
    # York: where an interpreter was needed, the record is translated for the family
    record_translated: bool = False
    record_translated_source: str | None = None
    # Bolton: the full plan is drawn up at the first core group and sent to the family
    # and the core group
    full_plan_after_first_core_group: bool = False
    full_plan_source: str | None = None
    # Bolton: every child may give their wishes and feelings in a booklet; an advocacy service
    child_booklet: str | None = None
    child_advocacy: str | None = None
    child_source: str | None = None


class Exclusion(_Model):
    """What a procedure promises a parent excluded from all or part of the conference,
    beyond London CP4 5.8-5.11 (the exclusion letter). Each with its source; False where
    the procedure says nothing."""

    # Bolton: "If appropriate, the chair of the Conference will offer to meet with the
    # parents who have not attended"
    chair_offers_to_meet: bool = False
    chair_offers_to_meet_source: str | None = None
    # York: the chair plans with the social worker and the parent "how they can be included
    # in the co-production of a plan for the child"
    included_in_plan: bool = False
    included_in_plan_source: str | None = None


class ClosureRange(_Model):
    start: Date = Field(alias="from")
    end: Date = Field(alias="to")
    reason: str | None = None


class Profile(_Model):
    name: str
    title: str
    document: str  # the procedure this profile is written from
    extends: str | None = None
    region: Literal["england-and-wales", "scotland", "northern-ireland"] = "england-and-wales"
    closure_days: list[Date | ClosureRange] = Field(default_factory=list)
    extra_bank_holidays: list[Date] = Field(default_factory=list)
    session: Session = Field(default_factory=Session)
    quorum: Quorum = Field(default_factory=Quorum)
    attendance: AttendanceChecks = Field(default_factory=AttendanceChecks)
    plans: PlanChecks = Field(default_factory=PlanChecks)
    reminders: list[Reminder] = Field(default_factory=list)
    # what a late conference calls for, said with the warning (London CP4 1.10)
    delay_procedure: str | None = None
    reports_email: str | None = None
    invitations_from: str | None = None
    complaints: str | None = None
    notes: list[str] = Field(default_factory=list)
    terms: Terms = Field(default_factory=Terms)
    paperwork: Paperwork = Field(default_factory=Paperwork)
    exclusion: Exclusion = Field(default_factory=Exclusion)
    deadlines: list[DeadlineSpec] = Field(default_factory=list)

    def closures(self) -> set[dt.date]:
        days: set[dt.date] = set()
        for item in self.closure_days:
            if isinstance(item, ClosureRange):
                d = item.start
                while d <= item.end:
                    days.add(d)
                    d += dt.timedelta(days=1)
            else:
                days.add(item)
        return days

    def calendar(self, region: str | None = None) -> WorkingCalendar:
        return WorkingCalendar(region or self.region, self.closures(), self.extra_bank_holidays)

    def deadline(self, deadline_id: str) -> DeadlineSpec | None:
        return next((d for d in self.deadlines if d.id == deadline_id), None)

    @property
    def labels(self) -> dict[str, str]:
        return {d.id: d.label for d in self.deadlines}

    def with_local(self, values: dict[str, Any]) -> Profile:
        """This profile with local values set by the council (settings), still marked local.

        Keys are `section.setting` (`session.school_day_ends`, `attendance.child_views_from_age`,
        `plans.young_child_review`) or `deadlines.<id>` for the duration of the deadline's
        local rules (`deadlines.early_review: 6 weeks`). Only values the profile marks
        `local` may be set: a value the procedure states is not the council's to change.
        Raises ProfileError naming any other key.
        """
        data = self.model_dump(by_alias=True)
        problems: list[str] = []
        sections = ("session", "quorum", "attendance", "plans", "deadlines")
        for key, value in values.items():
            section, _, name = key.partition(".")
            if section in sections[:-1] and name:
                part = getattr(self, section)
                settings = [n for n in type(part).model_fields if n != "local"]
                if name not in settings:
                    problems.append(f"{key}: no such setting" + nearest(name, settings))
                elif not part.is_local(name):
                    problems.append(
                        f"{key}: the {self.name} procedure states this value; only local "
                        f"values ({', '.join(f'{section}.{n}' for n in part.local) or 'none here'}) "
                        "can be set"
                    )
                else:
                    data[section][name] = value
            elif section == "deadlines" and name:
                spec = next((d for d in data["deadlines"] if d["id"] == name), None)
                rules = [r for r in spec["rules"] if r.get("local")] if spec else []
                if spec is None:
                    ids = [d["id"] for d in data["deadlines"]]
                    problems.append(
                        f"{key}: the {self.name} procedure has no deadline '{name}'"
                        + nearest(name, ids)
                    )
                elif not rules:
                    cited = self.deadline(name)
                    where = f" ({cited.rules[0].source})" if cited and cited.rules else ""
                    problems.append(
                        f"{key}: the {self.name} procedure states this deadline{where}; only "
                        "local ones can be set"
                    )
                for r in rules:
                    r["duration"] = value
            else:
                problems.append(
                    f"{key}: not a local value (section.setting or deadlines.<id>)"
                    + (nearest(section, list(sections)) if name else "")
                )
        if problems:
            raise ProfileError([Problem(self.name, None, p) for p in problems])
        try:
            return Profile.model_validate(data)
        except ValidationError as exc:
            raise ProfileError(
                [
                    Problem(self.name, None, f"{'.'.join(map(str, e['loc']))}: {e['msg']}")
                    for e in exc.errors()
                ]
            ) from None

    @property
    def follows_london(self) -> bool:
        """London's procedure, or one built on it: the built-in profiles extend london and
        inherit its rules, so its paragraphs hold for them; a council's own profile that
        does not would be misquoted by them."""
        return self.name == "london" or any(d.inherited_from == "london" for d in self.deadlines)

    @property
    def nation(self) -> str:
        """Whose procedure this follows: 'england' where it follows London's (the built-in
        English profiles all extend london), the nation's name for the national profiles and
        profiles that extend them, '' where it cannot be told (a council's own profile written
        on no built-in one): nothing national is claimed for it."""
        if self.region in ("scotland", "northern-ireland"):
            return self.region
        if self.name == "wales" or any(d.inherited_from == "wales" for d in self.deadlines):
            return "wales"
        return "england" if self.follows_london else ""

    def cp4(self, paragraph: str) -> str:
        """' (London CP4 7.10)' for a profile that follows London's procedure; else nothing."""
        return f" (London CP4 {paragraph})" if self.follows_london else ""

    def local_values(self) -> list[tuple[str, Any]]:
        """Every value marked local, as (`section.setting` or `deadlines.<id>`, value)."""
        out: list[tuple[str, Any]] = []
        for section in ("session", "quorum", "attendance", "plans"):
            part = getattr(self, section)
            out.extend((f"{section}.{n}", getattr(part, n)) for n in part.local)
        for spec in self.deadlines:
            for rule in spec.rules:
                if rule.local:
                    out.append((f"deadlines.{spec.id}", rule.duration))
        return out


@dataclass(frozen=True)
class ProfileRef:
    name: str
    title: str
    path: Path


def _builtin_path(name: str) -> Path:
    return Path(__file__).with_name(f"{name}.yaml")


def builtin_profiles() -> list[ProfileRef]:
    out = []
    for name in BUILTIN:
        profile = load_profile(name)
        out.append(ProfileRef(name, profile.title, _builtin_path(name)))
    return out


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> tuple[dict[str, Any], dict[int, int]]:
    """A child profile's keys replace its (validated) parent's; deadlines are replaced by id.

    Also returns where each of the child's own deadlines landed in the merged list, so
    that a problem in one is reported at its line in the child's file.
    """
    merged = {**parent, **child}
    for section in ("session", "quorum", "attendance", "plans", "terms", "paperwork", "exclusion"):
        if isinstance(parent.get(section), dict) and isinstance(child.get(section), dict):
            merged[section] = {**parent[section], **child[section]}
    child_deadlines = child.get("deadlines") or []
    if not isinstance(child_deadlines, list):  # let validation report it, with its line
        return {**merged, "deadlines": child_deadlines}, {}
    inherited = {
        d["id"]: {**d, "inherited_from": d.get("inherited_from") or parent.get("name")}
        for d in parent.get("deadlines", [])
    }
    merged_list: list[Any] = list(inherited.values())
    position = {d["id"]: i for i, d in enumerate(merged_list)}
    moved: dict[int, int] = {}
    for i, d in enumerate(child_deadlines):
        key: Any = d.get("id") if isinstance(d, dict) else None
        if isinstance(key, str) and key in position:
            merged_list[position[key]] = d
            moved[i] = position[key]
        else:
            moved[i] = len(merged_list)
            merged_list.append(d)
            if isinstance(key, str):
                position[key] = moved[i]
    merged["deadlines"] = merged_list
    return merged, moved


def _resolve(name_or_path: str, relative_to: Path | None) -> Path:
    if name_or_path in BUILTIN:
        return _builtin_path(name_or_path)
    path = Path(name_or_path).expanduser()
    if not path.is_absolute() and relative_to is not None:
        candidate = relative_to / path
        if candidate.exists():
            return candidate
    if path.suffix not in (".yaml", ".yml") and not path.exists():
        raise ProfileError.single(
            name_or_path,
            f"no built-in procedure '{name_or_path}' (built in: {', '.join(BUILTIN)}) "
            "and no profile file of that name" + nearest(name_or_path, list(BUILTIN)),
        )
    return path


def find_profile(name_or_path: str, relative_to: Path | None = None) -> Path:
    """The file of a built-in profile or a profile file that exists (beside `relative_to`,
    or as given), without loading it. Raises ProfileError (one problem, named by the name
    given) where there is none."""
    path = _resolve(name_or_path, relative_to)
    if not path.exists():
        raise ProfileError.single(name_or_path, f"no such profile file: {path}")
    return path


_DEADLINE_INDEX = re.compile(r"deadlines\[(\d+)\]")


def _load(name_or_path: str, relative_to: Path | None, seen: tuple[Path, ...]) -> Profile:
    path = _resolve(name_or_path, relative_to).resolve()
    if path in seen:
        raise ProfileError.single(str(path), "profiles extend each other in a loop")
    doc = load_yaml(path, "procedure profile")
    if not isinstance(doc.data, dict):
        raise ProfileError([doc.problem((), "a procedure profile is a mapping (see london.yaml)")])
    parent_name = doc.data.get("extends")
    if parent_name is None:
        return _checked(validate(Profile, doc), doc)
    if not isinstance(parent_name, str):
        raise ProfileError(
            [doc.problem(("extends",), "extends: give the name or file of one profile")]
        )
    ids = [d.get("id") for d in doc.data.get("deadlines") or [] if isinstance(d, dict)]
    twice = [
        doc.problem(("deadlines", i, "id"), f"deadlines[{i}]: deadline '{key}' given twice")
        for i, key in enumerate(ids)
        if isinstance(key, str) and key in ids[:i]
    ]
    if twice:  # merging by id would silently keep the last one
        raise ProfileError([*doc.problems, *twice])
    # the parent is validated on its own first, so its problems name its own file and lines
    parent = _load(parent_name, path.parent, (*seen, path))
    merged, moved = _merge(parent.model_dump(by_alias=True), doc.data)
    if "name" not in doc.data:  # never the parent's name: the timescales may differ
        merged["name"] = path.stem
    lines = {
        (loc[0], moved[loc[1]], *loc[2:])
        if len(loc) > 1 and loc[0] == "deadlines" and isinstance(loc[1], int) and loc[1] in moved
        else loc: line
        for loc, line in doc.lines.items()
    }
    merged_doc = Document(doc.path, merged, lines, doc.problems)
    try:
        return _checked(validate(Profile, merged_doc), merged_doc)
    except CpconfError as exc:
        # messages count the merged list; say deadlines[i] as the file itself counts them
        back = {merged_at: own for own, merged_at in moved.items()}

        def own_index(m: re.Match[str]) -> str:
            return f"deadlines[{back.get(int(m.group(1)), int(m.group(1)))}]"

        raise ProfileError(
            [replace(p, message=_DEADLINE_INDEX.sub(own_index, p.message)) for p in exc.problems]
        ) from None


def load_profile(name_or_path: str, relative_to: Path | None = None) -> Profile:
    """A built-in profile by name, or a profile file by path. Raises ProfileError if bad."""
    try:
        return _load(str(name_or_path), relative_to, ())
    except ProfileError:
        raise
    except CpconfError as exc:  # the YAML reader's and the schema's problems, in this file
        raise ProfileError(exc.problems) from None


def _checked(profile: Profile, doc: Document) -> Profile:
    """What the schema cannot say: deadline ids unique, `done.` anchors that exist."""
    ids = [d.id for d in profile.deadlines]
    problems = []
    for i, spec in enumerate(profile.deadlines):
        if ids.count(spec.id) > 1 and ids.index(spec.id) != i:
            problems.append(
                doc.problem(("deadlines", i, "id"), f"deadline '{spec.id}' given twice")
            )
        for j, rule in enumerate(spec.rules):
            if rule.anchor.startswith("done.") and rule.anchor[5:] not in ids:
                problems.append(
                    doc.problem(
                        ("deadlines", i, "rules", j),
                        f"deadlines[{i}].rules[{j}]: no deadline '{rule.anchor[5:]}' to count from",
                    )
                )
    if problems:
        raise ProfileError(problems)
    return profile


def parse_profile_text(text: str, name: str = "<profile>") -> Profile:
    """For tests and tools: a profile from YAML text (no `extends`); ProfileError if bad."""
    try:
        doc = parse_yaml(text, name)
        return _checked(validate(Profile, doc), doc)
    except ProfileError:
        raise
    except CpconfError as exc:
        raise ProfileError(exc.problems) from None
