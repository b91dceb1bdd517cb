"""`cpconf plan --docx` (and `--pdf`): the timetable for the chair, read back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

import cpconf
from cpconf.dates import long_date

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_cases" / "initial.yaml"
TODAY = "2026-11-10"


def document_text(path: Path) -> tuple[list[str], list[list[str]]]:
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    return paragraphs, rows


def test_every_deadline_with_its_rule_and_date(cli, tmp_path):
    out = tmp_path / "timetable.docx"
    result = cli("plan", SAMPLE, "--today", TODAY, "--docx", out)
    assert result.exit_code == 0, result.stderr
    paragraphs, rows = document_text(out)
    assert "Timetable" in paragraphs
    assert "London Borough of Example" in paragraphs  # the letterhead
    plan = cpconf.open_case(SAMPLE).plan(__import__("datetime").date(2026, 11, 10))
    table = {r[0].split("\n")[0]: r for r in rows if len(r) == 4}
    for d in plan.deadlines:
        row = table[d.label]
        assert row[1] == long_date(d.due)
        assert d.rule in row[2] and d.source in row[2]
        assert row[3] == plan.status(d).text
    assert not any("{{" in p or "{%" in p for p in paragraphs)


def test_warnings_are_listed(cli, write_case, tmp_path):
    text = SAMPLE.read_text().replace("date: 2026-11-20", "date: 2026-11-21")  # a Saturday
    case = write_case(text)
    out = tmp_path / "t.docx"
    assert cli("plan", case, "--today", TODAY, "--docx", out).exit_code == 0
    paragraphs, _ = document_text(out)
    plan = cpconf.open_case(case).plan(__import__("datetime").date(2026, 11, 10))
    assert plan.warnings
    for w in plan.warnings:
        assert w.message in paragraphs


def test_not_overwritten_without_force(cli, tmp_path):
    out = tmp_path / "t.docx"
    out.write_bytes(b"the chair's notes")
    result = cli("plan", SAMPLE, "--today", TODAY, "--docx", out)
    assert result.exit_code == 2 and "--force" in result.stderr
    assert out.read_bytes() == b"the chair's notes"
    assert cli("plan", SAMPLE, "--today", TODAY, "--docx", out, "--force").exit_code == 0


def test_pdf_needs_docx(cli):
    result = cli("plan", SAMPLE, "--today", TODAY, "--pdf")
    assert result.exit_code == 2 and "--docx" in result.stderr


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_pdf_of_one_or_two_pages(cli, tmp_path):
    out = tmp_path / "timetable.docx"
    result = cli("plan", SAMPLE, "--today", TODAY, "--docx", out, "--pdf")
    assert result.exit_code == 0, result.stderr
    pdf = tmp_path / "timetable.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(next(x for x in info.splitlines() if x.startswith("Pages:")).split()[1])
        assert 1 <= pages <= 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timetable.docx", "timetable.pdf"]


def test_the_councils_own_timetable_template(cli, tmp_path):
    brand = tmp_path / "brand"
    assert cli("templates", "export", brand).exit_code == 0
    document = docx.Document(str(brand / "timetable.docx"))
    document.paragraphs[0].runs[0].text = "Borsetshire County Council"  # the letterhead
    document.save(str(brand / "timetable.docx"))
    out = tmp_path / "t.docx"
    result = cli("plan", SAMPLE, "--today", TODAY, "--docx", out, "--templates", brand)
    assert result.exit_code == 0, result.stderr
    paragraphs, _ = document_text(out)
    assert paragraphs[0] == "Borsetshire County Council"


def test_the_councils_timetable_template_from_its_settings(cli, tmp_path):
    # as for the letters: `templates:` in cpconf.yaml applies without --templates
    brand = tmp_path / "brand"
    assert cli("templates", "export", brand).exit_code == 0
    document = docx.Document(str(brand / "timetable.docx"))
    document.paragraphs[0].runs[0].text = "Borsetshire County Council"
    document.save(str(brand / "timetable.docx"))
    settings = tmp_path / "council.yaml"
    settings.write_text("templates: brand\n", encoding="utf-8")  # relative to the file
    out = tmp_path / "t.docx"
    result = cli("plan", SAMPLE, "--today", TODAY, "--docx", out, "--settings", settings)
    assert result.exit_code == 0, result.stderr
    paragraphs, _ = document_text(out)
    assert paragraphs[0] == "Borsetshire County Council"
    # --templates still wins over the settings
    plain = tmp_path / "plain.docx"
    defaults = tmp_path / "defaults"
    assert cli("templates", "export", defaults).exit_code == 0
    result = cli(
        "plan", SAMPLE, "--today", TODAY, "--docx", plain, "--settings", settings,
        "--templates", defaults,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert document_text(plain)[0][0] != "Borsetshire County Council"


def test_docx_and_ics_are_written_both_or_neither(cli, tmp_path):
    """Every file in the way is named at once, and none is written while one is."""
    out, ics = tmp_path / "timetable.docx", tmp_path / "deadlines.ics"
    assert cli("plan", SAMPLE, "--today", TODAY, "--docx", out, "--ics", ics).exit_code == 0
    result = cli("plan", SAMPLE, "--today", TODAY, "--docx", out, "--ics", ics)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert sorted(errors) == [
        f"error: {ics}: the file already exists; nothing was written.",
        f"error: {out}: the file already exists; nothing was written.",
    ]
    ics.unlink()
    result = cli("plan", SAMPLE, "--today", TODAY, "--docx", out, "--ics", ics)
    assert result.exit_code == 2 and not ics.exists()  # the calendar waits for the timetable
    assert (
        cli("plan", SAMPLE, "--today", TODAY, "--docx", out, "--ics", ics, "--force").exit_code == 0
    )
    assert ics.exists()


def test_the_core_group_meetings_until_the_review_are_listed(cli, tmp_path):
    """As `cpconf plan` lists them (CONTRACT.md section 4, core_groups)."""
    with_outcome = ROOT / "sample_cases" / "initial-with-outcome.yaml"
    out = tmp_path / "timetable.docx"
    assert cli("plan", with_outcome, "--today", "2026-11-20", "--docx", out).exit_code == 0
    paragraphs, rows = document_text(out)
    plan = cpconf.open_case(with_outcome).plan(__import__("datetime").date(2026, 11, 20))
    assert plan.core_groups
    assert "Core group meetings until the next review" in paragraphs
    listed = [r for r in rows if len(r) == 2 and r[0].split("\n")[0] != "Due by"]
    dated = [r for r in listed if any(long_date(c.due) in r[0] for c in plan.core_groups)]
    assert len(dated) == len(plan.core_groups)
    for c, row in zip(plan.core_groups, dated, strict=True):
        assert row[0].startswith(long_date(c.due)) and c.rule in row[1]
    # without a plan, no such section
    out2 = tmp_path / "none.docx"
    assert cli("plan", SAMPLE, "--today", TODAY, "--docx", out2).exit_code == 0
    assert "Core group meetings until the next review" not in document_text(out2)[0]
