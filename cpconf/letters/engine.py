"""Rendering Word templates: docxtpl's tag repair and Jinja's sandbox, compiled once.

The only module that touches docxtpl, including its private helpers (`patch_xml`,
`resolve_listing`, `fix_tables`): checked against the docxtpl versions pinned in
pyproject.toml. A docxtpl upgrade is tried here first.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cpconf.errors import Problem, TemplateError
from cpconf.letters.docxzip import DocxWriter
from cpconf.letters.kinds import PlannedDocument


def sandbox() -> Any:
    """Jinja for templates: sandboxed, escaping every value, failing on any unknown name."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


# Parts of a .docx that hold text with tags.
XML_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml\Z")
# docxtpl's table tags change the grid: their output needs docxtpl's table fix-up.
_TABLE_TAGS = re.compile(r"\{%-?\s*(tc|hm|vm)\b|\{\{-?\s*(colspan|cellbg)\b")
_NEW_P = re.compile(r"<w:p([ >])")
_MARKED_P = re.compile(r"\n<w:p([ >])")
_LISTING = re.compile("[\t\n\a\f]")


def has_listing(value: Any) -> bool:
    if isinstance(value, str):
        return _LISTING.search(value) is not None
    if isinstance(value, Mapping):
        return any(has_listing(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(has_listing(v) for v in value)
    return False


def error_sentence(message: str) -> str:
    """An error message as a full sentence: it ends with a full stop."""
    message = message.rstrip()
    return message if message.endswith((".", "?", "!")) else message + "."


_NO_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")
_UNDEFINED = re.compile(r"^'([^']+)' is undefined")
_TAG = re.compile(r"\{[{%](.*?)[%}]\}", re.S)


def _keys(value: Any, depth: int = 0) -> set[str]:
    """Every key of the values a template gets, nested ones too (a person's `name`)."""
    if depth > 4:
        return set()
    if isinstance(value, Mapping):
        out = {str(k) for k in value}
        for v in value.values():
            out |= _keys(v, depth + 1)
        return out
    if isinstance(value, list | tuple):
        out = set()
        for v in value[:20]:
            out |= _keys(v, depth + 1)
        return out
    return set()


def _unknown_name(message: str, source: str, context: Mapping[str, Any] | None) -> str:
    """A mistyped name in words: the expression it is in, and the nearest known key.

    Jinja says "'dict object' has no attribute 'nmae'"; a council's editor needs
    "{{ person.nmae }}: no value 'nmae'; did you mean 'name'?".
    """
    from cpconf.case import nearest

    top = _UNDEFINED.search(message)
    found_name = _NO_ATTRIBUTE.search(message) or top
    if found_name is None:
        return message
    name = found_name.group(1)
    text = re.sub(r"<[^>]+>", "", source)  # a tag may be split across Word's runs
    expression = ""
    for tag in _TAG.findall(text):
        found = re.search(rf"[\w.]*\b{re.escape(name)}\b", tag)
        if found:
            expression = found.group(0)
            break
    known = sorted((set(context) if top else _keys(context)) if context is not None else set())
    said = f"'{expression}': " if expression and expression != name else ""
    return f"{said}no value '{name}'" + nearest(name, known)


def _template_error(
    path: Path,
    part: str,
    exc: Exception,
    source: str = "",
    context: Mapping[str, Any] | None = None,
) -> TemplateError:
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    where = f" ({part})" if part != "word/document.xml" else ""
    if isinstance(exc, UndefinedError):
        msg = f"unknown name in the template{where}: " + _unknown_name(
            exc.message or "", source, context
        )
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
    return TemplateError([Problem(str(path), None, error_sentence(msg))])


class CompiledTemplate:
    """A Word template prepared once (docxtpl's tag repair, Jinja compile), rendered many times.

    docxtpl's own `render` re-reads the .docx and recompiles its XML for every document;
    here the preparation is done once per run and each document is only a Jinja render
    and a zip write of the parts with tags (LIBRARIES.md: compile once, render many).
    """

    def __init__(self, path: Path, env: Any | None = None):
        from docxtpl import DocxTemplate
        from jinja2 import TemplateError as JinjaError

        self.path = path
        self.env = env if env is not None else sandbox()
        try:
            data = path.read_bytes()
            archive = zipfile.ZipFile(io.BytesIO(data))
            infos = archive.infolist()
            raw_parts = [(info, archive.read(info)) for info in infos]
        except (OSError, zipfile.BadZipFile, KeyError) as exc:
            raise TemplateError.single(
                path, error_sentence(f"not a Word document (.docx): {exc}")
            ) from None
        if not any(i.filename == "word/document.xml" for i in infos):
            raise TemplateError.single(path, "not a Word document (.docx): no word/document.xml.")
        self._helper = DocxTemplate(path)  # only its XML preparation is used
        self._helper.docx_ids_index = 1000
        self.parts: list[tuple[zipfile.ZipInfo, bytes | Any]] = []
        self.sources: dict[str, str] = {}
        self.fix_tables = False
        for info, raw in raw_parts:
            if XML_PARTS.match(info.filename) and b"{" in raw:
                try:
                    xml = raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise TemplateError.single(
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
                    except JinjaError as exc:
                        raise _template_error(path, info.filename, exc, src) from None
                    self.fix_tables = self.fix_tables or bool(_TABLE_TAGS.search(src))
                    self.parts.append((info, template))
                    continue
            self.parts.append((info, raw))
        # the parts without tags are compressed once, here, not once a document
        self._writer = DocxWriter(
            [(info, part if isinstance(part, bytes) else None) for info, part in self.parts]
        )

    def render_part(
        self, name: str, template: Any, context: Mapping[str, Any], listing: bool
    ) -> bytes:
        from jinja2 import TemplateError as JinjaError

        try:
            xml = template.render(context)
        except JinjaError as exc:
            source = self.sources.get(name, "")
            raise _template_error(self.path, name, exc, source, context) from None
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
        """The finished .docx, as bytes: only the parts with tags are made anew."""
        if listing is None:
            listing = has_listing(context)
        return self._writer.write(
            {
                info.filename: self.render_part(info.filename, part, context, listing)
                for info, part in self.parts
                if not isinstance(part, bytes)
            }
        )

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
