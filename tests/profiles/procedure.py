"""Helpers for the tests of each built-in profile, in the procedure's own words.

Each test module under tests/profiles/ quotes its procedure (`Quote`) and asserts the
deadline the quote sets (`assert_deadline`), so that a failure reads as the rule broken:

    assert_deadline(
        "The initial child protection conference should take place within 15 working days",
        plan, "conference", "2026-11-23", source="London CP4 1.7",
    )

The quotes are checked against the procedure texts (the seeds in ../shared/seeds/,
mapped in docs/RULES.md) where those are there beside the repository.
(Model: python-holidays, tests/countries/test_united_kingdom.py, assertHolidayName.)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from cpconf.attendance import AttendanceWarning, attendance_warnings
from cpconf.case import Case, parse_case
from cpconf.procedures import load_profile
from cpconf.schedule import Schedule, build_schedule
from cpconf.yamlload import Document
from tests.conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
# docs/RULES.md, "The seeds": which text each profile's own rules come from
SEED_OF = {
    "london": "004_8c86a9d170ba533c.txt",
    "hackney": "002_7bd4c6e591f4360b.txt",
    "york": "001_344cef3df6fe602b.txt",
    "bolton": "003_c95caddd55cd3972.txt",
    "warwickshire": "000_c25f2da0602aeb2f.txt",
}

CHILD = {"id": "amy", "name": "Amy Smith", "dob": "2019-03-14"}
UNBORN = {"id": "baby", "name": "Unborn baby Smith", "unborn": True}
PROFESSIONALS = [
    {"id": "sw", "name": "Jo Bloggs", "agency": "children_social_care", "contact_with": "all"},
    {"id": "hv", "name": "Priya Patel", "agency": "health", "contact_with": "all"},
    {"id": "police", "name": "DC Ann Lee", "agency": "police", "contact_with": "all"},
]
PROTECTION_PLAN = {
    "decisions": [{"child": "amy", "plan": "child-protection", "category": "neglect"}]
}
CHILD_IN_NEED = {"decisions": [{"child": "amy", "plan": "child-in-need"}]}


def _words(text: str) -> str:
    """Text as compared: markup, curly quotes and runs of spaces made plain."""
    text = text.replace("’", "'").replace("“", '"').replace("”", '"').replace("*", "")
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Quote:
    """Words of a procedure: `where` is a CP4 paragraph ("1.7") or a section heading."""

    profile: str
    where: str
    words: str

    def __str__(self) -> str:
        return f'{self.profile} {self.where}: "{self.words}"'

    def in_seed(self) -> bool | None:
        """Whether the seed says these words (in that paragraph, for CP4); None without it."""
        path = SEEDS / SEED_OF[self.profile]
        if not path.is_file():
            return None
        text = path.read_text(encoding="utf-8")
        if self.profile == "london":  # numbered paragraphs: "1.7 |" starts one
            parts = re.split(r"^(\d+\.\d+) \|", text, flags=re.MULTILINE)
            paragraphs = dict(zip(parts[1::2], parts[2::2], strict=True))
            return _words(self.words) in _words(paragraphs.get(self.where, ""))
        # the others cite section headings: the words must come after the heading
        text = _words(text)
        heading = text.find(_words(self.where))
        return heading >= 0 and _words(self.words) in text[heading:]


def _case(
    conference: dict[str, Any],
    outcome: dict[str, Any] | None,
    done: dict[str, str] | None,
    profile: str,
    professionals: list[dict[str, Any]],
) -> Case:
    child = UNBORN if conference["type"] == "pre-birth" else CHILD
    data: dict[str, Any] = {
        "case": {"reference": "CP-PROFILE-TEST", "procedure": profile},
        "conference": conference,
        "children": [child],
        "professionals": professionals,
    }
    if outcome is not None:
        decisions = [d | {"child": child["id"]} for d in outcome["decisions"]]
        data["outcome"] = outcome | {"decisions": decisions}
    if done is not None:
        data["done"] = done
    return parse_case(Document("<profile test>", data))


def _first_day(conference: dict[str, Any]) -> dt.date:
    return dt.date.fromisoformat(
        min(
            v for k, v in conference.items() if k not in ("type", "previous_type") and "-" in str(v)
        )
    )


def attendance(
    profile: str,
    conference: dict[str, Any],
    *,
    professionals: list[dict[str, Any]] = PROFESSIONALS,
    today: str,
) -> list[AttendanceWarning]:
    """The attendance warnings of `cpconf check-quorum` for a small case under `profile`."""
    case = _case(conference, None, None, profile, professionals)
    loaded = load_profile(profile)
    day = dt.date.fromisoformat(today)
    calendar = loaded.calendar(case.case.region)
    schedule = build_schedule(case, loaded, calendar, day)
    return attendance_warnings(
        case,
        loaded,
        calendar,
        day,
        exclusion_request=schedule.deadline("exclusion_request"),
        agency_reports=schedule.deadline("agency_reports"),
    )


def plan(
    profile: str,
    conference: dict[str, Any],
    *,
    outcome: dict[str, Any] | None = None,
    done: dict[str, str] | None = None,
    today: str | None = None,
) -> Schedule:
    """The deadlines of a small case under `profile`, planned on `today` (default: the
    case's first date)."""
    case = _case(conference, outcome, done, profile, PROFESSIONALS)
    loaded = load_profile(profile)
    day = dt.date.fromisoformat(today) if today else _first_day(conference)
    return build_schedule(case, loaded, loaded.calendar(case.case.region), day)


def assert_deadline(
    rule: Quote | str,
    schedule: Schedule,
    deadline_id: str,
    due: str | None,
    *,
    source: str | None = None,
) -> None:
    """The deadline `deadline_id` falls on `due` (ISO date; None: there is no such
    deadline), as the procedure's words `rule` say; its cited source is `source`."""
    found = schedule.deadline(deadline_id)
    if due is None:
        assert found is None, f"{rule}\n  but {deadline_id} is due {found.due if found else ''}"
        return
    assert found is not None, f"{rule}\n  but the plan has no {deadline_id} deadline"
    expected = dt.date.fromisoformat(due)
    assert found.due == expected, (
        f"{rule}\n  but {deadline_id} is due {found.due:%a %d %b %Y}, "
        f"not {expected:%a %d %b %Y} ({found.rule}, {found.source})"
    )
    if source is not None:
        assert found.source == source, f"{rule}\n  but {deadline_id} cites {found.source}"
