"""Every deadline of a conference, counted from the case file by the procedure profile's rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from cpconf.case import Case
from cpconf.dates import short_date
from cpconf.procedures import DeadlineSpec, Profile, Rule, holds
from cpconf.schedule_warnings import Notice, schedule_warnings
from cpconf.workdays import WorkingCalendar, working_days


@dataclass(frozen=True)
class Deadline:
    id: str
    label: str
    owner: str
    due: dt.date
    rule: str  # the rule in words: "15 working days after the strategy discussion"
    source: str  # the paragraph it comes from: "London CP4 1.7"
    inherited_from: str | None = None
    cutoff: bool = False  # closes a window rather than being a task (e.g. exclusion requests)
    provisional: bool = False  # counted from the conference deadline: no date booked yet
    done: dt.date | None = None
    booked: dt.date | None = None  # the date booked in the outcome (first core group, review)
    local: bool = False  # the rule is local practice, not the procedure's


@dataclass(frozen=True)
class CoreGroup:
    """One core group meeting due before the next review (CONTRACT.md section 4)."""

    due: dt.date
    rule: str
    source: str
    booked: dt.date | None = None


@dataclass(frozen=True)
class Unset:
    """A deadline the procedure gives no timescale for: shown as not set, never invented."""

    id: str
    label: str
    owner: str
    reason: str  # what the procedure does and does not say, and who sets it


@dataclass(frozen=True)
class Status:
    kind: str  # done | late | overdue | today | upcoming | closed | booked
    working_days: int  # how far away (upcoming) or past (overdue, late)
    text: str


@dataclass
class Schedule:
    reference: str
    procedure: str
    conference_type: str
    conference_date: dt.date | None
    today: dt.date
    deadlines: list[Deadline]
    warnings: list[Notice] = field(default_factory=list)
    calendar: WorkingCalendar | None = None
    settings: str | None = None  # the council settings file counted with (cpconf.yaml)
    meeting: str = ""  # what the procedure calls this meeting: "initial conference", "review CPPM"
    meeting_name: str = ""  # in full: "initial child protection conference"
    not_set: list[Unset] = field(default_factory=list)  # deadlines the procedure leaves open
    core_groups: list[CoreGroup] = field(default_factory=list)

    def deadline(self, deadline_id: str) -> Deadline | None:
        return next((d for d in self.deadlines if d.id == deadline_id), None)

    def status(self, d: Deadline) -> Status:
        cal = self.calendar or WorkingCalendar()
        if d.done is not None:
            late = cal.working_days_between(d.due, d.done)
            if late > 0:
                return Status("late", late, f"done {working_days(late)} late")
            return Status("done", 0, "done")
        booked = self.conference_date if d.id == "conference" else d.booked
        if booked and booked >= self.today:
            ahead = cal.working_days_between(booked, d.due)
            when = "today" if booked == self.today else f"for {short_date(booked)}"
            if ahead >= 0:
                return Status("booked", 0, f"booked {when}, in time")
            return Status("overdue", -ahead, f"booked {when}, {working_days(-ahead)} late")
        if d.due == self.today:
            return Status("today", 0, "due today")
        gap = cal.working_days_between(self.today, d.due)
        if d.due < self.today and d.cutoff:
            return Status("closed", 0, "closed")
        if d.due < self.today:
            n = -gap
            if (
                n == 0
            ):  # due on a non-working day just gone (should not happen: deadlines roll back)
                n = 1
            return Status("overdue", n, f"overdue by {working_days(n)}")
        if gap == 0:
            return Status("upcoming", 0, "due next working day")
        return Status("upcoming", gap, f"due in {working_days(gap)}")

    def to_json(self) -> dict[str, Any]:
        """The object of CONTRACT.md section 4, and the settings file used."""
        return {
            "reference": self.reference,
            "procedure": self.procedure,
            "conference_type": self.conference_type,
            "conference_date": self.conference_date.isoformat() if self.conference_date else None,
            "deadlines": {
                d.id: {
                    "due": d.due.isoformat(),
                    "rule": d.rule,
                    **({"booked": d.booked.isoformat()} if d.booked else {}),
                }
                for d in self.deadlines
            },
            "core_groups": [
                {
                    "due": c.due.isoformat(),
                    "rule": c.rule,
                    **({"booked": c.booked.isoformat()} if c.booked else {}),
                }
                for c in self.core_groups
            ],
            "warnings": [{"code": w.code, "message": w.message} for w in self.warnings],
            "settings": self.settings,  # an extra key: which settings file, or null
        }


def _plans(case: Case) -> set[str]:
    return {d.plan for d in case.outcome.decisions} if case.outcome else set()


def _applies(rule: Rule, case: Case) -> bool:
    conf = case.conference
    if conf.type not in rule.types:
        return False
    if rule.previous_types is not None and conf.previous_type not in rule.previous_types:
        return False
    if not holds(rule.when, conf):  # a fact of the case (London CP4 1.21: the mother unfit)
        return False
    proceeded = conf.inquorate_decision is not None  # London CP4 3.11-3.12
    if rule.if_inquorate_proceeded is not None and rule.if_inquorate_proceeded != proceeded:
        return False
    if case.outcome is None:
        # before the outcome is known any plan may follow: show what is likely to be needed
        return not rule.needs_outcome
    return rule.if_plan is None or bool(_plans(case) & set(rule.if_plan))


def _meeting(profile: Profile, conference_type: str) -> str:
    """'initial conference' (England, as before); Scotland 'review Child Protection Planning
    Meeting'; the profile's own name for the type where it gives one."""
    terms = profile.terms
    named = terms.meeting_names.get(conference_type)  # type: ignore[call-overload]
    return named if named is not None else f"{conference_type} {terms.meeting_short}"


def _unset_applies(spec: DeadlineSpec, case: Case) -> bool:
    unset = spec.not_set
    if unset is None or case.conference.type not in unset.types:
        return False
    if case.outcome is None or unset.if_plan is None:
        return True
    return bool(_plans(case) & set(unset.if_plan))


def _anchor_date(
    rule: Rule, case: Case, conference_due: dt.date | None
) -> tuple[dt.date | None, bool]:
    """The date the rule counts from, and whether it is provisional (no date booked)."""
    conf = case.conference
    name = rule.anchor
    if name == "conference":
        if conf.date:
            return conf.date, False
        # CONTRACT.md 3: before booking, deadlines before the conference count from its
        # deadline; deadlines after it appear only once a date is booked.
        return (conference_due, True) if rule.before else (None, False)
    if name.startswith("done."):
        return case.done.get(name[5:]), False
    if name == "last_core_group":
        # at a review the plan's core groups go on: with none recorded since, from the review
        last = _last_core_group(case)
        if last is None and conf.type == "review":
            last = conf.date
        return last, False
    value = getattr(conf, name)
    return value, False


def _core_groups_held(case: Case) -> list[dt.date]:
    held = set(case.outcome.core_groups_held) if case.outcome else set()
    if "first_core_group" in case.done:
        held.add(case.done["first_core_group"])
    return sorted(held)


def _last_core_group(case: Case) -> dt.date | None:
    held = _core_groups_held(case)
    return held[-1] if held else None


# the dates an outcome books for a deadline (CONTRACT.md section 1)
BOOKINGS = {"first_core_group": "first_core_group", "next_review": "next_review"}


def _booked(case: Case, deadline_id: str) -> dt.date | None:
    if case.outcome is None or deadline_id not in BOOKINGS:
        return None
    value: dt.date | None = getattr(case.outcome, BOOKINGS[deadline_id])
    return value


def _done(case: Case, deadline_id: str, today: dt.date) -> dt.date | None:
    if deadline_id == "conference":
        return _conference_done(case, today)
    if deadline_id == "first_core_group" and "first_core_group" not in case.done:
        held = _core_groups_held(case)
        return held[0] if held else None
    return case.done.get(deadline_id)


def _conference_done(case: Case, today: dt.date) -> dt.date | None:
    if "conference" in case.done:
        return case.done["conference"]
    date = case.conference.date
    if date and (case.outcome is not None or date < today):
        return date
    return None


def build_schedule(
    case: Case, profile: Profile, calendar: WorkingCalendar, today: dt.date
) -> Schedule:
    """Every deadline the profile gives for this conference, with warnings."""
    conf = case.conference
    labels = profile.labels
    deadlines: list[Deadline] = []
    conference_due: dt.date | None = None

    def compute(spec: DeadlineSpec) -> Deadline | None:
        # the first rule that applies and whose date the case gives (a looked-after review's
        # decision before a strategy discussion); then any limit that comes earlier
        counted: list[tuple[Rule, dt.date, bool]] = []
        for r in spec.rules:
            if not _applies(r, case):
                continue
            anchor, provisional = _anchor_date(r, case, conference_due)
            if anchor is not None:
                counted.append((r, calendar.shift(anchor, r.duration, r.direction), provisional))
        main = next((c for c in counted if not c[0].limit), None)
        if main is None:
            return None
        rule, due, provisional = min(
            [main, *(c for c in counted if c[0].limit)], key=lambda c: (c[1], c[0].limit)
        )
        return Deadline(
            id=spec.id,
            label=spec.label,
            owner=spec.owner,
            due=due,
            rule=rule.words(labels),
            source=rule.source,
            inherited_from=spec.inherited_from,
            cutoff=spec.kind == "cutoff",
            provisional=provisional,
            done=_done(case, spec.id, today),
            booked=_booked(case, spec.id),
            local=rule.local,
        )

    # the conference deadline first: others may count back from it
    specs = sorted(profile.deadlines, key=lambda s: s.id != "conference")
    computed: dict[str, Deadline] = {}
    for spec in specs:
        d = compute(spec)
        if d is not None:
            computed[spec.id] = d
            if spec.id == "conference":
                conference_due = d.due
    deadlines = [computed[s.id] for s in profile.deadlines if s.id in computed]
    not_set = [
        Unset(s.id, s.label, s.owner, s.not_set.reason)
        for s in profile.deadlines
        if s.id not in computed and s.not_set is not None and _unset_applies(s, case)
    ]

    schedule = Schedule(
        reference=case.case.reference,
        procedure=profile.name,
        conference_type=conf.type,
        conference_date=conf.date,
        today=today,
        deadlines=deadlines,
        calendar=calendar,
        meeting=_meeting(profile, conf.type),
        meeting_name=profile.terms.meeting_name(conf.type),
        not_set=not_set,
    )
    schedule.core_groups = _core_groups(schedule, case, profile, calendar)
    schedule.warnings.extend(schedule_warnings(schedule, case, profile, calendar))
    return schedule


def _core_groups(
    schedule: Schedule, case: Case, profile: Profile, cal: WorkingCalendar
) -> list[CoreGroup]:
    """Every core group meeting due until the next review (CONTRACT.md section 4): the first
    by the profile's `first_core_group`, each later one by its `next_core_group` rhythm,
    counted from the last meeting held."""
    review = schedule.deadline("next_review")
    if case.outcome is None or review is None or case.conference.date is None:
        return []  # no child protection plan, or no conference held yet
    end = review.booked or review.due
    out: list[CoreGroup] = []
    held = _core_groups_held(case)
    previous: dt.date | None = held[-1] if held else None
    first = schedule.deadline("first_core_group")
    if previous is None and first is not None:
        out.append(CoreGroup(first.due, first.rule, first.source, first.booked))
        previous = first.booked or first.due
    if previous is None:  # a review: the core group goes on from the conference
        previous = case.conference.date
    spec = profile.deadline("next_core_group")
    rhythm = next(
        (r for r in spec.rules if r.anchor == "last_core_group") if spec else iter(()), None
    )
    if rhythm is None:
        return out
    words = rhythm.words(profile.labels)
    while len(out) < 60:  # a plan reviewed at most every 6 months: a bound, not a limit
        due = cal.shift(previous, rhythm.duration, 1)
        if due <= previous or due > end:
            break
        out.append(CoreGroup(due, words, rhythm.source))
        previous = due
    return out
