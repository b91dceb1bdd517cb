"""Where a case's council settings file is: `cpconf.yaml` beside it or in a folder above.

Apart from `cpconf.settings` (the model), so that a case with no settings file costs a
few `stat` calls and no model is built (`cpconf plan --json` start-up).
"""

from __future__ import annotations

from pathlib import Path

SETTINGS_FILE = "cpconf.yaml"


def find_settings(case_path: str | Path) -> Path | None:
    """`cpconf.yaml` in the case file's folder or the nearest folder above it."""
    folder = Path(case_path).resolve().parent
    for candidate in (folder, *folder.parents):
        path = candidate / SETTINGS_FILE
        if path.is_file():
            return path
    return None
