"""The Case model's own questions: who is the social worker."""

from __future__ import annotations

from typing import Any

import pytest

from cpconf.case import parse_case
from cpconf.yamlload import Document

MANAGER = {"id": "tm", "name": "Alex Price", "role": "Team manager"}
WORKER = {"id": "sw", "name": "Jo Bloggs", "role": "Senior Social Worker"}
STUDENT = {"id": "obs", "name": "Sam Lee", "role": "Student social worker", "observer": True}
UNTITLED = {"id": "csc", "name": "Pat Green"}


def case_with(professionals: list[dict[str, Any]], lead: str | None = None):
    data: dict[str, Any] = {
        "case": {"reference": "CP-1"},
        "conference": {"type": "initial", "strategy_discussion": "2026-11-02"},
        "children": [{"id": "amy", "name": "Amy Smith", "dob": "2019-03-14"}],
        "professionals": [
            {"agency": "children_social_care", "contact_with": "all", **p} for p in professionals
        ]
        + [{"id": "hv", "name": "Priya Patel", "role": "Social worker", "agency": "health"}],
    }
    if lead:
        data["outcome"] = {
            "lead_social_worker": lead,
            "decisions": [{"child": "amy", "plan": "child-in-need"}],
        }
    return parse_case(Document("case.yaml", data))


@pytest.mark.parametrize(
    ("professionals", "lead", "expected"),
    [
        ([MANAGER, WORKER], None, "sw"),  # the role, not the order
        ([STUDENT, MANAGER, WORKER], None, "sw"),  # an observer never
        ([MANAGER, WORKER], "tm", "tm"),  # the lead, once recorded, whatever the role
        ([STUDENT, MANAGER], None, "tm"),  # no social worker by role: first non-observer
        ([UNTITLED, MANAGER], None, "csc"),
        ([STUDENT], None, None),  # only an observer: nobody
        ([], None, None),  # a health "social worker" is not children's social care
    ],
)
def test_social_worker(professionals, lead, expected):
    worker = case_with(professionals, lead).social_worker()
    assert (worker.id if worker else None) == expected
