"""The .docx writer: parts without tags compressed once, archives `zipfile` reads back whole."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
from hypothesis import given
from hypothesis import strategies as st

from cpconf.conference import open_case
from cpconf.letters import plan_documents
from cpconf.letters.docxzip import DocxWriter
from cpconf.letters.engine import CompiledTemplate
from cpconf.letters.templates import template_paths

ROOT = Path(__file__).resolve().parent.parent


def read_back(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None  # every part's CRC checks out
    return [(info, archive.read(info)) for info in archive.infolist()]


def info(name: str, method: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    made = zipfile.ZipInfo(name, date_time=(2026, 1, 2, 3, 4, 6))
    made.compress_type = method
    made.external_attr = 0o644 << 16
    return made


def test_fixed_and_made_parts_come_back_in_order_with_their_bytes():
    parts = [
        (info("[Content_Types].xml"), b"<Types/>" * 50),
        (info("word/document.xml"), None),
        (info("word/media/image1.png", zipfile.ZIP_STORED), bytes(range(256)) * 4),
        (info("word/footer1.xml"), None),
    ]
    writer = DocxWriter(parts)
    for body in (b"<w:document>one</w:document>", b"<w:document>two, longer</w:document>"):
        back = read_back(writer.write({"word/document.xml": body, "word/footer1.xml": b""}))
        assert [i.filename for i, _ in back] == [i.filename for i, _ in parts]
        assert [data for _, data in back] == [
            parts[0][1],
            body,
            parts[2][1],
            b"",
        ]
        assert [i.compress_type for i, _ in back] == [8, 8, 0, 8]
        assert all(i.date_time == (2026, 1, 2, 3, 4, 6) for i, _ in back)
        assert all(i.external_attr == 0o644 << 16 for i, _ in back)
        assert back[0][0].compress_size < len(parts[0][1])  # deflated, not stored


@given(
    st.lists(
        st.tuples(
            st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30),
            st.binary(max_size=3000),
            st.booleans(),
            st.booleans(),
        ),
        max_size=8,
        unique_by=lambda t: t[0],
    )
)
def test_any_parts_round_trip(spec):
    parts = [
        (info(name, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED), None if made else data)
        for name, data, stored, made in spec
    ]
    made = {name: data for name, data, _, made_here in spec if made_here}
    back = read_back(DocxWriter(parts).write(made))
    assert [(i.filename, data) for i, data in back] == [(name, data) for name, data, _, _ in spec]


def test_a_letter_has_every_part_of_its_template_and_opens_in_python_docx(tmp_path: Path):
    conference = open_case(ROOT / "sample_cases" / "initial.yaml")
    docs = plan_documents(conference, conference.plan(dt.date(2026, 11, 10)))
    agenda = next(d for d in docs if d.kind == "agenda")
    path = template_paths()["agenda"]
    template = zipfile.ZipFile(path)
    data = CompiledTemplate(path).render(agenda.context)
    back = read_back(data)
    assert [i.filename for i, _ in back] == [i.filename for i in template.infolist()]
    for part, (_, content) in zip(template.infolist(), back, strict=True):
        if b"{" not in template.read(part):  # no tags: copied as it is
            assert content == template.read(part)
    (tmp_path / "agenda.docx").write_bytes(data)
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "agenda.docx")).paragraphs)
    assert "Agenda" in text and "Amy Smith" in text
