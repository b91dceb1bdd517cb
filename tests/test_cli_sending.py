"""`cpconf letters --pdf/--email/--ics` at the command line: exit codes and what is said."""

from __future__ import annotations

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
    draft = out / "email-sw-jo-bloggs.eml"
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
