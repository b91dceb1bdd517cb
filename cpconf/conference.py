"""A conference: its case file opened with its procedure profile and working calendar.

This is the library the commands are faces of (README "Use from Python"):

    import cpconf
    conference = cpconf.open_case("sample_cases/initial.yaml")
    schedule = conference.plan(today=datetime.date(2026, 11, 10))

`plan`, `quorum` and `letters` each return a result whose `to_json()` is exactly what
the command's `--json` prints. Nothing here prints, reads the clock or exits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cpconf.case import Case, CaseInfo, nearest, parse_case
from cpconf.errors import CaseError, Problem, ProfileError
from cpconf.procedures import BUILTIN, Profile, load_profile
from cpconf.workdays import WorkingCalendar
from cpconf.yamlload import Document, load_yaml

if TYPE_CHECKING:
    from cpconf.letters.kinds import LettersResult
    from cpconf.quorum import QuorumReport
    from cpconf.schedule import Notice, Schedule
    from cpconf.sending import Sending
    from cpconf.settings import Settings, SettingsCache


# the warning for an outcome recorded for a meeting inquorate by its attendance, with no
# decision of the chair to go ahead (London CP4 3.11-3.12): `next` and `caseload` say it too
HELD_INQUORATE = "held_inquorate_without_decision"


@dataclass(frozen=True)
class Conference:
    """One conference's case file, validated, with the profile and calendar it counts by."""

    path: Path
    case: Case
    doc: Document
    profile: Profile
    calendar: WorkingCalendar
    settings: Settings | None = None  # the council's cpconf.yaml, where one applies

    @property
    def settings_path(self) -> Path | None:
        """The settings file this conference was opened with (None: none found)."""
        return self.settings.path if self.settings is not None else None

    def templates_dir(self, given: str | Path | None = None) -> Path | None:
        """The folder of the council's own Word templates: the one given, else the one its
        settings name (`templates:`), else None (the defaults). Every document cpconf
        writes from a template (the letters, the timetable) asks here."""
        if given is not None:
            return Path(given)
        if self.settings is not None:
            return self.settings.templates_dir()
        return None

    def still_to_fill_in(self, *also: Problem) -> None:
        """Raise CaseError listing every value still marked to fill in (`cpconf new`), and
        `also` what else the command cannot do without: every problem in one run."""
        todo = self.doc.todo
        problems = list(also)
        if todo:
            head = Problem(
                self.doc.path,
                None,
                f"{len(todo)} value(s) still to fill in, on the lines marked '# FILL IN': "
                "replace each example, then delete its mark",
            )
            problems[:0] = [head, *(Problem(self.doc.path, line, text) for line, text in todo)]
        if problems:
            raise CaseError(problems)

    def _where(self, loc: tuple[str | int, ...], key: str) -> str:
        """A key of the case file as a warning names it: "outcome (line 40)"."""
        line = self.doc.line(loc)
        return f"{key} (line {line})" if line else key

    def _at_line(self, notice: Notice) -> Notice:
        """A warning about a key of the case file, named with its line ("outcome (line 40): …")."""
        if notice.about is None:
            return notice
        where = self._where(notice.about, ".".join(str(k) for k in notice.about))
        return replace(notice, message=f"{where}: {notice.message}", about=None)

    def unbooked(self) -> Problem:
        """What stops a letter being written while no conference date is booked."""
        return self.doc.problem(
            ("conference",),
            "conference.date: no conference date is booked; book one before writing letters.",
        )

    def plan(self, today: dt.date) -> Schedule:
        """Every deadline of the conference in working days, with warnings (`cpconf plan`)."""
        from cpconf.schedule import Notice, build_schedule

        schedule = build_schedule(self.case, self.profile, self.calendar, today)
        schedule.warnings[:] = [self._at_line(w) for w in schedule.warnings]
        # what the case file says that cannot be so on `today` (a file copied forward, an
        # outcome typed in early): warnings, not errors, as the same file is right later on
        # what is said of a task done too early is not said again as recorded after today
        later = self._after_today(today, skip={f"done.{k}" for k in self._done_too_early(today)})
        schedule.warnings[:0] = [
            Notice(code, message)
            for code, message in [
                *self._too_early(today),
                *later,
                *self._to_decide(),
                *self._excluded_in_core_group(),
                *self._held_inquorate(today),
            ]
        ]
        schedule.settings = self._settings_name
        return schedule

    def write_plan(
        self,
        schedule: Schedule,
        *,
        docx: Path | None = None,
        ics: Path | None = None,
        pdf: bool = False,
        force: bool = False,
        templates: str | Path | None = None,
    ) -> tuple[list[Path], Path | None]:
        """Write the plan as a timetable (`docx`, with its PDF beside it when `pdf`) and as a
        calendar (`ics`): all or none where a file is in the way and not `force`, every one
        named (OutputError). Returns the timetable's files and the calendar's."""
        from cpconf.files import refuse_existing, write_new

        timetable: list[Path] = []
        if docx is not None and ics is not None:
            from cpconf.sending.pdf import pdf_name

            also = [docx.with_name(pdf_name(docx.name))] if pdf else []
            refuse_existing([docx, *also, ics], force)
        if docx is not None:
            from cpconf.letters.timetable import write_timetable

            folder = Path(templates) if templates is not None else None  # else the council's
            timetable = write_timetable(
                self, schedule, docx, force=force, pdf=pdf, templates=folder
            )
        if ics is not None:
            from cpconf.ics import deadlines_calendar

            write_new(ics, deadlines_calendar(schedule, self.case, self.profile), force)
        return timetable, ics

    @property
    def _settings_name(self) -> str | None:
        return str(self.settings_path) if self.settings_path is not None else None

    def _after_today(self, today: dt.date, skip: Collection[str] = ()) -> list[tuple[str, str]]:
        """Things recorded as done on a day still to come: a letter would be dated then."""

        at = self._where

        dated: list[tuple[tuple[str | int, ...], str, dt.date | None]] = []

        def add(loc: tuple[str | int, ...], key: str, day: dt.date | None) -> None:
            dated.append((loc, key, day))

        for i, f in enumerate(self.case.family):
            if f.exclusion is not None:
                for name in ("requested_on", "decided_on"):
                    add(
                        ("family", i, "exclusion", name),
                        f"family[{i}].exclusion.{name}",
                        getattr(f.exclusion, name),
                    )
        for i, p in enumerate(self.case.professionals):
            add(
                ("professionals", i, "report_received"),
                f"professionals[{i}].report_received",
                p.report_received,
            )
        decision = self.case.conference.inquorate_decision
        if decision is not None:
            add(
                ("conference", "inquorate_decision", "decided_on"),
                "conference.inquorate_decision.decided_on",
                decision.decided_on,
            )
        if self.case.outcome is not None:
            for i, day in enumerate(self.case.outcome.core_groups_held):
                add(("outcome", "core_groups_held", i), f"outcome.core_groups_held[{i}]", day)
        for name, day in self.case.done.items():
            add(("done", name), f"done.{name}", day)
        return [
            (
                "recorded_after_today",
                f"{at(loc, key)}: {day.isoformat()} is after today ({today.isoformat()}): "
                "record what has happened once it has (a letter written now would be dated "
                "then, or say it has happened).",
            )
            for loc, key, day in dated
            if day is not None and day > today and key not in skip
        ]

    def _to_decide(self) -> list[tuple[str, str]]:
        """Family members excluded from the conference before, with no decision for this one.

        London CP4 5.11 is quoted only where the profile follows London; the meeting is named
        in the procedure's words (Scotland: the CPPM)."""
        short = self.profile.terms.meeting_short
        cited = self.profile.cp4("5.11")
        why = f"exclusion then is not reason enough in itself now{cited}" if cited else ""
        out = []
        for i, f in enumerate(self.case.family):
            if f.awaiting_decision:
                where = self._where(
                    ("family", i, "excluded_before"), f"family[{i}].excluded_before"
                )
                out.append(
                    (
                        "exclusion_to_decide",
                        f"{where}: {f.name} was excluded ({f.excluded_before}) from the "
                        f"{short} before this one{'; ' + why if why else ''}. Until the chair "
                        "decides, no invitation is written for them: record excluded: (none, "
                        "part or full) and remove excluded_before.",
                    )
                )
        return out

    def _excluded_in_core_group(self) -> list[tuple[str, str]]:
        """A family member excluded from the whole conference named in the core group: the
        core group invitation gives its members and meetings, which their decision letter
        leaves out; the chair decides which it is to be."""
        outcome = self.case.outcome
        members = set(outcome.core_group) if outcome else set()
        out = []
        for f in self.case.family:
            if f.excluded == "full" and f.id in members:
                where = self._where(("outcome", "core_group"), "outcome.core_group")
                out.append(
                    (
                        "excluded_in_core_group",
                        f"{where}: {f.name} was excluded from the whole conference but is a "
                        "member of the core group, so the core group invitation gives them "
                        "its members and meetings: check with the chair, and remove them from "
                        "the core group if they are not to be a member.",
                    )
                )
        return out

    def _held_inquorate(self, today: dt.date) -> list[tuple[str, str]]:
        """An outcome recorded for a conference that, by the attendance in the file, was
        inquorate, with no record of the chair's decision to go ahead: the decision letters
        would go out for a meeting that could not decide, and the early review that follows
        one held inquorate (London CP4 3.11-3.12) would not be counted."""
        conf = self.case.conference
        held = conf.date is not None and conf.date <= today
        if self.case.outcome is None or conf.inquorate_decision is not None or not held:
            return []
        from cpconf.quorum import assess_child

        rule = self.profile.quorum
        short = [
            c
            for c in (assess_child(self.case, child, rule) for child in self.case.subject_children)
            if not c.quorate
        ]
        if not short:
            return []
        where = self._where(("outcome",), "outcome")
        names = "; ".join(f"{c.name} (still needed: {c.missing})" for c in short)
        early = any(d.id == "early_review" for d in self.profile.deadlines)
        return [
            (
                HELD_INQUORATE,
                f"{where}: an outcome is recorded, but by the attendance in the case file the "
                f"conference was inquorate for {names}. If the chair went ahead, record "
                f"conference.inquorate_decision{self.profile.cp4('3.11')}"
                + (", and an early review conference follows" if early else "")
                + "; otherwise record who attended (attended, not invited).",
            )
        ]

    def _done_too_early(self, today: dt.date) -> list[str]:
        """The `done:` tasks that follow a conference still to come (not done yet, surely)."""
        conf = self.case.conference
        if conf.date is not None and conf.date <= today:
            return []
        after = {
            spec.id
            for spec in self.profile.deadlines
            if all(
                r.after == "conference"
                or r.anchor.startswith("done.")
                or r.anchor == "last_core_group"
                for r in spec.rules
            )
        }
        return [key for key in self.case.done if key == "conference" or key in after]

    def _too_early(self, today: dt.date) -> list[tuple[str, str]]:
        """Facts recorded for a conference not yet held, each with its key and line."""
        conf = self.case.conference
        if conf.date is not None and conf.date <= today:
            return []
        when = (
            f"the conference is booked for {conf.date.isoformat()}, after today ({today.isoformat()})"
            if conf.date
            else "no conference date is booked"
        )

        at = self._where

        out: list[tuple[str, str]] = []
        if self.case.outcome is not None:
            out.append(
                (
                    "outcome_before_conference",
                    f"{at(('outcome',), 'outcome')}: an outcome is recorded but {when}: record it "
                    "once the conference has been held (decision letters written now would say "
                    "it was held).",
                )
            )
        for i, p in enumerate(self.case.professionals):
            if p.attendance in ("attended", "absent"):
                key = at(("professionals", i, "attendance"), f"professionals[{i}].attendance")
                out.append(
                    (
                        "attendance_before_conference",
                        f"{key}: {p.name} is recorded as {p.attendance} but {when}: use "
                        "invited, attending or apologies until the day.",
                    )
                )
        for key in self._done_too_early(today):
            day = self.case.done[key]
            out.append(
                (
                    "done_before_conference",
                    f"{at(('done', key), f'done.{key}')}: recorded done on {day.isoformat()}, "
                    f"but it is a task of the conference after it is held, and {when}.",
                )
            )
        return out

    def quorum(self, today: dt.date) -> QuorumReport:
        """Whether the conference is quorate for each subject child (`cpconf check-quorum`)."""
        from cpconf.attendance import AttendanceWarning
        from cpconf.quorum import check_quorum

        self.still_to_fill_in()  # a quorum of example professionals would mislead
        schedule = self.plan(today)  # the last day to ask for an exclusion is the plan's
        report = check_quorum(
            self.case,
            self.profile,
            self.calendar,
            today,
            exclusion_request=schedule.deadline("exclusion_request"),
            early_review=schedule.deadline("early_review"),
            agency_reports=schedule.deadline("agency_reports"),
        )
        report.settings = self._settings_name
        # every command shows the case's warnings (a conference on a bank holiday), then its own
        report.warnings[:0] = [AttendanceWarning(w.code, w.message) for w in schedule.warnings]
        return report

    def letters(
        self,
        out: str | Path,
        *,
        today: dt.date,
        force: bool = False,
        templates: str | Path | None = None,
        kinds: Collection[str] | None = None,
        sending: Sending | None = None,
    ) -> LettersResult:
        """Write the paperwork to `out` as Word documents (`cpconf letters`).

        All or nothing: raises OutputError, writing nothing, if a document exists and not
        `force`; TemplateError if a template cannot be used. `kinds` (for example
        `cpconf.letters.stage_kinds("after")`) writes only those documents, adding them
        to the pack already in `out`. `sending` (cpconf.sending.Sending) adds PDFs, email
        drafts and calendar invitations.
        """
        from cpconf.letters import make_letters

        # never a letter to an example name, nor one that cannot be dated
        self.still_to_fill_in(*([self.unbooked()] if self.case.conference.date is None else []))
        schedule = self.plan(today)
        result = make_letters(
            self,
            schedule,
            Path(out),
            templates=self.templates_dir(templates),  # the council's own, from its settings
            force=force,
            kinds=kinds,
            sending=sending,
        )
        # what the letters depend on that is not arranged yet (an interpreter, an exclusion's
        # reason): said with the pack, as check-quorum says it
        from cpconf.attendance import attendance_warnings
        from cpconf.schedule import Notice

        attendance = [
            Notice(w.code, w.message)
            for w in attendance_warnings(
                self.case,
                self.profile,
                self.calendar,
                today,
                exclusion_request=schedule.deadline("exclusion_request"),
            )
            if w.code in LETTERS_ATTENDANCE_CODES
        ]
        if not self.calendar.is_working_day(today):
            from cpconf.dates import long_date

            why = self.calendar.holiday_name(today) or today.strftime("%A")
            attendance.append(
                Notice(
                    "letters_dated_non_working_day",
                    f"The documents are dated {long_date(today)}, which is not a working day "
                    f"({why}): write them again, dated the working day they will be sent.",
                )
            )
        return replace(
            result, settings=self._settings_name, warnings=[*result.warnings, *attendance]
        )


# the attendance warnings `letters` repeats: what its documents depend on (London CP4 3.3,
# 5.2-5.3, 14.9; Bolton's always-invited agencies); the rest are check-quorum's
LETTERS_ATTENDANCE_CODES = frozenset(
    {
        "interpreter_not_arranged",
        "exclusion_no_reason",
        "exclusion_request_late",
        "observer_without_consent",
        "agency_not_invited",
    }
)

ProfileLoader = Callable[[str, Path | None], Profile]


def _council(
    path: Path, settings: str | Path | Settings | None, cache: SettingsCache | None
) -> Settings | None:
    """The settings the case uses; the settings model is imported only where there are some."""
    if settings is None and cache is None:
        from cpconf.settings_file import find_settings

        found = find_settings(path)
        if found is None:
            return None
        settings = found
    from cpconf.settings import settings_for

    return settings_for(path, settings, cache)


def open_case(
    path: str | Path,
    settings: str | Path | Settings | None = None,
    *,
    profiles: ProfileLoader | None = None,
    settings_cache: SettingsCache | None = None,
) -> Conference:
    """Open a case file: validated whole, with its procedure profile, calendar and settings.

    `settings`: the council settings file (a path, or loaded `Settings`); None looks for
    `cpconf.yaml` in the case file's folder and the folders above it. Raises CaseError
    naming the file and line of every problem (a missing or unreadable file too),
    SettingsError for a settings file that cannot be used, or ProfileError when the
    profile the case names cannot be used. `profiles` loads a profile by name (default:
    `load_profile`); `caseload` passes caches of profiles and settings.
    """
    path = Path(path)
    council = _council(path, settings, settings_cache)
    doc = load_yaml(path)
    problems: list[Problem] = []
    case: Case | None = None
    try:
        case = parse_case(doc)
    except CaseError as exc:
        problems.extend(exc.problems)
    # the profile and what the case says of it are checked even when the case has other
    # problems, so that every problem is reported in one round
    data: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
    raw_case = data["case"] if isinstance(data.get("case"), dict) else {}
    # the case's own procedure wins; else the council's; else the default (london)
    relative_to, from_settings = path.parent, False
    if "procedure" in raw_case:
        name = case.case.procedure if case else raw_case["procedure"]
    elif council is not None and council.procedure is not None:
        name, relative_to = council.procedure, council.folder or path.parent
        from_settings = True
    else:
        name = CaseInfo.model_fields["procedure"].default
    if not isinstance(name, str):
        raise CaseError(problems)
    try:
        profile = (profiles or load_profile)(name, relative_to)
    except ProfileError as exc:
        where, line, key = str(path), doc.line(("case", "procedure")), "case.procedure"
        if from_settings and council is not None:  # named by the settings
            where, line, key = str(council.path), council.line("procedure"), "procedure"
        if all(p.file == name for p in exc.problems):  # no such profile: say it at the line
            why = [Problem(where, line, f"{key}: {p.message}") for p in exc.problems]
        else:
            why = [
                *exc.problems,
                Problem(
                    where,
                    line,
                    f"{key}: the profile '{name}' cannot be used because of the "
                    "problems listed in it; correct them, or name a built-in profile "
                    f"({', '.join(BUILTIN)})",
                ),
            ]
        raise ProfileError([*problems, *why]) from None
    ids = [d.id for d in profile.deadlines]
    done = data.get("done")
    for key in done if isinstance(done, dict) else {}:
        if key not in ids:
            problems.append(
                doc.problem(
                    ("done", key),
                    f"done.{key}: the {profile.name} procedure has no deadline '{key}'"
                    + nearest(key, ids),
                )
            )
    if profile.terms.category:
        from cpconf.case.checks import missing_categories

        problems.extend(missing_categories(doc))
    if problems or case is None:
        raise CaseError(list(dict.fromkeys(problems)))
    if name != case.case.procedure:  # the procedure the settings chose
        case = case.model_copy(update={"case": case.case.model_copy(update={"procedure": name})})
    if council is not None:
        from cpconf.settings import apply_to_case, apply_to_profile

        case = apply_to_case(case, council)
        profile = apply_to_profile(profile, council)
    return Conference(path, case, doc, profile, profile.calendar(case.case.region), council)
