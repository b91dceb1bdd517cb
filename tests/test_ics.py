"""`cpconf plan --ics`: the deadlines as a calendar file, and writing it safely."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from icalendar import Calendar

from cpconf import files
from cpconf.errors import OutputError
from cpconf.files import write_new
from tests.conftest import ROOT, SAMPLES

CASE = SAMPLES / "initial.yaml"


def events(path):
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_every_open_deadline_is_an_all_day_event(cli, tmp_path):
    ics = tmp_path / "plan.ics"
    result = cli("plan", CASE, "--json", "--today", "2026-11-10", "--ics", ics)
    assert result.exit_code == 0, result.stderr
    deadlines = __import__("json").loads(result.stdout)["deadlines"]
    found = events(ics)
    # the booked meeting stands in for the "conference held" deadline: one event, not two,
    # under the deadline's id, so that it replaces the event imported before booking
    assert sum(1 for uid in found if "conference" in uid and "record" not in uid) == 1
    for deadline_id, d in deadlines.items():
        if deadline_id == "conference":
            continue
        event = found[f"CP-2026-0142-{deadline_id}@cpconf"]
        assert event.decoded("DTSTART") == dt.date.fromisoformat(d["due"])
        assert event.decoded("DTEND") == dt.date.fromisoformat(d["due"]) + dt.timedelta(days=1)
        assert d["rule"] in str(event["DESCRIPTION"])
    meeting = found["CP-2026-0142-conference@cpconf"]
    start = meeting.decoded("DTSTART")
    assert (start.date(), start.hour, str(start.tzinfo)) == (
        dt.date(2026, 11, 20),
        10,
        "Europe/London",
    )
    assert meeting.decoded("DTEND") - start == dt.timedelta(hours=2)


def test_time_zone_rules_cover_a_late_summer_conference(cli, tmp_path, write_case):
    text = (SAMPLES / "initial.yaml").read_text()
    text = text.replace("2026-11-02", "2040-06-01").replace("2026-11-20", "2040-06-20")
    ics = tmp_path / "plan.ics"
    assert cli("plan", write_case(text), "--today", "2040-06-01", "--ics", ics).exit_code == 0
    meeting = events(ics)["CP-2026-0142-conference@cpconf"]
    start = meeting.decoded("DTSTART")
    assert start.utcoffset() == dt.timedelta(hours=1)  # British Summer Time
    assert "20400" in ics.read_text()  # the time zone's rules reach 2040


def test_unbooked_conference_deadline_is_an_event(cli, tmp_path):
    ics = tmp_path / "plan.ics"
    case = ROOT.parent / "shared" / "acceptance" / "plan-saturday-strategy-unbooked.yaml"
    if not case.exists():
        pytest.skip("../shared/acceptance is not here")
    cli("plan", case, "--today", "2026-11-01", "--ics", ics)
    found = events(ics)
    deadline = found["CP-H08-conference@cpconf"]
    assert deadline.decoded("DTSTART") == dt.date(2026, 11, 27)  # all day: no time booked
    assert "Conference held" in str(deadline["SUMMARY"])


def test_done_tasks_are_left_out(cli, tmp_path):
    ics = tmp_path / "plan.ics"
    cli("plan", SAMPLES / "review.yaml", "--today", "2026-11-10", "--ics", ics)
    uids = set(events(ics))
    assert "CP-2026-0087-agency_reports@cpconf" not in uids  # recorded under done:
    assert "CP-2026-0087-conference_record@cpconf" in uids


def test_no_child_is_named_and_the_file_is_reproducible(cli, tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    cli("plan", CASE, "--today", "2026-11-10", "--ics", first)
    cli("plan", CASE, "--today", "2026-11-10", "--ics", second)
    text = first.read_text()
    for name in ("Amy", "Ben", "Kayla", "Smith", "Nowak"):
        assert name not in text
    assert first.read_bytes() == second.read_bytes()


def test_an_existing_calendar_is_kept_without_force(cli, tmp_path):
    ics = tmp_path / "plan.ics"
    ics.write_text("edited by hand")
    refused = cli("plan", CASE, "--today", "2026-11-10", "--ics", ics)
    assert refused.exit_code == 2
    assert "already exists" in refused.stderr
    assert ics.read_text() == "edited by hand"
    assert cli("plan", CASE, "--today", "2026-11-10", "--ics", ics, "--force").exit_code == 0
    assert ics.read_text().startswith("BEGIN:VCALENDAR")


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    target = tmp_path / "plan.ics"
    target.write_text("old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(OutputError, match="No space left on device"):
        write_new(target, b"new", force=True)
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["plan.ics"]


def test_write_new_refuses_a_folder_and_a_missing_folder(tmp_path):
    with pytest.raises(OutputError, match="folder"):
        write_new(tmp_path, b"x")
    with pytest.raises(OutputError, match="no such folder"):
        write_new(tmp_path / "nope" / "plan.ics", b"x")


def test_write_new_never_replaces_a_file_that_appears_meanwhile(tmp_path, monkeypatch):
    target = tmp_path / "plan.ics"
    real_temp_file = files.temp_file

    def racing_temp_file(folder, name, data):
        made = real_temp_file(folder, name, data)
        target.write_text("written by someone else meanwhile")
        return made

    monkeypatch.setattr(files, "temp_file", racing_temp_file)
    with pytest.raises(OutputError, match="already exists"):
        write_new(target, b"ours")
    assert target.read_text() == "written by someone else meanwhile"
    assert os.listdir(tmp_path) == ["plan.ics"]


def test_a_file_name_too_long_is_a_clear_error(tmp_path):
    with pytest.raises(OutputError):
        write_new(tmp_path / ("x" * 300 + ".ics"), b"x")
