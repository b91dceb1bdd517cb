"""`cpconf procedures` and `cpconf plan` for the nations' profiles, through the command line."""

from __future__ import annotations

import json

import pytest

from tests.conftest import MINIMAL


def test_procedures_lists_the_nations(cli):
    listing = " ".join(cli("procedures", env={"COLUMNS": "200"}).stdout.split())
    for name in ("wales", "scotland", "northern-ireland"):
        assert name in listing
    assert "Wales Safeguarding Procedures" in listing
    assert "National Guidance for Child Protection in Scotland" in listing


def test_procedures_show_says_what_is_not_set(cli):
    shown = cli("procedures", "show", "northern-ireland", env={"COLUMNS": "220"})
    assert shown.exit_code == 0
    text = " ".join(shown.stdout.split())
    assert "not set by the procedure: set it" in text
    assert "conference_record" in text and "no timescale for the record could be" in text


def scottish_case(write_case):
    text = MINIMAL.replace("reference: CP-TEST-1", "reference: CP-TEST-1\n  procedure: scotland")
    return write_case(
        text.replace(
            "strategy_discussion: 2026-11-02", "strategy_discussion: 2026-11-02\n  date: 2026-11-23"
        )
    )


def test_plan_names_the_scottish_meeting_and_shows_what_is_not_set(cli, write_case):
    case = scottish_case(write_case)
    result = cli("plan", case, "--today", "2026-11-03", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "CP-TEST-1: Child Protection Planning Meeting on Monday 23 November 2026" in text
    assert "CPPM held" in text
    assert "Not set by the procedure: the national" in text
    assert "set it locally" in text
    # shown once, in the table, not again among the warnings, and counted: never "No
    # warnings." while --json lists them
    assert "[deadline_not_set]" not in text
    warnings = json.loads(cli("plan", case, "--today", "2026-11-03", "--json").stdout)["warnings"]
    count = sum(w["code"] == "deadline_not_set" for w in warnings)
    assert count and f"{count} deadlines are not set by the procedure" in text
    assert "No warnings." not in text


def test_plan_json_keeps_the_contract_and_warns_of_what_is_not_set(cli, write_case):
    case = scottish_case(write_case)
    data = json.loads(cli("plan", case, "--json", "--today", "2026-11-03").stdout)
    assert set(data) == {
        "reference",
        "procedure",
        "conference_type",
        "conference_date",
        "deadlines",
        "warnings",
        "settings",  # which council settings file was used (none here)
        "core_groups",  # CONTRACT.md 4: the core group meetings due (none before the outcome)
    }
    assert data["procedure"] == "scotland"
    assert data["deadlines"]["conference"] == {
        "due": "2026-11-27",  # 30 November is St Andrew's Day
        "rule": "28 calendar days after the inter-agency referral discussion (IRD) that "
        "progressed the investigation",
    }
    assert "agency_reports" not in data["deadlines"]
    unset = {
        w["message"].split(":")[0] for w in data["warnings"] if w["code"] == "deadline_not_set"
    }
    assert "Agency reports to the chair and shared with the family" in unset


def test_procedures_show_gives_the_nations_words(cli):
    text = " ".join(cli("procedures", "show", "scotland", env={"COLUMNS": "300"}).stdout.split())
    assert "Terms: the Child Protection Planning Meeting (CPPM); the Child Protection Plan;" in text
    assert "the inter-agency referral discussion (IRD); the Children's Reporter" in text
    london = " ".join(cli("procedures", "show", "london", env={"COLUMNS": "300"}).stdout.split())
    assert "Terms:" not in london


@pytest.mark.parametrize("name", ["scotland", "london", "wales", "northern-ireland"])
def test_procedures_show_wraps_every_cell_at_80_columns(cli, name):
    from cpconf.procedures import load_profile

    result = cli("procedures", "show", name, env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert "…" not in result.stdout  # nothing cut off
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    shown = set(result.stdout.split())
    profile = load_profile(name)
    for spec in profile.deadlines:
        for rule in spec.rules:
            for word in rule.words(profile.labels).split() + spec.label.split():
                if len(word) <= 12:  # a longer word may fold in a narrow column
                    assert any(word in cell for cell in shown), (spec.id, word)


def test_check_quorum_cites_london_only_under_london(cli, write_case):
    """The chair's decision to go ahead inquorate: London CP4 3.11 is not Scotland's text,
    and a profile with no early review does not promise one."""
    decision = (
        "  inquorate_decision: {reason: Police delayed, decided_by: Helen Carter, "
        "decided_on: 2026-11-23}\n"
    )
    for procedure, cited in (("scotland", False), ("london", True)):
        text = MINIMAL.replace(
            "reference: CP-TEST-1", f"reference: CP-TEST-1\n  procedure: {procedure}"
        ).replace(
            "strategy_discussion: 2026-11-02",
            "strategy_discussion: 2026-11-02\n  date: 2026-11-23\n" + decision.rstrip("\n"),
        )
        out = cli("check-quorum", write_case(text), "--today", "2026-11-23", env={"COLUMNS": "200"})
        text_out = " ".join(out.stdout.split())
        assert "decided to go ahead" in text_out, text_out
        assert ("London CP4 3.11" in text_out) == cited, procedure
        assert ("early review conference must be arranged" in text_out) == cited, procedure


def test_check_quorum_names_the_agencies_in_the_nations_words(cli, write_case):
    """Scotland's para 3.131 names the core agencies "social work, health and police"."""
    text = MINIMAL.replace("reference: CP-TEST-1", "reference: CP-TEST-1\n  procedure: scotland")
    out = cli("check-quorum", write_case(text), "--today", "2026-11-03", env={"COLUMNS": "200"})
    said = " ".join(out.stdout.split())
    assert "social work" in said and "children's social care" not in said, said
    data = json.loads(
        cli("check-quorum", write_case(text), "--today", "2026-11-03", "--json").stdout
    )
    amy = data["children"]["amy"]
    assert amy["missing"].startswith("social work (Jo Bloggs")  # in words
    assert amy["known"] == ["children_social_care"]  # the ids stay the contract's
    invite = [w["message"] for w in data["warnings"] if w["code"] == "agency_not_invited"]
    assert invite and all("to every CPPM" in m for m in invite)
