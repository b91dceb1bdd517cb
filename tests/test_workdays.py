"""Working days, durations and bank holidays (CONTRACT.md section 2)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpconf import workdays as calmod
from cpconf.workdays import Duration, WorkingCalendar, add_months

D = dt.date
ENG = WorkingCalendar("england-and-wales")
dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2034, 12, 31))
counts = st.integers(min_value=0, max_value=80)


# -- properties ------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(dates, st.integers(min_value=1, max_value=80))
def test_result_is_never_a_weekend_or_holiday(start, n):
    for result in (ENG.add_working_days(start, n), ENG.add_working_days(start, -n)):
        assert result.weekday() < 5
        assert ENG.holiday_name(result) is None


@settings(max_examples=300, deadline=None)
@given(dates, counts)
def test_adding_then_subtracting_returns_to_a_working_day_not_after_the_start(start, n):
    there = ENG.add_working_days(start, n)
    back = ENG.add_working_days(there, -n)
    assert back <= start
    assert ENG.is_working_day(back) or n == 0
    # exactly: the start itself if it is a working day, else the working day before it
    if n:
        assert back == ENG.on_or_before(start)


@settings(max_examples=200, deadline=None)
@given(dates, counts)
def test_monotonic_in_n(start, n):
    assert ENG.add_working_days(start, n) < ENG.add_working_days(start, n + 1)
    assert ENG.add_working_days(start, -n) > ENG.add_working_days(start, -(n + 1))


@settings(max_examples=200, deadline=None)
@given(dates, counts)
def test_working_days_between_counts_what_add_added(start, n):
    assert ENG.working_days_between(start, ENG.add_working_days(start, n)) == n
    assert ENG.working_days_between(ENG.add_working_days(start, n), start) == -n


@settings(max_examples=200, deadline=None)
@given(
    dates,
    st.sampled_from(["10 days", "10 weeks", "3 months", "6 months"]),
    st.sampled_from([1, -1]),
)
def test_calendar_deadlines_land_on_a_working_day_and_never_move_later(start, text, direction):
    duration = Duration.parse(text)
    due = ENG.shift(start, duration, direction)
    assert ENG.is_working_day(due)
    if duration.unit == "months":
        raw = add_months(start, direction * duration.amount)
    else:
        per = {"days": 1, "weeks": 7}[duration.unit]
        raw = start + dt.timedelta(days=direction * duration.amount * per)
    assert due <= raw
    assert (raw - due).days < 12  # only as far back as the last working day


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(min_value=1, max_value=5), st.sampled_from([1, -1]))
def test_hours_count_as_working_days(start, days, direction):
    # CONTRACT.md 2: "N hours" is N/24 working days, so never a non-working day, and
    # exactly as far as the same number of working days
    due = ENG.shift(start, Duration.parse(f"{24 * days} hours"), direction)
    assert due == ENG.add_working_days(start, direction * days)
    assert ENG.is_working_day(due)
    if direction == 1:
        assert ENG.working_days_between(start, due) == days


def test_24_hours_after_a_friday_is_monday():
    # Fri 4 Dec 2026: "within 24 hours" is the next working day, Mon 7 Dec
    assert ENG.shift(D(2026, 12, 4), Duration.parse("24 hours"), 1) == D(2026, 12, 7)
    # and after Thu 24 Dec: Christmas Day and the Boxing Day substitute are skipped
    assert ENG.shift(D(2026, 12, 24), Duration.parse("24 hours"), 1) == D(2026, 12, 29)


@settings(max_examples=300)
@given(dates, st.integers(min_value=-40, max_value=40))
def test_add_months_clamps_to_the_end_of_the_month(start, months):
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day <= start.day
    if result.day < start.day:  # clamped: it must be the month's last day
        assert (result + dt.timedelta(days=1)).month != result.month


# -- examples against the published lists ----------------------------------------------------


def test_christmas_2026_in_england():
    # 25 Dec Fri; Boxing Day Sat, so Mon 28 Dec is the substitute day; 1 Jan Fri
    assert not ENG.is_working_day(D(2026, 12, 25))
    assert not ENG.is_working_day(D(2026, 12, 28))
    assert ENG.is_working_day(D(2026, 12, 29))
    assert not ENG.is_working_day(D(2027, 1, 1))
    # contract example: 15 working days after Mon 14 Dec 2026 is Thu 7 Jan 2027
    assert ENG.add_working_days(D(2026, 12, 14), 15) == D(2027, 1, 7)


@pytest.mark.parametrize(
    ("region", "day", "working"),
    [
        ("england-and-wales", D(2027, 3, 29), False),  # Easter Monday
        ("scotland", D(2027, 3, 29), True),  # not a bank holiday in Scotland
        ("scotland", D(2026, 11, 30), False),  # St Andrew's Day
        ("england-and-wales", D(2026, 11, 30), True),
        ("scotland", D(2027, 1, 4), False),  # 2 January holiday, substitute day
        ("northern-ireland", D(2027, 3, 17), False),  # St Patrick's Day
        ("northern-ireland", D(2027, 7, 12), False),  # Battle of the Boyne
        ("england-and-wales", D(2027, 7, 12), True),
        ("scotland", D(2026, 6, 15), False),  # one-off 2026 holiday in Scotland
        ("england-and-wales", D(2026, 8, 31), False),  # late summer bank holiday
        ("scotland", D(2026, 8, 3), False),  # Scotland's is the first Monday
    ],
)
def test_regional_bank_holidays(region, day, working):
    assert WorkingCalendar(region).is_working_day(day) is working


def test_day_zero_is_the_start_even_on_a_saturday():
    # Sat 7 Nov 2026: day 1 is Mon 9 Nov; 15 working days after is Fri 27 Nov
    assert ENG.add_working_days(D(2026, 11, 7), 1) == D(2026, 11, 9)
    assert ENG.add_working_days(D(2026, 11, 7), 15) == D(2026, 11, 27)


def test_closure_days_and_extra_holidays_are_not_working_days():
    cal = WorkingCalendar(
        "england-and-wales",
        closures=[D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31)],
        extra_holidays=[D(2027, 1, 4)],
    )
    assert cal.holiday_name(D(2026, 12, 30)) == "local closure day"
    assert cal.holiday_name(D(2027, 1, 4)) == "bank holiday"
    # 14 Dec + 15 working days, skipping 29-31 Dec and 4 Jan as well: 13 Jan
    assert cal.add_working_days(D(2026, 12, 14), 15) == D(2027, 1, 13)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2027, 11, 30), 3, D(2028, 2, 29)),  # leap year
        (D(2027, 1, 31), 1, D(2027, 2, 28)),
        (D(2027, 8, 31), -6, D(2027, 2, 28)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


def test_month_deadline_on_a_sunday_moves_back_to_friday():
    # 30 Nov 2026 + 3 months = Sun 28 Feb 2027, so the deadline is Fri 26 Feb
    assert ENG.shift(D(2026, 11, 30), Duration.parse("3 months"), 1) == D(2027, 2, 26)


def test_24_hours_before_a_monday_is_the_friday():
    # "24 hours before" is the working day before: Mon 23 Nov 2026 -> Fri 20 Nov
    assert ENG.shift(D(2026, 11, 23), Duration.parse("24 hours"), -1) == D(2026, 11, 20)


# -- durations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount", "unit", "words"),
    [
        ("15 working days", 15, "working days", "15 working days"),
        ("1 working day", 1, "working days", "1 working day"),
        ("3 months", 3, "months", "3 months"),
        ("1 Month", 1, "months", "1 month"),
        ("10 weeks", 10, "weeks", "10 weeks"),
        ("24 hours", 24, "hours", "24 hours"),
        (" 10  days ", 10, "days", "10 days"),
    ],
)
def test_duration_parse(text, amount, unit, words):
    d = Duration.parse(text)
    assert (d.amount, d.unit, str(d)) == (amount, unit, words)


@pytest.mark.parametrize(
    "text", ["15", "fifteen working days", "3 fortnights", "-2 days", "36 hours", "2.5 weeks", ""]
)
def test_duration_parse_rejects(text):
    with pytest.raises(ValueError):
        Duration.parse(text)


# -- the bank-holiday cache ------------------------------------------------------------------


def test_cache_is_written_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("CPCONF_CACHE_DIR", str(tmp_path))
    calmod.bank_holidays.cache_clear()
    first = calmod.bank_holidays("england-and-wales", 2030)
    files = list(tmp_path.glob("bank-holidays-*-england-and-wales-2030.json"))
    assert len(files) == 1
    assert D(2030, 12, 25) in first
    # the cache is what is used next time: prove it by planting a marker day in it
    data = json.loads(files[0].read_text())
    data["2030-06-12"] = "Marker day"
    files[0].write_text(json.dumps(data))
    calmod.bank_holidays.cache_clear()
    assert calmod.bank_holidays("england-and-wales", 2030)[D(2030, 6, 12)] == "Marker day"
    calmod.bank_holidays.cache_clear()


def test_corrupt_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("CPCONF_CACHE_DIR", str(tmp_path))
    calmod.bank_holidays.cache_clear()
    calmod.bank_holidays("scotland", 2031)
    (path,) = tmp_path.glob("*.json")
    path.write_text("{not json")
    calmod.bank_holidays.cache_clear()
    assert D(2031, 12, 1) in calmod.bank_holidays("scotland", 2031)  # St Andrew's substitute
    assert json.loads(path.read_text())  # rewritten
    calmod.bank_holidays.cache_clear()


def test_unknown_region_is_refused():
    with pytest.raises(ValueError, match="unknown region"):
        WorkingCalendar("wales")
