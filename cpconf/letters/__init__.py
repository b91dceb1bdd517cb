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
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from cpconf.conference import Conference
from cpconf.letters.engine import Renderer
from cpconf.letters.kinds import (
    DISTRIBUTION,
    KIND_LABELS,
    KINDS,
    MANIFEST,
    LettersResult,
    PlannedDocument,
    Written,
)
from cpconf.letters.pack import distribution, manifest, write_pack
from cpconf.letters.recipients import pack_warnings, plan_documents
from cpconf.letters.templates import check_templates, export_templates, template_paths
from cpconf.schedule import Schedule

if TYPE_CHECKING:
    from cpconf.sending import Sending

__all__ = [
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
    "pack_warnings",
    "plan_documents",
]


def make_letters(
    loaded: Conference,
    plan: Schedule,
    out_dir: Path,
    templates: Path | None = None,
    force: bool = False,
    sending: Sending | None = None,
) -> LettersResult:
    """`cpconf letters`: plan the pack, render it, and write it with its manifest and list.

    `sending` adds PDFs, email drafts and calendar invitations (`cpconf.sending`), written
    with the documents all or nothing.
    """
    if sending:
        sending.check()  # LibreOffice missing: say so before any work
    docs = plan_documents(loaded, plan)
    renderer = Renderer(template_paths(templates))
    entries = manifest(docs)
    listing = distribution(docs, loaded.case, plan)
    added: dict[str, bytes] = {}
    more: list[Written] = []
    pdfs: dict[str, str] = {}
    if sending:
        from cpconf.sending import prepare_sending
        from cpconf.sending.pack import RenderedDocuments, refuse_existing
        from cpconf.sending.pdf import pdf_name

        if sending.pdf:  # converting takes seconds: say first that files are in the way
            names = [MANIFEST, DISTRIBUTION, *(d.filename for d in docs)]
            names += [pdf_name(d.filename) for d in docs]
            refuse_existing(docs, out_dir, names, force)

        rendered = {d.filename: renderer.render(d) for d in docs}
        files = prepare_sending(loaded, plan, docs, rendered, sending, out_dir)
        renderer = RenderedDocuments(rendered)
        entries = files.manifest(entries)
        listing += "\n" + files.distribution if files.distribution else ""
        added, more, pdfs = files.files, files.written, files.pdfs
    extra = {
        MANIFEST: (json.dumps(entries, indent=2, ensure_ascii=False) + "\n").encode(),
        DISTRIBUTION: listing.encode("utf-8"),
        **added,
    }
    written = write_pack(docs, out_dir, renderer, extra, force=force)
    if pdfs:
        written = [replace(w, pdf=out_dir / pdfs[w.path.name]) for w in written]
    written += more
    # every command shows the case's warnings (a conference on a bank holiday), then the pack's
    return LettersResult(out_dir, written, [*plan.warnings, *pack_warnings(loaded.case, plan)])
