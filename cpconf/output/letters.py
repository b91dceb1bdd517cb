"""`cpconf letters` and `cpconf templates` for people: what was written, what would fail."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from cpconf.letters.kinds import DISTRIBUTION, KIND_LABELS, MANIFEST, Written

if TYPE_CHECKING:  # only a type here: the template checks need the document libraries
    from cpconf.letters.templates import TemplateCheck


def letters_table(written: Sequence[Written], out_dir: Path, width: int = 100) -> Table:
    """What `cpconf letters` wrote: one row a document."""
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
        if w.kind == "outline_plan":  # about the child; sent to everyone invited
            who = f"about {w.recipient_name}"
        file = w.path.name + (" + .pdf" if w.pdf else "")
        if width >= 96:
            table.add_row(escape(kind), escape(who), escape(file))
        else:
            what = Text(kind, style="bold")
            what.append(f"\n{who}")
            table.add_row(what, escape(file))
    return table


def template_checks_table(checks: Sequence[TemplateCheck]) -> Table:
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
