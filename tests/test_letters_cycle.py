"""The documents after the conference (issue 11): outline plans, the record, core group
invitations, the child's own letters and the notice that a plan has ended; and writing
one stage into an existing pack."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from cpconf.conference import open_case
from cpconf.errors import CaseError, OutputError
from cpconf.letters import AFTER_KINDS, plan_documents, stage_kinds
from cpconf.schedule import build_schedule
from tests.conftest import SAMPLES
from tests.test_letters import (
    DAD_ADDRESS,
    GRAN_ADDRESS,
    HELD,
    MUM_ADDRESS,
    ROOT,
    SAMPLE,
    _render_all,
    docx_text,
    pack,
    small_case,
)

ENDS = ROOT / "sample_cases" / "review-plan-ends.yaml"
SAMPLE_REVIEW = ROOT / "templates" / "sample_review.yaml"
Pack = dict[tuple[str, str | None], str]


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    return pack(HELD, dt.date(2026, 11, 20), tmp_path_factory.mktemp("held"))


@pytest.fixture(scope="module")
def ended(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    return pack(ENDS, dt.date(2027, 2, 18), tmp_path_factory.mktemp("ended"))


@pytest.fixture(scope="module")
def one_ends(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    """Amy's plan ends, Ben's continues."""
    return pack(SAMPLE_REVIEW, dt.date(2027, 2, 18), tmp_path_factory.mktemp("one"))


def _with(path: Path, tmp_path: Path, old: str, new: str, name: str = "case.yaml") -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text
    out = tmp_path / name
    out.write_text(text.replace(old, new), encoding="utf-8")
    return out


def _planned(path: Path, today: dt.date) -> dict[tuple[str, str | None], Any]:
    loaded = open_case(path)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, today)
    return {(d.kind, d.recipient): d for d in plan_documents(loaded, plan)}


# -- the outline plan (London CP4 9.4-9.9, 14.13) ------------------------------------------


def test_outline_plan_for_each_child_given_a_plan(held):
    text = held[("outline_plan", "amy")]
    assert "Outline child protection plan\nAmy Smith" in text
    assert "Category\nNeglect" in text
    assert "Initial child protection conference on Friday 20 November 2026" in text
    assert "Lead social worker\nJo Bloggs, 020 7946 0200" in text
    assert "What needs to change for Amy Smith" in text  # York: the outcomes
    assert "Sarah Smith to attend the parenting programme" in text  # who does what
    assert "the local authority will seek legal advice" in text  # contingency
    assert "Tomasz Nowak, father of Amy and Ben" in text  # a core group member
    assert "Thursday 3 December 2026 at 2pm" in text  # the first core group, booked
    assert "The review conference will be held on Thursday 18 February 2027." in text
    assert "including the parents and Amy Smith." in text  # Amy is invited
    assert "including the parents." in held[("outline_plan", "ben")]
    assert "Signed by the chair" in text
    assert "sudden unexpected death" not in text  # Amy is seven
    assert ("outline_plan", "kayla") not in held  # another child in the household


def test_outline_plan_goes_with_the_decision_letter_to_all_but_the_fully_excluded():
    docs = _planned(HELD, dt.date(2026, 11, 20))
    amy, ben = docs[("outline_plan", "amy")], docs[("outline_plan", "ben")]
    assert amy.send_by == "with the decision letter, by Monday 23 November 2026"
    assert "Sarah Smith, mother" in amy.send_to and "Dr Emeka Obi, GP, Mill Lane Surgery" in (
        amy.send_to
    )
    assert not any("Dean Harris" in who for who in amy.send_to + ben.send_to)
    assert "Amy Smith, through the social worker Jo Bloggs" in amy.send_to
    assert not any("Ben Smith" in who for who in ben.send_to)  # not invited
    assert "(London CP4 14.13)" in amy.note


def test_a_baby_or_unborn_child_plan_considers_sudi():
    data = small_case()
    data["children"][0]["dob"] = "2026-06-01"  # five months old on the day
    text = _render_all(data)[("outline_plan", "amy")]
    assert "Amy Smith is a baby. The plan considers the risk of sudden unexpected death" in text
    data["children"][0]["dob"] = "2025-11-20"  # one year old on the day: not a baby
    assert "sudden unexpected death" not in _render_all(data)[("outline_plan", "amy")]


def test_bolton_sends_the_full_plan_after_the_first_core_group(tmp_path):
    path = _with(HELD, tmp_path, "procedure: london", "procedure: bolton")
    docs = _planned(path, dt.date(2026, 11, 20))
    assert "full plan is drawn up at the first core group" in docs[("outline_plan", "amy")].note
    text = pack(path, dt.date(2026, 11, 20), tmp_path / "out")[("outline_plan", "amy")]
    assert "The full child protection plan is drawn up at the first core group meeting" in text
    london = _planned(HELD, dt.date(2026, 11, 20))
    assert "full plan" not in london[("outline_plan", "amy")].note


# -- the conference record (London CP4 14.4-14.10, 5.5, 5.11, 11.1) ------------------------


def test_conference_record_is_prefilled(held):
    text = held[("conference_record", None)]
    assert "Conference record\nInitial child protection conference about Amy Smith and Ben" in text
    assert "Minutes\nMarcus Webb" in text
    assert "Priya Patel\nHealth visitor, Example NHS Trust\nAttended" in text
    assert "Dr Emeka Obi\nGP, Mill Lane Surgery\nApologies" in text
    assert "Grace Mensah\nNursery manager, Little Acorns Nursery\n[attended" in text
    assert "Sarah Smith\nmother\n[attended / did not attend]" in text
    assert "Dean Harris" in text and "excluded from the whole conference, decided on Tuesday" in (
        text
    )
    # the reason as the letter gives it, a sentence closed with its full stop
    assert (
        'The reason given in the exclusion letter: "there is a current police investigation '
        "into an allegation against you, and your presence would prevent the conference from "
        'sharing the information it needs."' in text
    )
    # one sentence each, no brackets inside brackets
    assert (
        "The conference was quorate. For a quorum, children's social care and at least two "
        "other agencies with direct contact with each subject child must be present (London "
        "CP4 3.10). Observers, and anyone who sent apologies, do not count." in text
    )
    assert "Amy Smith: [how their views reached the conference]" in text
    # a section for each agency that came or sent a report, but not for one that did neither
    assert "Tom Reed, Designated safeguarding lead, Example Primary School\nSummary" in text
    assert "Grace Mensah, Nursery manager, Little Acorns Nursery\nSummary" not in text
    assert "Amy Smith\nChild protection plan\nNeglect" in text
    assert "Dr Emeka Obi (GP): considered that Ben's needs" in text  # dissent (11.1)
    assert "by Friday 18 December 2026. Amendments should reach the chair within one week" in text
    assert "The chair decides whether Dean Harris, excluded from the whole conference" in text
    assert "Tomasz Nowak needs an interpreter (Polish): the social worker makes sure" in text
    assert "The chair decides whether a child is given a copy" in text
    assert "not shared with anyone else without the chair's consent" in text


def test_record_distribution():
    record = _planned(HELD, dt.date(2026, 11, 20))[("conference_record", None)]
    assert record.recipient is None and record.filename == "conference-record.docx"
    assert record.send_to == [
        "Helen Carter (chair) and Marcus Webb (coordinator) complete it; then everyone invited"
    ]
    assert record.send_by == "to everyone invited by Friday 18 December 2026"
    assert "parents' copy given and discussed by the social worker" in record.note
    assert "the chair decides whether the child gets a copy (London CP4 14.5-14.8)" in record.note
    assert "(London CP4 5.10)" in record.note  # Dean Harris, fully excluded


@pytest.mark.parametrize(
    ("procedure", "due"),
    [
        ("london", "Friday 18 December 2026"),  # CP4 14.4: 20 working days
        ("bolton", "Friday 18 December 2026"),  # Bolton leaflet: 20
        ("hackney", "Friday 11 December 2026"),  # Hackney guide: 15
    ],
)
def test_record_deadline_is_the_profiles(procedure, due, tmp_path):
    path = _with(HELD, tmp_path, "procedure: london", f"procedure: {procedure}")
    record = _planned(path, dt.date(2026, 11, 20))[("conference_record", None)]
    assert record.send_by == f"to everyone invited by {due}"
    assert f"by {due}" in docx_text(record_bytes(path, tmp_path))


def record_bytes(path: Path, tmp_path: Path) -> bytes:
    out = tmp_path / "rec"
    open_case(path).letters(out, today=dt.date(2026, 11, 20), kinds={"conference_record"})
    return (out / "conference-record.docx").read_bytes()


def test_york_translates_the_record_where_an_interpreter_was_needed(tmp_path):
    path = _with(HELD, tmp_path, "procedure: london", "procedure: york")
    text = docx_text(record_bytes(path, tmp_path))
    assert "Tomasz Nowak needs an interpreter (Polish): the record is translated for them" in text
    record = _planned(path, dt.date(2026, 11, 20))[("conference_record", None)]
    assert "translated for the family where an interpreter was needed (York guide" in record.note


def test_record_of_an_inquorate_conference_gives_the_chairs_reasons(tmp_path):
    path = tmp_path / "case.yaml"
    text = HELD.read_text(encoding="utf-8")
    for who in ("hv", "school", "police"):  # only social care is left for Amy and Ben
        start = text.index(f"  - id: {who}\n")
        end = text.index("attendance: attending", start)
        text = text[:end] + "attendance: apologies" + text[end + len("attendance: attending") :]
    text = text.replace(
        "  coordinator:\n",
        "  inquorate_decision:\n    reason: the children could not wait for another date\n"
        "    decided_by: Helen Carter\n    decided_on: 2026-11-20\n  coordinator:\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    record = docx_text(record_bytes(path, tmp_path))
    assert "The conference was not quorate" in record
    assert "The chair decided to go ahead: the children could not wait for another date" in record
    assert "(decided by Helen Carter on Friday 20 November 2026)" in record
    # CP4 3.12 sets no interval: the profile's month is local practice
    assert re.search(
        r"An early review conference is to be held by \w+day \d+ \w+ \d{4} "
        r"\(local practice\)\.",
        record,
    )


# -- core group invitations -----------------------------------------------------------------


def test_core_group_invitation_to_each_member(held):
    members = {who for kind, who in held if kind == "core_group_invitation"}
    assert members == {"sw", "hv", "school", "nursery", "mum", "dad"}
    text = held[("core_group_invitation", "hv")]
    assert "Dear Priya Patel," in text
    assert "decided that Amy Smith and Ben Smith need a child protection plan" in text
    assert "agrees the details of the child protection plan" in text  # Warwickshire; CP4 9.8
    assert "The first core group meeting is on Thursday 3 December 2026 at 2pm." in text
    assert "Grace Mensah, Nursery manager, Little Acorns Nursery" in text  # the members
    assert "What your agency will do under the plan" in text  # a professional brings
    assert "send your views in writing to the lead social worker" in text  # CP4 14.3
    assert "After that, the core group meets" not in text  # London sets no rhythm
    mum = held[("core_group_invitation", "mum")]
    assert "What you think of the plan" in mum and "What your agency" not in mum
    assert MUM_ADDRESS in mum  # her own letter


def test_core_group_rhythm_where_the_procedure_sets_one(tmp_path):
    path = _with(HELD, tmp_path, "procedure: london", "procedure: york")
    docs = pack(path, dt.date(2026, 11, 20), tmp_path / "out")
    assert (
        "After that, the core group meets at least once a month."
        in docs[("core_group_invitation", "sw")]
    )
    assert "After that the core group meets at least once a month." in docs[("outline_plan", "amy")]


def test_no_core_group_invitations_without_a_plan():
    data = small_case()
    data["outcome"]["decisions"] = [{"child": "amy", "plan": "child-in-need"}]
    docs = _render_all(data)
    assert not {k for k, _ in docs} & {"core_group_invitation", "outline_plan"}
    assert ("conference_record", None) in docs


def test_no_first_core_group_booked_gives_the_deadline():
    text = _render_all(small_case())[("core_group_invitation", "hv")]
    # 10 working days after Friday 20 November 2026
    # CP4 9.8 gives no timescale: the profile's 10 working days are local practice
    assert (
        "The first core group meeting is to be held by Friday 4 December 2026 (local practice); the lead "
        "social worker will confirm the date." in text
    )


# -- the child's own letters (London CP4 4.3-4.18, 14.7) ------------------------------------


def test_child_invitation_speaks_to_the_child(held):
    text = held[("child_invitation", "amy")]
    assert "Dear Amy," in text
    assert "A meeting about you" in text
    assert "On Friday 20 November 2026 at 10am there will be a meeting" in text
    for way in (
        # 4.4, 4.12: attendance is agreed in advance by the social worker and the chair
        "You can come to all or part of the meeting, as agreed with your social worker and "
        "the chair.",
        # 4.15: a supporter is considered, not promised
        "You can ask to bring someone to support you, or an advocate: someone who helps you "
        "say what you think.",
        # 4.16: a pre-meeting with the chair for a child not attending, whenever possible
        "You can ask to talk to the chair, the person who runs the meeting, before the "
        "meeting. If you are not coming, the chair will try to meet you beforehand.",
        "You can write, email, text or record what you want to say",  # 4.17
        "You can ask your social worker to tell the meeting what you think",  # 4.18
    ):
        assert way in text
    # only declining (4.8) is the child's choice
    assert "choose" not in text and "before it starts" not in text
    assert "You do not have to come if you do not want to" in text  # 4.8
    assert "Your social worker, Jo Bloggs, will talk with you" in text
    assert "Booklet" not in text  # London has no booklet
    for address in (MUM_ADDRESS, DAD_ADDRESS, GRAN_ADDRESS):
        assert address not in text


def test_bolton_child_booklet_and_advocacy(tmp_path):
    path = _with(HELD, tmp_path, "procedure: london", "procedure: bolton")
    text = pack(path, dt.date(2026, 11, 10), tmp_path / "out")[("child_invitation", "amy")]
    assert "You can fill in the Child Protection Conference Booklet." in text
    assert "You can ask for help from Bolton's independent child advocacy service." in text


def test_child_decision_letter(held, ended):
    text = held[("child_decision_letter", "amy")]
    assert "Dear Amy," in text
    assert "The meeting decided that you need a child protection plan." in text
    assert "The worry it is about is called neglect" in text
    assert "Your social worker is Jo Bloggs." in text
    assert "a review, on Thursday 18 February 2027, to see how things are going" in text
    # CP4 4.4: the child's part is weighed afresh for each conference
    assert "We will ask what you think before that meeting too." in text
    assert "take part in that one" not in text
    assert "tell your social worker or me (helen.carter@example.gov.uk)" in text
    assert ("child_decision_letter", "ben") not in held  # not invited
    after = ended[("child_decision_letter", "amy")]
    assert "you do not need a child protection plan any more. You will have a child in need" in (
        after
    )
    assert "What happens next" not in after


@pytest.mark.parametrize(
    ("plan", "words"),
    [
        ("early-help", "Your family will be offered early help"),
        ("no-further-action", "you do not need a child protection plan, or any other plan"),
        ("child-in-need", "You will have a child in need plan instead"),
    ],
)
def test_child_decision_letter_in_words_for_each_plan(plan, words):
    data = small_case()
    data["children"][0]["invite"] = True
    data["outcome"]["decisions"] = [{"child": "amy", "plan": plan}]
    assert words in _render_all(data)[("child_decision_letter", "amy")]


# -- the end of a plan (London CP4 10.9-10.10) ----------------------------------------------


def test_plan_ended_goes_to_professionals_and_core_group_family(ended):
    got = {who for kind, who in ended if kind == "plan_ended_notification"}
    # the core group carried from the initial conference: mum and dad, not gran or partner
    assert got == {"sw", "hv", "gp", "school", "nursery", "police", "mum", "dad"}
    text = ended[("plan_ended_notification", "police")]
    assert "Child protection plan ended: Amy Smith and Ben Smith" in text
    assert "decided that Amy Smith and Ben Smith no longer need a child protection plan" in text
    assert "Their plans ended on Thursday 18 February 2027." in text
    assert "Amy Smith\nChild in need plan" in text
    assert "reviewed at least every 12 weeks" in text  # CP4 10.10
    assert (
        "You are told as an agency invited to the conference that led to the plan, or a "
        "member of the current core group (London CP4 10.9)." in text
    )
    # CP4 10.10: the social worker discusses the services needed, whatever follows the plan
    assert "The social worker discusses with the parents and the children what services" in text
    mum = ended[("plan_ended_notification", "mum")]
    assert "You are told because you are a member of the core group." in mum
    assert MUM_ADDRESS in mum
    # no outline plan, core group or invitation: no child has a plan
    assert not {k for k, _ in ended} & {"outline_plan", "core_group_invitation"}


def test_plan_ended_for_one_child_while_the_other_continues(one_ends):
    text = one_ends[("plan_ended_notification", "sw")]
    assert "decided that Amy Smith no longer needs a child protection plan. The plan ended" in text
    assert "The child protection plan for Ben Smith continues." in text
    assert {who for kind, who in one_ends if kind == "outline_plan"} == {"ben"}
    assert "12 weeks" in text


def test_no_plan_ended_at_an_initial_conference(held):
    assert not [k for k in held if k[0] == "plan_ended_notification"]


# -- confidentiality ------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["held", "ended", "one_ends"])
def test_a_confidential_address_is_only_in_its_owners_documents(which, request):
    docs: Pack = request.getfixturevalue(which)
    for (kind, who), text in docs.items():
        if who != "dad":
            assert DAD_ADDRESS not in text, (kind, who)
        if who not in ("mum", "partner"):  # they share an address
            assert MUM_ADDRESS not in text, (kind, who)


def test_fully_excluded_family_get_only_their_own_letters():
    docs = _planned(HELD, dt.date(2026, 11, 20))
    partner = {kind for kind, who in docs if who == "partner"}
    assert partner == {"exclusion_letter", "decision_letter"}
    for (kind, who), d in docs.items():
        if who != "partner":
            assert not any("Dean Harris" in line for line in d.send_to), (kind, who)


def test_fully_excluded_core_group_member_gets_their_own_letters_only(tmp_path):
    # a fully excluded member named in the core group: their own invitation, nothing shared
    path = _with(
        HELD,
        tmp_path,
        "core_group: [sw, hv, school, nursery, mum, dad]",
        "core_group: [sw, hv, school, nursery, mum, dad, partner]",
    )
    docs = _planned(path, dt.date(2026, 11, 20))
    assert {k for k, who in docs if who == "partner"} == {
        "exclusion_letter",
        "decision_letter",
        "core_group_invitation",
    }
    for kind in ("outline_plan", "conference_record"):
        for (k, _), d in docs.items():
            if k == kind:
                assert not any("Dean Harris" in line for line in d.send_to)


# -- one stage into an existing pack ---------------------------------------------------------


def test_stages_split_the_kinds():
    assert stage_kinds("after") == AFTER_KINDS
    assert "child_invitation" in stage_kinds("before")
    assert not stage_kinds("before") & stage_kinds("after")


def test_after_stage_is_added_to_the_pack_of_invitations(tmp_path):
    out = tmp_path / "pack"
    open_case(SAMPLE).letters(out, today=dt.date(2026, 11, 10))
    before = {p.name: p.read_bytes() for p in out.glob("*.docx")}
    first = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    result = open_case(HELD).letters(out, today=dt.date(2026, 11, 20), kinds=stage_kinds("after"))
    assert {w.kind for w in result.written} <= AFTER_KINDS
    assert "invitations_after_conference" not in {w.code for w in result.warnings}
    # the invitations are as they were; the manifest has both stages
    assert {n: (out / n).read_bytes() for n in before} == before
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert entries[: len(first)] == first
    assert len(entries) == len(first) + len(result.written)
    assert sorted(e["path"] for e in entries) == sorted(p.name for p in out.glob("*.docx"))
    listing = (out / "distribution.md").read_text(encoding="utf-8")
    assert listing.startswith("# Distribution list: CP-2026-0142")
    assert "## After the conference, prepared on Friday 20 November 2026" in listing
    assert listing.index("| Invitation |") < listing.index("| Outline plan |")


def test_a_stage_again_refuses_without_force_and_replaces_with_it(tmp_path):
    out = tmp_path / "pack"
    held = open_case(HELD)
    held.letters(out, today=dt.date(2026, 11, 20), kinds=stage_kinds("after"))
    snapshot = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(OutputError, match="already exist"):
        held.letters(out, today=dt.date(2026, 11, 21), kinds=stage_kinds("after"))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == snapshot
    (out / "conference-record.docx").write_bytes(b"edited by hand")
    held.letters(out, today=dt.date(2026, 11, 21), kinds={"conference_record"}, force=True)
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [e["path"] for e in entries].count("conference-record.docx") == 1
    assert len(entries) == len(json.loads(snapshot["manifest.json"]))
    assert (out / "conference-record.docx").read_bytes() == snapshot["conference-record.docx"]
    assert (out / "outline-plan-amy-amy-smith.docx").read_bytes() == snapshot[
        "outline-plan-amy-amy-smith.docx"
    ]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary file


def test_the_after_stage_needs_the_outcome(tmp_path):
    with pytest.raises(CaseError, match="outcome: not recorded"):
        open_case(SAMPLE).letters(
            tmp_path / "out", today=dt.date(2026, 11, 20), kinds=stage_kinds("after")
        )
    assert not (tmp_path / "out").exists()


def test_a_broken_manifest_is_not_overwritten(tmp_path):
    out = tmp_path / "pack"
    out.mkdir()
    (out / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot read the manifest"):
        open_case(HELD).letters(out, today=dt.date(2026, 11, 20), kinds=stage_kinds("after"))
    assert [p.name for p in out.iterdir()] == ["manifest.json"]


def test_no_document_of_the_kind_says_so(tmp_path):
    result = open_case(HELD).letters(
        tmp_path / "out", today=dt.date(2026, 11, 20), kinds={"plan_ended_notification"}
    )
    assert result.written == []
    assert "nothing_to_write" in {w.code for w in result.warnings}


def test_an_unborn_childs_plan_speaks_of_the_baby(tmp_path):
    path = tmp_path / "pre-birth.yaml"
    path.write_text(
        (ROOT / "sample_cases" / "pre-birth.yaml").read_text(encoding="utf-8")
        + "outcome:\n  decisions: [{child: baby, plan: child-protection, category: neglect}]\n"
        "  lead_social_worker: sw\n  core_group: [sw, mum]\n",
        encoding="utf-8",
    )
    text = pack(path, dt.date(2026, 12, 10), tmp_path / "out")[("outline_plan", "baby")]
    assert "Date of birth\nNot yet born: expected Monday 1 March 2027" in text
    assert "What needs to change for the baby" in text
    assert "The baby is not yet born. The plan considers the risk of sudden unexpected" in text
    assert "keep the baby safe from harm" in text
    # York: the core group meets monthly after the first
    assert "After that the core group meets at least once a month." in text


def test_record_lists_the_reports_received(ended):
    text = ended[("conference_record", None)]
    assert (
        "Social work report (Jo Bloggs), Example Children's Social Care: received Wednesday "
        "10 February 2027" in text
    )
    assert "Dr Emeka Obi, Mill Lane Surgery: received Wednesday 10 February 2027" in text
    assert "Dr Emeka Obi\nGP, Mill Lane Surgery\nApologies; report received Wednesday" in text


def test_an_outline_plan_lists_only_its_own_childs_actions(tmp_path):
    """CP4 9.7: who does what, by when; a recommendation for one child is not another's plan."""
    import cpconf

    text = (SAMPLES / "initial-with-outcome.yaml").read_text(encoding="utf-8")
    conference = cpconf.open_case(SAMPLES / "initial-with-outcome.yaml")
    assert conference.case.outcome is not None
    subjects = [c.id for c in conference.case.subject_children]
    planned = [d.child for d in conference.case.outcome.decisions if d.plan == "child-protection"]
    assert len(planned) >= 2, "the sample gives two children a plan"
    first, second = planned[0], planned[1]
    marker = "  recommendations:\n"
    assert marker in text
    text = text.replace(
        marker,
        marker
        + f"    - text: Only for the first child\n      children: [{first}]\n"
        + "      who: Priya Patel\n      by: 2027-01-15\n",
        1,
    )
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    out = tmp_path / "pack"
    cpconf.open_case(case).letters(out, today=dt.date(2026, 11, 23))
    plans = {p.name: docx_text(p) for p in out.glob("outline-plan-*.docx")}
    mine = next(t for n, t in plans.items() if n.startswith(f"outline-plan-{first}-"))
    theirs = next(t for n, t in plans.items() if n.startswith(f"outline-plan-{second}-"))
    assert "Only for the first child." in mine and "Priya Patel" in mine
    assert "Friday 15 January 2027" in mine
    assert "Only for the first child" not in theirs
    assert subjects  # the decision letter still lists every recommendation
    letter = docx_text(next(out.glob("decision-letter-mum-*.docx")))
    assert "Only for the first child." in letter
