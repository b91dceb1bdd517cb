"""Email drafts: one unsent message per recipient with an email address.

Built with the standard library (`email.message.EmailMessage`, policy default) as `.eml`
files with `X-Unsent: 1`, which Outlook opens as a draft to check and send (Thunderbird:
File > Open, then Edit as new). Each message carries only its recipient's own documents
and the shared ones sent to that person by name (the agenda, each child's outline plan):
nobody gets another person's letter, so a confidential address (printed only in its owner's letters) travels
only in its owner's message. The bodies say no more than the letters do.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import formataddr

from cpconf.case import FamilyMember, Professional
from cpconf.conference import Conference
from cpconf.dates import clock, long_date
from cpconf.letters.context import person_line
from cpconf.letters.kinds import KIND_LABELS, PlannedDocument, stage_kinds
from cpconf.letters.naming import filename
from cpconf.names import join_names, one_line
from cpconf.sending.invitations import joins_at
from cpconf.sending.mailbox import Mailbox, council_mailbox

KIND = "email_draft"

DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
PDF_TYPE = ("application", "pdf")
ICS_TYPE = ("text", "calendar")


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes


@dataclass(frozen=True)
class Draft:
    """One message: for whom, its file name, what it carries, and its bytes."""

    recipient: str
    recipient_name: str
    filename: str
    attachments: list[str]
    data: bytes


# Documents sent before the conference (every kind not of the "after" stage). Once its
# outcome is recorded they are for the file only (the pack warns so): a message then
# carries what comes after the conference.
BEFORE_CONFERENCE = stage_kinds("before")


def documents_for(
    person: Professional | FamilyMember, docs: Sequence[PlannedDocument], held: bool = False
) -> list[PlannedDocument]:
    """The documents this person is sent: their own, and shared ones addressed to them.

    `held`: the conference's outcome is recorded, so only what follows it is sent.
    """
    line = person_line(person)
    return [
        d
        for d in docs
        # a shared document sent to each person by name: the agenda; each child's outline
        # plan, sent with the decision letter to everyone invited (London CP4 14.13)
        if (d.recipient == person.id or line in d.send_to)
        and not (held and d.kind in BEFORE_CONFERENCE)
    ]


def _label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def _what(docs: Sequence[PlannedDocument], family: bool) -> str:
    labels = list(dict.fromkeys(_label(d.kind).lower() for d in docs))
    if family and labels and "decision letter" in labels:
        labels = ["the conference's decision" if x == "decision letter" else x for x in labels]
    text = join_names(labels)
    return text[:1].upper() + text[1:]


def _body(
    conference: Conference,
    person: Professional | FamilyMember,
    docs: Sequence[PlannedDocument],
    sender: Mailbox | None,
    attached: Sequence[str],
) -> str:
    case = conference.case
    conf = case.conference
    reference = one_line(case.case.reference)
    when = long_date(conf.date) if conf.date else ""
    joins = joins_at(conference, person)  # Hackney: professionals after the family's start
    if conf.date and joins:
        when += f" at {clock(joins)}"
    family = isinstance(person, FamilyMember)
    lines = [f"Dear {one_line(person.name)},", ""]
    if family:
        if any(d.kind == "decision_letter" for d in docs):
            lines.append(
                "Attached is a letter telling you what was decided at the child protection "
                f"conference on {long_date(conf.date) if conf.date else 'the booked date'}."
            )
        else:
            lines.append(
                f"Attached is a letter about the {conference.profile.terms.meeting}"
                + (f" on {when}" if when else "")
                + ". Please read it: it says what the meeting is for and how you can take part."
            )
        lines += [
            "",
            "If anything in it is unclear, or you have a question, reply to this email or "
            "contact the person named in the letter.",
        ]
    else:
        lines.append(
            f"Please find attached for the {conference.profile.terms.meeting_name(conf.type)} "
            f"({reference})" + (f" on {when}" if when else "") + ":"
        )
        lines.append("")
        # the documents' notes are the coordinator's (who else may see it): not said here
        for d in docs:
            due = f" ({d.due_back})" if d.due_back else ""
            lines.append(f"- {_label(d.kind)}{due}")
    lines += ["", "Attached: " + ", ".join(attached), ""]
    sign = conference.case.conference.coordinator
    lines.append("Kind regards,")
    lines.append(one_line(sign.name) if sign else (sender.name if sender else ""))
    la = one_line(case.case.local_authority or "")
    if la:
        lines.append(la)
    return "\n".join(lines).rstrip() + "\n"


def _people(conference: Conference) -> list[Professional | FamilyMember]:
    case = conference.case
    return [*case.professionals, *case.family]


def make_drafts(
    conference: Conference,
    docs: Sequence[PlannedDocument],
    files: dict[str, Attachment],
    calendar: dict[str, list[Attachment]] | None = None,
) -> list[Draft]:
    """One draft per person with an email address who is sent at least one document.

    `files` maps each document's .docx file name to what is attached for it (its PDF, or the
    .docx itself); `calendar` maps a person's id to their calendar invitations.
    """
    case = conference.case
    sender = council_mailbox(conference)
    reference = one_line(case.case.reference)
    conf = case.conference
    held = case.outcome is not None
    out: list[Draft] = []
    for person in _people(conference):
        address = (person.email or "").strip()
        if not address:
            continue
        own = documents_for(person, docs, held)
        if not own:
            continue  # excluded in full and nothing recorded yet: no message to send
        family = isinstance(person, FamilyMember)
        msg = EmailMessage(policy=default_policy)
        msg["To"] = formataddr((one_line(person.name), address))
        if sender is not None:
            msg["From"] = formataddr((sender.name, sender.email))
        on = f" on {long_date(conf.date)}" if conf.date else ""
        subject = f"{reference}: {_what(own, family)} - child protection conference{on}"
        msg["Subject"] = subject
        msg["X-Unsent"] = "1"  # Outlook opens the file as a draft, ready to check and send
        items = [files[d.filename] for d in own]
        invites = (calendar or {}).get(person.id, [])
        attached = [item.filename for item in [*items, *invites]]
        msg.set_content(_body(conference, person, own, sender, attached))
        for item in items:
            kind = PDF_TYPE if item.filename.endswith(".pdf") else DOCX_TYPE
            msg.add_attachment(item.data, *kind, filename=item.filename)
        for item in invites:
            # a calendar request: mail programs offer Accept and Decline for it
            msg.add_attachment(
                item.data, *ICS_TYPE, filename=item.filename, params={"method": "REQUEST"}
            )
        # a boundary from the content, not random: the same pack gives the same file
        digest = hashlib.sha256(b"".join(files[d.filename].data for d in own)).hexdigest()
        msg.set_boundary(f"cpconf-{person.id[:20]}-{digest[:16]}")
        name = draft_name(person, held)
        out.append(Draft(person.id, one_line(person.name), name, attached, msg.as_bytes()))
    return out


def draft_name(person: Professional | FamilyMember, held: bool) -> str:
    """`email-before-sw-jo-bloggs.eml`: named by the stage it carries, so that the drafts
    after the conference (the decision letters) go beside those of the invitations."""
    stage = "email_after" if held else "email_before"
    return filename(stage, person.id, one_line(person.name)).removesuffix(".docx") + ".eml"


def without_email(conference: Conference, docs: Sequence[PlannedDocument]) -> list[str]:
    """People sent documents who have no email address: their documents go by post or hand."""
    return [
        person_line(p)
        for p in _people(conference)
        if not (p.email or "").strip()
        and documents_for(p, docs, conference.case.outcome is not None)
    ]
