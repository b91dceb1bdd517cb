"""Working days and durations, exactly as CONTRACT.md section 2 counts them.

A working day is Monday to Friday, not a bank holiday of the region and not a
closure day of the procedure profile. Bank holidays come from the `holidays`
package (gov.uk's lists); building its UK table costs about 0.1 s, so the days
for the years in use are cached on disk, keyed by the package's version.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import hashlib
import importlib.util
import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

Region = Literal["england-and-wales", "scotland", "northern-ireland"]
REGIONS: tuple[str, ...] = ("england-and-wales", "scotland", "northern-ireland")
_SUBDIV = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}

Unit = Literal["working days", "days", "weeks", "months", "hours"]
_DURATION = re.compile(
    r"\s*(\d+)\s+(working\s+days?|days?|weeks?|months?|hours?)\s*\Z", re.IGNORECASE
)


def working_days(n: int) -> str:
    """'1 working day', '3 working days': a count as a sentence says it."""
    return f"{n} working day{'s' * (n != 1)}"


@dataclass(frozen=True)
class Duration:
    """A timescale as the procedures write it: '15 working days', '3 months', '24 hours'."""

    amount: int
    unit: Unit

    @classmethod
    def parse(cls, text: str) -> Duration:
        m = _DURATION.match(str(text))
        if not m:
            raise ValueError(
                f"'{text}' is not a duration: write e.g. '15 working days', '10 days', "
                "'10 weeks', '3 months' or '24 hours'"
            )
        amount = int(m.group(1))
        word = " ".join(m.group(2).lower().split())
        unit: Unit
        if word.startswith("working"):
            unit = "working days"
        elif word.startswith("day"):
            unit = "days"
        elif word.startswith("week"):
            unit = "weeks"
        elif word.startswith("month"):
            unit = "months"
        else:
            unit = "hours"
            if amount % 24:
                raise ValueError(
                    f"'{text}': hours are counted in whole days, so use a multiple of 24"
                )
        return cls(amount, unit)

    def __str__(self) -> str:
        singular = {
            "working days": "working day",
            "days": "day",
            "weeks": "week",
            "months": "month",
            "hours": "hour",
        }
        return f"{self.amount} {singular[self.unit] if self.amount == 1 else self.unit}"


def add_months(d: dt.date, months: int) -> dt.date:
    """Calendar months; a step past the month's end takes its last day (30 Nov + 3 = 28 Feb)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    last = _cal.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(d.day, last))


def _cache_dir() -> Path:
    if env := os.environ.get("CPCONF_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cpconf"


@cache
def _holidays_version() -> str:
    """A key that changes whenever the installed `holidays` package does.

    Cheaper than importlib.metadata (about 12 ms): the package's file, size and time.
    """
    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:  # pragma: no cover - it is a dependency
        return "unknown"
    st = os.stat(spec.origin)
    return hashlib.sha1(f"{spec.origin}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:12]


def _compute_bank_holidays(region: str, year: int) -> dict[str, str]:
    import holidays  # imported only when the cache misses: it is slow to build

    table = holidays.country_holidays("GB", subdiv=_SUBDIV[region], years=year)
    return {d.isoformat(): name for d, name in sorted(table.items())}


@cache
def bank_holidays(region: str, year: int) -> dict[dt.date, str]:
    """The region's bank holidays in `year` (observed days included), from a disk cache."""
    if region not in _SUBDIV:
        raise ValueError(f"unknown region {region!r}: use one of {', '.join(REGIONS)}")
    path = _cache_dir() / f"bank-holidays-{_holidays_version()}-{region}-{year}.json"
    days: dict[str, str] | None = None
    try:
        days = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        days = None
    if not isinstance(days, dict):
        days = _compute_bank_holidays(region, year)
        try:  # the cache is an optimisation: failing to write it is not an error
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", dir=path.parent, delete=False, suffix=".tmp", encoding="utf-8"
            ) as tmp:
                json.dump(days, tmp)
            os.replace(tmp.name, path)
        except OSError:
            pass
    return {dt.date.fromisoformat(k): v for k, v in days.items()}


def _weekdays_to(d: dt.date) -> int:
    """Mondays to Fridays from 1 January of year 1 (a Monday) up to and including `d`."""
    weeks, rest = divmod(d.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


class WorkingCalendar:
    """Counts working days for one region, with a profile's closure and extra days."""

    def __init__(
        self,
        region: str = "england-and-wales",
        closures: Iterable[dt.date] = (),
        extra_holidays: Iterable[dt.date] = (),
    ):
        if region not in _SUBDIV:
            raise ValueError(f"unknown region {region!r}: use one of {', '.join(REGIONS)}")
        self.region = region
        self.closures = frozenset(closures)
        self.extra_holidays = frozenset(extra_holidays)

    def holiday_name(self, d: dt.date) -> str | None:
        """Why `d` is not a working day, other than being a weekend; None if it is not."""
        if d in self.extra_holidays:
            return "bank holiday"
        name = bank_holidays(self.region, d.year).get(d)
        if name:
            return name
        if d in self.closures:
            return "local closure day"
        return None

    def is_working_day(self, d: dt.date) -> bool:
        return d.weekday() < 5 and self.holiday_name(d) is None

    def add_working_days(self, d: dt.date, n: int) -> dt.date:
        """The nth working day after `d` (n > 0) or before it (n < 0); `d` itself is day 0."""
        step = dt.timedelta(days=1 if n >= 0 else -1)
        remaining = abs(n)
        current = d
        while remaining:
            current += step
            if self.is_working_day(current):
                remaining -= 1
        return current

    def on_or_before(self, d: dt.date) -> dt.date:
        """`d` if it is a working day, else the working day before it (deadlines never move later)."""
        while not self.is_working_day(d):
            d -= dt.timedelta(days=1)
        return d

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (negative if end is earlier)."""
        if end == start:
            return 0
        sign = 1 if end > start else -1
        lo, hi = (start, end) if sign > 0 else (end, start)
        # Weekdays by arithmetic, less the holidays and closures on weekdays: the same count
        # as walking day by day, without the walk (`cpconf caseload` counts thousands).
        count = _weekdays_to(hi) - _weekdays_to(lo)
        for year in range(lo.year, hi.year + 1):
            count -= sum(1 for d in self._days_off(year) if lo < d <= hi)
        return sign * count

    def _days_off(self, year: int) -> tuple[dt.date, ...]:
        """The weekdays of `year` that are not working days (bank holidays, closures)."""
        cache: dict[int, tuple[dt.date, ...]] = self.__dict__.setdefault("_days_off_cache", {})
        if year not in cache:
            candidates = set(bank_holidays(self.region, year)) | self.closures | self.extra_holidays
            cache[year] = tuple(
                sorted(
                    d
                    for d in candidates
                    if d.year == year and d.weekday() < 5 and self.holiday_name(d) is not None
                )
            )
        return cache[year]

    def shift(self, d: dt.date, duration: Duration, direction: Literal[1, -1]) -> dt.date:
        """`duration` after (1) or before (-1) `d`, as a deadline: never on a non-working day."""
        if duration.unit == "working days":
            return self.add_working_days(d, direction * duration.amount)
        if duration.unit == "hours":
            # CONTRACT.md 2: "N hours" is N/24 working days (24 hours after a Friday: Monday)
            return self.add_working_days(d, direction * (duration.amount // 24))
        if duration.unit == "months":
            moved = add_months(d, direction * duration.amount)
        else:
            days = {"days": 1, "weeks": 7}[duration.unit] * duration.amount
            moved = d + dt.timedelta(days=direction * days)
        return self.on_or_before(moved)
