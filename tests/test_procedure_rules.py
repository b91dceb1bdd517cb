"""Timings and checks the procedures set (London CP4 1.9, 1.11, 1.16, 1.21, 1.22, 7.10, 8.1),
core groups until the review, booked dates, facts recorded too early, and local values.

Dates are chosen so that the counting crosses the Christmas and New Year bank holidays of
England and Wales (Fri 25 Dec 2026, Mon 28 Dec 2026 for Boxing Day, Fri 1 Jan 2027).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from cpconf.conference import open_case
from cpconf.errors import ProfileError
from cpconf.procedures import BUILTIN, LOCAL_NOTE, load_profile
from cpconf.schedule import build_schedule

D = dt.date
TODAY = D(2026, 11, 1)
RULES_MD = Path(__file__).resolve().parent.parent / "docs" / "RULES.md"

HEAD = "case:\n  reference: CP-T\n  procedure: {procedure}\n"
CHILD = "children:\n  - {{id: amy, name: Amy Smith, {born}}}\n"
SW = "professionals:\n  - {id: sw, name: Jo Bloggs, agency: children_social_care, contact_with: all}\n"


def case(
    conference: str,
    *,
    born: str = "dob: 2019-03-14",
    professionals: str = "",
    extra: str = "",
    procedure: str = "london",
) -> str:
    return (
        HEAD.format(procedure=procedure)
        + "conference:\n"
        + "".join(f"  {line}\n" for line in conference.strip().splitlines())
        + CHILD.format(born=born)
        + SW
        + professionals
        + extra
    )


def plan(write_case, text: str, today: dt.date = TODAY):
    return open_case(write_case(text)).plan(today)


def due(schedule, deadline_id: str) -> dt.date | None:
    d = schedule.deadline(deadline_id)
    return d.due if d else None


def codes(schedule) -> list[str]:
    return [w.code for w in schedule.warnings]


PRE_BIRTH = "type: pre-birth\ndue_date: 2027-01-10\nbirth_date: 2026-12-18\n"


# -- London CP4 1.21: after the birth --------------------------------------------------------


def test_birth_review_10_days_after_the_birth_rolls_back_over_christmas(write_case):
    # 18 Dec + 10 days = Mon 28 Dec (Boxing Day, substitute): back to Thu 24 Dec
    schedule = plan(write_case, case(PRE_BIRTH, born="unborn: true"))
    assert due(schedule, "birth_review") == D(2026, 12, 24)
    assert schedule.deadline("birth_review").rule == "10 days after the birth"


def test_birth_review_20_days_when_the_mother_is_not_medically_fit(write_case):
    text = case(PRE_BIRTH + "mother_medically_unfit: true\n", born="unborn: true")
    schedule = plan(write_case, text)
    assert due(schedule, "birth_review") == D(2027, 1, 7)  # 18 Dec + 20 days
    assert "20 days after the birth" in schedule.deadline("birth_review").rule


def test_a_review_after_a_pre_birth_conference_also_reads_the_flag(write_case):
    conf = (
        "type: review\nprevious_conference: 2026-11-02\nprevious_type: pre-birth\n"
        "birth_date: 2026-12-18\nmother_medically_unfit: true\n"
    )
    assert due(plan(write_case, case(conf)), "birth_review") == D(2027, 1, 7)


def test_midwifery_must_be_invited_after_the_birth(write_case):
    without = plan(write_case, case(PRE_BIRTH, born="unborn: true"))
    assert "midwifery_not_invited" in codes(without)
    midwife = "  - {id: mw, name: Ann Lee, role: Community midwife, agency: health}\n"
    with_midwife = plan(write_case, case(PRE_BIRTH, born="unborn: true", professionals=midwife))
    assert "midwifery_not_invited" not in codes(with_midwife)


# -- London CP4, Pre-Birth Conferences (after 1.10) and 1.16 ---------------------------------


def test_pre_proceedings_letter_only_where_proceedings_are_considered(write_case):
    # 19 Apr 2027 - 16 weeks = Mon 28 Dec 2026 (Boxing Day, substitute): back to Thu 24 Dec
    conf = "type: pre-birth\ndue_date: 2027-04-19\n"
    assert due(plan(write_case, case(conf, born="unborn: true")), "pre_proceedings_letter") is None
    schedule = plan(write_case, case(conf + "pre_proceedings: true\n", born="unborn: true"))
    assert due(schedule, "pre_proceedings_letter") == D(2026, 12, 24)
    assert due(schedule, "conference") == D(2027, 2, 8)  # 10 weeks before


def test_premature_birth_likely_is_a_reminder_from_the_profile(write_case):
    conf = "type: pre-birth\ndue_date: 2027-04-19\npremature_birth_likely: true\n"
    schedule = plan(write_case, case(conf, born="unborn: true"))
    [message] = [w.message for w in schedule.warnings if w.code == "premature_birth_likely"]
    assert "earlier than 10 weeks" in message and "London CP4 1.16" in message
    assert "premature_birth_likely" in {r.code for r in load_profile("london").reminders}


# -- London CP4 1.9: child assessment order ---------------------------------------------------


# London CP4 1.9 and the local procedures that follow London; the nations' own texts are
# read for their own rules (docs/NATIONS.md)
LONDON_FAMILY = ("london", "hackney", "york", "bolton", "warwickshire")


@pytest.mark.parametrize("procedure", LONDON_FAMILY)
def test_child_assessment_order_brings_the_conference_forward(write_case, procedure):
    # assessments end Thu 24 Dec: the next working day is Tue 29 Dec (25 and 28 are holidays);
    # 15 working days after Mon 14 Dec would be Thu 7 Jan
    conf = (
        "type: initial\nstrategy_discussion: 2026-12-14\nchild_assessment_order_ends: 2026-12-24\n"
    )
    schedule = plan(write_case, case(conf, procedure=procedure))
    assert due(schedule, "conference") == D(2026, 12, 29)
    assert "child assessment order" in schedule.deadline("conference").rule
    assert LOCAL_NOTE in schedule.deadline("conference").rule  # "immediately": our reading
    [message] = [w.message for w in schedule.warnings if w.code == "child_assessment_order"]
    assert "Thursday 24 December 2026" in message and "Tuesday 29 December 2026" in message


# -- London CP4 1.22: young children and long plans -----------------------------------------

REVIEW = "type: review\nprevious_conference: 2026-05-20\nprevious_type: review\ndate: 2026-11-20\n"
CP_OUTCOME = "outcome:\n  decisions: [{child: amy, plan: child-protection, category: neglect}]\n"


def test_a_child_under_5_may_need_an_earlier_review(write_case):
    young = plan(
        write_case, case(REVIEW, born="dob: 2023-01-10", extra=CP_OUTCOME), D(2026, 11, 20)
    )
    [message] = [w.message for w in young.warnings if w.code == "young_child_review"]
    assert "Friday 19 February 2027" in message  # 3 months after 20 Nov (local)
    assert LOCAL_NOTE in message and "London CP4 1.22" in message
    older = plan(write_case, case(REVIEW, extra=CP_OUTCOME), D(2026, 11, 20))
    assert "young_child_review" not in codes(older)
    # a review already booked by then answers the warning
    booked = plan(
        write_case,
        case(REVIEW, born="dob: 2023-01-10", extra=CP_OUTCOME + "  next_review: 2027-02-18\n"),
        D(2026, 11, 20),
    )
    assert "young_child_review" not in codes(booked)


def test_a_plan_over_two_years_is_reconsidered(write_case):
    text = case(REVIEW, born="dob: 2019-03-14, plan_since: 2024-06-03", extra=CP_OUTCOME)
    assert "plan_over_two_years" in codes(plan(write_case, text, D(2026, 11, 20)))
    recent = text.replace("plan_since: 2024-06-03", "plan_since: 2025-06-03")
    assert "plan_over_two_years" not in codes(plan(write_case, recent, D(2026, 11, 20)))


# -- London CP4 7.10 and 8.1 ----------------------------------------------------------------

POLICE = "  - {id: pc, name: PC Day, agency: police, contact_with: all}\n"


def test_police_report_at_a_review_only_with_continuing_involvement(write_case):
    ended = plan(write_case, case(REVIEW + "police_involvement: false\n", professionals=POLICE))
    assert "police_report_not_expected" in codes(ended)
    ongoing = plan(write_case, case(REVIEW + "police_involvement: true\n"))
    assert "police_not_invited" in codes(ongoing)
    silent = plan(write_case, case(REVIEW, professionals=POLICE))
    assert not {"police_report_not_expected", "police_not_invited"} & set(codes(silent))


def test_same_chair_for_reviews_and_no_line_responsibility(write_case):
    conf = REVIEW + "chair: {name: Ann Chair}\nprevious_chair: Bob Other\n"
    assert "chair_changed" in codes(plan(write_case, case(conf)))
    same = conf.replace("Bob Other", "ann  chair")
    assert "chair_changed" not in codes(plan(write_case, case(same)))
    managed = case(REVIEW + "chair_line_responsibility: true\n")
    assert "chair_not_independent" in codes(plan(write_case, managed))


# -- core groups (CONTRACT.md section 4) ------------------------------------------------------

INITIAL = "type: initial\nstrategy_discussion: 2026-11-02\ndate: 2026-11-20\n"


def test_london_core_groups_until_the_review_as_in_the_contract(write_case, cli):
    path = write_case(case(INITIAL, extra=CP_OUTCOME))
    data = json.loads(cli("plan", path, "--json", "--today", "2026-11-23").stdout)
    assert [c["due"] for c in data["core_groups"]] == ["2026-12-04", "2027-01-04", "2027-02-04"]
    assert data["core_groups"][1]["rule"].startswith("within a month of the previous core group")
    assert LOCAL_NOTE in data["core_groups"][1]["rule"]  # CP4 sets no rhythm
    assert data["deadlines"]["next_review"]["due"] == "2027-02-19"


def test_york_core_groups_count_from_the_last_one_held(write_case):
    outcome = CP_OUTCOME + "  core_groups_held: [2026-12-03, 2027-01-05]\n"
    schedule = plan(write_case, case(INITIAL, extra=outcome, procedure="york"), D(2027, 1, 6))
    assert [c.due for c in schedule.core_groups] == [D(2027, 2, 5)]
    assert schedule.deadline("first_core_group").done == D(2026, 12, 3)
    assert due(schedule, "next_core_group") == D(2027, 2, 5)
    assert LOCAL_NOTE not in schedule.core_groups[0].rule  # York states it


def test_warwickshire_first_core_group_in_calendar_days_then_monthly(write_case):
    schedule = plan(write_case, case(INITIAL, extra=CP_OUTCOME, procedure="warwickshire"))
    # 20 Nov + 10 days = Mon 30 Nov; + 1 month = Wed 30 Dec; + 1 month = Sat 30 Jan -> Fri 29
    assert [c.due for c in schedule.core_groups] == [
        D(2026, 11, 30),
        D(2026, 12, 30),
        D(2027, 1, 29),
    ]


def test_no_core_groups_or_review_without_a_protection_plan(write_case, cli):
    outcome = "outcome:\n  decisions: [{child: amy, plan: child-in-need}]\n"
    data = json.loads(cli("plan", write_case(case(INITIAL, extra=outcome)), "--json").stdout)
    assert data["core_groups"] == []
    assert not {"first_core_group", "next_core_group", "next_review"} & set(data["deadlines"])


def test_caseload_shows_an_overdue_core_group(write_case, tmp_path):
    from cpconf.service import build_caseload

    outcome = CP_OUTCOME + "  core_groups_held: [2026-12-03]\n"
    write_case(case(INITIAL, extra=outcome, procedure="york"))
    load = build_caseload([tmp_path], D(2027, 1, 12), jobs=1)
    [row] = [d for d in load.deadlines if d.deadline == "next_core_group"]
    assert row.group == "overdue" and row.due == D(2027, 1, 1) - dt.timedelta(days=1)


# -- booked dates in the outcome ------------------------------------------------------------


def test_booked_dates_beside_their_deadlines_and_late_bookings_flagged(write_case, cli):
    outcome = CP_OUTCOME + "  first_core_group: 2026-12-08\n  next_review: 2027-02-18\n"
    path = write_case(case(INITIAL, extra=outcome))
    data = json.loads(cli("plan", path, "--json", "--today", "2026-11-23").stdout)
    assert data["deadlines"]["first_core_group"] == {
        "due": "2026-12-04",
        "rule": f"10 working days after the conference ({LOCAL_NOTE})",
        "booked": "2026-12-08",
    }
    assert data["deadlines"]["next_review"]["booked"] == "2027-02-18"
    late = [w for w in data["warnings"] if w["code"] == "booking_after_deadline"]
    assert len(late) == 1 and "Tuesday 8 December 2026" in late[0]["message"]
    table = cli("plan", path, "--today", "2026-11-23", env={"COLUMNS": "200"}).stdout
    assert "booked: Tuesday 8 December 2026" in table
    caseload = cli("caseload", path.parent, "--today", "2026-11-23", "--json").stdout
    rows = {d["deadline"]: d for d in json.loads(caseload)["deadlines"]}
    assert rows["first_core_group"]["booked"] == "2026-12-08"
    assert "booked for" in rows["first_core_group"]["status"]


# -- facts recorded before the conference is held --------------------------------------------


def test_outcome_attendance_and_done_before_the_day_are_warned_with_key_and_line(write_case, cli):
    text = case(
        INITIAL,
        professionals="  - {id: hv, name: Ann Lee, agency: health, attendance: attended}\n",
        extra=CP_OUTCOME + "done:\n  decision_letter: 2026-11-21\n",
    )
    path = write_case(text)
    lines = text.splitlines()

    def line_of(prefix: str) -> int:
        return next(i for i, x in enumerate(lines, 1) if x.strip().startswith(prefix))

    data = json.loads(cli("plan", path, "--json", "--today", "2026-11-10").stdout)
    found = {w["code"]: w["message"] for w in data["warnings"]}
    assert f"outcome (line {line_of('outcome:')})" in found["outcome_before_conference"]
    assert f"(line {line_of('- {id: hv')})" in found["attendance_before_conference"]
    assert (
        f"done.decision_letter (line {line_of('decision_letter:')})"
        in found["done_before_conference"]
    )
    # on the day and after, the same file is right
    later = json.loads(cli("plan", path, "--json", "--today", "2026-11-23").stdout)
    assert not {"outcome_before_conference", "attendance_before_conference"} & {
        w["code"] for w in later["warnings"]
    }


HELD = (
    "  - {id: hv, name: Ann Lee, agency: health, contact_with: all, attendance: attended}\n"
    "  - {id: school, name: Tom Reed, agency: education, contact_with: all, "
    "attendance: {school}}\n"
)


def held(sw: str = "attended", school: str = "attended", decision: str = "") -> str:
    text = case(
        INITIAL + decision,
        professionals=HELD.replace("{school}", school),
        extra=CP_OUTCOME,
    )
    return text.replace("contact_with: all}\n", f"contact_with: all, attendance: {sw}}}\n", 1)


def test_an_outcome_for_a_conference_inquorate_by_its_attendance_is_warned(write_case, cli):
    """London CP4 3.10-3.12: decision letters for a meeting that could not decide, and no
    early review counted, unless the chair's decision to go ahead is recorded."""
    path = write_case(held(school="invited"))
    data = json.loads(cli("plan", path, "--json", "--today", "2026-11-23").stdout)
    found = {w["code"]: w["message"] for w in data["warnings"]}
    message = found["held_inquorate_without_decision"]
    assert "inquorate for Amy Smith (still needed: one more agency" in message
    assert "conference.inquorate_decision (London CP4 3.11)" in message
    assert "early review" in message and "early_review" not in data["deadlines"]
    # every command says it, letters too
    quorum = json.loads(cli("check-quorum", path, "--json", "--today", "2026-11-23").stdout)
    assert "held_inquorate_without_decision" in {w["code"] for w in quorum["warnings"]}
    out = path.parent / "pack"
    letters = json.loads(
        cli("letters", path, "--out", out, "--json", "--today", "2026-11-23").stdout
    )
    assert "held_inquorate_without_decision" in {w["code"] for w in letters["warnings"]}
    # next: the review written from decisions that may not stand says so
    review = cli("next", path, "--out", path.parent / "review.yaml", "--today", "2026-11-23")
    assert "[held_inquorate_without_decision]" in review.stderr
    # caseload: a manager sees it, with the file
    load = json.loads(cli("caseload", path, "--json", "--today", "2026-11-23").stdout)
    [warned] = [w for w in load["warnings"] if w["code"] == "held_inquorate_without_decision"]
    assert warned["files"] == [str(path)] and "was inquorate" in warned["message"]
    assert "Amy" not in warned["message"]  # the caseload names no child
    page = path.parent / "caseload.html"
    assert cli("caseload", path, "--today", "2026-11-23", "--html", page).exit_code in (0, 1)
    html = page.read_text(encoding="utf-8")
    assert "its attendance shows was inquorate" in html and "CP-T" in html
    assert "share a reference" not in html and "Amy" not in html


@pytest.mark.parametrize(
    ("text", "today"),
    [
        (lambda: held(), "2026-11-23"),  # quorate: social care, health, education attended
        (  # the chair went ahead: recorded, with its early review
            lambda: held(
                school="invited",
                decision="inquorate_decision: {reason: Police delayed, decided_by: Helen Carter, "
                "decided_on: 2026-11-20}\n",
            ),
            "2026-11-23",
        ),
        (lambda: held(school="invited"), "2026-11-10"),  # not held yet: another warning says so
    ],
)
def test_no_inquorate_warning_when_quorate_decided_or_not_yet_held(write_case, cli, text, today):
    path = write_case(text())
    data = json.loads(cli("plan", path, "--json", "--today", today).stdout)
    codes = {w["code"] for w in data["warnings"]}
    assert "held_inquorate_without_decision" not in codes
    # before the day, the outcome typed in early is what is said
    assert ("outcome_before_conference" in codes) == (today < "2026-11-20")


def test_letters_and_check_quorum_show_the_case_warnings(write_case, cli, tmp_path):
    # a conference booked on Boxing Day (substitute), with an outcome typed in early
    text = case(
        "type: initial\nstrategy_discussion: 2026-12-10\ndate: 2026-12-28\n", extra=CP_OUTCOME
    )
    path = write_case(text)
    quorum = json.loads(cli("check-quorum", path, "--json", "--today", "2026-12-01").stdout)
    got = {w["code"] for w in quorum["warnings"]}
    assert {"conference_on_non_working_day", "outcome_before_conference"} <= got
    out = cli("letters", path, "--out", tmp_path / "pack", "--json", "--today", "2026-12-01")
    got = {w["code"] for w in json.loads(out.stdout)["warnings"]}
    assert {"conference_on_non_working_day", "outcome_before_conference"} <= got


# -- local values (CONTRACT.md section 3) ----------------------------------------------------


def test_local_values_are_marked_and_a_council_may_set_them(write_case):
    london = load_profile("london")
    assert london.session.school_day_ends is None
    local = dict(london.local_values())
    for key in (
        "session.expected_length_minutes",
        "session.school_day_ends",
        "attendance.child_views_from_age",
        "attendance.young_child_under",
        "attendance.reply_needed_working_days",
        "plans.young_child_review",
        "deadlines.early_review",
        "deadlines.first_core_group",
    ):
        assert key in local, key
    ours = london.with_local(
        {"deadlines.early_review": "6 weeks", "attendance.child_views_from_age": 12}
    )
    assert ours.attendance.child_views_from_age == 12
    assert ours.attendance.is_local("child_views_from_age")  # still the council's, not CP4's
    conf = INITIAL + "inquorate_decision: {reason: police absent}\n"
    loaded = open_case(write_case(case(conf)))
    schedule = build_schedule(loaded.case, ours, loaded.calendar, TODAY)
    assert schedule.deadline("early_review").due == D(2027, 1, 1) - dt.timedelta(days=1)  # 6 weeks
    assert LOCAL_NOTE in schedule.deadline("early_review").rule


def test_a_value_the_procedure_states_cannot_be_set_locally():
    with pytest.raises(ProfileError) as exc:
        load_profile("london").with_local(
            {"deadlines.decision_letter": "2 working days", "session.nonsense": 1}
        )
    messages = " ".join(p.message for p in exc.value.problems)
    assert (
        "decision_letter: the london procedure states this deadline (London CP4" in messages
        and "session.nonsense" in messages
    )
    with pytest.raises(ProfileError):
        load_profile("london").with_local({"quorum.other_agencies": 1})


def test_procedures_show_says_which_values_are_local(cli):
    out = cli("procedures", "show", "london", env={"COLUMNS": "250"}).stdout
    assert f"about 120 minutes long ({LOCAL_NOTE})" in out
    assert f"no end of the school day set ({LOCAL_NOTE})" in out
    assert f"from age 10 ({LOCAL_NOTE})" in out
    assert "15:00" not in out


# -- docs/RULES.md: every rule traced ---------------------------------------------------------


@pytest.mark.parametrize("name", BUILTIN)
def test_every_deadline_id_and_reminder_of_every_built_in_profile_is_in_rules_md(name):
    text = RULES_MD.read_text(encoding="utf-8")
    profile = load_profile(name)
    missing = [
        key
        for key in [d.id for d in profile.deadlines] + [r.code for r in profile.reminders]
        if not re.search(rf"`{re.escape(key)}`", text)
    ]
    assert not missing, f"{name}: not traced in docs/RULES.md: {missing}"


def test_after_a_review_the_core_groups_go_on_monthly_and_caseload_sees_the_next(write_case):
    schedule = plan(write_case, case(REVIEW, extra=CP_OUTCOME), D(2026, 11, 23))
    # 20 Nov + 1 month = Sun 20 Dec -> Fri 18 Dec; the review after is due 20 May 2027
    assert schedule.core_groups[0].due == D(2026, 12, 18)
    assert due(schedule, "next_core_group") == D(2026, 12, 18)
    assert schedule.core_groups[-1].due <= due(schedule, "next_review")


def test_plan_check_fails_on_a_booking_later_than_its_deadline(write_case, cli):
    outcome = CP_OUTCOME + "  first_core_group: 2026-12-08\n"
    done = "done:\n" + "".join(
        f"  {d}: 2026-11-18\n"
        for d in (
            "social_worker_report_to_parents",
            "social_worker_report_to_chair",
            "agency_reports",
        )
    )
    path = write_case(case(INITIAL, extra=outcome + done))
    assert cli("plan", path, "--check", "--today", "2026-11-23").exit_code == 1
    in_time = path.read_text().replace(
        "first_core_group: 2026-12-08", "first_core_group: 2026-12-03"
    )
    path.write_text(in_time)
    assert cli("plan", path, "--check", "--today", "2026-11-23").exit_code == 0


def test_check_quorum_shows_the_early_review_as_local_practice(write_case, cli):
    conf = INITIAL + "inquorate_decision: {reason: police absent}\n"
    path = write_case(case(conf))
    out = cli("check-quorum", path, "--today", "2026-11-20", env={"COLUMNS": "200"}).stdout
    assert "An early review conference must be arranged by Friday 18 December 2026" in out
    assert f"1 month after a conference held inquorate ({LOCAL_NOTE})" in out
    data = json.loads(cli("check-quorum", path, "--json", "--today", "2026-11-20").stdout)
    assert LOCAL_NOTE in data["early_review"]["rule"]


def test_a_value_the_local_procedure_states_is_not_marked_local():
    # Warwickshire states the length ("approximately 2-3 hours"); London does not
    warwickshire = load_profile("warwickshire")
    assert not warwickshire.session.is_local("expected_length_minutes")
    assert warwickshire.session.is_local("school_day_ends")
    assert load_profile("london").session.is_local("expected_length_minutes")
    assert not load_profile("york").deadline("first_core_group").rules[0].local
    assert load_profile("hackney").deadline("first_core_group").rules[0].local  # London's


def test_a_warning_about_the_outcome_names_its_line(write_case):
    """Warwickshire: the initial conference sets the first review's date; not booked, the
    warning points at the outcome's line in the case file, as every case-file warning does."""
    text = case(INITIAL, extra=CP_OUTCOME, procedure="warwickshire")
    line = text.splitlines().index("outcome:") + 1
    schedule = plan(write_case, text, D(2026, 11, 23))
    (message,) = [w.message for w in schedule.warnings if w.code == "review_date_not_set"]
    assert message.startswith(f"outcome (line {line}): The initial conference decided")


def test_procedures_show_says_what_a_procedures_letters_say_that_others_do_not(cli):
    """Each setting that changes a letter is shown with the text that says it."""

    def shown(name: str) -> str:
        result = cli("procedures", "show", name, env={"COLUMNS": "300"})
        assert result.exit_code == 0, result.stderr
        return " ".join(result.stdout.split())

    bolton = shown("bolton")
    assert "Letters: the chair meets the family before the start (Bolton leaflet" in bolton
    assert "the chair offers to meet an excluded parent (Bolton leaflet" in bolton
    warwickshire = shown("warwickshire")
    assert "agencies report in their own format (Warwickshire guidelines" in warwickshire
    assert "the initial conference sets the first review's date" in warwickshire
    assert "the record is translated" in shown("york")
    assert "Letters:" not in shown("london")
