"""The plain values each template gets: formatted dates, names, lists.

The wording is in the templates (docs/TEMPLATES.md); here only values, already written as
people read them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from cpconf.case import AGENCY_NAMES, Case, Child, FamilyMember, Professional, Recommendation
from cpconf.dates import add_minutes, clock, long_date
from cpconf.letters.kinds import DEADLINE_IDS
from cpconf.names import a_or_an, clean_text, join_names, one_line
from cpconf.procedures import Profile
from cpconf.schedule import Schedule

# -- plain values ------------------------------------------------------------------------


def _date(d: dt.date | None) -> str:
    return long_date(d) if d else ""


def _dob(d: dt.date | None) -> str:
    return f"{d.day} {d:%B %Y}" if d else ""


def _duration(minutes: int) -> str:
    hours, mins = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' * (hours != 1)}")
    if mins:
        parts.append(f"{mins} minutes")
    return " ".join(parts) or "0 minutes"


def full_stop(value: object) -> str:
    """Text typed into a case file, as a sentence: a reason without a full stop gets one."""
    text = clean_text(value)
    if not text or text.rstrip("\"')\u2019\u201d").endswith((".", "!", "?", ":")):
        return text
    return text + "."


def sentence(value: object) -> str:
    """Text typed into a case file that stands as a paragraph of its own: a full stop, and a
    capital letter to begin with ("his views will be given…" -> "His views…")."""
    text = full_stop(value)
    return text[:1].upper() + text[1:] if text[:1].islower() else text


# Relationships whose holder is the parent of the subject children ("your baby").
_PARENT_WORDS = ("mother", "father", "parent", "mum", "dad")


def is_parent(relationship: str | None) -> bool:
    """'mother', 'Mother (expectant)', 'father of the unborn baby': yes; "mother's partner": no."""
    words = one_line(relationship).lower().split()
    return bool(words) and words[0] in _PARENT_WORDS


def _address_lines(address: str | None) -> list[str]:
    text = clean_text(address)
    return [one_line(p) for p in re.split(r"[,\n]", text) if p.strip()]


def contact_values(contact: Any) -> dict[str, str]:
    return {
        "name": one_line(getattr(contact, "name", "")),
        "email": one_line(getattr(contact, "email", "")),
        "phone": one_line(getattr(contact, "phone", "")),
    }


def letterhead_values(letterhead: Any) -> dict[str, Any]:
    """The council's letterhead (settings `letterhead`); every value "" where none is set."""
    return {
        "address": one_line(getattr(letterhead, "address", "")),
        "address_lines": _address_lines(getattr(letterhead, "address", None)),
        "phone": one_line(getattr(letterhead, "phone", "")),
        "email": one_line(getattr(letterhead, "email", "")),
        "website": one_line(getattr(letterhead, "website", "")),
    }


def child_values(child: Child, on: dt.date, known: bool = False) -> dict[str, Any]:
    age = child.age_on(on)
    return {
        "id": child.id,
        "name": one_line(child.name),
        "dob": _dob(child.dob),
        "age": "" if age is None else str(age),
        "age_words": child.age_words(on),  # "7", "9 months": "(aged …)"
        "unborn": child.unborn,
        "subject": child.subject,
        "known": known,
    }


def professional_values(p: Professional, case: Case) -> dict[str, Any]:
    social_worker = case.social_worker()
    return {
        "id": p.id,
        "name": one_line(p.name),
        "role": one_line(p.role),
        "agency": p.agency,
        "agency_name": AGENCY_NAMES[p.agency],
        "organisation": one_line(p.organisation),
        "email": one_line(p.email),
        "phone": one_line(p.phone),
        "attendance": p.attendance,
        "observer": p.observer,
        "is_police": p.agency == "police",
        "is_social_worker": p.agency == "children_social_care",
        # the case's own social worker, whom the other invitations name as the contact
        "is_case_social_worker": social_worker is not None and social_worker.id == p.id,
        "is_family": False,
        "parent": False,
        "address_lines": [],
        "children": [one_line(c.name) for c in case.children if p.knows(c.id)],
        "children_names": join_names([one_line(c.name) for c in case.children if p.knows(c.id)]),
    }


def family_values(f: FamilyMember) -> dict[str, Any]:
    """A family member as others may see them: never an address (CONTRACT.md section 1)."""
    return {
        "id": f.id,
        "name": one_line(f.name),
        "relationship": one_line(f.relationship),
        "interpreter": one_line(f.interpreter),
        # "an Urdu", "a Polish": the article goes with the language
        "an_interpreter": f"{a_or_an(f.interpreter)} interpreter"
        if one_line(f.interpreter)
        else "",
        "excluded": f.excluded,
    }


def family_recipient_values(f: FamilyMember) -> dict[str, Any]:
    """A family member in their own documents: the only place their address is printed."""
    ex = f.exclusion
    return {
        **family_values(f),
        "is_family": True,
        "parent": is_parent(f.relationship),
        "role": "",
        "organisation": "",
        "email": "",
        "address_lines": _address_lines(f.address),
        "exclusion": {
            "part": clean_text(ex.part if ex else ""),
            "reason": full_stop(ex.reason if ex else ""),
            "views": sentence(ex.views if ex else ""),
            "decided_on": _date(ex.decided_on if ex else None),
        },
    }


def exclusion_letter_values(f: FamilyMember, profile: Profile) -> dict[str, Any]:
    """The excluded family member of their own exclusion letter, with what the procedure
    promises them beyond London CP4 5.8-5.11 (the profile's `exclusion:`; Bolton, York)."""
    values = family_recipient_values(f)
    values["exclusion"] = {
        **values["exclusion"],
        "chair_offers_to_meet": profile.exclusion.chair_offers_to_meet,
        "included_in_plan": profile.exclusion.included_in_plan,
    }
    return values


def person_line(p: Professional | FamilyMember) -> str:
    if isinstance(p, Professional):
        bits = [one_line(p.name), one_line(p.role), one_line(p.organisation)]
    else:
        bits = [one_line(p.name), one_line(p.relationship)]
    return ", ".join(b for b in bits if b)


def cp4_citation(profile: Profile, paragraph: str) -> str:
    """' (London CP4 7.10)' for a profile that follows London's procedure; else nothing."""
    return profile.cp4(paragraph)


# -- who gets what -----------------------------------------------------------------------


def conference_values(case: Case, profile: Profile, today: dt.date) -> dict[str, Any]:
    conf = case.conference
    session = profile.session
    in_person = session.blended_in_person
    in_person_words = {
        "chair": "the chair",
        "social_worker": "the social worker",
        "family": "the family",
    }
    start = conf.time
    join = add_minutes(start, session.professionals_join_minutes) if start else None
    ends = add_minutes(start, session.expected_length_minutes) if start else None
    return {
        "type": conf.type,
        "date": _date(conf.date),
        "time": clock(start) if start else "",
        "professionals_time": clock(join) if join else "",
        "pre_meeting": session.professionals_join_minutes > 0,
        "pre_meeting_minutes": session.professionals_join_minutes,
        "ends": clock(ends) if ends else "",
        "length": _duration(session.expected_length_minutes),
        "mode": conf.mode or "",
        # a blended conference: who is in the room ("" where the profile does not say)
        "blended_in_person": join_names([in_person_words[w] for w in in_person]),
        # the same, to the family: who is in the room with them
        "blended_with_family": join_names([in_person_words[w] for w in in_person if w != "family"]),
        "social_worker_in_person": "social_worker" in in_person,
        "family_in_person": "family" in in_person,
        # the chair meets the parents just before the start (Bolton; Hackney's is timed)
        "chair_meets_family": session.chair_meets_family,
        # held by the day the letters are dated: a decision letter says "was held" only then
        "held": conf.date is not None and conf.date <= today,
        "venue": clean_text(conf.venue),
        "previous_date": _date(conf.previous_conference),
        "due_date": _date(conf.due_date),
    }


def deadline_values(schedule: Schedule) -> dict[str, str]:
    out = dict.fromkeys(DEADLINE_IDS, "")
    for d in schedule.deadlines:
        out[d.id] = long_date(d.due)
    return out


def deadline_local_values(schedule: Schedule) -> dict[str, bool]:
    """For each deadline id, whether its rule is local practice, not the procedure's (a
    letter says "by [date] (local practice)": London CP4 9.8 and 3.12 give no timescale)."""
    out = dict.fromkeys((*DEADLINE_IDS, "early_review"), False)
    for d in schedule.deadlines:
        out[d.id] = d.local
    return out


def outcome_values(case: Case, schedule: Schedule) -> dict[str, Any] | None:
    out = case.outcome
    if out is None:
        return None
    on = case.conference.date or schedule.today
    lead = case.person(out.lead_social_worker) if out.lead_social_worker else None
    first_cg = out.first_core_group
    review = out.next_review
    d_first = schedule.deadline("first_core_group")
    d_review = schedule.deadline("next_review")

    def member(pid: str) -> dict[str, str]:
        p = case.person(pid)
        if isinstance(p, Professional):
            return {
                "name": one_line(p.name),
                "role": one_line(p.role),
                "organisation": one_line(p.organisation),
            }
        if isinstance(p, FamilyMember):
            return {"name": one_line(p.name), "role": one_line(p.relationship), "organisation": ""}
        return {"name": one_line(p.name) if p else pid, "role": "", "organisation": ""}

    decisions = []
    for d in out.decisions:
        decisions.append(
            {
                "child": child_values(case.child(d.child), on),
                "plan": d.plan,
                "category": d.category or "",
                "concerns": ", ".join(one_line(c) for c in d.concerns),  # Scotland (para 1.88)
                # unborn or under one on the day: a plan considers SUDI (London CP4 9.9),
                # as the outline plan does (`plan_child.baby`)
                "baby": is_baby(case.child(d.child), on),
            }
        )
    return {
        "decisions": decisions,
        "any_protection_plan": any(d.plan == "child-protection" for d in out.decisions),
        # how many children the protection plan covers: "the child" or "the children"
        "protection_plans": sum(d.plan == "child-protection" for d in out.decisions),
        # the children given (or keeping) a plan, by name: the core group's and the plan's
        "plan_names": join_names(
            [
                one_line(case.child(d.child).name)
                for d in out.decisions
                if d.plan == "child-protection"
            ]
        ),
        "lead_social_worker": (
            professional_values(lead, case)
            if isinstance(lead, Professional)
            else {"name": "", "role": "", "email": "", "phone": "", "organisation": ""}
        ),
        "core_group": [member(pid) for pid in out.core_group],
        "first_core_group": _date(first_cg) or (long_date(d_first.due) if d_first else ""),
        "first_core_group_booked": first_cg is not None,
        "first_core_group_time": clock(out.first_core_group_time)
        if out.first_core_group_time
        else "",
        "next_review": _date(review) or (long_date(d_review.due) if d_review else ""),
        "next_review_booked": review is not None,
        "recommendations": [
            sentence(r if isinstance(r, str) else r.text)
            for r in out.recommendations
            if clean_text(r if isinstance(r, str) else r.text)
        ],
        "contingency": sentence(out.contingency),
        "dissent": [{"by": member(x.by), "view": full_stop(x.view)} for x in out.dissent],
    }


# -- after the conference: the cycle (issue 11) ------------------------------------------

# How a child's views reached the conference (London CP4 4.3-4.18), in words for the record.
VIEWS_WORDS: dict[str, str] = {
    "attending": "attended the conference",
    "advocate": "through an advocate",
    "booklet": "in their booklet",
    "written": "in writing or recorded",
    "social-worker": "through the social worker",
    "chair-meeting": "met the chair before the conference",
    "declined": "chose not to take part",
}
ATTENDANCE_WORDS: dict[str, str] = {
    "attended": "Attended",
    "attending": "Attended",
    "apologies": "Apologies",
    "absent": "Did not attend",
    "invited": "[attended / apologies / did not attend]",
}


def paperwork_values(profile: Profile) -> dict[str, Any]:
    """What the procedure says of the papers after the conference (Profile.paperwork)."""
    pw = profile.paperwork
    return {
        "core_group_rhythm": one_line(pw.core_group_rhythm),
        "core_group_rhythm_source": one_line(pw.core_group_rhythm_source),
        "record_translated": pw.record_translated,
        "record_translated_source": one_line(pw.record_translated_source),
        "full_plan_after_first_core_group": pw.full_plan_after_first_core_group,
        "full_plan_source": one_line(pw.full_plan_source),
        "child_booklet": one_line(pw.child_booklet),
        "child_advocacy": one_line(pw.child_advocacy),
        "child_source": one_line(pw.child_source),
    }


def attendance_values(profile: Profile) -> dict[str, bool]:
    """What the procedure asks of a professional's report (Profile.attendance)."""
    checks = profile.attendance
    return {
        # Warwickshire: the agency's own format, not the enclosed template
        "agency_format": checks.agency_format,
        # Warwickshire: one unable to attend sends the report to the social worker too
        "report_copy_to_social_worker": "social_worker" in checks.report_copy_to,
    }


def sudi_names(children: list[Child], on: dt.date) -> str:
    """The subject children whose plan would consider SUDI (London CP4 9.9), for the
    agenda: "the baby" ("the babies": twins) for an unborn child, else the name; "" where
    there is none."""
    unborn = sum(c.unborn for c in children)
    born = [one_line(c.name) for c in children if not c.unborn and is_baby(c, on)]
    return join_names(([("the babies" if unborn > 1 else "the baby")] if unborn else []) + born)


def is_baby(child: Child, on: dt.date) -> bool:
    """Unborn, or under one year old on the day: the plan considers SUDI (London CP4 9.9)."""
    age = child.age_on(on)
    return child.unborn or (age is not None and age < 1)


def plan_child_values(case: Case, child_id: str, on: dt.date) -> dict[str, Any]:
    """One child given a child protection plan: the outline plan's subject."""
    child = case.child(child_id)
    decision = next(
        d for d in (case.outcome.decisions if case.outcome else []) if d.child == child_id
    )
    # CP4 9.7: who does what, by when; a recommendation for other children is not this
    # child's plan
    actions = []
    for r in case.outcome.recommendations if case.outcome else []:
        rec = Recommendation(text=r) if isinstance(r, str) else r
        if rec.concerns(child_id) and clean_text(rec.text):
            actions.append(
                {
                    "what": sentence(rec.text),
                    "who": one_line(rec.who),
                    "by": long_date(rec.by) if rec.by else "",
                }
            )
    return {
        **child_values(child, on),
        "actions": actions,
        "category": decision.category or "",
        "concerns": ", ".join(one_line(c) for c in decision.concerns),
        "baby": is_baby(child, on),
        "invite": child.invite,
        # in a sentence: "the baby" for an unborn child (named "Unborn baby of ..."), else the name
        "called": "the baby" if child.unborn else one_line(child.name),
    }


def ended_plans(case: Case) -> list[tuple[Child, str]]:
    """Children whose protection plan ends at this review, each with what follows it.

    A review's subjects are the children on a plan (CONTRACT.md 4, `cpconf next`): a
    decision other than a protection plan ends it (London CP4 10.3-10.10).
    """
    if case.outcome is None or case.conference.type != "review":
        return []
    return [
        (case.child(d.child), d.plan)
        for d in case.outcome.decisions
        if d.plan != "child-protection"
    ]


def ended_values(case: Case, on: dt.date) -> list[dict[str, Any]]:
    return [{"child": child_values(c, on), "plan": plan} for c, plan in ended_plans(case)]


def _reports(case: Case) -> list[dict[str, str]]:
    """The reports recorded as received: the social work report (`done`), then each agency's."""
    out = []
    social_work = case.done.get("social_worker_report_to_chair")
    sw = case.social_worker()
    if social_work is not None:
        out.append(
            {
                "name": "Social work report" + (f" ({one_line(sw.name)})" if sw else ""),
                "organisation": one_line(sw.organisation) if sw else "",
                "received": _date(social_work),
            }
        )
    for p in case.professionals:
        if p.report_received:
            out.append(
                {
                    "name": one_line(p.name),
                    "organisation": one_line(p.organisation),
                    "received": _date(p.report_received),
                }
            )
    return out


def record_values(case: Case, quorum: Any) -> dict[str, Any]:
    """The conference record's pre-filled facts: who came, reports, quorum, exclusions, views.

    `quorum` is the conference's QuorumReport (London CP4 3.10-3.12); family addresses
    are never here: the record goes to everyone invited (London CP4 14.4).
    """
    conf = case.conference
    on = conf.date
    present = [p for p in case.professionals if p.present]
    decision = conf.inquorate_decision
    children_quorum = [
        {
            "name": one_line(c.name),
            "quorate": c.quorate,
            "by_exception": c.by_exception,
            "missing": one_line(c.missing),
        }
        for c in quorum.children
    ]
    views = []
    for c in case.subject_children:
        words = [VIEWS_WORDS[v] for v in c.views]
        views.append({"name": one_line(c.name), "how": "; ".join(words)})
    return {
        "attended": [professional_values(p, case) for p in present],
        "apologies": [
            {
                **professional_values(p, case),
                "report": _date(p.report_received),
                "attendance_words": ATTENDANCE_WORDS[p.attendance],
            }
            for p in case.professionals
            if not p.present
        ],
        # a section for each agency that came or sent a report (London CP4 3.4, 7.1)
        "agency_sections": [
            professional_values(p, case)
            for p in case.professionals
            if (p.present or p.report_received) and not p.observer
        ],
        "reports": _reports(case),
        "quorate": quorum.quorate,
        "quorum_rule": one_line(quorum.rule).rstrip("."),
        "quorum_children": children_quorum,
        "inquorate_reason": clean_text(decision.reason if decision else ""),
        "inquorate_decided_by": one_line(decision.decided_by if decision else ""),
        "inquorate_decided_on": _date(decision.decided_on if decision else None),
        "early_review": long_date(quorum.early_review.due)
        if quorum.chair_proceeded and quorum.early_review is not None
        else "",
        "excluded": [
            {
                **family_values(f),
                "part": clean_text(f.exclusion.part if f.exclusion else ""),
                # as the exclusion letter gives it: a sentence, with its full stop
                "reason": full_stop(f.exclusion.reason if f.exclusion else ""),
                "decided_on": _date(f.exclusion.decided_on if f.exclusion else None),
            }
            for f in case.family
            if f.excluded != "none"
        ],
        "interpreters": [family_values(f) for f in case.family if f.interpreter],
        "views": views,
        "held_on": _date(on),
    }
