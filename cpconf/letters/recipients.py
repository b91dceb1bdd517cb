"""Who gets which document, and what the pack warns about (London CP4 3.2, 7.7-7.9, 14.13)."""

from __future__ import annotations

from typing import Any

from cpconf.case import Case, FamilyMember, Professional
from cpconf.conference import Conference
from cpconf.dates import long_date
from cpconf.errors import CaseError
from cpconf.letters.context import (
    child_values,
    conference_values,
    contact_values,
    cp4_citation,
    deadline_values,
    family_recipient_values,
    family_values,
    letterhead_values,
    outcome_values,
    person_line,
    professional_values,
)
from cpconf.letters.engine import has_listing
from cpconf.letters.kinds import PlannedDocument
from cpconf.letters.naming import filename
from cpconf.letters.terms import nation_values
from cpconf.names import clean_text, join_names, one_line
from cpconf.schedule import Notice, Schedule


def plan_documents(loaded: Conference, plan: Schedule) -> list[PlannedDocument]:
    """Every document of the pack, in the order a coordinator sends them (CONTRACT.md 4)."""
    case, profile = loaded.case, loaded.profile
    conf = case.conference
    if conf.date is None:
        raise CaseError(
            [
                loaded.doc.problem(
                    ("conference",),
                    "conference.date: no conference date is booked; book one before writing letters.",
                )
            ]
        )
    on = conf.date
    deadlines = deadline_values(plan)
    chair = contact_values(conf.chair)
    coordinator = contact_values(conf.coordinator)
    social_worker = case.social_worker()
    outcome = outcome_values(case, plan)
    invited_family = [f for f in case.family if f.excluded != "full"]
    origin = conf.originating_authority if conf.type == "transfer-in" else None
    base: dict[str, Any] = {
        "la": one_line(case.case.local_authority) or "Children's Services",
        "reference": one_line(case.case.reference),
        "letter_date": long_date(plan.today),
        "procedure": profile.title,
        "conference": conference_values(case, profile, plan.today),
        "deadlines": deadlines,
        "chair": chair,
        "coordinator": coordinator,
        "letterhead": letterhead_values(
            loaded.settings.letterhead if loaded.settings is not None else None
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
        **nation_values(case, profile, plan),
    }
    send_now = long_date(plan.today)
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
        context = {**base, "recipient": recipient}
        if letter_date is not None:
            context["letter_date"] = letter_date
        if person is not None:
            context["children"] = [
                child_values(c, on, isinstance(person, Professional) and person.knows(c.id))
                for c in case.children
            ]
        docs.append(
            PlannedDocument(
                listing=base_listing or has_listing(recipient),
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
            elif plan.today < on:
                dated = long_date(plan.today)
            else:
                dated = "Copy for the file (the date it was sent is not recorded)"
            notes = ["with the social work report" + cp4_citation(profile, "5.10")]
            if f.address_confidential:
                notes.append("address confidential: send to this person only")
            add(
                "exclusion_letter",
                f,
                family_recipient_values(f),
                letter_date=dated,
                send_to=[person_line(f)],
                send_by=f"as soon as the chair decides, before {long_date(on)}"
                + (f" (requests due by {due})" if due else ""),
                note="; ".join(notes),
            )
    for p in case.professionals:
        if p.agency == "children_social_care":
            due = deadlines["social_worker_report_to_parents"]
            add(
                "social_work_report_template",
                p,
                professional_values(p, case),
                send_to=[person_line(p)],
                send_by="with the invitation",
                due_back=f"shared with the family by {due}; to the chair by "
                f"{deadlines['social_worker_report_to_chair']}",
            )
        else:
            police = p.agency == "police"
            add(
                "report_template",
                p,
                professional_values(p, case),
                send_to=[person_line(p)],
                send_by="with the invitation",
                due_back=f"report by {deadlines['agency_reports']}",
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
    return docs


# Deadlines the invitations and report templates ask people to meet.
_REPORT_DEADLINES = (
    "agency_reports",
    "social_worker_report_to_chair",
    "social_worker_report_to_parents",
)


def pack_warnings(case: Case, plan: Schedule) -> list[Notice]:
    """What is wrong with sending this pack today: plain warnings (code and message).

    Invitations and report templates are dated `plan.today` and ask for reports by the
    profile's deadlines; written on or after those, or on or after the conference, they
    ask for something that can no longer be done.
    """
    conf_date = case.conference.date
    if conf_date is None:
        return []
    today = plan.today
    reports = [d for d in plan.deadlines if d.id in _REPORT_DEADLINES]
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
                "letters; the other documents are for the file.",
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
    notice = plan.deadline("invitations")  # Scotland: notice of the CPPM (Appendix D)
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
