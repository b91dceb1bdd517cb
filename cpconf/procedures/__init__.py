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
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from cpconf.case import Agency, ConferenceType, Date, Time, nearest, validate
from cpconf.case import PlanKind as ChildPlan
from cpconf.errors import CpconfError, ProfileError
from cpconf.workdays import Duration, WorkingCalendar
from cpconf.yamlload import Document, load_yaml, parse_yaml

BUILTIN = ("london", "hackney", "york", "bolton", "warwickshire")

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
    "conference": "the conference",
}


def _all_types() -> list[ConferenceType]:
    return ["initial", "review", "pre-birth", "transfer-in"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


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
            return self.text
        anchor = self.anchor
        if anchor.startswith("done."):
            what = f"the {labels.get(anchor[5:], anchor[5:]).lower()}"
        else:
            what = ANCHORS[anchor]
        return f"{self.duration} {'after' if self.after else 'before'} {what}"


class DeadlineSpec(_Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    owner: str = "coordinator"
    # a task must be done by its date; a cut-off only closes a window (e.g. the last day to
    # ask for an exclusion), so passing it is not a breach
    kind: Literal["task", "cutoff"] = "task"
    rules: list[Rule] = Field(min_length=1)
    inherited_from: str | None = None  # set when a profile takes this deadline from its parent


class Session(_Model):
    """When the meeting runs (London CP4 3.6; Hackney's family pre-meeting)."""

    family_times: list[Time] = Field(default_factory=list)  # usual start times, if fixed
    professionals_join_minutes: int = 0
    expected_length_minutes: int = 120
    school_day_ends: Time | None = None
    school_day_source: str = "local procedure"  # why it matters: London CP4 3.6
    source: str | None = None


class Quorum(_Model):
    """Who must be present for each subject child (London CP4 3.10)."""

    required_agency: Agency = "children_social_care"
    other_agencies: int = 2
    count: Literal["agencies", "organisations"] = "agencies"
    exception_when_fewer_known: bool = True
    always_invite: list[Agency] = Field(default_factory=list)
    source: str = "London CP4 3.10"


class AttendanceChecks(_Model):
    """Who should attend and how: the settings behind `cpconf check-quorum`'s warnings."""

    report_if_unable_to_attend: bool = True
    report_source: str = "London CP4 3.4"
    observer_source: str = "London CP4 3.3"
    exclusion_source: str = "London CP4 5.2"
    child_views_from_age: int = 10  # CP4 4.7 leaves it to "sufficient understanding"
    child_views_source: str = "London CP4 4.3-4.18"
    young_child_under: int = 5
    young_child_source: str = "London CP4 3.5"
    reply_needed_working_days: int = 3  # warn about invitees with no reply this close
    source: str = "London CP4 3.3-3.5, 4.3-4.18, 5.2"


class Paperwork(_Model):
    """What a procedure says of the papers after the conference: the outline plan, the
    record, the core group and the child's own letters (issue 11). Each value with its
    source; None or False where the procedure says nothing."""

    # how often the core group meets after the first (York, Warwickshire: monthly)
    core_group_rhythm: str | None = None
    core_group_rhythm_source: str | None = None
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
    # what a late conference calls for, said with the warning (London CP4 1.10)
    delay_procedure: str | None = None
    reports_email: str | None = None
    invitations_from: str | None = None
    complaints: str | None = None
    notes: list[str] = Field(default_factory=list)
    paperwork: Paperwork = Field(default_factory=Paperwork)
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
    for section in ("session", "quorum", "attendance", "paperwork"):
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
