"""Who gets which document, and what the pack warns about (London CP4 3.2, 7.7-7.9, 14.13)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from cpconf.case import Case, Child, FamilyMember, Professional
from cpconf.conference import Conference
from cpconf.dates import long_date
from cpconf.errors import CaseError
from cpconf.letters.context import (
    attendance_values,
    child_values,
    conference_values,
    contact_values,
    cp4_citation,
    deadline_local_values,
    deadline_values,
    ended_values,
    exclusion_letter_values,
    family_recipient_values,
    family_values,
    letterhead_values,
    outcome_values,
    paperwork_values,
    person_line,
    plan_child_values,
    professional_values,
    record_values,
    sudi_names,
)
from cpconf.letters.engine import has_listing
from cpconf.letters.kinds import PlannedDocument
from cpconf.letters.naming import filename
from cpconf.letters.terms import nation_values
from cpconf.names import clean_text, join_names, one_line
from cpconf.schedule import Notice, Schedule


def shared_values(conference: Conference, schedule: Schedule, on: dt.date) -> dict[str, Any]:
    """The values every document of the case gets, whoever it is for (`on`: the day the
    children's ages are counted at, the conference's)."""
    case, profile = conference.case, conference.profile
    conf = case.conference
    deadlines = deadline_values(schedule)
    chair = contact_values(conf.chair)
    coordinator = contact_values(conf.coordinator)
    social_worker = case.social_worker()
    outcome = outcome_values(case, schedule)
    invited_family = [f for f in case.family if f.invited]
    origin = conf.originating_authority if conf.type == "transfer-in" else None
    return {
        "la": one_line(case.case.local_authority) or "Children's Services",
        "reference": one_line(case.case.reference),
        "letter_date": long_date(schedule.today),
        "procedure": profile.title,
        "conference": conference_values(case, profile, schedule.today),
        "deadlines": deadlines,
        # the ids whose rule is local practice: the letters say so beside the date
        "deadlines_local": deadline_local_values(schedule),
        "chair": chair,
        "coordinator": coordinator,
        "letterhead": letterhead_values(
            conference.settings.letterhead if conference.settings is not None else None
        ),
        "reports_to": one_line(profile.reports_email or coordinator["email"] or chair["email"]),
        # the mailbox every invitation and request for reports comes from (Hackney guide)
        "invitations_from": one_line(profile.invitations_from),
        "complaints": clean_text(profile.complaints),
        "children": [child_values(c, on) for c in case.children],
        "subject_children": [child_values(c, on) for c in case.subject_children],
        "subject_names": join_names([one_line(c.name) for c in case.subject_children]),
        "other_children": [child_values(c, on) for c in case.children if not c.subject],
        "other_names": join_names([one_line(c.name) for c in case.children if not c.subject]),
        "social_worker": (
            professional_values(social_worker, case)
            if social_worker is not None
            else {"name": "", "email": "", "phone": "", "role": "", "organisation": ""}
        ),
        "professionals": [professional_values(p, case) for p in case.professionals],
        "family": [family_values(f) for f in invited_family],
        "part_excluded": [family_values(f) for f in case.family if f.excluded == "part"],
        "fully_excluded": [family_values(f) for f in case.family if f.excluded == "full"],
        "outcome": outcome,
        # transfer-in: the authority the child moved from (London CP4 1.18); "" otherwise
        "originating_authority": {
            "name": one_line(origin.name) if origin else "",
            "contact": one_line(origin.contact.name) if origin and origin.contact else "",
        },
        # the nation's words (`terms`), registration, and Welsh dates (`cy`)
        **nation_values(case, profile, schedule),
        "paperwork": paperwork_values(profile),
        # what the procedure asks of each professional's report (Warwickshire)
        "attendance": attendance_values(profile),
        # unborn or under one on the day: the plan considers SUDI (London CP4 9.9)
        "sudi_names": sudi_names(case.subject_children, on),
        "ended": ended_values(case, on),
        "ended_names": join_names([e["child"]["name"] for e in ended_values(case, on)]),
    }


def plan_documents(conference: Conference, schedule: Schedule) -> list[PlannedDocument]:
    """Every document of the pack, in the order a coordinator sends them (CONTRACT.md 4)."""
    case, profile = conference.case, conference.profile
    conf = case.conference
    on = conf.date
    if on is None:
        raise CaseError([conference.unbooked()])
    base = shared_values(conference, schedule, on)
    deadlines = base["deadlines"]
    outcome = base["outcome"]
    invited_family = [f for f in case.family if f.invited]
    origin = conf.originating_authority if conf.type == "transfer-in" else None
    send_now = long_date(schedule.today)
    base_listing = has_listing(base)  # once: the shared values are the bulk of each context
    docs: list[PlannedDocument] = []

    def add(
        kind: str,
        person: Professional | FamilyMember | None,
        recipient: dict[str, Any],
        letter_date: str | None = None,
        name: str = "",
        **extra: Any,
    ) -> None:
        values = extra.pop("values", {})  # the kind's own values (the record's facts)
        context = {**base, "recipient": recipient, **values}
        if letter_date is not None:
            context["letter_date"] = letter_date
        if person is not None:
            context["children"] = [
                child_values(c, on, isinstance(person, Professional) and person.knows(c.id))
                for c in case.children
            ]
        docs.append(
            PlannedDocument(
                listing=base_listing or has_listing(recipient) or has_listing(values),
                kind=kind,
                recipient=person.id if person else None,
                recipient_name=one_line(person.name) if person else name,
                filename=filename(
                    kind, person.id if person else None, one_line(person.name) if person else name
                ),
                context=context,
                **extra,
            )
        )

    for p in case.professionals:
        report_due = deadlines[
            "social_worker_report_to_chair"
            if p.agency == "children_social_care"
            else "agency_reports"
        ]
        add(
            "invitation",
            p,
            professional_values(p, case),
            send_to=[person_line(p)],
            send_by=send_now,
            due_back=f"report by {report_due}" if report_due else "",
        )
    for f in invited_family:
        add(
            "family_invitation",
            f,
            family_recipient_values(f),
            send_to=[person_line(f)],
            send_by=send_now,
            note="address confidential: send to this person only" if f.address_confidential else "",
        )
    for f in case.family:
        if f.excluded != "none":
            due = deadlines["exclusion_request"]
            decided = f.exclusion.decided_on if f.exclusion else None
            # The letter is dated the day the chair decided (CP4 5.9: written before the
            # conference). Rebuilt on or after the day without that date, it is the file's
            # copy: it is not dated today as if the conference were still to come.
            if decided is not None:
                dated = long_date(decided)
            elif schedule.today < on:
                dated = long_date(schedule.today)
            else:
                dated = "Copy for the file (the date it was sent is not recorded)"
            notes = ["with the social work report" + cp4_citation(profile, "5.10")]
            if f.address_confidential:
                notes.append("address confidential: send to this person only")
            add(
                "exclusion_letter",
                f,
                exclusion_letter_values(f, profile),
                letter_date=dated,
                send_to=[person_line(f)],
                send_by=f"as soon as the chair decides, before {long_date(on)}"
                + (f" (requests due by {due})" if due else ""),
                note="; ".join(notes),
            )

    def add_child(kind: str, child: Child, **extra: Any) -> None:
        """A document about or for one child: addressed to them, or (the plan) about them."""
        recipient = {
            **child_values(child, on),
            "first_name": one_line(child.name).split(" ")[0],
            "is_family": False,
            "role": "",
            "organisation": "",
            "email": "",
            "address_lines": [],
        }
        context = {**base, "recipient": recipient, **extra.pop("values", {})}
        docs.append(
            PlannedDocument(
                listing=base_listing or has_listing(context),
                kind=kind,
                recipient=child.id,
                recipient_name=one_line(child.name),
                filename=filename(kind, child.id, one_line(child.name)),
                context=context,
                **extra,
            )
        )

    sw_name = base["social_worker"]["name"]
    through = f", through the social worker{' ' + sw_name if sw_name else ''}"
    for p in case.professionals:
        if p.agency == "children_social_care":
            # a date the procedure does not set (the nations) is left out, not left blank
            due_back = [
                f"{what} by {deadlines[key]}"
                for what, key in (
                    ("shared with the family", "social_worker_report_to_parents"),
                    ("to the chair", "social_worker_report_to_chair"),
                )
                if deadlines[key]
            ]
            add(
                "social_work_report_template",
                p,
                professional_values(p, case),
                send_to=[person_line(p)],
                send_by="with the invitation",
                due_back="; ".join(due_back),
            )
        else:
            police = p.agency == "police"
            add(
                "report_template",
                p,
                professional_values(p, case),
                send_to=[person_line(p)],
                send_by="with the invitation",
                due_back=f"report by {deadlines['agency_reports']}"
                if deadlines["agency_reports"]
                else "",
                note="for the chair only" + cp4_citation(profile, "7.10") if police else "",
            )
    if origin is not None:
        # London CP4 1.18: the original authority is invited and its reports received
        contact = origin.contact
        add(
            "originating_authority_invitation",
            None,
            {
                "name": one_line(contact.name) if contact else "",
                "email": one_line(contact.email) if contact else "",
                "phone": one_line(contact.phone) if contact else "",
                "organisation": one_line(origin.name),
                "role": "",
                "address_lines": [],
                "is_family": False,
                "is_case_social_worker": False,
                "parent": False,
            },
            name=one_line(origin.name),
            send_to=[
                ", ".join(
                    x
                    for x in (one_line(contact.name) if contact else "", one_line(origin.name))
                    if x
                )
            ],
            send_by=send_now,
            due_back=f"reports by {deadlines['agency_reports']}"
            if deadlines["agency_reports"]
            else "",
            note="invited, and asked for its reports" + cp4_citation(profile, "1.18"),
        )
    agenda_to = [person_line(p) for p in case.professionals] + [
        person_line(f) for f in invited_family
    ]
    if origin is not None:
        agenda_to.append(one_line(origin.name))
    add(
        "agenda",
        None,
        {},
        send_to=agenda_to,
        send_by="with the invitations",
        note="not to family members excluded from the whole conference"
        if len(invited_family) < len(case.family)
        else "",
    )
    for child in case.children:
        if child.invite:  # the child's own invitation (London CP4 4.3-4.18)
            add_child(
                "child_invitation",
                child,
                send_to=[one_line(child.name) + through],
                send_by=send_now,
                note="the social worker talks it through with the child"
                + cp4_citation(profile, "4.13, 4.18"),
            )
    if outcome is not None:
        due = deadlines["decision_letter"]
        # no date where the procedure sets none (the nations' profiles): never London's rule
        by = f"by {due}" if due else "no timescale set by the procedure"
        for p in case.professionals:
            add(
                "decision_letter",
                p,
                professional_values(p, case),
                send_to=[person_line(p)],
                send_by=by,
            )
        for f in case.family:
            add(
                "decision_letter",
                f,
                family_recipient_values(f),
                send_to=[person_line(f)],
                send_by=by,
                note="address confidential: send to this person only"
                if f.address_confidential
                else "",
            )
        _after_documents(conference, schedule, base, add, add_child, through)
    return docs


def _after_documents(
    conference: Conference,
    schedule: Schedule,
    base: dict[str, Any],
    add: Callable[..., None],
    add_child: Callable[..., None],
    through: str,
) -> None:
    """The documents of the cycle once the outcome is recorded (CONTRACT.md 4; issue 11).

    `add` and `add_child` append to the pack being planned, in the order a coordinator
    sends them: plans, the record, core group invitations, the child's, plan ended.
    """
    case, profile = conference.case, conference.profile
    outcome = case.outcome
    assert outcome is not None and case.conference.date is not None
    on = case.conference.date
    deadlines = base["deadlines"]
    decision_by = (
        f"by {deadlines['decision_letter']}"
        if deadlines["decision_letter"]
        else "with the decision letter (no timescale set by the procedure)"
    )
    invited_family = [f for f in case.family if f.invited]
    everyone = [person_line(p) for p in case.professionals] + [
        person_line(f) for f in invited_family
    ]
    paperwork = profile.paperwork

    def cite(paragraphs: str) -> str:
        return cp4_citation(profile, paragraphs)

    # the outline plan, one per child given a plan, with the decision letter to all invited,
    # the parents and, where appropriate, the child (London CP4 9.4-9.9, 14.13)
    for d in outcome.decisions:
        if d.plan != "child-protection":
            continue
        child = case.child(d.child)
        note = "signed by the chair"
        if len(invited_family) < len(case.family):
            note += "; not to family members excluded from the whole conference"
        if paperwork.full_plan_after_first_core_group:
            note += (
                "; the full plan is drawn up at the first core group and then sent to the "
                f"family and the core group ({paperwork.full_plan_source})"
            )
        add_child(
            "outline_plan",
            child,
            values={"plan_child": plan_child_values(case, d.child, on)},
            send_to=everyone + ([one_line(child.name) + through] if child.invite else []),
            send_by=f"with the decision letter, {decision_by}",
            note=note + cite("14.13"),
        )
    # the record, for the chair and coordinator to complete (London CP4 14.4-14.8)
    record_due = deadlines["conference_record"]
    quorum = conference.quorum(schedule.today)
    record_note = (
        "parents' copy given and discussed by the social worker, confidential material "
        "left out at the chair's decision; the chair decides whether the child gets a copy"
        + cite("14.5-14.8")
    )
    if any(f.excluded == "full" for f in case.family):
        record_note += (
            "; a family member excluded from the whole conference gets it only if the chair decides"
            + cite("5.10")
        )
    if paperwork.record_translated and any(f.interpreter for f in case.family):
        record_note += (
            "; translated for the family where an interpreter was needed "
            f"({paperwork.record_translated_source})"
        )
    chair = base["chair"]["name"]
    coordinator = base["coordinator"]["name"]
    add(
        "conference_record",
        None,
        {},
        send_to=[
            f"{chair or 'The chair'} (chair) and {coordinator or 'the coordinator'} "
            "(coordinator) complete it; then everyone invited"
        ],
        send_by=f"to everyone invited by {record_due}" if record_due else "to everyone invited",
        due_back="amendments within one week of receipt" + cite("14.4"),
        note=record_note,
        values={"record": record_values(case, quorum)},
    )
    # core group invitations, when some child has a plan (London CP4 9.8; Warwickshire)
    if any(d.plan == "child-protection" for d in outcome.decisions):
        for pid in outcome.core_group:
            person = case.person(pid)
            if isinstance(person, Professional):
                add(
                    "core_group_invitation",
                    person,
                    professional_values(person, case),
                    send_to=[person_line(person)],
                    send_by=f"with the decision letter, {decision_by}",
                )
            elif isinstance(person, FamilyMember):
                add(
                    "core_group_invitation",
                    person,
                    family_recipient_values(person),
                    send_to=[person_line(person)],
                    send_by=f"with the decision letter, {decision_by}",
                    note="address confidential: send to this person only"
                    if person.address_confidential
                    else "",
                )
    # the child's own decision letter, for each invited child (London CP4 14.7, 14.13)
    for child in case.children:
        if not child.invite:
            continue
        decision = next((d for d in outcome.decisions if d.child == child.id), None)
        add_child(
            "child_decision_letter",
            child,
            values={
                "decision": {
                    "plan": decision.plan if decision else "",
                    "category": (decision.category or "") if decision else "",
                }
            },
            send_to=[one_line(child.name) + through],
            send_by=decision_by,
            note="the social worker explains it to the child" + cite("14.7"),
        )
    # at a review that ends a plan: each professional and each family member of the core
    # group (London CP4 10.9); no time is set for it: with the decision letter (local)
    if base["ended"]:
        core = set(case.conference.core_group) | set(outcome.core_group)
        when = f"with the decision letter, {decision_by} (local: CP4 10.9 sets no time)"
        for p in case.professionals:
            add(
                "plan_ended_notification",
                p,
                professional_values(p, case),
                send_to=[person_line(p)],
                send_by=when,
            )
        for f in case.family:
            if f.id in core:
                add(
                    "plan_ended_notification",
                    f,
                    family_recipient_values(f),
                    send_to=[person_line(f)],
                    send_by=when,
                    note="address confidential: send to this person only"
                    if f.address_confidential
                    else "",
                )


# Deadlines the invitations and report templates ask people to meet.
_REPORT_DEADLINES = (
    "agency_reports",
    "social_worker_report_to_chair",
    "social_worker_report_to_parents",
)


def pack_warnings(case: Case, schedule: Schedule) -> list[Notice]:
    """What is wrong with sending this pack today: plain warnings (code and message).

    Invitations and report templates are dated `plan.today` and ask for reports by the
    profile's deadlines; written on or after those, or on or after the conference, they
    ask for something that can no longer be done.
    """
    conf_date = case.conference.date
    if conf_date is None:
        return []
    today = schedule.today
    reports = [d for d in schedule.deadlines if d.id in _REPORT_DEADLINES]
    reports.sort(key=lambda d: (d.due, _REPORT_DEADLINES.index(d.id)))
    first_report = reports[0] if reports else None
    sending = "The invitations and report templates are dated " + long_date(today)
    if case.outcome is not None:
        if today < conf_date and not (first_report and today >= first_report.due):
            return []
        return [
            Notice(
                "invitations_after_conference",
                f"{sending}, but the conference's outcome is recorded: send only the decision "
                "letters and the other documents for after the conference; the invitations "
                "and report templates are for the file.",
            )
        ]
    if today >= conf_date:
        when = "on the day of the conference" if today == conf_date else "after the conference"
        return [
            Notice(
                "invitations_late",
                f"{sending}, {when} ({long_date(conf_date)}): too late to invite anyone or ask "
                "for reports. Record the outcome (outcome:) to write the decision letters, or "
                "book a new date.",
                "conference",
            )
        ]
    if first_report and today >= first_report.due:
        if today == first_report.due:
            when = f"the day reports are due ({long_date(first_report.due)}): no time is left"
        else:
            when = f"after reports were due ({long_date(first_report.due)}): they ask"
            when += " for reports by a date that has passed"
        return [
            Notice(
                "invitations_late",
                f"{sending}, {when}. Tell each person when to send their report, or move the "
                "conference.",
                first_report.id,
            )
        ]
    notice = schedule.deadline("invitations")  # Scotland: notice of the CPPM (Appendix D)
    if notice is not None and today > notice.due:
        return [
            Notice(
                "invitations_late",
                f"{sending}, after the last day to give notice ({long_date(notice.due)}, "
                f"{notice.rule}; {notice.source}). Record why, and support the family to "
                "take part.",
                notice.id,
            )
        ]
    return []
