"""What every command shows people alike: errors on stderr, warnings under a heading."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.text import Text


def error_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def warnings_view(warnings: list[Any], title: str = "Warnings") -> Group:
    """Plain warnings (code and message) under a heading, as `plan` shows its own."""
    parts: list[Any] = [Text(""), Text(title, style="bold yellow")]
    for w in warnings:
        line = Text("• ", style="yellow")
        line.append(w.message)
        line.append(f"  [{w.code}]", style="dim")
        parts.append(line)
    return Group(*parts)
