"""Writing the pack all or nothing: the documents, manifest.json and the distribution list."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from cpconf.case import Case
from cpconf.dates import clock, long_date
from cpconf.errors import OutputError, Problem
from cpconf.files import SignalGuard, Staging
from cpconf.letters.engine import Renderer, error_sentence
from cpconf.letters.kinds import KIND_LABELS, MANIFEST, PlannedDocument, Written
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


def distribution(docs: Sequence[PlannedDocument], case: Case, schedule: Schedule) -> str:
    """Who gets what, by when: a list a person can work through."""
    conf = case.conference
    title = f"# Distribution list: {md_escape(one_line(case.case.reference))}"
    lines = [title, ""]
    if conf.date:
        lines.append(
            # the procedure's name for the meeting (Scotland: Child Protection Planning Meeting)
            f"{_first_upper(schedule.meeting_name or f'{conf.type} child protection conference')} "
            f"on {long_date(conf.date)}"
            + (f" at {clock(conf.time)}" if conf.time else "")
            + f". Prepared on {long_date(schedule.today)}."
        )
        lines.append("")
    lines += distribution_table(docs)
    lines.append("")
    return "\n".join(lines)


def distribution_table(docs: Sequence[PlannedDocument]) -> list[str]:
    """The rows of the distribution list: one a document, in the order they are sent."""
    lines = [
        "| Document | For | Send | Due back | Note | File |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for d in docs:
        cells = (
            KIND_LABELS[d.kind],
            "; ".join(d.send_to),
            d.send_by,
            d.due_back,
            d.note,
            d.filename,
        )
        lines.append("| " + " | ".join(md_escape(x) for x in cells) + " |")
    return lines


def add_to_distribution(
    existing: str, docs: Sequence[PlannedDocument], schedule: Schedule, what: str
) -> str:
    """The distribution list of a pack with a section added for documents written later."""
    lines = [existing.rstrip("\n"), "", f"## {what}, prepared on {long_date(schedule.today)}", ""]
    lines += distribution_table(docs)
    lines.append("")
    return "\n".join(lines)


def read_manifest(out_dir: Path) -> list[dict[str, Any]]:
    """The manifest of a pack already in `out_dir`, or [] where there is none."""
    path = out_dir / MANIFEST
    if not path.exists():
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OutputError.single(
            path, f"cannot read the manifest to add to it ({exc}); nothing was written."
        ) from None
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("path"), str) for e in entries
    ):
        raise OutputError.single(
            path, "is not a manifest cpconf wrote (a list of documents); nothing was written."
        )
    return entries


def write_pack(
    docs: Sequence[PlannedDocument],
    out_dir: Path,
    renderer: Renderer,
    extra_files: Mapping[str, bytes] | None = None,
    force: bool = False,
    updating: Collection[str] = (),
) -> list[Written]:
    """Render every document, then put them all in place; on any error, write nothing.

    Refuses (OutputError) before writing anything if a target exists and not `force`: a
    coordinator may have edited it. The `updating` files (the manifest and distribution list
    of a pack being added to) are replaced whatever `force` says: they are rewritten whole.
    """
    extra_files = dict(extra_files or {})
    names = [d.filename for d in docs] + list(extra_files)
    if len(set(names)) != len(names):
        raise OutputError.single(
            out_dir, "two documents would have the same file name; nothing was written."
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError.single(out_dir, "this is a file, not a folder.")
    existing = [
        n
        for n in names
        if ((out_dir / n).exists() or (out_dir / n).is_symlink())
        and not (n in updating and (out_dir / n).is_file())
    ]
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
                    (
                        f"{shown} already exists; nothing was written. It may have been "
                        "edited: move it first."
                        if len(existing) == 1
                        else f"{len(existing)} of the files already exist ({shown}); nothing "
                        "was written. They may have been edited: move them first."
                    ),
                )
            ],
            exists=True,
        )
    # the folders this run makes (the output folder and any missing above it): removed
    # again, if still empty, when nothing is written
    created = [p for p in (out_dir, *out_dir.parents) if not p.exists()]
    done = False
    # Ctrl-C or SIGTERM: an exception, so that the staging folder is removed and nothing
    # is left (a complete document with personal data in each staged file)
    with SignalGuard() as guard:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError.single(
                out_dir, f"cannot create the folder ({exc.strerror})."
            ) from None
        staging: Staging | None = None
        try:
            staging = Staging(out_dir)
            with guard.live():
                for d in docs:  # each rendered, then written while the next renders
                    staging.add(d.filename, renderer.render(d))
                for name, data in extra_files.items():
                    staging.add(name, data)
                staging.finish()
            # signals wait: all of the pack is put in place, or none
            staging.commit(force, replace=updating)
            done = True
        except FileExistsError as exc:  # a file appeared since the check: it is kept
            appeared = Path(exc.filename or "").name
            raise OutputError(
                [
                    Problem(
                        str(out_dir),
                        None,
                        f"{appeared} appeared while the documents were being written; "
                        "nothing was written.",
                    )
                ],
                exists=True,
            ) from None
        except OSError as exc:
            raise OutputError.single(
                out_dir, error_sentence(f"cannot write the documents: {exc.strerror or exc}")
            ) from None
        finally:
            if staging is not None:
                staging.close()
            if not done:
                with contextlib.suppress(OSError):
                    for folder in created:  # innermost first; rmdir only takes an empty one
                        folder.rmdir()
    return [Written(d.kind, d.recipient, d.recipient_name, out_dir / d.filename) for d in docs]
