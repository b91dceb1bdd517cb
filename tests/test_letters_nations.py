"""Letters in each nation's words (Wales, Scotland, Northern Ireland), read back; Welsh dates
for a council's own bilingual template."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from cpconf.conference import open_case
from cpconf.letters import make_letters
from cpconf.letters.terms import welsh_date, welsh_time
from cpconf.schedule import build_schedule
from tests.test_letters import HELD, SAMPLE, docx_text, pack

HELD_ON = dt.date(2026, 11, 20)


def nation_pack(folder: Path, procedure: str, source: Path = HELD, today=HELD_ON):
    text = source.read_text(encoding="utf-8").replace(
        "procedure: london", f"procedure: {procedure}"
    )
    case = folder / "case.yaml"
    case.write_text(text, encoding="utf-8")
    return pack(case, today, folder / "out")


@pytest.fixture(scope="module")
def scottish(tmp_path_factory):
    return nation_pack(tmp_path_factory.mktemp("scotland"), "scotland")


@pytest.fixture(scope="module")
def scottish_before(tmp_path_factory):
    return nation_pack(
        tmp_path_factory.mktemp("scotland-before"), "scotland", SAMPLE, dt.date(2026, 11, 10)
    )


@pytest.fixture(scope="module")
def welsh(tmp_path_factory):
    return nation_pack(tmp_path_factory.mktemp("wales"), "wales")


@pytest.fixture(scope="module")
def northern_irish(tmp_path_factory):
    return nation_pack(tmp_path_factory.mktemp("ni"), "northern-ireland")


def test_a_scottish_family_is_invited_to_a_cppm_not_a_conference(scottish_before):
    letter = scottish_before[("family_invitation", "mum")]
    assert "This kind of meeting is called a Child Protection Planning Meeting." in letter
    # (the coordinator's address, cp.conferences@..., is the sample council's own)
    assert "conference" not in letter.lower().replace("cp.conferences@", "")
    assert "Child Protection Planning Meeting Service" in letter  # the letterhead
    assert "If you are unhappy about how the CPPM was run" in letter


def test_scottish_professionals_are_invited_to_the_cppm(scottish_before):
    letter = scottish_before[("invitation", "hv")]
    assert "Child Protection Planning Meeting: Amy Smith and Ben Smith" in letter
    assert "You are invited to the Child Protection Planning Meeting for" in letter
    assert "Child Protection Plan" in letter
    assert "child protection conference" not in letter.lower()
    agenda = scottish_before[("agenda", None)]
    # para 3.133: the CPPM considers a referral to the Reporter
    assert "The Children's Reporter: whether a referral to the Reporter is needed." in agenda
    assert "with the child's name placed on the child protection register" in agenda
    assert "Date of the review CPPM" in agenda


def test_a_scottish_decision_letter(scottish):
    letter = scottish[("decision_letter", "mum")]
    assert "Decision of the Child Protection Planning Meeting: Amy Smith and Ben Smith" in letter
    assert (
        "The names of Amy Smith and Ben Smith have been placed on the child protection register"
        in letter
    )
    assert "The review CPPM will be held on" in letter
    assert "Enclosed: outline Child Protection Plans (2)." in letter  # two children, two plans


def test_a_welsh_decision_letter_speaks_of_registration_and_the_care_and_support_plan(welsh):
    letter = welsh[("decision_letter", "mum")]
    assert "\nRegistration\n" in letter
    assert (
        "The names of Amy Smith and Ben Smith have been placed on the child protection register, "
        "with the care and support protection plan" in letter
    )
    assert "Care and support protection plan" in letter  # the decision for each child
    assert "A care and support protection plan sets out what everyone" in letter
    assert "child protection plan" not in letter.replace("care and support protection plan", "")
    # Wales keeps the name "child protection conference"
    assert "Decision of the initial child protection conference" in letter


def test_a_northern_irish_letter(northern_irish):
    letter = northern_irish[("decision_letter", "mum")]
    assert "Decision of the initial child protection case conference" in letter
    assert "placed on the Child Protection Register" in letter
    assert "The review case conference will be held on" in letter
    # the SBNI text gives no timescale for the record: the letter promises no date for it
    assert "record of the case conference and go through it with you." in letter


def test_one_child_registered_is_named(tmp_path):
    text = HELD.read_text(encoding="utf-8").replace("procedure: london", "procedure: wales")
    text = text.replace(
        "    - child: ben\n      plan: child-protection\n      category: neglect\n",
        "    - child: ben\n      plan: child-in-need\n",
    )
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    letter = pack(case, HELD_ON, tmp_path / "out")[("decision_letter", "mum")]
    assert "The name of Amy Smith has been placed on the child protection register" in letter
    assert "work with Amy Smith know of the risk of harm" in letter


def test_england_has_no_register(tmp_path):
    letter = pack(HELD, HELD_ON, tmp_path)[("decision_letter", "mum")]
    assert "register" not in letter.lower()
    assert "Registration" not in letter


# -- Welsh dates for a council's bilingual template ----------------------------------------


def test_welsh_dates_and_times_come_from_the_locale_data():
    assert welsh_date(dt.date(2027, 1, 6)) == "Dydd Mercher 6 Ionawr 2027"
    assert welsh_date(dt.date(2026, 11, 30)) == "Dydd Llun 30 Tachwedd 2026"
    assert welsh_date(None) == ""
    assert welsh_time(dt.time(10, 30)) == "10:30"
    assert welsh_time(dt.time(14, 0)) == "14:00"


def bilingual_template(path: Path) -> Path:
    """What a council makes in Word: its own Welsh beside cpconf's English values."""
    doc = docx.Document()
    doc.add_paragraph("Annwyl {{ recipient.name }} / Dear {{ recipient.name }},")
    # Welsh words only from the procedures' Welsh version, in a place where they need no
    # mutation; a council writes its own Welsh sentences
    doc.add_paragraph(
        "{{ cy.terms.meeting_initial|capitalize }}: {{ cy.conference.date }}, "
        "{{ cy.conference.time }}"
    )
    doc.add_paragraph(
        "You are invited to the {{ terms.this_meeting }} on {{ conference.date }} at "
        "{{ conference.time }}."
    )
    doc.add_paragraph(
        "Dyddiad y llythyr / Date of letter: {{ cy.letter_date }} / {{ letter_date }}"
    )
    doc.add_paragraph(
        "{{ cy.deadlines.conference }}|{% if cy.outcome %}{{ cy.outcome.next_review }}{% endif %}"
    )
    path.mkdir(parents=True, exist_ok=True)
    doc.save(str(path / "invitation.docx"))
    return path


def test_a_bilingual_template_gets_welsh_dates_and_the_procedures_welsh_terms(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8").replace("procedure: london", "procedure: wales")
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    templates = bilingual_template(tmp_path / "templates")
    loaded = open_case(case)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 10))
    make_letters(loaded, plan, tmp_path / "out", templates=templates)
    letter = docx_text(next((tmp_path / "out").glob("invitation-hv-*.docx")))
    lines = letter.splitlines()
    assert lines[0] == "Annwyl Priya Patel / Dear Priya Patel,"
    assert lines[1] == (
        "Cynhadledd amddiffyn plant gychwynnol: Dydd Gwener 20 Tachwedd 2026, 10:00"
    )
    assert lines[2] == (
        "You are invited to the initial child protection conference on Friday 20 November 2026 "
        "at 10am."
    )
    assert (
        lines[3]
        == "Dyddiad y llythyr / Date of letter: Dydd Mawrth 10 Tachwedd 2026 / Tuesday 10 November 2026"
    )
    # 15 working days after Monday 2 November 2026; no outcome yet, as in English
    assert lines[4] == "Dydd Llun 23 Tachwedd 2026|"


@pytest.mark.parametrize("procedure", ["scotland", "northern-ireland"])
def test_reports_not_timed_by_the_procedure_are_asked_for_before_the_meeting(tmp_path, procedure):
    letters = nation_pack(tmp_path, procedure, SAMPLE, dt.date(2026, 11, 10))
    short = {"scotland": "CPPM", "northern-ireland": "case conference"}[procedure]
    police = letters[("invitation", "police")]
    assert (
        f"Please send a written report to the chair (helen.carter@example.gov.uk) before the {short}."
        in police
    )
    social_work = letters[("social_work_report_template", "sw")]
    assert f"Share with the family\nBefore the {short}\n" in social_work
    for kind_recipient, text in letters.items():
        # no empty date ("by .") and no London paragraph in another nation's letters
        assert "by ." not in text and "by ," not in text and "[by ]" not in text, kind_recipient
        assert "London CP4" not in text, kind_recipient
        assert "section 47" not in text, kind_recipient  # English and Welsh law only
    assert (
        "Analysis of the "
        + (
            "child protection investigation"
            if procedure == "scotland"
            else "Article 66 child protection investigation"
        )
        in social_work
    )


def test_welsh_letters_keep_the_section_47_enquiry_and_their_dates(welsh):
    report = welsh[("social_work_report_template", "sw")]
    assert "Analysis of the section 47 enquiry" in report
    # Wales gives no report timescale (c3pt2-p7): asked for before the conference
    assert "Share with the family\nBefore the conference\n" in report
    assert "London CP4" not in report


def test_the_readme_bilingual_example_renders_as_shown(tmp_path):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    part = readme[readme.index("#### Bilingual letters in Wales") :]
    blocks = part.split("```text\n")[1:3]
    template_lines, expected = (b.split("```")[0].strip().splitlines() for b in blocks)
    text = SAMPLE.read_text(encoding="utf-8").replace("procedure: london", "procedure: wales")
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    folder = tmp_path / "cymraeg"
    folder.mkdir()
    doc = docx.Document()
    for line in template_lines:
        doc.add_paragraph(line)
    doc.save(str(folder / "agenda.docx"))
    loaded = open_case(case)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 10))
    make_letters(loaded, plan, tmp_path / "out", templates=folder)
    lines = docx_text(tmp_path / "out" / "agenda.docx").splitlines()
    assert [line for line in lines if line] == expected


def test_a_council_bilingual_template_passes_the_template_check(tmp_path):
    from cpconf.letters.templates import check_templates

    folder = bilingual_template(tmp_path / "cymraeg")
    (result,) = check_templates(folder)
    assert result.ok, result


def test_the_distribution_list_names_the_meeting_and_invents_no_date(tmp_path):
    nation_pack(tmp_path, "northern-ireland")
    text = (tmp_path / "out" / "distribution.md").read_text(encoding="utf-8")
    assert "Initial child protection case conference on Friday 20 November 2026" in text
    # the SBNI text gives no timescale for the decisions: no London "one working day"
    assert "no timescale set by the procedure" in text
    assert "one working day" not in text


def test_the_calendar_names_the_scottish_meeting(tmp_path):
    from icalendar import Calendar

    from cpconf.ics import deadlines_calendar

    text = HELD.read_text(encoding="utf-8").replace("procedure: london", "procedure: scotland")
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    loaded = open_case(case)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 10))
    cal = Calendar.from_ical(deadlines_calendar(plan, loaded.case, loaded.profile))
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert "CP-2026-0142: Child Protection Planning Meeting" in summaries


@pytest.mark.parametrize(
    ("today", "late"), [(dt.date(2026, 11, 13), False), (dt.date(2026, 11, 16), True)]
)
def test_scottish_invitations_written_after_the_notice_day_are_warned_about(tmp_path, today, late):
    from cpconf.letters import pack_warnings

    text = SAMPLE.read_text(encoding="utf-8").replace("procedure: london", "procedure: scotland")
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    loaded = open_case(case)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, today)
    # CPPM on Friday 20 November: 5 calendar days before is Sunday 15th, and a deadline
    # moves earlier, to Friday 13th (Appendix D: "5 calendar days (wherever possible)")
    assert plan.deadline("invitations").due == dt.date(2026, 11, 13)
    warnings = pack_warnings(loaded.case, plan)
    if late:
        (w,) = warnings
        assert w.code == "invitations_late" and "Appendix D" in w.message
        assert "after the last day to give notice (Friday 13 November 2026" in w.message
    else:
        assert warnings == []


def test_a_scottish_pack_speaks_of_the_cppm_throughout(tmp_path):
    """Issue 14: a Scottish family is invited to a CPPM, not a conference, in every document
    cpconf writes (the words typed into the case file are the council's own)."""
    import datetime as dt
    import re

    import docx

    import cpconf
    from tests.conftest import ROOT

    text = (ROOT / "templates" / "sample_case.yaml").read_text(encoding="utf-8")
    text = re.sub(r"procedure: \S+", "procedure: scotland", text)
    if "procedure: scotland" not in text:
        text = text.replace("case:\n", "case:\n  procedure: scotland\n", 1)
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    out = tmp_path / "pack"
    cpconf.open_case(case).letters(out, today=dt.date(2026, 11, 20))

    def read(pattern: str) -> str:
        path = next(out.glob(pattern))
        document = docx.Document(str(path))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)

    child = read("child-invitation-*.docx")
    assert "a meeting called a Child Protection Planning Meeting" in child
    assert "child protection conference" not in child
    record = read("conference-record.docx")
    assert "CPPM record" in record and "Children the CPPM is about" in record
    assert "The CPPM was quorate" in record or "The CPPM was not quorate" in record
    worker = read("invitation-sw-*.docx")
    assert "the CPPM is not quorate without" in worker


def test_a_scottish_transfer_invitation_speaks_of_the_cppm(tmp_path):
    """London CP4 1.17's 'same status and purpose as an initial conference' is London's; a
    Scottish transfer invitation names the transfer CPPM and the nation's plan."""
    text = SAMPLE.with_name("transfer-in.yaml").read_text(encoding="utf-8")
    transfer = tmp_path / "transfer.yaml"
    text = text.replace("procedure: hackney", "procedure: london").replace(
        "  transfer_notification: 2026-11-16\n",
        "  transfer_notification: 2026-11-16\n  originating_authority:\n"
        "    name: Example County Council\n    contact: {name: Sam Reed}\n",
    )
    transfer.write_text(text, encoding="utf-8")
    (tmp_path / "s").mkdir()
    (tmp_path / "l").mkdir()
    docs = nation_pack(tmp_path / "s", "scotland", transfer, dt.date(2026, 11, 10))
    (scot,) = [v for (kind, _), v in docs.items() if kind == "originating_authority_invitation"]
    text = " ".join(scot.split())
    assert "Transfer Child Protection Planning Meeting:" in text
    assert "same status and purpose" not in text and "child protection conference" not in text
    assert "Please send us your authority's reports before the CPPM." in text
    docs = nation_pack(tmp_path / "l", "london", transfer, dt.date(2026, 11, 10))
    (ldn,) = [v for (kind, _), v in docs.items() if kind == "originating_authority_invitation"]
    assert "same status and purpose as an initial child protection conference" in " ".join(
        ldn.split()
    )
