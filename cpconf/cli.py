"""The command line: parse options, call one library function, render, map errors to exit codes.

Nothing else lives here: the work is the library's (`cpconf.conference`, `cpconf.service`,
`cpconf.letters`), the tables are `cpconf.output`'s. Every `CpconfError` is caught in one
place (`_Group.invoke`) and becomes exit code 2 with its problems on stderr.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import IntEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from cpconf import __version__
from cpconf.dates import parse_date
from cpconf.errors import CpconfError, OutputError


class ExitCode(IntEnum):
    """What a command's exit status means (CONTRACT.md section 4)."""

    OK = 0
    CHECK_FAILED = 1  # inquorate, overdue, a deadline breached where the command checks it
    BAD_INPUT = 2  # a case, profile, template or settings file that cannot be used; usage


class _Group(TyperGroup):
    """The one exit point for errors: every CpconfError becomes its problems and exit 2."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CpconfError as exc:
            _report(exc)
            raise typer.Exit(ExitCode.BAD_INPUT) from None


def _report(exc: CpconfError) -> None:
    from rich.text import Text

    from cpconf.output.common import error_console

    console = error_console()
    for problem in exc.problems:
        # the problem may quote the file's own text: print it as text, never as markup
        console.print(Text("error: ", style="bold red") + Text(str(problem)), highlight=False)
    if isinstance(exc, OutputError) and exc.exists:
        console.print("Use --force to replace what is there.", highlight=False)


app = typer.Typer(
    cls=_Group,
    name="cpconf",
    help="Prepare UK child protection conferences from one YAML case file.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion, --show-completion (bash, zsh, fish, PowerShell)
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
procedures_app = typer.Typer(
    help="The built-in procedure profiles and their timescales.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(procedures_app, name="procedures")
templates_app = typer.Typer(
    help="The Word templates of cpconf letters: export them to brand, check a council's own.",
    no_args_is_help=True,
)
app.add_typer(templates_app, name="templates")

CaseArg = Annotated[
    Path, typer.Argument(help="The case file (YAML).", show_default=False, metavar="CASE")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the machine-readable JSON only.")]


def _complete_types(incomplete: str) -> list[str]:
    from cpconf.case import CONFERENCE_TYPES

    return [t for t in CONFERENCE_TYPES if t.startswith(incomplete)]


def _complete_procedures(incomplete: str) -> list[str]:
    from cpconf.procedures import BUILTIN

    return [name for name in BUILTIN if name.startswith(incomplete)]


SettingsOpt = Annotated[
    Path | None,
    typer.Option(
        "--settings",
        metavar="FILE",
        envvar="CPCONF_SETTINGS",
        show_envvar=True,
        help="The council settings file (default: cpconf.yaml in the case file's folder "
        "or the nearest folder above it).",
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="DATE",
        help="Count from this date (2026-11-10 or 10/11/2026) instead of the real date.",
    ),
]


def _usage(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(ExitCode.BAD_INPUT)


def _today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return parse_date(value)  # the same forms and range as dates in a case file
    except ValueError as exc:
        _usage(f"--today: {exc}")


def _stdout(text: str) -> None:
    sys.stdout.write(text + "\n")


def _print_json(data: object) -> None:
    """Machine output: the JSON alone on stdout, no colour."""
    _stdout(json.dumps(data, indent=2, ensure_ascii=False))


def _say_settings(used: Path | None | list[str]) -> None:
    """Which council settings file a command used: one line on stderr, for people."""
    if isinstance(used, list):
        text = ", ".join(used) if used else None
    else:
        text = str(used) if used is not None else None
    typer.echo(f"Settings: {text or 'none (no cpconf.yaml beside the case or above it)'}", err=True)


def _with_settings(data: dict[str, Any], used: Path | None) -> dict[str, Any]:
    """JSON output naming the settings file used (null: none); CONTRACT.md allows extra keys."""
    return {**data, "settings": str(used) if used is not None else None}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cpconf {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Prepare UK child protection conferences from one YAML case file."""


@app.command()
def plan(
    case: CaseArg,
    json_out: JsonOpt = False,
    today: TodayOpt = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Exit 1 if a deadline has passed, or the conference is late with no delay_reason.",
        ),
    ] = False,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics",
            metavar="FILE",
            help="Also write the deadlines (and the booked conference) as a calendar file.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="With --ics or --docx: replace the files if they exist."),
    ] = False,
    settings: SettingsOpt = None,
    docx_out: Annotated[
        Path | None,
        typer.Option(
            "--docx",
            metavar="FILE",
            help="Also write the deadlines and warnings as a Word document for the chair.",
        ),
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="With --docx: a PDF beside it (needs LibreOffice).")
    ] = False,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            metavar="DIR",
            help="With --docx: the council's own templates (timetable.docx), if there.",
        ),
    ] = None,
) -> None:
    """Every deadline of the conference, in working days, with warnings."""
    from cpconf.conference import open_case

    if pdf and docx_out is None:
        _usage("--pdf goes with --docx FILE")
    day = _today(today)
    if pdf:
        from cpconf.sending.pdf import require_soffice

        require_soffice()  # before anything is read or written
    conference = open_case(case, settings)
    schedule = conference.plan(day)
    if docx_out is not None or ics is not None:
        timetable, calendar = conference.write_plan(
            schedule, docx=docx_out, ics=ics, pdf=pdf, force=force, templates=templates
        )
        for path in timetable:
            typer.echo(f"Timetable written to {path}", err=True)
        if calendar is not None:
            typer.echo(f"Calendar written to {calendar}", err=True)
    if json_out:
        _print_json(schedule.to_json())
    else:
        from rich.console import Console

        from cpconf.output.plan import plan_view

        _say_settings(conference.settings_path)
        if conference.doc.todo:
            typer.echo(
                f"Note: {len(conference.doc.todo)} value(s) are still marked FILL IN in {case}.",
                err=True,
            )

        Console(highlight=False).print(plan_view(schedule))
    failing = {"deadline_passed", "conference_after_deadline", "booking_after_deadline"}
    if check and any(w.code in failing for w in schedule.warnings):
        raise typer.Exit(ExitCode.CHECK_FAILED)


@app.command("check-quorum")
def check_quorum(
    case: CaseArg, json_out: JsonOpt = False, today: TodayOpt = None, settings: SettingsOpt = None
) -> None:
    """Is the conference quorate for each child, what is missing, and attendance warnings.

    Exit 0 when quorate, 1 when inquorate (even where the chair went ahead, London CP4
    3.11: the output says so), 2 for bad input.
    """
    from cpconf.conference import open_case

    conference = open_case(case, settings)
    if not json_out:  # said first: also when the case is refused (values to fill in)
        _say_settings(conference.settings_path)
    result = conference.quorum(_today(today))
    if json_out:
        _print_json(result.to_json())
    else:
        from rich.console import Console

        from cpconf.output.quorum import quorum_view

        Console(highlight=False).print(quorum_view(result))
    if not result.quorate:
        raise typer.Exit(ExitCode.CHECK_FAILED)


@app.command()
def caseload(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Case files, or folders read with their subfolders (*.yaml, *.yml).",
            show_default=False,
            metavar="PATH",
        ),
    ],
    today: TodayOpt = None,
    within: Annotated[
        int | None,
        typer.Option(
            "--within",
            metavar="N",
            min=0,
            help="Only deadlines due within N working days (overdue ones always shown).",
        ),
    ] = None,
    chair: Annotated[
        str | None,
        typer.Option(
            "--chair",
            metavar="NAME",
            help="Only cases this chair chairs (part of the name will do).",
        ),
    ] = None,
    social_worker: Annotated[
        str | None,
        typer.Option(
            "--social-worker",
            metavar="NAME",
            help="Only cases of this social worker (part of the name will do).",
        ),
    ] = None,
    conference_type: Annotated[
        str | None,
        typer.Option(
            "--type",
            metavar="TYPE",
            help="Only conferences of this type: initial, review, pre-birth or transfer-in.",
            autocompletion=_complete_types,
        ),
    ] = None,
    summary: Annotated[
        bool, typer.Option("--summary", help="Show the timeliness figures only.")
    ] = False,
    json_out: JsonOpt = False,
    csv_out: Annotated[
        bool, typer.Option("--csv", help="Print CSV only (one row per open deadline).")
    ] = False,
    settings: SettingsOpt = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="FILE",
            help="Also write the caseload as one self-contained web page (initials only).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="With --html: replace the file if it exists.")
    ] = False,
) -> None:
    """Every case's open deadlines, soonest first, and how timely the service has been.

    Exit 1 when anything is overdue (even if a file cannot be read); otherwise 2 on bad
    usage or when a case file cannot be read (the others are still shown); else 0.
    """
    from cpconf.service import PROGRESS_FROM, Filters, build_caseload, find_case_files

    if json_out and csv_out:
        _usage("give --json or --csv, not both")
    # a misspelt type is the library's to refuse (FilterError): before any file is read
    filters = Filters(within, chair, social_worker, conference_type)
    day = _today(today)
    files = find_case_files(paths)
    if not files:
        _usage(f"no case files (*.yaml, *.yml) in {', '.join(str(p) for p in paths)}")
    machine = json_out or csv_out
    if not machine and len(files) >= PROGRESS_FROM and sys.stdout.isatty():
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("Reading case files", total=len(files))
            result = build_caseload(
                paths,
                day,
                filters,
                files=files,
                progress=lambda n: bar.advance(task, n),
                settings=settings,
            )
    else:
        result = build_caseload(paths, day, filters, files=files, settings=settings)
    if not json_out:
        _say_settings(result.settings)
    if html is not None:
        from cpconf.files import write_new
        from cpconf.output.html import caseload_html

        write_new(html, caseload_html(result).encode("utf-8"), force)
        typer.echo(f"Page written to {html}", err=True)
    if json_out:
        _print_json(result.to_json(summary))
    elif csv_out:
        from cpconf.output.caseload import to_csv

        sys.stdout.write(to_csv(result, summary))
    else:
        from rich.console import Console

        from cpconf.output.caseload import caseload_view

        console = Console(highlight=False)
        console.print(caseload_view(result, summary, console.width))
    if result.errors and machine:  # listed in the output too; said here for a job's logs
        typer.echo(f"error: {len(result.errors)} case file(s) could not be read", err=True)
    # overdue work wins: a scheduled job that alerts on 1 must not miss it because one
    # file in the folder is broken (that file is listed in the output all the same)
    if result.overdue:
        raise typer.Exit(ExitCode.CHECK_FAILED)
    if result.errors:
        raise typer.Exit(ExitCode.BAD_INPUT)


@app.command()
def letters(
    case: CaseArg,
    out: Annotated[
        Path,
        typer.Option(
            "--out", metavar="DIR", help="The folder to write the documents to.", show_default=False
        ),
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Replace documents that already exist.")
    ] = False,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            metavar="DIR",
            help="The council's own templates; any kind not there uses the default.",
        ),
    ] = None,
    today: TodayOpt = None,
    json_out: Annotated[
        bool,
        typer.Option("--json", help="Print what was written (and the warnings) as JSON only."),
    ] = False,
    settings: SettingsOpt = None,
    stage: Annotated[
        str | None,
        typer.Option(
            "--stage",
            metavar="STAGE",
            help="Only the documents before or after the conference, added to the pack in DIR.",
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="Only documents of this kind (repeat for more), added to the pack in DIR.",
        ),
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also each document as PDF (needs LibreOffice).")
    ] = False,
    email: Annotated[
        bool,
        typer.Option(
            "--email",
            help="Also an unsent email (.eml) for each person with an email address, "
            "with their own documents attached.",
        ),
    ] = False,
    ics: Annotated[
        bool,
        typer.Option(
            "--ics",
            help="Also a calendar invitation (.ics) for each person invited, at their time.",
        ),
    ] = False,
) -> None:
    """The conference's paperwork as Word documents, with manifest.json and a distribution list."""
    from cpconf.case import nearest
    from cpconf.conference import open_case
    from cpconf.letters.kinds import KINDS, STAGES, stage_kinds
    from cpconf.sending import Sending

    kinds: frozenset[str] | None = None
    if stage is not None and kind:
        _usage("give --stage or --kind, not both")
    if stage is not None:
        if stage not in STAGES:
            _usage(
                f"--stage: '{stage}' is not one of {', '.join(STAGES)}"
                + nearest(stage, list(STAGES))
            )
        kinds = stage_kinds(stage)
    elif kind:
        for k in kind:
            if k not in KINDS:
                _usage(f"--kind: '{k}' is not a kind of document" + nearest(k, list(KINDS)))
        kinds = frozenset(kind)
    day = _today(today)
    sending = Sending(pdf=pdf, email=email, ics=ics)
    if pdf:
        sending.check()  # before the case is read: nothing to do without LibreOffice
    conference = open_case(case, settings)
    if not json_out:  # said first: also when the letters are refused (values to fill in)
        _say_settings(conference.settings_path)
    result = conference.letters(
        out, today=day, force=force, templates=templates, kinds=kinds, sending=sending
    )
    if json_out:
        _print_json(result.to_json())
        return
    from rich.console import Console

    from cpconf.output.common import warnings_view
    from cpconf.output.letters import letters_table

    console = Console(highlight=False)
    console.print(letters_table(result.written, out, console.width))
    if result.warnings:  # after the table, so that they are the last thing read
        console.print(warnings_view(result.warnings))


@app.command("next")
def next_conference(
    case: CaseArg,
    out: Annotated[
        Path,
        typer.Option(
            "--out", metavar="FILE", help="The case file to write (YAML).", show_default=False
        ),
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
    today: TodayOpt = None,
    settings: SettingsOpt = None,
) -> None:
    """Write the next conference's case file (a review) from one whose outcome is recorded.

    Exit 1, writing nothing, where no child keeps a child protection plan.
    """
    from cpconf.conference import open_case
    from cpconf.cycle import next_case, next_case_warnings
    from cpconf.files import write_new

    day = _today(today)
    conference = open_case(case, settings)
    _say_settings(conference.settings_path)
    for warning in next_case_warnings(conference, day):
        typer.echo(f"warning: {warning.message}  [{warning.code}]", err=True)
    text = next_case(conference, day, out.parent)
    if text is None:
        typer.echo(
            "No child keeps a child protection plan: there is no review conference to "
            "prepare, and nothing was written.",
            err=True,
        )
        raise typer.Exit(ExitCode.CHECK_FAILED)
    write_new(out, text.encode("utf-8"), force)
    typer.echo(
        f"Case file of the review written to {out}: check the comments at its top.", err=True
    )


@templates_app.command("export")
def templates_export(
    folder: Annotated[
        Path, typer.Argument(help="The folder to copy the templates to.", metavar="DIR")
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Replace templates that already exist.")
    ] = False,
) -> None:
    """Copy the default templates out, for a council to put in its letterhead and wording."""
    from cpconf.letters import export_templates

    for path in export_templates(folder, force=force):
        _stdout(str(path))


@templates_app.command("check")
def templates_check(
    folder: Annotated[
        Path, typer.Argument(help="The folder of templates to check.", metavar="DIR")
    ],
) -> None:
    """Report any template that would fail (broken tag, unknown value); exit 1 if one would."""
    from cpconf.letters import check_templates

    checks = check_templates(folder)
    from rich.console import Console

    from cpconf.output.letters import template_checks_table

    Console(highlight=False).print(template_checks_table(checks))
    if not all(c.ok for c in checks):
        raise typer.Exit(ExitCode.CHECK_FAILED)


@procedures_app.callback()
def procedures_list(ctx: typer.Context) -> None:
    """List the built-in procedure profiles."""
    if ctx.invoked_subcommand is not None:
        return
    from rich.console import Console

    from cpconf.case import CaseInfo
    from cpconf.output.procedures import profiles_table
    from cpconf.procedures import builtin_profiles, load_profile

    rows = []
    for ref in builtin_profiles():
        rows.append((ref.name, ref.title, load_profile(ref.name).document))
    default = CaseInfo.model_fields["procedure"].default  # what a case file leaves out
    Console(highlight=False).print(profiles_table(rows, default))


@procedures_app.command("show")
def procedures_show(
    name: Annotated[
        str,
        typer.Argument(
            help="A built-in profile name, or a profile file.",
            autocompletion=_complete_procedures,
        ),
    ],
) -> None:
    """Every timescale of one profile, with the paragraph it comes from."""
    from rich.console import Console

    from cpconf.output.procedures import profile_view
    from cpconf.procedures import load_profile

    profile = load_profile(name)
    Console(highlight=False).print(profile_view(profile))


@app.command("settings")
def settings_show(
    case: Annotated[
        Path | None,
        typer.Argument(
            help="A case file: its settings as it gets them (default: the council's, found "
            "from the current folder).",
            show_default=False,
            metavar="CASE",
        ),
    ] = None,
    json_out: JsonOpt = False,
    settings: SettingsOpt = None,
) -> None:
    """The effective settings, and where each value comes from (file and line)."""
    from cpconf.settings import effective_settings

    if case is not None:
        from cpconf.conference import open_case

        conference = open_case(case, settings)
        council, used = conference.settings, conference.settings_path
        rows = effective_settings(council, conference.profile, conference.doc)
        title = f"Settings of {case}"
    else:
        from cpconf.procedures import load_profile
        from cpconf.settings import apply_to_profile, find_settings, load_settings

        found = settings if settings is not None else find_settings(Path.cwd() / "case.yaml")
        council = load_settings(found) if found is not None else None
        used = council.path if council is not None else None
        name, folder = "london", None
        if council is not None and council.procedure is not None:
            name, folder = council.procedure, council.folder
        rows = effective_settings(council, apply_to_profile(load_profile(name, folder), council))
        title = "Council settings"
    if json_out:
        _print_json(_with_settings({"values": [r.to_json() for r in rows]}, used))
        return
    from rich.console import Console

    from cpconf.output.settings import settings_table

    _say_settings(used)
    Console(highlight=False).print(settings_table(rows, title))


@app.command("new")
def new_case(
    conference_type: Annotated[
        str,
        typer.Argument(
            help="initial, review, pre-birth or transfer-in.",
            metavar="TYPE",
            show_default=False,
            autocompletion=_complete_types,
        ),
    ],
    file: Annotated[
        Path, typer.Argument(help="The case file to write.", metavar="FILE", show_default=False)
    ],
    reference: Annotated[
        str | None, typer.Option("--reference", metavar="REF", help="The case reference.")
    ] = None,
    strategy_discussion: Annotated[
        str | None,
        typer.Option(
            "--strategy-discussion", metavar="DATE", help="Initial: the strategy discussion."
        ),
    ] = None,
    previous_conference: Annotated[
        str | None,
        typer.Option(
            "--previous-conference", metavar="DATE", help="Review: the conference it reviews."
        ),
    ] = None,
    previous_type: Annotated[
        str | None,
        typer.Option(
            "--previous-type",
            metavar="TYPE",
            help="Review: the type of the conference it reviews.",
            autocompletion=_complete_types,
        ),
    ] = None,
    transfer_notification: Annotated[
        str | None,
        typer.Option(
            "--transfer-notification",
            metavar="DATE",
            help="Transfer-in: the day this authority was notified.",
        ),
    ] = None,
    due_date: Annotated[
        str | None,
        typer.Option(
            "--due-date", metavar="DATE", help="Pre-birth: the expected date of delivery."
        ),
    ] = None,
    procedure: Annotated[
        str | None,
        typer.Option(
            "--procedure",
            metavar="NAME",
            help="The procedure profile (default: the council settings', else london).",
            autocompletion=_complete_procedures,
        ),
    ] = None,
    today: TodayOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
    settings: SettingsOpt = None,
) -> None:
    """Write a case file to start from: the dates given, every section with examples to replace."""
    import os

    from cpconf.case import CONFERENCE_TYPES, nearest
    from cpconf.files import write_new
    from cpconf.settings import find_settings, load_settings
    from cpconf.starter import SCHEMA_FILE, check_given, new_case_text

    for option, value in (("TYPE", conference_type), ("--previous-type", previous_type)):
        if value is not None and value not in CONFERENCE_TYPES:
            _usage(
                f"{option}: '{value}' is not one of {', '.join(CONFERENCE_TYPES)}"
                + nearest(value, list(CONFERENCE_TYPES))
            )
    given = {
        "strategy_discussion": ("--strategy-discussion", strategy_discussion),
        "previous_conference": ("--previous-conference", previous_conference),
        "transfer_notification": ("--transfer-notification", transfer_notification),
        "due_date": ("--due-date", due_date),
    }
    dates: dict[str, dt.date] = {}
    for key, (option, value) in given.items():
        if value is None:
            continue
        try:
            dates[key] = parse_date(value)
        except ValueError as exc:
            _usage(f"{option}: {exc}")
    # which type each date goes with is the case model's to say (cpconf.starter)
    check_given(conference_type, dates, previous_type, file)
    if procedure is not None:  # a misspelt name: said now, not at `plan`
        from cpconf.errors import ProfileError
        from cpconf.procedures import find_profile, load_profile

        try:
            find_profile(procedure, file.parent)
        except ProfileError as exc:
            _usage(f"--procedure: {exc.problems[0].message}")
        load_profile(procedure, file.parent)  # a profile file's own problems, with its lines
    found = settings if settings is not None else find_settings(file)
    council = load_settings(found) if found is not None else None
    folder = council.folder if council is not None and council.folder else file.parent
    schema = os.path.relpath(folder.resolve() / SCHEMA_FILE, file.parent.resolve())
    text = new_case_text(
        conference_type,
        example_day=_today(today),
        reference=reference,
        dates=dates,
        previous_type=previous_type,
        procedure=procedure,
        settings=council,
        schema=Path(schema).as_posix(),
        path=file,
    )
    write_new(file, text.encode("utf-8"), force, make_folder=True)
    _say_settings(council.path if council is not None else None)
    typer.echo(f"Case file written to {file}: fill in the lines marked FILL IN.", err=True)
    if not (folder / SCHEMA_FILE).exists():
        typer.echo(
            f"For checking and completion in your editor: cpconf schema > {folder / SCHEMA_FILE}",
            err=True,
        )


@app.command("schema")
def schema_show() -> None:
    """Print the JSON Schema (draft 2020-12) of the case file, for editors."""
    from cpconf.schema import case_schema

    _print_json(case_schema())


def main() -> None:
    app(prog_name="cpconf")
