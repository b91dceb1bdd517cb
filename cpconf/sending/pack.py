"""What `--pdf`, `--email` and `--ics` add to a pack: files, manifest entries, a section.

Everything is made in memory (the PDFs in a temporary folder, read back) and handed to
the pack's writer with the documents, so the whole pack is written all or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cpconf.conference import Conference
from cpconf.errors import OutputError
from cpconf.letters.engine import Renderer
from cpconf.letters.kinds import PlannedDocument, Written
from cpconf.letters.pack import md_escape
from cpconf.schedule import Schedule
from cpconf.sending import drafts, invitations
from cpconf.sending.pdf import pdf_name, require_soffice, to_pdf


@dataclass(frozen=True)
class Sending:
    """What to make beside the Word documents."""

    pdf: bool = False
    email: bool = False
    ics: bool = False

    def __bool__(self) -> bool:
        return self.pdf or self.email or self.ics

    def check(self) -> None:
        """Fail before anything is rendered or written when a needed program is missing."""
        if self.pdf:
            require_soffice()


class _Refuse(Renderer):
    """A renderer that renders nothing: for asking the pack's writer to refuse early."""

    def __init__(self) -> None:
        super().__init__({})

    def render(self, doc: PlannedDocument) -> bytes:
        raise OutputError.single(doc.filename, "appeared or went while checking; run again.")


def refuse_existing(
    docs: Sequence[PlannedDocument], out_dir: Path, names: Sequence[str], force: bool
) -> None:
    """Refuse before the slow PDF conversion, as the pack's writer would refuse after it.

    The writer's own check gives the message (which files exist, use --force); nothing is
    rendered or written: its renderer here raises before anything is put in place.
    """
    if force or not out_dir.is_dir():
        return
    if any((out_dir / n).exists() or (out_dir / n).is_symlink() for n in names):
        from cpconf.letters.pack import write_pack

        own = {d.filename for d in docs}
        placeholders = dict.fromkeys((n for n in names if n not in own), b"")
        write_pack(docs, out_dir, _Refuse(), placeholders, force=False)


class RenderedDocuments(Renderer):
    """A renderer whose documents are already rendered (they were needed for the PDFs)."""

    def __init__(self, rendered: dict[str, bytes]):
        super().__init__({})
        self._rendered = rendered

    def render(self, doc: PlannedDocument) -> bytes:
        return self._rendered[doc.filename]


@dataclass
class SendingFiles:
    """The extra files (name -> bytes), their manifest entries and what the table shows."""

    files: dict[str, bytes] = field(default_factory=dict)
    pdfs: dict[str, str] = field(default_factory=dict)  # document file name -> its PDF's
    entries: list[dict[str, Any]] = field(default_factory=list)
    written: list[Written] = field(default_factory=list)
    distribution: str = ""  # a section for distribution.md: how each person is sent theirs

    def manifest(self, base: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The pack's manifest with each document's PDF, then the drafts and invitations.

        A draft or invitation made again (a stage written again with --force) replaces its
        entry from the manifest already there: one entry a file.
        """
        own = {e["path"] for e in self.entries}
        out = []
        for entry in base:
            if entry["path"] in own:
                continue
            pdf = self.pdfs.get(entry["path"])
            out.append({**entry, "pdf": pdf} if pdf else entry)
        return out + self.entries


def prepare_sending(
    conference: Conference,
    schedule: Schedule,
    docs: Sequence[PlannedDocument],
    rendered: dict[str, bytes],
    sending: Sending,
    out_dir: Path,
    subsection: bool = False,
) -> SendingFiles:
    """The PDFs, email drafts and invitations for `docs` (already rendered: name -> bytes).

    An invitation already in `out_dir` under the same name is read for its SEQUENCE, so a
    re-issue after the date or place changed updates the event in people's calendars.
    `subsection`: the distribution list's "How to send" goes under a section added to it
    (a stage written into a pack), not beside its title.
    """
    result = SendingFiles()
    if sending.pdf:
        pdfs = to_pdf(rendered)  # slow: the caller has refused already if files are in the way
        for d in docs:
            name = pdf_name(d.filename)
            result.pdfs[d.filename] = name
            result.files[name] = pdfs[d.filename]
    calendar: dict[str, list[drafts.Attachment]] = {}
    if sending.ics:

        def previous(name: str) -> bytes | None:
            path = out_dir / name
            try:
                return path.read_bytes() if path.is_file() else None
            except OSError:
                return None

        for inv in invitations.make_invitations(conference, schedule, previous):
            result.files[inv.filename] = inv.data
            result.entries.append(
                {
                    "kind": invitations.KIND,
                    "recipient": inv.recipient,
                    "path": inv.filename,
                    "event": inv.event,
                }
            )
            result.written.append(
                Written(invitations.KIND, inv.recipient, inv.recipient_name, out_dir / inv.filename)
            )
            calendar.setdefault(inv.recipient, []).append(drafts.Attachment(inv.filename, inv.data))
    if sending.email:
        attach = {
            d.filename: (
                drafts.Attachment(result.pdfs[d.filename], result.files[result.pdfs[d.filename]])
                if sending.pdf
                else drafts.Attachment(d.filename, rendered[d.filename])
            )
            for d in docs
        }
        messages = drafts.make_drafts(conference, docs, attach, calendar)
        for m in messages:
            result.files[m.filename] = m.data
            result.entries.append(
                {
                    "kind": drafts.KIND,
                    "recipient": m.recipient,
                    "path": m.filename,
                    "attachments": m.attachments,
                }
            )
            result.written.append(
                Written(drafts.KIND, m.recipient, m.recipient_name, out_dir / m.filename)
            )
        result.distribution = _how_sent(
            messages, drafts.without_email(conference, docs), "###" if subsection else "##"
        )
    return result


def _how_sent(messages: Sequence[drafts.Draft], by_post: Sequence[str], level: str = "##") -> str:
    lines = [f"{level} How to send", "", "| For | How | Draft |", "| --- | --- | --- |"]
    for m in messages:
        lines.append(f"| {md_escape(m.recipient_name)} | by email | {md_escape(m.filename)} |")
    for person in by_post:
        lines.append(f"| {md_escape(person)} | by post or by hand | |")
    return "\n".join(lines) + "\n"
