"""`cpconf letters` and `cpconf templates` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from cpconf.letters import KINDS
from cpconf.letters.kinds import TEMPLATE_KINDS

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_cases" / "initial.yaml"
HELD = ROOT / "sample_cases" / "initial-with-outcome.yaml"


def text_of(path: Path) -> str:
    doc = docx.Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_letters_writes_the_pack_and_a_summary(cli, tmp_path):
    out = tmp_path / "pack"
    result = cli("letters", HELD, "--out", out, "--today", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    assert "38 documents written" in result.stdout
    assert "decision-letter-mum-sarah-smith.docx" in result.stdout
    assert result.stderr.splitlines() == [
        "Settings: none (no cpconf.yaml beside the case or above it)"
    ]
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    # every kind but the transfer-in one (London CP4 1.18) and the notice that a plan has
    # ended (the initial conference ends none)
    assert {e["kind"] for e in entries} == set(KINDS) - {
        "originating_authority_invitation",
        "plan_ended_notification",
    }
    assert (out / "distribution.md").is_file()
    letter = text_of(out / "decision-letter-mum-sarah-smith.docx")
    assert "Friday 20 November 2026" in letter


def test_letters_written_too_late_warn_after_the_table(cli, tmp_path):
    out = tmp_path / "pack"
    result = cli("letters", SAMPLE, "--out", out, "--today", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    table_end = result.stdout.index("Also written: manifest.json")
    warning = result.stdout.index("[invitations_late]")
    assert warning > table_end
    assert "on the day of the conference" in " ".join(result.stdout.split())
    assert "invitations_late" not in (out / "manifest.json").read_text(encoding="utf-8")
    assert "invitations_late" not in (out / "distribution.md").read_text(encoding="utf-8")
    in_time = cli("letters", SAMPLE, "--out", tmp_path / "early", "--today", "2026-11-10")
    assert in_time.exit_code == 0
    assert "invitations_late" not in in_time.stdout
    # what the letters depend on is said with them, as check-quorum says it
    assert "[interpreter_not_arranged]" in in_time.stdout


def test_letters_is_reproducible_with_today(cli, tmp_path):
    cli("letters", SAMPLE, "--out", tmp_path / "a", "--today", "2026-11-10")
    cli("letters", SAMPLE, "--out", tmp_path / "b", "--today", "2026-11-10")
    for path in (tmp_path / "a").glob("*.docx"):
        assert text_of(path) == text_of(tmp_path / "b" / path.name)
    assert "Tuesday 10 November 2026" in text_of(tmp_path / "a" / "invitation-hv-priya-patel.docx")


def test_letters_will_not_overwrite_without_force(cli, tmp_path):
    out = tmp_path / "pack"
    assert cli("letters", SAMPLE, "--out", out, "--today", "2026-11-10").exit_code == 0
    target = out / "invitation-hv-priya-patel.docx"
    target.write_bytes(b"edited")
    again = cli("letters", SAMPLE, "--out", out, "--today", "2026-11-11")
    assert again.exit_code == 2
    assert "--force" in again.stderr and "Traceback" not in again.stderr + again.stdout
    assert target.read_bytes() == b"edited"
    forced = cli("letters", SAMPLE, "--out", out, "--today", "2026-11-11", "--force")
    assert forced.exit_code == 0
    assert "Wednesday 11 November 2026" in text_of(target)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--today", "11/20/2026"], "--today"),
        (["--templates", "no-such-folder"], "no such folder"),
    ],
)
def test_bad_options_exit_2_with_one_message(cli, tmp_path, args, message):
    result = cli("letters", SAMPLE, "--out", tmp_path / "out", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out").exists()


def _edited_pack(out: Path) -> list[str]:
    out.mkdir()
    (out / "agenda.docx").write_bytes(b"edited")
    return []


def _folder_in_the_way(out: Path) -> list[str]:
    (out / "agenda.docx").mkdir(parents=True)
    return []


def _out_is_a_file(out: Path) -> list[str]:
    out.write_text("not a folder")
    return []


def _broken_template(out: Path) -> list[str]:
    own = out.parent / "own"
    own.mkdir()
    doc = docx.Document()
    doc.add_paragraph("{{ 1 / 0 }}")
    doc.save(str(own / "agenda.docx"))
    return ["--templates", str(own)]


@pytest.mark.parametrize(
    ("setup", "ending"),
    [
        (_edited_pack, "Use --force to replace what is there."),
        (_folder_in_the_way, "agenda.docx; nothing was written."),
        (_out_is_a_file, "this is a file, not a folder."),
        (_broken_template, "division by zero."),
        (lambda out: ["--templates", str(out.parent / "nowhere")], "no such folder of templates."),
    ],
)
def test_letters_errors_are_full_sentences(cli, tmp_path, setup, ending):
    out = tmp_path / "out"
    extra = setup(out)
    result = cli("letters", SAMPLE, "--out", out, "--today", "2026-11-10", *extra)
    assert result.exit_code == 2
    settings, *rest = result.stderr.splitlines()
    assert settings.startswith("Settings: ")  # which settings, said first
    message = " ".join(" ".join(rest).split())  # as one line, however the console wrapped it
    assert message.startswith("error:") and message.count("error:") == 1
    assert message.endswith(ending)


def test_bad_case_file_exits_2(cli, write_case, tmp_path):
    case = write_case("""\
        case: {reference: CP-1}
        conference: {type: initial, strategy_discussion: 2026-11-02}
        children: [{id: amy, name: Amy Smith, dob: 2019-03-14}]
        outcome:
          decisions: [{child: amy, plan: child-protection, category: neglect}]
          dissent: [{by: nobody, view: disagrees}]
        """)
    result = cli("letters", case, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "outcome.dissent[0].by" in result.stderr
    assert "Traceback" not in result.stderr


def test_unbooked_conference_exits_2(cli, write_case, tmp_path):
    case = write_case("""\
        case: {reference: CP-1}
        conference: {type: initial, strategy_discussion: 2026-11-02}
        children: [{id: amy, name: Amy Smith, dob: 2019-03-14}]
        """)
    result = cli("letters", case, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "case.yaml:2" in result.stderr and "no conference date is booked" in result.stderr
    assert result.stderr.rstrip().endswith("before writing letters.")


def test_councils_templates_with_fallback(cli, tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    doc = docx.Document()
    doc.add_paragraph(
        "Borough of Elsewhere. Dear {{ recipient.name }}, please come on {{ conference.date }}."
    )
    doc.save(str(own / "invitation.docx"))
    out = tmp_path / "out"
    result = cli("letters", SAMPLE, "--out", out, "--templates", own, "--today", "2026-11-10")
    assert result.exit_code == 0, result.stderr
    assert text_of(out / "invitation-hv-priya-patel.docx").startswith(
        "Borough of Elsewhere. Dear Priya Patel, please come on Friday 20 November 2026."
    )
    assert "Agenda" in text_of(out / "agenda.docx")  # not supplied: the default


def test_a_broken_council_template_stops_the_run_and_writes_nothing(cli, tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    doc = docx.Document()
    doc.add_paragraph("Dear {{ recipient.nme }},")
    doc.save(str(own / "agenda.docx"))
    doc = docx.Document()
    doc.add_paragraph("Dear {{ recipient.name }},")
    doc.save(str(own / "invitation.docx"))
    out = tmp_path / "out"
    result = cli("letters", SAMPLE, "--out", out, "--templates", own)
    assert result.exit_code == 2
    assert "agenda.docx" in result.stderr
    assert not out.exists()  # the folder it would have made is not left behind either


def test_a_template_expression_that_fails_is_reported_not_a_traceback(cli, tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    doc = docx.Document()
    doc.add_paragraph("{{ 1 / 0 }} {{ recipient.name + 1 }}")
    doc.save(str(own / "agenda.docx"))
    result = cli("letters", SAMPLE, "--out", tmp_path / "out", "--templates", own)
    assert result.exit_code == 2
    assert "agenda.docx: cannot be rendered" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_templates_export_then_check(cli, tmp_path):
    folder = tmp_path / "brand"
    result = cli("templates", "export", folder)
    assert result.exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{k}.docx" for k in TEMPLATE_KINDS)
    again = cli("templates", "export", folder)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert cli("templates", "export", folder, "--force").exit_code == 0
    check = cli("templates", "check", folder)
    assert check.exit_code == 0, check.stdout
    assert check.stdout.count("ok") == len(TEMPLATE_KINDS)


def test_templates_check_names_each_failure(cli, tmp_path):
    folder = tmp_path / "brand"
    folder.mkdir()
    doc = docx.Document()
    doc.add_paragraph("Dear {{ recipient.nme }},")
    doc.save(str(folder / "invitation.docx"))
    doc = docx.Document()
    doc.add_paragraph("{% for p in professionals %}{{ p.name }}")
    doc.save(str(folder / "agenda.docx"))
    result = cli("templates", "check", folder)
    assert result.exit_code == 1
    said = " ".join(result.stdout.replace("│", " ").split())
    assert "'recipient.nme': no value 'nme'; did you mean 'name'?" in said
    assert "dict object" not in said
    assert "broken tag" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_templates_check_missing_folder_exits_2(cli, tmp_path):
    result = cli("templates", "check", tmp_path / "nope")
    assert result.exit_code == 2 and "no such folder" in result.stderr


def test_a_date_recorded_after_today_is_warned_of(cli, tmp_path):
    # a report "received" on a day still to come: a file typed ahead of events
    text = SAMPLE.read_text(encoding="utf-8")
    assert "    attendance: apologies\n" in text
    case = tmp_path / "case.yaml"
    case.write_text(
        text.replace(
            "    attendance: apologies\n",
            "    attendance: apologies\n    report_received: 2026-11-19\n",
            1,
        )
    )
    result = cli("plan", case, "--json", "--today", "2026-11-10")
    codes = [w["code"] for w in json.loads(result.stdout)["warnings"]]
    assert "recorded_after_today" in codes
    letters = cli("letters", case, "--out", tmp_path / "pack", "--json", "--today", "2026-11-10")
    assert "recorded_after_today" in [w["code"] for w in json.loads(letters.stdout)["warnings"]]
