"""Every case at once: the open deadlines across a caseload, and the service's timeliness.

`build_caseload(paths, today)` finds the case files under the given files and
folders, builds each conference's plan (cpconf.schedule) and returns a
`Caseload`: the deadlines not yet done, grouped by when they fall due, the
files that could not be read (each with its problems), and timeliness as
councils report it. Children appear by their initials only: a coordinator's
screen may be seen by others.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cpconf.case import CONFERENCE_TYPES, Case, nearest
from cpconf.conference import HELD_INQUORATE, open_case
from cpconf.errors import CaseError, CpconfError, FilterError, Problem
from cpconf.names import initials
from cpconf.procedures import BUILTIN, Profile, load_profile
from cpconf.schedule import Schedule
from cpconf.settings import Settings, SettingsCache, load_settings
from cpconf.settings_file import SETTINGS_FILE

SettingsGiven = str | Path | Settings | None  # a settings file, loaded settings, or find each

CASE_SUFFIXES = (".yaml", ".yml")

# When a deadline falls due, relative to --today. Weeks are calendar weeks, Monday to Sunday.
GROUPS: tuple[str, ...] = ("overdue", "today", "this_week", "next_week", "later")
GROUP_TITLES: dict[str, str] = {
    "overdue": "Overdue",
    "today": "Due today",
    "this_week": "Due this week",
    "next_week": "Due next week",
    "later": "Later",
}

# Timeliness measures: (id, deadline id, conference type or None, title).
# Initial conferences within 15 working days of the strategy discussion is the figure the
# DfE publishes for England (Characteristics of children in need); the others are the
# local measures councils report alongside it.
MEASURES: tuple[tuple[str, str, str | None, str], ...] = (
    ("initial_conferences", "conference", "initial", "Initial conferences held in time"),
    ("review_conferences", "conference", "review", "Review conferences held in time"),
    ("decision_letters", "decision_letter", None, "Decision letters sent in time"),
    ("conference_records", "conference_record", None, "Conference records sent in time"),
)

# The deadline for the next conference of the same case, which gets a file of its own.
NEXT_CONFERENCE = "next_review"

# From this many files the command shows a progress bar (on a terminal only).
PROGRESS_FROM = 200

# Below this many files a process pool costs more to start than it saves.
PARALLEL_FROM = 400
CHUNK = 100


# -- the result ------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenDeadline:
    """One deadline of one case that is not recorded as done."""

    reference: str
    children: str  # the subject children's initials: "A.S., B.S."
    conference_type: str
    deadline: str  # the profile's deadline id
    label: str
    due: dt.date
    group: str  # one of GROUPS
    status: str  # "overdue by 3 working days", "due in 2 working days", "booked for …, in time"
    working_days: int  # working days from today to the due date; negative when overdue
    owner_role: str  # as the procedure says: "chair", "social worker", "each agency"
    owner: str | None  # the person, where the case file names one
    provisional: bool  # counted from the conference deadline: no date booked yet
    path: str
    booked: dt.date | None = None  # the date the outcome booked (first core group, review)

    @property
    def owner_text(self) -> str:
        return f"{self.owner} ({self.owner_role})" if self.owner else self.owner_role


@dataclass(frozen=True)
class FileError:
    """A case file that could not be used, with every problem found in it."""

    path: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class NotReady:
    """A case file begun by `cpconf new` with values still marked `# FILL IN`: its names
    and dates are examples, so it is not a case yet and is not counted."""

    path: str
    todo: int  # how many values are still to fill in
    first_line: int | None


@dataclass(frozen=True)
class Miss:
    """A conference, letter or record that was late."""

    reference: str
    children: str
    path: str
    due: dt.date
    done: dt.date
    working_days_late: int


@dataclass(frozen=True)
class Measure:
    """One timeliness figure: how many were done, how many of them on time, and which were not."""

    id: str
    title: str
    counted: int
    in_time: int
    missed: tuple[Miss, ...] = ()

    @property
    def percent(self) -> float | None:
        return round(100 * self.in_time / self.counted, 1) if self.counted else None


@dataclass(frozen=True)
class CaseFacts:
    """What one case contributes: its open deadlines and what was done and when."""

    reference: str
    path: str
    conference_type: str
    children: str
    chair: str | None
    social_worker: str | None
    conference_date: dt.date | None
    previous_conference: dt.date | None
    open: tuple[OpenDeadline, ...]
    # measure id -> (due, done, working days late) for what is recorded as done
    done: dict[str, tuple[dt.date, dt.date, int]]
    # the date the conference deadline counts from (strategy discussion, previous
    # conference, notification, due date): with the reference and type, which conference
    counted_from: dt.date | None = None
    recorded: int = 0  # tasks recorded as done, plus one for an outcome: how far along
    settings: str | None = None  # the council settings file the case was read with
    coordinator: str | None = None  # for the load per coordinator (caseload --html)
    # whose procedure the case follows (`nation`): England's DfE figure compares only with
    # English cases; the meeting in the procedure's words, for a caseload all of one nation
    nation: str = ""  # england | wales | scotland | northern-ireland | "" (not known)
    meeting: str = "child protection conference"  # Scotland: Child Protection Planning Meeting
    meeting_short: str = "conference"  # Scotland: CPPM
    # an outcome recorded for a meeting inquorate by its attendance, with no chair's
    # decision to go ahead (London CP4 3.11-3.12): its decisions may not stand
    held_inquorate: bool = False

    @property
    def conference_key(self) -> tuple[str, str, dt.date | None]:
        return (self.reference, self.conference_type, self.counted_from)


@dataclass(frozen=True)
class Filters:
    within: int | None = None  # working days from today; overdue and today always shown
    chair: str | None = None  # part of the chair's name, any case
    social_worker: str | None = None  # part of the social worker's name, any case
    type: str | None = None  # conference type

    def __post_init__(self) -> None:
        """A misspelt type would keep no case and look like an empty caseload: refused."""
        problems = []
        if self.type is not None and self.type not in CONFERENCE_TYPES:
            problems.append(
                Problem(
                    "conference type",
                    None,
                    f"'{self.type}' is not one of {', '.join(CONFERENCE_TYPES)}"
                    + nearest(self.type, list(CONFERENCE_TYPES)),
                )
            )
        if self.within is not None and self.within < 0:
            problems.append(Problem("within", None, f"{self.within} working days: give 0 or more"))
        if problems:
            raise FilterError(problems)

    def keeps_case(self, case: CaseFacts) -> bool:
        if self.type and case.conference_type != self.type:
            return False
        if self.chair and not _matches(self.chair, case.chair):
            return False
        return not (self.social_worker and not _matches(self.social_worker, case.social_worker))

    def keeps(self, d: OpenDeadline) -> bool:
        if self.within is None or d.group in ("overdue", "today"):
            return True
        return d.working_days <= self.within

    def to_json(self) -> dict[str, Any]:
        return {
            "within": self.within,
            "chair": self.chair,
            "social_worker": self.social_worker,
            "type": self.type,
        }


@dataclass(frozen=True)
class CaseloadWarning:
    """Case files that do not fit together: one conference in two files, say."""

    code: str  # duplicate_conference | reference_shared | not_ready | held_inquorate_…
    reference: str
    files: tuple[str, ...]
    used: str | None  # the one file counted, where the others were left out
    message: str

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "reference": self.reference,
            "files": list(self.files),
            "used": self.used,
            "message": self.message,
        }


@dataclass
class Caseload:
    today: dt.date
    files: int  # case files found
    cases: int  # conferences read, counted once each, and kept by the filters
    deadlines: list[OpenDeadline]
    errors: list[FileError]
    timeliness: list[Measure]
    filters: Filters = field(default_factory=Filters)
    warnings: list[CaseloadWarning] = field(default_factory=list)
    settings: list[str] = field(default_factory=list)  # the settings files the cases used
    facts: list[CaseFacts] = field(default_factory=list)  # each case counted (the page's charts)

    @property
    def duplicates(self) -> int:
        """Files left out because another file holds the same conference."""
        return sum(len(w.files) - 1 for w in self.warnings if w.used is not None)

    @property
    def english(self) -> int:
        """Cases under English procedures: the ones England's DfE figure compares with."""
        return sum(c.nation == "england" for c in self.facts)

    @property
    def words(self) -> tuple[str, str]:
        """(meeting, short) in the procedures' own words where every case shares them
        ("Child Protection Planning Meeting", "CPPM"); England's where there are no cases;
        plain words where the caseload mixes nations' words."""
        found = {(c.meeting, c.meeting_short) for c in self.facts}
        if not found:
            return ("child protection conference", "conference")
        if len(found) == 1:
            return found.pop()
        return ("child protection meeting", "meeting")

    @property
    def not_ready(self) -> int:
        """Files left out because they are still to be filled in (`cpconf new`)."""
        return sum(w.code == "not_ready" for w in self.warnings)

    def group(self, name: str) -> list[OpenDeadline]:
        return [d for d in self.deadlines if d.group == name]

    @property
    def overdue(self) -> list[OpenDeadline]:
        return self.group("overdue")

    def counts(self) -> dict[str, int]:
        return {g: len(self.group(g)) for g in GROUPS}

    def to_json(self, summary: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "today": self.today.isoformat(),
            "files": self.files,
            "cases": self.cases,
            "filters": self.filters.to_json(),
            "settings": self.settings,
        }
        if not summary:
            out["counts"] = self.counts()
            out["deadlines"] = [deadline_json(d) for d in self.deadlines]
        out["timeliness"] = [_measure_json(m) for m in self.timeliness]
        out["errors"] = [
            {
                "file": e.path,
                "problems": [
                    {"file": p.file, "line": p.line, "message": p.message} for p in e.problems
                ],
            }
            for e in self.errors
        ]
        out["warnings"] = [w.to_json() for w in self.warnings]
        return out


def deadline_json(d: OpenDeadline) -> dict[str, Any]:
    return {
        "reference": d.reference,
        "children": d.children,
        "conference_type": d.conference_type,
        "deadline": d.deadline,
        "label": d.label,
        "due": d.due.isoformat(),
        "group": d.group,
        "status": d.status,
        "working_days": d.working_days,
        "owner_role": d.owner_role,
        "owner": d.owner,
        "provisional": d.provisional,
        "booked": d.booked.isoformat() if d.booked else None,
        "file": d.path,
    }


def _measure_json(m: Measure) -> dict[str, Any]:
    return {
        "measure": m.id,
        "title": m.title,
        "counted": m.counted,
        "in_time": m.in_time,
        "percent": m.percent,
        "missed": [
            {
                "reference": x.reference,
                "children": x.children,
                "file": x.path,
                "due": x.due.isoformat(),
                "done": x.done.isoformat(),
                "working_days_late": x.working_days_late,
            }
            for x in m.missed
        ],
    }


# -- finding and reading the files -----------------------------------------------------


def find_case_files(paths: Iterable[str | Path]) -> list[Path]:
    """Case files named, or below the folders named (*.yaml, *.yml; hidden folders skipped;
    a council settings file, cpconf.yaml, is not a case file).

    Raises CaseError for a path that does not exist.
    """
    found: list[Path] = []
    missing = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(
                    Path(root, f)
                    for f in sorted(files)
                    if f.endswith(CASE_SUFFIXES) and not f.startswith(".") and f != SETTINGS_FILE
                )
        elif path.exists():
            found.append(path)  # named on purpose: read it whatever its name
        else:
            missing.append(Problem(str(path), None, "no such file or folder"))
    if missing:
        raise CaseError(missing)
    seen: set[Path] = set()
    unique = []
    for p in found:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


class _ProfileCache:
    """Each profile read once per run: the built-ins by name, others by their resolved path."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], Profile] = {}

    def __call__(self, name: str, relative_to: Path | None) -> Profile:
        if name in BUILTIN:
            key = (name, "")
        else:
            candidate = Path(name).expanduser()
            if not candidate.is_absolute() and relative_to is not None:
                candidate = relative_to / candidate
            key = (name, str(candidate.resolve()))
        profile = self._cache.get(key)
        if profile is None:
            profile = self._cache[key] = load_profile(name, relative_to)
        return profile


def _matches(wanted: str, name: str | None) -> bool:
    """A filter matches any part of the name, ignoring case and extra spaces."""
    return (
        name is not None
        and " ".join(wanted.split()).casefold() in " ".join(name.split()).casefold()
    )


def _owner(role: str, case: Case, social_worker: str | None) -> str | None:
    """The person behind a procedure's owner ('chair', 'social worker', ...), where known."""
    words = role.lower()
    conf = case.conference
    if "chair" in words:
        return conf.chair.name if conf.chair else None
    if "coordinator" in words:
        return conf.coordinator.name if conf.coordinator else None
    if "social worker" in words or "keyworker" in words:
        return social_worker
    return None  # "each agency", "requesting agency": no one person


def _group(due: dt.date, today: dt.date) -> str:
    if due < today:
        return "overdue"
    if due == today:
        return "today"
    sunday = today + dt.timedelta(days=6 - today.weekday())
    if due <= sunday:
        return "this_week"
    if due <= sunday + dt.timedelta(days=7):
        return "next_week"
    return "later"


def case_facts(path: str, case: Case, schedule: Schedule) -> CaseFacts:
    """What the caseload needs of one case, from its plan."""
    # an unborn baby's "name" is usually its mother's ("Unborn baby of Chloe Barnes")
    kids = ", ".join("unborn baby" if c.unborn else initials(c.name) for c in case.subject_children)
    worker = case.social_worker()
    social_worker = worker.name if worker else None
    cal = schedule.calendar
    held = schedule.deadline("conference")
    held_on = held.done if held else None
    rows = []
    for d in schedule.deadlines:
        if d.done is not None:
            continue
        if held_on and d.id != "conference" and d.due <= held_on:
            continue  # a task for a conference already held: too late to chase it now
        if d.cutoff and d.due < schedule.today:
            continue  # a window that has closed (e.g. the last day to ask for an exclusion)
        if d.provisional and d.due < schedule.today:
            continue  # counted from a conference not yet booked: the conference is what to chase
        status = schedule.status(d)
        ahead = (
            cal.working_days_between(schedule.today, d.due)
            if cal
            else (d.due - schedule.today).days
        )
        rows.append(
            OpenDeadline(
                reference=case.case.reference,
                children=kids,
                conference_type=case.conference.type,
                deadline=d.id,
                label=d.label,
                due=d.due,
                group=_group(d.due, schedule.today),
                status=status.text,
                working_days=ahead,
                owner_role=d.owner,
                owner=_owner(d.owner, case, social_worker),
                provisional=d.provisional,
                path=path,
                booked=d.booked,
            )
        )
    done: dict[str, tuple[dt.date, dt.date, int]] = {}
    for measure, deadline_id, conf_type, _title in MEASURES:
        if conf_type is not None and conf_type != case.conference.type:
            continue
        found = schedule.deadline(deadline_id)
        if found is None or found.done is None:
            continue
        if found.done > schedule.today:
            # not held (or sent) yet on `today`: an outcome typed in early, or a date
            # recorded ahead, is not a conference held in time (the plan warns of it)
            continue
        due, on = found.due, found.done
        late = max(0, cal.working_days_between(due, on)) if cal else int(on > due)
        done[measure] = (due, on, late)
    chair = case.conference.chair
    conf = case.conference
    return CaseFacts(
        reference=case.case.reference,
        path=path,
        conference_type=case.conference.type,
        children=kids,
        chair=chair.name if chair else None,
        social_worker=social_worker,
        conference_date=case.conference.date,
        previous_conference=case.conference.previous_conference,
        open=tuple(rows),
        done=done,
        counted_from=(
            conf.strategy_discussion
            or conf.previous_conference
            or conf.transfer_notification
            or conf.due_date
        ),
        recorded=sum(d.done is not None for d in schedule.deadlines) + (case.outcome is not None),
        coordinator=conf.coordinator.name if conf.coordinator else None,
    )


def examine(
    path: Path,
    today: dt.date,
    profiles: Callable[[str, Path | None], Profile],
    settings: SettingsGiven = None,
    settings_cache: SettingsCache | None = None,
) -> CaseFacts | FileError | NotReady:
    """One case file's facts, the problems that stop it being read, or that it is still
    to be filled in."""
    try:
        conference = open_case(path, settings, profiles=profiles, settings_cache=settings_cache)
        todo = conference.doc.todo
        if todo:  # example names and dates: not a case to count or chase yet
            return NotReady(str(path), len(todo), min(line for line, _ in todo))
        schedule = conference.plan(today)  # with the case's own warnings
        facts = case_facts(str(path), conference.case, schedule)
        terms = conference.profile.terms
        inquorate = any(w.code == HELD_INQUORATE for w in schedule.warnings)
        facts = replace(
            facts,
            held_inquorate=inquorate,
            nation=conference.profile.nation,
            meeting=terms.meeting,
            meeting_short=terms.meeting_short,
        )
        used = conference.settings_path
        return replace(facts, settings=str(used)) if used is not None else facts
    except CpconfError as exc:
        return FileError(str(path), tuple(without_values(p) for p in exc.problems))
    except Exception as exc:  # a fault in cpconf: one file must not stop the other 9,999
        message = (
            f"cpconf could not handle this file ({type(exc).__name__}: {exc}); please report it"
        )
        return FileError(str(path), (without_values(Problem(str(path), None, message)),))


# A problem's message may quote what the file says ("'Amy Smith' is not a valid id"): on a
# caseload, seen by others, the values are left out; the file and line point to them.
# Kept: key names and the schema's own suggestions, and one-character hints ('-' and '_').
_KEEP = re.compile(
    r"(?:unknown|duplicate) key '[^'\n]*'(?:; did you mean '[^'\n]*'\?)?"
    r"|(?<=\bis not one of )[^;'\n]*; did you mean '[^'\n]*'\?"
    r"|'[^\s']'"
)
_GOT = re.compile(r",? got .*", re.S)  # "expected a list, got ['Amy Smith']"
_QUOTED = re.compile(r"(?<!\w)'(?=\S).*?(?<=\S)'(?!\w)|(?<!\w)\"(?=\S).*?(?<=\S)\"(?!\w)", re.S)
_SUGGESTION = re.compile(r"; did you mean '…'\?")  # an id suggested from the file
# a date from the file (a birth date, say), but not the examples of how to write one
_DATE = re.compile(r"(?<!as )(?<!or )\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})\b")
_BARE = re.compile(r"(?<=: )(?:[-+\d][\w.:/+-]*|\[.*?\]|\{.*?\})(?= is not )")  # 20190314


def without_values(problem: Problem) -> Problem:
    """The problem with the values its message quotes from the file left out."""
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    # each value becomes '…', so that the message still reads as a sentence
    text = _KEEP.sub(keep, problem.message.replace("\x00", ""))
    text = _GOT.sub(", got …", text)
    text = _QUOTED.sub("'…'", text)
    text = _SUGGESTION.sub("", text)
    text = _BARE.sub("…", text)
    text = _DATE.sub("…", text)
    text = text.strip()
    text = re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text)
    return replace(problem, message=text)


def _examine_chunk(
    paths: Sequence[Path], today: dt.date, settings: SettingsGiven = None
) -> list[CaseFacts | FileError | NotReady]:
    profiles, found = _ProfileCache(), SettingsCache()
    return [examine(p, today, profiles, settings, found) for p in paths]


def _examine_all(
    files: Sequence[Path],
    today: dt.date,
    jobs: int | None,
    progress: Callable[[int], None] | None,
    settings: SettingsGiven = None,
) -> list[CaseFacts | FileError | NotReady]:
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(files) < PARALLEL_FROM:
        profiles, found = _ProfileCache(), SettingsCache()  # each folder's settings read once
        out: list[CaseFacts | FileError | NotReady] = []
        for p in files:
            out.append(examine(p, today, profiles, settings, found))
            if progress and len(out) % 25 == 0:
                progress(25)
        if progress and len(out) % 25:
            progress(len(out) % 25)
        return out
    chunks = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
    results: list[CaseFacts | FileError | NotReady] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # map keeps the order of the files, so the output does not depend on scheduling
        for part in pool.map(
            _examine_chunk, chunks, [today] * len(chunks), [settings] * len(chunks)
        ):
            results.extend(part)
            if progress:
                progress(len(part))
    return results


def build_caseload(
    paths: Iterable[str | Path],
    today: dt.date,
    filters: Filters | None = None,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
    files: Sequence[Path] | None = None,
    settings: SettingsGiven = None,
) -> Caseload:
    """Every open deadline and the timeliness of every case under `paths`.

    Raises CaseError only when a path does not exist; a case file that cannot be read
    becomes a FileError in the result and the others still run. `files`: the case files
    already found by `find_case_files` (the CLI finds them first to size its progress bar).
    `jobs`: worker processes (default: one per CPU, for large caseloads only).
    `settings`: one council settings file for every case; None: each case uses the
    `cpconf.yaml` of its own folder or the nearest above it.
    """
    filters = filters or Filters()
    if files is None:
        files = find_case_files(paths)
    if isinstance(settings, str | Path):
        load_settings(settings)  # one bad settings file is one error, not one per case
    results = _examine_all(files, today, jobs, progress, settings)
    errors = [r for r in results if isinstance(r, FileError)]
    facts, warnings = _once_each(r for r in results if isinstance(r, CaseFacts))
    warnings = [_not_ready(r) for r in results if isinstance(r, NotReady)] + warnings
    facts = _superseded(facts)
    cases = [c for c in facts if filters.keeps_case(c)]
    warnings += [  # said per case, without the children's names (initials only here)
        CaseloadWarning(
            HELD_INQUORATE,
            c.reference,
            (c.path,),
            None,
            f"{c.reference}: an outcome is recorded, but by its attendance the "
            f"{c.meeting_short} was inquorate and no decision of the chair to go ahead is "
            f"recorded (conference.inquorate_decision): cpconf check-quorum {c.path} says "
            "what was missing.",
        )
        for c in cases
        if c.held_inquorate
    ]
    rows = [d for c in cases for d in c.open if filters.keeps(d)]
    order = {id(d): i for i, d in enumerate(rows)}
    rows.sort(key=lambda d: (d.due, d.reference, order[id(d)]))
    return Caseload(
        today=today,
        files=len(files),
        cases=len(cases),
        deadlines=rows,
        errors=errors,
        timeliness=timeliness(cases),
        filters=filters,
        warnings=warnings,
        settings=sorted({r.settings for r in results if isinstance(r, CaseFacts) and r.settings}),
        facts=cases,
    )


def _not_ready(file: NotReady) -> CaseloadWarning:
    at = f" (first on line {file.first_line})" if file.first_line else ""
    return CaseloadWarning(
        "not_ready",
        "",
        (file.path,),
        None,
        f"{file.path}: not ready, {file.todo} value(s) still marked '# FILL IN'{at}; "
        "not counted until they are filled in.",
    )


def _once_each(facts: Iterable[CaseFacts]) -> tuple[list[CaseFacts], list[CaseloadWarning]]:
    """Each conference counted once, however many files hold it.

    Files with the same reference, conference type and the date its deadline counts from
    hold the same conference (a copy kept to record the outcome, say). The one that
    records the most (an outcome, tasks done) is counted, the first found on a tie; the
    others are left out and named in a warning. Where the copies name different
    children, the reference itself is in doubt: both are kept, with a warning.
    """
    facts = list(facts)
    groups: dict[tuple[str, str, dt.date | None], list[CaseFacts]] = {}
    for c in facts:
        groups.setdefault(c.conference_key, []).append(c)
    dropped: set[int] = set()
    warnings = []
    for (reference, conf_type, _), group in groups.items():
        if len(group) == 1:
            continue
        files = tuple(c.path for c in group)
        listed = ", ".join(files)
        if len({c.children for c in group}) > 1:
            kids = "; ".join(c.children for c in group)
            warnings.append(
                CaseloadWarning(
                    "reference_shared",
                    reference,
                    files,
                    None,
                    f"{reference}: {listed} hold the same {conf_type} conference but "
                    f"different children ({kids}): check the reference. All are listed.",
                )
            )
            continue
        used = max(group, key=lambda c: c.recorded)  # max keeps the first of equals
        dropped.update(id(c) for c in group if c is not used)
        warnings.append(
            CaseloadWarning(
                "duplicate_conference",
                reference,
                files,
                used.path,
                f"{reference}: the same {conf_type} conference is in {len(group)} files "
                f"({listed}); counted once, from {used.path}, which records the most. "
                "Archive the other copies.",
            )
        )
    return [c for c in facts if id(c) not in dropped], warnings


def _superseded(facts: Iterable[CaseFacts]) -> list[CaseFacts]:
    """Drop the next review of a conference whose review has its own file (same reference).

    One file per conference: once the review's file exists, its `conference` deadline is
    the one to chase, and the earlier file's `next_review` would say the same thing twice.
    The earlier conference keeps the rest (its record may still be due, and it counts in
    the timeliness figures); copies of one conference are set aside first (`_once_each`).
    """
    facts = list(facts)
    reviews: dict[str, list[dt.date]] = {}
    for c in facts:
        if c.previous_conference is not None:
            reviews.setdefault(c.reference, []).append(c.previous_conference)
    out = []
    for c in facts:
        later = reviews.get(c.reference, [])
        if c.conference_date and any(prev >= c.conference_date for prev in later):
            c = replace(c, open=tuple(d for d in c.open if d.deadline != NEXT_CONFERENCE))
        out.append(c)
    return out


def timeliness(cases: Iterable[CaseFacts]) -> list[Measure]:
    """Each measure over the cases where it is recorded as done, with the ones that were late.

    Titled in the procedures' words where every case shares them ("Initial CPPMs held in
    time")."""
    cases = list(cases)
    shorts = {c.meeting_short for c in cases}
    short = shorts.pop() if len(shorts) == 1 else "conference"
    out = []
    for measure, _deadline, _type, title in MEASURES:
        if short != "conference":
            title = title.replace("conferences", f"{short}s").replace("Conference", short)
            title = title[:1].upper() + title[1:]
        counted = 0
        missed = []
        for c in cases:
            if measure not in c.done:
                continue
            counted += 1
            due, done, late = c.done[measure]
            if done > due:
                missed.append(Miss(c.reference, c.children, c.path, due, done, late))
        missed.sort(key=lambda m: (m.done, m.reference))
        out.append(Measure(measure, title, counted, counted - len(missed), tuple(missed)))
    return out
