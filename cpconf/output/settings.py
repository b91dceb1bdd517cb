"""`cpconf settings`: the effective settings, and where each value came from."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from cpconf.settings import Effective


def settings_table(rows: list[Effective], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("Setting", style="bold")
    table.add_column("Value", overflow="fold")
    table.add_column("From", style="dim", overflow="fold")
    for row in rows:
        value = Text(row.value) if row.value else Text("—", style="dim")
        table.add_row(row.key, value, Text(row.source))
    return table
