"""Each nation's words, and Welsh dates, as plain template values (docs/NATIONS.md).

`terms`: the meeting and the plan as the profile's procedure names them (England's words by
default, so English letters read as before). `cy`: dates and times written in Welsh by
Babel from CLDR's Welsh locale data (never a hand-made table), and the few terms of the
procedure's own Welsh version, for a council's bilingual templates. cpconf ships no Welsh
letter: a council writes its own Welsh text (README, "Bilingual letters in Wales").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cpconf.case import Case
from cpconf.letters.context import cp4_citation
from cpconf.letters.kinds import DEADLINE_IDS
from cpconf.names import join_names, one_line
from cpconf.procedures import Profile
from cpconf.schedule import Schedule

WELSH_DATE = "EEEE d MMMM y"  # "Dydd Mercher 6 Ionawr 2027"


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _caps(text: str) -> str:
    return " ".join(_first_upper(w) for w in text.split(" "))


def terms_values(profile: Profile, conference_type: str) -> dict[str, Any]:
    """The words a template uses for this meeting: `{{ terms.meeting }}` and the rest."""
    t = profile.terms
    this = t.meeting_name(conference_type)
    return {
        "meeting": t.meeting,  # child protection conference | Child Protection Planning Meeting
        "meeting_title": _first_upper(t.meeting),  # at the start of a sentence or a line
        "meeting_caps": _caps(t.meeting),  # in a service's name: Child Protection Conference
        "short": t.meeting_short,  # "the conference" | "the CPPM"
        "short_title": _first_upper(t.meeting_short),
        "short_plural": f"{t.meeting_short}s",
        "this_meeting": this,  # initial child protection conference | review Child Protection…
        "this_meeting_title": _first_upper(this),
        "plan": t.plan,  # child protection plan | care and support protection schedule
        "plan_title": _first_upper(t.plan),
        "register": t.has_register,
        "register_name": t.register_name,
        "strategy_discussion": t.strategy_discussion,
        "strategy_discussion_short": t.strategy_discussion_short,
        "reporter": t.reporter,
        "enquiry": t.enquiry,  # section 47 enquiry | child protection investigation
        "enquiry_short": t.enquiry_short,  # "the enquiry" | "the investigation"
        "category": t.category,  # Scotland: no category, the areas of concern (para 1.88)
        # "Category" | "Areas of concern": a table's heading
        "category_label": "Category" if t.category else "Areas of concern",
        "child_in_need_plan": t.child_in_need_plan,  # Wales: care and support plan
        "child_in_need_plan_title": _first_upper(t.child_in_need_plan),
        "other_help": t.other_help,  # "child in need plan, early help" | "" (plain words)
    }


def registered_names(case: Case) -> str:
    """The children given a child protection plan, whose names go on the register."""
    if case.outcome is None:
        return ""
    plans = {d.child for d in case.outcome.decisions if d.plan == "child-protection"}
    return join_names([one_line(c.name) for c in case.children if c.id in plans])


def welsh_date(d: dt.date | None) -> str:
    """'Dydd Mercher 6 Ionawr 2027'; '' for no date."""
    if d is None:
        return ""
    from babel.dates import format_date  # imported only when letters are written

    return format_date(d, WELSH_DATE, locale="cy")


def welsh_time(t: dt.time | None) -> str:
    """CLDR's Welsh short time, the 24-hour clock: '10:30', '14:00'; '' for no time."""
    if t is None:
        return ""
    from babel.dates import format_time

    return format_time(t, "short", locale="cy")


def welsh_values(case: Case, profile: Profile, schedule: Schedule) -> dict[str, Any]:
    """`{{ cy.conference.date }}` and the rest: the same dates as the English values, in Welsh."""
    from cpconf.dates import add_minutes

    conf = case.conference
    session = profile.session
    join = add_minutes(conf.time, session.professionals_join_minutes) if conf.time else None
    ends = add_minutes(conf.time, session.expected_length_minutes) if conf.time else None
    deadlines = dict.fromkeys(DEADLINE_IDS, "")
    for d in schedule.deadlines:
        deadlines[d.id] = welsh_date(d.due)
    out = case.outcome
    first_cg = schedule.deadline("first_core_group")
    review = schedule.deadline("next_review")
    return {
        "letter_date": welsh_date(schedule.today),
        "conference": {
            "date": welsh_date(conf.date),
            "time": welsh_time(conf.time),
            "professionals_time": welsh_time(join),
            "ends": welsh_time(ends),
            "previous_date": welsh_date(conf.previous_conference),
            "due_date": welsh_date(conf.due_date),
        },
        "deadlines": deadlines,
        # as `outcome`: None until the outcome is recorded
        "outcome": None
        if out is None
        else {
            "first_core_group": welsh_date(
                out.first_core_group or (first_cg.due if first_cg else None)
            ),
            "next_review": welsh_date(out.next_review or (review.due if review else None)),
        },
        "terms": profile.terms.welsh.model_dump(),
    }


def nation_values(case: Case, profile: Profile, schedule: Schedule) -> dict[str, Any]:
    """The values this module adds to every document's context."""
    return {
        "terms": terms_values(profile, case.conference.type),
        "registered_names": registered_names(case),
        # London CP4 paragraphs are quoted only where the profile follows London's procedure
        "follows_london": bool(cp4_citation(profile, "")),
        "cy": welsh_values(case, profile, schedule),
    }
