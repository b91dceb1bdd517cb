"""The templates: where each kind's file is, checking a council's own, exporting ours."""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from cpconf.errors import Problem, TemplateError
from cpconf.letters.engine import XML_PARTS, CompiledTemplate, Renderer
from cpconf.letters.kinds import TEMPLATE_KINDS as KINDS  # every kind with a template
from cpconf.letters.kinds import PlannedDocument
from cpconf.letters.pack import write_pack
from cpconf.letters.recipients import plan_documents

# -- templates ---------------------------------------------------------------------------


def default_template_dir() -> Path:
    """The templates shipped in the package (`cpconf.templates`), else the source tree's."""
    try:
        path = Path(str(resources.files("cpconf.templates")))
        if (path / "invitation.docx").is_file():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parents[2] / "templates"


def template_paths(custom: Path | None = None) -> dict[str, Path]:
    """Each kind's template: the council's own from `custom` where given, else the default."""
    default = default_template_dir()
    if custom is not None:
        _check_folder(custom)
    out = {}
    for kind in KINDS:
        own = custom / f"{kind}.docx" if custom is not None else None
        out[kind] = own if own is not None and own.is_file() else default / f"{kind}.docx"
    return out


def _did_you_mean(stem: str) -> str:
    close = difflib.get_close_matches(stem.casefold(), KINDS, n=1, cutoff=0.6)
    return f" (is it {close[0]}.docx?)" if close else ""


def _check_folder(folder: Path) -> None:
    """A council's folder holds templates cpconf can use, named as cpconf names them.

    A file that matches no kind (`Invitation.docx`, `agenda (1).docx`) would otherwise be
    passed over in silence and the default used instead of the council's wording.
    """
    expected = ", ".join(f"{kind}.docx" for kind in KINDS)
    if not folder.is_dir():
        raise TemplateError.single(folder, "no such folder of templates.")
    found = sorted(p.name for p in folder.glob("*.docx") if not p.name.startswith(("~$", ".~lock")))
    if not found:
        raise TemplateError.single(
            folder, f"no Word templates (.docx) in this folder; cpconf uses: {expected}."
        )
    unknown = [name for name in found if name[: -len(".docx")] not in KINDS]
    if unknown:
        raise TemplateError(
            [
                Problem(
                    str(folder / name),
                    None,
                    f"matches no kind of document{_did_you_mean(name[:-5])}. Name each "
                    f"template as cpconf does: {expected}.",
                )
                for name in unknown
            ]
        )


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
    """Every document of the shipped sample cases: one of each kind, every branch.

    The initial conference of `sample_case.yaml` (and the same conference as a transfer-in,
    for the originating authority's invitation), and the review of `sample_review.yaml` at
    which a plan ends (the only case with a plan ended notification).
    """
    import dataclasses

    from cpconf.case import Contact, OriginatingAuthority
    from cpconf.conference import open_case
    from cpconf.schedule import build_schedule

    docs: list[PlannedDocument] = []
    for name, held in (("sample_case.yaml", dt.date(2026, 11, 20)), ("sample_review.yaml", None)):
        path = default_template_dir() / name
        if not path.is_file():
            continue
        conference = open_case(path)
        day = today or held or conference.case.conference.date or dt.date(2026, 11, 20)
        schedule = build_schedule(conference.case, conference.profile, conference.calendar, day)
        docs += plan_documents(conference, schedule)
        if name != "sample_case.yaml":
            continue
        # The same conference as a transfer-in from another authority (London CP4 1.18), for
        # the one kind an initial conference has not: the originating authority's invitation.
        conf = conference.case.conference
        moved = conf.model_copy(
            update={
                "type": "transfer-in",
                "transfer_notification": conf.strategy_discussion,
                "strategy_discussion": None,
                "originating_authority": OriginatingAuthority(
                    name="Example County Council",
                    contact=Contact(name="Sam Reed", email="sam.reed@example-county.gov.uk"),
                ),
            }
        )
        transfer = dataclasses.replace(
            conference,
            case=conference.case.model_copy(update={"conference": moved, "outcome": None}),
        )
        tplan = build_schedule(transfer.case, transfer.profile, transfer.calendar, day)
        docs += [
            d
            for d in plan_documents(transfer, tplan)
            if d.kind == "originating_authority_invitation"
        ]
    from cpconf.letters.timetable import timetable_document

    first = open_case(default_template_dir() / "sample_case.yaml")
    fplan = build_schedule(
        first.case, first.profile, first.calendar, today or dt.date(2026, 11, 20)
    )
    return [*docs, timetable_document(first, fplan)]


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
    except TemplateError as exc:
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
        except TemplateError as exc:
            problems.extend(p.message for p in exc.problems)
            break
        archive = zipfile.ZipFile(io.BytesIO(data))
        for name in archive.namelist():
            if not XML_PARTS.match(name):
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
        raise TemplateError.single(folder, "no such folder.")
    files = sorted(p for p in folder.glob("*.docx") if not p.name.startswith("~$"))
    if not files:
        raise TemplateError.single(folder, "no .docx templates in this folder.")
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
