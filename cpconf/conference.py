"""Open a case file together with its procedure profile and working calendar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cpconf.case import Case, nearest, parse_case
from cpconf.errors import CaseError, Problem
from cpconf.procedures import Profile, load_profile
from cpconf.workdays import WorkingCalendar
from cpconf.yamlload import Document, load_yaml


@dataclass(frozen=True)
class LoadedCase:
    path: Path
    case: Case
    doc: Document
    profile: Profile
    calendar: WorkingCalendar


ProfileLoader = Callable[[str, Path | None], Profile]


def open_case(path: str | Path, profiles: ProfileLoader | None = None) -> LoadedCase:
    """Load and validate a case file, its profile, and what the case says of the profile.

    `profiles` loads a profile by name (default: `load_profile`); `caseload` passes a cache.
    """
    path = Path(path)
    doc = load_yaml(path)
    problems: list[Problem] = []
    case: Case | None = None
    try:
        case = parse_case(doc)
    except CaseError as exc:
        problems.extend(exc.problems)
    # the profile and what the case says of it are checked even when the case has other
    # problems, so that every problem is reported in one round
    data: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
    raw_case = data["case"] if isinstance(data.get("case"), dict) else {}
    name = case.case.procedure if case else raw_case.get("procedure", "london")
    if not isinstance(name, str):
        raise CaseError(problems)
    try:
        profile = (profiles or load_profile)(name, path.parent)
    except CaseError as exc:
        line = doc.line(("case", "procedure"))
        raise CaseError(
            [
                *problems,
                *exc.problems,
                Problem(str(path), line, "case.procedure: this profile cannot be used"),
            ]
        ) from None
    ids = [d.id for d in profile.deadlines]
    done = data.get("done")
    for key in done if isinstance(done, dict) else {}:
        if key not in ids:
            problems.append(
                doc.problem(
                    ("done", key),
                    f"done.{key}: the {profile.name} procedure has no deadline '{key}'"
                    + nearest(key, ids),
                )
            )
    if problems or case is None:
        raise CaseError(list(dict.fromkeys(problems)))
    return LoadedCase(path, case, doc, profile, profile.calendar(case.case.region))
