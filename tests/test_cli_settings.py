"""The council settings on the command line: --settings, CPCONF_SETTINGS, the stderr line,
the `settings` key of --json, `cpconf settings`, and the letters printing them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx

from tests.conftest import SAMPLES
from tests.test_settings import COUNCIL, case_at, write

TODAY = ("--today", "2026-12-01")
NONE = "Settings: none (no cpconf.yaml beside the case or above it)"


def conference_due(stdout: str) -> str:
    return json.loads(stdout)["deadlines"]["conference"]["due"]


def test_plan_names_the_settings_file_found(cli, tmp_path):
    settings = write(tmp_path / "cpconf.yaml", COUNCIL)
    case = case_at(tmp_path / "cases")
    result = cli("plan", case, "--json", *TODAY)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["settings"] == str(settings)
    assert data["deadlines"]["conference"]["due"] == "2027-01-11"  # the closure days count
    people = cli("plan", case, *TODAY)
    assert f"Settings: {settings}" in people.stderr.splitlines()


def test_no_settings_is_said_too(cli, tmp_path):
    case = case_at(tmp_path)
    assert json.loads(cli("plan", case, "--json", *TODAY).stdout)["settings"] is None
    assert cli("plan", case, *TODAY).stderr.splitlines()[0] == NONE


def test_a_relative_settings_path_is_said_in_full(cli, tmp_path, monkeypatch):
    """However the file was found, it is named the same way."""
    write(tmp_path / "council" / "alt.yaml", "local_authority: Alt\n")
    case = case_at(tmp_path)
    monkeypatch.chdir(tmp_path)
    for args, env in (
        (("--settings", "council/alt.yaml"), None),
        ((), {"CPCONF_SETTINGS": "council/alt.yaml"}),
    ):
        result = cli("plan", case, *TODAY, *args, env=env)
        assert f"Settings: {tmp_path / 'council' / 'alt.yaml'}" in result.stderr.splitlines()
        data = json.loads(cli("plan", case, "--json", *TODAY, *args, env=env).stdout)
        assert data["settings"] == str(tmp_path / "council" / "alt.yaml")


def test_flag_then_variable_then_discovery(cli, tmp_path):
    write(tmp_path / "cpconf.yaml", "local_authority: Found\n")
    by_env = write(tmp_path / "env.yaml", "closures: [2026-12-29]\n")
    by_flag = write(tmp_path / "flag.yaml", "closures: [2026-12-29, 2026-12-30, 2026-12-31]\n")
    case = case_at(tmp_path)
    env = {"CPCONF_SETTINGS": str(by_env)}
    found = json.loads(cli("plan", case, "--json", *TODAY).stdout)
    from_env = json.loads(cli("plan", case, "--json", *TODAY, env=env).stdout)
    from_flag = json.loads(
        cli("plan", case, "--json", "--settings", by_flag, *TODAY, env=env).stdout
    )
    assert (found["settings"], found["deadlines"]["conference"]["due"]) == (
        str(tmp_path / "cpconf.yaml"),
        "2027-01-07",
    )
    assert (from_env["settings"], conference_due(json.dumps(from_env))) == (
        str(by_env),
        "2027-01-08",
    )
    assert (from_flag["settings"], conference_due(json.dumps(from_flag))) == (
        str(by_flag),
        "2027-01-12",
    )


def test_from_another_working_directory(cli, tmp_path, monkeypatch):
    settings = write(tmp_path / "council" / "cpconf.yaml", COUNCIL)
    case_at(tmp_path / "council" / "team")
    (tmp_path / "home").mkdir()
    monkeypatch.chdir(tmp_path / "home")
    result = cli("plan", "../council/team/case.yaml", "--json", *TODAY)
    assert result.exit_code == 0, result.stderr
    assert Path(json.loads(result.stdout)["settings"]).samefile(settings)


def test_bad_settings_exit_2_with_file_line_and_suggestion(cli, tmp_path):
    settings = write(tmp_path / "cpconf.yaml", "local_authorty: X\nclosures: [2026-13-01]\n")
    case = case_at(tmp_path)
    for args in (
        ("plan", case, "--json"),
        ("check-quorum", case),
        ("letters", case, "--out", tmp_path / "out"),
        ("settings", case),
    ):
        result = cli(*args) if args[0] == "settings" else cli(*args, *TODAY)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.stderr + result.stdout
        assert (
            f"error: {settings}:1: top level: unknown key 'local_authorty'; "
            "did you mean 'local_authority'?"
        ) in result.stderr, args
        assert f"{settings}:2: closures[0]: '2026-13-01' is not a real date" in result.stderr
    assert not (tmp_path / "out").exists()
    # caseload: the case is listed as unreadable, the settings file's problem its reason
    caseload = cli("caseload", case, "--json", *TODAY)
    assert caseload.exit_code == 2
    [error] = json.loads(caseload.stdout)["errors"]
    assert {"file": str(settings), "line": 1} == {
        k: error["problems"][0][k] for k in ("file", "line")
    }
    assert "did you mean 'local_authority'?" in error["problems"][0]["message"]


def test_a_missing_settings_file_named_is_bad_input(cli, tmp_path):
    case = case_at(tmp_path)
    result = cli("plan", case, "--settings", tmp_path / "nope.yaml", *TODAY)
    assert result.exit_code == 2
    assert f"{tmp_path / 'nope.yaml'}: no such settings file" in result.stderr


def test_check_quorum_and_caseload_name_the_settings(cli, tmp_path):
    settings = write(tmp_path / "cpconf.yaml", COUNCIL)
    case = case_at(tmp_path)
    quorum = cli("check-quorum", case, "--json", *TODAY)
    assert json.loads(quorum.stdout)["settings"] == str(settings)
    assert f"Settings: {settings}" in cli("check-quorum", case, *TODAY).stderr
    caseload = cli("caseload", tmp_path, "--json", *TODAY)
    assert json.loads(caseload.stdout)["settings"] == [str(settings)]
    assert f"Settings: {settings}" in cli("caseload", tmp_path, *TODAY).stderr


def test_settings_command_shows_values_and_sources(cli, tmp_path, monkeypatch):
    settings = write(tmp_path / "cpconf.yaml", COUNCIL + "procedure: york\n")
    case = case_at(tmp_path, "  local_authority: Own Council\n")
    result = cli("settings", case, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    rows = {r["key"]: r for r in data["values"]}
    assert data["settings"] == str(settings)
    assert rows["local_authority"] == {
        "key": "local_authority",
        "value": "Own Council",
        "data": "Own Council",
        "source": f"{case}:3",
    }
    assert rows["procedure"]["value"] == "york"
    assert rows["procedure"]["source"] == f"{settings}:5"
    assert rows["school_day_ends"]["source"] == "not set"  # local: no procedure gives an hour
    # without a case: the council's, found from the working directory
    monkeypatch.chdir(tmp_path)
    council = cli("settings", "--json")
    assert council.exit_code == 0, council.stderr
    values = {r["key"]: r["value"] for r in json.loads(council.stdout)["values"]}
    assert values["local_authority"] == "London Borough of Example"
    assert values["chair"] == "name: Sam Chair, email: sam.chair@example.gov.uk"
    # for a program: a contact as an object, closure days as dates and ranges
    data = {r["key"]: r["data"] for r in json.loads(council.stdout)["values"]}
    assert data["chair"] == {"name": "Sam Chair", "email": "sam.chair@example.gov.uk"}
    assert data["closures"] == ["2026-12-29", "2026-12-30"]
    table = cli("settings")
    assert table.exit_code == 0, table.stderr
    assert "Setting" in table.stdout and "local_authority" in table.stdout


def test_letters_print_the_councils_details(cli, tmp_path):
    write(
        tmp_path / "cpconf.yaml",
        """\
        local_authority: London Borough of Example
        coordinator: {name: Pat Coordinator, email: cp@example.gov.uk, phone: 020 7946 0000}
        letterhead:
          address: Civic Centre, 1 High Street, London E1 1AA
          website: www.example.gov.uk
        reports_email: cp.reports@example.gov.uk
        complaints: Write to the Complaints Team at the Civic Centre.
        """,
    )
    case = tmp_path / "case.yaml"
    text = (SAMPLES / "initial.yaml").read_text()
    text = text.replace("  local_authority: London Borough of Example\n", "")
    own = "  coordinator:\n    name: Marcus Webb\n    email: cp.conferences@example.gov.uk\n"
    own += "    phone: 020 7946 0102\n"
    assert own in text
    case.write_text(text.replace(own, ""))
    out = tmp_path / "out"
    result = cli("letters", case, "--out", out, "--json", "--today", "2026-11-10")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["settings"] == str(tmp_path / "cpconf.yaml")
    invitation = next(d for d in data["documents"] if d["kind"] == "invitation")
    body = "\n".join(p.text for p in docx.Document(str(out / invitation["path"])).paragraphs)
    assert "London Borough of Example" in body
    assert "Civic Centre\n1 High Street\nLondon E1 1AA" in body
    assert "Telephone 020 7946 0000" in body
    assert "cp@example.gov.uk · www.example.gov.uk" in body
    assert "cp.reports@example.gov.uk" in body
    family = next(d for d in data["documents"] if d["kind"] == "family_invitation")
    family_text = "\n".join(p.text for p in docx.Document(str(out / family["path"])).paragraphs)
    assert "Complaints Team" in family_text


def test_letters_use_the_councils_templates(cli, tmp_path):
    (tmp_path / "templates").mkdir()
    assert cli("templates", "export", tmp_path / "templates").exit_code == 0
    for extra in (tmp_path / "templates").iterdir():
        if extra.name != "agenda.docx":
            extra.unlink()
    import zipfile

    agenda = tmp_path / "templates" / "agenda.docx"
    with zipfile.ZipFile(agenda) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b">Agenda<", b">Council Own Agenda<", 1
    )
    with zipfile.ZipFile(agenda, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    write(tmp_path / "cpconf.yaml", "templates: templates\n")
    case = tmp_path / "case.yaml"
    shutil.copy(SAMPLES / "initial.yaml", case)
    out = tmp_path / "out"
    result = cli("letters", case, "--out", out, "--json", "--today", "2026-11-10")
    assert result.exit_code == 0, result.stderr
    path = next(d["path"] for d in json.loads(result.stdout)["documents"] if d["kind"] == "agenda")
    doc = docx.Document(str(out / path))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )
    assert "Council Own Agenda" in text


def test_a_misspelt_procedure_in_the_case_is_named_at_the_cases_line(cli, tmp_path):
    # the settings name a good procedure; the case's own (misspelt) one is the one at fault
    write(tmp_path / "cpconf.yaml", COUNCIL + "procedure: london\n")
    case = case_at(tmp_path, extra="  procedure: londn\n")
    result = cli("plan", case)
    assert result.exit_code == 2
    assert f"{case}:3: case.procedure: no built-in procedure 'londn'" in result.stderr
    assert "cpconf.yaml" not in result.stderr.split("Settings:")[0]


def test_a_misspelt_procedure_in_the_settings_is_named_at_the_settings_line(cli, tmp_path):
    settings = write(tmp_path / "cpconf.yaml", COUNCIL + "procedure: yrok\n")
    result = cli("plan", case_at(tmp_path))
    assert result.exit_code == 2
    assert f"{settings}:5: procedure: no built-in procedure 'yrok'" in result.stderr
