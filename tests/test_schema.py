"""`cpconf schema`: the case file's JSON Schema (draft 2020-12) accepts every valid case
file as cpconf's loader reads it, and rejects unknown keys."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from cpconf.case import parse_case
from cpconf.errors import CaseError
from cpconf.schema import case_schema
from cpconf.yamlload import load_yaml, parse_yaml
from tests.conftest import ACCEPTANCE, CASES, MINIMAL, SAMPLES

VALID = [
    *sorted(SAMPLES.glob("*.yaml")),
    *sorted(
        p
        for p in CASES.rglob("*.yaml")
        if "broken" not in p.name and not any(part.startswith(".") for part in p.parts)
    ),
    *(sorted(ACCEPTANCE.glob("*.yaml")) if ACCEPTANCE.is_dir() else []),
]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = case_schema()
    jsonschema.Draft202012Validator.check_schema(schema)  # a well-formed 2020-12 schema
    return jsonschema.Draft202012Validator(schema)


def errors(validator: jsonschema.Draft202012Validator, data: object) -> list[str]:
    return [e.message for e in validator.iter_errors(data)]


def test_cli_prints_it(cli):
    result = cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema == case_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    # descriptions from the model, for editors' hover text
    conference = schema["$defs"]["ConferenceDetails"]["properties"]
    assert "strategy discussion" in conference["strategy_discussion"]["description"]


@pytest.mark.parametrize("path", VALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_valid_case_file_satisfies_it(validator, path: Path):
    doc = load_yaml(path)
    parse_case(doc)  # valid for cpconf …
    assert errors(validator, doc.data) == []  # … and so for the schema


def test_a_new_case_file_satisfies_it(cli, validator, tmp_path):
    for kind in ("initial", "review", "pre-birth", "transfer-in"):
        path = tmp_path / f"{kind}.yaml"
        assert cli("new", kind, path, "--today", "2026-11-10").exit_code == 0
        assert errors(validator, load_yaml(path).data) == []


def test_what_only_cpconfs_loader_reads_is_accepted(validator):
    text = MINIMAL.replace("strategy_discussion: 2026-11-02", "strategy_discussion: 02/11/2026")
    text = text.replace("  type: initial\n", "  type: initial\n  time: 10:00\n  date: 20/11/2026\n")
    text = text.replace("reference: CP-TEST-1", "reference: 1234")  # read as text
    text = text.replace("contact_with: all", "contact_with: amy")  # one child, not a list
    doc = parse_yaml(text, "case.yaml")
    parse_case(doc)
    assert errors(validator, doc.data) == []


@pytest.mark.parametrize(
    ("change", "wanted"),
    [
        (("conference:\n", "conference:\n  colour: blue\n"), "Additional properties"),
        (("case:\n", "notes: hello\ncase:\n"), "Additional properties"),
        (("    dob: 2019-03-14\n", "    dob: 2019-03-14\n    dob_place: Leeds\n"), "Additional"),
        (("type: initial", "type: inital"), "is not one of"),
        (("agency: children_social_care", "agency: social_care"), "is not one of"),
        (
            ("strategy_discussion: 2026-11-02", "strategy_discussion: 2 November 2026"),
            "2 November 2026",
        ),
        (("  reference: CP-TEST-1\n", "  local_authority: X\n"), "'reference' is a required"),
    ],
)
def test_what_cpconf_refuses_the_schema_refuses(validator, change, wanted):
    text = MINIMAL.replace(*change)
    assert text != MINIMAL
    doc = parse_yaml(text, "case.yaml")
    with pytest.raises(CaseError):
        parse_case(doc)
    found = errors(validator, doc.data)
    assert found and any(wanted in e for e in found), found


def test_a_broken_sample_fails(validator):
    doc = load_yaml(CASES / "caseload" / "team-b" / "cp-f-broken.yaml")
    assert errors(validator, doc.data)
