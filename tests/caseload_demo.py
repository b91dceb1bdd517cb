"""A made-up caseload over several months, for the caseload page's tests and its picture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

FIRST = ["Amy", "Ben", "Cara", "Dev", "Ella", "Finn", "Gita", "Hugo", "Isla", "Jay", "Kemi"]
LAST = ["Smith", "Nowak", "Okafor", "Patel", "Reilly", "Hughes", "Khan", "Evans"]
CHAIRS = [
    ("Helen Carter", "helen.carter@example.gov.uk"),
    ("Ravi Osei", "ravi.osei@example.gov.uk"),
]
COORDINATORS = [("Marcus Webb", "cp@example.gov.uk"), ("Tina Nyman", "cp2@example.gov.uk")]


def write_caseload(folder: Path, count: int = 30, today: dt.date = dt.date(2026, 11, 25)) -> Path:
    """`count` initial conferences, one every 5 days back from `today`; every third late."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        strategy = today - dt.timedelta(days=5 * (count - i) - 10)
        while strategy.weekday() >= 5:
            strategy -= dt.timedelta(days=1)
        held = strategy + dt.timedelta(days=19 if i % 3 else 25)  # 25 days: late
        while held.weekday() >= 5:
            held += dt.timedelta(days=1)
        done = {
            # what a tidy team has recorded: letters next day (every fifth a week late),
            # core groups within ten days, records within four weeks
            "decision_letter": held + dt.timedelta(days=7 if i % 5 == 0 else 1),
            "first_core_group": held + dt.timedelta(days=12),
            "conference_record": held + dt.timedelta(days=26),
        }
        done_lines = "".join(
            f"  {key}: {day.isoformat()}\n" for key, day in done.items() if day < today
        )
        child = f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}"
        parent = f"{FIRST[(i + 3) % len(FIRST)]}a {LAST[i % len(LAST)]}"
        chair, chair_email = CHAIRS[i % 2]
        coord, coord_email = COORDINATORS[(i // 2) % 2]
        (folder / f"cp-{i:03d}.yaml").write_text(
            f"""\
case:
  reference: CP-2026-{100 + i:04d}
conference:
  type: initial
  strategy_discussion: {strategy.isoformat()}
  date: {held.isoformat()}
  time: 10:00
  chair: {{name: {chair}, email: {chair_email}}}
  coordinator: {{name: {coord}, email: {coord_email}}}
  delay_reason: a test of the figures
children:
  - id: c1
    name: {child}
    dob: 2018-0{1 + i % 9}-1{i % 9}
family:
  - id: p1
    name: {parent}
    relationship: mother
professionals:
  - id: sw
    name: Jo Worker{i}
    role: Social worker
    agency: children_social_care
    contact_with: all
"""
            + ("done:\n" + done_lines if done_lines else ""),
            encoding="utf-8",
        )
    return folder
