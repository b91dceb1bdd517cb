"""PDFs, email drafts and calendar invitations of a pack (cpconf.sending), read back."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import json
import shutil
import subprocess
from email.message import EmailMessage
from pathlib import Path

import docx
import pytest

import cpconf
from cpconf.dates import clock
from cpconf.errors import OutputError
from cpconf.sending import Sending
from cpconf.sending.pdf import INSTALL_HELP

SAMPLES = Path(__file__).resolve().parent.parent / "sample_cases"

TODAY = dt.date(2026, 11, 10)
HAS_SOFFICE = shutil.which("soffice") is not None
needs_soffice = pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) not installed")
CONFIDENTIAL = "22 Refuge Close"  # dad's address in the sample cases: confidential


def with_family_emails(text: str, procedure: str | None = None) -> str:
    """The sample case with email addresses for the mother and the father (confidential)."""
    text = text.replace(
        "    relationship: mother\n",
        "    relationship: mother\n    email: sarah.smith@mail.example\n",
    ).replace(
        "    address_confidential: true\n",
        "    address_confidential: true\n    email: t.nowak@mail.example\n",
    )
    if procedure:
        text = text.replace("procedure: london", f"procedure: {procedure}")
    return text


@pytest.fixture
def case_file(tmp_path: Path):
    def make(sample: str = "initial.yaml", procedure: str | None = None) -> Path:
        path = tmp_path / sample
        path.write_text(
            with_family_emails((SAMPLES / sample).read_text(encoding="utf-8"), procedure),
            encoding="utf-8",
        )
        return path

    return make


def read_eml(path: Path) -> EmailMessage:
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def attachment_text(part: EmailMessage) -> str:
    """The words of an attached document: Word read with python-docx, PDF with pdftotext."""
    data = part.get_content()
    name = part.get_filename() or ""
    if name.endswith(".docx"):
        document = docx.Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if name.endswith(".pdf"):
        run = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
        return run.stdout.decode("utf-8")
    return data.decode("utf-8") if isinstance(data, bytes) else str(data)


def message_text(msg: EmailMessage) -> str:
    body = msg.get_body(("plain",))
    assert body is not None
    headers = "\n".join(f"{k}: {v}" for k, v in msg.items())
    parts = [headers, body.get_content()]
    parts += [attachment_text(p) for p in msg.iter_attachments()]  # type: ignore[arg-type]
    return "\n".join(parts)


# -- email drafts ------------------------------------------------------------------------


def test_each_person_with_an_address_gets_one_draft_with_their_own_documents(case_file, tmp_path):
    out = tmp_path / "pack"
    conference = cpconf.open_case(case_file())
    result = conference.letters(out, today=TODAY, sending=Sending(email=True))
    manifest = json.loads((out / "manifest.json").read_text())
    drafts = [e for e in manifest if e["kind"] == "email_draft"]
    people = {p.id for p in conference.case.professionals} | {"mum", "dad"}  # gran: no email
    assert {d["recipient"] for d in drafts} == people
    assert len(drafts) == len(people)
    documents = [e for e in manifest if e["kind"] not in ("email_draft",)]
    for entry in drafts:
        msg = read_eml(out / entry["path"])
        assert msg["X-Unsent"] == "1"
        person = conference.case.person(entry["recipient"])
        assert person is not None
        assert msg["To"].addresses[0].addr_spec == person.email  # type: ignore[union-attr]
        assert msg["From"].addresses[0].addr_spec == "cp.conferences@example.gov.uk"
        assert "CP-2026-0142" in msg["Subject"]
        attached = sorted(p.get_filename() or "" for p in msg.iter_attachments())
        # exactly the documents addressed to this person, and the shared agenda
        own = sorted(e["path"] for e in documents if e["recipient"] == entry["recipient"]) + [
            "agenda.docx"
        ]
        assert attached == sorted(own)
        assert attached == sorted(entry["attachments"])
    assert {w.kind for w in result.written} >= {"email_draft"}


def test_a_confidential_address_travels_only_in_its_owners_message(case_file, tmp_path):
    out = tmp_path / "pack"
    cpconf.open_case(case_file()).letters(out, today=TODAY, sending=Sending(email=True))
    found = {path.name: CONFIDENTIAL in message_text(read_eml(path)) for path in out.glob("*.eml")}
    assert found.pop("email-before-dad-tomasz-nowak.eml") is True  # his own invitation has it
    assert found and not any(found.values())


def test_family_body_is_plain_and_names_no_one_else(case_file, tmp_path):
    out = tmp_path / "pack"
    cpconf.open_case(case_file()).letters(out, today=TODAY, sending=Sending(email=True))
    msg = read_eml(out / "email-before-mum-sarah-smith.eml")
    body = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert body.startswith("Dear Sarah Smith,")
    assert "Friday 20 November 2026" in body
    for other in ("Tomasz", "Joan", "Jo Bloggs", "Priya"):
        assert other not in body
    assert [p.get_filename() for p in msg.iter_attachments()] == [
        "family-invitation-mum-sarah-smith.docx",
        "agenda.docx",
    ]


def test_no_email_address_is_listed_by_post_or_by_hand(case_file, tmp_path):
    out = tmp_path / "pack"
    cpconf.open_case(case_file()).letters(out, today=TODAY, sending=Sending(email=True))
    listing = (out / "distribution.md").read_text()
    assert "| Joan Smith, maternal grandmother | by post or by hand | |" in listing
    assert "| Sarah Smith | by email | email-before-mum-sarah-smith.eml |" in listing


def test_hackney_drafts_come_from_its_invitations_mailbox(case_file, tmp_path):
    out = tmp_path / "pack"
    cpconf.open_case(case_file(procedure="hackney")).letters(
        out, today=TODAY, sending=Sending(email=True)
    )
    msg = read_eml(out / "email-before-hv-priya-patel.eml")
    assert (
        msg["From"].addresses[0].addr_spec  # type: ignore[union-attr]
        == "childprotectioninvitereportrequest@hackney.gov.uk"
    )


def test_fully_excluded_member_gets_only_their_own_letter(case_file, tmp_path):
    path = case_file("initial-with-outcome.yaml")
    text = path.read_text().replace(
        "    excluded: full\n", "    excluded: full\n    email: partner@mail.example\n"
    )
    path.write_text(text)
    out = tmp_path / "pack"
    conference = cpconf.open_case(path)
    conference.letters(out, today=dt.date(2026, 11, 23), sending=Sending(email=True))
    partner = next(f for f in conference.case.family if f.excluded == "full")
    msg = read_eml(next(out.glob(f"email-after-{partner.id}-*.eml")))
    names = [p.get_filename() or "" for p in msg.iter_attachments()]
    assert names and all(f"-{partner.id}-" in n for n in names)  # no agenda, nobody else's


# -- calendar invitations ----------------------------------------------------------------


def read_ics(path: Path):
    from icalendar import Calendar

    cal = Calendar.from_ical(path.read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == 1
    return cal, events[0]


def test_hackney_family_at_ten_professionals_at_half_past(case_file, tmp_path):
    out = tmp_path / "pack"
    cpconf.open_case(case_file(procedure="hackney")).letters(
        out, today=TODAY, sending=Sending(ics=True)
    )
    _, mum = read_ics(out / "conference-invitation-mum-sarah-smith.ics")
    cal, hv = read_ics(out / "conference-invitation-hv-priya-patel.ics")
    assert str(cal["METHOD"]) == "REQUEST"
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"
    assert mum.start.strftime("%H:%M") == "10:00"
    assert hv.start.strftime("%H:%M") == "10:30"
    assert str(hv.start.tzinfo) == "Europe/London"
    assert hv.start.date() == dt.date(2026, 11, 20)
    assert str(hv["ORGANIZER"]) == "mailto:cp.conferences@example.gov.uk"
    assert [str(a) for a in hv.attendees] == ["mailto:priya.patel@nhs.example"]
    assert "Room 2.14" in str(hv["LOCATION"])
    assert str(hv["UID"]) == "CP-2026-0142-hv-conference@cpconf"


def test_london_everyone_starts_together_and_no_invitation_without_an_address(case_file, tmp_path):
    out = tmp_path / "pack"
    cpconf.open_case(case_file()).letters(out, today=TODAY, sending=Sending(ics=True))
    _, hv = read_ics(out / "conference-invitation-hv-priya-patel.ics")
    assert hv.start.strftime("%H:%M") == "10:00"
    assert not list(out.glob("conference-invitation-gran-*.ics"))  # no email address
    manifest = json.loads((out / "manifest.json").read_text())
    kinds = [e for e in manifest if e["kind"] == "calendar_invitation"]
    assert {e["recipient"] for e in kinds} == {"sw", "hv", "gp", "school", "nursery", "police"} | {
        "mum",
        "dad",
    }


def test_reissued_after_the_date_moved_updates_the_same_event(case_file, tmp_path):
    path = case_file()
    out = tmp_path / "pack"
    cpconf.open_case(path).letters(out, today=TODAY, sending=Sending(ics=True))
    _, first = read_ics(out / "conference-invitation-sw-jo-bloggs.ics")
    # the same again: nothing changed, the same sequence
    cpconf.open_case(path).letters(out, today=TODAY, force=True, sending=Sending(ics=True))
    _, same = read_ics(out / "conference-invitation-sw-jo-bloggs.ics")
    assert same["SEQUENCE"] == first["SEQUENCE"] == 0
    path.write_text(path.read_text().replace("date: 2026-11-20", "date: 2026-11-19"))
    cpconf.open_case(path).letters(out, today=TODAY, force=True, sending=Sending(ics=True))
    _, moved = read_ics(out / "conference-invitation-sw-jo-bloggs.ics")
    assert moved["UID"] == first["UID"]
    assert moved["SEQUENCE"] == 1
    assert moved.start.date() == dt.date(2026, 11, 19)


def test_core_group_booked_in_the_outcome_gets_its_own_invitations(case_file, tmp_path):
    out = tmp_path / "pack"
    conference = cpconf.open_case(case_file("initial-with-outcome.yaml"))
    conference.letters(out, today=dt.date(2026, 11, 23), sending=Sending(ics=True))
    manifest = json.loads((out / "manifest.json").read_text())
    core = [e for e in manifest if e.get("event") == "core_group"]
    # the core group: sw, hv, school, nursery, mum, dad; all have an address here
    assert {e["recipient"] for e in core} == {"sw", "hv", "school", "nursery", "mum", "dad"}
    _, event = read_ics(out / next(e["path"] for e in core if e["recipient"] == "mum"))
    assert event.start == dt.datetime(2026, 12, 3, 14, 0, tzinfo=event.start.tzinfo)
    assert str(event["UID"]) == "CP-2026-0142-mum-core-group-1@cpconf"


def test_invitations_are_attached_to_their_own_draft_only(case_file, tmp_path):
    out = tmp_path / "pack"
    cpconf.open_case(case_file()).letters(out, today=TODAY, sending=Sending(email=True, ics=True))
    for path in out.glob("email-before-*.eml"):
        person = path.name.split("-")[2]
        calendars = [
            p.get_filename()
            for p in read_eml(path).iter_attachments()
            if p.get_content_type() == "text/calendar"
        ]
        assert calendars and all(f"-{person}-" in (c or "") for c in calendars)


# -- PDFs --------------------------------------------------------------------------------


def pdf_pages(path: Path) -> int:
    run = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return int(next(x for x in run.stdout.splitlines() if x.startswith("Pages:")).split()[1])


@needs_soffice
def test_pdf_beside_each_document_in_one_run(case_file, tmp_path, monkeypatch):
    runs = tmp_path / "runs.log"
    wrapper = tmp_path / "soffice-counting"
    wrapper.write_text(f'#!/bin/sh\necho run >> {runs}\nexec {shutil.which("soffice")} "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setenv("CPCONF_SOFFICE", str(wrapper))
    out = tmp_path / "pack"
    result = cpconf.open_case(case_file()).letters(
        out, today=TODAY, sending=Sending(pdf=True, email=True)
    )
    manifest = json.loads((out / "manifest.json").read_text())
    documents = [e for e in manifest if e["path"].endswith(".docx")]
    assert documents and all(e["pdf"] == e["path"][:-5] + ".pdf" for e in documents)
    # `letters --json` says the same
    shown = [e for e in result.to_json()["documents"] if e["path"].endswith(".docx")]
    assert [(e["path"], e["pdf"]) for e in shown] == [(e["path"], e["pdf"]) for e in documents]
    for entry in documents:
        pdf = out / entry["pdf"]
        assert pdf.read_bytes().startswith(b"%PDF-")
        if shutil.which("pdfinfo"):
            assert 1 <= pdf_pages(pdf) <= 4, entry["pdf"]
    # the drafts carry the PDFs, not the Word files
    msg = read_eml(out / "email-before-mum-sarah-smith.eml")
    assert [p.get_filename() for p in msg.iter_attachments()] == [
        "family-invitation-mum-sarah-smith.pdf",
        "agenda.pdf",
    ]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # nothing left over
    assert runs.read_text().splitlines() == ["run"]  # one LibreOffice run for the pack
    # read as PDFs, the confidential address is still only in its owner's message
    if shutil.which("pdftotext"):
        holders = [p.name for p in out.glob("*.eml") if CONFIDENTIAL in message_text(read_eml(p))]
        assert holders == ["email-before-dad-tomasz-nowak.eml"]


def test_without_libreoffice_nothing_is_written(case_file, tmp_path, monkeypatch):
    monkeypatch.delenv("CPCONF_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no soffice, no libreoffice
    monkeypatch.setattr("cpconf.sending.pdf._KNOWN_PLACES", ())
    out = tmp_path / "pack"
    with pytest.raises(OutputError) as caught:
        cpconf.open_case(case_file()).letters(out, today=TODAY, sending=Sending(pdf=True))
    for system in ("Windows", "macOS", "Linux"):
        assert system in str(caught.value)
    assert str(caught.value).endswith(INSTALL_HELP)
    assert not out.exists()


def test_a_wrong_cpconf_soffice_is_said(case_file, tmp_path, monkeypatch):
    monkeypatch.setenv("CPCONF_SOFFICE", str(tmp_path / "no-such-soffice"))
    with pytest.raises(OutputError) as caught:
        cpconf.open_case(case_file()).letters(
            tmp_path / "pack", today=TODAY, sending=Sending(pdf=True)
        )
    assert "CPCONF_SOFFICE" in str(caught.value)


def test_libreoffice_failing_leaves_nothing(case_file, tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'conversion failed' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("CPCONF_SOFFICE", str(fake))
    out = tmp_path / "pack"
    out.mkdir()
    with pytest.raises(OutputError) as caught:
        cpconf.open_case(case_file()).letters(out, today=TODAY, sending=Sending(pdf=True))
    assert "conversion failed" in str(caught.value)
    assert list(out.iterdir()) == []


def test_once_held_messages_carry_only_what_follows_the_conference(case_file, tmp_path):
    out = tmp_path / "pack"
    conference = cpconf.open_case(case_file("initial-with-outcome.yaml"))
    conference.letters(out, today=dt.date(2026, 11, 23), sending=Sending(email=True, ics=True))
    msg = read_eml(out / "email-after-mum-sarah-smith.eml")
    assert [p.get_filename() for p in msg.iter_attachments()] == [
        "decision-letter-mum-sarah-smith.docx",
        # each child's outline plan goes with the decision letter (London CP4 14.13)
        "outline-plan-amy-amy-smith.docx",
        "outline-plan-ben-ben-smith.docx",
        "core-group-invitation-mum-sarah-smith.docx",  # she is in the core group
        "core-group-meeting-mum-sarah-smith.ics",
    ]
    assert "decided" in msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert not list(out.glob("conference-invitation-*.ics"))  # the meeting is over


def test_professionals_are_told_their_own_joining_time(case_file, tmp_path):
    out = tmp_path / "pack"
    cpconf.open_case(case_file(procedure="hackney")).letters(
        out, today=TODAY, sending=Sending(email=True)
    )
    worker = read_eml(out / "email-before-sw-jo-bloggs.eml").get_body(("plain",))
    mother = read_eml(out / "email-before-mum-sarah-smith.eml").get_body(("plain",))
    # written as the letters write times (cpconf.dates.clock)
    half_past, ten = clock(dt.time(10, 30)), clock(dt.time(10, 0))
    assert f"on Friday 20 November 2026 at {half_past}:" in worker.get_content()  # type: ignore[union-attr]
    assert f"on Friday 20 November 2026 at {ten}." in mother.get_content()  # type: ignore[union-attr]


def test_files_in_the_way_are_said_before_converting(case_file, tmp_path, monkeypatch):
    """No LibreOffice run (seconds) only to refuse afterwards: it is not even started."""
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\ntouch {tmp_path / 'started'}\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("CPCONF_SOFFICE", str(fake))
    out = tmp_path / "pack"
    out.mkdir()
    (out / "agenda.pdf").write_bytes(b"edited")
    with pytest.raises(OutputError) as caught:
        cpconf.open_case(case_file()).letters(out, today=TODAY, sending=Sending(pdf=True))
    assert caught.value.exists and "agenda.pdf" in str(caught.value)
    assert not (tmp_path / "started").exists()
    assert sorted(p.name for p in out.iterdir()) == ["agenda.pdf"]
    assert (out / "agenda.pdf").read_bytes() == b"edited"


def test_a_scottish_invitation_names_the_cppm(case_file, tmp_path):
    """The calendar speaks the nation's words too: a Child Protection Planning Meeting."""
    out = tmp_path / "pack"
    cpconf.open_case(case_file(procedure="scotland")).letters(
        out, today=TODAY, sending=Sending(ics=True)
    )
    _, event = read_ics(next(out.glob("conference-invitation-*.ics")))
    assert "Child Protection Planning Meeting" in str(event["SUMMARY"])
    assert "child protection conference" not in str(event["DESCRIPTION"]).lower()
