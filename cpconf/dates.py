"""Reading dates and times as UK case files write them, and writing them for people."""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")
_UK = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\Z")
# The `holidays` package's UK tables run to 2100: later years would silently have no bank
# holidays. No case file needs more than this range.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)

_TIME = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)\Z")


def parse_date(value: object) -> dt.date:
    """A date from ISO `2026-11-02` or UK day-first `02/11/2026`; nothing else.

    Raises ValueError with a message fit to show a user.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(
            f"{value!r} is not a date: write it as 2026-11-02 or 02/11/2026 (day first)"
        )
    text = value.strip()
    if m := _ISO.match(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _UK.match(text):
        day, month, year = (int(g) for g in m.groups())
        if month > 12 and day <= 12:
            meant = f"{month:02d}/{day:02d}/{year}"
            try:  # suggest the day and month swapped only where that is a real date
                dt.date(year, day, month)
            except ValueError:
                meant = ""
            raise ValueError(
                f"'{text}' is not a UK date: dates are day first (DD/MM/YYYY)"
                + (f", so did you mean {meant}?" if meant else ", and neither order is a real date")
            )
    else:
        raise ValueError(
            f"'{text}' is not a date cpconf reads: write it as 2026-11-02 or 02/11/2026 "
            "(day first, four-digit year)"
        )
    try:
        result = dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a real date ({exc})") from None
    if not EARLIEST <= result <= LATEST:
        raise ValueError(
            f"'{text}' is outside the years cpconf counts ({EARLIEST.year} to {LATEST.year}): "
            "is the year right?"
        )
    return result


def parse_time(value: object) -> dt.time:
    """A 24-hour time such as `10:00` or `14:30` (also `10.00`)."""
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str) and (m := _TIME.match(value.strip())):
        return dt.time(int(m.group(1)), int(m.group(2)))
    raise ValueError(f"{value!r} is not a 24-hour time: write it as 10:00 or 14:30")


def long_date(d: dt.date) -> str:
    """'Wednesday 6 January 2027', as UK councils write dates in letters."""
    return f"{d:%A} {d.day} {d:%B %Y}"


def short_date(d: dt.date) -> str:
    """'Wed 6 Jan 2027', for tables."""
    return f"{d:%a} {d.day} {d:%b %Y}"


def clock(t: dt.time) -> str:
    """'10am', '10.30am', '2pm', '12 noon': times as UK letters write them (STYLE: "10.30am")."""
    if t.hour == 12 and t.minute == 0:
        return "12 noon"
    hour = t.hour % 12 or 12
    suffix = "am" if t.hour < 12 else "pm"
    return f"{hour}{suffix}" if t.minute == 0 else f"{hour}.{t.minute:02d}{suffix}"


def add_minutes(t: dt.time, minutes: int) -> dt.time:
    full = dt.datetime.combine(dt.date(2000, 1, 1), t) + dt.timedelta(minutes=minutes)
    return full.time()
