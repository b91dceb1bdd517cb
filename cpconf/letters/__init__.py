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
from pathlib import Path

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
) -> LettersResult:
    """`cpconf letters`: plan the pack, render it, and write it with its manifest and list."""
    docs = plan_documents(loaded, plan)
    renderer = Renderer(template_paths(templates))
    extra = {
        MANIFEST: (json.dumps(manifest(docs), indent=2, ensure_ascii=False) + "\n").encode(),
        DISTRIBUTION: distribution(docs, loaded.case, plan).encode("utf-8"),
    }
    written = write_pack(docs, out_dir, renderer, extra, force=force)
    # every command shows the case's warnings (a conference on a bank holiday), then the pack's
    return LettersResult(out_dir, written, [*plan.warnings, *pack_warnings(loaded.case, plan)])
