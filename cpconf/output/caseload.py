"""What people and spreadsheets see of `cpconf caseload`: Rich tables, CSV and JSON data."""

from __future__ import annotations

import csv
import io

from rich import box
from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from cpconf.dates import short_date
from cpconf.names import a_or_an
from cpconf.output.common import warnings_view
from cpconf.service import (
    GROUP_TITLES,
    GROUPS,
    Caseload,
    Measure,
    OpenDeadline,
    deadline_json,
)

_GROUP_STYLE = {
    "overdue": "bold red",
    "today": "bold yellow",
    "this_week": "yellow",
    "next_week": "",
    "later": "dim",
}

# England's figure for initial conferences within 15 working days of the strategy discussion
# (DfE, Characteristics of children in need: about 78-81% in 2023 to 2025).
_ENGLAND = "England: about 78 to 81% (DfE, 2023 to 2025)"


def england_note(load: Caseload) -> str:
    """England's DfE figure, only beside cases under English procedures: the nations count
    other things (Scotland: 28 calendar days from the IRD)."""
    english = load.english
    if not english:
        return ""
    if english == len(load.facts):
        return f" Initial conferences within 15 working days, {_ENGLAND}."
    return (
        f" For the {_plural(english, 'case')} under English procedures only: initial "
        f"conferences within 15 working days, {_ENGLAND}."
    )


def _plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def _owner(d: OpenDeadline, with_role: bool) -> Text:
    if not d.owner:
        return Text(d.owner_role)
    text = Text(d.owner)
    if with_role:
        text.append(f" ({d.owner_role})", style="dim")
    return text


def deadlines_tables(load: Caseload, width: int) -> list[RenderableType]:
    """The open deadlines, soonest first: a heading and a table for each group.

    The tables share their column widths so they read as one. Narrow terminals (under 100
    columns) get no "where it stands" column (the group and the date say it) and owners
    without their role; wide ones (160 or more) also get the file.
    """
    wide = width >= 100
    files = width >= 160
    case_w = max(len("Case"), *(len(d.reference) for d in load.deadlines))
    kids_w = min(10, max(len("Children"), *(len(d.children) for d in load.deadlines)))
    parts: list[RenderableType] = []
    for i, group in enumerate(g for g in GROUPS if load.group(g)):
        rows = load.group(group)
        style = _GROUP_STYLE[group]
        if i:
            parts.append(Text(""))
        parts.append(Text(f"{GROUP_TITLES[group]} ({len(rows)})", style=style or "bold"))
        table = Table(
            box=box.SIMPLE_HEAD,
            expand=True,
            pad_edge=False,
            show_header=i == 0,
            show_edge=False,
            padding=(0, 1),
        )
        table.add_column("Case", width=case_w, no_wrap=True)
        table.add_column("Children", width=kids_w)
        table.add_column("Deadline", ratio=3)
        table.add_column("Due by", width=15, no_wrap=True)
        table.add_column("Owner", ratio=2)
        if wide:
            table.add_column("Where it stands", ratio=3, max_width=27)
        if files:
            table.add_column("File", ratio=4, overflow="fold")
        for d in rows:
            label = Text(d.label)
            if d.provisional:
                label.append(" (no date booked yet)", style="dim italic")
            cells: list[RenderableType] = [
                escape(d.reference),
                escape(d.children),
                label,
                short_date(d.due),
                _owner(d, wide),
            ]
            if wide:
                cells.append(Text(d.status, style=style))
            if files:
                cells.append(escape(d.path))
            table.add_row(*cells)
        parts.append(table)
    return parts


def _percent(m: Measure) -> str:
    return "–" if m.percent is None else f"{m.percent:.0f}%"


def timeliness_view(load: Caseload) -> Group:
    """The timeliness figures and the cases that missed."""
    table = Table(title="Timeliness", title_justify="left", title_style="bold")
    table.add_column("Measure")
    table.add_column("In time", justify="right")
    table.add_column("Of", justify="right")
    table.add_column("%", justify="right")
    for m in load.timeliness:
        table.add_row(escape(m.title), str(m.in_time), str(m.counted), _percent(m))
    parts: list[RenderableType] = [table]
    counted = a_or_an(load.words[1])
    notes = Text(
        f"{counted[:1].upper()}{counted[1:]} counts once held (its date has passed, or it is "
        "today and its outcome is recorded); "
        "a letter or record once done: gives the date it was sent. In time: on or before "
        f"the deadline.{england_note(load)}",
        style="dim",
    )
    parts.append(notes)
    for m in load.timeliness:
        if not m.missed:
            continue
        parts.append(Text(""))
        parts.append(Text(f"{m.title}: missed ({len(m.missed)})", style="bold"))
        for x in m.missed:
            line = Text("• ")
            line.append(x.reference, style="bold")
            verb = "held" if m.id.endswith("conferences") else "sent"
            line.append(f" {x.children}: due {short_date(x.due)}, {verb} {short_date(x.done)}")
            late = x.working_days_late
            line.append(
                f" ({_plural(late, 'working day')} late)" if late else " (late)", style="yellow"
            )
            parts.append(line)
    return Group(*parts)


def errors_view(load: Caseload) -> Group:
    """The case files that could not be read, each problem with its file and line."""
    parts: list[RenderableType] = [
        Text(f"Could not read {_plural(len(load.errors), 'case file')}:", style="bold red")
    ]
    for e in load.errors:
        for p in e.problems:
            line = Text("• ", style="red")
            line.append(str(p))
            parts.append(line)
    return Group(*parts)


def caseload_view(load: Caseload, summary: bool = False, width: int = 80) -> Group:
    """Everything `cpconf caseload` shows a person."""
    read = load.files - len(load.errors) - load.duplicates - load.not_ready
    head = Text("Caseload", style="bold")
    head.append(f": {_plural(load.cases, 'case')} from {_plural(load.files, 'case file')}")
    if load.duplicates:
        head.append(f" ({_plural(load.duplicates, 'duplicate')} left out: see the warnings)")
    if load.not_ready:
        head.append(f" ({load.not_ready} not ready, still to fill in: see the warnings)")
    if load.cases != read:
        head.append(f" ({read - load.cases} left out by the filters)")
    head.append(f". Today: {short_date(load.today)}.")
    parts: list[RenderableType] = [head]
    if not summary:
        counts = load.counts()
        if load.deadlines:
            parts.extend(deadlines_tables(load, width))
            bits = [f"{counts[g]} {GROUP_TITLES[g].lower()}" for g in GROUPS if counts[g]]
            foot = Text(
                f"{_plural(len(load.deadlines), 'open deadline')}: {', '.join(bits)}. "
                "Weeks run Monday to Sunday. Tasks recorded under done: are not listed.",
                style="dim",
            )
            if load.filters.within is not None:
                foot.append(
                    f" Due within {_plural(load.filters.within, 'working day')} (and all overdue)."
                )
            parts.append(foot)
        else:
            parts.append(Text("No open deadlines.", style="green"))
        parts.append(Text(""))
    parts.append(timeliness_view(load))
    if load.warnings:
        parts.append(warnings_view(load.warnings))
    if load.errors:
        parts.append(Text(""))
        parts.append(errors_view(load))
    return Group(*parts)


# -- CSV ---------------------------------------------------------------------------------

DEADLINE_COLUMNS = [
    "kind",
    "reference",
    "children",
    "conference_type",
    "deadline",
    "label",
    "due",
    "group",
    "status",
    "working_days",
    "owner_role",
    "owner",
    "file",
    "line",
    "error",
    "warning",
]
SUMMARY_COLUMNS = [
    "kind",
    "measure",
    "title",
    "counted",
    "in_time",
    "percent",
    "reference",
    "children",
    "due",
    "done",
    "working_days_late",
    "file",
    "line",
    "error",
    "warning",
]


def to_csv(load: Caseload, summary: bool = False) -> str:
    """One row per open deadline (or per measure and missed case), then one per file of a
    warning, then one per file problem."""
    out = io.StringIO()
    columns = SUMMARY_COLUMNS if summary else DEADLINE_COLUMNS
    # the JSON's fields, less those a spreadsheet has no use for (e.g. provisional)
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    if summary:
        for m in load.timeliness:
            writer.writerow(
                {
                    "kind": "measure",
                    "measure": m.id,
                    "title": m.title,
                    "counted": m.counted,
                    "in_time": m.in_time,
                    "percent": "" if m.percent is None else m.percent,
                }
            )
            for x in m.missed:
                writer.writerow(
                    {
                        "kind": "missed",
                        "measure": m.id,
                        "title": m.title,
                        "reference": x.reference,
                        "children": x.children,
                        "due": x.due.isoformat(),
                        "done": x.done.isoformat(),
                        "working_days_late": x.working_days_late,
                        "file": x.path,
                    }
                )
    else:
        for d in load.deadlines:
            row = {"kind": "deadline", **deadline_json(d)}
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    for w in load.warnings:
        for path in w.files:
            writer.writerow(
                {"kind": "warning", "reference": w.reference, "file": path, "warning": w.message}
            )
    for e in load.errors:
        for p in e.problems:
            # a problem may lie in the procedure profile the case names: say which file
            message = p.message if p.file == e.path else f"{p.file}: {p.message}"
            writer.writerow(
                {"kind": "error", "file": e.path, "line": p.line or "", "error": message}
            )
    return out.getvalue()
