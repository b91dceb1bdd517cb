"""`cpconf check-quorum` for people: each child's quorum, then attendance warnings."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from cpconf.dates import long_date
from cpconf.names import first_name
from cpconf.quorum import ChildQuorum, QuorumReport, unit_name


def _child_quorum_table(
    child: ChildQuorum, nouns: str, exception_source: str, words: dict[str, str]
) -> Table:
    if child.quorate:
        verdict = Text(
            "Quorate by exception" if child.by_exception else "Quorate", style="bold green"
        )
    else:
        verdict = Text("Inquorate", style="bold red")
    title = Text(f"{child.name}: ", style="bold")
    title.append_text(verdict)
    table = Table(title=title, title_justify="left", show_header=False, expand=False)
    table.add_column("", style="bold", no_wrap=True)
    table.add_column("")
    present = ", ".join(unit_name(u, words) for u in child.present) or "none"
    table.add_row("Present", escape(present))
    if child.not_present:
        lines = Text()
        for i, p in enumerate(child.not_present):
            if i:
                lines.append("\n")
            lines.append(f"{p.name}, {unit_name(p.unit, words)}")
            lines.append(f": {p.why}", style="yellow")
        table.add_row("Not counted", lines)
    else:
        table.add_row(
            "Not counted", Text("none (everyone with direct contact is present)", style="dim")
        )
    if child.by_exception:
        known = len(child.known)
        noun = {"agencies": "agency", "organisations": "organisation"}.get(nouns, nouns)
        table.add_row(
            "Why",
            Text(
                f"only {known} {noun if known == 1 else nouns} "
                f"{'has' if known == 1 else 'have'} had direct contact with "
                f"{first_name(child.name) or child.child_id}, and all are present ({exception_source})"
            ),
        )
    if child.missing:
        table.add_row("Still needed", escape(child.missing))
    return table


def quorum_view(report: QuorumReport) -> Group:
    """The rule, each subject child's quorum (present, not counted, still needed), warnings."""
    title = f"{report.reference}: quorum"
    if report.conference_date:
        title += f" for the {report.meeting} on {long_date(report.conference_date)}"
    else:
        title += " (no date booked)"
    rule = Text("Quorum: ", style="bold")
    nouns = "organisations" if report.count == "organisations" else "agencies"
    rule.append(report.rule[0].upper() + report.rule[1:])
    parts: list[RenderableType] = [Text(title, style="bold"), rule]
    if report.not_assessed:
        names = " and ".join(report.not_assessed)
        verb = "is not a subject" if len(report.not_assessed) == 1 else "are not subjects"
        parts.append(Text(f"{names} {verb} of the {report.meeting}: not assessed.", style="dim"))
    for child in report.children:
        parts.append(Text(""))
        parts.append(
            _child_quorum_table(child, nouns, report.exception_source, report.agency_words)
        )
    parts.append(Text(""))
    inquorate = [c.name for c in report.children if not c.quorate]
    if not inquorate:
        parts.append(Text("Quorate for every subject child.", style="bold green"))
    else:
        line = Text(f"Inquorate for {' and '.join(inquorate)}.", style="bold red")
        if report.decision is not None:
            d = report.decision
            by = f" ({d.decided_by})" if d.decided_by else ""
            cite = " (London CP4 3.11)" if report.follows_london else ""
            line.append(f"\nThe chair{by} decided to go ahead{cite}: ", style="")
            line.append(d.reason.strip().rstrip(".") + ".")
            early = report.early_review
            if early is not None:  # the profile's early review, with its own source
                line.append(
                    f"\nAn early review {report.meeting} must be arranged by "
                    f"{long_date(early.due)} ({early.rule}) ({early.source}).",
                    style="",
                )
        parts.append(line)
    footer = f"Procedure: {report.procedure}.  Today: {long_date(report.today)}."
    parts.append(Text(footer, style="dim"))
    if report.warnings:
        parts.append(Text(""))
        parts.append(Text("Warnings", style="bold yellow"))
        items = Table.grid(padding=(0, 1))
        items.add_column(style="yellow", no_wrap=True)
        items.add_column()
        for w in report.warnings:
            item = Text(w.message)
            item.append(f"  [{w.code}]", style="dim")
            items.add_row("•", item)
        parts.append(items)
    else:
        parts.append(Text("No warnings.", style="green"))
    return Group(*parts)
