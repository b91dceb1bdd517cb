"""Calendar invitations: one per person invited, starting when that person joins.

Each is an iCalendar request (METHOD:REQUEST) from the organiser (the coordinator) to one
attendee, in Europe/London time with the zone's rules inside (VTIMEZONE). Its UID is the
case reference and the person's id, never random, so an invitation re-issued after the
date moved updates the event already in the person's calendar; SEQUENCE goes up by one
each time the time or place changes (RFC 5546 3.2.2), counted from the invitation
already in the folder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from cpconf.case import FamilyMember, Professional
from cpconf.conference import Conference
from cpconf.dates import clock, long_date
from cpconf.errors import CaseError
from cpconf.ics import LONDON
from cpconf.letters.naming import filename
from cpconf.names import clean_text, one_line
from cpconf.schedule import Schedule
from cpconf.sending.mailbox import organiser

KIND = "calendar_invitation"
PRODID = "-//cpconf//Child protection conference invitations//EN"

Person = Professional | FamilyMember


@dataclass(frozen=True)
class Invitation:
    """One calendar file: for whom, which meeting, its file name and its bytes."""

    recipient: str
    recipient_name: str
    event: str  # "conference" or "core_group"
    filename: str
    data: bytes


def invited(conference: Conference) -> list[Person]:
    """Everyone invited to the conference: each professional, each family member not fully
    excluded (London CP4 5.1: a family member excluded in full is not invited)."""
    case = conference.case
    return [*case.professionals, *(f for f in case.family if f.invited)]


def core_group(conference: Conference) -> list[Person]:
    """The core group members recorded in the outcome (children have no invitation)."""
    outcome = conference.case.outcome
    if outcome is None:
        return []
    people = [conference.case.person(pid) for pid in outcome.core_group]
    return [p for p in people if isinstance(p, Professional | FamilyMember)]


def _address(person: Person) -> str | None:
    return person.email.strip() if person.email and person.email.strip() else None


def joins_at(conference: Conference, person: Person) -> dt.time | None:
    """When this person joins: the family at the booked time, professionals later where the
    profile's session says so (Hackney: the chair meets the family first, 30 minutes)."""
    conf = conference.case.conference
    if conf.time is None:
        return None
    if isinstance(person, Professional):
        start = dt.datetime.combine(dt.date(2000, 1, 1), conf.time) + dt.timedelta(
            minutes=conference.profile.session.professionals_join_minutes
        )
        return start.time()
    return conf.time


def _previous(data: bytes | None, uid: str) -> tuple[int, tuple[str, ...]] | None:
    """The SEQUENCE and (start, end, place) of the event `uid` in an earlier file, if any."""
    if not data:
        return None
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(data)
    except ValueError:
        return None
    for event in cal.walk("VEVENT"):
        if str(event.get("UID")) == uid:
            return int(event.get("SEQUENCE", 0)), _what(event)
    return None


def _what(event: object) -> tuple[str, ...]:
    """What a re-issue compares: the times and the place, as the file says them."""
    get = getattr(event, "get")  # noqa: B009 - an icalendar component
    return tuple(
        get(key).to_ical().decode() if hasattr(get(key), "to_ical") else str(get(key) or "")
        for key in ("DTSTART", "DTEND", "LOCATION")
    )


def _calendar(
    *,
    uid: str,
    summary: str,
    description: str,
    start: dt.date | dt.datetime,
    end: dt.date | dt.datetime,
    location: str | None,
    organiser_name: str,
    organiser_email: str,
    person: Person,
    stamp: dt.datetime,
    previous: bytes | None,
) -> bytes:
    from icalendar import Calendar, Event, vCalAddress

    attendee = vCalAddress.new(
        f"mailto:{_address(person)}",
        cn=one_line(person.name),
        role="REQ-PARTICIPANT",
        partstat="NEEDS-ACTION",
        rsvp=True,
    )
    event = Event.new(
        uid=uid,
        summary=summary,
        description=description,
        start=start,
        end=end,
        location=location or None,
        stamp=stamp,
        organizer=vCalAddress.new(f"mailto:{organiser_email}", cn=organiser_name),
        attendees=[attendee],
        categories=["Child protection"],
        sequence=0,
    )
    before = _previous(previous, uid)
    if before is not None:
        sequence, what = before
        event["SEQUENCE"] = sequence + 1 if what != _what(event) else sequence
    # the calendar's own UID too: Calendar.new would make a random one
    cal = Calendar.new(
        prodid=PRODID, method="REQUEST", uid=f"calendar-{uid}", subcomponents=[event]
    )
    day = start if not isinstance(start, dt.datetime) else start.date()
    # the zone's rules for a year on: the event may be moved in the calendar by hand
    cal.add_missing_timezones(first_date=day, last_date=day + dt.timedelta(days=366))
    return bytes(cal.to_ical())


def _span(
    day: dt.date, start: dt.time | None, end: dt.time | None
) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime]:
    """A timed event in London time, or an all-day event where no time is booked."""
    if start is None:
        return day, day + dt.timedelta(days=1)
    begin = dt.datetime.combine(day, start, tzinfo=LONDON)
    finish = dt.datetime.combine(day, end, tzinfo=LONDON) if end else begin
    return begin, max(finish, begin + dt.timedelta(minutes=30))


def make_invitations(
    conference: Conference,
    schedule: Schedule,
    previous: Callable[[str], bytes | None] = lambda name: None,
) -> list[Invitation]:
    """The conference's invitations (until it is held), and the first core group's once
    one is booked in the outcome.

    `previous(file name)` gives the invitation already written under that name, if any (its
    SEQUENCE is carried on). People without an email address get none: the letter is their
    invitation. Raises CaseError when no organiser address is known.
    """
    case = conference.case
    conf = case.conference
    reference = one_line(case.case.reference)
    who = organiser(conference)
    if who is None:
        raise CaseError(
            [
                conference.doc.problem(
                    ("conference",),
                    "conference.coordinator: calendar invitations need an organiser's email "
                    "address; give the coordinator's email.",
                )
            ]
        )
    stamp = dt.datetime.combine(schedule.today, dt.time(0, 0), tzinfo=dt.UTC)  # reproducible
    terms = conference.profile.terms  # the meeting in the nation's words: a CPPM in Scotland
    out: list[Invitation] = []

    def invitation(
        person: Person,
        kind: Literal["conference", "core_group"],
        summary: str,
        lines: list[str],
        span: tuple[dt.date | dt.datetime, dt.date | dt.datetime],
        location: str | None = None,
    ) -> Invitation:
        """One person's invitation, its file named for the meeting and the person; the UID
        stays the same when it is issued again (a changed date updates the event)."""
        file_kind = "conference_invitation" if kind == "conference" else "core_group_meeting"
        name = filename(file_kind, person.id, one_line(person.name))
        name = name.removesuffix(".docx") + ".ics"
        uid_tail = "conference" if kind == "conference" else "core-group-1"
        return Invitation(
            person.id,
            one_line(person.name),
            kind,
            name,
            _calendar(
                uid=f"{reference}-{person.id}-{uid_tail}@cpconf",
                summary=summary,
                description="\n".join(lines),
                start=span[0],
                end=span[1],
                location=location,
                organiser_name=who.name,
                organiser_email=who.email,
                person=person,
                stamp=stamp,
                previous=previous(name),
            ),
        )

    # once the outcome is recorded the conference has been held: nothing left to invite to
    if conf.date is not None and case.outcome is None:
        family_start = conf.time
        end = None
        if conf.time is not None:
            end = (
                dt.datetime.combine(conf.date, conf.time)
                + dt.timedelta(minutes=conference.profile.session.expected_length_minutes)
            ).time()
        venue = clean_text(conf.venue or "")
        for person in invited(conference):
            if _address(person) is None:
                continue
            joins = joins_at(conference, person)
            start, finish = _span(conf.date, joins, end)
            lines = [
                f"{terms.meeting_name(conf.type).capitalize()}, {reference}, on {long_date(conf.date)}."
            ]
            if joins is not None and family_start is not None and joins != family_start:
                lines.append(
                    f"Please join at {clock(joins)}: the conference starts at "
                    f"{clock(family_start)}, when the chair meets the family first"
                    + (
                        f" ({conference.profile.session.source})."
                        if conference.profile.session.source
                        else "."
                    )
                )
            elif joins is not None:
                lines.append(f"It starts at {clock(joins)}.")
            else:
                lines.append("The time is still to be confirmed.")
            if conf.mode:
                lines.append(f"It is {_mode(conf.mode)}.")
            if venue:
                lines.append(f"Where, and how to join: {venue}")
            lines.append(f"Questions to {who.name}, {who.email}.")
            out.append(
                invitation(
                    person,
                    "conference",
                    f"{reference}: {terms.meeting_name(conf.type)}",
                    lines,
                    (start, finish),
                    venue,
                )
            )
    outcome = case.outcome
    if outcome is not None and outcome.first_core_group is not None:
        start_time = outcome.first_core_group_time
        end_time = None
        if start_time is not None:
            end_time = (
                # local: the procedures give no length for a core group; an hour holds the time
                dt.datetime.combine(outcome.first_core_group, start_time) + dt.timedelta(hours=1)
            ).time()
        for person in core_group(conference):
            if _address(person) is None:
                continue
            start, finish = _span(outcome.first_core_group, start_time, end_time)
            lines = [
                f"The first core group meeting, {reference}, on "
                f"{long_date(outcome.first_core_group)}"
                + (f" at {clock(start_time)}." if start_time else "; the time is to be confirmed.")
            ]
            lines.append("Where: to be confirmed.")
            lines.append(f"Questions to {who.name}, {who.email}.")
            out.append(
                invitation(
                    person, "core_group", f"{reference}: core group meeting", lines, (start, finish)
                )
            )
    return out


def _mode(mode: str) -> str:
    return {
        "virtual": "online",
        "blended": "in person or online",
        "face-to-face": "in person",
    }.get(mode, mode)
