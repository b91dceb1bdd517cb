"""Who should be invited, what they must send, and how the family and children take part.

The checks read the profile's `attendance:` section (each rule with its source there);
`check-quorum` reports them with the quorum, `letters` those its documents depend on.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cpconf.case import AGENCY_NAMES, Case
from cpconf.dates import long_date
from cpconf.names import a_or_an, join_names
from cpconf.procedures import Profile
from cpconf.workdays import WorkingCalendar

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
                    f"No one from {AGENCY_NAMES[agency]} is invited; the {profile.name} procedure "
                    f"invites {join_names([AGENCY_NAMES[a] for a in profile.quorum.always_invite])} to every "
                    f"conference {_cite(profile.quorum.source)}.",
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
