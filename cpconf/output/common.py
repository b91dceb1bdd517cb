"""What every command shows people alike: errors on stderr, warnings under a heading."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from rich.console import Console, Group, RenderableType
from rich.text import Text


class Coded(Protocol):
    """A warning as every command has them: a stable code and a message for people."""

    @property
    def code(self) -> str: ...

    @property
    def message(self) -> str: ...


def error_console() -> Console:
    """stderr, for people: no highlighting, and long messages kept whole for copying."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


def warnings_view(warnings: Sequence[Coded], title: str = "Warnings") -> Group:
    """Warnings (message, then code) under a heading, after a blank line."""
    parts: list[RenderableType] = [Text(""), Text(title, style="bold yellow")]
    for w in warnings:
        line = Text("• ", style="yellow")
        line.append(w.message)
        line.append(f"  [{w.code}]", style="dim")
        parts.append(line)
    return Group(*parts)
