"""cpconf.cycle: the next conference's case file, written from one whose outcome is recorded."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpconf.conference import open_case
from cpconf.cycle import continuing, next_case
from cpconf.errors import CaseError
from tests.conftest import ROOT

HELD = ROOT / "sample_cases" / "initial-with-outcome.yaml"
ENDS = ROOT / "sample_cases" / "review-plan-ends.yaml"
ONE_ENDS = ROOT / "templates" / "sample_review.yaml"
TODAY = dt.date(2026, 11, 23)


def written(source: Path, folder: Path, today: dt.date = TODAY) -> Path:
    text = next_case(open_case(source), today, folder)
    assert text is not None
    path = folder / "next.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_review_of_an_initial_conference(tmp_path):
    nxt = open_case(written(HELD, tmp_path))
    case, held = nxt.case, open_case(HELD).case
    conf = case.conference
    assert (conf.type, conf.previous_conference, conf.previous_type) == (
        "review",
        dt.date(2026, 11, 20),
        "initial",
    )
    assert conf.date == dt.date(2027, 2, 18)  # the review the conference booked
    assert conf.chair == held.conference.chair  # London CP4 8.1: the same chair
    assert conf.coordinator == held.conference.coordinator
    assert conf.core_group == ["sw", "hv", "school", "nursery", "mum", "dad"]
    assert [(c.id, c.subject) for c in case.children] == [
        ("amy", True),
        ("ben", True),
        ("kayla", False),
    ]
    assert case.child("amy").invite
    assert {p.id: p.attendance for p in case.professionals} == dict.fromkeys(
        ["sw", "hv", "gp", "school", "nursery", "police"], "invited"
    )
    assert [p.contact_with for p in case.professionals] == [
        p.contact_with for p in held.professionals
    ]
    # the family as it was, addresses and confidentiality kept; exclusion decided again
    assert [f.id for f in case.family] == ["mum", "dad", "gran", "partner"]
    dad = case.person("dad")
    assert dad.address == "Flat 3, 22 Refuge Close, London N1 9ZZ" and dad.address_confidential
    assert dad.interpreter == "Polish"
    partner = case.person("partner")
    # London CP4 5.11: not excluded again by default, nor invited until the chair decides
    assert partner.excluded == "none" and partner.excluded_before == "full"
    assert partner.awaiting_decision and not partner.invited
    assert case.outcome is None and case.done == {}
    # it plans at once: the review is due 3 months after the initial conference
    schedule = nxt.plan(TODAY)
    assert schedule.deadline("conference").due == dt.date(2027, 2, 19)
    assert not [w for w in schedule.warnings if w.code == "conference_after_deadline"]


def test_comments_say_what_to_check(tmp_path):
    text = written(HELD, tmp_path).read_text(encoding="utf-8")
    assert "# - the date to book: the review is due by Friday 19 February 2027" in text
    assert "the date below is the one the conference booked: Thursday 18 February 2027" in text
    assert "# - who to invite:" in text
    assert "(London CP4 5.11)" in text
    assert "# the same chair wherever possible (London CP4 8.1)" in text
    assert "excluded_before: full  # decide again: then set excluded: and remove" in text


def test_a_child_whose_plan_ends_stays_in_the_household(tmp_path):
    nxt = open_case(written(ONE_ENDS, tmp_path, dt.date(2027, 2, 18)))
    subjects = {c.id: c.subject for c in nxt.case.children}
    assert subjects == {"amy": False, "ben": True, "kayla": False}
    assert nxt.case.conference.previous_type == "review"
    assert nxt.case.conference.core_group == ["sw", "hv", "nursery", "mum", "dad"]
    # 6 months after a review (London CP4 1.20); booked 12 August 2027
    assert nxt.plan(dt.date(2027, 2, 19)).deadline("conference").due == dt.date(2027, 8, 18)
    assert "subject: false  # child in need at the last conference" in (
        tmp_path / "next.yaml"
    ).read_text(encoding="utf-8")


def test_no_child_keeps_a_plan_gives_nothing():
    conference = open_case(ENDS)
    assert continuing(conference.case) == []
    assert next_case(conference, dt.date(2027, 2, 19)) is None


def test_without_an_outcome_it_says_what_is_missing():
    with pytest.raises(CaseError, match="outcome: not recorded"):
        next_case(open_case(ROOT / "sample_cases" / "initial.yaml"), TODAY)


BANK_HOLIDAY_CASE = """\
case: {reference: CP-BH-1, procedure: london}
conference:
  type: initial
  strategy_discussion: 2026-12-08
  date: 2026-12-29
children:
  - {id: amy, name: Amy Smith, dob: 2019-03-14}
professionals:
  - {id: sw, name: Jo Bloggs, agency: children_social_care, contact_with: all}
outcome:
  decisions: [{child: amy, plan: child-protection, category: emotional}]
  lead_social_worker: sw
  core_group: [sw]
"""


def test_over_the_easter_bank_holidays(tmp_path):
    """29 December 2026 + 3 months = Easter Monday 29 March 2027; Good Friday is the 26th:
    the review is due on Thursday 25 March 2027 (CONTRACT.md 2: never later)."""
    source = tmp_path / "initial.yaml"
    source.write_text(BANK_HOLIDAY_CASE, encoding="utf-8")
    (tmp_path / "out").mkdir()
    path = written(source, tmp_path / "out", dt.date(2026, 12, 30))
    text = path.read_text(encoding="utf-8")
    assert "the review is due by Thursday 25 March 2027" in text
    assert "# date: YYYY-MM-DD (due by Thursday 25 March 2027)" in text
    nxt = open_case(path)
    schedule = nxt.plan(dt.date(2027, 1, 4))
    assert schedule.deadline("conference").due == dt.date(2027, 3, 25)
    # not booked: the reports are counted back from the deadline, over no holiday
    assert schedule.deadline("agency_reports").due == dt.date(2027, 3, 18)


def test_a_profile_file_is_found_from_where_the_new_file_is(tmp_path):
    cases, elsewhere = tmp_path / "cases", tmp_path / "elsewhere"
    cases.mkdir()
    elsewhere.mkdir()
    london = (ROOT / "cpconf" / "procedures" / "london.yaml").read_text(encoding="utf-8")
    (cases / "ours.yaml").write_text(london.replace("name: london", "name: ours"), "utf-8")
    source = cases / "initial.yaml"
    source.write_text(
        BANK_HOLIDAY_CASE.replace("procedure: london", "procedure: ours.yaml"), "utf-8"
    )
    path = written(source, elsewhere)
    assert 'procedure: "../cases/ours.yaml"' in path.read_text(encoding="utf-8")
    assert open_case(path).profile.name == "ours"


NAMES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1
).filter(lambda s: s.strip() == s and s.strip() and "  " not in s)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=NAMES, org=NAMES)
def test_any_name_reads_back_as_written(tmp_path, name, org):
    """Names such as `yes`, `10:00`, `#1`, `'quoted'` or `null` survive the written YAML."""
    source = tmp_path / "initial.yaml"
    text = BANK_HOLIDAY_CASE.replace("{id: amy, name: Amy Smith,", "{id: amy, name: AMY,").replace(
        "{id: sw, name: Jo Bloggs,", "{id: sw, name: JO, organisation: ORG,"
    )
    data = textwrap.dedent(text)
    quoted = {
        k: yaml.safe_dump(v, default_style='"', allow_unicode=True, width=2**31).strip()
        for k, v in (("n", name), ("o", org))
    }
    data = data.replace("AMY", quoted["n"]).replace("JO", quoted["n"]).replace("ORG", quoted["o"])
    source.write_text(data, encoding="utf-8")
    nxt_text = next_case(open_case(source), TODAY, tmp_path)
    assert nxt_text is not None
    path = tmp_path / "next.yaml"
    path.write_text(nxt_text, encoding="utf-8")
    case = open_case(path).case
    assert case.children[0].name == name
    assert case.professionals[0].name == name
    assert case.professionals[0].organisation == org


def test_a_family_member_excluded_last_time_is_not_invited_until_the_chair_decides(tmp_path):
    """London CP4 5.11: decided again for each conference; until then no invitation, and
    every command says so."""
    nxt = open_case(written(HELD, tmp_path))
    warnings = nxt.plan(TODAY).warnings
    [said] = [w.message for w in warnings if w.code == "exclusion_to_decide"]
    assert "London CP4 5.11" in said and "no invitation is written" in said
    date = nxt.case.conference.date
    assert date is not None
    out = tmp_path / "pack"
    result = nxt.letters(out, today=date - dt.timedelta(days=14))
    written_for = {(w.kind, w.recipient) for w in result.written}
    assert ("family_invitation", "partner") not in written_for
    assert ("family_invitation", "mum") in written_for
    assert "exclusion_to_decide" in [w.code for w in result.warnings]
    # decided: not excluded this time, so invited
    path = tmp_path / "next.yaml"
    text = path.read_text(encoding="utf-8")
    import re

    decided = re.sub(r"\n\s*excluded_before: full[^\n]*", "", text)
    path.write_text(decided, encoding="utf-8")
    again = open_case(path)
    assert not [w for w in again.plan(TODAY).warnings if w.code == "exclusion_to_decide"]
    assert again.case.person("partner").invited
