"""Every built-in profile's deadlines for fixed cases, against tests/golden/profiles/.

The snapshots are written by scripts/generate_profile_snapshots.py; here they are counted
again in memory and compared, so that a change of rule, calendar or counting fails until
the snapshots are re-written, and the re-written file shows the change as a diff in review.
(Model: python-holidays, snapshots/countries/*.json.)
"""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType

import pytest

from cpconf.procedures import BUILTIN
from tests.conftest import ROOT

RERUN = "re-run `python scripts/generate_profile_snapshots.py` and review the diff"


def _generator() -> ModuleType:
    path = ROOT / "scripts" / "generate_profile_snapshots.py"
    spec = importlib.util.spec_from_file_location("generate_profile_snapshots", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = _generator()


@pytest.mark.parametrize("name", BUILTIN)
def test_the_snapshot_of_each_builtin_profile_is_up_to_date(name):
    path = GENERATOR.SNAPSHOTS / f"{name}.json"
    assert path.is_file(), f"no snapshot of the {name} profile: {RERUN}"
    stored = json.loads(path.read_text(encoding="utf-8"))
    fresh = json.loads(GENERATOR.text(name))
    for old, new in zip(stored["cases"], fresh["cases"], strict=False):
        assert new == old, f"{name}, case '{new['case']}' changed: {RERUN}"
    assert fresh == stored, f"{name}: {RERUN}"
    # byte for byte too, so that re-running the script on an unchanged tree writes nothing
    assert path.read_text(encoding="utf-8") == GENERATOR.text(name)


def test_there_is_a_snapshot_for_every_builtin_profile_and_no_other():
    assert sorted(p.stem for p in GENERATOR.SNAPSHOTS.glob("*.json")) == sorted(BUILTIN)


def test_the_fixed_cases_cover_every_conference_type_and_the_bank_holidays():
    types = {conference["type"] for _, conference, _, _ in GENERATOR.CASES}
    assert types == {"initial", "review", "pre-birth", "transfer-in"}
    previous = {c.get("previous_type") for _, c, _, _ in GENERATOR.CASES if c["type"] == "review"}
    assert previous >= {"initial", "review"}
    # a plan, so that the deadlines after the conference show
    assert any(
        outcome and any(d["plan"] == "child-protection" for d in outcome["decisions"])
        for _, c, outcome, _ in GENERATOR.CASES
        if c["type"] == "initial"
    )
    london = json.loads(GENERATOR.text("london"))
    dues = {d["due"] for case in london["cases"] for d in case.get("deadlines", {}).values()}
    # dates that the Christmas and Easter bank holidays moved
    assert "Thu 2026-12-24" in dues  # 6 months from Fri 26 Jun 2026: Boxing Day, Saturday
    assert "Thu 2026-04-02" in dues  # 6 months from Mon 6 Oct 2025: Easter Monday 2026


def test_a_changed_rule_shows_in_the_snapshot(monkeypatch):
    """The comparison can fail: a profile whose conference is due a day later differs."""
    from cpconf import procedures

    real = procedures.load_profile

    def later(name, relative_to=None):
        profile = real(name, relative_to)
        spec = profile.deadline("conference")
        rules = [
            rule.model_copy(update={"duration": rule.duration.parse("16 working days")})
            if str(rule.duration) == "15 working days"
            else rule
            for rule in spec.rules
        ]
        deadlines = [
            d.model_copy(update={"rules": rules}) if d.id == "conference" else d
            for d in profile.deadlines
        ]
        return profile.model_copy(update={"deadlines": deadlines})

    monkeypatch.setattr(procedures, "load_profile", later)
    stored = json.loads((GENERATOR.SNAPSHOTS / "london.json").read_text(encoding="utf-8"))
    assert json.loads(GENERATOR.text("london")) != stored
