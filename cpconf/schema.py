"""The JSON Schema (draft 2020-12) of the case file, for editors (`cpconf schema`).

Generated from the model (`cpconf.case.Case`), so that it cannot drift from what cpconf
reads. It describes the file as cpconf's own loader reads it (`cpconf.yamlload`): dates
and times stay text (`2026-11-02`, `02/11/2026`, `10:00`), and a number where text is
expected is read as text (`reference: 1234`). Unknown keys fail (`additionalProperties`).
"""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from cpconf.case import Case

SCHEMA_ID = "https://cpconf.example/case.schema.json"  # an identifier, not fetched
DATE_PATTERN = r"^\s*(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})\s*$"
TIME_PATTERN = r"^\s*([01]?\d|2[0-3])[:.][0-5]\d\s*$"


class _CaseFileSchema(GenerateJsonSchema):
    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        out = super().str_schema(schema)
        out["type"] = ["string", "integer"]  # the model reads `reference: 1234` as text
        return out

    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": DATE_PATTERN,
            "description": "2026-11-02 or 02/11/2026",
        }

    def time_schema(self, schema: core_schema.TimeSchema) -> JsonSchemaValue:
        return {"type": "string", "pattern": TIME_PATTERN, "description": "24-hour, as 10:00"}


def _one_or_many(prop: dict[str, Any]) -> None:
    """A list that may also be given as one item (`contact_with: amy`, `views: booklet`)."""
    alternatives = prop.get("anyOf") or [dict(prop)]
    items = [a["items"] for a in alternatives if a.get("type") == "array"]
    others = [a for a in alternatives if a.get("type") != "array"]
    keep: dict[str, Any] = {k: prop[k] for k in ("description", "title", "default") if k in prop}
    prop.clear()
    prop.update(keep)
    prop["anyOf"] = [*others, *items, *[{"type": "array", "items": i} for i in items]]


def case_schema() -> dict[str, Any]:
    """The case file's JSON Schema (draft 2020-12)."""
    schema = Case.model_json_schema(schema_generator=_CaseFileSchema)
    defs = schema["$defs"]
    _one_or_many(defs["Professional"]["properties"]["contact_with"])
    _one_or_many(defs["Child"]["properties"]["views"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "cpconf case file",
        "description": "One child protection conference (cpconf, CONTRACT.md section 1).",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }
