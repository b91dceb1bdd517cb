"""Is the conference quorate for each subject child, and who else should be there and how.

The rule is the profile's `quorum:` section (London CP4 3.10 by default); the
attendance checks around it read the profile's `attendance:` section.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, get_args

from cpconf.case import AGENCY_NAMES, Agency, Case, Child, InquorateDecision, Professional
from cpconf.dates import long_date
from cpconf.names import a_or_an, first_name, join_names
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


@dataclass(frozen=True)
class AttendanceWarning:
    code: str
    message: str
    who: str | None = None  # the id of the person it is about


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
    not_assessed: list[str] = field(default_factory=list)  # children who are not subjects
    decision: InquorateDecision | None = None
    early_review: Deadline | None = None  # where the chair went ahead (London CP4 3.12)
    warnings: list[AttendanceWarning] = field(default_factory=list)
    settings: str | None = None  # the council settings file used (cpconf.yaml)

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


def unit_name(unit: str) -> str:
    """An agency id in words ("the police"); an organisation stays as it is."""
    return AGENCY_NAMES.get(unit, unit)


def _nouns(rule: Quorum) -> tuple[str, str]:
    if rule.count == "organisations":
        return "organisation", "organisations"
    return "agency", "agencies"


def _why(prof: Professional) -> str:
    return "observer only" if prof.observer and prof.present else WHY[prof.attendance]


def _candidates(units: list[str], absent: list[NotPresent]) -> list[str]:
    """Each unit in words, with who could come and why they are not counted."""
    out = []
    for unit in units:
        people = [f"{p.name}, {p.why}" for p in absent if p.unit == unit]
        out.append(f"{unit_name(unit)} ({'; '.join(people)})" if people else unit_name(unit))
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
            parts.append(_candidates([required], not_present)[0])
        for agency in also_missing:
            people = [
                f"{p.name}, {_why(p)}"
                for p in case.professionals
                if p.agency == agency and not (p.present and not p.observer)
            ]
            parts.append(unit_name(agency) + (f" ({'; '.join(people)})" if people else ""))
        absent_units = [u for u in known_others if u not in others_present]
        if fewer_known:
            if absent_units:
                # CP4 3.10 exception: with so few agencies involved, every one must come
                parts.append(
                    join_names(_candidates(absent_units, not_present))
                    + f" (only {len(known)} {noun if len(known) == 1 else nouns} "
                    f"{'has' if len(known) == 1 else 'have'} had direct contact with {name}, "
                    "so every one must be present)"
                )
        elif not enough_others:
            need = rule.other_agencies - len(others_present)
            count = NUMBERS.get(need, str(need))
            what = f"{count} more {noun if need == 1 else nouns} with direct contact with {name}"
            if absent_units:
                what += ": " + join_names(_candidates(absent_units, not_present), "or")
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


# -- attendance checks ---------------------------------------------------------------------


def _cite(source: str) -> str:
    """A source in brackets, any note of its own after a semicolon: never brackets in brackets."""
    return "(" + re.sub(r"\s*\(([^()]*)\)", r"; \1", source) + ")"


def attendance_warnings(
    case: Case,
    profile: Profile,
    calendar: WorkingCalendar,
    today: dt.date,
    *,
    exclusion_request: Deadline | None,
) -> list[AttendanceWarning]:
    """Who should be invited, what they must send, and how the family and children take part.

    `exclusion_request`: the plan's deadline of that id (the last day to ask the chair for
    an exclusion, London CP4 5.2), or None where the profile has none.
    """
    checks = profile.attendance
    conf = case.conference
    out: list[AttendanceWarning] = []

    invited = {p.agency for p in case.professionals}
    for agency in profile.quorum.always_invite:
        if agency not in invited:
            out.append(
                AttendanceWarning(
                    "agency_not_invited",
                    f"No one from {unit_name(agency)} is invited; the {profile.name} procedure "
                    f"invites {join_names([unit_name(a) for a in profile.quorum.always_invite])} to every "
                    f"conference {_cite(profile.quorum.source)}.",
                )
            )

    for p in case.professionals:
        who = f"{p.name} ({unit_name(p.agency)})"
        if (
            checks.report_if_unable_to_attend
            and p.attendance in ("apologies", "absent")
            and not p.observer
            and p.report_received is None
        ):
            did = "sent apologies" if p.attendance == "apologies" else "is recorded as absent"
            out.append(
                AttendanceWarning(
                    "no_report",
                    f"{who} {did} and no report is recorded: anyone invited who cannot attend must "
                    f"send a report to the chair {_cite(checks.report_source)}. Record it as "
                    "report_received.",
                    p.id,
                )
            )
        consent = p.observer_consent
        if p.observer and not (consent and consent.chair and consent.family):
            lacking = join_names(
                [
                    w
                    for w, ok in (
                        ("the chair's", consent and consent.chair),
                        ("the family's", consent and consent.family),
                    )
                    if not ok
                ]
            )
            out.append(
                AttendanceWarning(
                    "observer_without_consent",
                    f"{who} is an observer without {lacking} prior consent recorded; an observer may "
                    f"attend only with the consent of the chair and the family {_cite(checks.observer_source)}.",
                    p.id,
                )
            )
        if p.attendance == "invited" and conf.date is not None:
            days = calendar.working_days_between(today, conf.date)
            if conf.date < today:
                out.append(
                    AttendanceWarning(
                        "no_reply",
                        f"{who} is still recorded as invited, but the conference was on "
                        f"{long_date(conf.date)}: record whether they attended.",
                        p.id,
                    )
                )
            elif days <= checks.reply_needed_working_days:
                when = (
                    "today"
                    if conf.date == today
                    else (
                        f"in {days} working day{'s' * (days != 1)}"
                        if days
                        else "on the next working day"
                    )
                )
                out.append(
                    AttendanceWarning(
                        "no_reply",
                        f"{who} has not replied to the invitation and the conference is {when} "
                        f"({long_date(conf.date)}): ask whether they will attend or send a report "
                        f"(replies chased from {checks.reply_needed_working_days} working days "
                        f"before{checks.note('reply_needed_working_days', in_brackets=True)}).",
                        p.id,
                    )
                )

    for m in case.family:
        if m.interpreter and not m.interpreter_arranged:
            out.append(
                AttendanceWarning(
                    "interpreter_not_arranged",
                    f"{m.name} needs {a_or_an(m.interpreter)} interpreter and none is recorded as arranged "
                    "(set interpreter_arranged: true once booked).",
                    m.id,
                )
            )
        if m.excluded == "none":
            continue
        how = "in part" if m.excluded == "part" else "in full"
        ex = m.exclusion
        if ex is None or not ex.reason:
            out.append(
                AttendanceWarning(
                    "exclusion_no_reason",
                    f"{m.name} is excluded {how} with no reason recorded: the agency must say which "
                    f"grounds are met and on what evidence ({checks.exclusion_source}, 5.3).",
                    m.id,
                )
            )
        requested = ex.requested_on if ex is not None else None
        if requested and exclusion_request and requested > exclusion_request.due:
            # the profile's own rule in words: "3 working days before the conference"
            out.append(
                AttendanceWarning(
                    "exclusion_request_late",
                    f"The request to exclude {m.name} reached the chair on "
                    f"{long_date(requested)}, after {long_date(exclusion_request.due)}: "
                    f"it should be made, if possible, at least {exclusion_request.rule} "
                    f"{_cite(checks.exclusion_source)}.",
                    m.id,
                )
            )

    on = conf.date or today
    for c in case.children:
        age = c.age_on(on)
        if c.subject and age is not None and age >= checks.child_views_from_age and not c.views:
            out.append(
                AttendanceWarning(
                    "child_views_not_recorded",
                    f"{c.name} is {age}: record how their wishes and feelings will be heard "
                    + _cite(
                        f"{checks.child_views_source} (from age {checks.child_views_from_age}"
                        f"{checks.note('child_views_from_age', in_brackets=True)})"
                    )
                    + ", in views: attending, advocate, "
                    "booklet, written, social-worker, chair-meeting or declined.",
                    c.id,
                )
            )
        young = c.unborn or (age is not None and age < checks.young_child_under)
        if c.attending and young:
            what = "a baby" if c.unborn or age == 0 else f"{age}"
            out.append(
                AttendanceWarning(
                    "young_child_attending",
                    f"{c.name} ({what}) is listed as attending: babies and young children should "
                    "not normally be present; help the parents arrange their care "
                    + _cite(
                        f"{checks.young_child_source} (under {checks.young_child_under}"
                        f"{checks.note('young_child_under', in_brackets=True)})"
                    )
                    + ".",
                    c.id,
                )
            )
    return out


def rule_words(rule: Quorum) -> str:
    """The quorum rule in words, as the profile sets it."""
    noun, nouns = _nouns(rule)
    other = NUMBERS.get(rule.other_agencies, str(rule.other_agencies))
    required = join_names([unit_name(a) for a in [rule.required_agency, *rule.also_required]])
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


def check_quorum(
    case: Case,
    profile: Profile,
    calendar: WorkingCalendar,
    today: dt.date,
    *,
    exclusion_request: Deadline | None,
    early_review: Deadline | None = None,
) -> QuorumReport:
    """The quorum for each subject child (a child who is not a subject is not assessed).

    `exclusion_request`, `early_review`: the schedule's deadlines of those ids
    (cpconf.schedule counts them), or None where there are none.
    """
    rule = profile.quorum
    children = [assess_child(case, c, rule) for c in case.subject_children]
    warnings = attendance_warnings(
        case, profile, calendar, today, exclusion_request=exclusion_request
    )
    if case.conference.inquorate_decision is not None and all(c.quorate for c in children):
        warnings.append(
            AttendanceWarning(
                "inquorate_decision_not_needed",
                "The case file records the chair's decision to go ahead inquorate, but the conference "
                "is quorate for every subject child: remove conference.inquorate_decision, or "
                "cpconf plan will ask for an early review conference (London CP4 3.12).",
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
        not_assessed=[c.name for c in case.children if not c.subject],
        decision=case.conference.inquorate_decision,
        early_review=early_review,
        warnings=warnings,
    )
