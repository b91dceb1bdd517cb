"""Open a case file together with its procedure profile and working calendar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cpconf.calendar import WorkingCalendar
from cpconf.case import Case, load_case, nearest
from cpconf.errors import CaseError, Problem
from cpconf.procedures import Profile, load_profile
from cpconf.yamlload import Document


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
    case, doc = load_case(path)
    try:
        profile = (profiles or load_profile)(case.case.procedure, path.parent)
    except CaseError as exc:
        line = doc.line(("case", "procedure"))
        raise CaseError(
            [*exc.problems, Problem(str(path), line, "case.procedure: this profile cannot be used")]
        ) from None
    problems = []
    ids = [d.id for d in profile.deadlines]
    for key in case.done:
        if key not in ids:
            problems.append(
                doc.problem(
                    ("done", key),
                    f"done.{key}: the {profile.name} procedure has no deadline '{key}'"
                    + nearest(key, ids),
                )
            )
    if problems:
        raise CaseError(problems)
    return LoadedCase(path, case, doc, profile, profile.calendar(case.case.region))
