"""`cpconf plan --docx`: the plan's deadlines and warnings as a Word document.

For the chair and the case file, on the council's letterhead (the `timetable` template,
which a council can brand like the letters). The values are the plan's as `cpconf plan`
shows them: label, due date, rule with its paragraph, where it stands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cpconf.conference import Conference
from cpconf.dates import long_date
from cpconf.letters.engine import Renderer
from cpconf.letters.kinds import PlannedDocument
from cpconf.schedule import Schedule

KIND = "timetable"


def timetable_values(conference: Conference, schedule: Schedule) -> dict[str, Any]:
    """The plain values the timetable template gets."""
    case = conference.case
    rows = []
    for d in sorted(schedule.deadlines, key=lambda d: (d.due, d.id != "conference")):
        source = d.source + (f"; inherited from {d.inherited_from}" if d.inherited_from else "")
        rows.append(
            {
                "id": d.id,
                "label": d.label,
                "owner": d.owner,
                "due": long_date(d.due),
                "rule": d.rule,
                "source": source,
                "status": schedule.status(d).text,
                "provisional": d.provisional,
            }
        )
    from cpconf.letters.recipients import shared_values

    # the letterhead, names and the nation's words as in every letter of the case
    on = case.conference.date or schedule.today
    return {
        **shared_values(conference, schedule, on),
        "timetable": rows,
        "core_groups": [
            {
                "due": long_date(c.due),
                "booked": long_date(c.booked) if c.booked else "",
                "rule": c.rule,
                "source": c.source,
            }
            for c in schedule.core_groups
        ],
        "warnings": [w.message for w in schedule.warnings],
    }


def timetable_document(conference: Conference, schedule: Schedule) -> PlannedDocument:
    return PlannedDocument(
        kind=KIND,
        recipient=None,
        recipient_name="",
        filename="timetable.docx",
        context=timetable_values(conference, schedule),
        send_to=["the chair", "the case file"],
    )


def render_timetable(
    conference: Conference, schedule: Schedule, templates: Path | None = None
) -> bytes:
    """The timetable as .docx bytes, from the council's template where it has one: in
    `templates`, else in the folder its settings name."""
    from cpconf.letters.templates import template_paths

    folder = conference.templates_dir(templates)
    return Renderer(template_paths(folder)).render(timetable_document(conference, schedule))


def write_timetable(
    conference: Conference,
    schedule: Schedule,
    path: Path,
    *,
    force: bool = False,
    pdf: bool = False,
    templates: Path | None = None,
) -> list[Path]:
    """Write the timetable to `path` (.docx), and beside it as PDF when `pdf`.

    Both or neither: refuses (OutputError) before writing if either exists and not
    `force`, or if LibreOffice is needed and missing.
    """
    from cpconf.letters.pack import write_pack
    from cpconf.sending.pdf import pdf_name, require_soffice, to_pdf

    if pdf:
        require_soffice()
    data = render_timetable(conference, schedule, templates)
    files = {path.name: data}
    if pdf:
        files[pdf_name(path.name)] = to_pdf({path.name: data})[path.name]
    write_pack([], path.parent, Renderer({}), files, force=force)
    return [path.parent / name for name in files]
