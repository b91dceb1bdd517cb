"""The nations' profiles (Wales, Scotland, Northern Ireland): each counted over its own bank
holidays, the deadlines their texts give, and the ones they leave not set (docs/NATIONS.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_schedule import case_text, codes, dues, plan_of

D = dt.date

REVIEW_AFTER = "  type: review\n  previous_type: {prev}\n  previous_conference: {on}\n"


def initial(sd: str, date: str | None = None) -> str:
    return f"  type: initial\n  strategy_discussion: {sd}\n" + (f"  date: {date}\n" if date else "")


# -- Scotland: St Andrew's Day, 2 January, and no Easter Monday ------------------------------


# -- Northern Ireland: St Patrick's Day and the Twelfth -------------------------------------


# -- Wales: the England and Wales bank holidays ---------------------------------------------


def test_england_is_unchanged_by_the_nations(write_case):
    plan = plan_of(write_case, case_text(initial("2026-11-02", "2026-11-20")))
    assert plan.not_set == []
    assert plan.meeting == "initial conference"
    assert "deadline_not_set" not in codes(plan)


# -- docs/RULES.md traces every national rule ----------------------------------------------

RULES_SECTIONS = {
    "wales": ("## 1.6 ", "## 2.8 "),
    "scotland": ("## 1.7 ", "## 2.9 "),
    "northern-ireland": ("## 1.8 ", "## 2.10 "),
}


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    ends = [i for i in (text.find("\n## ", start + 1), text.find("\n# ", start + 1)) if i != -1]
    return text[start : min(ends) if ends else len(text)]


@pytest.mark.parametrize("name", RULES_SECTIONS)
def test_rules_md_traces_every_deadline_of_each_national_profile(name):
    from pathlib import Path

    from cpconf.procedures import load_profile

    text = (Path(__file__).resolve().parent.parent / "docs" / "RULES.md").read_text("utf-8")
    from_text, from_code = (_section(text, h) for h in RULES_SECTIONS[name])
    assert f"`{name}.yaml`" in from_text and f"`{name}.yaml`" in from_code
    for spec in load_profile(name).deadlines:
        # from the code to the text: every deadline id, and said as not set where it is
        assert f"`{spec.id}`" in from_code, (name, spec.id)
        if spec.not_set:
            row = next(
                line
                for line in from_code.splitlines()
                if f"`{spec.id}`" in line and "not_set" in line
            )
            assert row
    # from the text to the code: every deadline the profile gives or leaves not set is
    # named against the text that gives it (or says nothing)
    for spec in load_profile(name).deadlines:
        assert f"`{spec.id}`" in from_text, (name, spec.id)


def test_a_council_sets_what_the_procedure_leaves_not_set(write_case, tmp_path):
    # the README's example: a Welsh council's own profile, extending the national one
    (tmp_path / "our-wales.yaml").write_text(
        "name: our-wales\ntitle: Our council (Wales)\ndocument: Our local practice\n"
        "extends: wales\ndeadlines:\n"
        "  - id: agency_reports\n    label: Agency reports to the chair\n    owner: each agency\n"
        "    rules:\n      - before: conference\n        duration: 3 working days\n"
        "        source: 'local: our council practice'\n",
        encoding="utf-8",
    )
    text = case_text(
        initial("2026-11-02", "2026-11-20"), procedure=str(tmp_path / "our-wales.yaml")
    )
    plan = plan_of(write_case, text)
    assert dues(plan)["agency_reports"] == D(2026, 11, 17)
    assert "agency_reports" not in {u.id for u in plan.not_set}
    # the rest stays as the national text has it
    assert {"social_worker_report_to_parents", "exclusion_request"} <= {u.id for u in plan.not_set}
    assert plan.deadline("conference").inherited_from == "wales"
