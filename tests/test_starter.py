"""`cpconf.starter`: which dates a new case file may be begun with, as the case model says."""

from __future__ import annotations

import datetime as dt

import pytest

from cpconf.case import CONFERENCE_TYPES, TYPE_KEYS
from cpconf.errors import CaseError
from cpconf.starter import DATE_WORDS, check_given, new_case_text

DAY = dt.date(2026, 11, 10)


@pytest.mark.parametrize("kind", CONFERENCE_TYPES)
@pytest.mark.parametrize("key", sorted(DATE_WORDS))
def test_a_date_is_taken_exactly_where_the_case_model_takes_it(kind, key):
    allowed = kind in TYPE_KEYS.get(key, CONFERENCE_TYPES)
    if allowed:
        check_given(kind, {key: DAY})
    else:
        with pytest.raises(CaseError, match=f"conference.{key}: belongs to"):
            check_given(kind, {key: DAY})


def test_previous_type_is_for_a_review_only():
    check_given("review", {}, "initial")
    with pytest.raises(CaseError) as caught:
        check_given("initial", {}, "initial", "cases/new.yaml")
    [problem] = caught.value.problems
    assert problem.file == "cases/new.yaml"
    assert problem.message == (
        "conference.previous_type: belongs to review conferences, not to an initial one"
    )


def test_the_text_refuses_a_date_of_another_type_and_writes_the_ones_it_takes():
    with pytest.raises(CaseError, match="an initial one"):
        new_case_text("initial", example_day=DAY, dates={"due_date": DAY})
    text = new_case_text(
        "pre-birth", example_day=DAY, dates={"due_date": DAY, "strategy_discussion": DAY}
    )
    assert "  strategy_discussion: 2026-11-10" in text
    assert "  due_date: 2026-11-10" in text
