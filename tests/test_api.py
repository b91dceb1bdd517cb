"""The library API (`import cpconf`): what the README shows, and the same answers as the CLI."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

import cpconf
from tests.conftest import ACCEPTANCE, ROOT, SAMPLES

TODAY = dt.date(2026, 11, 1)


def test_all_lists_what_the_package_gives():
    for name in cpconf.__all__:
        assert getattr(cpconf, name) is not None, name
    assert issubclass(cpconf.CaseError, cpconf.CpconfError)
    assert issubclass(cpconf.OutputError, cpconf.CpconfError)
    assert (Path(cpconf.__file__).parent / "py.typed").is_file()


def test_the_readme_example_runs(monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use from Python", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    monkeypatch.chdir(ROOT)
    exec(compile(code.group(1), "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    # the comments in the example say what it prints
    expected = re.findall(r"print\([^\n]*?\) +# ([^:\n]+)", code.group(1))
    assert printed == [e.strip() for e in expected]


def _cases(command: str) -> list[Path]:
    found = []
    for path in sorted(ACCEPTANCE.glob("*.yaml")) if ACCEPTANCE.is_dir() else []:
        expected = json.loads(path.with_suffix("").with_suffix(".expected.json").read_text())
        if expected["command"] == command:
            found.append(path)
    return found


@pytest.mark.parametrize(
    "path", _cases("plan") + sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.stem
)
def test_plan_agrees_with_the_cli(cli, path):
    result = cli("plan", path, "--json", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    assert cpconf.open_case(path).plan(today=TODAY).to_json() == json.loads(result.stdout)


@pytest.mark.parametrize(
    "path", _cases("check-quorum") + sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.stem
)
def test_quorum_agrees_with_the_cli(cli, path):
    result = cli("check-quorum", path, "--json", "--today", TODAY.isoformat())
    report = cpconf.open_case(path).quorum(today=TODAY)
    assert result.exit_code == (0 if report.quorate else 1), result.stderr
    assert report.to_json() == json.loads(result.stdout)


def test_letters_agree_with_the_cli(cli, tmp_path):
    case = SAMPLES / "initial.yaml"
    result = cli("letters", case, "--out", tmp_path / "cli", "--json", "--today", "2026-11-10")
    assert result.exit_code == 0, result.stderr
    written = cpconf.open_case(case).letters(tmp_path / "api", today=dt.date(2026, 11, 10))
    from_cli = json.loads(result.stdout)
    from_api = written.to_json()
    assert from_api["documents"] == from_cli["documents"]
    assert from_api["warnings"] == from_cli["warnings"]
    manifest = json.loads((tmp_path / "api" / "manifest.json").read_text())
    assert from_api["documents"] == manifest


def test_caseload_agrees_with_the_cli(cli):
    result = cli("caseload", SAMPLES, "--json", "--today", TODAY.isoformat())
    load = cpconf.caseload([SAMPLES], today=TODAY)
    assert load.to_json() == json.loads(result.stdout)


def test_errors_carry_every_problem(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("case: {reference: X}\nconference: {type: initail}\nchildren: []\n")
    with pytest.raises(cpconf.CaseError) as caught:
        cpconf.open_case(bad)
    messages = [p.message for p in caught.value.problems]
    assert any("initail" in m for m in messages) and any("children" in m for m in messages)
    with pytest.raises(cpconf.CaseError):
        cpconf.open_case(tmp_path / "missing.yaml")


def test_letters_refuse_to_overwrite_without_force(tmp_path):
    conference = cpconf.open_case(SAMPLES / "initial.yaml")
    conference.letters(tmp_path, today=dt.date(2026, 11, 10))
    with pytest.raises(cpconf.OutputError) as caught:
        conference.letters(tmp_path, today=dt.date(2026, 11, 10))
    assert caught.value.exists and "--force" not in str(caught.value)


def test_next_case_is_in_the_api(tmp_path):
    text = cpconf.next_case(
        cpconf.open_case(ROOT / "sample_cases" / "initial-with-outcome.yaml"),
        dt.date(2026, 11, 23),
    )
    assert text is not None and "type: review" in text


def test_one_method_decides_the_templates_folder(tmp_path):
    settings = tmp_path / "cpconf.yaml"
    settings.write_text("templates: brand\n", encoding="utf-8")
    (tmp_path / "brand").mkdir()
    sample = Path(__file__).resolve().parent.parent / "sample_cases" / "initial.yaml"
    conference = cpconf.open_case(sample, settings)
    assert conference.templates_dir() == tmp_path / "brand"
    assert conference.templates_dir(tmp_path / "other") == tmp_path / "other"


def test_a_misspelt_conference_type_filter_is_refused_not_matched_against_nothing():
    with pytest.raises(cpconf.FilterError) as caught:
        cpconf.caseload([SAMPLES], today=TODAY, filters=cpconf.Filters(type="intial"))
    assert isinstance(caught.value, cpconf.CpconfError)
    [problem] = caught.value.problems
    assert problem.message.endswith("did you mean 'initial'?")
    assert "--" not in problem.message  # a library message names no command-line option
    with pytest.raises(cpconf.FilterError, match="0 or more"):
        cpconf.Filters(within=-1)
    kept = cpconf.caseload([SAMPLES], today=TODAY, filters=cpconf.Filters(type="initial"))
    assert kept.cases >= 1


def test_filters_and_sending_are_exported():
    assert {"Filters", "Sending", "FilterError"} <= set(cpconf.__all__)
    assert cpconf.Sending(email=True).email is True
