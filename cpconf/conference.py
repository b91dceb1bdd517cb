"""A conference: its case file opened with its procedure profile and working calendar.

This is the library the commands are faces of (README "Use from Python"):

    import cpconf
    conference = cpconf.open_case("sample_cases/initial.yaml")
    schedule = conference.plan(today=datetime.date(2026, 11, 10))

`plan`, `quorum` and `letters` each return a result whose `to_json()` is exactly what
the command's `--json` prints. Nothing here prints, reads the clock or exits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cpconf.case import Case, nearest, parse_case
from cpconf.errors import CaseError, Problem, ProfileError
from cpconf.procedures import BUILTIN, Profile, load_profile
from cpconf.workdays import WorkingCalendar
from cpconf.yamlload import Document, load_yaml

if TYPE_CHECKING:
    from cpconf.letters.kinds import LettersResult
    from cpconf.quorum import QuorumReport
    from cpconf.schedule import Schedule
    from cpconf.sending import Sending


@dataclass(frozen=True)
class Conference:
    """One conference's case file, validated, with the profile and calendar it counts by."""

    path: Path
    case: Case
    doc: Document
    profile: Profile
    calendar: WorkingCalendar

    def plan(self, today: dt.date) -> Schedule:
        """Every deadline of the conference in working days, with warnings (`cpconf plan`)."""
        from cpconf.schedule import build_schedule

        return build_schedule(self.case, self.profile, self.calendar, today)

    def quorum(self, today: dt.date) -> QuorumReport:
        """Whether the conference is quorate for each subject child (`cpconf check-quorum`)."""
        from cpconf.quorum import check_quorum

        schedule = self.plan(today)  # the last day to ask for an exclusion is the plan's
        return check_quorum(
            self.case,
            self.profile,
            self.calendar,
            today,
            exclusion_request=schedule.deadline("exclusion_request"),
            early_review=schedule.deadline("early_review"),
        )

    def letters(
        self,
        out: str | Path,
        *,
        today: dt.date,
        force: bool = False,
        templates: str | Path | None = None,
        sending: Sending | None = None,
    ) -> LettersResult:
        """Write the paperwork to `out` as Word documents (`cpconf letters`).

        All or nothing: raises OutputError, writing nothing, if a document exists and not
        `force`; TemplateError if a template cannot be used. `sending` (cpconf.sending.Sending)
        adds PDFs, email drafts and calendar invitations.
        """
        from cpconf.letters import make_letters

        return make_letters(
            self,
            self.plan(today),
            Path(out),
            templates=Path(templates) if templates is not None else None,
            force=force,
            sending=sending,
        )


ProfileLoader = Callable[[str, Path | None], Profile]


def open_case(
    path: str | Path, settings: None = None, *, profiles: ProfileLoader | None = None
) -> Conference:
    """Open a case file: validated whole, with its procedure profile and calendar.

    Raises CaseError naming the file and line of every problem (a missing or unreadable
    file too), or ProfileError when the profile the case names cannot be used.
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
    except ProfileError as exc:
        line = doc.line(("case", "procedure"))
        if all(p.file == name for p in exc.problems):  # no such profile: say it at the line
            why = [Problem(str(path), line, f"case.procedure: {p.message}") for p in exc.problems]
        else:
            why = [
                *exc.problems,
                Problem(
                    str(path),
                    line,
                    f"case.procedure: the profile '{name}' cannot be used because of the "
                    "problems listed in it; correct them, or name a built-in profile "
                    f"({', '.join(BUILTIN)})",
                ),
            ]
        raise ProfileError([*problems, *why]) from None
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
    return Conference(path, case, doc, profile, profile.calendar(case.case.region))
