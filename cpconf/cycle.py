"""The next conference of the cycle: a review's case file written from one whose outcome is recorded.

`cpconf next` (CONTRACT.md section 4). The file written is a case file like any other,
with comments that say what to check: who to invite and the date to book.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import yaml

from cpconf.case import Case, Contact
from cpconf.conference import HELD_INQUORATE, Conference
from cpconf.dates import long_date
from cpconf.errors import CaseError
from cpconf.procedures import BUILTIN
from cpconf.schedule import Notice

# Plain YAML scalars that read back as the same text (no booleans, numbers, dates, nulls).
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .,'()&/+@-]*\Z")
_NOT_PLAIN = re.compile(r"(?i)(true|false|yes|no|on|off|null|y|n|~)\Z")


def _text(value: str) -> str:
    """A string as a YAML scalar: plain where that is safe, else double-quoted, with YAML's
    own escapes for what it may not hold as it is (control and non-characters)."""
    if _PLAIN.match(value) and not _NOT_PLAIN.match(value) and value == value.rstrip():
        return value
    quoted: str = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=2**31)
    return quoted.rstrip("\n")


def _contact(key: str, contact: Contact | None, indent: str) -> list[str]:
    if contact is None:
        return []
    lines = [f"{indent}{key}:", f"{indent}  name: {_text(contact.name)}"]
    if contact.email:
        lines.append(f"{indent}  email: {_text(contact.email)}")
    if contact.phone:
        lines.append(f"{indent}  phone: {_text(contact.phone)}")
    return lines


def _ids(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def continuing(case: Case) -> list[str]:
    """The ids of the children who keep (or are given) a child protection plan."""
    if case.outcome is None:
        return []
    return [d.child for d in case.outcome.decisions if d.plan == "child-protection"]


def _procedure(conference: Conference, out_dir: Path | None) -> str:
    """The case's procedure, a profile file's path made relative to the new file's folder."""
    name = conference.case.case.procedure
    if name in BUILTIN:
        return name
    path = Path(name)
    if not path.is_absolute():
        path = (conference.path.parent / path).resolve()
    if out_dir is None:
        return str(path)
    return os.path.relpath(path, out_dir.resolve())


def next_case_warnings(conference: Conference, today: dt.date) -> list[Notice]:
    """What to say before writing the next case file: an outcome recorded for a conference
    that, on `today`, is still to come (the file would be written from decisions not made),
    or one held inquorate with no chair's decision to go ahead (decisions that may not
    stand, London CP4 3.11)."""
    said = {"outcome_before_conference", HELD_INQUORATE}
    return [w for w in conference.plan(today).warnings if w.code in said]


def next_case(conference: Conference, today: dt.date, out_dir: Path | None = None) -> str | None:
    """The case file of the next conference, as YAML text with comments; None where no
    child keeps a child protection plan (there is no next conference).

    A review (CONTRACT.md 4): its previous conference and type from this one, the same
    chair (London CP4 8.1), the family, the professionals with attendance reset, the core
    group; the children keeping a plan are its subjects, the others `subject: false`.
    Raises CaseError where the outcome or the date of this conference is not recorded.
    `out_dir`, the folder the file will be written to, keeps a profile file's path right.
    """
    case, doc = conference.case, conference.doc
    conf = case.conference
    if case.outcome is None:
        raise CaseError(
            [
                doc.problem(
                    ("conference",),
                    "outcome: not recorded: the next conference follows from this one's "
                    "decisions; record them (outcome:) first",
                )
            ]
        )
    if conf.date is None:
        raise CaseError(
            [
                doc.problem(
                    ("conference",),
                    "conference.date: no date is recorded for the conference that was held",
                )
            ]
        )
    keep = continuing(case)
    if not keep:
        return None
    schedule = conference.plan(today)
    due = schedule.deadline("next_review")
    booked = case.outcome.next_review
    out = case.outcome
    # the meeting in the procedure's own words (Scotland: the review CPPM); London's
    # paragraphs cited only where the profile follows London
    terms, profile = conference.profile.terms, conference.profile
    short = terms.meeting_short
    held = f"{terms.meeting_name(conf.type)} on {long_date(conf.date)}"
    review = terms.meeting_name("review")

    lines = [
        f"# {review[:1].upper()}{review[1:]} for {case.case.reference}: the case file",
        f"# written on {long_date(today)} from the {held}",
        f"# ({conference.path.name}). Check it before use:",
    ]
    if due is not None:
        lines.append(
            f"# - the date to book: the review is due by {long_date(due.due)} ({due.rule}; "
            f"{due.source})."
        )
    if booked is not None:
        lines.append(f"# - the date below is the one the {short} booked: {long_date(booked)}.")
        if due is not None and booked > due.due:
            lines.append("#   It is later than the review is due: record a delay_reason.")
    else:
        lines.append("# - no date is booked yet: add conference.date and time once it is.")
    lines += [
        "# - who to invite: the family, the professionals and the core group of the last",
        f"#   {short} are here, each professional's attendance reset to invited. Remove",
        "#   anyone no longer involved, and add anyone new.",
    ]
    if profile.follows_london:
        lines += [
            "# - exclusions do not carry over: exclusion at one conference is not reason enough",
            "#   in itself for exclusion at the next (London CP4 5.11). Decide again.",
        ]
    else:  # cpconf carries no exclusion over: the chair decides for each meeting
        lines.append(f"# - exclusions do not carry over: the chair decides again for this {short}.")
    lines += [
        f"# - the children's views (views:) are for each {short}: record them again.",
        "case:",
        f"  reference: {_text(case.case.reference)}",
    ]
    if case.case.local_authority:
        lines.append(f"  local_authority: {_text(case.case.local_authority)}")
    lines.append(f"  procedure: {_text(_procedure(conference, out_dir))}")
    if case.case.region:
        lines.append(f"  region: {case.case.region}")
    lines += [
        "conference:",
        "  type: review",
        f"  previous_conference: {conf.date.isoformat()}",
        f"  previous_type: {conf.type}",
    ]
    if conf.birth_date:  # a review after a pre-birth conference counts from the birth too
        lines.append(f"  birth_date: {conf.birth_date.isoformat()}")
        if conf.mother_medically_unfit:
            lines.append("  mother_medically_unfit: true")
    if booked is not None:
        lines.append(f"  date: {booked.isoformat()}")
    else:
        when = f" (due by {long_date(due.due)})" if due is not None else ""
        lines.append(f"  # date: YYYY-MM-DD{when}")
    lines.append("  # time: 10:00")
    if conf.mode:
        lines.append(f"  mode: {conf.mode}  # as last time: check")
    if conf.venue:
        lines.append(f"  venue: {_text(conf.venue)}  # as last time: check")
    # London CP4 8.1: wherever possible the same chair chairs the reviews
    if profile.follows_london:
        lines.append("  # the same chair wherever possible (London CP4 8.1)")
    else:
        lines.append(f"  # the chair of the last {short}: check")
    lines += _contact("chair", conf.chair, "  ")
    lines += _contact("coordinator", conf.coordinator, "  ")
    if out.core_group:
        lines.append(f"  # the core group since the last {short}: told if a plan ends")
        lines.append(f"  core_group: {_ids(out.core_group)}")
    lines.append("children:")
    decided = {d.child: d for d in out.decisions}
    for child in case.children:
        lines.append(f"  - id: {child.id}")
        lines.append(f"    name: {_text(child.name)}")
        if child.dob:
            lines.append(f"    dob: {child.dob.isoformat()}")
        if child.unborn:
            lines.append("    unborn: true  # once born: dob, and conference.birth_date")
        if child.id in keep:
            lines.append("    subject: true  # on a child protection plan")
        else:
            decision = decided.get(child.id)
            why = f"  # {decision.plan.replace('-', ' ')} at the last {short}" if decision else ""
            lines.append(f"    subject: false{why}")
        if child.invite:
            lines.append("    invite: true")
    if case.family:
        lines.append("family:")
    for f in case.family:
        lines.append(f"  - id: {f.id}")
        lines.append(f"    name: {_text(f.name)}")
        if f.relationship:
            lines.append(f"    relationship: {_text(f.relationship)}")
        if f.address:
            lines.append(f"    address: {_text(f.address)}")
        if f.address_confidential:
            lines.append("    address_confidential: true")
        if f.interpreter:
            lines.append(f"    interpreter: {_text(f.interpreter)}")
        if f.email:
            lines.append(f"    email: {_text(f.email)}")
        if f.excluded != "none":
            # not invited until the chair decides again (CP4 5.11): never by default
            lines.append(
                f"    excluded_before: {f.excluded}  # decide again: then set excluded: and "
                f"remove this line{profile.cp4('5.11').replace(' (London ', ' (')}"
            )
    if case.professionals:
        lines.append("professionals:")
    for p in case.professionals:
        lines.append(f"  - id: {p.id}")
        lines.append(f"    name: {_text(p.name)}")
        if p.role:
            lines.append(f"    role: {_text(p.role)}")
        lines.append(f"    agency: {p.agency}")
        for key in ("organisation", "email", "phone"):
            value = getattr(p, key)
            if value:
                lines.append(f"    {key}: {_text(value)}")
        contact = p.contact_with
        lines.append(f"    contact_with: {contact if contact == 'all' else _ids(list(contact))}")
        lines.append("    attendance: invited")
        if p.observer:
            lines.append(
                "    observer: true  # the chair's and the family's consent again"
                + profile.cp4("3.3").replace(" (London ", " (")
            )
    return "\n".join(lines) + "\n"
