"""The conference's paperwork: who gets which document, and rendering it from Word templates.

Two halves. `plan_documents` decides who gets what and hands each template a context
of plain values (formatted dates, names, lists); the wording is in the templates
(STYLE.md 5). `write_pack` renders them with docxtpl's template preparation and
Jinja's sandbox, and writes them all or nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from cpconf.case import AGENCY_NAMES, Case, Child, FamilyMember, Professional
from cpconf.dates import add_minutes, clock, long_date
from cpconf.errors import CaseError, Problem
from cpconf.files import temp_file
from cpconf.loading import LoadedCase
from cpconf.names import clean_text, join_names, one_line
from cpconf.procedures import Profile
from cpconf.schedule import Notice, Schedule

KINDS: tuple[str, ...] = (
    "invitation",
    "family_invitation",
    "exclusion_letter",
    "report_template",
    "social_work_report_template",
    "agenda",
    "decision_letter",
)
KIND_LABELS: dict[str, str] = {
    "invitation": "Invitation",
    "family_invitation": "Family invitation",
    "exclusion_letter": "Exclusion letter",
    "report_template": "Agency report template",
    "social_work_report_template": "Social work report template",
    "agenda": "Agenda",
    "decision_letter": "Decision letter",
}
MANIFEST = "manifest.json"
DISTRIBUTION = "distribution.md"

# Deadlines every template may name; "" where the profile or the case has none.
DEADLINE_IDS = (
    "conference",
    "social_worker_report_to_parents",
    "social_worker_report_to_chair",
    "agency_reports",
    "exclusion_request",
    "decision_letter",
    "first_core_group",
    "conference_record",
    "next_review",
)


@dataclass(frozen=True)
class PlannedDocument:
    """One document to write: its kind, for whom, its file name, and its template context."""

    kind: str
    recipient: str | None  # an id; None for the agenda
    recipient_name: str  # the person's name; "" for the agenda
    filename: str
    context: dict[str, Any]
    send_to: list[str] = field(default_factory=list)  # who it goes to (the agenda: many)
    send_by: str = ""
    due_back: str = ""
    note: str = ""
    listing: bool | None = None  # a value holds a tab or line break (None: not known)


@dataclass(frozen=True)
class Written:
    kind: str
    recipient: str | None
    recipient_name: str
    path: Path


# -- plain values ------------------------------------------------------------------------


def _date(d: dt.date | None) -> str:
    return long_date(d) if d else ""


def _dob(d: dt.date | None) -> str:
    return f"{d.day} {d:%B %Y}" if d else ""


def _duration(minutes: int) -> str:
    hours, mins = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' * (hours != 1)}")
    if mins:
        parts.append(f"{mins} minutes")
    return " ".join(parts) or "0 minutes"


def _address_lines(address: str | None) -> list[str]:
    text = clean_text(address)
    return [one_line(p) for p in re.split(r"[,\n]", text) if p.strip()]


def _contact(contact: Any) -> dict[str, str]:
    return {
        "name": one_line(getattr(contact, "name", "")),
        "email": one_line(getattr(contact, "email", "")),
        "phone": one_line(getattr(contact, "phone", "")),
    }


def _child(child: Child, on: dt.date, known: bool = False) -> dict[str, Any]:
    age = child.age_on(on)
    return {
        "id": child.id,
        "name": one_line(child.name),
        "dob": _dob(child.dob),
        "age": "" if age is None else str(age),
        "unborn": child.unborn,
        "subject": child.subject,
        "known": known,
    }


def _professional(p: Professional, case: Case) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": one_line(p.name),
        "role": one_line(p.role),
        "agency": p.agency,
        "agency_name": AGENCY_NAMES[p.agency],
        "organisation": one_line(p.organisation),
        "email": one_line(p.email),
        "phone": one_line(p.phone),
        "attendance": p.attendance,
        "observer": p.observer,
        "is_police": p.agency == "police",
        "is_social_worker": p.agency == "children_social_care",
        "is_family": False,
        "address_lines": [],
        "children": [one_line(c.name) for c in case.children if p.knows(c.id)],
        "children_names": join_names([one_line(c.name) for c in case.children if p.knows(c.id)]),
    }


def _family(f: FamilyMember) -> dict[str, Any]:
    """A family member as others may see them: never an address (CONTRACT.md section 1)."""
    return {
        "id": f.id,
        "name": one_line(f.name),
        "relationship": one_line(f.relationship),
        "interpreter": one_line(f.interpreter),
        "excluded": f.excluded,
    }


def _family_recipient(f: FamilyMember) -> dict[str, Any]:
    """A family member in their own documents: the only place their address is printed."""
    ex = f.exclusion
    return {
        **_family(f),
        "is_family": True,
        "role": "",
        "organisation": "",
        "email": "",
        "address_lines": _address_lines(f.address),
        "exclusion": {
            "part": clean_text(ex.part if ex else ""),
            "reason": clean_text(ex.reason if ex else ""),
            "views": clean_text(ex.views if ex else ""),
            "decided_on": _date(ex.decided_on if ex else None),
        },
    }


def _person_line(p: Professional | FamilyMember) -> str:
    if isinstance(p, Professional):
        bits = [one_line(p.name), one_line(p.role), one_line(p.organisation)]
    else:
        bits = [one_line(p.name), one_line(p.relationship)]
    return ", ".join(b for b in bits if b)


# -- file names --------------------------------------------------------------------------

_TRANSLIT = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "ı": "i",
    }
)


def slug(text: str, limit: int = 40) -> str:
    """Lower-case ASCII letters, digits and hyphens: safe in a file name on any system."""
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
        .encode("ascii", "ignore")
        .decode("ascii")
        .lower()
    )
    words = re.findall(r"[a-z0-9]+", ascii_text)
    out = "-".join(words)[:limit].strip("-")
    return out


def filename(kind: str, person_id: str | None = None, name: str = "") -> str:
    """`invitation-hv-priya-patel.docx`: the id keeps it unique, the name makes it readable.

    Only [a-z0-9-_.] and never a Windows device name (the kind comes first), so the name
    is safe on Windows and Linux whatever the case file says.
    """
    stem = kind.replace("_", "-")
    if person_id:
        pid = person_id
        if len(pid) > 40:  # ids have no length limit; keep paths short, and unique
            pid = pid[:30] + "-" + hashlib.sha1(person_id.encode()).hexdigest()[:8]
        stem += f"-{pid}"
        name_part = slug(name)
        if name_part and name_part != pid:
            stem += f"-{name_part}"
    return stem + ".docx"


def _cp4(profile: Profile, paragraph: str) -> str:
    """' (London CP4 7.10)' for a profile that follows London's procedure; else nothing.

    The built-in profiles all extend london and inherit its rules, so the paragraph holds
    for them; a council's own profile that does not would be misquoted by it.
    """
    follows = profile.name == "london" or any(
        d.inherited_from == "london" for d in profile.deadlines
    )
    return f" (London CP4 {paragraph})" if follows else ""


# -- who gets what -----------------------------------------------------------------------


def _conference(case: Case, profile: Profile) -> dict[str, Any]:
    conf = case.conference
    session = profile.session
    start = conf.time
    join = add_minutes(start, session.professionals_join_minutes) if start else None
    ends = add_minutes(start, session.expected_length_minutes) if start else None
    return {
        "type": conf.type,
        "date": _date(conf.date),
        "time": clock(start) if start else "",
        "professionals_time": clock(join) if join else "",
        "pre_meeting": session.professionals_join_minutes > 0,
        "pre_meeting_minutes": session.professionals_join_minutes,
        "ends": clock(ends) if ends else "",
        "length": _duration(session.expected_length_minutes),
        "mode": conf.mode or "",
        "venue": clean_text(conf.venue),
        "previous_date": _date(conf.previous_conference),
        "due_date": _date(conf.due_date),
    }


def _deadlines(plan: Schedule) -> dict[str, str]:
    out = dict.fromkeys(DEADLINE_IDS, "")
    for d in plan.deadlines:
        out[d.id] = long_date(d.due)
    return out


def _outcome(case: Case, plan: Schedule) -> dict[str, Any] | None:
    out = case.outcome
    if out is None:
        return None
    on = case.conference.date or plan.today
    lead = case.person(out.lead_social_worker) if out.lead_social_worker else None
    first_cg = out.first_core_group
    review = out.next_review
    d_first = plan.deadline("first_core_group")
    d_review = plan.deadline("next_review")

    def member(pid: str) -> dict[str, str]:
        p = case.person(pid)
        if isinstance(p, Professional):
            return {
                "name": one_line(p.name),
                "role": one_line(p.role),
                "organisation": one_line(p.organisation),
            }
        if isinstance(p, FamilyMember):
            return {"name": one_line(p.name), "role": one_line(p.relationship), "organisation": ""}
        return {"name": one_line(p.name) if p else pid, "role": "", "organisation": ""}

    decisions = []
    for d in out.decisions:
        decisions.append(
            {
                "child": _child(case.child(d.child), on),
                "plan": d.plan,
                "category": d.category or "",
            }
        )
    return {
        "decisions": decisions,
        "any_protection_plan": any(d.plan == "child-protection" for d in out.decisions),
        # how many children the protection plan covers: "the child" or "the children"
        "protection_plans": sum(d.plan == "child-protection" for d in out.decisions),
        "lead_social_worker": (
            _professional(lead, case)
            if isinstance(lead, Professional)
            else {"name": "", "role": "", "email": "", "phone": "", "organisation": ""}
        ),
        "core_group": [member(pid) for pid in out.core_group],
        "first_core_group": _date(first_cg) or (long_date(d_first.due) if d_first else ""),
        "first_core_group_booked": first_cg is not None,
        "first_core_group_time": clock(out.first_core_group_time)
        if out.first_core_group_time
        else "",
        "next_review": _date(review) or (long_date(d_review.due) if d_review else ""),
        "next_review_booked": review is not None,
        "recommendations": [clean_text(r) for r in out.recommendations if clean_text(r)],
        "contingency": clean_text(out.contingency),
        "dissent": [{"by": member(x.by), "view": clean_text(x.view)} for x in out.dissent],
    }


def plan_documents(loaded: LoadedCase, plan: Schedule) -> list[PlannedDocument]:
    """Every document of the pack, in the order a coordinator sends them (CONTRACT.md 4)."""
    case, profile = loaded.case, loaded.profile
    conf = case.conference
    if conf.date is None:
        raise CaseError(
            [
                loaded.doc.problem(
                    ("conference",),
                    "conference.date: no conference date is booked; book one before writing letters.",
                )
            ]
        )
    on = conf.date
    deadlines = _deadlines(plan)
    chair = _contact(conf.chair)
    coordinator = _contact(conf.coordinator)
    social_worker = case.social_worker()
    outcome = _outcome(case, plan)
    invited_family = [f for f in case.family if f.excluded != "full"]
    base: dict[str, Any] = {
        "la": one_line(case.case.local_authority) or "Children's Services",
        "reference": one_line(case.case.reference),
        "letter_date": long_date(plan.today),
        "procedure": profile.title,
        "conference": _conference(case, profile),
        "deadlines": deadlines,
        "chair": chair,
        "coordinator": coordinator,
        "reports_to": one_line(profile.reports_email or coordinator["email"] or chair["email"]),
        "complaints": clean_text(profile.complaints),
        "children": [_child(c, on) for c in case.children],
        "subject_children": [_child(c, on) for c in case.subject_children],
        "subject_names": join_names([one_line(c.name) for c in case.subject_children]),
        "other_children": [_child(c, on) for c in case.children if not c.subject],
        "other_names": join_names([one_line(c.name) for c in case.children if not c.subject]),
        "social_worker": (
            _professional(social_worker, case)
            if social_worker is not None
            else {"name": "", "email": "", "phone": "", "role": "", "organisation": ""}
        ),
        "professionals": [_professional(p, case) for p in case.professionals],
        "family": [_family(f) for f in invited_family],
        "part_excluded": [_family(f) for f in case.family if f.excluded == "part"],
        "fully_excluded": [_family(f) for f in case.family if f.excluded == "full"],
        "outcome": outcome,
    }
    send_now = long_date(plan.today)
    base_listing = _has_listing(base)  # once: the shared values are the bulk of each context
    docs: list[PlannedDocument] = []

    def add(
        kind: str,
        person: Professional | FamilyMember | None,
        recipient: dict[str, Any],
        **extra: Any,
    ) -> None:
        context = {**base, "recipient": recipient}
        if person is not None:
            context["children"] = [
                _child(c, on, isinstance(person, Professional) and person.knows(c.id))
                for c in case.children
            ]
        docs.append(
            PlannedDocument(
                listing=base_listing or _has_listing(recipient),
                kind=kind,
                recipient=person.id if person else None,
                recipient_name=one_line(person.name) if person else "",
                filename=filename(
                    kind, person.id if person else None, one_line(person.name) if person else ""
                ),
                context=context,
                **extra,
            )
        )

    for p in case.professionals:
        report_due = deadlines[
            "social_worker_report_to_chair"
            if p.agency == "children_social_care"
            else "agency_reports"
        ]
        add(
            "invitation",
            p,
            _professional(p, case),
            send_to=[_person_line(p)],
            send_by=send_now,
            due_back=f"report by {report_due}" if report_due else "",
        )
    for f in invited_family:
        add(
            "family_invitation",
            f,
            _family_recipient(f),
            send_to=[_person_line(f)],
            send_by=send_now,
            note="address confidential: send to this person only" if f.address_confidential else "",
        )
    for f in case.family:
        if f.excluded != "none":
            due = deadlines["exclusion_request"]
            add(
                "exclusion_letter",
                f,
                _family_recipient(f),
                send_to=[_person_line(f)],
                send_by=f"as soon as the chair decides, before {long_date(on)}"
                + (f" (requests due by {due})" if due else ""),
                note="with the social work report" + _cp4(profile, "5.10"),
            )
    for p in case.professionals:
        if p.agency == "children_social_care":
            due = deadlines["social_worker_report_to_parents"]
            add(
                "social_work_report_template",
                p,
                _professional(p, case),
                send_to=[_person_line(p)],
                send_by="with the invitation",
                due_back=f"shared with the family by {due}; to the chair by "
                f"{deadlines['social_worker_report_to_chair']}",
            )
        else:
            police = p.agency == "police"
            add(
                "report_template",
                p,
                _professional(p, case),
                send_to=[_person_line(p)],
                send_by="with the invitation",
                due_back=f"report by {deadlines['agency_reports']}",
                note="for the chair only" + _cp4(profile, "7.10") if police else "",
            )
    agenda_to = [_person_line(p) for p in case.professionals] + [
        _person_line(f) for f in invited_family
    ]
    add(
        "agenda",
        None,
        {},
        send_to=agenda_to,
        send_by="with the invitations",
        note="not to family members excluded from the whole conference"
        if len(invited_family) < len(case.family)
        else "",
    )
    if outcome is not None:
        due = deadlines["decision_letter"]
        by = f"by {due}" if due else "within one working day of the conference"
        for p in case.professionals:
            add("decision_letter", p, _professional(p, case), send_to=[_person_line(p)], send_by=by)
        for f in case.family:
            add(
                "decision_letter",
                f,
                _family_recipient(f),
                send_to=[_person_line(f)],
                send_by=by,
                note="address confidential: send to this person only"
                if f.address_confidential
                else "",
            )
    return docs


# Deadlines the invitations and report templates ask people to meet.
_REPORT_DEADLINES = (
    "agency_reports",
    "social_worker_report_to_chair",
    "social_worker_report_to_parents",
)


def pack_warnings(case: Case, plan: Schedule) -> list[Notice]:
    """What is wrong with sending this pack today: plain warnings (code and message).

    Invitations and report templates are dated `plan.today` and ask for reports by the
    profile's deadlines; written on or after those, or on or after the conference, they
    ask for something that can no longer be done.
    """
    conf_date = case.conference.date
    if conf_date is None:
        return []
    today = plan.today
    reports = [d for d in plan.deadlines if d.id in _REPORT_DEADLINES]
    reports.sort(key=lambda d: (d.due, _REPORT_DEADLINES.index(d.id)))
    first_report = reports[0] if reports else None
    sending = "The invitations and report templates are dated " + long_date(today)
    if case.outcome is not None:
        if today < conf_date and not (first_report and today >= first_report.due):
            return []
        return [
            Notice(
                "invitations_after_conference",
                f"{sending}, but the conference's outcome is recorded: send only the decision "
                "letters; the other documents are for the file.",
            )
        ]
    if today >= conf_date:
        when = "on the day of the conference" if today == conf_date else "after the conference"
        return [
            Notice(
                "invitations_late",
                f"{sending}, {when} ({long_date(conf_date)}): too late to invite anyone or ask "
                "for reports. Record the outcome (outcome:) to write the decision letters, or "
                "book a new date.",
                "conference",
            )
        ]
    if first_report and today >= first_report.due:
        if today == first_report.due:
            when = f"the day reports are due ({long_date(first_report.due)}): no time is left"
        else:
            when = f"after reports were due ({long_date(first_report.due)}): they ask"
            when += " for reports by a date that has passed"
        return [
            Notice(
                "invitations_late",
                f"{sending}, {when}. Tell each person when to send their report, or move the "
                "conference.",
                first_report.id,
            )
        ]
    return []


# -- templates ---------------------------------------------------------------------------


def default_template_dir() -> Path:
    """The templates shipped in the package (`cpconf.templates`), else the source tree's."""
    try:
        path = Path(str(resources.files("cpconf.templates")))
        if (path / "invitation.docx").is_file():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / "templates"


def template_paths(custom: Path | None = None) -> dict[str, Path]:
    """Each kind's template: the council's own from `custom` where given, else the default."""
    default = default_template_dir()
    if custom is not None and not custom.is_dir():
        raise CaseError.single(custom, "--templates: no such folder.")
    out = {}
    for kind in KINDS:
        own = custom / f"{kind}.docx" if custom is not None else None
        out[kind] = own if own is not None and own.is_file() else default / f"{kind}.docx"
    return out


def sandbox() -> Any:
    """Jinja for templates: sandboxed, escaping every value, failing on any unknown name."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


# Parts of a .docx that hold text with tags.
_XML_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml\Z")
# docxtpl's table tags change the grid: their output needs docxtpl's table fix-up.
_TABLE_TAGS = re.compile(r"\{%-?\s*(tc|hm|vm)\b|\{\{-?\s*(colspan|cellbg)\b")
_NEW_P = re.compile(r"<w:p([ >])")
_MARKED_P = re.compile(r"\n<w:p([ >])")
_LISTING = re.compile("[\t\n\a\f]")


def _has_listing(value: Any) -> bool:
    if isinstance(value, str):
        return _LISTING.search(value) is not None
    if isinstance(value, Mapping):
        return any(_has_listing(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_has_listing(v) for v in value)
    return False


def sentence(message: str) -> str:
    """An error message as a full sentence: it ends with a full stop."""
    message = message.rstrip()
    return message if message.endswith((".", "?", "!")) else message + "."


def _template_error(path: Path, part: str, exc: Exception, source: str = "") -> CaseError:
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    where = f" ({part})" if part != "word/document.xml" else ""
    if isinstance(exc, UndefinedError):
        msg = f"unknown name in the template{where}: {exc.message}"
    elif isinstance(exc, SecurityError):
        msg = f"the template tried something not allowed{where}: {exc}"
    elif isinstance(exc, TemplateSyntaxError):
        near = ""
        if source and exc.lineno:
            lines = source.splitlines()[max(exc.lineno - 2, 0) : exc.lineno + 1]
            near = " ".join(re.sub(r"<[^>]+>", "", line) for line in lines).strip()
            near = f', near "{near[:120]}"' if near else ""
        msg = f"broken tag{where}: {exc.message}{near}"
    else:
        msg = f"cannot be rendered{where}: {exc}"
    return CaseError([Problem(str(path), None, sentence(msg))])


class CompiledTemplate:
    """A Word template prepared once (docxtpl's tag repair, Jinja compile), rendered many times.

    docxtpl's own `render` re-reads the .docx and recompiles its XML for every document;
    here the preparation is done once per run and each document is only a Jinja render
    and a zip write (LIBRARIES.md: compile once, render many).
    """

    def __init__(self, path: Path, env: Any | None = None):
        from docxtpl import DocxTemplate
        from jinja2 import TemplateError

        self.path = path
        self.env = env if env is not None else sandbox()
        try:
            data = path.read_bytes()
            archive = zipfile.ZipFile(io.BytesIO(data))
            infos = archive.infolist()
            raw_parts = [(info, archive.read(info)) for info in infos]
        except (OSError, zipfile.BadZipFile, KeyError) as exc:
            raise CaseError.single(path, sentence(f"not a Word document (.docx): {exc}")) from None
        if not any(i.filename == "word/document.xml" for i in infos):
            raise CaseError.single(path, "not a Word document (.docx): no word/document.xml.")
        self._helper = DocxTemplate(path)  # only its XML preparation is used
        self._helper.docx_ids_index = 1000
        self.parts: list[tuple[zipfile.ZipInfo, bytes | Any]] = []
        self.sources: dict[str, str] = {}
        self.fix_tables = False
        for info, raw in raw_parts:
            if _XML_PARTS.match(info.filename) and b"{" in raw:
                try:
                    xml = raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise CaseError.single(
                        path, f"{info.filename} is not UTF-8: save the template again from Word."
                    ) from None
                src = self._helper.patch_xml(xml)
                if "{{" in src or "{%" in src or "{#" in src:
                    # docxtpl's escaped delimiters {_{ }_} {_% %_} print as {{ }} {% %};
                    # turned into literals here so that no value is ever rewritten
                    src = (
                        src.replace("{_{", "{{ '{{' }}")
                        .replace("}_}", "}}")
                        .replace("{_%", "{{ '{%' }}")
                        .replace("%_}", "%}")
                    )
                    src = _NEW_P.sub(r"\n<w:p\1", src)  # one paragraph a line: error lines
                    self.sources[info.filename] = src
                    try:
                        template = self.env.from_string(src)
                    except TemplateError as exc:
                        raise _template_error(path, info.filename, exc, src) from None
                    self.fix_tables = self.fix_tables or bool(_TABLE_TAGS.search(src))
                    self.parts.append((info, template))
                    continue
            self.parts.append((info, raw))

    def render_part(
        self, name: str, template: Any, context: Mapping[str, Any], listing: bool
    ) -> bytes:
        from jinja2 import TemplateError

        try:
            xml = template.render(context)
        except TemplateError as exc:
            raise _template_error(self.path, name, exc, self.sources.get(name, "")) from None
        except Exception as exc:  # a template's own expression failed: {{ 1 / 0 }}, {{ x + 1 }}
            raise _template_error(self.path, name, exc) from None
        xml = _MARKED_P.sub(r"<w:p\1", xml)
        if listing:  # tabs and line breaks inside values become Word tabs and breaks
            xml = self._helper.resolve_listing(xml)
        if self.fix_tables and name == "word/document.xml":
            xml = self._fix_tables(xml)
        return xml.encode("utf-8")

    def _fix_tables(self, xml: str) -> str:
        from lxml import etree

        decl = ""
        if xml.startswith("<?xml"):
            end = xml.index("?>") + 2
            decl, xml = xml[:end], xml[end:]
        tree = self._helper.fix_tables(xml)
        self._helper.fix_docpr_ids(tree)
        return decl + etree.tostring(tree, encoding="unicode")

    def render(self, context: Mapping[str, Any], listing: bool | None = None) -> bytes:
        """The finished .docx, as bytes."""
        if listing is None:
            listing = _has_listing(context)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for info, part in self.parts:
                if isinstance(part, bytes):
                    out.writestr(info, part)
                else:
                    out.writestr(info, self.render_part(info.filename, part, context, listing))
        return buf.getvalue()

    def undeclared(self) -> set[str]:
        """Top-level names the template uses (docxtpl's own analysis)."""
        return set(self._helper.get_undeclared_template_variables(jinja_env=self.env))


class Renderer:
    """Each kind's template compiled once per run, on first use."""

    def __init__(self, paths: Mapping[str, Path]):
        self.paths = dict(paths)
        self.env = sandbox()
        self._compiled: dict[str, CompiledTemplate] = {}

    def template(self, kind: str) -> CompiledTemplate:
        if kind not in self._compiled:
            self._compiled[kind] = CompiledTemplate(self.paths[kind], self.env)
        return self._compiled[kind]

    def render(self, doc: PlannedDocument) -> bytes:
        return self.template(doc.kind).render(doc.context, doc.listing)


# -- writing, all or nothing -------------------------------------------------------------


def manifest(docs: Iterable[PlannedDocument]) -> list[dict[str, Any]]:
    """CONTRACT.md section 4: kind, recipient id (or null), path relative to the folder."""
    return [{"kind": d.kind, "recipient": d.recipient, "path": d.filename} for d in docs]


def md_escape(text: str) -> str:
    """Text for a Markdown table cell: no pipes, no line breaks, no markup."""
    return re.sub(r"([\\`*_{}\[\]<>|#])", r"\\\1", one_line(text))


def distribution(docs: Sequence[PlannedDocument], case: Case, plan: Schedule) -> str:
    """Who gets what, by when: a list a person can work through."""
    conf = case.conference
    title = f"# Distribution list: {md_escape(one_line(case.case.reference))}"
    lines = [title, ""]
    if conf.date:
        lines.append(
            f"{conf.type.capitalize()} child protection conference on {long_date(conf.date)}"
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

    Refuses (CaseError) before writing anything if a target exists and not `force`: a
    coordinator may have edited it.
    """
    extra_files = dict(extra_files or {})
    names = [d.filename for d in docs] + list(extra_files)
    if len(set(names)) != len(names):
        raise CaseError.single(
            out_dir, "two documents would have the same file name; nothing was written."
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise CaseError.single(out_dir, "--out: this is a file, not a folder.")
    existing = [n for n in names if (out_dir / n).exists() or (out_dir / n).is_symlink()]
    folders = [n for n in existing if (out_dir / n).is_dir()]
    if folders:
        raise CaseError.single(
            out_dir, f"a folder is in the way of {', '.join(folders)}; nothing was written."
        )
    if existing and not force:
        shown = ", ".join(existing[:5]) + (
            f" and {len(existing) - 5} more" if len(existing) > 5 else ""
        )
        raise CaseError.single(
            out_dir,
            f"{len(existing)} of the files already exist ({shown}); nothing was written. "
            "They may have been edited: move them, or use --force to replace them.",
        )
    created = not out_dir.exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CaseError.single(out_dir, f"cannot create the folder ({exc.strerror}).") from None
    staged: list[tuple[Path, Path]] = []
    done = False
    try:
        for d in docs:
            staged.append(
                (temp_file(out_dir, d.filename, renderer.render(d)), out_dir / d.filename)
            )
        for name, data in extra_files.items():
            staged.append((temp_file(out_dir, name, data), out_dir / name))
        for tmp, target in staged:
            os.replace(tmp, target)
        done = True
    except OSError as exc:
        raise CaseError.single(out_dir, sentence(f"cannot write the documents: {exc}")) from None
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        if created and not done:
            with contextlib.suppress(OSError):
                out_dir.rmdir()  # only if still empty: a folder this run made, left as it was
    return [Written(d.kind, d.recipient, d.recipient_name, out_dir / d.filename) for d in docs]


def make_letters(
    loaded: LoadedCase,
    plan: Schedule,
    out_dir: Path,
    templates: Path | None = None,
    force: bool = False,
) -> list[Written]:
    """`cpconf letters`: plan the pack, render it, and write it with its manifest and list."""
    docs = plan_documents(loaded, plan)
    renderer = Renderer(template_paths(templates))
    extra = {
        MANIFEST: (json.dumps(manifest(docs), indent=2, ensure_ascii=False) + "\n").encode(),
        DISTRIBUTION: distribution(docs, loaded.case, plan).encode("utf-8"),
    }
    return write_pack(docs, out_dir, renderer, extra, force=force)


# -- checking a council's templates ------------------------------------------------------


@dataclass(frozen=True)
class TemplateCheck:
    file: str
    kind: str | None  # None: not a file name cpconf uses
    problems: list[str]

    @property
    def ok(self) -> bool:
        return self.kind is not None and not self.problems


_LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


def sample_documents(today: dt.date | None = None) -> list[PlannedDocument]:
    """Every document of the shipped sample case: one of each kind, every branch."""
    from cpconf.loading import open_case
    from cpconf.schedule import build_schedule

    loaded = open_case(default_template_dir() / "sample_case.yaml")
    plan = build_schedule(
        loaded.case, loaded.profile, loaded.calendar, today or dt.date(2026, 11, 20)
    )
    return plan_documents(loaded, plan)


def _visible_text(xml: str) -> str:
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def check_template(path: Path, samples: Sequence[PlannedDocument]) -> TemplateCheck:
    """Would this template fail? Compile it, name its unknown values, render every sample."""
    from lxml import etree

    kind = path.stem if path.stem in KINDS else None
    if kind is None:
        return TemplateCheck(
            path.name,
            None,
            [f"not a template cpconf uses: name it one of {', '.join(k + '.docx' for k in KINDS)}"],
        )
    problems: list[str] = []
    try:
        compiled = CompiledTemplate(path)
    except CaseError as exc:
        return TemplateCheck(path.name, kind, [p.message for p in exc.problems])
    mine = [d for d in samples if d.kind == kind]
    known = set().union(*(d.context for d in mine)) if mine else set()
    try:
        unknown = sorted(compiled.undeclared() - known)
    except Exception as exc:  # docxtpl re-parses the file; report, don't crash
        unknown = []
        problems.append(f"cannot be analysed: {exc}")
    if unknown:
        problems.append(
            f"unknown name{'s' * (len(unknown) > 1)}: {', '.join(unknown)} "
            f"(known: {', '.join(sorted(known))})"
        )
    for doc in mine:
        try:
            data = compiled.render(doc.context)
        except CaseError as exc:
            problems.extend(p.message for p in exc.problems)
            break
        archive = zipfile.ZipFile(io.BytesIO(data))
        for name in archive.namelist():
            if not _XML_PARTS.match(name):
                continue
            xml = archive.read(name)
            try:
                etree.fromstring(xml)
            except etree.XMLSyntaxError as exc:
                problems.append(f"{name}: the rendered document is not valid Word XML ({exc})")
                continue
            text = _visible_text(xml.decode("utf-8"))
            left = _LEFTOVER.search(text)
            if left:
                near = text[max(left.start() - 40, 0) : left.end() + 40].strip()
                problems.append(
                    f"a tag was printed instead of filled in (split by Word, or "
                    f'missing a space?), near "{near}"'
                )
        if problems:
            break
    return TemplateCheck(path.name, kind, problems)


def check_templates(folder: Path) -> list[TemplateCheck]:
    """`cpconf templates check`: every .docx in the folder."""
    if not folder.is_dir():
        raise CaseError.single(folder, "no such folder.")
    files = sorted(p for p in folder.glob("*.docx") if not p.name.startswith("~$"))
    if not files:
        raise CaseError.single(folder, "no .docx templates in this folder.")
    samples = sample_documents()
    return [check_template(path, samples) for path in files]


def export_templates(folder: Path, force: bool = False) -> list[Path]:
    """`cpconf templates export`: copy the default templates out for a council to brand."""
    sources = [default_template_dir() / f"{kind}.docx" for kind in KINDS]
    docs = [
        PlannedDocument(kind=s.stem, recipient=None, recipient_name="", filename=s.name, context={})
        for s in sources
    ]

    class _Copy(Renderer):
        def render(self, doc: PlannedDocument) -> bytes:
            return (default_template_dir() / doc.filename).read_bytes()

    written = write_pack(docs, folder, _Copy({}), force=force)
    return [w.path for w in written]
