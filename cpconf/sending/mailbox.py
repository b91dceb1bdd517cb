"""The council's addresses that messages and invitations come from: one place to look.

Today these come from the case file and the procedure profile; when council settings
(`cpconf.yaml`) give a coordinator or a mailbox, this is the one module to change.
"""

from __future__ import annotations

from dataclasses import dataclass

from cpconf.conference import Conference
from cpconf.names import one_line


@dataclass(frozen=True)
class Mailbox:
    """An address with the name shown beside it (`Child Protection Conferences <cp@...>`)."""

    name: str
    email: str


def council_mailbox(conference: Conference) -> Mailbox | None:
    """Where the email drafts come from.

    The profile's invitations mailbox where it has one (Hackney sends its invitations from
    one), else the coordinator's address, else the chair's; None when the case names none.
    """
    conf = conference.case.conference
    la = one_line(conference.case.case.local_authority or "")
    if conference.profile.invitations_from:
        name = f"{la} child protection conferences" if la else "Child protection conferences"
        return Mailbox(name, conference.profile.invitations_from.strip())
    for contact in (conf.coordinator, conf.chair):
        if contact is not None and contact.email:
            return Mailbox(one_line(contact.name), contact.email.strip())
    return None


def organiser(conference: Conference) -> Mailbox | None:
    """Who a calendar invitation comes from: the coordinator, else the council's mailbox.

    Replies (accept, decline) go to the organiser, so it is the person who books the room
    and keeps the list of who is coming.
    """
    conf = conference.case.conference
    if conf.coordinator is not None and conf.coordinator.email:
        return Mailbox(one_line(conf.coordinator.name), conf.coordinator.email.strip())
    return council_mailbox(conference)
