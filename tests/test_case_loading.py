"""Bad case files: every kind is reported with its file and line, never a traceback."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpconf.case import load_case
from cpconf.dates import parse_date
from cpconf.errors import CaseError
from tests.conftest import MINIMAL


def problems_of(path) -> list[tuple[int | None, str]]:
    with pytest.raises(CaseError) as info:
        load_case(path)
    return [(p.line, p.message) for p in info.value.problems]


def only(path) -> tuple[int | None, str]:
    found = problems_of(path)
    assert len(found) == 1, found
    return found[0]


def test_minimal_case_loads(write_case):
    case, _ = load_case(write_case(MINIMAL))
    assert case.case.reference == "CP-TEST-1"
    assert case.case.procedure == "london"
    assert case.conference.strategy_discussion == dt.date(2026, 11, 2)
    assert case.children[0].subject is True


def test_unquoted_time_means_ten_oclock(write_case):
    case, _ = load_case(
        write_case(MINIMAL.replace("  type: initial", "  type: initial\n  time: 10:00"))
    )
    assert case.conference.time == dt.time(10, 0)


def test_uk_and_iso_dates_quoted_or_not(write_case):
    text = MINIMAL.replace("strategy_discussion: 2026-11-02", "strategy_discussion: 02/11/2026")
    text = text.replace("dob: 2019-03-14", "dob: '2019-03-14'")
    case, _ = load_case(write_case(text))
    assert case.conference.strategy_discussion == dt.date(2026, 11, 2)
    assert case.children[0].dob == dt.date(2019, 3, 14)


def test_yaml_syntax_error_names_the_line(write_case):
    path = write_case(MINIMAL + "family:\n  - id: mum\n    name: [unclosed\n")
    line, message = only(path)
    assert "YAML syntax error" in message
    assert line in (18, 19, 20)


def test_unknown_key_suggests_the_right_one(write_case):
    path = write_case(MINIMAL.replace("  strategy_discussion:", "  strategy_discusion:"))
    found = problems_of(path)
    assert (
        5,
        "conference: unknown key 'strategy_discusion'; did you mean 'strategy_discussion'?",
    ) in found


def test_missing_required_field(write_case):
    path = write_case(MINIMAL.replace("  reference: CP-TEST-1\n", "  local_authority: X\n"))
    assert only(path) == (1, "case.reference: required but missing")  # the case: block


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("11/30/2026", "is not a UK date"),
        ("2026-02-30", "is not a real date"),
        ("30-11-2026", "is not a date cpconf reads"),
        ("2/11/26", "four-digit year"),
        ("next Tuesday", "is not a date cpconf reads"),
    ],
)
def test_bad_dates(write_case, written, expected):
    path = write_case(
        MINIMAL.replace("strategy_discussion: 2026-11-02", f"strategy_discussion: {written}")
    )
    line, message = only(path)
    assert line == 5
    assert expected in message


@given(
    day=st.integers(1, 12),
    month=st.integers(13, 31),
    year=st.integers(1990, 2040),
)
def test_a_month_first_date_is_answered_with_a_real_date_or_none(day, month, year):
    """'06/31/2013': 31 June does not exist, so it is not suggested."""
    written = f"{day:02d}/{month:02d}/{year}"
    with pytest.raises(ValueError, match="is not a UK date") as caught:
        parse_date(written)
    found = re.search(r"did you mean (\d\d)/(\d\d)/(\d{4})\?", str(caught.value))
    try:
        dt.date(year, day, month)
    except ValueError:
        assert found is None and "neither order is a real date" in str(caught.value)
    else:
        assert found is not None
        assert dt.date(*map(int, reversed(found.groups()))) == dt.date(year, day, month)


def test_a_date_yaml_would_auto_parse_gets_the_same_checks(write_case):
    # unquoted, PyYAML would make this a date object (or fail on it); we check it ourselves
    path = write_case(MINIMAL.replace("dob: 2019-03-14", "dob: 2019-02-29"))
    line, message = only(path)
    assert line == 9 and "not a real date" in message


def test_bad_time(write_case):
    path = write_case(MINIMAL.replace("  type: initial", "  type: initial\n  time: 25:00"))
    line, message = only(path)
    assert line == 5 and "not a 24-hour time" in message


def test_duplicate_key_is_refused(write_case):
    path = write_case(
        MINIMAL.replace("    dob: 2019-03-14", "    dob: 2019-03-14\n    dob: 2019-03-15")
    )
    assert only(path) == (10, "duplicate key 'dob' (first given on line 9)")


def test_duplicate_id(write_case):
    path = write_case(MINIMAL + "family:\n  - id: amy\n    name: Amy's mum\n")
    line, message = only(path)
    assert line == 16
    assert "id 'amy' is used twice (first on line 7)" in message


def test_malformed_id(write_case):
    path = write_case(MINIMAL.replace("  - id: amy", "  - id: Amy Smith"))
    line, message = only(path)
    assert line == 7 and "not a valid id" in message


def test_reference_to_unknown_child(write_case):
    path = write_case(MINIMAL.replace("contact_with: all", "contact_with: [amy, bne]"))
    line, message = only(path)
    assert line == 14
    assert "no child has the id 'bne'" in message


def test_wrong_enum_value_suggests_the_nearest(write_case):
    path = write_case(MINIMAL.replace("agency: children_social_care", "agency: polce"))
    line, message = only(path)
    assert line == 13
    assert message.endswith("did you mean 'police'?")


def test_type_specific_requirement(write_case):
    path = write_case(
        MINIMAL.replace("type: initial", "type: review\n  previous_type: initial").replace(
            "  strategy_discussion: 2026-11-02\n", ""
        )
    )
    line, message = only(path)
    assert line == 4 and "previous_conference: required for a review conference" in message


@pytest.mark.parametrize(
    ("kind", "extra", "key"),
    [
        (
            "review\n  previous_conference: 2026-08-10\n  previous_type: initial",
            "",
            "strategy_discussion",
        ),
        ("initial", "  transfer_notification: 2026-10-20\n", "transfer_notification"),
        ("initial", "  previous_type: review\n", "previous_type"),
        ("initial", "  pre_proceedings: true\n", "pre_proceedings"),
    ],
)
def test_a_key_of_another_type_of_conference_is_named_with_its_line(write_case, kind, extra, key):
    # a case file copied from another conference: each contradicting key, at its line
    text = MINIMAL.replace("type: initial", f"type: {kind}").replace(
        "  strategy_discussion: 2026-11-02\n", "  strategy_discussion: 2026-11-02\n" + extra
    )
    found = problems_of(write_case(text))
    ours = [(line, m) for line, m in found if m.startswith(f"conference.{key}:")]
    assert len(ours) == 1, found
    line, message = ours[0]
    assert (
        "belongs to" in message
        and line
        == text.splitlines().index(
            next(x for x in text.splitlines() if x.strip().startswith(f"{key}:"))
        )
        + 1
    )


def test_a_review_must_say_what_it_reviews(write_case):
    # CONTRACT.md 1: no default previous_type; the review's interval depends on it
    text = MINIMAL.replace("type: initial", "type: review\n  previous_conference: 2026-08-10")
    text = text.replace("  strategy_discussion: 2026-11-02\n", "")
    line, message = only(write_case(text))
    assert line == 4 and "previous_type: required for a review" in message


def test_a_review_on_the_day_it_reviews_is_refused(write_case):
    text = MINIMAL.replace(
        "type: initial",
        "type: review\n  previous_conference: 2026-11-20\n  previous_type: initial\n"
        "  date: 2026-11-20",
    )
    found = problems_of(write_case(text))
    assert any("the day of the conference it reviews" in m for _, m in found), found


def test_outcome_needs_a_category_for_a_protection_plan(write_case):
    """London CP4 9.5 (and Wales): a category with each plan. Scotland's National Guidance
    (para 1.88) records areas of concern instead: no category is required there."""
    from cpconf.conference import open_case

    text = MINIMAL + "outcome:\n  decisions:\n    - child: amy\n      plan: child-protection\n"
    with pytest.raises(CaseError) as caught:
        open_case(write_case(text))
    [(line, message)] = [(p.line, p.message) for p in caught.value.problems]
    assert line == 17 and "category is required" in message
    scottish = text.replace("reference: CP-TEST-1", "reference: CP-TEST-1\n  procedure: scotland")
    decision = open_case(write_case(scottish)).case.outcome.decisions[0]
    assert (decision.plan, decision.category) == ("child-protection", None)


def test_many_problems_are_reported_at_once(write_case):
    text = MINIMAL.replace("type: initial", "type: initail").replace(
        "agency: children_social_care", "agency: cs"
    )
    text = text.replace("dob: 2019-03-14", "dob: 31/02/2019")
    found = problems_of(write_case(text))
    assert [line for line, _ in found] == [4, 9, 13]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.mkdir(), "folder, not a case file"),
        (lambda p: p.write_bytes(b"PK\x03\x04\x00\x00binary"), "binary file"),
        (lambda p: p.write_text(""), "empty"),
        (lambda p: p.write_text("# only a comment\n\n"), "empty"),
        (lambda p: p.write_bytes(b"case: \xff\xfe\n"), "not UTF-8"),
        (lambda p: p.write_text("- just\n- a list\n"), "a case file is a mapping"),
        (lambda p: None, "no such case file"),
    ],
)
def test_not_a_case_file(tmp_path, make, expected):
    path = tmp_path / "case.yaml"
    make(path)
    ((_, message),) = problems_of(path)
    assert expected in message


def test_nested_aliases_do_not_hang_or_eat_memory(write_case):
    bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        bomb.append(f"{name}: &{name} [{', '.join('*' + prev for _ in range(10))}]")
    path = write_case("\n".join(bomb) + "\n")
    start = time.perf_counter()
    line, message = only(path)
    assert time.perf_counter() - start < 5
    assert "more than" in message and "aliases" in message


def test_plain_yaml_traps_stay_text(write_case):
    # `no` is Norway's code, `0755` a reference, `1.10` a version: none may change
    text = MINIMAL.replace("reference: CP-TEST-1", "reference: 0755").replace(
        "name: Amy Smith", "name: 'no'"
    )
    case, _ = load_case(write_case(text))
    assert case.case.reference == "0755"


def test_schema_and_reference_problems_come_in_one_round(write_case):
    text = MINIMAL.replace("reference: CP-TEST-1", "refrence: CP-TEST-1")
    text = text.replace("contact_with: all", "contact_with: [amyy]")
    text += "family:\n  - id: amy\n    name: Amy's mum\n"
    found = problems_of(write_case(text))
    messages = " | ".join(m for _, m in found)
    assert "unknown key 'refrence'" in messages
    assert "no child has the id 'amyy'" in messages
    assert "id 'amy' is used twice" in messages


@pytest.mark.parametrize("written", ["9999-12-20", "1850-01-01", "01/01/2200"])
def test_dates_outside_the_years_counted_are_refused(write_case, written):
    path = write_case(
        MINIMAL.replace("strategy_discussion: 2026-11-02", f"strategy_discussion: {written}")
    )
    line, message = only(path)
    assert line == 5 and "outside the years cpconf counts" in message


def test_a_birth_after_the_conference_needs_unborn(write_case):
    booked = MINIMAL.replace("  type: initial", "  type: initial\n  date: 2026-11-20")
    path = write_case(booked.replace("dob: 2019-03-14", "dob: 2027-04-12"))
    line, message = only(path)
    assert line == 10 and "unborn: true" in message
    # before a date is booked there is no conference to be born after
    load_case(write_case(MINIMAL.replace("dob: 2019-03-14", "dob: 2026-11-10")))


@pytest.mark.parametrize(
    ("change", "line", "expected"),
    [
        # a number typed for an id is still checked, as the text it becomes
        (("contact_with: all", "contact_with: [7]"), 14, "no child has the id '7'"),
        # a capitalised or bracketed key is reported as itself, where it is
        (
            ("  reference: CP-TEST-1", "  reference: CP-TEST-1\n  Local_authority: X"),
            3,
            "case: unknown key 'Local_authority'; did you mean 'local_authority'?",
        ),
        (
            ("    name: Amy Smith", "    name: Amy Smith\n    'rel[1]': x"),
            9,
            "children[0]: unknown key 'rel[1]'",
        ),
        # an empty misspelt key is a misspelt key first
        (
            ("  type: initial", "  type: initial\n  delay_reasn:"),
            5,
            "conference: unknown key 'delay_reasn'; did you mean 'delay_reason'?",
        ),
    ],
)
def test_keys_and_ids_as_typed(write_case, change, line, expected):
    found = problems_of(write_case(MINIMAL.replace(*change)))
    assert any(ln == line and expected in msg for ln, msg in found), found


def test_plain_numbers_with_points_stay_as_typed(write_case):
    text = MINIMAL.replace("reference: CP-TEST-1", "reference: 1.50")
    text = text.replace("  type: initial", "  type: initial\n  time: 10.30")
    case, _ = load_case(write_case(text))
    assert case.case.reference == "1.50"
    assert case.conference.time == dt.time(10, 30)
    # a child with a number for an id, referred to quoted: the same id
    numbered = MINIMAL.replace("  - id: amy", "  - id: 7").replace(
        "contact_with: all", "contact_with: ['7']"
    )
    case, _ = load_case(write_case(numbered))
    assert case.professionals[0].contact_with == ["7"]


def test_null_is_not_a_delay_reason(write_case):
    text = MINIMAL.replace(
        "  type: initial", "  type: initial\n  date: 2026-12-20\n  delay_reason: null"
    )
    case, _ = load_case(write_case(text))
    assert case.conference.delay_reason is None


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("    name: Amy Smith", "    name: '   '"), "children[0].name: must not be empty"),
        (
            ("    dob: 2019-03-14", "    dob: 2019-03-14\n    subject: yes please"),
            "children[0].subject: 'yes please' is not true or false",
        ),
    ],
)
def test_plain_messages(write_case, change, expected):
    _, message = only(write_case(MINIMAL.replace(*change)))
    assert message == expected


def test_markup_in_a_file_is_printed_as_typed(cli, write_case):
    path = write_case(MINIMAL.replace("type: initial", "type: '[/bold]'"))
    result = cli("plan", path)
    assert result.exit_code == 2
    assert "'[/bold]' is not one of" in result.stderr


# -- every problem in one run: the cross-checks come with the schema's problems ----------


def test_an_unknown_key_and_a_child_without_a_date_of_birth_are_reported_together(write_case):
    # the child's missing dob must not wait for the next run because of the typo
    text = MINIMAL.replace("  reference: CP-TEST-1", "  reference: CP-TEST-1\n  procedur: london")
    text = text.replace("    dob: 2019-03-14\n", "")
    found = problems_of(write_case(text))
    assert (3, "case: unknown key 'procedur'; did you mean 'procedure'?") in found
    assert (8, "children[0]: dob is required (or unborn: true)") in found
    assert len(found) == 2, found


def test_the_type_specific_dates_and_decisions_come_with_schema_problems(write_case):
    text = MINIMAL.replace("type: initial\n  strategy_discussion: 2026-11-02", "type: review")
    text = text.replace("agency: children_social_care", "agency: polce")
    text += (
        "outcome:\n  decisions:\n    - child: amy\n      plan: child-protection\n"
        "    - child: amy\n      plan: child-in-need\n      category: neglect\n"
    )
    from cpconf.conference import open_case

    with pytest.raises(CaseError) as info:  # with the procedure: its category rule too
        open_case(write_case(text))
    found = [(p.line, p.message) for p in info.value.problems]
    messages = [m for _, m in found]
    assert any("did you mean 'police'?" in m for m in messages), found  # the schema's
    assert any("previous_conference: required for a review conference" in m for m in messages)
    assert any("previous_type: required for a review" in m for m in messages)
    assert any("decisions[0]: category is required" in m for m in messages)
    assert any("decisions[1]: a second decision for 'amy'" in m for m in messages)
    assert any("decisions[1]: a category is given only with" in m for m in messages)


def test_a_pre_birth_conference_without_an_unborn_child_comes_with_schema_problems(write_case):
    text = MINIMAL.replace("type: initial\n  strategy_discussion: 2026-11-02", "type: pre-birth")
    text = text.replace("  reference: CP-TEST-1", "  reference: CP-TEST-1\n  colour: red")
    messages = [m for _, m in problems_of(write_case(text))]
    assert any("unknown key 'colour'" in m for m in messages)
    assert any("conference.due_date: required for a pre-birth conference" in m for m in messages)
    assert any("needs a child with unborn: true" in m for m in messages)


def test_a_check_that_reads_a_wrong_value_waits_for_it_to_be_mended(write_case):
    # `unborn: maybe` is the schema's problem; guessing it false would add "dob is required"
    text = MINIMAL.replace("    dob: 2019-03-14\n", "    unborn: maybe\n")
    assert only(write_case(text)) == (9, "children[0].unborn: 'maybe' is not true or false")


def test_a_subject_child_without_a_decision_is_named_with_schema_problems(write_case):
    text = MINIMAL + "outcome:\n  decisions: []\n  recomendations: [x]\n"
    messages = [m for _, m in problems_of(write_case(text))]
    assert any("unknown key 'recomendations'" in m for m in messages)
    assert any("no decision for Amy Smith ('amy')" in m for m in messages)


def test_outcome_dates_before_the_conference_are_refused_at_their_line(write_case):
    text = MINIMAL.replace(
        "  strategy_discussion: 2026-11-02\n",
        "  strategy_discussion: 2026-11-02\n  date: 2026-11-20\n",
    ) + (
        "outcome:\n"
        "  decisions: [{child: amy, plan: child-protection, category: neglect}]\n"
        "  next_review: 2026-08-10\n"
        "  core_groups_held:\n"
        "    - 2026-12-03\n"
        "    - 2026-09-01\n"
    )
    found = problems_of(write_case(text))
    lines = text.splitlines()
    assert (lines.index("  next_review: 2026-08-10") + 1, found[0][1]) == found[0]
    assert "outcome.next_review: 2026-08-10 is not after the conference" in found[0][1]
    assert found[1][0] == lines.index("    - 2026-09-01") + 1
    assert found[1][1].startswith("outcome.core_groups_held[1]:")
    assert len(found) == 2


def test_a_recommendation_for_an_unknown_child_is_refused_at_its_line(write_case):
    text = MINIMAL + (
        "outcome:\n  decisions: [{child: amy, plan: child-protection, category: neglect}]\n"
        "  recommendations:\n    - text: Weekly visits\n      children: [amu]\n"
    )
    found = problems_of(write_case(text))
    lines = text.splitlines()
    assert (
        lines.index("      children: [amu]") + 1,
        "outcome.recommendations[0].children[0]: no child has the id 'amu'; did you mean 'amy'?",
    ) in found


def test_a_misspelt_required_key_is_said_once_as_unknown(write_case):
    text = MINIMAL.replace("strategy_discussion:", "strategy_discusion:")
    line, message = only(write_case(text))
    assert line == 5
    assert message == (
        "conference: unknown key 'strategy_discusion'; did you mean 'strategy_discussion'?"
    )


def test_a_misspelt_previous_type_is_said_once_as_unknown(write_case):
    text = MINIMAL.replace(
        "type: initial\n  strategy_discussion: 2026-11-02",
        "type: review\n  previous_conference: 2026-08-27\n  previous_typ: initial",
    )
    line, message = only(write_case(text))
    assert message == "conference: unknown key 'previous_typ'; did you mean 'previous_type'?"


def test_a_missing_key_with_another_unknown_key_is_still_required(write_case):
    text = MINIMAL.replace("strategy_discussion: 2026-11-02", "colour: red")
    messages = [m for _, m in problems_of(write_case(text))]
    assert any(m.startswith("conference: unknown key 'colour'") for m in messages)
    assert any(
        "conference.strategy_discussion: required for an initial conference" in m for m in messages
    )


def test_misspelt_required_keys_of_children_and_professionals_are_said_once(write_case):
    text = MINIMAL.replace("    name: Amy Smith", "    nmae: Amy Smith")
    text = text.replace("    dob: 2019-03-14", "    dbo: 2019-03-14")
    text = text.replace("    agency: children_social_care", "    agnecy: children_social_care")
    assert [m for _, m in problems_of(write_case(text))] == [
        "children[0]: unknown key 'nmae'; did you mean 'name'?",
        "children[0]: unknown key 'dbo'; did you mean 'dob'?",
        "professionals[0]: unknown key 'agnecy'; did you mean 'agency'?",
    ]
