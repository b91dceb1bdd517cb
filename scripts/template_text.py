"""A Word template as plain text, tags visible: the golden files that show a wording change.

    python scripts/template_text.py templates/invitation.docx   # print one
    python scripts/template_text.py --update                    # rewrite tests/golden/templates/

Headers and footers first, then the body in order: a paragraph a line (headings marked
`#`, list items `-`), a table a row a line with its cells between `|`; a one-cell table
(a block kept on one page) as what it holds, between `[kept on one page]` and `[end]`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
GOLDEN = ROOT / "tests" / "golden" / "templates"


def _paragraph(p: Paragraph) -> str:
    style = p.style.name if p.style is not None else ""
    text = p.text
    if style.startswith("Heading"):
        return "#" * int(style.split()[-1] if style[-1].isdigit() else 1) + " " + text
    if style.startswith("List"):
        return "- " + text
    return text


def _table(t: Table) -> list[str]:
    if len(t.rows) == 1 and len(t.columns) == 1:  # a kept block: what is in it, in order
        cell = t.rows[0].cells[0]
        return ["[kept on one page]", *_blocks(cell._tc, cell), "[end]"]
    rows = []
    for row in t.rows:
        cells = [" / ".join(p.text for p in cell.paragraphs if p.text) for cell in row.cells]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _blocks(element: object, parent: object) -> list[str]:
    lines: list[str] = []
    for child in element.iterchildren():  # type: ignore[attr-defined]
        if child.tag == qn("w:p"):
            lines.append(_paragraph(Paragraph(child, parent)))  # type: ignore[arg-type]
        elif child.tag == qn("w:tbl"):
            lines.extend(_table(Table(child, parent)))  # type: ignore[arg-type]
    return lines


def template_text(path: Path) -> str:
    document = docx.Document(str(path))
    lines: list[str] = []
    for i, section in enumerate(document.sections):
        for name, part in (("header", section.header), ("footer", section.footer)):
            if not part.is_linked_to_previous or i == 0:
                text = [line for line in _blocks(part._element, part) if line]
                if text:
                    lines.append(f"[{name}] " + " / ".join(text))
    lines.append("")
    lines.extend(_blocks(document.element.body, document))
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str]) -> None:
    if argv == ["--update"]:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for path in sorted(TEMPLATES.glob("*.docx")):
            (GOLDEN / f"{path.stem}.txt").write_text(template_text(path), encoding="utf-8")
            print(GOLDEN / f"{path.stem}.txt")
        return
    for arg in argv:
        sys.stdout.write(template_text(Path(arg)))


if __name__ == "__main__":
    main(sys.argv[1:])
