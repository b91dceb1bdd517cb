"""Council settings (`cpconf.yaml`, CONTRACT.md section 1): what every case of a council shares.

Found in the case file's folder or the nearest folder above it; another may be named
(`settings=` here; `--settings` or `CPCONF_SETTINGS` on the command line). A case's own
values win over the settings; the settings' local values win over the profile's (the
values a procedure leaves to local practice, CONTRACT.md section 3); closure days add up.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, PrivateAttr, field_validator

from cpconf.case import Case, Contact, Date, Model, Time, validate
from cpconf.errors import CpconfError, Problem, ProfileError, SettingsError
from cpconf.procedures import ClosureRange, Profile, find_profile, load_profile
from cpconf.settings_file import SETTINGS_FILE, find_settings
from cpconf.workdays import Duration
from cpconf.yamlload import Document, load_yaml

__all__ = ["SETTINGS_FILE", "Settings", "find_settings", "load_settings"]


class Letterhead(Model):
    """The council's details printed at the head of its letters."""

    address: str | None = Field(default=None, description="The service's postal address.")
    phone: str | None = Field(default=None, description="The service's telephone number.")
    email: str | None = Field(default=None, description="The service's email address.")
    website: str | None = Field(default=None, description="The council's website.")


class Settings(Model):
    """A council's `cpconf.yaml`. Every key is optional; unknown keys are an error."""

    local_authority: str | None = Field(
        default=None, description="The council's name, on every letter."
    )
    procedure: str | None = Field(
        default=None, description="Default procedure profile for cases that name none."
    )
    region: Literal["england-and-wales", "scotland", "northern-ireland"] | None = Field(
        default=None, description="Bank-holiday region, where the profile's is not the council's."
    )
    coordinator: Contact | None = Field(default=None, description="The conference coordinator.")
    chair: Contact | None = Field(
        default=None, description="Default chair, where a case names none."
    )
    closures: list[Date | ClosureRange] = Field(
        default_factory=list, description="Council closure days: not working days."
    )
    templates: str | None = Field(
        default=None,
        description="The council's own Word templates (a folder, relative to this file).",
    )
    letterhead: Letterhead | None = None
    reports_email: str | None = Field(
        default=None, description="Where agencies send their reports."
    )
    complaints: str | None = Field(default=None, description="How a family complains.")
    # values the procedures leave to local practice (CONTRACT.md section 3)
    school_day_ends: Time | None = Field(
        default=None, description="End of the school day (London CP4 3.6: meetings not then)."
    )
    conference_length_minutes: int | None = Field(
        default=None, ge=15, le=600, description="How long a conference is expected to last."
    )
    early_review_after: str | None = Field(
        default=None,
        description="Interval to the early review after a conference held inquorate "
        "(London CP4 3.12), e.g. '1 month' or '20 working days'.",
    )
    child_views_from_age: int | None = Field(
        default=None, ge=0, le=18, description="From this age a child's own views are sought."
    )
    young_child_under: int | None = Field(
        default=None, ge=0, le=18, description="Under this age a child is not normally present."
    )
    reply_needed_working_days: int | None = Field(
        default=None, ge=0, le=60, description="Warn about invitees with no reply this close."
    )
    report_chased_working_days: int | None = Field(
        default=None,
        ge=0,
        le=60,
        description="Warn about agency reports not in this many working days before they are due.",
    )
    local: dict[str, Any] = Field(
        default_factory=dict,
        description="Any other value the procedure marks local, by `section.setting` or "
        "`deadlines.<id>` as `cpconf procedures show` lists them, e.g. "
        "`deadlines.first_core_group: 15 working days`.",
    )

    _path: Path | None = PrivateAttr(default=None)
    _doc: Document | None = PrivateAttr(default=None)

    @field_validator("early_review_after")
    @classmethod
    def _duration(cls, value: str | None) -> str | None:
        if value is not None:
            Duration.parse(value)  # ValueError with a message fit to show
        return value

    @property
    def path(self) -> Path | None:
        """The settings file these came from (None: made in code)."""
        return self._path

    @property
    def folder(self) -> Path | None:
        return self._path.parent if self._path else None

    def line(self, key: str) -> int | None:
        return self._doc.line((key,)) if self._doc else None

    def given(self) -> dict[str, Any]:
        """The keys the file sets, in the model's order."""
        return {k: getattr(self, k) for k in type(self).model_fields if k in self.model_fields_set}

    def templates_dir(self) -> Path | None:
        return None if self.templates is None else _beside(self.folder, self.templates)

    def procedure_folder(self) -> Path | None:
        """Where a profile file named by `procedure` is looked for: beside this file."""
        return self.folder


# -- finding and loading -------------------------------------------------------------------


def load_settings(path: str | Path) -> Settings:
    """Read and validate a settings file. Raises SettingsError naming the file and line."""
    path = Path(path)
    try:
        doc = load_yaml(path, "settings file")
    except CpconfError as exc:
        raise SettingsError(exc.problems) from None
    if not isinstance(doc.data, dict):
        raise SettingsError(
            [doc.problem((), "a settings file is a mapping of keys (local_authority: …)")]
        )
    problems: list[Problem] = []
    settings: Settings | None = None
    try:
        settings = validate(Settings, doc)
    except CpconfError as exc:  # the YAML reader's and the model's problems, in this file
        problems.extend(_one_per_closure(exc.problems))
    # what the model cannot see, said in the same run: the folders and the profile named
    procedure = doc.data.get("procedure")
    procedure_found = True
    if isinstance(procedure, str) and procedure:
        try:
            find_profile(procedure, path.parent)
        except ProfileError as exc:  # said at this file's line
            procedure_found = False
            problems.extend(
                doc.problem(("procedure",), f"procedure: {p.message}") for p in exc.problems
            )
    templates = doc.data.get("templates")
    if isinstance(templates, str) and templates:
        folder = _beside(path.parent, templates)
        if not folder.is_dir():
            problems.append(doc.problem(("templates",), f"templates: no such folder: {folder}"))
    # the local values against the council's own procedure, where it names one, with the
    # rest (a case of another procedure has them checked again against its own)
    local = doc.data.get("local")
    if isinstance(local, dict) and local and isinstance(procedure, str) and procedure_found:
        try:
            own = load_profile(procedure, path.parent)
        except ProfileError:
            pass  # said when a case is opened with it, at the profile's own lines
        else:
            named = {str(k): v for k, v in local.items()}
            problems.extend(_with_local(own, named, doc, str(path))[1])
    if problems or settings is None:
        raise SettingsError(sorted(problems, key=lambda p: p.line or 0))
    settings._path = path.absolute()  # said the same way however it was found
    settings._doc = doc
    return settings


def _beside(folder: Path | None, value: str) -> Path:
    """A path the settings file gives: relative to the folder it is in."""
    path = Path(value).expanduser()
    return path if path.is_absolute() or folder is None else folder / path


def _one_per_closure(problems: list[Problem]) -> list[Problem]:
    """A closure is a date or a {from:, to:} range: where a date was meant (it is not a
    mapping), say only what is wrong with the date, not that it is not a range either."""
    dated = {(p.file, p.line) for p in problems if p.message.startswith("closures[")}
    return [
        p
        for p in problems
        if not (
            (p.file, p.line) in dated
            and p.message.startswith("closures[")
            and "expected a mapping" in p.message
            and sum((q.file, q.line) == (p.file, p.line) for q in problems) > 1
        )
    ]


class SettingsCache:
    """Each folder's settings found once, each file read once (`caseload`: many cases)."""

    def __init__(self) -> None:
        self._found: dict[Path, Path | None] = {}
        self._loaded: dict[Path, Settings] = {}

    def load(self, path: Path) -> Settings:
        key = path.resolve()
        if key not in self._loaded:
            self._loaded[key] = load_settings(path)
        return self._loaded[key]

    def for_case(self, case_path: Path) -> Settings | None:
        folder = case_path.resolve().parent
        if folder not in self._found:
            self._found[folder] = find_settings(case_path)
        found = self._found[folder]
        return self.load(found) if found is not None else None


def settings_for(
    case_path: str | Path,
    settings: str | Path | Settings | None,
    cache: SettingsCache | None = None,
) -> Settings | None:
    """The settings a case uses: those given (a file or loaded), else the ones found."""
    if isinstance(settings, Settings):
        return settings
    cache = cache or SettingsCache()
    if settings is not None:
        return cache.load(Path(settings))
    return cache.for_case(Path(case_path))


# -- applying ----------------------------------------------------------------------------

_LOCAL_NOTE = re.compile(r"\s*\([^()]*(?:default|local)[^()]*\)\s*$")


def _source(old: str | None, what: str, settings: Settings) -> str:
    """A rule's source once the council sets its value: the citation, and who set it."""
    base = _LOCAL_NOTE.sub("", old or "").strip()
    where = str(settings.path) if settings.path else "the council's settings"
    said = f"{what}: set locally ({where})"
    return f"{base} ({said})" if base else said


def apply_to_profile(profile: Profile, settings: Settings | None) -> Profile:
    """The profile with the council's settings in: its local values, closures, region."""
    if settings is None:
        return profile
    given = settings.model_fields_set
    update: dict[str, Any] = {}
    if settings.closures:  # the profile's and the council's closure days both count
        update["closure_days"] = [*profile.closure_days, *settings.closures]
    if settings.region is not None:
        update["region"] = settings.region
    for key in ("reports_email", "complaints"):
        if key in given:
            update[key] = getattr(settings, key)
    session: dict[str, Any] = {}
    if settings.conference_length_minutes is not None:
        session["expected_length_minutes"] = settings.conference_length_minutes
    if settings.school_day_ends is not None:
        session["school_day_ends"] = settings.school_day_ends
        session["school_day_source"] = _source(
            profile.session.school_day_source, "end of the school day", settings
        )
    if session:
        update["session"] = profile.session.model_copy(update=session)
    attendance: dict[str, Any] = {}
    if settings.child_views_from_age is not None:
        attendance["child_views_from_age"] = settings.child_views_from_age
        attendance["child_views_source"] = _source(
            profile.attendance.child_views_source,
            f"age {settings.child_views_from_age}",
            settings,
        )
    if settings.young_child_under is not None:
        attendance["young_child_under"] = settings.young_child_under
        attendance["young_child_source"] = _source(
            profile.attendance.young_child_source,
            f"under {settings.young_child_under}",
            settings,
        )
    if settings.reply_needed_working_days is not None:
        attendance["reply_needed_working_days"] = settings.reply_needed_working_days
    if settings.report_chased_working_days is not None:
        attendance["report_chased_working_days"] = settings.report_chased_working_days
    if attendance:
        update["attendance"] = profile.attendance.model_copy(update=attendance)
    if settings.early_review_after is not None:
        update["deadlines"] = [
            _early_review(d, settings) if d.id == "early_review" else d for d in profile.deadlines
        ]
    applied = profile.model_copy(update=update) if update else profile
    where = str(settings.path) if settings.path else "settings"
    applied, problems = _with_local(applied, settings.local, settings._doc, where)
    if problems:
        raise SettingsError(problems)
    return applied


def _with_local(
    profile: Profile, local: dict[str, Any], doc: Document | None, where: str
) -> tuple[Profile, list[Problem]]:
    """The profile with the settings' `local:` values in, and what is wrong with any, each
    at its own line (one at a time, so that one bad key does not hide another)."""
    problems: list[Problem] = []
    for key, value in local.items():
        try:
            profile = profile.with_local({key: value})
        except ProfileError as exc:
            line = doc.line(("local", key)) if doc else None
            problems.extend(Problem(where, line, f"local.{p.message}") for p in exc.problems)
    return profile, problems


def _early_review(spec: Any, settings: Settings) -> Any:
    new = Duration.parse(str(settings.early_review_after))
    rules = []
    for rule in spec.rules:
        text = rule.text.replace(str(rule.duration), str(new)) if rule.text else None
        source = _source(rule.source, f"interval {new}", settings)
        rules.append(rule.model_copy(update={"duration": new, "text": text, "source": source}))
    return spec.model_copy(update={"rules": rules})


def apply_to_case(case: Case, settings: Settings | None) -> Case:
    """The case with the council's values where it gives none of its own (the case wins)."""
    if settings is None:
        return case
    info: dict[str, Any] = {}
    if case.case.local_authority is None and settings.local_authority is not None:
        info["local_authority"] = settings.local_authority
    conf: dict[str, Any] = {}
    if case.conference.chair is None and settings.chair is not None:
        conf["chair"] = settings.chair
    if case.conference.coordinator is None and settings.coordinator is not None:
        conf["coordinator"] = settings.coordinator
    update: dict[str, Any] = {}
    if info:
        update["case"] = case.case.model_copy(update=info)
    if conf:
        update["conference"] = case.conference.model_copy(update=conf)
    return case.model_copy(update=update) if update else case


# -- where each value came from (`cpconf settings`) -----------------------------------------


@dataclass(frozen=True)
class Effective:
    """One setting as a case (or the council) gets it, and where it came from."""

    key: str
    value: str  # as people read it; "" where nothing is set
    source: str  # "cpconf.yaml:4", "case.yaml:3", "profile london (local)", "default"
    data: Any = None  # the same for a program: a contact as an object, dates as ISO text

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "value": self.value, "data": self.data, "source": self.source}


def _data(value: Any) -> Any:
    """A value as JSON holds it."""
    if isinstance(value, BaseModel):  # a contact, a letterhead, a closure range (from, to)
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, (dt.date, Path)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if isinstance(value, list):
        return [_data(v) for v in value]
    if isinstance(value, dict):  # as the case file has it
        return {str(k): _data(v) for k, v in value.items()}
    return value


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # as YAML writes it
        return "true" if value else "false"
    if isinstance(value, ClosureRange):
        return f"{value.start.isoformat()} to {value.end.isoformat()}"
    if isinstance(value, BaseModel):
        return ", ".join(f"{k}: {v}" for k, v in value.model_dump(exclude_none=True).items())
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def effective_settings(
    settings: Settings | None,
    profile: Profile,
    case_doc: Document | None = None,
) -> list[Effective]:
    """Every setting with its value and source: the case file, the settings file (with
    its line), the profile, or cpconf's default. `profile` is the profile as applied."""

    def at_settings(key: str | tuple[str, ...]) -> str:
        loc = (key,) if isinstance(key, str) else key
        line = settings._doc.line(loc) if settings and settings._doc else None
        where = str(settings.path) if settings and settings.path else "settings"
        return f"{where}:{line}" if line else where

    def in_case(loc: tuple[str, ...]) -> str | None:
        if case_doc is None:
            return None
        data: Any = case_doc.data
        for part in loc:
            if not isinstance(data, dict) or part not in data:
                return None
            data = data[part]
        return f"{case_doc.path}:{case_doc.line(loc)}"

    given = settings.model_fields_set if settings else set()
    rows: list[Effective] = []

    def row(key: str, value: Any, case_loc: tuple[str, ...] | None, profile_value: Any) -> None:
        from_case = in_case(case_loc) if case_loc else None
        if from_case:
            data: Any = case_doc.data if case_doc else None
            for part in case_loc or ():
                data = data[part]
            rows.append(Effective(key, _show(data), from_case, _data(data)))
        elif _AS_LOCAL.get(key) in s.local:  # under local: by the profile's name (it wins)
            named = _AS_LOCAL[key]
            set_to = s.local[named]
            where = at_settings(("local", named))
            rows.append(Effective(key, _show(set_to), where, _data(set_to)))
        elif key in given:
            rows.append(Effective(key, _show(value), at_settings(key), _data(value)))
        elif profile_value is not _NONE:
            local = " (local)" if key in _LOCAL_KEYS else ""
            where = f"profile {profile.name}{local}"
            rows.append(Effective(key, _show(profile_value), where, _data(profile_value)))
        else:
            rows.append(Effective(key, "", "not set"))

    s = settings or Settings()
    early = profile.deadline("early_review")
    row("local_authority", s.local_authority, ("case", "local_authority"), _NONE)
    row("procedure", s.procedure, ("case", "procedure"), _NONE)
    if not rows[-1].value:
        rows[-1] = Effective("procedure", profile.name, "default", profile.name)
    row("region", s.region, ("case", "region"), profile.region)
    row("coordinator", s.coordinator, ("conference", "coordinator"), _NONE)
    row("chair", s.chair, ("conference", "chair"), _NONE)
    own = [c for c in profile.closure_days if c not in s.closures]
    closures = Effective(
        "closures",
        _show([*own, *s.closures]),
        " + ".join(
            ([f"profile {profile.name}"] if own else [])
            + ([at_settings("closures")] if s.closures else [])
        )
        or "none",
        _data([*own, *s.closures]),
    )
    rows.append(closures)
    row("templates", s.templates_dir(), None, _NONE)
    if not rows[-1].value:
        rows[-1] = Effective("templates", "", "default (cpconf's own)")
    row("letterhead", s.letterhead, None, _NONE)
    row("reports_email", s.reports_email, None, profile.reports_email or _NONE)
    row("complaints", s.complaints, None, profile.complaints or _NONE)
    row("school_day_ends", s.school_day_ends, None, profile.session.school_day_ends or _NONE)
    row(
        "conference_length_minutes",
        s.conference_length_minutes,
        None,
        profile.session.expected_length_minutes,
    )
    row(
        "early_review_after",
        s.early_review_after,
        None,
        str(early.rules[0].duration) if early and early.rules else _NONE,
    )
    row(
        "child_views_from_age",
        s.child_views_from_age,
        None,
        profile.attendance.child_views_from_age,
    )
    row("young_child_under", s.young_child_under, None, profile.attendance.young_child_under)
    row(
        "reply_needed_working_days",
        s.reply_needed_working_days,
        None,
        profile.attendance.reply_needed_working_days,
    )
    row(
        "report_chased_working_days",
        s.report_chased_working_days,
        None,
        profile.attendance.report_chased_working_days,
    )
    for key, value in s.local.items():
        where = at_settings(("local", key))
        rows.append(Effective(f"local.{key}", _show(value), where, _data(value)))
    return rows


# the keys of cpconf.yaml for local values, and the profile's names for them (`local:`)
_AS_LOCAL = {
    "school_day_ends": "session.school_day_ends",
    "conference_length_minutes": "session.expected_length_minutes",
    "early_review_after": "deadlines.early_review",
    "child_views_from_age": "attendance.child_views_from_age",
    "young_child_under": "attendance.young_child_under",
    "reply_needed_working_days": "attendance.reply_needed_working_days",
    "report_chased_working_days": "attendance.report_chased_working_days",
}


_NONE = object()  # the profile has no such value
_LOCAL_KEYS = frozenset(_AS_LOCAL)  # the settings' keys for values left to local practice
