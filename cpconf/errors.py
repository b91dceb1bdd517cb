"""What can go wrong, by what failed: every problem found, each with its file and line.

`CpconfError` is the base: a list of `Problem`s, all found in one run. The subclasses say
what failed. Library messages describe the problem, never a command-line option; the CLI
maps every one of these to exit code 2 in one place (`cpconf.cli`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Self


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file."""

    file: str
    line: int | None  # 1-based; None where the file has no line to point at
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class CpconfError(Exception):
    """cpconf could not do what was asked: bad input, or output it could not write."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0))
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, file: str | Path, message: str, line: int | None = None) -> Self:
        return cls([Problem(str(file), line, message)])


class CaseError(CpconfError):
    """A case file that cannot be used as it stands (missing, unreadable or invalid)."""


class ProfileError(CpconfError):
    """A procedure profile that cannot be used (a built-in name misspelt, a bad profile file)."""


class TemplateError(CpconfError):
    """A Word template that cannot be used: a broken tag, an unknown value, a misnamed file."""


class SettingsError(CpconfError):
    """A council settings file (cpconf.yaml) that cannot be used."""


class FilterError(CpconfError):
    """A caseload filter that cannot be used (a conference type misspelt): said, not
    matched against nothing."""


class OutputError(CpconfError):
    """A file or pack that could not be written. Nothing was written in its place.

    `exists` is true where the only reason is that the output exists already and
    replacing it was not asked for.
    """

    def __init__(self, problems: list[Problem], exists: bool = False):
        super().__init__(problems)
        self.exists = exists
