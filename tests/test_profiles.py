"""Procedure profiles: the built-ins load, every timescale cites its source, bad ones are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpconf.errors import ProfileError
from cpconf.procedures import BUILTIN, builtin_profiles, load_profile

CONTRACT_IDS = {
    "conference",
    "social_worker_report_to_parents",
    "social_worker_report_to_chair",
    "agency_reports",
    "exclusion_request",
    "decision_letter",
    "first_core_group",
    "conference_record",
    "next_review",
}


# Two families of built-in profile: the English local procedures (London CP4 and those that
# extend it) give every deadline of CONTRACT.md section 3; the nations' procedures give what
# their text gives and declare the rest `not_set` (docs/NATIONS.md).
ENGLISH = {
    "london": "London",
    "hackney": "Hackney",
    "york": "York",
    "bolton": "Bolton",
    "warwickshire": "Warwickshire",
}
NATIONS = {
    "wales": ("Wales Safeguarding Procedures", "england-and-wales"),
    "scotland": ("National Guidance", "scotland"),
    "northern-ireland": ("SBNI", "northern-ireland"),
}


def test_every_builtin_is_in_one_family():
    assert set(BUILTIN) == set(ENGLISH) | set(NATIONS)


@pytest.mark.parametrize("name", ENGLISH)
def test_english_profile_loads_and_every_timescale_has_a_source(name):
    profile = load_profile(name)
    assert profile.name == name
    assert {d.id for d in profile.deadlines if d.rules} >= CONTRACT_IDS
    assert not [d.id for d in profile.deadlines if d.not_set]
    for spec in profile.deadlines:
        for rule in spec.rules:
            assert rule.source.strip(), f"{name}.{spec.id} has no source"
            # the source names the procedure it came from
            assert any(word in rule.source for word in ENGLISH.values()), rule.source
    # England's words (no register since 2008): the letters read as they always have
    assert profile.terms.meeting == "child protection conference"
    assert not profile.terms.has_register


@pytest.mark.parametrize("name", NATIONS)
def test_national_profile_cites_its_own_text_and_leaves_the_rest_not_set(name):
    document, region = NATIONS[name]
    profile = load_profile(name)
    assert profile.name == name and profile.extends is None
    assert profile.region == region
    for spec in profile.deadlines:
        assert spec.rules or spec.not_set, spec.id
        for rule in spec.rules:
            # each rule cites the nation's own text, never London's
            assert document in rule.source or "National Guidance" in rule.source, rule.source
            assert "London" not in rule.source
    for deadline_id in CONTRACT_IDS:
        spec = profile.deadline(deadline_id)
        assert spec is not None, f"{name}: {deadline_id} neither given nor declared not set"
        covered = {t for r in spec.rules for t in r.types}
        if spec.not_set:
            covered |= set(spec.not_set.types)
            assert spec.not_set.reason.strip()
        relevant = {"initial", "review", "pre-birth", "transfer-in"}
        if deadline_id == "first_core_group":
            relevant -= {"review"}  # after a review the core group simply carries on
        assert covered >= relevant, (name, deadline_id, covered)
    assert profile.terms.has_register  # all three nations keep a child protection register


def test_the_nations_terms():
    wales, scotland, ni = (load_profile(n).terms for n in NATIONS)
    assert wales.plan == "care and support protection plan"
    assert wales.meeting_name("transfer-in") == "transfer in child protection conference"
    assert scotland.meeting == "Child Protection Planning Meeting"
    assert scotland.meeting_short == "CPPM"
    assert scotland.meeting_name("initial") == "Child Protection Planning Meeting"
    assert scotland.meeting_name("review") == "review Child Protection Planning Meeting"
    assert scotland.strategy_discussion == "inter-agency referral discussion"
    assert scotland.strategy_discussion_short == "IRD"
    assert scotland.reporter == "Children's Reporter"
    assert ni.meeting == "child protection case conference"
    assert ni.register_name == "Child Protection Register"
    # Welsh words only from the procedures' own Welsh version
    assert wales.welsh.meeting == "cynhadledd amddiffyn plant"
    assert wales.welsh_source and "safeguarding.wales/cy" in wales.welsh_source
    assert scotland.welsh.meeting == ni.welsh.meeting == ""


def test_a_deadline_needs_a_rule_or_not_set(tmp_path):
    text = GOOD.replace("quorum:", "  - id: agency_reports\n    label: Reports\nquorum:")
    with pytest.raises(ProfileError, match="not_set"):
        load_profile(str(write(tmp_path, text)))


def test_a_profile_may_declare_a_deadline_not_set(tmp_path):
    text = GOOD.replace(
        "quorum:",
        "  - id: agency_reports\n    label: Reports\n    not_set:\n"
        "      reason: the procedure gives no timescale\nquorum:",
    )
    spec = load_profile(str(write(tmp_path, text))).deadline("agency_reports")
    assert spec is not None and spec.rules == [] and spec.not_set is not None


def test_builtin_list_matches_the_shipped_files():
    assert [p.name for p in builtin_profiles()] == list(BUILTIN)
    assert all(p.path.exists() for p in builtin_profiles())


# Each built-in profile's own rules and settings: tests/profiles/test_<profile>.py.


@pytest.mark.parametrize("name", BUILTIN)
def test_every_builtin_profile_has_its_own_test_module(name):
    module = Path(__file__).parent / "profiles" / f"test_{name.replace('-', '_')}.py"
    assert module.is_file(), f"no {module.name}: test the {name} profile in its own words there"


def write(tmp_path, text, name="profile.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
name: shire
title: Shire procedures
document: Shire Safeguarding Partnership procedures
region: scotland
closure_days:
  - 2026-12-24
  - {from: 2026-12-29, to: 2026-12-31, reason: office closed}
deadlines:
  - id: conference
    label: Conference held
    rules:
      - types: [initial]
        after: strategy_discussion
        duration: 15 working days
        source: Shire 4.1
        if_plan: [child-protection]
quorum:
  required_agency: children_social_care
  always_invite: [police]
"""


def test_a_profile_of_ones_own(tmp_path):
    profile = load_profile(str(write(tmp_path, GOOD)))
    assert profile.region == "scotland"
    closures = profile.closures()
    assert len(closures) == 4
    cal = profile.calendar()
    assert not cal.is_working_day(closures.pop())


def test_a_profile_may_extend_a_builtin(tmp_path):
    text = "name: mine\ntitle: Mine\ndocument: Mine\nextends: london\nclosure_days: [2026-12-29]\n"
    profile = load_profile(str(write(tmp_path, text)))
    assert profile.deadline("agency_reports").inherited_from == "london"
    assert not profile.calendar().is_working_day(__import__("datetime").date(2026, 12, 29))


@pytest.mark.parametrize(
    ("change", "line", "expected"),
    [
        (("duration: 15 working days", "duration: 15 wrking days"), 14, "is not a duration"),
        (
            ("after: strategy_discussion", "after: strategy"),
            13,
            "is not a date a rule can count from",
        ),
        (
            ("source: Shire 4.1", "sauce: Shire 4.1"),
            15,
            "unknown key 'sauce'; did you mean 'source'?",
        ),
        (("types: [initial]", "types: [inital]"), 12, "did you mean 'initial'?"),
        (("region: scotland", "region: wales"), 4, "is not one of"),
        # a typo in an agency would make every child inquorate: refused, with a suggestion
        (("always_invite: [police]", "always_invite: [polce]"), 19, "did you mean 'police'?"),
        (
            ("required_agency: children_social_care", "required_agency: childrens_social_care"),
            18,
            "did you mean 'children_social_care'?",
        ),
        (("if_plan: [child-protection]", "if_plan: [child-protect]"), 16, "did you mean"),
    ],
)
def test_a_bad_profile_gets_clear_errors(tmp_path, change, line, expected):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(ProfileError) as info:
        load_profile(str(path))
    found = [(p.line, p.message) for p in info.value.problems]
    assert any(ln == line and expected in msg for ln, msg in found), found
    assert all(p.file == str(path.resolve()) for p in info.value.problems)


def test_unknown_profile_name():
    with pytest.raises(ProfileError, match="no built-in procedure 'lundon'"):
        load_profile("lundon")


def test_extends_loop_is_refused(tmp_path):
    write(tmp_path, "name: a\ntitle: A\ndocument: A\nextends: b.yaml\n", "a.yaml")
    write(tmp_path, "name: b\ntitle: B\ndocument: B\nextends: a.yaml\n", "b.yaml")
    with pytest.raises(ProfileError, match="loop"):
        load_profile(str(tmp_path / "a.yaml"))


def test_a_bad_parent_is_reported_in_its_own_file(tmp_path):
    write(tmp_path, GOOD.replace("15 working days", "15 wrking days"), "parent.yaml")
    child = write(tmp_path, "name: c\ntitle: C\ndocument: C\nextends: parent.yaml\n", "child.yaml")
    with pytest.raises(ProfileError) as info:
        load_profile(str(child))
    (problem,) = info.value.problems
    assert problem.file == str((tmp_path / "parent.yaml").resolve())
    assert problem.line == 14


def test_an_extending_profile_keeps_its_own_lines_and_duplicate_keys(tmp_path):
    text = (
        "name: c\ntitle: C\ndocument: C\nextends: london\n"
        "quorum:\n  other_agencies: 2\n  other_agencies: 3\n"
        "deadlines:\n  - id: agency_reports\n    label: A\n    rules:\n"
        "      - before: conference\n        duration: 3 wrking days\n        source: X\n"
    )
    with pytest.raises(ProfileError) as info:
        load_profile(str(write(tmp_path, text)))
    found = {(p.line, p.message.split(":")[0]) for p in info.value.problems}
    assert (7, "duplicate key 'other_agencies' (first given on line 6)") in {
        (p.line, p.message) for p in info.value.problems
    }
    assert any(line == 13 for line, _ in found)  # the child's own deadline, at its line
    # and named as the file counts it (its first deadline), not by its place after merging
    assert any(p.line == 13 and p.message.startswith("deadlines[0].") for p in info.value.problems)


def test_a_deadline_given_twice_in_an_extending_profile_is_refused(tmp_path):
    rule = "    rules:\n      - before: conference\n        duration: 3 working days\n        source: X\n"
    text = (
        "name: c\ntitle: C\ndocument: C\nextends: london\ndeadlines:\n"
        f"  - id: agency_reports\n    label: A\n{rule}"
        f"  - id: agency_reports\n    label: B\n{rule}"
    )
    with pytest.raises(ProfileError) as info:
        load_profile(str(write(tmp_path, text)))
    (problem,) = info.value.problems
    assert problem.line == 12 and "'agency_reports' given twice" in problem.message


def test_an_extending_profile_without_a_name_is_named_after_its_file(tmp_path):
    path = write(tmp_path, "title: Ours\ndocument: Ours\nextends: hackney\n", "our-borough.yaml")
    profile = load_profile(str(path))
    assert profile.name == "our-borough"
    assert profile.deadline("agency_reports").inherited_from == "hackney"
    assert profile.deadline("exclusion_request").inherited_from == "london"


@pytest.mark.parametrize(
    "setting",
    [
        "session: {chair_meets_family: true}",
        "attendance: {report_copy_to: [social_worker]}",
        "paperwork: {record_translated: true}",
        "paperwork: {full_plan_after_first_core_group: true}",
        "paperwork: {core_group_rhythm: fortnightly}",
    ],
)
def test_a_setting_a_procedure_must_say_comes_with_its_source(tmp_path, setting):
    """Rules are data, and each cites the text that says it: a council's profile that turns
    one of these on without its `_source` is refused, naming the key."""
    own = tmp_path / "ours.yaml"
    own.write_text(f"name: ours\nextends: london\n{setting}\n", encoding="utf-8")
    key = setting.split("{")[1].split(":")[0]
    source = {"full_plan_after_first_core_group": "full_plan_source"}.get(key, f"{key}_source")
    with pytest.raises(ProfileError, match=f"{key} is set without {source}"):
        load_profile(str(own))
    section, _, rest = setting.partition(": {")
    cited = f"{section}: {{{rest[:-1]}, {source}: 'Our procedure, 2.3'}}"
    own.write_text(f"name: ours\nextends: london\n{cited}\n", encoding="utf-8")
    assert load_profile(str(own)).name == "ours"
