"""What the plan warns of: a conference late, unbooked or on a bank holiday, a deadline
passed or left unset, and what the procedure asks for that the case file shows is not so.

`build_schedule` (cpconf.schedule) counts the deadlines, then adds these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cpconf.case import Case, Child
from cpconf.dates import add_minutes, clock, long_date
from cpconf.procedures import Profile, holds
from cpconf.workdays import WorkingCalendar, working_days

if TYPE_CHECKING:  # the schedule is counted first (cpconf.schedule), then warned about
    from cpconf.schedule import Schedule


@dataclass(frozen=True)
class Notice:
    code: str
    message: str
    deadline: str | None = None
    # the case-file key it is about, where one is (`("outcome",)`): the command that has
    # the file's lines names it with its line (`Conference.plan`)
    about: tuple[str | int, ...] | None = None


def schedule_warnings(
    schedule: Schedule, case: Case, profile: Profile, cal: WorkingCalendar
) -> list[Notice]:
    conf = case.conference
    out: list[Notice] = []
    deadline = schedule.deadline("conference")
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
            else f"{working_days(late)} after its deadline"
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
    for d in schedule.deadlines:
        if d.booked and d.booked > d.due and d.done is None:
            late = cal.working_days_between(d.due, d.booked)
            out.append(
                Notice(
                    "booking_after_deadline",
                    f"{d.label}: booked for {long_date(d.booked)}, {working_days(late)} after "
                    f"its deadline ({long_date(d.due)}, {d.rule}, "
                    f"{d.source}).",
                    d.id,
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
    # the end of the school day is local (CP4 3.6 names no hour): none unless set; and a
    # start time the procedure itself sets (Hackney's 2pm) is not second-guessed
    if conf.time and session.school_day_ends and conf.time not in session.family_times:
        ends = add_minutes(conf.time, session.expected_length_minutes)
        if ends > session.school_day_ends or conf.time >= session.school_day_ends:
            out.append(
                Notice(
                    "conference_after_school_day",
                    f"The conference starts at {clock(conf.time)} and will run until about "
                    f"{clock(ends)} (a length of {session.expected_length_minutes} minutes"
                    f"{session.note('expected_length_minutes', in_brackets=True)}), past the end of the school "
                    f"day ({clock(session.school_day_ends)}{session.note('school_day_ends', in_brackets=True)}): "
                    "parents should not be asked to attend when they are busy with children at home; "
                    f"offer help with childcare ({session.school_day_source}).",
                )
            )
    for u in schedule.not_set:
        out.append(
            Notice(
                "deadline_not_set",
                f"{u.label}: not set by the procedure ({u.reason}). A council sets it in a "
                "profile file of its own that extends this one (README: the four nations).",
                u.id,
            )
        )
    out.extend(_procedure_warnings(schedule, case, profile))
    for d in schedule.deadlines:
        if d.done is None and not d.cutoff and d.due < schedule.today:
            status = schedule.status(d)
            out.append(
                Notice(
                    "deadline_passed",
                    f"{d.label}: was due by {long_date(d.due)} ({d.rule}, {d.source}) and is not "
                    f"recorded as done; {status.text}.",
                    d.id,
                )
            )
    return out


def _procedure_warnings(schedule: Schedule, case: Case, profile: Profile) -> list[Notice]:
    """What the procedure asks for that the case file shows is not so."""
    return [
        *_reminders(case, profile),
        *_assessment_order(schedule, case, profile),
        *_midwifery(schedule, case),
        *_plan_length(schedule, case, profile),
        *_police(case),
        *_chair(case),
        *_review_date(schedule, case, profile),
    ]


def _review_date(schedule: Schedule, case: Case, profile: Profile) -> list[Notice]:
    """Warwickshire: "The Initial Child Protection Conference will also set the date of the
    first review conference within 3 months": a plan decided, and no review date booked."""
    paperwork = profile.paperwork
    review = schedule.deadline("next_review")  # only where a child has a protection plan
    if (
        not paperwork.review_date_set_at_initial
        or case.conference.type != "initial"
        or case.outcome is None
        or case.outcome.next_review is not None
        or review is None
        or review.done is not None
    ):
        return []
    return [
        Notice(
            "review_date_not_set",
            "The initial conference decided on a child protection plan, but no date for the first "
            "review conference is recorded: the initial conference sets that date (the "
            f"review is due by {long_date(review.due)}, {review.rule}). Record it as "
            f"outcome.next_review ({paperwork.review_date_set_at_initial_source or review.source}).",
            "next_review",
            about=("outcome",),
        )
    ]


def _reminders(case: Case, profile: Profile) -> list[Notice]:
    """The profile's reminders whose condition holds (London CP4 1.16: premature birth)."""
    conf = case.conference
    return [
        Notice(r.code, f"{r.message.rstrip().rstrip('.')} ({r.source}).")
        for r in profile.reminders
        if conf.type in r.types and holds(r.when, conf)
    ]


def _assessment_order(schedule: Schedule, case: Case, profile: Profile) -> list[Notice]:
    """London CP4 1.9: held immediately the order's assessments end. The profile's own rule
    on the order (a limit of the conference deadline) gives the warning its source."""
    conf = case.conference
    ends = conf.child_assessment_order_ends
    deadline = schedule.deadline("conference")
    spec = profile.deadline("conference")
    rule = next(
        (
            r
            for r in (spec.rules if spec else [])
            if r.anchor == "child_assessment_order_ends" and conf.type in r.types
        ),
        None,
    )
    if not ends or rule is None or deadline is None or deadline.done is not None:
        return []
    return [
        Notice(
            "child_assessment_order",
            f"The child assessment order's examinations and assessments end on "
            f"{long_date(ends)}: the conference should be held immediately after, by "
            f"{long_date(deadline.due)} ({rule.source}).",
            "conference",
        )
    ]


def _midwifery(schedule: Schedule, case: Case) -> list[Notice]:
    """London CP4 1.21: after the birth, all relevant health professionals attend,
    "including midwifery services"."""
    after_birth = schedule.deadline("birth_review")
    if after_birth is None or after_birth.done is not None:
        return []
    if any(
        p.agency == "health" and p.role and "midwi" in p.role.casefold() for p in case.professionals
    ):
        return []
    return [
        Notice(
            "midwifery_not_invited",
            f"{after_birth.label}: due by {long_date(after_birth.due)}; no health professional "
            "with a midwife role is listed: all relevant health professionals, including "
            f"midwifery services, should attend ({after_birth.source}).",
            "birth_review",
        )
    ]


def _plan_length(schedule: Schedule, case: Case, profile: Profile) -> list[Notice]:
    """London CP4 1.22: sooner reviews for a child under 5 where concerns are serious (how
    much sooner is local), and plans over 2 years reconsidered."""
    conf = case.conference
    checks = profile.plans
    cal = schedule.calendar or WorkingCalendar()
    on = conf.date or schedule.today
    protected = (
        {d.child for d in case.outcome.decisions if d.plan == "child-protection"}
        if case.outcome
        else {c.id for c in case.subject_children}  # before the outcome: any may keep a plan
    )
    children = [c for c in case.subject_children if c.id in protected]

    def young(child: Child) -> bool:
        age = child.age_on(on)
        return child.unborn or (age is not None and age < checks.young_child_under)

    out: list[Notice] = []
    review = schedule.deadline("next_review")
    if review is not None and checks.young_child_review is not None and conf.date:
        sooner = cal.shift(conf.date, checks.young_child_review, 1)
        names = [c.name for c in children if young(c)]
        # a review already booked by then answers it: the warning is for one still later
        if names and (review.booked or review.due) > sooner:
            out.append(
                Notice(
                    "young_child_review",
                    f"{', '.join(names)}: under {checks.young_child_under}; where there are "
                    "serious concerns about the levels of risk the review may need to be "
                    f"sooner than {long_date(review.due)} ({review.rule}): consider a review by "
                    f"{long_date(sooner)} ({checks.young_child_review} after the conference"
                    f"{checks.note('young_child_review', in_brackets=True)}; {checks.source}).",
                    "next_review",
                )
            )
    if checks.long_plan is not None:
        for c in children:
            if c.plan_since is None or on <= cal.shift(c.plan_since, checks.long_plan, 1):
                continue
            especially = (
                f", especially as {c.name} is under {checks.young_child_under}" if young(c) else ""
            )
            out.append(
                Notice(
                    "plan_over_two_years",
                    f"{c.name} has had a child protection plan since {long_date(c.plan_since)}, "
                    f"more than {checks.long_plan}: reconsider the progress of the plan"
                    f"{especially} ({checks.source}).",
                )
            )
    return out


def _police(case: Case) -> list[Notice]:
    """London CP4 7.10: police reports go to reviews where police involvement continues."""
    conf = case.conference
    if conf.type != "review" or conf.police_involvement is None:
        return []
    listed = any(p.agency == "police" for p in case.professionals)
    if not conf.police_involvement and listed:
        return [
            Notice(
                "police_report_not_expected",
                "The police are no longer involved with the family (police_involvement: false): "
                "a police report is not expected at this review (London CP4 7.10).",
            )
        ]
    if conf.police_involvement and not listed:
        return [
            Notice(
                "police_not_invited",
                "The police are still involved with the family (police_involvement: true) but "
                "no one from the police is listed: ask for their report (London CP4 7.10).",
            )
        ]
    return []


def _chair(case: Case) -> list[Notice]:
    """London CP4 8.1: a chair with no operational or line management responsibility for
    the case, and the same chair for a child's reviews wherever possible."""
    conf = case.conference
    chair = conf.chair.name if conf.chair else None
    out: list[Notice] = []
    if conf.chair_line_responsibility:
        out.append(
            Notice(
                "chair_not_independent",
                f"The chair{f' ({chair})' if chair else ''} has or had operational or line "
                "management responsibility for the case: the chair must not (London CP4 8.1).",
            )
        )

    def same(a: str, b: str) -> bool:
        return " ".join(a.casefold().split()) == " ".join(b.casefold().split())

    if (
        conf.type == "review"
        and conf.previous_chair
        and chair
        and not same(chair, conf.previous_chair)
    ):
        out.append(
            Notice(
                "chair_changed",
                f"This review is chaired by {chair}, the previous conference by "
                f"{conf.previous_chair}: wherever possible the same person chairs the reviews "
                "of a child (London CP4 8.1).",
            )
        )
    return out
