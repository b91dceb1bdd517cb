"""The plan's deadlines as an iCalendar file, for Outlook or any calendar.

Deadlines are all-day events (docs/LIBRARIES.md: the form calendars handle best); the
conference itself is a timed event when its date and time are booked. Each event's UID
is stable (reference + deadline id), so importing a newer file updates the old events.
Summaries name the case reference only, never a child: calendars are often shared.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from cpconf.case import Case
from cpconf.procedures import Profile
from cpconf.schedule import Schedule

LONDON = ZoneInfo("Europe/London")


def deadlines_calendar(schedule: Schedule, case: Case, profile: Profile) -> bytes:
    """Every deadline not yet done, and the booked conference, as an .ics file's bytes."""
    from icalendar import Calendar, Event  # only this command needs it
    from icalendar.enums import TRANSP

    stamp = dt.datetime.combine(schedule.today, dt.time(0, 0), tzinfo=dt.UTC)  # reproducible
    cal = Calendar.new(
        prodid="-//cpconf//Child protection conference deadlines//EN",
        uid=f"{schedule.reference}@cpconf",  # stable, so the same case gives the same file
        name=f"{schedule.reference}: {profile.terms.meeting} deadlines",
    )
    conf = case.conference
    if conf.date:  # booked: the meeting itself stands in for the "conference held" deadline
        start: dt.date | dt.datetime = conf.date
        end: dt.date | dt.datetime = conf.date + dt.timedelta(days=1)
        if conf.time:
            start = dt.datetime.combine(conf.date, conf.time, tzinfo=LONDON)
            end = start + dt.timedelta(minutes=profile.session.expected_length_minutes)
        cal.add_component(
            Event.new(
                # the deadline's id: importing this replaces the unbooked deadline's event
                uid=f"{schedule.reference}-conference@cpconf",
                summary=f"{schedule.reference}: {profile.terms.meeting_name(conf.type)}",
                start=start,
                end=end,
                location=conf.venue,
                stamp=stamp,
                categories=["Child protection"],
            )
        )
    for d in schedule.deadlines:
        if d.done is not None or (d.id == "conference" and conf.date):
            continue
        description = f"{d.label}: {d.rule} ({d.source}). Who: {d.owner}."
        if d.provisional:
            description += " Counted from the conference deadline: no date is booked yet."
        cal.add_component(
            Event.new(
                uid=f"{schedule.reference}-{d.id}@cpconf",
                summary=f"{schedule.reference}: {d.label}",
                start=d.due,
                end=d.due + dt.timedelta(days=1),
                description=description,
                stamp=stamp,
                transparency=TRANSP.TRANSPARENT,  # a deadline, not a meeting: not busy
                categories=["Child protection"],
            )
        )
    # the time zone's rules for every year the file speaks of (the default stops at 2038)
    days = [d.due for d in schedule.deadlines] + ([conf.date] if conf.date else [])
    cal.add_missing_timezones(
        first_date=min(days, default=schedule.today),
        last_date=max(days, default=schedule.today) + dt.timedelta(days=366),
    )
    return cal.to_ical()
