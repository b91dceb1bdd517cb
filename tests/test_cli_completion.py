"""Shell completion (Typer's): commands, options, conference types and procedure names."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def complete(words: str) -> list[str]:
    """What bash completion offers for `words` (the last word is the one being typed)."""
    env = {
        **os.environ,
        "_CPCONF_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    result = subprocess.run(
        [sys.executable, "-m", "cpconf"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("cpconf pl", ["plan"]),
        ("cpconf s", ["settings", "schema"]),
        ("cpconf plan --s", ["--settings"]),
        ("cpconf new ", ["initial", "review", "pre-birth", "transfer-in"]),
        ("cpconf new pre", ["pre-birth"]),
        ("cpconf new review r.yaml --previous-type tr", ["transfer-in"]),
        ("cpconf new initial c.yaml --procedure h", ["hackney"]),
        ("cpconf procedures show wa", ["wales", "warwickshire"]),
        ("cpconf caseload . --type re", ["review"]),
    ],
)
def test_bash_completion(words, offered):
    assert sorted(complete(words)) == sorted(offered)


def test_completion_can_be_shown_and_installed(cli):
    help_text = cli("--help").stdout
    assert "--install-completion" in help_text
    assert "--show-completion" in help_text
    script = subprocess.run(
        [sys.executable, "-m", "cpconf", "--show-completion", "bash"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert script.returncode == 0
    assert "_CPCONF_COMPLETE=complete_bash" in script.stdout
