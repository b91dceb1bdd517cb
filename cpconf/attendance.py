"""Who should be invited, what they must send, and how the family and children take part.

The checks read the profile's `attendance:` section (each rule with its source there);
`check-quorum` reports them with the quorum, `letters` those its documents depend on.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cpconf.case import AGENCY_NAMES, Case, Professional
from cpconf.dates import long_date
from cpconf.names import a_or_an, join_names
from cpconf.procedures import Profile
from cpconf.workdays import WorkingCalendar, working_days

if TYPE_CHECKING:  # the plan is built by the caller: the checks never build one
    from cpconf.schedule import Deadline


@dataclass(frozen=True)
class AttendanceWarning:
    code: str
    message: str
    who: str | None = None  # the id of the person it is about


def _cite(source: str) -> str:
    """A source in brackets, any note of its own after a semicolon: never brackets in brackets.

    Words quoted from the procedure ("…(IRO)…") are left exactly as they are.
    """
    parts = re.split(r'("[^"]*")', source)  # the odd parts are quotations
    return (
        "("
        + "".join(
            part if i % 2 else re.sub(r"\s*\(([^()]*)\)", r"; \1", part)
            for i, part in enumerate(parts)
        )
        + ")"
    )


def attendance_warnings(
    case: Case,
    profile: Profile,
    calendar: WorkingCalendar,
    today: dt.date,
    *,
    exclusion_request: Deadline | None,
    agency_reports: Deadline | None = None,
) -> list[AttendanceWarning]:
    """Who should be invited, what they must send, and how the family and children take part.

    `exclusion_request`: the plan's deadline of that id (the last day to ask the chair for
    an exclusion, London CP4 5.2), or None where the profile has none. `agency_reports`:
    the plan's deadline for the agencies' reports, for the reports owed by every agency
    (`attendance.report_from_all`); None: those are not checked.
    """
    checks = profile.attendance
    conf = case.conference
    out: list[AttendanceWarning] = []

    invited = {p.agency for p in case.professionals}
    q = profile.quorum
    for agency in q.always_invite:
        if agency not in invited:
            named = join_names([q.agency_words.get(a) or AGENCY_NAMES[a] for a in q.always_invite])
            out.append(
                AttendanceWarning(
                    "agency_not_invited",
                    f"No one from {q.agency_words.get(agency) or AGENCY_NAMES[agency]} is "
                    f"invited; the {profile.name} procedure invites {named} to every "
                    f"{profile.terms.meeting_short} {_cite(q.source)}.",
                )
            )

    for p in case.professionals:
        who = f"{p.name} ({AGENCY_NAMES[p.agency]})"
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
                    f"send a report to {_report_to(profile, p)} {_cite(checks.report_source)}. "
                    "Record it as report_received.",
                    p.id,
                )
            )
        elif agency_reports is not None and _report_owed(
            case, profile, p, agency_reports, calendar, today
        ):
            out.append(_report_not_received(who, p.id, profile, agency_reports, calendar, today))
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
                    else (f"in {working_days(days)}" if days else "on the next working day")
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


def _report_to(profile: Profile, p: Professional) -> str:
    """Who gets the report of someone who cannot attend: the chair, and any the procedure
    adds; a police report goes to the chair alone (London CP4 7.10: it is shared only with
    the chair's agreement), whatever the procedure adds for the other agencies."""
    if p.agency == "police":
        return "the chair"
    extra = {"social_worker": "the allocated social worker"}
    return join_names(["the chair", *(extra[w] for w in profile.attendance.report_copy_to)])


def _report_owed(
    case: Case,
    profile: Profile,
    p: Professional,
    agency_reports: Deadline,
    calendar: WorkingCalendar,
    today: dt.date,
) -> bool:
    """A report every agency owes (London CP4 7.9; Hackney, York), not in, with its deadline
    near or past and the conference still to come."""
    checks = profile.attendance
    conf = case.conference
    if not checks.report_from_all or agency_reports.done is not None:
        return False
    if p.observer or p.report_received is not None or p.agency == "children_social_care":
        return False  # the social worker's report has deadlines of its own (CP4 7.7, 7.8)
    if conf.date is not None and conf.date < today:
        return False  # held: the report was for the meeting
    # London CP4 7.10: no police report expected at a review without police involvement
    if p.agency == "police" and conf.type == "review" and conf.police_involvement is False:
        return False
    ahead = calendar.working_days_between(today, agency_reports.due)
    return ahead <= checks.report_chased_working_days


def _report_not_received(
    who: str,
    person: str,
    profile: Profile,
    agency_reports: Deadline,
    calendar: WorkingCalendar,
    today: dt.date,
) -> AttendanceWarning:
    checks = profile.attendance
    due = agency_reports.due
    if due < today:
        late = calendar.working_days_between(due, today)
        when = (
            f"were due by {long_date(due)}, {working_days(late)} ago"
            if late
            else f"were due by {long_date(due)}"
        )
    elif due == today:
        when = "are due today"
    else:
        ahead = calendar.working_days_between(today, due)
        when = f"are due by {long_date(due)}, in {working_days(ahead)}"
    return AttendanceWarning(
        "report_not_received",
        f"No report is recorded from {who}; reports {when} ({agency_reports.rule}). Every "
        "agency invited sends one, attending or not "
        f"{_cite(checks.report_from_all_source or checks.report_source)}: record it as "
        f"report_received (chased from {checks.report_chased_working_days} working days "
        f"before{checks.note('report_chased_working_days', in_brackets=True)}).",
        person,
    )
