"""What the letters say, read back as a parent and as a professional would (issue 10).

Each test renders documents from a small case and reads them back as text: the mode of a
blended conference from the profile, the record for an excluded parent, only what is sent
with a letter, the transfer-in authority's invitation, and plain correct English.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpconf.case import parse_case
from cpconf.conference import Conference
from cpconf.dates import clock
from cpconf.letters import make_letters, plan_documents
from cpconf.letters.context import full_stop, is_parent, sentence
from cpconf.letters.engine import Renderer
from cpconf.letters.kinds import PlannedDocument
from cpconf.letters.pack import distribution
from cpconf.letters.templates import template_paths
from cpconf.names import a_or_an, clean_text, one_line
from cpconf.procedures import load_profile
from cpconf.yamlload import Document
from tests.test_letters import docx_text, small_case

BEFORE = dt.date(2026, 11, 10)  # the conference is on Friday 20 November 2026
ON_THE_DAY = dt.date(2026, 11, 20)
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def loaded(data: dict[str, Any], procedure: str = "london") -> Conference:
    doc = Document("case.yaml", data)
    case = parse_case(doc)
    profile = load_profile(procedure)
    return Conference(Path("case.yaml"), case, doc, profile, profile.calendar())


def planned(
    data: dict[str, Any], procedure: str = "london", today: dt.date = BEFORE
) -> list[PlannedDocument]:
    conf = loaded(data, procedure)
    return plan_documents(conf, conf.plan(today))


def render(
    data: dict[str, Any], procedure: str = "london", today: dt.date = BEFORE
) -> dict[tuple[str, str | None], str]:
    renderer = Renderer(template_paths())
    return {
        (d.kind, d.recipient): docx_text(renderer.render(d))
        for d in planned(data, procedure, today)
    }


def case(**conference: Any) -> dict[str, Any]:
    """small_case with a part-excluded father and a police officer, and no outcome."""
    data = small_case()
    del data["outcome"]
    data["conference"].update(conference)
    data["family"].append(
        {
            "id": "dad",
            "name": "Tom Nowak",
            "relationship": "father",
            "address": "22 Refuge Close, London",
            "excluded": "part",
        }
    )
    return data


def held(plan: str = "child-protection") -> dict[str, Any]:
    data = small_case()
    decision = {"child": "amy", "plan": plan}
    if plan == "child-protection":
        decision["category"] = "neglect"
    data["outcome"]["decisions"] = [decision]
    return data


def squash(text: str) -> str:
    return " ".join(text.split())


# -- a blended conference: who is in the room ---------------------------------------------


def test_hackney_blended_professionals_join_online_and_are_not_told_to_choose():
    docs = render(case(mode="blended"), "hackney")
    hv = docs[("invitation", "hv")]
    assert "you may choose" not in hv
    assert (
        "Online: only the chair, the social worker and the family meet in the room; "
        "everyone else joins online" in hv
    )
    sw = docs[("invitation", "sw")]  # the social worker is in the room (Hackney guide)
    assert "In person: the chair, the social worker and the family meet in the room" in sw
    mum = docs[("family_invitation", "mum")]
    assert "In person, with the chair and the social worker. The other people join online" in mum
    assert (
        "Blended: the chair, the social worker and the family in the room" in docs[("agenda", None)]
    )


def test_other_profiles_do_not_offer_a_choice_of_online():
    # London CP4 3.6: remote contribution "In exceptional circumstances"
    docs = render(case(mode="blended"), "london")
    for key, text in docs.items():
        assert "you may choose" not in text, key
    assert "joining online only in exceptional circumstances" in docs[("invitation", "hv")]
    assert "Online: only" not in docs[("invitation", "hv")]


def test_the_blended_setting_is_profile_data():
    assert load_profile("hackney").session.blended_in_person == [
        "chair",
        "social_worker",
        "family",
    ]
    assert load_profile("london").session.blended_in_person == []


def test_hackney_invitations_and_report_requests_name_the_mailbox():
    docs = render(case(mode="virtual"), "hackney")
    mailbox = "childprotectioninvitereportrequest@hackney.gov.uk"
    reports = "HackneyCYPsreports@hackney.gov.uk"
    for key in (("invitation", "hv"), ("report_template", "hv")):
        assert mailbox in docs[key], key
        assert reports in docs[key], key
    assert mailbox in docs[("social_work_report_template", "sw")]
    # the family's letters are not from the invitations mailbox
    assert mailbox not in docs[("family_invitation", "mum")]
    # London names no mailbox
    london = render(case(mode="virtual"), "london")
    assert "is sent from" not in london[("invitation", "hv")]


# -- exclusion ---------------------------------------------------------------------------


def test_a_parent_excluded_from_part_is_told_they_will_receive_the_record():
    letter = squash(render(case())[("exclusion_letter", "dad")])
    assert "you will receive the record of the conference" in letter  # CP4 4.1
    assert "whether you receive all of it or only the part you attended" in letter
    assert "whether you will also receive the record" not in letter


def test_a_fully_excluded_parent_is_told_views_outcome_complaints_and_challenge():
    data = case()
    data["family"][1]["excluded"] = "full"
    letter = squash(render(data)[("exclusion_letter", "dad")])
    # CP4 5.9-5.10: views, how the outcome is told, the complaints procedure, the record
    assert "You have the right to have your views recorded and presented" in letter
    assert "You can tell Jo Bloggs what you want the conference to know" in letter
    assert "We will write to you by Monday 23 November 2026 to tell you what the" in letter
    assert "I will decide whether you will also receive the record" in letter
    assert "you will receive the record of the conference" not in letter
    # the exclusion itself: final (5.8), and how to complain about it
    assert (
        "My decision to exclude you is final (London CP4 5.8). If you are unhappy with it, "
        "you can make a complaint." in letter
    )
    assert "I decide who attends" not in letter
    # the complaint is about the chair's decision: the conference has decided nothing yet
    assert "Please tell me. Your complaint will be passed to my manager" in letter
    assert "While a complaint is looked at, my decision stands." in letter
    assert "what it decided" not in letter and "decision of the conference" not in letter
    # CP4 5.10, Bolton leaflet: the social worker presents the views of one excluded
    assert "Your views will be presented at the conference by your social worker" in letter
    assert "read out" not in letter
    assert "copy of the social worker's report by" in letter  # CP4 5.10


def test_an_exclusion_reason_typed_without_a_full_stop_gets_one():
    data = case()
    data["family"][1]["exclusion"] = {"reason": "there is a police investigation"}
    letter = render(data)[("exclusion_letter", "dad")]
    assert "The reason for my decision is: there is a police investigation." in letter
    data["family"][1]["exclusion"] = {"reason": "there is a police investigation."}
    assert "investigation.." not in render(data)[("exclusion_letter", "dad")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no stop", "no stop."),
        ("stop.", "stop."),
        ("a question?", "a question?"),
        ('he said "no."', 'he said "no."'),
        ("(see above.)", "(see above.)"),
        ("  spaced  ", "spaced."),
        ("", ""),
        (None, ""),
    ],
)
def test_full_stop(text, expected):
    assert full_stop(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "his views will be given by the social worker",
            "His views will be given by the social worker.",
        ),
        ("Already a sentence.", "Already a sentence."),
        ("'quoted' words", "'quoted' words."),
        ("", ""),
    ],
)
def test_a_paragraph_typed_in_begins_with_a_capital(text, expected):
    assert sentence(text) == expected


def test_an_exclusion_letter_gives_the_views_as_a_sentence():
    data = case()
    data["family"][1]["exclusion"] = {"views": "his views will be given by the social worker"}
    letter = squash(render(data)[("exclusion_letter", "dad")])
    assert "His views will be given by the social worker." in letter


def test_the_exclusion_letter_rebuilt_after_the_conference_is_not_dated_today():
    data = held()
    data["family"].append(
        {"id": "dad", "name": "Tom Nowak", "relationship": "father", "excluded": "full"}
    )
    after = dt.date(2026, 11, 24)
    letter = render(data, today=after)[("exclusion_letter", "dad")]
    assert "Tuesday 24 November 2026" not in letter
    assert "Copy for the file" in letter
    # dated the day the chair decided, where the case file says it
    data["family"][1]["exclusion"] = {"decided_on": "2026-11-16"}
    letter = render(data, today=after)[("exclusion_letter", "dad")]
    assert "Monday 16 November 2026\nOur reference" in letter
    assert "Tuesday 24 November 2026" not in letter
    # written before the conference: dated the day it is written
    del data["outcome"]
    del data["family"][1]["exclusion"]
    assert "Tuesday 10 November 2026\nOur reference" in render(data)[("exclusion_letter", "dad")]


def test_the_distribution_list_notes_a_confidential_address_on_the_exclusion_letter():
    data = case()
    data["family"][1]["address_confidential"] = True
    conf = loaded(data)
    plan = conf.plan(BEFORE)
    text = distribution(plan_documents(conf, plan), conf.case, plan)
    row = next(line for line in text.splitlines() if line.startswith("| Exclusion letter"))
    assert "address confidential: send to this person only" in row


# -- the decision letter -----------------------------------------------------------------


def test_the_decision_letter_names_the_outline_plan_only_when_a_child_has_a_plan():
    with_plan = squash(render(held(), today=ON_THE_DAY)[("decision_letter", "mum")])
    assert "The outline child protection plan, which I have signed, is sent with this" in (
        with_plan
    )
    assert "Enclosed: outline child protection plan." in with_plan
    for plan in ("child-in-need", "early-help", "no-further-action"):
        text = render(held(plan), today=ON_THE_DAY)[("decision_letter", "hv")]
        assert "outline" not in text.lower(), plan
        assert "Enclosed" not in text, plan


def test_a_decision_letter_dated_before_the_conference_does_not_say_it_was_held():
    early = render(held(), today=BEFORE)[("decision_letter", "hv")]
    assert "was held" not in early
    assert "decisions recorded for the initial child protection conference" in squash(early)
    assert (
        "was held on Friday 20 November 2026"
        in render(held(), today=ON_THE_DAY)[("decision_letter", "hv")]
    )


def test_the_decision_letter_tells_each_family_member_how_they_get_the_record():
    data = held()
    data["family"] += [
        {"id": "dad", "name": "Tom Nowak", "relationship": "father", "excluded": "part"},
        {"id": "gran", "name": "Joan Smith", "relationship": "grandmother", "excluded": "full"},
    ]
    docs = {k: squash(v) for k, v in render(data, today=ON_THE_DAY).items()}
    assert "Jo Bloggs will give you a copy of the record" in docs[("decision_letter", "mum")]
    assert "all of it or only the part you attended" in docs[("decision_letter", "dad")]
    assert "I will decide whether you receive the record" in docs[("decision_letter", "gran")]
    assert "sent to everyone who was invited" in docs[("decision_letter", "hv")]


# -- the social worker's own invitation --------------------------------------------------


def test_the_social_worker_is_not_told_to_contact_themselves_or_send_a_colleague():
    docs = render(case())
    sw = squash(docs[("invitation", "sw")])
    assert "tell the social worker" not in sw
    assert "send a colleague" not in sw
    assert "If you cannot attend, tell the chair" in sw
    hv = squash(docs[("invitation", "hv")])
    assert "tell the social worker, Jo Bloggs" in hv
    assert "send a colleague who knows the family" in hv


# -- transfer-in: the originating authority ---------------------------------------------


def transfer(**authority: Any) -> dict[str, Any]:
    data = case(type="transfer-in", transfer_notification="2026-11-02")
    del data["conference"]["strategy_discussion"]
    if authority:
        data["conference"]["originating_authority"] = authority
    return data


def test_the_originating_authority_is_invited_and_asked_for_its_reports(tmp_path):
    data = transfer(
        name="Example County Council",
        contact={"name": "Sam Reed", "email": "sam.reed@example-county.gov.uk"},
    )
    conf = loaded(data)
    make_letters(conf, conf.plan(BEFORE), tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest if e["kind"] == "originating_authority_invitation")
    assert entry["recipient"] is None
    letter = squash(docx_text(tmp_path / entry["path"]))
    assert "Dear Sam Reed," in letter
    assert "Example County Council is invited to attend it" in letter
    assert "it should receive reports from your authority" in letter  # CP4 1.18
    assert "By Wednesday 18 November 2026" in letter  # agency reports, 2 working days
    assert "By email: sam.reed@example-county.gov.uk" in letter
    assert "Example County Council" in (tmp_path / "distribution.md").read_text()


def test_no_originating_authority_invitation_without_one_or_off_a_transfer():
    assert "originating_authority_invitation" not in {d.kind for d in planned(transfer())}
    assert "originating_authority_invitation" not in {d.kind for d in planned(case())}


def test_an_originating_authority_with_no_contact_is_written_to_as_colleague():
    letter = render(transfer(name="Example County Council"))[
        ("originating_authority_invitation", None)
    ]
    assert "Dear colleague," in letter
    assert "By email" not in letter


# -- plain, correct English --------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("Urdu", "an Urdu"),
        ("Arabic", "an Arabic"),
        ("Polish", "a Polish"),
        ("Ukrainian", "a Ukrainian"),
        ("Uzbek", "an Uzbek"),
        ("European Portuguese", "a European Portuguese"),
        ("British Sign Language", "a British Sign Language"),
        ("", ""),
    ],
)
def test_a_or_an(language, expected):
    assert a_or_an(language) == expected


def test_an_urdu_interpreter():
    data = case()
    data["family"][0]["interpreter"] = "Urdu"
    letter = render(data)[("family_invitation", "mum")]
    assert "We will arrange an Urdu interpreter" in letter
    assert "a Urdu" not in letter


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (10, 0, "10am"),
        (10, 30, "10.30am"),
        (14, 5, "2.05pm"),
        (12, 0, "12 noon"),
        (0, 15, "12.15am"),
    ],
)
def test_times_are_written_10_30am(hour, minute, expected):
    assert clock(dt.time(hour, minute)) == expected


def test_letters_write_times_with_a_point():
    docs = render(case(time="10:30"))
    assert "10.30am" in docs[("family_invitation", "mum")]
    assert not any(re.search(r"\d:\d\d[ap]m", text) for text in docs.values())


def test_the_unusual_start_time_warning_does_not_repeat_conferences():
    data = case(time="11:00")
    conf = loaded(data, "hackney")
    notice = next(w for w in conf.plan(BEFORE).warnings if w.code == "unusual_start_time")
    assert not re.search(r"\bconferences\b.*\bconferences\b", notice.message, re.I)
    assert "the usual start times are 10am or 2pm" in notice.message


def pre_birth() -> dict[str, Any]:
    data = case(type="pre-birth", due_date="2027-03-01")
    del data["conference"]["strategy_discussion"]
    data["children"] = [{"id": "baby", "name": "Baby Smith", "unborn": True}]
    data["family"].append({"id": "gran", "name": "Joan Smith", "relationship": "grandmother"})
    return data


def test_a_pre_birth_letter_to_the_mother_speaks_of_her_baby():
    docs = render(pre_birth())
    mum = docs[("family_invitation", "mum")]
    assert "Invitation to a meeting about your baby" in mum
    assert "keep your baby safe" in mum
    assert "your baby" in docs[("exclusion_letter", "dad")]  # the father too
    gran = docs[("family_invitation", "gran")]  # not her baby
    assert "your baby" not in gran
    assert "meeting about Baby Smith" in gran
    assert "your baby" not in docs[("invitation", "hv")]


@pytest.mark.parametrize(
    ("relationship", "expected"),
    [
        ("mother", True),
        ("Mother (expectant)", True),
        ("father of the unborn baby", True),
        ("mother's partner", False),
        ("maternal grandmother", False),
        (None, False),
    ],
)
def test_is_parent(relationship, expected):
    assert is_parent(relationship) is expected


def test_no_please_call_someone_without_a_number():
    data = case()  # the social worker has no phone; no coordinator
    letter = render(data)[("family_invitation", "mum")]
    assert "please call" not in letter
    assert "please ask Jo Bloggs." in letter
    data["professionals"][0]["phone"] = "020 7946 0200"
    letter = render(data)[("family_invitation", "mum")]
    assert "please call Jo Bloggs on 020 7946 0200." in letter
    assert ", or" not in letter.split("please call")[1].split("\n")[0]
    data["conference"]["coordinator"] = {"name": "Marcus Webb", "phone": "020 7946 0102"}
    letter = render(data)[("family_invitation", "mum")]
    assert "please call Jo Bloggs on 020 7946 0200, or Marcus Webb on 020 7946 0102." in letter


def test_the_last_paragraph_is_kept_with_the_signature():
    """In the Word file: the paragraph before "Yours sincerely" keeps with it, whole."""
    import docx as python_docx

    for kind in (
        "invitation",
        "family_invitation",
        "decision_letter",
        "originating_authority_invitation",
    ):
        doc = python_docx.Document(str(template_paths()[kind]))
        paras = doc.paragraphs
        i = next(n for n, p in enumerate(paras) if p.text == "Yours sincerely,")
        before = next(p for p in reversed(paras[:i]) if not p.text.startswith("{%p"))
        assert before.paragraph_format.keep_with_next, kind
        assert before.paragraph_format.keep_together, kind
        for p in paras[i : i + 3]:
            assert p.paragraph_format.keep_with_next, (kind, p.text)


def test_the_exclusion_letter_keeps_its_closing_section_with_the_signature():
    """The closing section and the signature share one table row that never splits: a
    chain of keep-with-next paragraphs is not kept whole by LibreOffice."""
    import docx as python_docx

    doc = python_docx.Document(str(template_paths()["exclusion_letter"]))
    row = doc.tables[-1].rows[0]
    assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    texts = [p.text for p in row.cells[0].paragraphs]
    assert texts[0] == "If you disagree with this decision"
    assert texts[1].startswith("My decision to exclude you is final")
    assert "Yours sincerely," in texts and texts[-1] == "{{ la }}"


@pytest.mark.parametrize(
    ("kind", "last_words"),
    [
        ("conference_record", "The record is confidential"),
        ("outline_plan", "This plan, signed by the chair, is sent"),
    ],
)
def test_the_chairs_signature_boxes_are_kept_with_the_last_paragraph(kind, last_words):
    """The chair's "Signed by" and "Date" boxes share an unsplittable row with the
    document's last paragraph: on the record of a long conference they fell alone onto
    a fifth page."""
    import docx as python_docx

    doc = python_docx.Document(str(template_paths()[kind]))
    kept = doc.tables[-1]
    assert len(kept.rows) == 1 and len(kept.columns) == 1, kind
    row = kept.rows[0]
    assert row._tr.trPr.find(qn("w:cantSplit")) is not None, kind
    cell = row.cells[0]
    assert cell.paragraphs[0].text.startswith(last_words), kind
    (boxes,) = cell.tables
    assert [r.cells[0].text for r in boxes.rows] == ["Signed by the chair", "Date"], kind


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler (pdftotext) not installed")
def test_no_signature_alone_on_a_page(tmp_path):
    """The letters as printed: the page with the signature holds the letter's text too.

    The exclusion letter with views of every length from none to a page: at one of them
    the sign-off falls at the foot of a page, where it would move on alone.
    """
    renderer = Renderer(template_paths())
    folder = tmp_path / "docx"
    folder.mkdir()
    for n in range(0, 40, 2):
        data = case()
        data["family"][1]["excluded"] = "full"
        data["family"][1]["exclusion"] = {"views": "Your views will be heard. " * (n * 3)}
        doc = next(d for d in planned(data) if d.kind == "exclusion_letter")
        (folder / f"letter-{n:02d}.docx").write_bytes(renderer.render(doc))
    files = sorted(folder.glob("*.docx"))
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for f in files:
        pdf = tmp_path / "pdf" / (f.stem + ".pdf")
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        page = next(p for p in text.split("\f") if "Yours sincerely" in p)
        before = page.split("Yours sincerely")[0]
        body = [line for line in before.splitlines() if line.strip() and "OFFICIAL" not in line]
        assert body, f"{f.name}: the signature is alone on its page"
        # the whole closing section goes with it, not only the line before
        assert "If you disagree with this decision" in before, f.name
        assert "My decision to exclude you is final" in before, f.name


# -- bidirectional controls ----------------------------------------------------------------


def test_a_right_to_left_override_does_not_reach_a_document():
    data = case()
    data["family"][0]["name"] = "Sarah \u202eEKAF\u202c Smith"
    data["family"][0]["address"] = "1 Example \u2067Road\u2069, London"
    docs = render(data)
    for key, text in docs.items():
        assert not any(c in text for c in BIDI), key
    assert "Dear Sarah EKAF Smith," in docs[("family_invitation", "mum")]
    assert "1 Example Road" in docs[("family_invitation", "mum")]


@given(st.text())
def test_clean_text_removes_every_bidirectional_control(text):
    cleaned = clean_text(text)
    assert not any(c in cleaned for c in BIDI)
    assert not any(c in one_line(text) for c in BIDI)
    # and nothing else is lost: the other characters keep their order
    kept = [c for c in text if c not in BIDI]
    assert clean_text("".join(kept)) == cleaned


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from([*BIDI, "a", "b", "\u05d0", " "]), min_size=1, max_size=20))
def test_bidi_controls_never_reach_a_letter(name):
    data = case()
    data["family"][0]["name"] = "Sarah " + name
    letter = render(copy.deepcopy(data))[("family_invitation", "mum")]
    assert not any(c in letter for c in BIDI)


def test_the_agenda_lists_the_originating_authority_as_invited():
    data = transfer(name="Example County Council", contact={"name": "Sam Reed"})
    agenda = render(data)[("agenda", None)]
    assert "Sam Reed\nExample County Council, the authority the child moved from\nInvited" in agenda
    assert "moved from" not in render(case())[("agenda", None)]


def test_a_family_in_the_room_is_not_told_how_to_join_online():
    hackney = render(case(mode="blended"), "hackney")[("family_invitation", "mum")]
    assert "If you join online or by phone" not in hackney
    london = render(case(mode="blended"), "london")[("family_invitation", "mum")]
    assert "If you join online or by phone" in london


@pytest.mark.parametrize("kind", ["report_template", "social_work_report_template"])
def test_a_report_signature_box_is_kept_with_the_last_section(kind):
    """The signature boxes share an unsplittable row with the section before them (how the
    report is shared, or for the police that it goes to the chair alone): a blank form's
    last page held only the signature."""
    import docx as python_docx

    doc = python_docx.Document(str(template_paths()[kind]))
    kept = doc.tables[-1]
    assert len(kept.rows) == 1 and len(kept.columns) == 1, kind
    assert kept.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None, kind
    cell = kept.rows[0].cells[0]
    headings = [p.text for p in cell.paragraphs if p.style.name == "Heading 1"]
    assert "Sharing this report with the family" in headings, kind
    assert headings[-1] == "Signature", kind
    signature = cell.tables[-1]
    assert [r.cells[0].text for r in signature.rows] == [
        "Signed",
        "Name",
        "Role and agency",
        "Date",
    ]
    if kind == "report_template":  # the police branch is kept with it too
        assert "This report goes to the chair only" in headings


# -- who is told what, in the procedure's words (the wording review) ------------------------


def dissenting() -> dict[str, Any]:
    data = held()
    data["outcome"]["dissent"] = [{"by": "hv", "view": "considered a child in need plan enough"}]
    return data


def test_complaints_go_to_the_family_and_an_agencys_dissent_to_the_chair():
    docs = {k: squash(v) for k, v in render(dissenting(), today=ON_THE_DAY).items()}
    mum, hv = docs[("decision_letter", "mum")], docs[("decision_letter", "hv")]
    # CP4 12: complaints are for children and parents
    assert "If you are unhappy about how the conference was run" in mum
    assert "If your agency disagrees" not in mum
    # CP4 11.1-11.2: an agency's dissent is recorded and the escalation process applies
    assert "If you are unhappy" not in hv and "complaint" not in hv
    assert (
        "If your agency disagrees with a decision or recommendation of the conference, please "
        "tell the chair, Helen Carter, so that your dissent is recorded in the conference "
        "record. The safeguarding partnership's escalation process for professional "
        "disagreements then applies (London CP4 11.1-11.2)." in hv
    )
    # a profile that does not follow London is not told of England's partnerships
    scot = squash(render(dissenting(), "scotland", today=ON_THE_DAY)[("decision_letter", "hv")])
    assert "so that your dissent is recorded in the CPPM record." in scot
    assert "partnership" not in scot and "CP4" not in scot


def test_the_decision_letter_says_dissent_is_recorded_without_naming_who_dissented():
    docs = {k: squash(v) for k, v in render(dissenting(), today=ON_THE_DAY).items()}
    for who in ("mum", "hv", "sw"):
        letter = docs[("decision_letter", who)]
        assert "Any disagreement is recorded in the conference record." in letter, who
        assert "considered a child in need plan enough" not in letter, who
    # the record keeps it whole (CP4 11.1)
    record = docs[("conference_record", None)]
    assert "Sarah Smith (Health visitor): considered a child in need plan enough." in record
    plain = squash(render(held(), today=ON_THE_DAY)[("decision_letter", "mum")])
    assert "disagreement" not in plain


def test_a_decision_letters_closing_section_is_kept_with_the_signature_for_the_family_too():
    import docx as python_docx

    doc = python_docx.Document(str(template_paths()["decision_letter"]))
    family = next(p for p in doc.paragraphs if p.text.startswith("{% if complaints %}"))
    assert family.paragraph_format.keep_with_next and family.paragraph_format.keep_together


@pytest.mark.parametrize("plan", ["child-in-need", "early-help", "no-further-action"])
def test_the_social_worker_discusses_services_whatever_follows_an_ended_plan(plan, tmp_path):
    # CP4 10.10: "When a child protection plan is discontinued, the social worker must
    # discuss with the parents and child/ren what services might be needed"
    data = held(plan)
    data["conference"].update(
        type="review", previous_conference="2026-08-20", previous_type="initial"
    )
    data["conference"].pop("strategy_discussion")
    docs = {k: squash(v) for k, v in render(data, today=ON_THE_DAY).items()}
    hv = docs[("plan_ended_notification", "hv")]
    mum = docs[("plan_ended_notification", "mum")]
    assert (
        "The social worker discusses with the parents and the child what services might be "
        "needed, based on a re-assessment of the needs of the family (London CP4 10.10)." in hv
    )
    assert "The social worker will talk with you and the child about what help might be" in mum
    assert ("reviewed at least every 12 weeks" in hv) == (plan == "child-in-need")
    assert (
        "You are told as an agency invited to the conference that led to the plan, or a member "
        "of the current core group (London CP4 10.9)." in hv
    )


def test_professionals_are_told_once_that_their_apologies_are_recorded():
    docs = render(case())
    text = docs[("invitation", "hv")]
    assert text.count("Your apologies and your views will be recorded") == 1
    assert "recorded in the conference record." in text
    assert "Your apologies" not in docs[("invitation", "sw")]


def _sections(text: str, headings: list[str]) -> dict[str, list[str]]:
    """Each heading's lines up to the next of the headings given."""
    out: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if line in headings:
            current = out.setdefault(line, [])
        elif current is not None and line.strip():
            current.append(line)
    return out


FAMILY_HEADINGS = [
    "What is the meeting for?",
    "Before the meeting",
    "Joining online",
    "Part of the meeting without you",
    "Bringing someone with you",
    "An interpreter",
    "Help with childcare",
    "If you cannot come",
    "After the meeting",
    "If you are unhappy",
]


def test_each_paragraph_of_the_family_invitation_is_under_its_own_heading():
    text = render(case(mode="virtual"))[("family_invitation", "dad")]
    sections = _sections(text, FAMILY_HEADINGS)
    assert sections["Help with childcare"] == [
        "The meeting is not a good place for babies and young children. If you need help with "
        "childcare so that you can come, please tell your social worker as soon as you can and "
        "we will try to help."
    ]
    assert sections["Joining online"][0].startswith("If you join online or by phone")
    assert sections["Part of the meeting without you"][0].startswith(
        "The chair has decided that you will not be in one part of the meeting"
    )
    mum = render(case(mode="face-to-face"))[("family_invitation", "mum")]
    assert "Joining online" not in mum and "Part of the meeting without you" not in mum


def test_the_record_header_rows_repeat_and_no_row_splits_across_pages():
    import docx as python_docx

    doc = python_docx.Document(str(template_paths()["conference_record"]))
    decisions = next(t for t in doc.tables if t.rows[0].cells[0].text == "Child")
    assert decisions.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    for row in decisions.rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    # and as rendered: the row of each child keeps both
    record = next(d for d in planned(held(), today=ON_THE_DAY) if d.kind == "conference_record")
    out = python_docx.Document(io.BytesIO(Renderer(template_paths()).render(record)))
    table = next(t for t in out.tables if t.rows[0].cells[0].text == "Child")
    assert [c.text for c in table.rows[1].cells] == [
        "Amy Smith",
        "Child protection plan",
        "Neglect",
    ]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)


def test_a_local_practice_date_says_so():
    # London CP4 9.8 gives the first core group no timescale: the profile's is local
    docs = {k: squash(v) for k, v in render(held(), today=ON_THE_DAY).items()}
    assert (
        "We aim to hold the first core group meeting by Friday 4 December 2026; the lead "
        "social worker will confirm the date." in docs[("decision_letter", "mum")]
    )
    assert "by Friday 4 December 2026 (local practice)" in docs[("outline_plan", "amy")]
    assert "by Friday 4 December 2026 (local practice)" in docs[("conference_record", None)]
    # in the agenda's brackets, without brackets inside them
    agenda = squash(render(held(), today=BEFORE)[("agenda", None)])
    assert "the date of its first meeting (by Friday 4 December 2026, local practice)." in agenda
    # a review's core group has met already: its next meeting, not its first
    review = held()
    review["conference"].update(
        type="review", previous_conference="2026-08-20", previous_type="initial"
    )
    review["conference"].pop("strategy_discussion")
    agenda = squash(render(review, today=BEFORE)[("agenda", None)])
    assert "its members and the date of its next meeting." in agenda
    assert "first meeting" not in agenda
    # the review's date is the procedure's own (CP4): no note
    assert "review conference will be held by" in docs[("decision_letter", "mum")]
    assert "(local practice)" not in docs[("decision_letter", "mum")]
    booked = held()
    booked["outcome"]["first_core_group"] = "2026-12-03"
    text = squash(render(booked, today=ON_THE_DAY)[("decision_letter", "mum")])
    assert "The first core group meeting is on Thursday 3 December 2026." in text
    assert "local practice" not in text and "We aim" not in text


def test_deadlines_local_marks_the_rules_the_profile_calls_local():
    from cpconf.letters.context import deadline_local_values

    conf = loaded(held())
    local = deadline_local_values(conf.plan(ON_THE_DAY))
    assert local["first_core_group"] is True
    assert local["next_review"] is False and local["agency_reports"] is False
    assert local["early_review"] is False  # quorate: no early review in the plan


def test_the_core_group_invitation_says_where_and_arranges_an_interpreter():
    data = held()
    data["family"].append(
        {"id": "dad", "name": "Tom Nowak", "relationship": "father", "interpreter": "Polish"}
    )
    data["outcome"]["core_group"].append("dad")
    docs = {k: squash(v) for k, v in render(data, today=ON_THE_DAY).items()}
    for who in ("dad", "mum", "hv"):
        assert (
            "The lead social worker will tell you where it is held."
            in (docs[("core_group_invitation", who)])
        ), who
    dad = docs[("core_group_invitation", "dad")]
    assert "An interpreter The lead social worker will arrange a Polish interpreter" in dad
    assert "interpreter" not in docs[("core_group_invitation", "mum")]
    assert "interpreter" not in docs[("core_group_invitation", "hv")]


# -- what the procedures ask of the documents (wording review 2) ---------------------------


def test_the_record_prompts_the_escalation_process_after_dissent_where_cp4_applies():
    # CP4 11.1: "The procedures to apply the escalation process for professional
    # disagreements should be implemented as soon as practicable after the conference"
    record = squash(render(dissenting(), today=ON_THE_DAY)[("conference_record", None)])
    dissent = record.split("Dissent", 1)[1].split("The plan", 1)[0]
    assert (
        "[The escalation process for professional disagreements should be started as soon "
        "as practicable after the conference (London CP4 11.1)]" in dissent
    )
    quiet = squash(render(held(), today=ON_THE_DAY)[("conference_record", None)])
    assert "[Where an agency dissents, the escalation process" in quiet
    # the nations' procedures are not quoted as London's
    scot = squash(render(dissenting(), "scotland", today=ON_THE_DAY)[("conference_record", None)])
    assert "escalation" not in scot and "CP4" not in scot


def test_the_record_prompts_safer_sleeping_for_a_baby_on_a_plan():
    # CP4 9.9: an unborn child or a baby: the plan considers SUDI, as the outline plan does
    data = held()
    data["children"][0]["dob"] = "2026-06-01"  # five months old on the day
    docs = {k: squash(v) for k, v in render(data, today=ON_THE_DAY).items()}
    plan = docs[("conference_record", None)].split("The plan", 1)[1]
    assert (
        "Safer sleeping (SUDI) [For Amy Smith: the risk of sudden unexpected death in infancy "
        "and how the professionals will address it with the parents (London CP4 9.9)]" in plan
    )
    assert "sudden unexpected death in infancy" in docs[("outline_plan", "amy")]
    older = squash(render(held(), today=ON_THE_DAY)[("conference_record", None)])
    assert "SUDI" not in older
    # the nations' texts name SUDI where a child dies, not in the plan: no prompt there
    for nation in ("wales", "scotland", "northern-ireland"):
        theirs = {k: squash(v) for k, v in render(data, nation, today=ON_THE_DAY).items()}
        found = [k for k, v in theirs.items() if "SUDI" in v or "unexpected death" in v]
        assert found == [], (nation, found)
    # a baby whose decision is not a plan: nothing to consider in a plan
    data["outcome"]["decisions"] = [{"child": "amy", "plan": "child-in-need"}]
    assert "SUDI" not in squash(render(data, today=ON_THE_DAY)[("conference_record", None)])


def test_the_record_says_who_helps_with_it_and_that_no_family_member_interprets():
    # CP4 14.9: help to understand and make full use of the record; "A family member should
    # not be expected to act as an interpreter of spoken or signed language"
    data = held()
    data["family"][0]["interpreter"] = "Polish"
    cp4 = (
        "Where a parent or child has a sensory disability or English is not their first "
        "language, the social worker makes sure they have the help they need to understand and "
        "make full use of the record. A family member should not be asked to interpret, in "
        "spoken or signed language (London CP4 14.9)."
    )
    for procedure in ("london", "york", "bolton"):
        record = squash(render(data, procedure, today=ON_THE_DAY)[("conference_record", None)])
        sent = record.split("Who receives this record", 1)[1]
        assert cp4 in sent, procedure
    # said where no one needs an interpreter too: a sensory disability is not in the case file
    assert cp4 in squash(render(held(), today=ON_THE_DAY)[("conference_record", None)])
    # York's translation stays (York guide, "Plans arising from conference")
    york = squash(render(data, "york", today=ON_THE_DAY)[("conference_record", None)])
    assert "Sarah Smith needs an interpreter (Polish): the record is translated for them." in york
    # not London's words for the nations
    wales = squash(render(data, "wales", today=ON_THE_DAY)[("conference_record", None)])
    assert "sensory disability" not in wales and "CP4" not in wales


def test_the_familys_decision_letter_says_the_chair_may_leave_confidential_material_out():
    # CP4 14.5: "The conference Chair may decide that confidential material should be
    # excluded from the parent's copy"
    data = held()
    data["family"].append(
        {"id": "dad", "name": "Tom Nowak", "relationship": "father", "excluded": "part"}
    )
    docs = {k: squash(v) for k, v in render(data, today=ON_THE_DAY).items()}
    said = "I may decide to leave some confidential information out of your copy."
    assert (
        "Jo Bloggs will give you a copy of the record of the conference and go through it with "
        "you by Friday 18 December 2026. " + said in docs[("decision_letter", "mum")]
    )
    assert "or only the part you attended. " + said in docs[("decision_letter", "dad")]
    # the professionals' copies are whole; the nations' procedures are not London's
    assert "confidential information" not in docs[("decision_letter", "hv")]
    scot = squash(render(data, "scotland", today=ON_THE_DAY)[("decision_letter", "mum")])
    assert "confidential information out" not in scot


def test_the_childs_decision_letter_sends_their_plan_and_the_social_worker_helps_read_it():
    # CP4 14.13: the outline plan with the decision letter to the child where appropriate;
    # 14.7: the social worker explains it to the child
    data = held()
    data["children"][0]["invite"] = True
    pack = planned(data, today=ON_THE_DAY)
    plan = next(d for d in pack if d.kind == "outline_plan")
    assert any(who.startswith("Amy Smith") for who in plan.send_to)  # it does go to her
    docs = {k: squash(v) for k, v in render(data, today=ON_THE_DAY).items()}
    letter = docs[("child_decision_letter", "amy")]
    assert (
        "What happens next Your plan comes with this letter. Your social worker will help you "
        "read it and talk with you about what it means for you." in letter
    )
    assert "London Borough of Example Enclosed: your plan." in letter
    # no plan, nothing sent with it
    data["outcome"]["decisions"] = [{"child": "amy", "plan": "child-in-need"}]
    other = squash(render(data, today=ON_THE_DAY)[("child_decision_letter", "amy")])
    assert "Your plan comes with this letter" not in other and "Enclosed" not in other


@pytest.mark.parametrize("excluded", ["full", "part"])
def test_bolton_and_york_promise_an_excluded_parent_what_their_procedure_says(excluded):
    data = case()
    data["family"][1]["excluded"] = excluded
    bolton = squash(render(data, "bolton")[("exclusion_letter", "dad")])
    york = squash(render(data, "york")[("exclusion_letter", "dad")])
    london = squash(render(data)[("exclusion_letter", "dad")])
    # Bolton leaflet, "Who attends": "If appropriate, the chair of the Conference will offer
    # to meet with the parents who have not attended"
    at = "all of the conference" if excluded == "part" else "the conference"
    offer = f"If it is appropriate, I will offer to meet with you, as you will not be at {at}."
    assert offer in bolton
    # York guide: the chair plans with the social worker and parent "how they can be
    # included in the co-production of a plan for the child"
    plan = (
        "I will plan with you and Jo Bloggs how your views will be presented at the "
        "conference and how you can help to make the plan for Amy Smith."
    )
    assert plan in york
    assert "offer to meet" not in york and "help to make the plan" not in bolton
    assert "offer to meet" not in london and "help to make the plan" not in london


def test_the_exclusion_promises_are_for_parents_and_say_their_source():
    data = case()
    data["family"][1].update(relationship="uncle", excluded="full")
    for procedure in ("bolton", "york"):
        letter = squash(render(data, procedure)[("exclusion_letter", "dad")])
        assert "offer to meet" not in letter and "help to make the plan" not in letter
    bolton, york = load_profile("bolton").exclusion, load_profile("york").exclusion
    assert bolton.chair_offers_to_meet and "Bolton leaflet" in str(
        bolton.chair_offers_to_meet_source
    )
    assert york.included_in_plan and "York guide" in str(york.included_in_plan_source)
    assert not load_profile("london").exclusion.chair_offers_to_meet


def test_two_outline_plans_are_spoken_of_as_two(tmp_path):
    import datetime as dt

    import cpconf
    from tests.conftest import SAMPLES

    conference = cpconf.open_case(SAMPLES / "initial-with-outcome.yaml")
    assert conference.case.outcome is not None
    plans = sum(d.plan == "child-protection" for d in conference.case.outcome.decisions)
    assert plans == 2
    out = tmp_path / "pack"
    conference.letters(out, today=dt.date(2026, 11, 23))
    import docx

    letter = "\n".join(
        p.text for p in docx.Document(str(next(out.glob("decision-letter-mum-*.docx")))).paragraphs
    )
    assert "The outline child protection plans, one for each child with a plan" in letter
    assert "Enclosed: outline child protection plans (2)." in letter


def test_the_record_asks_the_chair_about_the_exclusion_reason_in_the_parents_copy(tmp_path):
    """London CP4 14.5: confidential material may be left out of the parents' copy."""
    import datetime as dt

    import docx

    import cpconf
    from tests.conftest import ROOT

    conference = cpconf.open_case(ROOT / "templates" / "sample_case.yaml")
    assert any(f.excluded != "none" for f in conference.case.family)
    out = tmp_path / "pack"
    conference.letters(out, today=dt.date(2026, 11, 20))
    record = "\n".join(
        p.text for p in docx.Document(str(out / "conference-record.docx")).paragraphs
    )
    assert "left out of the parents' copy of this record (London CP4 14.5)" in record


def test_a_family_member_excluded_from_the_whole_conference_is_told_its_outcome_only():
    """London CP4 5.9: told the outcome. Not the plan's workings: no plan is sent to them
    (the distribution list says so), so the letter neither encloses one nor names the core
    group, when and where it meets, the recommendations or the contingency plan."""
    data = held()
    data["family"].append(
        {"id": "partner", "name": "Dean Harris", "relationship": "partner", "excluded": "full"}
    )
    data["outcome"].update(
        recommendations=["Mum to attend the parenting course"],
        contingency="An application to court will be considered.",
        first_core_group="2026-12-03",
        first_core_group_time="14:00",
    )
    docs = {k: squash(v) for k, v in render(data, today=ON_THE_DAY).items()}
    partner, mum = docs[("decision_letter", "partner")], docs[("decision_letter", "mum")]
    assert "Child protection plan" in partner and "Neglect" in partner  # the outcome
    for told_to_others_only in (
        "sent with this letter",
        "Enclosed: outline",
        "The core group",
        "Thursday 3 December 2026",
        "parenting course",
        "An application to court",
    ):
        assert told_to_others_only in mum, told_to_others_only
        assert told_to_others_only not in partner, told_to_others_only
    assert "I will decide whether you receive the record" in partner
    assert ("outline_plan", "amy") in docs


@pytest.mark.parametrize(
    ("dob", "on", "words"),
    [
        ("2026-03-10", "2026-12-01", "8 months"),
        ("2026-11-01", "2026-12-01", "1 month"),
        ("2026-11-20", "2026-12-01", "under a month"),
        ("2025-12-01", "2026-12-01", "1"),
        ("2019-03-14", "2026-12-01", "7"),
    ],
)
def test_a_babys_age_is_in_months_never_aged_0(dob, on, words):
    from cpconf.case import Child

    child = Child(id="amy", name="Amy Smith", dob=dt.date.fromisoformat(dob))
    assert child.age_words(dt.date.fromisoformat(on)) == words


def test_report_templates_give_a_babys_age_in_months():
    data = case()
    data["children"][0]["dob"] = "2026-03-10"
    docs = {k: squash(v) for k, v in render(data).items()}
    report = docs[("report_template", "hv")]
    assert "Amy Smith, born 10 March 2026 (aged 8 months)" in report
    assert "(aged 0)" not in report


def test_a_member_excluded_in_full_is_not_told_to_bring_a_plan_they_are_not_sent():
    data = held()
    data["family"].append(
        {"id": "partner", "name": "Dean Harris", "relationship": "partner", "excluded": "full"}
    )
    data["outcome"]["core_group"] = ["sw", "mum", "partner"]
    docs = {k: squash(v) for k, v in render(data, today=ON_THE_DAY).items()}
    assert "sent with the decision letter" in docs[("core_group_invitation", "mum")]
    assert "sent with the decision letter" not in docs[("core_group_invitation", "partner")]


def test_a_scottish_plan_without_a_category_is_never_not_applicable():
    data = held()
    data["outcome"]["decisions"] = [{"child": "amy", "plan": "child-protection"}]
    docs = {k: squash(v) for k, v in render(data, "scotland", today=ON_THE_DAY).items()}
    letter = docs[("decision_letter", "mum")]
    assert "Not applicable" not in letter
    assert "Child Protection Plan" in docs[("core_group_invitation", "mum")]
    assert "between CPPMs" in docs[("core_group_invitation", "mum")]
    # the areas of concern recorded (para 1.88) stand where a category would
    data["outcome"]["decisions"][0]["concerns"] = ["domestic abuse", "parental substance use"]
    docs = {k: squash(v) for k, v in render(data, "scotland", today=ON_THE_DAY).items()}
    assert "Domestic abuse, parental substance use" in docs[("decision_letter", "mum")]
    assert "Domestic abuse, parental substance use" in docs[("outline_plan", "amy")]


def test_the_record_for_an_excluded_parent_is_londons_rule_only():
    """London CP4 4.1 and 5.10 say who decides on the record for a parent excluded; the
    nations' texts as held do not: their letters do not say it."""
    data = held()
    data["family"].append(
        {"id": "partner", "name": "Dean Harris", "relationship": "partner", "excluded": "full"}
    )
    london = squash(render(data, today=ON_THE_DAY)[("decision_letter", "partner")])
    assert "I will decide whether you receive the record" in london
    scotland = squash(render(data, "scotland", today=ON_THE_DAY)[("decision_letter", "partner")])
    assert "receive the record" not in scotland


def test_a_member_excluded_in_full_named_in_the_core_group_is_warned(write_case):
    from cpconf.conference import open_case

    data = held()
    data["family"].append(
        {"id": "partner", "name": "Dean Harris", "relationship": "partner", "excluded": "full"}
    )
    data["outcome"]["core_group"] = ["sw", "partner"]
    path = write_case(yaml.safe_dump(data, sort_keys=False))
    found = {w.code: w.message for w in open_case(path).plan(ON_THE_DAY).warnings}
    assert "Dean Harris was excluded from the whole conference" in found["excluded_in_core_group"]
    assert found["excluded_in_core_group"].startswith("outcome.core_group (line ")


@given(
    dob=st.dates(dt.date(2000, 1, 1), dt.date(2027, 12, 31)),
    later=st.integers(0, 6000),
)
def test_an_age_in_words_is_never_aged_0(dob, later):
    from cpconf.case import Child

    day = dob + dt.timedelta(days=later)
    words = Child(id="x", name="X Y", dob=dob).age_words(day)
    assert words and words != "0"
    under_one = (day.year - dob.year) * 12 + day.month - dob.month - (day.day < dob.day) < 12
    assert ("month" in words) == under_one
    if not under_one:
        assert int(words) == Child(id="x", name="X Y", dob=dob).age_on(day)


def test_wales_names_the_care_and_support_plan_where_england_has_a_child_in_need_plan():
    """Wales c3pt2-p9: "If no is a care and support plan required?"."""
    data = held("child-in-need")
    wales = {k: squash(v) for k, v in render(data, "wales", today=ON_THE_DAY).items()}
    england = {k: squash(v) for k, v in render(data, today=ON_THE_DAY).items()}
    assert "Care and support plan" in wales[("decision_letter", "mum")]
    assert "Child in need plan" not in wales[("decision_letter", "mum")]
    assert "Child in need plan" in england[("decision_letter", "mum")]
