"""`cpconf letters`: the conference's paperwork as Word documents.

Where things are (one concern a module):
- `kinds`: the kinds of document and one planned document;
- `recipients`: who gets which document (and the pack's warnings);
- `context`: the plain values each template gets (where a letter gets its data);
- `naming`: the documents' file names;
- `engine`: rendering a Word template (the only module that touches docxtpl);
- `pack`: writing the pack all or nothing, with manifest.json and the distribution list;
- `templates`: finding each kind's template, checking a council's own, exporting ours.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from cpconf.conference import Conference
from cpconf.errors import CaseError
from cpconf.letters.engine import Renderer
from cpconf.letters.kinds import (
    AFTER_KINDS,
    DISTRIBUTION,
    KIND_LABELS,
    KINDS,
    MANIFEST,
    LettersResult,
    PlannedDocument,
    Written,
    stage_kinds,
)
from cpconf.letters.pack import (
    add_to_distribution,
    distribution,
    manifest,
    read_manifest,
    write_pack,
)
from cpconf.letters.recipients import pack_warnings, plan_documents
from cpconf.letters.templates import check_templates, export_templates, template_paths
from cpconf.schedule import Notice, Schedule

if TYPE_CHECKING:
    from cpconf.sending import Sending

__all__ = [
    "AFTER_KINDS",
    "DISTRIBUTION",
    "KINDS",
    "KIND_LABELS",
    "MANIFEST",
    "LettersResult",
    "PlannedDocument",
    "Written",
    "check_templates",
    "export_templates",
    "make_letters",
    "stage_kinds",
    "pack_warnings",
    "plan_documents",
]


def make_letters(
    conference: Conference,
    schedule: Schedule,
    out_dir: Path,
    templates: Path | None = None,
    force: bool = False,
    kinds: Collection[str] | None = None,
    sending: Sending | None = None,
) -> LettersResult:
    """`cpconf letters`: plan the pack, render it, and write it with its manifest and list.

    With `kinds` (a stage's, `stage_kinds("after")`, or any list of KINDS), only those
    documents are written, into the folder's existing pack if there is one: its manifest
    and distribution list are added to, the documents already there left alone.
    `sending` adds PDFs, email drafts and calendar invitations (`cpconf.sending`), written
    with the documents all or nothing.
    """
    if sending:
        sending.check()  # LibreOffice missing: say so before any work
    docs = plan_documents(conference, schedule)
    if kinds is not None:
        unknown = sorted(set(kinds) - set(KINDS))
        if unknown:
            raise ValueError(f"unknown kinds of document: {', '.join(unknown)}")
        _need_outcome(conference, kinds)
        docs = [d for d in docs if d.kind in kinds]
    renderer = Renderer(template_paths(templates))
    if kinds is None:
        entries = manifest(docs)
        listing = distribution(docs, conference.case, schedule)
    else:
        new = {d.filename for d in docs}
        entries = [e for e in read_manifest(out_dir) if e["path"] not in new] + manifest(docs)
        old = out_dir / DISTRIBUTION
        listing = (
            add_to_distribution(old.read_text(encoding="utf-8"), docs, schedule, _added_what(kinds))
            if old.is_file()
            else distribution(docs, conference.case, schedule)
        )
    updating = (MANIFEST, DISTRIBUTION) if kinds is not None else ()
    added: dict[str, bytes] = {}
    more: list[Written] = []
    pdfs: dict[str, str] = {}
    if sending:
        from cpconf.sending import prepare_sending
        from cpconf.sending.pack import RenderedDocuments, refuse_existing
        from cpconf.sending.pdf import pdf_name

        if sending.pdf:  # converting takes seconds: say first that files are in the way
            names = [n for n in (MANIFEST, DISTRIBUTION) if n not in updating]
            names += [d.filename for d in docs] + [pdf_name(d.filename) for d in docs]
            refuse_existing(docs, out_dir, names, force)

        rendered = {d.filename: renderer.render(d) for d in docs}
        adding = kinds is not None and (out_dir / DISTRIBUTION).is_file()
        files = prepare_sending(conference, schedule, docs, rendered, sending, out_dir, adding)
        renderer = RenderedDocuments(rendered)
        entries = files.manifest(entries)
        listing += "\n" + files.distribution if files.distribution else ""
        added, more, pdfs = files.files, files.written, files.pdfs
    extra = {
        MANIFEST: (json.dumps(entries, indent=2, ensure_ascii=False) + "\n").encode(),
        DISTRIBUTION: listing.encode("utf-8"),
        **added,
    }
    written = write_pack(docs, out_dir, renderer, extra, force=force, updating=updating)
    if pdfs:
        written = [replace(w, pdf=out_dir / pdfs[w.path.name]) for w in written]
    written += more
    # every command shows the case's warnings (a conference on a bank holiday), then the pack's;
    # the warning about dating invitations only where invitations are written
    pack = (
        pack_warnings(conference.case, schedule)
        if any(d.kind not in AFTER_KINDS for d in docs)
        else []
    )
    if kinds is not None and not docs:
        pack.append(
            Notice(
                "nothing_to_write",
                "No document of the kinds asked for applies to this case: nothing was written "
                "but the manifest and the distribution list.",
            )
        )
    return LettersResult(out_dir, written, [*schedule.warnings, *pack])


def _added_what(kinds: Collection[str]) -> str:
    if set(kinds) == stage_kinds("after"):
        return "After the conference"
    if set(kinds) == stage_kinds("before"):
        return "Before the conference"
    return "Added: " + ", ".join(KIND_LABELS[k] for k in KINDS if k in kinds)


def _need_outcome(conference: Conference, kinds: Collection[str]) -> None:
    """The documents after the conference need its outcome: say so rather than write none."""
    if conference.case.outcome is None and set(kinds) & AFTER_KINDS:
        raise CaseError(
            [
                conference.doc.problem(
                    ("conference",),
                    "outcome: not recorded: the documents after the conference (the decision "
                    "letters, plans and record) need the conference's outcome; record it "
                    "(outcome:) first",
                )
            ]
        )
