"""Writing the pack all or nothing: the documents, manifest.json and the distribution list."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from cpconf.case import Case
from cpconf.dates import clock, long_date
from cpconf.errors import OutputError, Problem
from cpconf.files import temp_file
from cpconf.letters.engine import Renderer, sentence
from cpconf.letters.kinds import KIND_LABELS, PlannedDocument, Written
from cpconf.names import one_line
from cpconf.schedule import Schedule

# -- writing, all or nothing -------------------------------------------------------------


def manifest(docs: Iterable[PlannedDocument]) -> list[dict[str, Any]]:
    """CONTRACT.md section 4: kind, recipient id (or null), path relative to the folder."""
    return [{"kind": d.kind, "recipient": d.recipient, "path": d.filename} for d in docs]


def md_escape(text: str) -> str:
    """Text for a Markdown table cell: no pipes, no line breaks, no markup."""
    return re.sub(r"([\\`*_{}\[\]<>|#])", r"\\\1", one_line(text))


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def distribution(docs: Sequence[PlannedDocument], case: Case, plan: Schedule) -> str:
    """Who gets what, by when: a list a person can work through."""
    conf = case.conference
    title = f"# Distribution list: {md_escape(one_line(case.case.reference))}"
    lines = [title, ""]
    if conf.date:
        lines.append(
            # the procedure's name for the meeting (Scotland: Child Protection Planning Meeting)
            f"{_first_upper(plan.meeting_name or f'{conf.type} child protection conference')} "
            f"on {long_date(conf.date)}"
            + (f" at {clock(conf.time)}" if conf.time else "")
            + f". Prepared on {long_date(plan.today)}."
        )
        lines.append("")
    lines += [
        "| Document | For | Send | Due back | Note | File |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for d in docs:
        lines.append(
            "| "
            + " | ".join(
                md_escape(x)
                for x in (
                    KIND_LABELS[d.kind],
                    "; ".join(d.send_to),
                    d.send_by,
                    d.due_back,
                    d.note,
                    d.filename,
                )
            )
            + " |"
        )
    lines.append("")
    return "\n".join(lines)


def write_pack(
    docs: Sequence[PlannedDocument],
    out_dir: Path,
    renderer: Renderer,
    extra_files: Mapping[str, bytes] | None = None,
    force: bool = False,
) -> list[Written]:
    """Render every document, then put them all in place; on any error, write nothing.

    Refuses (OutputError) before writing anything if a target exists and not `force`: a
    coordinator may have edited it.
    """
    extra_files = dict(extra_files or {})
    names = [d.filename for d in docs] + list(extra_files)
    if len(set(names)) != len(names):
        raise OutputError.single(
            out_dir, "two documents would have the same file name; nothing was written."
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError.single(out_dir, "this is a file, not a folder.")
    existing = [n for n in names if (out_dir / n).exists() or (out_dir / n).is_symlink()]
    folders = [n for n in existing if (out_dir / n).is_dir()]
    if folders:
        raise OutputError.single(
            out_dir, f"a folder is in the way of {', '.join(folders)}; nothing was written."
        )
    if existing and not force:
        shown = ", ".join(existing[:5]) + (
            f" and {len(existing) - 5} more" if len(existing) > 5 else ""
        )
        raise OutputError(
            [
                Problem(
                    str(out_dir),
                    None,
                    f"{len(existing)} of the files already exist ({shown}); nothing was "
                    "written. They may have been edited: move them first.",
                )
            ],
            exists=True,
        )
    created = not out_dir.exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError.single(out_dir, f"cannot create the folder ({exc.strerror}).") from None
    staged: list[tuple[Path, Path]] = []
    done = False
    current = ""  # the document being written: an error names it, never its temporary file
    try:
        for d in docs:
            current = d.filename
            staged.append(
                (temp_file(out_dir, d.filename, renderer.render(d)), out_dir / d.filename)
            )
        for name, data in extra_files.items():
            current = name
            staged.append((temp_file(out_dir, name, data), out_dir / name))
        for tmp, target in staged:
            current = target.name
            os.replace(tmp, target)
        done = True
    except OSError as exc:
        # str(exc) would name the hidden .tmp file; the reason alone, with the document
        reason = exc.strerror or type(exc).__name__
        raise OutputError.single(out_dir, sentence(f"cannot write {current}: {reason}")) from None
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        if created and not done:
            with contextlib.suppress(OSError):
                out_dir.rmdir()  # only if still empty: a folder this run made, left as it was
    return [Written(d.kind, d.recipient, d.recipient_name, out_dir / d.filename) for d in docs]
