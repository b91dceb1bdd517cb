"""cpconf: prepare UK child protection conferences from one YAML case file.

The library the `cpconf` command is a face of (README "Use from Python"):

    import datetime, cpconf
    conference = cpconf.open_case("sample_cases/initial.yaml")
    schedule = conference.plan(today=datetime.date(2026, 11, 10))
    print(schedule.to_json())          # what `cpconf plan --json` prints

Names are loaded on first use, so that `import cpconf` costs nothing a command
does not need.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable as _Iterable
from pathlib import Path as _Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "CaseError",
    "Caseload",
    "Conference",
    "CpconfError",
    "FilterError",
    "Filters",
    "LettersResult",
    "OutputError",
    "Problem",
    "ProfileError",
    "QuorumReport",
    "Schedule",
    "Settings",
    "Sending",
    "SettingsError",
    "TemplateError",
    "caseload",
    "next_case",
    "open_case",
]

if TYPE_CHECKING:
    from cpconf.conference import Conference, open_case
    from cpconf.cycle import next_case
    from cpconf.errors import (
        CaseError,
        CpconfError,
        FilterError,
        OutputError,
        Problem,
        ProfileError,
        SettingsError,
        TemplateError,
    )
    from cpconf.letters.kinds import LettersResult
    from cpconf.quorum import QuorumReport
    from cpconf.schedule import Schedule
    from cpconf.sending import Sending
    from cpconf.service import Caseload, Filters
    from cpconf.settings import Settings

_WHERE = {
    "Conference": "cpconf.conference",
    "open_case": "cpconf.conference",
    "next_case": "cpconf.cycle",
    "Caseload": "cpconf.service",
    "Filters": "cpconf.service",
    "Sending": "cpconf.sending",
    "LettersResult": "cpconf.letters.kinds",
    "QuorumReport": "cpconf.quorum",
    "Schedule": "cpconf.schedule",
    "Settings": "cpconf.settings",
    **{
        name: "cpconf.errors"
        for name in (
            "CaseError",
            "CpconfError",
            "FilterError",
            "OutputError",
            "Problem",
            "ProfileError",
            "SettingsError",
            "TemplateError",
        )
    },
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'cpconf' has no attribute {name!r}")


def caseload(
    paths: _Iterable[str | _Path],
    *,
    today: _dt.date,
    filters: Filters | None = None,
    settings: str | _Path | Settings | None = None,
) -> Caseload:
    """Every open deadline of every case file under `paths` (files, or folders read with
    their subfolders), soonest first, and the service's timeliness (`cpconf caseload`).

    A case file that cannot be read is listed in the result's `errors`; the others still
    count. Raises CaseError only when a path does not exist (SettingsError when the
    `settings` file named cannot be used); `Filters` raises FilterError for a conference
    type that is not one (a misspelt type would otherwise keep nothing). `settings`: one council settings file for every
    case; None: each case uses the `cpconf.yaml` of its folder or the nearest above it.
    """
    from cpconf.service import build_caseload

    return build_caseload(paths, today, filters, settings=settings)
