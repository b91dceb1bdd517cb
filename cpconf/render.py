"""What people see: Rich tables for the commands, and JSON for machines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console, Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from cpconf.dates import long_date
from cpconf.names import first_name
from cpconf.procedures import Profile
from cpconf.quorum import ChildQuorum, QuorumReport, unit_name
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


def plan_view(plan: Schedule, local_authority: str | None = None) -> Group:
    title = f"{plan.reference}: {plan.conference_type} conference"
    if plan.conference_date:
        title += f" on {long_date(plan.conference_date)}"
    else:
        title += " (no date booked)"
    table = Table(title=escape(title), title_justify="left", expand=False, show_lines=True)
    table.add_column("Deadline", ratio=3)
    table.add_column("Due by", no_wrap=True)
    table.add_column("Rule", ratio=3)
    table.add_column("Where it stands", ratio=2)
    for d in sorted(plan.deadlines, key=lambda d: (d.due, d.id != "conference")):
        status = plan.status(d)
        name = Text(d.label, style="bold")
        name.append(f"\nby: {d.owner}", style="dim")
        source = d.source + (f"; inherited from {d.inherited_from}" if d.inherited_from else "")
        rule = Text(d.rule)
        rule.append(f"\n{source}", style="dim")
        if d.provisional:
            rule.append("\ncounted from the conference deadline", style="dim italic")
        table.add_row(
            name, long_date(d.due), rule, Text(status.text, style=_STATUS_STYLE[status.kind])
        )
    parts: list[Any] = [table]
    footer = f"Procedure: {plan.procedure}.  Today: {long_date(plan.today)}."
    parts.append(Text(footer, style="dim"))
    if plan.warnings:
        parts.append(Text(""))
        parts.append(Text("Warnings", style="bold yellow"))
        for w in plan.warnings:
            line = Text("• ", style="yellow")
            line.append(w.message)
            line.append(f"  [{w.code}]", style="dim")
            parts.append(line)
        if any(w.code == "deadline_passed" for w in plan.warnings):
            hint = "Record finished tasks in the case file to clear these, e.g.\n  done:\n    agency_reports: 2026-11-18"
            parts.append(Text(hint, style="dim"))
    else:
        parts.append(Text("No warnings.", style="green"))
    return Group(*parts)


def profiles_table(rows: list[tuple[str, str, str]], default: str | None = None) -> Table:
    """`cpconf procedures`: each built-in profile, the default (what `case.procedure` means
    when left out) marked as such."""
    table = Table(title="Built-in procedure profiles", title_justify="left")
    table.add_column("Name", style="bold")
    table.add_column("Procedure")
    table.add_column("Source document")
    for name, title, document in rows:
        label = Text(name)
        if name == default:
            label.append(" (default)", style="not bold dim")
        table.add_row(label, escape(title), escape(document))
    return table


def _plan_words(plans: Sequence[str]) -> str:
    """['child-protection'] -> 'a child protection plan'; 'an early help plan'."""
    words = " or ".join(p.replace("-", " ") for p in plans)
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words} plan"


def profile_view(profile: Profile) -> Group:
    head = Text(profile.title, style="bold")
    head.append(f"\n{profile.document}", style="dim")
    head.append(f"\nBank holidays: {profile.region}", style="")
    closures = sorted(profile.closures())
    head.append(
        "\nClosure days: " + (", ".join(long_date(d) for d in closures) if closures else "none")
    )
    table = Table(title="Timescales", title_justify="left")
    table.add_column("Deadline id", style="bold", no_wrap=True)  # whole, to copy into done:
    table.add_column("What")
    table.add_column("Conference types")
    table.add_column("Rule")
    table.add_column("Source")
    labels = profile.labels
    for spec in profile.deadlines:
        for rule in spec.rules:
            types = ", ".join(rule.types)
            if rule.previous_types:
                types += f" (after {', '.join(rule.previous_types)})"
            if rule.if_plan:
                types += f"; if {_plan_words(rule.if_plan)}"
            if rule.if_inquorate_proceeded:
                types += "; if the chair went ahead inquorate"
            source = rule.source
            if spec.inherited_from:
                source += f" (inherited from {spec.inherited_from})"
            table.add_row(
                spec.id, escape(spec.label), types, escape(rule.words(labels)), escape(source)
            )
    q = profile.quorum
    quorum = Text("\nQuorum: ", style="bold")
    quorum.append(
        f"{unit_name(q.required_agency)} and {q.other_agencies} other "
        f"{q.count} with direct contact with each subject child ({q.source})"
    )
    if q.always_invite:
        quorum.append(f"; always invited: {', '.join(unit_name(a) for a in q.always_invite)}")
    s = profile.session
    session = Text("Session: ", style="bold")
    bits = []
    if s.family_times:
        bits.append("family starts at " + " or ".join(t.strftime("%H:%M") for t in s.family_times))
    if s.professionals_join_minutes:
        bits.append(f"professionals join {s.professionals_join_minutes} minutes later")
    bits.append(f"about {s.expected_length_minutes} minutes long")
    if s.school_day_ends:
        bits.append(f"should end by {s.school_day_ends.strftime('%H:%M')} (end of the school day)")
    session.append("; ".join(bits) + (f" ({s.source})" if s.source else ""))
    parts: list[Any] = [head, table, quorum, session]
    for note in profile.notes:
        parts.append(Text(f"• {note}"))
    return Group(*parts)


def error_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _child_quorum_table(child: ChildQuorum, nouns: str) -> Table:
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
    present = ", ".join(unit_name(u) for u in child.present) or "none"
    table.add_row("Present", escape(present))
    if child.not_present:
        lines = Text()
        for i, p in enumerate(child.not_present):
            if i:
                lines.append("\n")
            lines.append(f"{p.name}, {unit_name(p.unit)}")
            lines.append(f": {p.why}", style="yellow")
        table.add_row("Not counted", lines)
    else:
        table.add_row(
            "Not counted", Text("none (everyone with direct contact is present)", style="dim")
        )
    if child.by_exception:
        table.add_row(
            "Why",
            Text(
                f"only {len(child.known)} {nouns} have had direct contact with "
                f"{first_name(child.name) or child.child_id}, and all are present (London CP4 3.10)"
            ),
        )
    if child.missing:
        table.add_row("Still needed", escape(child.missing))
    return table


def quorum_view(report: QuorumReport) -> Group:
    title = f"{report.reference}: quorum"
    if report.conference_date:
        title += f" for the conference on {long_date(report.conference_date)}"
    else:
        title += " (no date booked)"
    rule = Text("Quorum: ", style="bold")
    nouns = "organisations" if report.count == "organisations" else "agencies"
    rule.append(report.rule[0].upper() + report.rule[1:])
    parts: list[Any] = [Text(title, style="bold"), rule]
    if report.not_assessed:
        names = " and ".join(report.not_assessed)
        verb = "is not a subject" if len(report.not_assessed) == 1 else "are not subjects"
        parts.append(Text(f"{names} {verb} of the conference: not assessed.", style="dim"))
    for child in report.children:
        parts.append(Text(""))
        parts.append(_child_quorum_table(child, nouns))
    parts.append(Text(""))
    inquorate = [c.name for c in report.children if not c.quorate]
    if not inquorate:
        parts.append(Text("Quorate for every subject child.", style="bold green"))
    else:
        line = Text(f"Inquorate for {' and '.join(inquorate)}.", style="bold red")
        if report.decision is not None:
            d = report.decision
            by = f" ({d.decided_by})" if d.decided_by else ""
            line.append(f"\nThe chair{by} decided to go ahead (London CP4 3.11): ", style="")
            line.append(d.reason.strip().rstrip(".") + ".")
            line.append(
                "\nAn early review conference must be arranged (London CP4 3.12): see cpconf plan.",
                style="",
            )
        parts.append(line)
    footer = f"Procedure: {report.procedure}.  Today: {long_date(report.today)}."
    parts.append(Text(footer, style="dim"))
    if report.warnings:
        parts.append(Text(""))
        parts.append(Text("Attendance warnings", style="bold yellow"))
        items = Table.grid(padding=(0, 1))
        items.add_column(style="yellow", no_wrap=True)
        items.add_column()
        for w in report.warnings:
            item = Text(w.message)
            item.append(f"  [{w.code}]", style="dim")
            items.add_row("•", item)
        parts.append(items)
    else:
        parts.append(Text("No attendance warnings.", style="green"))
    return Group(*parts)


def letters_table(written: list[Any], out_dir: Any, width: int = 100) -> Table:
    """What `cpconf letters` wrote: one row a document."""
    from cpconf.documents import DISTRIBUTION, KIND_LABELS, MANIFEST

    table = Table(
        title=escape(f"{len(written)} documents written to {out_dir}"),
        title_justify="left",
        caption=escape(f"Also written: {MANIFEST} and {DISTRIBUTION} (who gets what, by when)."),
        caption_justify="left",
    )
    if width >= 96:
        table.add_column("Document", style="bold")
        table.add_column("For")
    else:  # narrow: the recipient under the kind, so that the file name stays whole
        table.add_column("Document and recipient", overflow="fold")
    table.add_column("File", no_wrap=True)  # whole, so that it can be copied
    for w in written:
        kind, who = KIND_LABELS[w.kind], w.recipient_name or "everyone invited"
        if width >= 96:
            table.add_row(escape(kind), escape(who), escape(w.path.name))
        else:
            what = Text(kind, style="bold")
            what.append(f"\n{who}")
            table.add_row(what, escape(w.path.name))
    return table


def warnings_view(warnings: list[Any], title: str = "Warnings") -> Group:
    """Plain warnings (code and message) under a heading, as `plan` shows its own."""
    parts: list[Any] = [Text(""), Text(title, style="bold yellow")]
    for w in warnings:
        line = Text("• ", style="yellow")
        line.append(w.message)
        line.append(f"  [{w.code}]", style="dim")
        parts.append(line)
    return Group(*parts)


def template_checks_table(checks: list[Any]) -> Table:
    """`cpconf templates check`: each template, and what would fail."""
    table = Table(title="Template check", title_justify="left")
    table.add_column("Template", style="bold")
    table.add_column("Result")
    for c in checks:
        if c.ok:
            result = Text("ok", style="green")
        else:
            result = Text("\n".join(c.problems), style="red" if c.kind else "yellow")
        table.add_row(escape(c.file), result)
    return table
