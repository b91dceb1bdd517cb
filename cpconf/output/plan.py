"""`cpconf plan` for people: the deadlines as a table, then the warnings."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from cpconf.dates import long_date
from cpconf.output.common import warnings_view
from cpconf.schedule import Schedule

_STATUS_STYLE = {
    "done": "green",
    "late": "yellow",
    "overdue": "bold red",
    "today": "bold yellow",
    "upcoming": "",
    "closed": "dim",
    "booked": "green",
}


def plan_view(schedule: Schedule) -> Group:
    """The deadlines, soonest first, with the rule and source of each; then the warnings."""
    title = f"{schedule.reference}: {schedule.meeting or schedule.conference_type + ' conference'}"
    if schedule.conference_date:
        title += f" on {long_date(schedule.conference_date)}"
    else:
        title += " (no date booked)"
    table = Table(title=escape(title), title_justify="left", expand=False, show_lines=True)
    table.add_column("Deadline", ratio=3)
    table.add_column("Due by", no_wrap=True)
    table.add_column("Rule", ratio=3)
    table.add_column("Where it stands", ratio=2)
    for d in sorted(schedule.deadlines, key=lambda d: (d.due, d.id != "conference")):
        status = schedule.status(d)
        name = Text(d.label, style="bold")
        name.append(f"\nby: {d.owner}", style="dim")
        source = d.source + (f"; inherited from {d.inherited_from}" if d.inherited_from else "")
        rule = Text(d.rule)
        rule.append(f"\n{source}", style="dim")
        if d.provisional:
            rule.append("\ncounted from the conference deadline", style="dim italic")
        due = Text(long_date(d.due))
        if d.booked:  # the date booked in the outcome, beside its deadline
            due.append(f"\nbooked: {long_date(d.booked)}", style="bold" if d.booked > d.due else "")
        table.add_row(name, due, rule, Text(status.text, style=_STATUS_STYLE[status.kind]))
    for u in schedule.not_set:  # the procedure gives no timescale: shown, never invented
        name = Text(u.label, style="bold")
        name.append(f"\nby: {u.owner}", style="dim")
        table.add_row(
            name,
            Text("not set", style="italic"),
            Text(f"Not set by the procedure: {u.reason}."),
            Text("set it locally", style="yellow"),
        )
    parts: list[RenderableType] = [table]
    if schedule.core_groups:
        groups = Table(
            title="Core group meetings until the next review", title_justify="left", expand=False
        )
        groups.add_column("Due by", no_wrap=True)
        groups.add_column("Rule")
        for c in schedule.core_groups:
            when = Text(long_date(c.due))
            if c.booked:
                when.append(f"\nbooked: {long_date(c.booked)}")
            rule = Text(c.rule)
            rule.append(f"\n{c.source}", style="dim")
            groups.add_row(when, rule)
        parts.append(groups)
    footer = f"Procedure: {schedule.procedure}.  Today: {long_date(schedule.today)}."
    parts.append(Text(footer, style="dim"))
    # the table already shows deadlines not set, each with its reason: counted, not repeated
    warnings = [w for w in schedule.warnings if w.code != "deadline_not_set"]
    not_set = len(schedule.warnings) - len(warnings)
    if not_set:
        parts.append(
            Text(
                f"{not_set} deadline{'s are' if not_set != 1 else ' is'} not set by the "
                "procedure (shown above as not set, with why): set "
                f"{'them' if not_set != 1 else 'it'} locally.",
                style="yellow",
            )
        )
    if warnings:
        parts.append(warnings_view(warnings))
        overdue = sorted(
            (d for d in schedule.deadlines if schedule.status(d).kind == "overdue"),
            key=lambda d: d.due,
        )
        if overdue and any(w.code == "deadline_passed" for w in warnings):
            # this case's own first overdue task, with its due date as the example date
            first = overdue[0]
            hint = (
                "Record finished tasks in the case file to clear these, e.g.\n"
                f"  done:\n    {first.id}: {first.due.isoformat()}"
            )
            parts.append(Text(hint, style="dim"))
    else:
        parts.append(Text("No other warnings." if not_set else "No warnings.", style="green"))
    return Group(*parts)
