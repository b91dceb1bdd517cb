"""`cpconf letters --pdf/--email/--ics` at the command line: exit codes and what is said."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_cases" / "initial.yaml"


def test_pdf_without_libreoffice_exits_2_before_anything(cli, tmp_path, monkeypatch):
    monkeypatch.setattr("cpconf.sending.pdf._KNOWN_PLACES", ())
    monkeypatch.delenv("CPCONF_SOFFICE", raising=False)
    out = tmp_path / "pack"
    result = cli(
        "letters", SAMPLE, "--out", out, "--pdf", "--today", "2026-11-10",
        env={"PATH": str(tmp_path / "empty")},
    )  # fmt: skip
    assert result.exit_code == 2
    assert "LibreOffice" in result.stderr
    for system in ("Windows", "macOS", "Linux"):
        assert system in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_email_and_ics_json_lists_drafts_and_invitations(cli, tmp_path):
    out = tmp_path / "pack"
    result = cli(
        "letters", SAMPLE, "--out", out, "--email", "--ics", "--json", "--today", "2026-11-10"
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    kinds = [d["kind"] for d in json.loads(result.stdout)["documents"]]
    assert kinds.count("email_draft") == 6  # the six professionals; the family has no address
    assert kinds.count("calendar_invitation") == 6


def test_drafts_are_not_overwritten_without_force(cli, tmp_path):
    out = tmp_path / "pack"
    args = ["letters", SAMPLE, "--out", out, "--email", "--today", "2026-11-10"]
    assert cli(*args).exit_code == 0
    draft = out / "email-before-sw-jo-bloggs.eml"
    draft.write_bytes(b"edited by the coordinator")
    again = cli(*args)
    assert again.exit_code == 2
    assert "--force" in again.stderr
    assert draft.read_bytes() == b"edited by the coordinator"
    assert cli(*args, "--force").exit_code == 0
    assert draft.read_bytes() != b"edited by the coordinator"


def test_invitations_need_an_organiser(cli, write_case, tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("    email: helen.carter@example.gov.uk\n", "").replace(
        "    email: cp.conferences@example.gov.uk\n", ""
    )
    case = write_case(text)
    out = tmp_path / "pack"
    result = cli("letters", case, "--out", out, "--ics", "--today", "2026-11-10")
    assert result.exit_code == 2
    assert "conference.coordinator" in result.stderr and "case.yaml:" in result.stderr
    assert not out.exists()


def test_after_stage_drafts_go_beside_the_invitation_drafts(cli, tmp_path):
    # the pack before the conference, then the after stage once the outcome is recorded:
    # the drafts carry different documents and must not collide
    held = ROOT / "sample_cases" / "initial-with-outcome.yaml"
    out = tmp_path / "pack"
    first = cli("letters", SAMPLE, "--out", out, "--email", "--ics", "--today", "2026-11-10")
    assert first.exit_code == 0, first.stderr
    before = {p.name: p.read_bytes() for p in out.glob("*.eml")}
    assert "email-before-sw-jo-bloggs.eml" in before
    after = cli(
        "letters", held, "--out", out, "--stage", "after", "--email", "--ics",
        "--today", "2026-11-23",
    )  # fmt: skip
    assert after.exit_code == 0, after.stderr
    assert {n: (out / n).read_bytes() for n in before} == before  # untouched
    message = email.message_from_bytes(
        (out / "email-after-sw-jo-bloggs.eml").read_bytes(), policy=email.policy.default
    )
    attached = [p.get_filename() for p in message.iter_attachments()]
    assert "decision-letter-sw-jo-bloggs.docx" in attached
    assert not [a for a in attached if a and a.startswith("invitation-")]
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    paths = [e["path"] for e in entries]
    assert len(paths) == len(set(paths))
    assert sorted(p for p in paths if p.endswith((".eml", ".ics"))) == sorted(
        p.name for p in out.iterdir() if p.suffix in (".eml", ".ics")
    )
    listing = (out / "distribution.md").read_text(encoding="utf-8")
    assert "email-before-sw-jo-bloggs.eml" in listing
    assert "email-after-sw-jo-bloggs.eml" in listing
    # the second "How to send" belongs to the section the after stage added
    headings = [line for line in listing.splitlines() if line.startswith("#")]
    assert headings[1:] == [
        "## How to send",
        "## After the conference, prepared on Monday 23 November 2026",
        "### How to send",
    ]


def test_a_stage_sent_again_keeps_one_manifest_entry_a_file(cli, tmp_path):
    held = ROOT / "sample_cases" / "initial-with-outcome.yaml"
    out = tmp_path / "pack"
    args = ["letters", held, "--out", out, "--stage", "after", "--email", "--ics"]
    assert cli(*args, "--today", "2026-11-23").exit_code == 0
    again = cli(*args, "--today", "2026-11-24", "--force")
    assert again.exit_code == 0, again.stderr
    paths = [e["path"] for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))]
    assert len(paths) == len(set(paths))
    assert sorted(paths) == sorted(
        p.name for p in out.iterdir() if p.name not in ("manifest.json", "distribution.md")
    )
