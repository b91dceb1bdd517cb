"""Sentences a letter says only where the procedure says them (docs/RULES.md F25-F30, F33).

Each test writes the documents of a small case under the profile whose text says the
thing and under one whose text does not, reads the .docx back with python-docx, and looks
for the sentence: Bolton's chair meets the parents, York translates the record,
Warwickshire's agency format and copy to the social worker, CP4 3.9 on recording and
CP4 9.9 on SUDI.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import docx
import pytest

import cpconf
from cpconf.procedures import BUILTIN, load_profile
from tests.conftest import SAMPLES
from tests.test_letter_wording import ON_THE_DAY, held, render, squash
from tests.test_letters import small_case


def texts(data: dict[str, Any], procedure: str, today: dt.date = ON_THE_DAY) -> dict[Any, str]:
    """Every document of the pack under `procedure`, read back from the .docx, one line."""
    return {k: squash(v) for k, v in render(data, procedure, today).items()}


def before(**changes: Any) -> dict[str, Any]:
    """small_case before the conference: no outcome; a police officer and a grandmother."""
    data = small_case()
    del data["outcome"]
    data["conference"].update(changes)
    data["family"].append({"id": "gran", "name": "Ruth Smith", "relationship": "grandmother"})
    data["professionals"].append(
        {"id": "police", "name": "PC Dan Reed", "agency": "police", "contact_with": "all"}
    )
    return data


# -- the profiles -------------------------------------------------------------------------


def test_only_the_procedures_that_say_so_have_the_settings():
    on = {name: load_profile(name) for name in BUILTIN}
    assert [n for n, p in on.items() if p.session.chair_meets_family] == ["hackney", "bolton"]
    assert [n for n, p in on.items() if p.attendance.agency_format] == ["warwickshire"]
    assert [n for n, p in on.items() if p.attendance.report_copy_to] == ["warwickshire"]
    assert [n for n, p in on.items() if p.paperwork.record_translated] == ["york"]
    # each with the heading of the text that says it
    assert "What happens at a Child Protection Conference" in str(
        on["bolton"].session.chair_meets_family_source
    )
    assert "What is required of me" in str(on["warwickshire"].attendance.agency_format_source)
    assert "unable to attend" in on["warwickshire"].attendance.report_source


def test_a_council_profile_on_london_gets_none_of_them(tmp_path):
    own = tmp_path / "example.yaml"
    own.write_text(
        "name: example\ntitle: Example\ndocument: Example procedures\nextends: london\n",
        encoding="utf-8",
    )
    profile = load_profile(str(own))
    assert not profile.session.chair_meets_family
    assert not profile.attendance.agency_format and profile.attendance.report_copy_to == []
    # one on Bolton's inherits Bolton's
    own.write_text(own.read_text(encoding="utf-8").replace("london", "bolton"), encoding="utf-8")
    assert load_profile(str(own)).session.chair_meets_family


# -- F25: the chair's meeting with the parents -------------------------------------------

BOLTON_MEETING = (
    "Please come a little early. Just before the meeting starts, the chair, who runs the "
    "meeting, will meet you to explain what will happen, to check that you have had the "
    "chance to read the reports, and to talk about anything you would like to raise."
)


def test_bolton_tells_the_parents_the_chair_meets_them_before_the_start():
    # Bolton leaflet, "What happens at a Child Protection Conference?": "Just prior to the
    # start…, the Chair meets with the parents"
    docs = texts(before(), "bolton", dt.date(2026, 11, 10))
    assert BOLTON_MEETING in docs[("family_invitation", "mum")]
    assert "come a little early" not in docs[("family_invitation", "gran")]  # "the parents"
    assert (
        "Before the meeting: just before it starts, the chair meets the parents to explain "
        "what will happen and to check that they have had the chance to read the reports."
        in docs[("agenda", None)]
    )


@pytest.mark.parametrize("procedure", ["london", "york", "warwickshire", "wales", "scotland"])
def test_other_procedures_promise_no_meeting_with_the_chair(procedure):
    docs = texts(before(), procedure, dt.date(2026, 11, 10))
    letter = docs[("family_invitation", "mum")]
    assert "come a little early" not in letter
    assert "will meet you" not in letter
    assert "Before the meeting" not in docs[("agenda", None)]


def test_hackneys_timed_meeting_is_unchanged():
    docs = texts(before(), "hackney", dt.date(2026, 11, 10))
    letter = docs[("family_invitation", "mum")]
    assert "Please come at 10am. The chair, who runs the meeting, will meet you first" in letter
    assert "come a little early" not in letter


# -- F26: recording ----------------------------------------------------------------------


def test_the_agenda_says_recording_is_by_the_councils_process_not_the_chairs_say():
    # London CP4 3.9: the process says "who will consider the request"; it names no one
    agenda = texts(before(), "london", dt.date(2026, 11, 10))[("agenda", None)]
    assert (
        "No one else may see or hear the meeting. The meeting may be recorded only where a "
        "request to record it, made in advance, has been agreed under the council's process "
        "for such requests (London CP4 3.9)." in agenda
    )
    assert "chair's agreement" not in agenda
    # the nations' procedures are not London's: no CP4 paragraph, no recording rule
    scotland = texts(before(), "scotland", dt.date(2026, 11, 10))[("agenda", None)]
    assert "recorded only" not in scotland and "CP4" not in scotland
    assert "No one else may see or hear the meeting." in scotland


# -- F27: SUDI on the agenda --------------------------------------------------------------


def test_the_agenda_of_a_baby_under_one_has_sudi_on_it():
    # London CP4 9.9: the plan for an unborn child or a baby "should consider the risk of
    # sudden unexpected death in infancy (SUDI)"
    baby = before()
    baby["children"][0]["dob"] = "2026-03-01"  # eight months old on the day
    agenda = texts(baby, "london", dt.date(2026, 11, 10))[("agenda", None)]
    assert (
        "For Amy Smith: how the plan addresses the risk of sudden unexpected death in infancy "
        "(SUDI) with the parents (London CP4 9.9)." in agenda
    )
    # one year old on the day of the conference: not a baby
    baby["children"][0]["dob"] = "2025-11-20"
    assert "SUDI" not in texts(baby, "london", dt.date(2026, 11, 10))[("agenda", None)]
    # an older child
    assert "SUDI" not in texts(before(), "london", dt.date(2026, 11, 10))[("agenda", None)]


def test_a_pre_birth_agenda_has_sudi_in_the_babys_needs_and_the_plan(tmp_path):
    out = tmp_path / "pack"
    cpconf.open_case(SAMPLES / "pre-birth.yaml").letters(out, today=dt.date(2026, 11, 20))
    agenda = squash("\n".join(p.text for p in docx.Document(str(out / "agenda.docx")).paragraphs))
    assert (
        "What the baby will need to be safe and well after the birth, including the risk of "
        "sudden unexpected death in infancy (SUDI), and the views of Noah Barnes." in agenda
    )
    assert (
        "For the baby: how the plan addresses the risk of SUDI with the parents "
        "(London CP4 9.9)." in agenda
    )


# -- F28 and F29: Warwickshire's reports ---------------------------------------------------


def test_warwickshire_asks_for_the_agencys_own_format_and_a_copy_to_the_social_worker():
    docs = texts(before(), "warwickshire", dt.date(2026, 11, 10))
    hv = docs[("invitation", "hv")]
    # "What is required of me?": "(using your agency format)"
    assert (
        "Please write your report in your agency's own format; if your agency has none, you "
        "may use the enclosed template." in hv
    )
    assert "on the enclosed template" not in hv
    # "What should I do if I am unable to attend?": "send a report to the chairperson (IRO)
    # and allocated social worker"
    assert (
        "send your report to the chair and to the social worker by the date above, with your "
        "view on whether each child needs a child protection plan." in hv
    )
    # the social worker's report is the local authority's format (London CP4 7.2)
    assert "Please write your report on the enclosed template." in docs[("invitation", "sw")]
    # a police report goes to the chair alone (London CP4 7.10), whatever else is asked
    police = docs[("invitation", "police")]
    assert "to the chair and to the social worker" not in police
    assert "send your report by the date above" in police


@pytest.mark.parametrize("procedure", ["london", "bolton", "york"])
def test_elsewhere_the_report_is_on_the_template_and_to_the_chair(procedure):
    hv = texts(before(), procedure, dt.date(2026, 11, 10))[("invitation", "hv")]
    assert "Please write your report on the enclosed template." in hv
    assert "agency's own format" not in hv
    assert "send your report by the date above" in hv
    assert "to the chair and to the social worker" not in hv


# -- F30: York translates the record -------------------------------------------------------


def with_interpreter(data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    data["family"][0]["interpreter"] = "Polish"
    return data


def test_york_tells_a_family_member_with_an_interpreter_the_record_is_translated():
    # York guide, "Plans arising from conference": "Where an interpreter is required the
    # written record of the meeting will also be translated for the family"
    invite = texts(with_interpreter(before()), "york", dt.date(2026, 11, 10))
    said = "The written record of the meeting will also be translated for you."
    assert said in invite[("family_invitation", "mum")]
    assert "translated" not in invite[("family_invitation", "gran")]  # no interpreter
    london = texts(with_interpreter(before()), "london", dt.date(2026, 11, 10))
    assert "translated" not in london[("family_invitation", "mum")]

    decided = texts(with_interpreter(held()), "york")
    assert "The record will be translated for you." in decided[("decision_letter", "mum")]
    assert "translated" not in decided[("decision_letter", "hv")]
    assert "translated" not in texts(with_interpreter(held()), "london")[("decision_letter", "mum")]
    assert "translated" not in texts(held(), "york")[("decision_letter", "mum")]


def test_york_tells_a_fully_excluded_parent_with_an_interpreter_if_they_get_the_record():
    data = with_interpreter(held())
    data["family"][0]["excluded"] = "full"
    data["family"][0]["exclusion"] = {"reason": "Bail conditions", "decided_on": "2026-11-12"}
    letter = texts(data, "york")[("decision_letter", "mum")]
    assert (
        "I will decide whether you receive the record of the conference. If you do, it will "
        "be translated for you." in letter
    )


# -- F33: who the family brings ------------------------------------------------------------


def test_telling_the_social_worker_who_is_coming_is_a_request_not_a_rule():
    letter = texts(before(), "london", dt.date(2026, 11, 10))[("family_invitation", "mum")]
    assert (
        "If you can, please let your social worker know before the day who you are bringing."
        in letter
    )
    assert "Please tell your social worker before the day who you are bringing" not in letter
