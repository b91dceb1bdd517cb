"""Shared fixtures: the CLI runner, sample and acceptance folders, and small case files."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cpconf.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_cases"
CASES = Path(__file__).resolve().parent / "cases"
ACCEPTANCE = ROOT.parent / "shared" / "acceptance"

MINIMAL = """\
case:
  reference: CP-TEST-1
conference:
  type: initial
  strategy_discussion: 2026-11-02
children:
  - id: amy
    name: Amy Smith
    dob: 2019-03-14
professionals:
  - id: sw
    name: Jo Bloggs
    agency: children_social_care
    contact_with: all
"""


@pytest.fixture(autouse=True, scope="session")
def _bank_holiday_cache(tmp_path_factory: pytest.TempPathFactory):
    """Keep the bank-holiday cache of test runs out of the user's home folder."""
    import os

    old = os.environ.get("CPCONF_CACHE_DIR")
    os.environ["CPCONF_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("CPCONF_CACHE_DIR", None)
    else:
        os.environ["CPCONF_CACHE_DIR"] = old


@pytest.fixture
def cli() -> Callable[..., object]:
    """Run `cpconf ARGS…` in-process; returns typer's Result (stdout, stderr, exit_code)."""
    runner = CliRunner()

    def run(*args: str | Path, env: dict[str, str] | None = None):
        return runner.invoke(app, [str(a) for a in args], env=env)

    return run


@pytest.fixture
def write_case(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write YAML text (dedented) to a file in tmp_path and return its path."""

    def write(text: str, name: str = "case.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write
