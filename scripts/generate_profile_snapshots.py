"""Snapshots of every built-in procedure profile: the deadlines of fixed cases, as JSON.

    python scripts/generate_profile_snapshots.py      # rewrite tests/golden/profiles/

For each profile of `cpconf.procedures.BUILTIN` (a new built-in profile is covered by
re-running this) and each conference type, the deadlines that `cpconf plan` counts for a
fixed set of dates, some of them next to the Christmas and Easter bank holidays, go to
`tests/golden/profiles/<profile>.json`. tests/test_profile_snapshots.py counts them again
and compares, so that a change of rule, of calendar or of counting shows as a diff in
review: re-run this script, read the diff, commit it with the change that caused it.
(Model: python-holidays, scripts/generate_snapshots.py and snapshots/countries/.)
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "golden" / "profiles"

# The family and professionals of every snapshot case: what the deadlines do not depend on.
CHILD = {"id": "amy", "name": "Amy Smith", "dob": "2019-03-14"}
UNBORN = {"id": "baby", "name": "Unborn baby Smith", "unborn": True}
PROFESSIONALS = [
    {"id": "sw", "name": "Jo Bloggs", "agency": "children_social_care", "contact_with": "all"},
    {"id": "hv", "name": "Priya Patel", "agency": "health", "contact_with": "all"},
    {"id": "police", "name": "DC Ann Lee", "agency": "police", "contact_with": "all"},
]
PROTECTION_PLAN = {
    "decisions": [{"child": "amy", "plan": "child-protection", "category": "neglect"}],
    "lead_social_worker": "sw",
    "core_group": ["sw", "hv"],
}

# (name, conference:, outcome: or None, done: or None). Bank holidays near these dates
# (England): Christmas Fri 25 Dec 2026, Boxing Day observed Mon 28 Dec 2026, New Year Fri
# 1 Jan 2027; Easter 2026 Fri 3 Apr and Mon 6 Apr; Easter 2027 Fri 26 Mar and Mon 29 Mar.
CASES: list[tuple[str, dict[str, Any], dict[str, Any] | None, dict[str, str] | None]] = [
    (
        "initial, not yet booked",
        {"type": "initial", "strategy_discussion": "2026-11-02"},
        None,
        None,
    ),
    (
        "initial",
        {"type": "initial", "strategy_discussion": "2026-11-02", "date": "2026-11-20"},
        None,
        None,
    ),
    (
        "initial, strategy discussion before Christmas, not yet booked",
        {"type": "initial", "strategy_discussion": "2026-12-14"},
        None,
        None,
    ),
    (
        "initial, strategy discussion before Christmas",
        {"type": "initial", "strategy_discussion": "2026-12-14", "date": "2027-01-05"},
        None,
        None,
    ),
    (
        "initial, strategy discussion before Easter",
        {"type": "initial", "strategy_discussion": "2027-03-15", "date": "2027-03-31"},
        None,
        None,
    ),
    (
        "initial with a child protection plan",
        {"type": "initial", "strategy_discussion": "2026-11-02", "date": "2026-11-20"},
        PROTECTION_PLAN,
        None,
    ),
    (
        "initial with a child protection plan, held before Christmas",
        {"type": "initial", "strategy_discussion": "2026-11-23", "date": "2026-12-11"},
        PROTECTION_PLAN,
        None,
    ),
    (
        "initial with a child protection plan, core group and record done",
        {"type": "initial", "strategy_discussion": "2026-11-02", "date": "2026-11-20"},
        PROTECTION_PLAN,
        {"first_core_group": "2026-12-01", "conference_record": "2026-12-11"},
    ),
    (
        "initial with a child in need plan",
        {"type": "initial", "strategy_discussion": "2026-11-02", "date": "2026-11-20"},
        {"decisions": [{"child": "amy", "plan": "child-in-need"}]},
        None,
    ),
    (
        "review after an initial conference",
        {
            "type": "review",
            "previous_conference": "2026-11-20",
            "previous_type": "initial",
            "date": "2027-02-18",
        },
        None,
        None,
    ),
    (
        "review after an initial conference, 3 months ending on Easter Monday",
        {
            "type": "review",
            "previous_conference": "2026-12-29",
            "previous_type": "initial",
            "date": "2027-03-22",
        },
        None,
        None,
    ),
    (
        "review after a review",
        {
            "type": "review",
            "previous_conference": "2026-05-14",
            "previous_type": "review",
            "date": "2026-11-05",
        },
        PROTECTION_PLAN,
        None,
    ),
    (
        "review after a review, 6 months ending on Boxing Day",
        {
            "type": "review",
            "previous_conference": "2026-06-26",
            "previous_type": "review",
            "date": "2026-12-17",
        },
        None,
        None,
    ),
    (
        "review after a review, 6 months ending on Easter Monday",
        {
            "type": "review",
            "previous_conference": "2025-10-06",
            "previous_type": "review",
            "date": "2026-03-26",
        },
        None,
        None,
    ),
    (
        "review ending the plan for a child in need plan",
        {
            "type": "review",
            "previous_conference": "2026-08-24",
            "previous_type": "initial",
            "date": "2026-11-19",
        },
        {"decisions": [{"child": "amy", "plan": "child-in-need"}]},
        None,
    ),
    (
        "pre-birth",
        {"type": "pre-birth", "due_date": "2027-03-01", "date": "2026-12-10"},
        None,
        None,
    ),
    (
        "pre-birth, 10 weeks before the due date falling on Boxing Day observed",
        {"type": "pre-birth", "due_date": "2027-03-08", "date": "2026-12-17"},
        None,
        None,
    ),
    (
        "pre-birth, the baby born",
        {
            "type": "pre-birth",
            "due_date": "2027-03-01",
            "date": "2026-12-10",
            "birth_date": "2027-02-20",
        },
        {"decisions": [{"child": "baby", "plan": "child-protection", "category": "neglect"}]},
        None,
    ),
    (
        "transfer-in",
        {"type": "transfer-in", "transfer_notification": "2026-11-16", "date": "2026-12-04"},
        None,
        None,
    ),
    (
        "transfer-in, notified before Christmas",
        {"type": "transfer-in", "transfer_notification": "2026-12-10", "date": "2027-01-07"},
        None,
        None,
    ),
]


def case_data(
    conference: dict[str, Any], outcome: dict[str, Any] | None, done: dict[str, str] | None
) -> dict[str, Any]:
    child = UNBORN if conference["type"] == "pre-birth" else CHILD
    data: dict[str, Any] = {
        "case": {"reference": "CP-SNAPSHOT"},
        "conference": conference,
        "children": [child],
        "professionals": PROFESSIONALS,
    }
    if outcome is not None:
        data["outcome"] = outcome
    if done is not None:
        data["done"] = done
    return data


def _start(conference: dict[str, Any]) -> dt.date:
    """The day the case is planned on: its first date (a pre-birth case, four weeks before
    the conference), so that no task is overdue and the snapshot shows the rules alone."""
    first = min(
        dt.date.fromisoformat(value)
        for key, value in conference.items()
        if key not in ("type", "previous_type")
    )
    return first - dt.timedelta(weeks=4) if conference["type"] == "pre-birth" else first


def snapshot(name: str) -> dict[str, Any]:
    """The snapshot of one built-in profile, as written to tests/golden/profiles/<name>.json."""
    from cpconf.case import parse_case
    from cpconf.errors import CpconfError
    from cpconf.procedures import load_profile
    from cpconf.schedule import build_schedule
    from cpconf.yamlload import Document

    profile = load_profile(name)
    cases = []
    for title, conference, outcome, done in CASES:
        data = case_data(conference, outcome, done)
        entry: dict[str, Any] = {
            "case": title,
            "conference": conference,
            "outcome": (
                None if outcome is None else {d["child"]: d["plan"] for d in outcome["decisions"]}
            ),
            "done": done,
        }
        try:
            case = parse_case(Document(f"<{title}>", data))
            today = _start(conference)
            plan = build_schedule(case, profile, profile.calendar(case.case.region), today)
        except CpconfError as exc:  # a profile that cannot plan this type: say so, in the diff
            entry["error"] = [p.message for p in exc.problems]
            cases.append(entry)
            continue
        entry["today"] = today.isoformat()
        entry["deadlines"] = {
            d.id: {
                "due": f"{d.due:%a} {d.due.isoformat()}",
                "rule": d.rule,
                "source": d.source,
                **({"inherited_from": d.inherited_from} if d.inherited_from else {}),
                **({"provisional": True} if d.provisional else {}),
            }
            for d in sorted(plan.deadlines, key=lambda d: (d.due, d.id))
        }
        entry["warnings"] = sorted({w.code for w in plan.warnings})
        cases.append(entry)
    return {
        "profile": profile.name,
        "title": profile.title,
        "region": profile.region,
        "written_by": "scripts/generate_profile_snapshots.py (re-run it; do not edit by hand)",
        "cases": cases,
    }


def text(name: str) -> str:
    return json.dumps(snapshot(name), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    from cpconf.procedures import BUILTIN

    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    for stale in SNAPSHOTS.glob("*.json"):
        if stale.stem not in BUILTIN:  # a profile no longer built in
            stale.unlink()
            print(f"removed {stale.relative_to(ROOT)}")
    for name in BUILTIN:
        path = SNAPSHOTS / f"{name}.json"
        new = text(name)
        if not path.exists() or path.read_text(encoding="utf-8") != new:
            path.write_text(new, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
