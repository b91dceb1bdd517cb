"""`cpconf next` and `cpconf letters --stage/--kind` on the command line."""

from __future__ import annotations

import json

from cpconf.conference import open_case
from cpconf.letters import AFTER_KINDS
from tests.conftest import SAMPLES

HELD = SAMPLES / "initial-with-outcome.yaml"
ENDS = SAMPLES / "review-plan-ends.yaml"


def test_next_writes_a_case_file_that_plans(cli, tmp_path):
    out = tmp_path / "review.yaml"
    result = cli("next", HELD, "--out", out, "--today", "2026-11-23")
    assert result.exit_code == 0, result.stderr
    assert "check the comments at its top" in result.stderr
    assert result.stdout == ""
    plan = cli("plan", out, "--json", "--today", "2026-11-23")
    assert plan.exit_code == 0, plan.stderr
    data = json.loads(plan.stdout)
    assert (data["conference_type"], data["conference_date"]) == ("review", "2027-02-18")
    assert data["deadlines"]["conference"]["due"] == "2027-02-19"


def test_next_will_not_overwrite_without_force(cli, tmp_path):
    out = tmp_path / "review.yaml"
    out.write_text("mine", encoding="utf-8")
    result = cli("next", HELD, "--out", out, "--today", "2026-11-23")
    assert result.exit_code == 2
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    again = cli("next", HELD, "--out", out, "--today", "2026-11-23", "--force")
    assert again.exit_code == 0, again.stderr
    assert open_case(out).case.conference.type == "review"
    assert [p.name for p in tmp_path.iterdir()] == ["review.yaml"]  # no temporary file


def test_next_where_no_plan_continues_writes_nothing_and_exits_1(cli, tmp_path):
    out = tmp_path / "next.yaml"
    result = cli("next", ENDS, "--out", out, "--today", "2027-02-19")
    assert result.exit_code == 1
    assert "No child keeps a child protection plan" in result.stderr
    assert not out.exists()


def test_next_without_an_outcome_exits_2(cli, tmp_path):
    result = cli("next", SAMPLES / "initial.yaml", "--out", tmp_path / "n.yaml")
    assert result.exit_code == 2
    assert "initial.yaml" in result.stderr and "outcome: not recorded" in result.stderr
    assert "Traceback" not in result.stderr


def test_next_into_a_missing_folder_exits_2(cli, tmp_path):
    result = cli("next", HELD, "--out", tmp_path / "nowhere" / "n.yaml", "--today", "2026-11-23")
    assert result.exit_code == 2
    assert "no such folder" in result.stderr


def test_letters_stage_after_adds_to_the_pack(cli, tmp_path):
    out = tmp_path / "pack"
    first = cli("letters", SAMPLES / "initial.yaml", "--out", out, "--today", "2026-11-10")
    assert first.exit_code == 0, first.stderr
    before = len(json.loads((out / "manifest.json").read_text(encoding="utf-8")))
    result = cli(
        "letters", HELD, "--out", out, "--today", "2026-11-20", "--stage", "after", "--json"
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {d["kind"] for d in data["documents"]} == AFTER_KINDS - {"plan_ended_notification"}
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(entries) == before + len(data["documents"])
    # and again without --force: refused, nothing changed
    again = cli("letters", HELD, "--out", out, "--today", "2026-11-20", "--stage", "after")
    assert again.exit_code == 2 and "--force" in again.stderr
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == entries


def test_letters_kind_writes_only_that_kind(cli, tmp_path):
    out = tmp_path / "pack"
    result = cli(
        "letters",
        HELD,
        "--out",
        out,
        "--today",
        "2026-11-20",
        "--kind",
        "conference_record",
        "--kind",
        "outline_plan",
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.glob("*.docx")) == [
        "conference-record.docx",
        "outline-plan-amy-amy-smith.docx",
        "outline-plan-ben-ben-smith.docx",
    ]


def test_letters_stage_usage_errors(cli, tmp_path):
    out = tmp_path / "pack"
    both = cli("letters", HELD, "--out", out, "--stage", "after", "--kind", "agenda")
    assert both.exit_code == 2 and "not both" in both.stderr
    bad = cli("letters", HELD, "--out", out, "--stage", "aftr")
    assert bad.exit_code == 2 and "did you mean 'after'" in bad.stderr
    kind = cli("letters", HELD, "--out", out, "--kind", "outline-plan")
    assert kind.exit_code == 2 and "did you mean 'outline_plan'" in kind.stderr
    early = cli("letters", SAMPLES / "initial.yaml", "--out", out, "--stage", "after")
    assert early.exit_code == 2 and "outcome: not recorded" in early.stderr
    assert not out.exists()


def test_next_takes_the_settings_file(cli, tmp_path):
    settings = tmp_path / "council.yaml"
    settings.write_text("local_authority: London Borough of Example\n", encoding="utf-8")
    out = tmp_path / "review.yaml"
    result = cli("next", HELD, "--out", out, "--today", "2026-11-23", "--settings", settings)
    assert result.exit_code == 0, result.stderr
    assert f"Settings: {settings}" in result.stderr.splitlines()
    missing = cli(
        "next", HELD, "--out", tmp_path / "other.yaml", "--today", "2026-11-23",
        "--settings", tmp_path / "nope.yaml",
    )  # fmt: skip
    assert missing.exit_code == 2
    assert f"{tmp_path / 'nope.yaml'}: no such settings file" in missing.stderr
    assert not (tmp_path / "other.yaml").exists()


def test_next_before_the_conference_is_held_says_so(cli, tmp_path):
    # an outcome typed in before the day: the next file would follow decisions not yet made
    out = tmp_path / "review.yaml"
    result = cli(
        "next", SAMPLES / "initial-with-outcome.yaml", "--out", out, "--today", "2026-11-10"
    )
    assert result.exit_code == 0, result.stderr
    assert "[outcome_before_conference]" in result.stderr


def test_letters_dated_on_a_bank_holiday_are_warned_of(cli, tmp_path):
    result = cli(
        "letters",
        SAMPLES / "initial.yaml",
        "--out",
        tmp_path / "pack",
        "--json",
        "--today",
        "2026-11-30",
    )
    codes = [w["code"] for w in json.loads(result.stdout)["warnings"]]
    assert "letters_dated_non_working_day" not in codes  # a Monday in England
    xmas = cli(
        "letters",
        SAMPLES / "initial.yaml",
        "--out",
        tmp_path / "xmas",
        "--json",
        "--today",
        "2026-12-25",
    )
    warnings = json.loads(xmas.stdout)["warnings"]
    [said] = [w["message"] for w in warnings if w["code"] == "letters_dated_non_working_day"]
    assert "Friday 25 December 2026" in said and "Christmas Day" in said
