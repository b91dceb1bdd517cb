"""cpconf.letters: who gets what, what each document says, confidentiality, safe rendering."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cpconf.case import parse_case
from cpconf.conference import Conference, open_case
from cpconf.errors import CaseError, OutputError, TemplateError
from cpconf.letters import AFTER_KINDS, KINDS, make_letters, pack_warnings, plan_documents
from cpconf.letters.engine import CompiledTemplate, Renderer, sandbox
from cpconf.letters.kinds import TEMPLATE_KINDS
from cpconf.letters.naming import filename, slug
from cpconf.letters.templates import (
    check_template,
    default_template_dir,
    sample_documents,
    template_paths,
)
from cpconf.names import one_line
from cpconf.procedures import load_profile, parse_profile_text
from cpconf.schedule import build_schedule
from cpconf.workdays import WorkingCalendar
from cpconf.yamlload import Document

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_cases" / "initial.yaml"
HELD = ROOT / "sample_cases" / "initial-with-outcome.yaml"
DAD_ADDRESS = "22 Refuge Close"  # dad's confidential address in both samples
MUM_ADDRESS = "1 Example Road"
GRAN_ADDRESS = "7 Orchard Way"


# -- helpers -----------------------------------------------------------------------------


def docx_text(source: Path | bytes) -> str:
    """Every paragraph of a .docx, tables, headers and footers included, one per line."""
    doc = docx.Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))
    parts = [doc.element.body]
    for section in doc.sections:
        parts += [section.header._element, section.footer._element]
    lines = []
    for part in parts:
        for p in part.iter(qn("w:p")):
            lines.append(Paragraph(p, doc).text)
    return "\n".join(lines)


def pack(path: Path, today: dt.date, out: Path) -> dict[tuple[str, str | None], str]:
    """Write a case's pack and read every document back: (kind, recipient) -> text."""
    loaded = open_case(path)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, today)
    make_letters(loaded, plan, out)
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {(e["kind"], e["recipient"]): docx_text(out / e["path"]) for e in entries}


def loaded_from(data: dict[str, Any]) -> Conference:
    """A Conference straight from a dict (no YAML), for property tests."""
    doc = Document("case.yaml", data)
    case = parse_case(doc)
    profile = load_profile("london")
    return Conference(Path("case.yaml"), case, doc, profile, profile.calendar())


def small_case(
    name: str = "Sarah Smith", org: str = "Example NHS Trust", venue: str = "Room 1, Town Hall"
) -> dict[str, Any]:
    return {
        "case": {"reference": "CP-1", "local_authority": "London Borough of Example"},
        "conference": {
            "type": "initial",
            "strategy_discussion": "2026-11-02",
            "date": "2026-11-20",
            "time": "10:00",
            "mode": "face-to-face",
            "venue": venue,
            "chair": {"name": "Helen Carter"},
        },
        "children": [{"id": "amy", "name": "Amy Smith", "dob": "2019-03-14"}],
        "family": [
            {
                "id": "mum",
                "name": name,
                "relationship": "mother",
                "address": "1 Example Road, London",
            }
        ],
        "professionals": [
            {
                "id": "sw",
                "name": "Jo Bloggs",
                "agency": "children_social_care",
                "contact_with": "all",
            },
            {
                "id": "hv",
                "name": name,
                "role": "Health visitor",
                "agency": "health",
                "organisation": org,
                "contact_with": "all",
            },
        ],
        "outcome": {
            "decisions": [{"child": "amy", "plan": "child-protection", "category": "neglect"}],
            "lead_social_worker": "sw",
            "core_group": ["sw", "hv", "mum"],
        },
    }


@pytest.fixture(scope="module")
def held_pack(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str | None], str]:
    return pack(HELD, dt.date(2026, 11, 20), tmp_path_factory.mktemp("held"))


@pytest.fixture(scope="module")
def hackney_pack(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str | None], str]:
    folder = tmp_path_factory.mktemp("hackney")
    text = SAMPLE.read_text(encoding="utf-8").replace("procedure: london", "procedure: hackney")
    case = folder / "case.yaml"
    case.write_text(text, encoding="utf-8")
    return pack(case, dt.date(2026, 11, 10), folder / "out")


# -- who gets what -----------------------------------------------------------------------


def test_who_gets_what_follows_the_contract():
    loaded = open_case(HELD)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 20))
    got = sorted((d.kind, d.recipient or "") for d in plan_documents(loaded, plan))
    profs = ["gp", "hv", "nursery", "police", "school", "sw"]
    family = ["dad", "gran", "mum", "partner"]
    expected = sorted(
        [("invitation", p) for p in profs]
        + [("family_invitation", f) for f in family if f != "partner"]  # partner: full
        + [("exclusion_letter", "partner")]
        + [("report_template", p) for p in profs if p != "sw"]
        + [("social_work_report_template", "sw")]
        + [("agenda", "")]
        + [("decision_letter", p) for p in profs + family]
        + [("child_invitation", "amy"), ("child_decision_letter", "amy")]  # invite: true
        + [("outline_plan", "amy"), ("outline_plan", "ben")]  # both given a plan
        + [("conference_record", "")]
        + [("core_group_invitation", m) for m in ["sw", "hv", "school", "nursery", "mum", "dad"]]
    )
    assert got == expected


def test_no_decision_letters_without_an_outcome():
    loaded = open_case(SAMPLE)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 10))
    kinds = {d.kind for d in plan_documents(loaded, plan)}
    assert "decision_letter" not in kinds
    # nobody excluded and no child invited in this sample; nothing after the conference;
    # not a transfer-in
    assert kinds == set(KINDS) - AFTER_KINDS - {
        "exclusion_letter",
        "child_invitation",
        "originating_authority_invitation",
    }


def test_letters_need_a_booked_date(write_case):
    path = write_case("""\
        case: {reference: CP-1}
        conference: {type: initial, strategy_discussion: 2026-11-02}
        children: [{id: amy, name: Amy Smith, dob: 2019-03-14}]
        """)
    loaded = open_case(path)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 3))
    with pytest.raises(CaseError, match="no conference date is booked"):
        plan_documents(loaded, plan)


# -- warnings about the pack -------------------------------------------------------------
# The sample: conference Friday 20 November 2026, reports due Wednesday 18 November.


def _pack_warnings(path: Path, today: dt.date) -> list[tuple[str, str | None]]:
    loaded = open_case(path)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, today)
    return [(w.code, w.deadline) for w in pack_warnings(loaded.case, plan)]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 11, 10), []),
        (dt.date(2026, 11, 17), []),  # the day before reports are due: still in time
        (dt.date(2026, 11, 18), [("invitations_late", "agency_reports")]),
        (dt.date(2026, 11, 19), [("invitations_late", "agency_reports")]),
        (dt.date(2026, 11, 20), [("invitations_late", "conference")]),
        (dt.date(2026, 11, 27), [("invitations_late", "conference")]),
    ],
)
def test_invitations_written_too_late_are_warned_about(today, expected):
    assert _pack_warnings(SAMPLE, today) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 11, 10), []),
        (dt.date(2026, 11, 20), [("invitations_after_conference", None)]),
    ],
)
def test_a_pack_with_the_outcome_says_only_the_decision_letters_go(today, expected):
    assert _pack_warnings(HELD, today) == expected


def test_the_late_warning_names_the_dates():
    loaded = open_case(SAMPLE)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 19))
    (warning,) = pack_warnings(loaded.case, plan)
    assert "Thursday 19 November 2026" in warning.message  # when they are dated
    assert "Wednesday 18 November 2026" in warning.message  # when reports were due


# -- what each document says -------------------------------------------------------------


def test_invitation_to_a_professional(held_pack):
    text = held_pack[("invitation", "hv")]
    assert "Dear Priya Patel," in text
    assert "London Borough of Example" in text
    assert "Initial child protection conference: Amy Smith and Ben Smith" in text
    assert "Friday 20 November 2026" in text  # the date the British way
    assert "10am" in text
    assert "Wednesday 18 November 2026" in text  # agency reports, London CP4 7.9
    assert "cp.conferences@example.gov.uk" in text  # where to send it
    assert "share and discuss it with the parents" in text
    assert "confidential" in text
    assert "If you cannot attend" in text and "Jo Bloggs" in text  # tell the SW and chair
    assert "2 hours" in text  # time to set aside
    assert "meet.example.gov.uk/cp-0142" in text  # joining details (blended)
    assert "direct contact with Ben Smith" in text  # hv knows only Ben
    assert "Kayla Smith-Owusu" in text  # the non-subject child is considered too
    assert "Yours sincerely" in text and "Marcus Webb" in text


def test_police_invitation_and_report_are_for_the_chair_only(held_pack):
    invitation = held_pack[("invitation", "police")]
    assert "shared with the chair only" in invitation
    assert "The chair only: helen.carter@example.gov.uk" in invitation  # not the inbox
    # said once in the table: when by in one row, to whom in the next
    assert (
        "Your report\nBy Wednesday 18 November 2026\n"
        "Send reports to\nThe chair only: helen.carter@example.gov.uk"
    ) in invitation
    assert "To the chair only" not in invitation
    assert "Send reports to\ncp.conferences" not in invitation
    assert "Send reports to\ncp.conferences" in held_pack[("invitation", "hv")]
    report = held_pack[("report_template", "police")]
    assert "FOR THE CONFERENCE CHAIR ONLY" in report
    assert "London CP4 7.10" in report
    assert "Sharing this report with the family" not in report
    # and no other agency's report carries the marking
    assert "FOR THE CONFERENCE CHAIR ONLY" not in held_pack[("report_template", "hv")]
    assert "Sharing this report with the family" in held_pack[("report_template", "hv")]


def test_report_template_covers_every_child_in_the_household(held_pack):
    text = held_pack[("report_template", "school")]
    for child in (
        "Amy Smith, born 14 March 2019",
        "Ben Smith, born 1 July 2022",
        "Kayla Smith-Owusu, born 30 May 2010",
    ):
        assert child in text  # London CP4 7.6, including the non-subject child
    assert "another child in the household" in text
    for part in (
        "Facts",
        "Allegations",
        "Opinions",
        "What is working well",
        "What are we worried about",
        "What needs to change",
        "Recommendation",
        "Signed",
    ):
        assert part in text
    assert "Tom Reed, Designated safeguarding lead" in text  # pre-filled author
    assert "CP-2026-0142" in text
    assert "Wednesday 18 November 2026" in text


def test_social_work_report_template(held_pack):
    text = held_pack[("social_work_report_template", "sw")]
    for child in ("Amy Smith", "Ben Smith", "Kayla Smith-Owusu"):  # every child (CP4 7.6)
        assert f"When {child} was seen during the enquiry" in text  # London CP4 7.5
    assert "Seen alone?\nIf not, who was present and why" in text
    assert "Analysis of the section 47 enquiry" in text


def test_family_invitation_is_plain_and_complete(held_pack):
    text = held_pack[("family_invitation", "dad")]
    assert "Dear Tomasz Nowak," in text
    assert "child protection conference" in text
    assert "Polish" in text  # interpreter arranged
    assert "cannot take part in the discussion" in text  # supporter (Bolton)
    assert "childcare" in text
    assert "If you are unhappy" in text
    assert "Wednesday 18 November 2026" in text  # report shared with them by then
    for jargon in ("ICPC", "s47", "section 47", "CP4", "RCPC", "core group"):
        assert jargon not in text
    assert "Polish" not in held_pack[("family_invitation", "mum")]


def test_family_member_excluded_in_part(tmp_path):
    # the shipped sample of `templates check`: gran is excluded from one part
    docs = pack(
        default_template_dir() / "sample_case.yaml",
        dt.date(2026, 11, 17),
        tmp_path / "out",
    )
    assert "not be in one part of the meeting" in docs[("family_invitation", "gran")]
    assert "not be in one part" not in docs[("family_invitation", "mum")]
    letter = docs[("exclusion_letter", "gran")]
    assert "not be able to attend part of the conference: the discussion of the police" in letter
    assert "Your social worker will explain the reasons" in letter  # no reason recorded
    assert "Part of the meeting without Joan Smith" in docs[("agenda", None)]
    assert "Joan Smith" in docs[("agenda", None)]  # part exclusion: still invited


def test_exclusion_letter(held_pack):
    text = held_pack[("exclusion_letter", "partner")]
    assert "You will not be able to attend the child protection conference" in text
    assert "current police investigation" in text  # the reason
    assert "Jo Bloggs, will meet you" in text  # how their views are heard (CP4 5.10)
    assert "social worker's report" in text
    assert "Monday 23 November 2026" in text  # told the outcome by the decision letter
    assert "If you disagree with this decision" in text  # complaints (CP4 5.9)
    assert "Helen Carter" in text


def test_agenda(held_pack):
    text = held_pack[("agenda", None)]
    for item in (
        "Introductions and purpose",
        "Confidentiality",
        "The child's views",
        "section 47 enquiry",
        "Information from each agency",
        "The family's views",
        "Analysis",
        "Decision for each child",
        "The plan",
        "The core group",
        "Contingency plan",
        "Date of the review conference",
        "Dissent",
        "Close",
    ):
        assert item in text
    assert "Amy Smith: decision and category" in text
    assert "Ben Smith: decision and category" in text
    assert "Kayla Smith-Owusu: decision" not in text  # not a subject child
    assert "Dr Emeka Obi" in text and "Apologies" in text


def test_agenda_differs_by_conference_type(tmp_path):
    text = HELD.read_text(encoding="utf-8")
    review = text.replace(
        "type: initial\n  strategy_discussion: 2026-11-02",
        "type: review\n  previous_conference: 2026-08-20\n  previous_type: initial",
    )
    path = tmp_path / "review.yaml"
    path.write_text(review, encoding="utf-8")
    docs = pack(path, dt.date(2026, 11, 20), tmp_path / "out")
    agenda = docs[("agenda", None)]
    assert "Progress since the last conference on Thursday 20 August 2026" in agenda
    assert "section 47" not in agenda
    assert "Review child protection conference" in agenda
    assert (
        "Progress against the child protection plan" in docs[("social_work_report_template", "sw")]
    )


def test_decision_letter(held_pack):
    text = held_pack[("decision_letter", "mum")]
    assert "Amy Smith\nChild protection plan\nNeglect" in text
    assert "Ben Smith\nChild protection plan\nNeglect" in text
    assert "The lead social worker is Jo Bloggs" in text
    assert "Thursday 3 December 2026 at 2pm" in text  # first core group, booked
    assert "Thursday 18 February 2027" in text  # review conference, booked
    # CP4 11.1, 14.13: dissent is in the record; the letter says only that it is there
    assert "Dr Emeka Obi" not in text and "considered that Ben's needs" not in text
    assert "Disagreement recorded" not in text
    assert "Any disagreement is recorded in the conference record." in text
    assert "the local authority will seek legal advice" in text  # contingency
    assert "If you are unhappy" in text  # the right to complain (CP4 14.13)
    assert "Helen Carter" in text and "Chair" in text
    assert held_pack[("decision_letter", "police")].count("Child protection plan") == 2
    assert "will do to keep the children safe" in text  # Amy and Ben both have a plan


@pytest.mark.parametrize(
    ("plans", "expected"),
    [
        (["child-protection"], "keep the child safe"),
        (["child-protection", "child-in-need"], "keep the child safe"),  # one plan, one child
        (["child-protection", "child-protection"], "keep the children safe"),
    ],
)
def test_decision_letter_speaks_of_the_child_or_the_children(plans, expected):
    data = small_case()
    # with one plan given, Ben is another child in the household (no decision for him)
    ben_subject = len(plans) > 1
    data["children"].append(
        {"id": "ben", "name": "Ben Smith", "dob": "2022-07-01", "subject": ben_subject}
    )
    data["outcome"]["decisions"] = [
        {
            "child": child,
            "plan": plan,
            **({"category": "neglect"} if plan == "child-protection" else {}),
        }
        for child, plan in zip(["amy", "ben"], plans, strict=False)
    ]
    letter = _render_all(data)[("decision_letter", "mum")]
    assert f"will do to {expected}." in letter


def test_hackney_times_and_reports_inbox(hackney_pack):
    invitation = hackney_pack[("invitation", "hv")]
    assert "Please join at 10.30am" in invitation
    assert "HackneyCYPsreports@hackney.gov.uk" in invitation
    family = hackney_pack[("family_invitation", "mum")]
    assert "Please come at 10am" in family
    assert "The other people will join at 10.30am" in family
    assert "Laura Demetriades" in family  # Hackney's complaints route


def test_the_social_worker_named_to_the_family_is_not_the_team_manager():
    data = small_case()
    del data["outcome"]
    manager = {
        "id": "tm",
        "name": "Alex Price",
        "role": "Team manager",
        "agency": "children_social_care",
        "phone": "020 7000 0001",
        "contact_with": "all",
    }
    data["professionals"].insert(0, manager)
    data["professionals"][1].update(role="Social worker", phone="020 7000 0002")
    family = _render_all(data)[("family_invitation", "mum")]
    assert "Jo Bloggs, 020 7000 0002" in family
    assert "Alex Price" not in family
    # once the conference names a lead social worker, the letters name them
    data["outcome"] = {
        "decisions": [{"child": "amy", "plan": "child-in-need"}],
        "lead_social_worker": "tm",
    }
    assert "Alex Price, 020 7000 0001" in _render_all(data)[("family_invitation", "mum")]


def _notes(loaded: Conference) -> dict[tuple[str, str | None], str]:
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 20))
    return {(d.kind, d.recipient): d.note for d in plan_documents(loaded, plan)}


@pytest.mark.parametrize("procedure", ["london", "hackney", "york", "bolton", "warwickshire"])
def test_london_paragraphs_are_cited_for_profiles_that_follow_london(procedure):
    loaded = open_case(HELD)
    loaded = dataclasses.replace(loaded, profile=load_profile(procedure))
    notes = _notes(loaded)
    assert notes[("report_template", "police")] == "for the chair only (London CP4 7.10)"
    assert notes[("exclusion_letter", "partner")] == "with the social work report (London CP4 5.10)"


def test_a_profile_of_its_own_is_not_quoted_london_paragraphs():
    text = (ROOT / "cpconf" / "procedures" / "london.yaml").read_text(encoding="utf-8")
    own = parse_profile_text(text.replace("name: london", "name: elsewhere"), "elsewhere.yaml")
    loaded = dataclasses.replace(open_case(HELD), profile=own)
    notes = _notes(loaded)
    assert notes[("report_template", "police")] == "for the chair only"
    assert notes[("exclusion_letter", "partner")] == "with the social work report"
    assert not any("London" in note for note in notes.values())


# -- confidentiality ---------------------------------------------------------------------


def test_confidential_address_only_in_that_persons_documents(held_pack):
    own = {k for k, text in held_pack.items() if DAD_ADDRESS in text}
    assert own == {
        ("family_invitation", "dad"),
        ("decision_letter", "dad"),
        ("core_group_invitation", "dad"),
    }


def test_family_addresses_never_reach_professionals_or_the_agenda(held_pack):
    for (kind, who), text in held_pack.items():
        if who in ("mum", "partner"):  # they share an address
            continue
        assert MUM_ADDRESS not in text, (kind, who)
        if who != "gran":
            assert GRAN_ADDRESS not in text, (kind, who)


def test_fully_excluded_member_gets_no_invitation_and_is_not_on_the_agenda(held_pack, tmp_path):
    assert ("family_invitation", "partner") not in held_pack
    assert "Dean Harris" not in held_pack[("agenda", None)]
    loaded = open_case(HELD)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 20))
    agenda = next(d for d in plan_documents(loaded, plan) if d.kind == "agenda")
    assert not any("Dean Harris" in line for line in agenda.send_to)


def test_confidential_and_excluded(tmp_path):
    text = HELD.read_text(encoding="utf-8").replace(
        "    address: 1 Example Road, London E8 1AA\n    excluded: full",
        "    address: 9 Secret Mews, London N4 1XX\n    address_confidential: true\n"
        "    excluded: full",
    )
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    docs = pack(path, dt.date(2026, 11, 20), tmp_path / "out")
    own = {k for k, t in docs.items() if "9 Secret Mews" in t}
    assert own == {("exclusion_letter", "partner"), ("decision_letter", "partner")}


# -- file names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["CON", 'a/b\\c:d*e?f"g<h>i|j', "..", " . ", "Łukasz Żółć", "名前", "x" * 500, "🙂"]
)
def test_file_names_are_safe_everywhere(name):
    out = filename("family_invitation", "con", name)
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*\.docx", out)
    assert len(out) < 100
    assert out.startswith("family-invitation-con")


def test_slug_transliterates():
    assert slug("Łukasz Żółć-Wójcik") == "lukasz-zolc-wojcik"
    assert slug("Siân Llŷr") == "sian-llyr"


def test_long_ids_stay_unique():
    a = filename("invitation", "a" * 60 + "x")
    b = filename("invitation", "a" * 60 + "y")
    assert a != b and len(a) < 80


# -- rendering safety --------------------------------------------------------------------

TRICKY = {
    "name": "Siân Ćwikła-O'Brien 🙂",
    "org": 'Smith & Jones <Ltd> "quoted"',
    "venue": "{{ 7*7 }} {% if true %}x{% endif %} ]]> &amp;",
}


def _render_all(data: dict[str, Any]) -> dict[tuple[str, str | None], str]:
    loaded = loaded_from(data)
    plan = build_schedule(loaded.case, loaded.profile, WorkingCalendar(), dt.date(2026, 11, 10))
    renderer = Renderer(template_paths())
    return {
        (d.kind, d.recipient): docx_text(renderer.render(d)) for d in plan_documents(loaded, plan)
    }


def test_values_print_literally():
    docs = _render_all(small_case(**TRICKY))
    invitation = docs[("invitation", "hv")]
    assert "Dear Siân Ćwikła-O'Brien 🙂," in invitation
    assert "{{ 7*7 }} {% if true %}x{% endif %} ]]> &amp;" in invitation
    assert "49" not in invitation
    agenda = docs[("agenda", None)]
    assert 'Smith & Jones <Ltd> "quoted"' in agenda
    assert "Siân Ćwikła-O'Brien 🙂" in agenda


def test_control_characters_are_dropped_not_fatal():
    docs = _render_all(small_case(name="Anna\x00\x07 Nowak\ufffe", org="Org\x1b"))
    assert "Dear Anna Nowak," in docs[("invitation", "hv")]


names = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=names, org=names)
def test_any_unicode_name_and_organisation_prints_literally(name, org):
    assume(one_line(name) and one_line(org))
    docs = _render_all(small_case(name=name, org=org))
    expected_name, expected_org = one_line(name), one_line(org)
    assert expected_name in docs[("invitation", "hv")]
    assert expected_name in docs[("family_invitation", "mum")]
    assert expected_name in docs[("decision_letter", "mum")]
    assert expected_org in docs[("agenda", None)]
    assert expected_org in docs[("report_template", "hv")]


def test_fast_path_matches_docxtpl_own_render():
    """Compiling once must print what docxtpl's own render prints."""
    from docxtpl import DocxTemplate

    loaded = loaded_from(small_case(**TRICKY))
    plan = build_schedule(loaded.case, loaded.profile, WorkingCalendar(), dt.date(2026, 11, 10))
    paths = template_paths()
    for doc in plan_documents(loaded, plan):
        ours = docx_text(CompiledTemplate(paths[doc.kind]).render(doc.context))
        tpl = DocxTemplate(paths[doc.kind])
        tpl.render(doc.context, jinja_env=sandbox(), autoescape=True)
        buf = io.BytesIO()
        tpl.save(buf)
        assert ours == docx_text(buf.getvalue()), doc.kind


def _template(folder: Path, kind: str, *paragraphs: str) -> Path:
    doc = docx.Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    path = folder / f"{kind}.docx"
    doc.save(str(path))
    return path


def test_templates_run_in_the_sandbox(tmp_path):
    path = _template(tmp_path, "agenda", "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateError, match="not allowed|unknown name"):
        CompiledTemplate(path).render({})


def test_unknown_names_fail_instead_of_printing_blank(tmp_path):
    path = _template(tmp_path, "invitation", "Dear {{ recipent.name }},")
    loaded = open_case(SAMPLE)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 10))
    doc = next(d for d in plan_documents(loaded, plan) if d.kind == "invitation")
    with pytest.raises(TemplateError, match="recipent"):
        CompiledTemplate(path).render(doc.context)


def test_a_mistyped_name_is_named_with_the_nearest_known_key(tmp_path):
    loaded = open_case(SAMPLE)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 10))
    doc = next(d for d in plan_documents(loaded, plan) if d.kind == "invitation")
    assert "chair" in doc.context and "name" in doc.context["chair"]
    path = _template(tmp_path, "invitation", "Chaired by {{ chair.nmae }}.")
    with pytest.raises(TemplateError) as caught:
        CompiledTemplate(path).render(doc.context)
    message = str(caught.value)
    assert "'chair.nmae': no value 'nmae'; did you mean 'name'?" in message
    assert "dict object" not in message
    top = _template(tmp_path, "agenda", "{{ refrence }}")
    with pytest.raises(TemplateError, match="no value 'refrence'; did you mean 'reference'"):
        CompiledTemplate(top).render(doc.context)


def test_check_reports_what_would_fail(tmp_path):
    samples = sample_documents()
    good = check_template(template_paths()["invitation"], samples)
    assert good.ok
    unknown = check_template(_template(tmp_path, "invitation", "{{ recipent.name }}"), samples)
    assert not unknown.ok and "recipent" in " ".join(unknown.problems)
    broken = check_template(_template(tmp_path, "agenda", "{% if chair.name %} no end"), samples)
    assert not broken.ok and "broken tag" in " ".join(broken.problems)
    other = check_template(_template(tmp_path, "letterhead", "hello"), samples)
    assert not other.ok and other.kind is None


def test_split_tags_are_repaired(tmp_path):
    """Word splits a tag across runs when formatting changes inside it; docxtpl mends it."""
    doc = docx.Document()
    p = doc.add_paragraph()
    p.add_run("Dear {{ recip")
    p.add_run("ient.name }}").bold = True
    path = tmp_path / "invitation.docx"
    doc.save(str(path))
    samples = sample_documents()
    assert check_template(path, samples).ok
    sample = next(d for d in samples if d.kind == "invitation")
    assert "Dear Jo Bloggs" in docx_text(CompiledTemplate(path).render(sample.context))


def test_each_template_is_compiled_once_per_run(tmp_path, monkeypatch):
    made = []
    real = CompiledTemplate.__init__

    def counting(self, path, env=None):
        made.append(Path(path).name)
        real(self, path, env)

    monkeypatch.setattr(CompiledTemplate, "__init__", counting)
    loaded = open_case(HELD)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 20))
    make_letters(loaded, plan, tmp_path / "out")
    # every kind but the transfer-in one and the notice that a plan has ended (only at a
    # review that ends one)
    used = set(KINDS) - {"originating_authority_invitation", "plan_ended_notification"}
    assert sorted(made) == sorted(f"{k}.docx" for k in used)


# -- nothing lost ------------------------------------------------------------------------


def test_refuses_to_overwrite_and_leaves_everything_as_it_was(tmp_path):
    loaded = open_case(SAMPLE)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 10))
    out = tmp_path / "out"
    out.mkdir()
    edited = out / "agenda.docx"
    edited.write_bytes(b"edited by the coordinator")
    with pytest.raises(OutputError, match="already exists?.*move (them|it) first") as refused:
        make_letters(loaded, plan, out)
    assert refused.value.exists  # the CLI then says how to replace it
    assert edited.read_bytes() == b"edited by the coordinator"
    assert sorted(p.name for p in out.iterdir()) == ["agenda.docx"]  # nothing else written
    make_letters(loaded, plan, out, force=True)
    assert edited.read_bytes() != b"edited by the coordinator"
    assert "Agenda" in docx_text(edited)


def test_a_failure_midway_leaves_no_partial_or_temporary_file(tmp_path, monkeypatch):
    loaded = open_case(HELD)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 20))
    out = tmp_path / "out"
    out.mkdir()
    keep = out / "notes.txt"
    keep.write_text("mine", encoding="utf-8")
    calls = []
    real = Renderer.render

    def flaky(self, doc):
        calls.append(doc.filename)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(self, doc)

    monkeypatch.setattr(Renderer, "render", flaky)
    with pytest.raises(OutputError, match="No space left"):
        make_letters(loaded, plan, out)
    assert len(calls) == 3
    assert [p.name for p in out.iterdir()] == ["notes.txt"]  # no document, no temp file


def test_a_failure_midway_with_force_keeps_the_old_files_intact(tmp_path, monkeypatch):
    loaded = open_case(SAMPLE)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 10))
    out = tmp_path / "out"
    make_letters(loaded, plan, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = Renderer.render
    calls = []

    def flaky(self, doc):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("boom")
        return real(self, doc)

    monkeypatch.setattr(Renderer, "render", flaky)
    with pytest.raises(RuntimeError):
        make_letters(loaded, plan, out, force=True)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_manifest_lists_every_document_relative_to_the_folder(tmp_path):
    loaded = open_case(HELD)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 20))
    out = tmp_path / "out"
    written = make_letters(loaded, plan, out)
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(entries) == len(written.written) == 38
    for entry in entries:
        assert set(entry) == {"kind", "recipient", "path"}
        assert entry["kind"] in KINDS
        assert not Path(entry["path"]).is_absolute()
        assert (out / entry["path"]).is_file()
    assert {"kind": "agenda", "recipient": None, "path": "agenda.docx"} in entries
    docx_files = sorted(p.name for p in out.glob("*.docx"))
    assert docx_files == sorted(e["path"] for e in entries)


def test_distribution_list_says_who_gets_what_by_when(tmp_path):
    loaded = open_case(HELD)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 20))
    out = tmp_path / "out"
    make_letters(loaded, plan, out)
    text = (out / "distribution.md").read_text(encoding="utf-8")
    assert "| Decision letter | Sarah Smith, mother | by Monday 23 November 2026 |" in text
    assert "report by Wednesday 18 November 2026" in text
    assert "for the chair only (London CP4 7.10)" in text
    assert "address confidential" in text
    agenda_row = next(line for line in text.splitlines() if line.startswith("| Agenda"))
    assert "Dean Harris" not in agenda_row and "Sarah Smith" in agenda_row


def test_shipped_templates_are_in_the_package():
    folder = default_template_dir()
    for kind in TEMPLATE_KINDS:
        assert (folder / f"{kind}.docx").is_file()
    assert (folder / "sample_case.yaml").is_file()


def test_templates_are_reproducible(tmp_path):
    """The committed .docx files are what build_templates.py makes."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_templates", ROOT / "scripts" / "build_templates.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(tmp_path)
    for kind in TEMPLATE_KINDS:
        assert docx_text(tmp_path / f"{kind}.docx") == docx_text(
            ROOT / "templates" / f"{kind}.docx"
        ), kind


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_every_document_converts_to_pdf(tmp_path):
    import subprocess

    out = tmp_path / "out"
    pack(HELD, dt.date(2026, 11, 20), out)
    # and the review that ends the plans: every kind of document is converted
    ended = tmp_path / "ended"
    pack(ROOT / "sample_cases" / "review-plan-ends.yaml", dt.date(2027, 2, 18), ended)
    files = sorted(out.glob("*.docx")) + [
        p for p in sorted(ended.glob("*.docx")) if p.name.startswith("plan-ended")
    ]
    assert {f.name.split("-")[0] for f in files} >= {"outline", "conference", "core", "child"}
    profile = tmp_path / "lo-profile"
    pdfs = tmp_path / "pdf"
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pdfs),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for f in files:
        pdf = pdfs / (f.stem + ".pdf")
        assert pdf.is_file(), f.name
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 5000, f.name


def test_document_properties_hold_no_template_tags(tmp_path):
    # Word shows the author and title in File > Info and in PDFs: no unrendered tag there
    pack(HELD, dt.date(2026, 11, 20), tmp_path)
    for path in sorted(tmp_path.glob("*.docx")):
        props = docx.Document(str(path)).core_properties
        for value in (props.author, props.title, props.subject, props.comments):
            assert "{{" not in (value or "") and "{%" not in (value or ""), (path.name, value)


@pytest.mark.parametrize("where", ["temporary file", "move into place"])
def test_a_write_error_names_the_document_not_a_hidden_temporary_file(tmp_path, monkeypatch, where):
    """As root a read-only folder is still writable: the error is made where the OS gives it."""
    import errno

    import cpconf.files as files

    loaded = open_case(SAMPLE)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 10))
    out = tmp_path / "out"
    first = plan_documents(loaded, plan)[0].filename

    def no_room(path, data):
        hidden = path.parent / f".{path.name}.k2j4x9.tmp"  # what the OS error would name
        raise OSError(errno.ENOSPC, "No space left on device", str(hidden))

    def denied(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(src))

    if where == "temporary file":
        monkeypatch.setattr(files, "_write_synced", no_room)
    else:
        monkeypatch.setattr(files, "place_new", denied)
    with pytest.raises(OutputError) as info:
        make_letters(loaded, plan, out)
    (problem,) = info.value.problems
    reason = "No space left on device" if where == "temporary file" else "Permission denied"
    assert problem.message == f"cannot write {first}: {reason}."
    assert problem.file == str(out)
    assert ".tmp" not in str(info.value)
