"""Every deadline of a conference, counted from the case file by the procedure profile's rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from cpconf.case import Case
from cpconf.dates import add_minutes, clock, long_date, short_date
from cpconf.procedures import DeadlineSpec, Profile, Rule
from cpconf.workdays import WorkingCalendar


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


@dataclass(frozen=True)
class Unset:
    """A deadline the procedure gives no timescale for: shown as not set, never invented."""

    id: str
    label: str
    owner: str
    reason: str  # what the procedure does and does not say, and who sets it


@dataclass(frozen=True)
class Notice:
    code: str
    message: str
    deadline: str | None = None


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

    def deadline(self, deadline_id: str) -> Deadline | None:
        return next((d for d in self.deadlines if d.id == deadline_id), None)

    def status(self, d: Deadline) -> Status:
        cal = self.calendar or WorkingCalendar()
        if d.done is not None:
            late = cal.working_days_between(d.due, d.done)
            if late > 0:
                return Status("late", late, f"done {late} working day{'s' * (late != 1)} late")
            return Status("done", 0, "done")
        booked = self.conference_date
        if d.id == "conference" and booked and booked >= self.today:
            ahead = cal.working_days_between(booked, d.due)
            when = "today" if booked == self.today else f"for {short_date(booked)}"
            if ahead >= 0:
                return Status("booked", 0, f"booked {when}, in time")
            return Status(
                "overdue", -ahead, f"booked {when}, {-ahead} working day{'s' * (ahead != -1)} late"
            )
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
            return Status("overdue", n, f"overdue by {n} working day{'s' * (n != 1)}")
        if gap == 0:
            return Status("upcoming", 0, "due next working day")
        return Status("upcoming", gap, f"due in {gap} working day{'s' * (gap != 1)}")

    def to_json(self) -> dict[str, Any]:
        """The object of CONTRACT.md section 4, and the settings file used."""
        return {
            "reference": self.reference,
            "procedure": self.procedure,
            "conference_type": self.conference_type,
            "conference_date": self.conference_date.isoformat() if self.conference_date else None,
            "deadlines": {d.id: {"due": d.due.isoformat(), "rule": d.rule} for d in self.deadlines},
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
    value = getattr(conf, name)
    return value, False


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
        done = _conference_done(case, today) if spec.id == "conference" else case.done.get(spec.id)
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
            done=done,
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

    plan = Schedule(
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
    plan.warnings.extend(_warnings(plan, case, profile, calendar))
    return plan


def _warnings(plan: Schedule, case: Case, profile: Profile, cal: WorkingCalendar) -> list[Notice]:
    conf = case.conference
    out: list[Notice] = []
    deadline = plan.deadline("conference")
    m = profile.terms.meeting_short  # "conference"; Scotland: "CPPM"

    if conf.date is None:
        out.append(
            Notice(
                "conference_not_booked",
                f"No {m} date is booked yet: the report and exclusion deadlines are counted "
                f"back from the latest date the {m} may be held.",
            )
        )
    if deadline and conf.date and conf.date > deadline.due:
        late = cal.working_days_between(deadline.due, conf.date)
        what = (
            f"less than {deadline.rule}"  # pre-birth: "10 weeks before the expected date…"
            if deadline.rule.endswith("expected date of delivery")
            else f"{late} working day{'s' * (late != 1)} after its deadline"
        )
        # where the procedure says what a delay calls for (London CP4 1.10), say it
        then = f" {profile.delay_procedure}" if profile.delay_procedure else ""
        if conf.delay_reason:
            out.append(
                Notice(
                    "conference_delayed",
                    f"The {m} is booked for {long_date(conf.date)}, {what} "
                    f"({long_date(deadline.due)}). Reason recorded: {conf.delay_reason.rstrip('.')}.{then}",
                    "conference",
                )
            )
        else:
            out.append(
                Notice(
                    "conference_after_deadline",
                    f"The {m} is booked for {long_date(conf.date)}, {what} "
                    f"({long_date(deadline.due)}, {deadline.rule}), and no delay_reason is "
                    f"recorded.{then}",
                    "conference",
                )
            )
    if conf.date and not cal.is_working_day(conf.date):
        why = cal.holiday_name(conf.date) or conf.date.strftime("%A")
        out.append(
            Notice(
                "conference_on_non_working_day",
                f"The {m} is booked for {long_date(conf.date)}, which is not a working day "
                f"({why}).",
                "conference",
            )
        )
    session = profile.session
    if conf.time and session.family_times and conf.time not in session.family_times:
        usual = " or ".join(clock(t) for t in session.family_times)
        out.append(
            Notice(
                "unusual_start_time",
                f"The conference starts at {clock(conf.time)}; the usual start times are {usual} "
                f"({session.source}).",
            )
        )
    if conf.time and session.school_day_ends:
        ends = add_minutes(conf.time, session.expected_length_minutes)
        if ends > session.school_day_ends or conf.time >= session.school_day_ends:
            out.append(
                Notice(
                    "conference_after_school_day",
                    f"The conference starts at {clock(conf.time)} and will run until about "
                    f"{clock(ends)}, past the end of the school day ({clock(session.school_day_ends)}): "
                    "parents should not be asked to attend when they are busy with children at home; "
                    f"offer help with childcare ({session.school_day_source}).",
                )
            )
    for u in plan.not_set:
        out.append(
            Notice(
                "deadline_not_set",
                f"{u.label}: not set by the procedure ({u.reason}). Set it locally.",
                u.id,
            )
        )
    for d in plan.deadlines:
        if d.done is None and not d.cutoff and d.due < plan.today:
            status = plan.status(d)
            out.append(
                Notice(
                    "deadline_passed",
                    f"{d.label}: was due by {long_date(d.due)} ({d.rule}, {d.source}) and is not "
                    f"recorded as done; {status.text}.",
                    d.id,
                )
            )
    return out
