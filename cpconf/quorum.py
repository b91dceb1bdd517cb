"""Is the conference quorate for each subject child, and if not, what would make it so.

The rule is the profile's `quorum:` section (London CP4 3.10 by default); the
attendance checks reported with it (cpconf.attendance) read its `attendance:` section.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, get_args

from cpconf.attendance import AttendanceWarning, attendance_warnings
from cpconf.case import AGENCY_NAMES, Agency, Case, Child, InquorateDecision, Professional
from cpconf.names import first_name, join_names
from cpconf.procedures import Profile, Quorum
from cpconf.workdays import WorkingCalendar

if TYPE_CHECKING:  # the plan is built by the caller: quorum never builds one
    from cpconf.schedule import Deadline

AGENCY_ORDER: tuple[str, ...] = get_args(Agency)
NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
WHY = {
    "invited": "no reply yet",
    "apologies": "sent apologies",
    "absent": "absent",
}


@dataclass(frozen=True)
class NotPresent:
    """Someone whose agency has had direct contact with the child but who does not count."""

    id: str
    name: str
    agency: str
    unit: str  # what is counted: the agency id, or the organisation
    why: str  # "sent apologies", "no reply yet", "absent", "observer only"


@dataclass(frozen=True)
class ChildQuorum:
    child_id: str
    name: str
    quorate: bool
    by_exception: bool  # London CP4 3.10: fewer than three agencies know the child, all present
    present: list[str]  # what counts: agency ids (or organisations), required agency first
    known: list[str]  # every agency (or organisation) that has had direct contact
    not_present: list[NotPresent]
    missing: str | None  # in plain words: what would make it quorate

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "quorate": self.quorate,
            "by_exception": self.by_exception,
            "present": self.present,
            "missing": self.missing,
            "known": self.known,
            "not_present": [
                {"id": p.id, "name": p.name, "agency": p.agency, "why": p.why}
                for p in self.not_present
            ],
        }


@dataclass
class QuorumReport:
    reference: str
    procedure: str
    count: str  # agencies | organisations
    source: str
    conference_date: dt.date | None
    today: dt.date
    children: list[ChildQuorum]
    rule: str = ""  # the quorum rule in words
    # where the exception for a child few agencies know comes from (London CP4 3.10, local)
    exception_source: str = ""  # the quorum exception's citation (`Quorum.exception_citation`)
    not_assessed: list[str] = field(default_factory=list)  # children who are not subjects
    decision: InquorateDecision | None = None
    early_review: Deadline | None = None  # where the chair went ahead (London CP4 3.12)
    warnings: list[AttendanceWarning] = field(default_factory=list)
    settings: str | None = None  # the council settings file used (cpconf.yaml)
    meeting: str = "conference"  # the procedure's short name for it (Scotland: CPPM)
    follows_london: bool = True  # London CP4's paragraphs hold (`Profile.follows_london`)
    agency_words: dict[str, str] = field(default_factory=dict)  # `Quorum.agency_words`

    @property
    def quorate(self) -> bool:
        return all(c.quorate for c in self.children)

    @property
    def chair_proceeded(self) -> bool:
        """The chair went ahead although a child is inquorate (London CP4 3.11)."""
        return not self.quorate and self.decision is not None

    def to_json(self) -> dict[str, Any]:
        """CONTRACT.md section 4, with the warnings and the chair's decision added."""
        return {
            "quorate": self.quorate,
            "children": {c.child_id: c.to_json() for c in self.children},
            "chair_proceeded": self.chair_proceeded,
            "inquorate_decision": (
                self.decision.model_dump(mode="json") if self.decision is not None else None
            ),
            # the early review that follows a conference held inquorate (CP4 3.12)
            "early_review": (
                {"due": self.early_review.due.isoformat(), "rule": self.early_review.rule}
                if self.chair_proceeded and self.early_review is not None
                else None
            ),
            "warnings": [{"code": w.code, "message": w.message} for w in self.warnings],
            "settings": self.settings,
        }


# -- the rule ----------------------------------------------------------------------------


def _unit(prof: Professional, rule: Quorum) -> str:
    """What one professional counts as: their agency, or their organisation."""
    if rule.count == "organisations" and prof.agency != rule.required_agency:
        return prof.organisation or AGENCY_NAMES[prof.agency]
    return prof.agency


def _sort_key(unit: str, rule: Quorum) -> tuple[int, int, str]:
    if unit == rule.required_agency:
        return (0, 0, unit)
    order = AGENCY_ORDER.index(unit) if unit in AGENCY_ORDER else len(AGENCY_ORDER)
    return (1, order, unit)


def unit_name(unit: str, words: Mapping[Any, str] | None = None) -> str:
    """An agency id in words ("the police"), in the procedure's own where it has them
    (`Quorum.agency_words`); an organisation stays as it is."""
    return (words or {}).get(unit) or AGENCY_NAMES.get(unit, unit)


def _nouns(rule: Quorum) -> tuple[str, str]:
    if rule.count == "organisations":
        return "organisation", "organisations"
    return "agency", "agencies"


def _why(prof: Professional) -> str:
    return "observer only" if prof.observer and prof.present else WHY[prof.attendance]


def _candidates(units: list[str], absent: list[NotPresent], rule: Quorum) -> list[str]:
    """Each unit in words, with who could come and why they are not counted."""
    out = []
    for unit in units:
        people = [f"{p.name}, {p.why}" for p in absent if p.unit == unit]
        name = unit_name(unit, rule.agency_words)
        out.append(f"{name} ({'; '.join(people)})" if people else name)
    return out


def assess_child(case: Case, child: Child, rule: Quorum) -> ChildQuorum:
    """London CP4 3.10 for one subject child, as the profile's quorum section words it."""
    key = lambda u: _sort_key(u, rule)  # noqa: E731
    required = rule.required_agency
    noun, nouns = _nouns(rule)
    name = first_name(child.name) or child.id

    # the required agency counts when anyone from it is there; the others only when
    # their agency has had direct contact with this child. Observers never count (CP4 3.3).
    counting = [p for p in case.professionals if p.present and not p.observer]
    required_present = any(p.agency == required for p in counting)
    others_present = sorted(
        {_unit(p, rule) for p in counting if p.agency != required and p.knows(child.id)}, key=key
    )
    knowing = [p for p in case.professionals if p.knows(child.id)]
    known_others = sorted({_unit(p, rule) for p in knowing if p.agency != required}, key=key)
    known = [required, *known_others]
    present = ([required] if required_present else []) + others_present

    # everyone with direct contact who does not count, even where a colleague of the same
    # agency is there: a professional who has not replied is not present, and is said so
    not_present = [
        NotPresent(p.id, p.name, p.agency, _unit(p, rule), _why(p))
        for p in case.professionals
        if (p.knows(child.id) or p.agency == required) and not (p.present and not p.observer)
    ]

    enough_others = len(others_present) >= rule.other_agencies
    # London CP4 3.10: fewer than three agencies (social care and two others) know the
    # child, and every one of them is present
    fewer_known = rule.exception_when_fewer_known and len(known_others) < rule.other_agencies
    by_exception = (
        fewer_known
        and not enough_others
        and required_present
        and len(others_present) == len(known_others)
    )
    # agencies the procedure requires whoever knows the child (Scotland's core agencies)
    also_missing = [a for a in rule.also_required if not any(p.agency == a for p in counting)]
    quorate = required_present and (enough_others or by_exception) and not also_missing

    missing: str | None = None
    if not quorate:
        parts = []
        if not required_present:
            parts.append(_candidates([required], not_present, rule)[0])
        for agency in also_missing:
            people = [
                f"{p.name}, {_why(p)}"
                for p in case.professionals
                if p.agency == agency and not (p.present and not p.observer)
            ]
            name = unit_name(agency, rule.agency_words)
            parts.append(name + (f" ({'; '.join(people)})" if people else ""))
        absent_units = [u for u in known_others if u not in others_present]
        if fewer_known:
            if absent_units:
                # CP4 3.10 exception: with so few agencies involved, every one must come
                parts.append(
                    join_names(_candidates(absent_units, not_present, rule))
                    + f" (only {len(known)} {noun if len(known) == 1 else nouns} "
                    f"{'has' if len(known) == 1 else 'have'} had direct contact with {name}, "
                    "so every one must be present)"
                )
        elif not enough_others:
            need = rule.other_agencies - len(others_present)
            count = NUMBERS.get(need, str(need))
            what = f"{count} more {noun if need == 1 else nouns} with direct contact with {name}"
            if absent_units:
                what += ": " + join_names(_candidates(absent_units, not_present, rule), "or")
            if len(absent_units) < need:
                what += (
                    f" ({'and ' if absent_units else ''}no other {noun} is recorded as having "
                    f"had direct contact with {name})"
                )
            parts.append(what)
        missing = " and ".join(parts)
    return ChildQuorum(
        child_id=child.id,
        name=child.name,
        quorate=quorate,
        by_exception=by_exception,
        present=present,
        known=known,
        not_present=not_present,
        missing=missing,
    )


def rule_words(rule: Quorum) -> str:
    """The quorum rule in words, as the profile sets it."""
    noun, nouns = _nouns(rule)
    other = NUMBERS.get(rule.other_agencies, str(rule.other_agencies))
    units = [rule.required_agency, *rule.also_required]
    required = join_names([unit_name(a, rule.agency_words) for a in units])
    others = (
        f" and at least {other} other {noun if rule.other_agencies == 1 else nouns} with "
        "direct contact with each subject child"
        if rule.other_agencies
        else ""
    )
    return (
        f"{required}{others} must be present ({rule.source}). "
        "Observers, and anyone who sent apologies, do not count."
    )


def exception_words(rule: Quorum) -> str:
    """The exception for a child few agencies know, in words, with its source (London CP4
    3.10; that every one must be present is local: CONTRACT.md section 3)."""
    _, nouns = _nouns(rule)
    return (
        f"Where fewer {nouns} than that have had direct contact with a child, the child is "
        f"quorate when every one of them is present ({rule.exception_citation()})."
    )


def check_quorum(
    case: Case,
    profile: Profile,
    calendar: WorkingCalendar,
    today: dt.date,
    *,
    exclusion_request: Deadline | None,
    early_review: Deadline | None = None,
    agency_reports: Deadline | None = None,
) -> QuorumReport:
    """The quorum for each subject child (a child who is not a subject is not assessed).

    `exclusion_request`, `early_review`, `agency_reports`: the schedule's deadlines of
    those ids (cpconf.schedule counts them), or None where there are none.
    """
    rule = profile.quorum
    children = [assess_child(case, c, rule) for c in case.subject_children]
    warnings = attendance_warnings(
        case,
        profile,
        calendar,
        today,
        exclusion_request=exclusion_request,
        agency_reports=agency_reports,
    )
    if case.conference.inquorate_decision is not None and all(c.quorate for c in children):
        meeting = profile.terms.meeting_short
        early = (  # only where the profile has an early review to ask for (London CP4 3.12)
            f", or cpconf plan will ask for an early review {meeting}{profile.cp4('3.12')}"
            if profile.deadline("early_review") is not None
            else ""
        )
        warnings.append(
            AttendanceWarning(
                "inquorate_decision_not_needed",
                "The case file records the chair's decision to go ahead inquorate, but the "
                f"{meeting} is quorate for every subject child: remove "
                f"conference.inquorate_decision{early}.",
            )
        )
    return QuorumReport(
        reference=case.case.reference,
        procedure=profile.name,
        count=rule.count,
        source=rule.source,
        conference_date=case.conference.date,
        today=today,
        children=children,
        rule=rule_words(rule),
        exception_source=rule.exception_citation(),
        not_assessed=[c.name for c in case.children if not c.subject],
        decision=case.conference.inquorate_decision,
        early_review=early_review,
        warnings=warnings,
        meeting=profile.terms.meeting_short,
        follows_london=profile.follows_london,
        agency_words={str(k): v for k, v in rule.agency_words.items()},
    )
