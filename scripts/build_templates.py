"""Write the default Word templates of `cpconf letters` (python scripts/build_templates.py).

How cpconf's own templates change (docs/TEMPLATES.md): this script writes every
`templates/*.docx` in one run, so that a wording change is a reviewable diff of code and
the bytes are reproducible; then `python scripts/template_text.py --update` refreshes the
plain-text renderings under tests/golden/templates/, which a test compares. Every
sentence of every letter is here, with the paragraph of the procedure it answers. A
council changes wording in Word (`cpconf templates export`), not here. This script is
not part of the installed package.

Writing conventions:
- `**bold**` inside a paragraph's text makes a bold run.
- `{{ ... }}` prints a value; `{% ... %}` inside one paragraph is inline logic;
  a paragraph that is only `{%p ... %}` (docxtpl) wraps whole paragraphs or tables.
- British English, dates such as "Friday 20 November 2026", times such as "10am":
  the values come formatted; the templates never format them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent.parent / "templates"

INK = RGBColor(0x1F, 0x1F, 0x1F)
BLUE = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x59, 0x59, 0x59)
RED = RGBColor(0xA0, 0x00, 0x00)
FONT = "Arial"

# -- shared wording -------------------------------------------------------------------

# the meeting and the plan in the procedure's own words (the profile's `terms:`; England's by
# default): "initial child protection conference"; Scotland "Child Protection Planning Meeting"
CONF_NAME = "{{ terms.this_meeting }}"
CONF_TITLE = "{{ terms.this_meeting_title }}"
# How each person takes part. A blended conference: the profile's `blended_in_person`
# says who is in the room (Hackney guide, "The Conference Process": the chair, the social
# worker and the family, "with all other attendees accessing the meeting virtually").
# Where it says nothing, no one is told they may choose: CP4 3.6 allows professionals to
# contribute remotely only "In exceptional circumstances".
MODE = (
    '{% if conference.mode == "virtual" %}Online (video or phone)'
    '{% elif conference.mode == "blended" %}'
    "{% if not conference.blended_in_person and follows_london %}In person; joining online "
    "only in exceptional circumstances, agreed with the chair before the day"
    "{% elif not conference.blended_in_person %}In person; some people may join online"
    "{% elif recipient.is_case_social_worker and conference.social_worker_in_person %}In "
    "person: {{ conference.blended_in_person }} meet in the room; the other professionals "
    "join online"
    "{% else %}Online: only {{ conference.blended_in_person }} meet in the room; "
    "everyone else joins online{% endif %}"
    '{% elif conference.mode == "face-to-face" %}In person'
    "{% else %}To be confirmed{% endif %}"
)
# The record says how the meeting was held, for no one person (no recipient)
MODE_RECORD = (
    '{% if conference.mode == "virtual" %}Online (video or phone)'
    '{% elif conference.mode == "blended" %}'
    "{% if conference.blended_in_person %}In person ({{ conference.blended_in_person }}) "
    "and online (everyone else){% else %}In person and online{% endif %}"
    '{% elif conference.mode == "face-to-face" %}In person'
    "{% else %}Not recorded{% endif %}"
)
MODE_FAMILY = (
    '{% if conference.mode == "virtual" %}Online (video or phone)'
    '{% elif conference.mode == "blended" %}'
    "{% if not conference.blended_in_person %}In person. Some people may join online"
    "{% elif conference.family_in_person %}In person"
    "{% if conference.blended_with_family %}, with {{ conference.blended_with_family }}"
    "{% endif %}. The other people join online"
    "{% else %}Online{% endif %}"
    '{% elif conference.mode == "face-to-face" %}In person'
    "{% else %}To be confirmed{% endif %}"
)
MODE_AGENDA = (
    '{% if conference.mode == "virtual" %}Online (video or phone)'
    '{% elif conference.mode == "blended" %}'
    "{% if conference.blended_in_person %}Blended: {{ conference.blended_in_person }} in "
    "the room; everyone else online{% else %}In person; some people may join online"
    "{% endif %}"
    '{% elif conference.mode == "face-to-face" %}In person'
    "{% else %}To be confirmed{% endif %}"
)
# What a letter to a parent calls the subject of a pre-birth conference.
ABOUT = (
    '{% if conference.type == "pre-birth" and recipient.parent %}your '
    "{% if subject_children|length > 1 %}babies{% else %}baby{% endif %}"
    "{% else %}{{ subject_names }}{% endif %}"
)
# "please call X on 020..., or Y on 020...": only the people who have a number.
CALL_US = (
    "{% if social_worker.phone or coordinator.phone %}If you have any questions, please "
    "call {% if social_worker.phone %}{{ social_worker.name or 'your social worker' }} on "
    "{{ social_worker.phone }}{% if coordinator.phone %}, or {% endif %}{% endif %}"
    "{% if coordinator.phone %}{{ coordinator.name or 'the conference coordinator' }} on "
    "{{ coordinator.phone }}{% endif %}.{% else %}If you have any questions, please ask "
    "{{ social_worker.name or 'your social worker' }}"
    "{% if social_worker.email %} ({{ social_worker.email }}){% endif %}.{% endif %}"
)
PLAN_WORDS = (
    '{% if d.plan == "child-protection" %}{{ terms.plan_title }}'
    '{% elif d.plan == "child-in-need" %}{{ terms.child_in_need_plan_title }}'
    '{% elif d.plan == "early-help" %}Early help'
    "{% else %}No further action{% endif %}"
)
CATEGORY_WORDS = (
    '{% if d.category == "physical" %}Physical abuse'
    '{% elif d.category == "emotional" %}Emotional abuse'
    '{% elif d.category == "sexual" %}Sexual abuse'
    '{% elif d.category == "neglect" %}Neglect'
    # Scotland records areas of concern, not a category (para 1.88): those recorded, else
    # blank; never "Not applicable" beside a plan
    "{% elif d.concerns %}{{ d.concerns|capitalize }}"
    '{% elif d.plan != "child-protection" %}Not applicable{% endif %}'
)
COMPLAINTS_DEFAULT = (
    "If you are unhappy about how the {{ terms.short }} was run, or about what it decided, "
    "please "
    "tell the chair{% if chair.name %}, {{ chair.name }}{% endif %}"
    "{% if chair.email %} ({{ chair.email }}){% endif %}. Your complaint will be passed to the "
    "chair's manager and to the council's complaints manager. While a complaint is looked "
    "at, the decision of the {{ terms.short }} stands."
)

# The exclusion letter's, from the chair, before the conference (London CP4 5.9, 12.2)
COMPLAINTS_EXCLUSION = (
    "Please tell me{% if chair.email %} at {{ chair.email }}{% endif %}. Your complaint will "
    "be passed to my manager and to the council's complaints manager."
)

# After a date whose rule is local practice, not the procedure's: London CP4 9.8 gives the
# core group no timescale and 3.12 the early review none (the profile's `local: true`)
LOCAL_NOTE = "{{% if deadlines_local.{} %}} (local practice){{% endif %}}"
# the same inside brackets: "(by Friday 4 December 2026, local practice)"
LOCAL_NOTE_IN = "{{% if deadlines_local.{} %}}, local practice{{% endif %}}"


# -- building blocks ------------------------------------------------------------------
def by(deadline_id: str, bold: bool = False, cap: bool = False) -> str:
    """'by Friday 20 November 2026'; where the procedure sets no date for it (the nations'
    profiles, docs/NATIONS.md) and the council has set none: 'before the conference'."""
    b = "**" if bold else ""
    return (
        f"{{% if deadlines.{deadline_id} %}}{'By' if cap else 'by'} {b}"
        f"{{{{ deadlines.{deadline_id} }}}}{b}{{% else %}}{'Before' if cap else 'before'} the "
        "{{ terms.short }}{% endif %}"
    )


def above(deadline_id: str, words: str) -> str:
    """'by the date above' where the letter gives a date; where the procedure sets none (the
    nations' profiles) and the council has set none: 'before the conference'."""
    return (
        f"{{% if deadlines.{deadline_id} %}}{words}{{% else %}}before the "
        "{{ terms.short }}{% endif %}"
    )


# When, how and with whom a professional meets: the first rows of the invitations' tables
MEETING_FOR_PROFESSIONALS = [
    ("Date", "{{ conference.date }}"),
    (
        "Time",
        "{% if not conference.time %}To be confirmed"
        "{% elif conference.pre_meeting %}Please join at "
        "**{{ conference.professionals_time }}**. The chair meets the family from "
        "{{ conference.time }}, before professionals join."
        "{% else %}{{ conference.time }}{% endif %}",
    ),
    ("How", MODE),
    ("Venue and joining details", "{{ conference.venue or 'To be confirmed' }}"),
    (
        "Chair",
        "{{ chair.name or 'To be confirmed' }}{% if chair.email %}, {{ chair.email }}{% endif %}",
    ),
]


def cp4(paragraph: str) -> str:
    """' (London CP4 7.10)' where the profile follows London's procedure; else nothing."""
    return f"{{% if follows_london %}} (London CP4 {paragraph}){{% endif %}}"


def _font(run, size=None, bold=None, italic=None, color=None):
    run.font.name = FONT
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    if color is not None:
        run.font.color.rgb = color


def para(
    target,
    text="",
    style=None,
    align=None,
    size=None,
    color=None,
    italic=None,
    bold=None,
    after=None,
    before=None,
    keep_next=False,
):
    """A paragraph; `**x**` in text makes x bold."""
    p = target.add_paragraph(style=style)
    for i, chunk in enumerate(re.split(r"\*\*", text)):
        if chunk:
            run = p.add_run(chunk)
            _font(run, size=size, bold=True if i % 2 else bold, italic=italic, color=color)
    if align:
        p.alignment = align
    fmt = p.paragraph_format
    if after is not None:
        fmt.space_after = Pt(after)
    if before is not None:
        fmt.space_before = Pt(before)
    if keep_next:
        fmt.keep_with_next = True
    return p


def tag(target, text):
    """A paragraph holding only a docxtpl paragraph tag ({%p ... %}); it disappears."""
    return target.add_paragraph(text)


def heading(doc, text, level=1):
    return doc.add_heading(text, level=level)


def bullet(doc, text):
    return para(doc, text, style="List Bullet", after=3)


def number(doc, text):
    return para(doc, text, style="List Number", after=4)


def hint(target, text):
    """Guidance for the person filling in the form: grey italic, in square brackets."""
    return para(target, f"[{text}]", italic=True, color=GREY, size=10)


def _cell_shade(cell, fill):
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _cell_text(cell, text, bold=False, shade=None, italic=None, color=None, size=None):
    cell.paragraphs[0].text = ""
    p = cell.paragraphs[0]
    for i, chunk in enumerate(re.split(r"\*\*", text)):
        if chunk:
            run = p.add_run(chunk)
            _font(
                run, bold=True if (i % 2 or bold) else None, italic=italic, color=color, size=size
            )
    p.paragraph_format.space_after = Pt(2)
    if shade:
        _cell_shade(cell, shade)
    return cell


def repeat_header(table):
    """The table's first row repeats at the top of each page the table runs onto."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    return table


def list_table(doc, headers, rows, widths):
    """A table a row an item: a shaded header row repeated on each page, then `rows`
    (docxtpl `{%tr %}` rows among them), no row split across pages."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _cell_text(cell, text, bold=True, shade="E8EEF4")
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _cell_text(cell, text)
    set_widths(table, widths)
    repeat_header(table)
    return table


def decisions_table(doc):
    """Each child's decision and category (CP4 9.5-9.6): the decision letter and the record."""
    return list_table(
        doc,
        ("Child", "Decision", "{{ terms.category_label }}"),
        (
            ("{%tr for d in outcome.decisions %}", "", ""),
            ("{{ d.child.name }}", PLAN_WORDS, CATEGORY_WORDS),
            ("{%tr endfor %}", "", ""),
        ),
        (5.5, 6.1, 5.0),
    )


def set_widths(table, widths):
    """Fixed column widths (Word and LibreOffice read the grid), rows never split by a page."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))


def facts_table(doc, rows, widths=(4.5, 12.1)):
    """A two-column table of labels and values."""
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for label, value in rows:
        cells = table.add_row().cells
        _cell_text(cells[0], label, bold=True, shade="E8EEF4")
        _cell_text(cells[1], value)
    set_widths(table, widths)
    para(doc, "", after=2)
    return table


def write_in_table(doc, rows, widths=(4.5, 12.1), space=2):
    """Labels with empty boxes to write in (each box `space` blank lines tall)."""
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, guide in rows:
        cells = table.add_row().cells
        _cell_text(cells[0], label, bold=True, shade="E8EEF4")
        if guide:
            _cell_text(cells[1], f"[{guide}]", italic=True, color=GREY, size=10)
        for _ in range(space):
            cells[1].add_paragraph("")
    set_widths(table, widths)
    return table


def _field(paragraph, instr):
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def new_document(title: str) -> DocumentObject:
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = ""  # document properties are not rendered: no tags here
    doc.core_properties.comments = "cpconf template"
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.font.color.rgb = INK
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, color, before in (
        ("Title", 18, BLUE, 0),
        ("Heading 1", 13, BLUE, 12),
        ("Heading 2", 11.5, BLUE, 10),
    ):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = color
        rfonts = style.element.rPr.find(qn("w:rFonts"))
        if rfonts is not None:
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                rfonts.attrib.pop(qn(attr), None)
            rfonts.set(qn("w:ascii"), FONT)
            rfonts.set(qn("w:hAnsi"), FONT)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    title_style = styles["Title"]
    # the default Title has a blue rule under it and expanded spacing: plain is better
    ppr = title_style.element.pPr
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)
    rpr = title_style.element.rPr
    for child in list(rpr):
        if child.tag in (qn("w:spacing"), qn("w:kern")):
            rpr.remove(child)
    section = doc.sections[0]
    section.page_height = Cm(29.7)
    section.page_width = Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = Cm(1.8)
    section.bottom_margin = Cm(1.8)
    section.header_distance = Cm(0.8)
    section.footer_distance = Cm(0.8)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run("OFFICIAL-SENSITIVE")
    _font(run, size=8, bold=True, color=GREY)
    footer = section.footer.paragraphs[0]
    run = footer.add_run("{{ la }} · {{ terms.meeting_title }} · Ref {{ reference }} · Page ")
    _font(run, size=8, color=GREY)
    _field(footer, "PAGE")
    return doc


def letterhead(doc, mailbox=False):
    """The council's block, top right: name, service, coordinator's contact details.

    `mailbox`: an invitation or a request for reports, which come from the profile's
    invitations mailbox where it has one (Hackney guide, "The Conference Process").
    """
    para(doc, "{{ la }}", align=WD_ALIGN_PARAGRAPH.RIGHT, size=16, bold=True, color=BLUE, after=0)
    para(
        doc,
        "{{ terms.meeting_caps }} Service",
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        size=10,
        color=GREY,
        after=0,
    )
    # the council's own address and website, from its settings (cpconf.yaml `letterhead`)
    tag(doc, "{%p for line in letterhead.address_lines %}")
    para(doc, "{{ line }}", align=WD_ALIGN_PARAGRAPH.RIGHT, size=10, color=GREY, after=0)
    tag(doc, "{%p endfor %}")
    para(
        doc,
        "{% if coordinator.phone or letterhead.phone %}Telephone "
        "{{ coordinator.phone or letterhead.phone }}{% endif %}",
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        size=10,
        color=GREY,
        after=0,
    )
    para(
        doc,
        "{% if invitations_from %}{{ invitations_from }}{% else %}"
        "{{ coordinator.email or letterhead.email }}{% endif %}"
        "{% if letterhead.website %} · {{ letterhead.website }}{% endif %}"
        if mailbox
        else "{{ coordinator.email or letterhead.email }}"
        "{% if letterhead.website %} · {{ letterhead.website }}{% endif %}",
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        size=10,
        color=GREY,
        after=18,
    )


def recipient_block(doc, by_email=True):
    """Name, role, organisation, the person's own address (family), email (professionals)."""
    para(doc, "{{ recipient.name }}", after=0)
    tag(doc, "{%p if recipient.role %}")
    para(doc, "{{ recipient.role }}", after=0)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if recipient.organisation %}")
    para(doc, "{{ recipient.organisation }}", after=0)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for line in recipient.address_lines %}")
    para(doc, "{{ line }}", after=0)
    tag(doc, "{%p endfor %}")
    if by_email:
        tag(doc, "{%p if recipient.email %}")
        para(doc, "By email: {{ recipient.email }}", after=0)
        tag(doc, "{%p endif %}")
    para(doc, "", after=6)
    para(doc, "{{ letter_date }}", after=0)
    para(doc, "Our reference: {{ reference }}", after=12)


def keep_together(p):
    """A paragraph kept whole and on the page of the next one."""
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.keep_together = True
    return p


def _keep_with_signature(doc):
    """The letter's last paragraph goes to the page of the signature, whole.

    Without it Word and LibreOffice may put the sign-off alone on a page of its own.
    Skips docxtpl paragraph tags, which vanish when rendered; a letter's last paragraph
    before the sign-off is unconditional, so the kept one is always there.
    """
    for p in reversed(doc.paragraphs):
        if not p.text.startswith("{%p"):
            p.paragraph_format.keep_with_next = True
            p.paragraph_format.keep_together = True
            return


def kept_block(doc):
    """A borderless one-cell table whose row never splits: what is written in it stays on
    one page. LibreOffice moves only the one paragraph before a page break with the next
    (a chain of keep-with-next paragraphs is not kept whole), so a letter's closing
    section and its signature are kept together this way."""
    table = doc.add_table(rows=1, cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), "0")
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tbl_pr.append(margins)
    set_widths(table, (16.6,))
    cell = table.rows[0].cells[0]
    cell._tc.remove(cell.paragraphs[0]._p)  # the cell's empty first paragraph
    return cell


def sign_off(doc, who="coordinator", enclosure=False, target=None):
    """`target`: a kept_block to sign in (else the letter's body, after its last paragraph)."""
    if target is None:
        _keep_with_signature(doc)
    else:
        doc = target
    para(doc, "Yours sincerely,", before=6, after=30, keep_next=True)
    if who == "chair":
        para(doc, "{{ chair.name or 'Conference Chair' }}", bold=True, after=0, keep_next=True)
        para(doc, "Chair, {{ terms.meeting_caps }}", after=0, keep_next=True)
    else:
        para(
            doc,
            "{{ coordinator.name or 'Conference Coordinator' }}",
            bold=True,
            after=0,
            keep_next=True,
        )
        para(
            doc,
            "{{ terms.meeting_caps }} Coordinator, on behalf of "
            "{{ chair.name or 'the conference chair' }}, Chair",
            after=0,
            keep_next=True,
        )
    para(doc, "{{ la }}", after=0, keep_next=enclosure)


def title_block(doc, title, subtitle=None):
    para(doc, "{{ la }}", align=WD_ALIGN_PARAGRAPH.RIGHT, size=12, bold=True, color=BLUE, after=0)
    para(
        doc,
        "{{ terms.meeting_caps }} Service",
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        size=10,
        color=GREY,
        after=12,
    )
    para(doc, title, style="Title", after=2)
    if subtitle:
        para(doc, subtitle, size=12, color=GREY, after=10)


# -- the documents --------------------------------------------------------------------


def invitation():
    """To each professional (London CP4 3.1-3.4, 7.7-7.10; Hackney guide; Warwickshire)."""
    doc = new_document("Invitation to a child protection conference")
    letterhead(doc, mailbox=True)
    recipient_block(doc)
    para(doc, "Dear {{ recipient.name }},")
    para(doc, f"{CONF_TITLE}: {{{{ subject_names }}}}", style="Heading 1")
    para(
        doc,
        f"You are invited to the {CONF_NAME} for **{{{{ subject_names }}}}**. "
        "{% if recipient.children %}You have been invited because your agency has had direct "
        "contact with {{ recipient.children_names }}.{% else %}You have been invited because "
        "your agency has information that will help the {{ terms.short }}.{% endif %}",
    )
    para(
        doc,
        "The {{ terms.short }} brings together the family and the professionals who work with "
        "them to share what is known about the children, decide whether they are likely to "
        "suffer significant harm, and agree what needs to happen to keep them safe."
        "{% if other_children %} It will also consider {{ other_names }}, who "
        "{% if other_children|length == 1 %}lives{% else %}live{% endif %} in the same "
        "household.{% endif %}",
    )
    facts_table(
        doc,
        [
            *MEETING_FOR_PROFESSIONALS,
            (
                "Your report",
                "{% if recipient.is_social_worker %}Shared with the family "
                + by("social_worker_report_to_parents", bold=True)
                + "; to the chair "
                + by("social_worker_report_to_chair", bold=True)
                + "{% elif recipient.is_police %}"
                + by("agency_reports", bold=True, cap=True)
                + "{% else %}Shared with the family and sent "
                + by("agency_reports", bold=True)
                + "{% endif %}",
            ),
            (
                "Send reports to",
                "{% if recipient.is_police %}The chair only"
                "{% if chair.email %}: {{ chair.email }}{% endif %}"
                "{% else %}{{ reports_to or 'the chair' }}{% endif %}",
            ),
            (
                "Time to set aside",
                "{{ conference.length }} for the whole meeting"
                "{% if conference.ends %} (expected to end by about "
                "{{ conference.ends }}){% endif %}",
            ),
        ],
    )
    para(doc, "Your report", style="Heading 2")
    tag(doc, "{%p if recipient.is_police %}")
    para(
        doc,
        "Please send a written report to the chair{% if chair.email %} "
        "({{ chair.email }}){% endif %} "
        + by("agency_reports")
        + ". Because a police report may hold confidential information about other people, it "
        "is shared with the chair only, who will summarise what is relevant in the meeting "
        "or ask you to do so" + cp4("7.10") + ". Please do not send it to the family or to "
        "other agencies.",
    )
    tag(doc, "{%p elif recipient.is_social_worker %}")
    para(
        doc,
        "Please write your report on the enclosed template. It must be shared and "
        "discussed with the parents, and with older children where that is in their "
        "interests, "
        + by("social_worker_report_to_parents")
        + ", so that factual errors can be corrected and the family can comment. Please send "
        "it to {{ reports_to or 'the chair' }} " + by("social_worker_report_to_chair") + ".",
    )
    tag(doc, "{%p else %}")
    # CP4 7.9: "Agencies should have an agreed pro forma"; Warwickshire, "What is required
    # of me?": a report "using your agency format" (the profile's `attendance.agency_format`)
    para(
        doc,
        "{% if attendance.agency_format %}Please write your report in your agency's own "
        "format; if your agency has none, you may use the enclosed template."
        "{% else %}Please write your report on the enclosed template.{% endif %} Before you "
        "send it, share and discuss it with the parents, so that they can correct any factual errors and "
        "comment. Then send it to {{ reports_to or 'the chair' }} "
        + by("agency_reports", bold=True)
        + ".",
    )
    tag(doc, "{%p endif %}")
    para(
        doc,
        "Please keep facts, allegations and opinions clearly apart, give your view on "
        "whether each child should be the subject of a {{ terms.plan }} and, if so, "
        "{% if terms.category %}under which category{% else %}the areas of concern{% endif %}, "
        "and write in plain words: no jargon or acronyms.",
    )
    para(doc, "On the day", style="Heading 2")
    tag(doc, "{%p if conference.pre_meeting %}")
    para(
        doc,
        "The chair meets the family at {{ conference.time }} to explain how the "
        "{{ terms.short }} will run. **Please do not join before {{ conference.professionals_time "
        "}}.**",
    )
    tag(doc, "{%p endif %}")
    para(
        doc,
        "Please be on time and prepared, and set aside {{ conference.length }} so that "
        "you can take part in the whole meeting, including the discussion of risk and the "
        "decision for each child. Speak to the family, not about them.",
    )
    tag(doc, '{%p if conference.mode == "virtual" or conference.mode == "blended" %}')
    para(
        doc,
        "If you join online, please use video so that the family can see everyone in "
        "the meeting, and keep your microphone muted when you are not speaking.",
    )
    tag(doc, "{%p endif %}")
    para(doc, "Confidentiality", style="Heading 2")
    para(
        doc,
        "Everyone at a {{ terms.meeting }} hears highly sensitive and "
        "confidential information. Store and dispose of paper copies of reports "
        "confidentially, and share what you learn only with those who need to know. "
        "No one outside the {{ terms.short }} may see or hear any part of it: if you join online, "
        "do so from a private room, use headphones where others are working nearby, and "
        "never join from a public place. The chair may remove from the meeting anyone "
        "whose surroundings can be seen or heard.",
    )
    para(doc, "If you cannot attend", style="Heading 2")
    # the case's own social worker is the contact the others are given: not for them
    tag(doc, "{%p if recipient.is_case_social_worker %}")
    para(
        doc,
        "If you cannot attend, tell the chair{% if chair.email %} ({{ chair.email }})"
        "{% endif %} as soon as you can: the {{ terms.short }} is not quorate without children's "
        "social care. Please still send your report "
        + above("social_worker_report_to_chair", "by the dates above")
        + ".",
    )
    tag(doc, "{%p else %}")
    para(doc, "Please give this {{ terms.short }} high priority. If you cannot attend:", after=3)
    bullet(
        doc,
        "tell the social worker{% if social_worker.name %}, {{ social_worker.name }}"
        "{% if social_worker.email %} ({{ social_worker.email }}){% endif %},{% endif %} "
        "and the chair as soon as you can;",
    )
    bullet(doc, "send a colleague who knows the family to attend in your place, if you can;")
    # Warwickshire, "What should I do if I am unable to attend?": "send a report to the
    # chairperson (IRO) and allocated social worker" (`attendance.report_copy_to`); never a
    # police report, which goes to the chair alone (London CP4 7.10)
    bullet(
        doc,
        "send your report{% if attendance.report_copy_to_social_worker and not "
        "recipient.is_police %} to the chair and to the social worker{% endif %} "
        + above("agency_reports", "by the date above")
        + ", with your view on whether each child needs a {{ terms.plan }}.",
    )
    para(
        doc,
        "Your apologies and your views will be recorded in the {{ terms.short }} record.",
        before=3,
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if invitations_from %}")
    para(
        doc,
        "This invitation and the request for your report are sent from "
        "{{ invitations_from }}, the mailbox from which all invitations and requests for "
        "reports are sent.",
    )
    tag(doc, "{%p endif %}")
    para(
        doc,
        "If you have any questions, please contact "
        "{{ coordinator.name or 'the conference coordinator' }}"
        "{% if coordinator.phone %} on {{ coordinator.phone }}{% endif %}"
        "{% if coordinator.email %} or at {{ coordinator.email }}{% endif %}.",
    )
    sign_off(doc, enclosure=True)
    para(
        doc,
        "Enclosed: agenda; {% if recipient.is_social_worker %}social work report "
        "template{% else %}report template{% endif %}.",
        size=9,
        color=GREY,
        before=12,
    )
    return doc


def family_invitation():
    """To each family member not fully excluded: plain English (Hackney, Bolton, CP4 3.5-3.6)."""
    doc = new_document("Invitation to a meeting about your children")
    letterhead(doc)
    recipient_block(doc, by_email=False)
    para(doc, "Dear {{ recipient.name }},")
    para(doc, f"Invitation to a meeting about {ABOUT}", style="Heading 1")
    para(
        doc,
        f"We would like you to come to a meeting about **{ABOUT}**. This kind "
        "of meeting is called a {{ terms.meeting }}.",
    )
    facts_table(
        doc,
        [
            (
                "When",
                "{{ conference.date }}{% if conference.time %}, at "
                "**{{ conference.time }}**{% endif %}",
            ),
            ("Where", "{{ conference.venue or 'We will let you know' }}"),
            ("How", MODE_FAMILY),
            ("How long", "About {{ conference.length }}"),
            (
                "Your social worker",
                "{{ social_worker.name or 'Your social worker' }}"
                "{% if social_worker.phone %}, {{ social_worker.phone }}"
                "{% endif %}",
            ),
        ],
    )
    para(doc, "What is the meeting for?", style="Heading 2")
    para(
        doc,
        "At the meeting, you, your family and the people who work with your family, such "
        f"as social workers, health visitors, teachers and the police, talk together about {ABOUT}. "
        "Everyone says what is going well and what they are worried "
        "about. Together, the meeting decides whether a plan is needed to keep "
        f"{ABOUT} safe, and what the plan should say.",
    )
    para(
        doc,
        "Your views matter. You can tell the meeting what you think, in your own words. "
        "If you would rather write your views down, you can give them to your social worker "
        "or bring them with you.",
    )
    para(doc, "Before the meeting", style="Heading 2")
    para(
        doc,
        "{{ social_worker.name or 'Your social worker' }} will show you their report and "
        "talk it through with you{% if deadlines.social_worker_report_to_parents %} by "
        "{{ deadlines.social_worker_report_to_parents }}{% endif %}. Other people who write "
        "reports for the meeting should also share them with you before the meeting. If "
        "something in a report is wrong, tell the person who wrote it, or tell the chair.",
    )
    tag(doc, "{%p if conference.pre_meeting %}")
    para(
        doc,
        "Please come at **{{ conference.time }}**. The chair, who runs the meeting, will "
        "meet you first to explain how it will work and to answer your questions. The other "
        "people will join at {{ conference.professionals_time }}.",
    )
    # Bolton leaflet, "What happens at a Child Protection Conference?": "Just prior to the
    # start…, the Chair meets with the parents to explain what will happen, checking that
    # they have had the chance to read the reports" (`session.chair_meets_family`); London
    # CP4, York and Warwickshire promise no such meeting (CP4 4.16's is the child's)
    tag(doc, "{%p elif conference.chair_meets_family and recipient.parent %}")
    para(
        doc,
        "Please come a little early. Just before the meeting starts, the chair, who runs "
        "the meeting, will meet you to explain what will happen, to check that you have "
        "had the chance to read the reports, and to talk about anything you would like "
        "to raise.",
    )
    tag(doc, "{%p endif %}")
    # not to a family the profile puts in the room at a blended conference (Hackney)
    tag(
        doc,
        '{%p if conference.mode == "virtual" or (conference.mode == "blended" and not '
        "conference.family_in_person) %}",
    )
    para(doc, "Joining online", style="Heading 2")
    para(
        doc,
        "If you join online or by phone, please find somewhere private where no one else "
        "can see or hear the meeting.",
    )
    tag(doc, "{%p endif %}")
    # CP4 5.9: the exclusion letter says why; here only that it exists
    tag(doc, '{%p if recipient.excluded == "part" %}')
    para(doc, "Part of the meeting without you", style="Heading 2")
    para(
        doc,
        "The chair has decided that you will not be in one part of the meeting. We have "
        "written to you separately to explain this.",
    )
    tag(doc, "{%p endif %}")
    para(doc, "Bringing someone with you", style="Heading 2")
    para(
        doc,
        "You can bring someone to support you, such as a friend, a relative, an advocate "
        "or a solicitor. They can sit with you and listen, but they cannot take part in the "
        # who they may bring: Bolton leaflet, "Who attends" ("a solicitor, advocate or
        # friend"), CP4 14.6 ("a friend, supporter or solicitor"); telling the social worker
        # who is coming is a request, not a rule of any procedure
        "discussion. If you can, please let your social worker know before the day who "
        "you are bringing.",
    )
    tag(doc, "{%p if recipient.interpreter %}")
    para(doc, "An interpreter", style="Heading 2")
    para(
        doc,
        "We will arrange **{{ recipient.an_interpreter }}** to be "
        "with you at the meeting. If you would like the reports explained to you in "
        "{{ recipient.interpreter }} before the meeting, please tell your social worker."
        # York guide, "Plans arising from conference": "Where an interpreter is required
        # the written record of the meeting will also be translated for the family"
        "{% if paperwork.record_translated %} The written record of the meeting will also "
        "be translated for you.{% endif %}",
    )
    tag(doc, "{%p endif %}")
    para(doc, "Help with childcare", style="Heading 2")
    para(
        doc,
        "The meeting is not a good place for babies and young children. If you need help "
        "with childcare so that you can come, please tell your social worker as soon as you "
        "can and we will try to help.",
    )
    para(doc, "If you cannot come", style="Heading 2")
    para(
        doc,
        "Please tell your social worker as soon as you can. You can still tell the "
        "meeting what you think: your social worker can share your views, or you can write "
        "them down and send them to the chair before the meeting.",
    )
    para(doc, "After the meeting", style="Heading 2")
    para(
        doc,
        "We will write to you{% if deadlines.decision_letter %} by "
        "{{ deadlines.decision_letter }}{% endif %} to tell you what the meeting decided.",
    )
    para(doc, "If you are unhappy", style="Heading 2")
    para(
        doc,
        f"{{% if complaints %}}{{{{ complaints }}}}{{% else %}}{COMPLAINTS_DEFAULT}{{% endif %}}",
    )
    para(doc, CALL_US)
    sign_off(doc)
    return doc


def exclusion_letter():
    """To a family member excluded in part or in full (London CP4 4.1, 5.8-5.11, 12).

    CP4 5.9: the letter says how to make views known, how the outcome will be told and how
    to complain; 5.10 the social worker's report and the record; 4.1 a parent excluded
    from part must receive the record.
    """
    doc = new_document("Exclusion from a child protection conference")
    letterhead(doc)
    recipient_block(doc, by_email=False)
    para(doc, "Dear {{ recipient.name }},")
    para(
        doc,
        '{% if recipient.excluded == "full" %}You will not be able to attend the '
        f"{{{{ terms.meeting }}}} about {ABOUT}{{% else %}}You will not be able "
        f"to attend part of the {{{{ terms.meeting }}}} about {ABOUT}"
        "{% endif %}",
        style="Heading 1",
    )
    para(
        doc,
        f"The {CONF_NAME} about {ABOUT} will be held on "
        "**{{ conference.date }}**{% if conference.time %} at {{ conference.time }}"
        "{% endif %}.",
    )
    para(
        doc,
        "I am the chair of the {{ terms.short }}. I am writing to tell you that I have decided"
        "{% if recipient.exclusion.decided_on %}, on {{ recipient.exclusion.decided_on }},"
        '{% endif %} that {% if recipient.excluded == "full" %}you will not be able to attend '
        "the {{ terms.short }}{% else %}you will not be able to attend part of the "
        "{{ terms.short }}"
        "{% if recipient.exclusion.part %}: **{{ recipient.exclusion.part }}**{% endif %}"
        "{% endif %}.",
    )
    tag(doc, "{%p if recipient.exclusion.reason %}")
    para(doc, "The reason for my decision is: {{ recipient.exclusion.reason }}")
    tag(doc, "{%p else %}")
    para(doc, "Your social worker will explain the reasons for this decision to you.")
    tag(doc, "{%p endif %}")
    # CP4 5.11: exclusion at one conference is not reason enough for the next
    para(
        doc,
        "This decision is for this {{ terms.short }} only. It does not mean that you will not "
        "be able to attend future {{ terms.short_plural }}.",
    )
    para(doc, "Your views will be heard", style="Heading 2")
    para(
        doc,
        "You will be given a copy of the social worker's report"
        "{% if deadlines.social_worker_report_to_parents %} by "
        "{{ deadlines.social_worker_report_to_parents }}{% endif %}, before the {{ terms.short }}. "
        "You have the right to have your views recorded and presented to the {{ terms.short }}.",
    )
    tag(doc, "{%p if recipient.exclusion.views %}")
    para(doc, "{{ recipient.exclusion.views }}")
    tag(doc, "{%p else %}")
    para(
        doc,
        "You can tell {{ social_worker.name or 'your social worker' }} what you want the "
        "{{ terms.short }} to know, or write it down and send it to me"
        "{% if chair.email %} at {{ chair.email }}{% endif %} before the {{ terms.short }}. "
        "Your views will be presented at the {{ terms.short }} by your social worker and "
        "written in its record.",
    )
    tag(doc, "{%p endif %}")
    # York guide, "What support will the family receive in the Conference process?": the
    # chair plans with the social worker and an excluded parent "how their views will be
    # represented in the conference and how they can be included in the co-production of a
    # plan for the child" (the profile's exclusion.included_in_plan)
    tag(doc, "{%p if recipient.parent and recipient.exclusion.included_in_plan %}")
    para(
        doc,
        "I will plan with you and {{ social_worker.name or 'your social worker' }} how your "
        "views will be presented at the {{ terms.short }} and how you can help to make the "
        f"plan for {ABOUT}.",
    )
    tag(doc, "{%p endif %}")
    # Bolton leaflet, "Who attends a Child Protection Conference?": "If appropriate, the
    # chair of the Conference will offer to meet with the parents who have not attended"
    # (the profile's exclusion.chair_offers_to_meet)
    tag(doc, "{%p if recipient.parent and recipient.exclusion.chair_offers_to_meet %}")
    para(
        doc,
        "If it is appropriate, I will offer to meet with you, as you will not be at "
        '{% if recipient.excluded == "part" %}all of {% endif %}the {{ terms.short }}.',
    )
    tag(doc, "{%p endif %}")
    para(doc, "Hearing what was decided", style="Heading 2")
    para(
        doc,
        "We will write to you{% if deadlines.decision_letter %} by "
        "{{ deadlines.decision_letter }}{% endif %} to tell you what the {{ terms.short }} decided.",
    )
    # London CP4 4.1 (a parent at part receives the record) and 5.10 (the chair decides for
    # one excluded): London's words, not the nations'
    tag(doc, '{%p if follows_london and recipient.excluded == "part" %}')
    para(
        doc,
        "Because you will be at part of the {{ terms.short }}, you will receive the record of the "
        "{{ terms.short }}{% if deadlines.conference_record %} by {{ deadlines.conference_record }}"
        "{% endif %}. I will decide whether you receive all of it or only the part you "
        "attended.",
    )
    tag(doc, "{%p elif follows_london %}")
    para(doc, "I will decide whether you will also receive the record of the {{ terms.short }}.")
    tag(doc, "{%p endif %}")
    # The section stays on one page with the signature, so that the signature never
    # stands alone with the letter's last line.
    closing = kept_block(doc)
    para(closing, "If you disagree with this decision", style="Heading 2")
    # CP4 5.8: the chair's decision is final; 5.9 and 12: the complaints procedure. The
    # conference has not happened: the complaint is about the chair's decision, not its.
    para(
        closing,
        "My decision to exclude you is final" + cp4("5.8") + ". If you are unhappy with "
        "it, you can make a complaint.",
    )
    para(
        closing,
        f"{{% if complaints %}}{{{{ complaints }}}}{{% else %}}{COMPLAINTS_EXCLUSION}"
        "{% endif %} While a complaint is looked at, my decision stands.",
    )
    para(closing, CALL_US)
    sign_off(doc, "chair", target=closing)
    return doc


def _report_header(doc, social_work: bool):
    due_rows = (
        [
            (
                "Share with the family{% if deadlines.social_worker_report_to_parents %} by"
                "{% endif %}",
                "{{ deadlines.social_worker_report_to_parents or 'Before the ' ~ terms.short }}",
            ),
            (
                "To the chair{% if deadlines.social_worker_report_to_chair %} by{% endif %}",
                "{{ deadlines.social_worker_report_to_chair or 'Before the ' ~ terms.short }}, "
                "to {{ reports_to or 'the chair' }}",
            ),
        ]
        if social_work
        else [
            (
                "Report due",
                "{{ deadlines.agency_reports or 'Before the ' ~ terms.short }}, to "
                "{% if recipient.is_police %}the chair only{% if chair.email %} "
                "({{ chair.email }}){% endif %}{% else %}"
                "{{ reports_to or 'the chair' }}{% endif %}",
            )
        ]
    )
    facts_table(
        doc,
        [
            ("Reference", "{{ reference }}"),
            (
                "{{ terms.short_title }}",
                f"{CONF_TITLE}, {{{{ conference.date }}}}"
                "{% if conference.time %} at {{ conference.time }}{% endif %}",
            ),
            ("Children the {{ terms.short }} is about", "{{ subject_names }}"),
            ("Other children in the household", "{{ other_names or 'None' }}"),
            (
                "Report by",
                "{{ recipient.name }}{% if recipient.role %}, {{ recipient.role }}{% endif %}",
            ),
            ("Agency", "{{ recipient.organisation or recipient.agency_name }}"),
            (
                "Contact",
                "{{ recipient.email }}{% if recipient.email and recipient.phone %}, "
                "{% endif %}{{ recipient.phone }}",
            ),
            *due_rows,
        ],
    )
    # Hackney guide, "The Conference Process": "All invites and requests for reports will
    # be sent from this email account"
    tag(doc, "{%p if invitations_from %}")
    hint(
        doc,
        "This request for a report is sent from {{ invitations_from }}. Send the report "
        "{% if recipient.is_police %}to the chair only{% else %}to "
        "{{ reports_to or 'the chair' }}{% endif %}.",
    )
    tag(doc, "{%p endif %}")


def seen_table(doc):
    """When the social worker saw the child, alone or with whom, and why (London CP4 7.5)."""
    para(
        doc,
        '{% if conference.type == "review" %}When {{ child.name }} was seen since the '
        "last {{ terms.short }}{% else %}When {{ child.name }} was seen during the "
        "{{ terms.enquiry_short }}"
        "{% endif %}",
        bold=True,
        size=10,
        after=2,
        keep_next=True,
    )
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ("Date", "Where", "Seen alone?", "If not, who was present and why"),
        strict=True,
    ):
        _cell_text(cell, text, bold=True, shade="E8EEF4", size=10)
    for _ in range(3):
        for cell in table.add_row().cells:
            _cell_text(cell, "")
    set_widths(table, (3.0, 4.0, 2.6, 7.0))
    para(doc, "", after=2)


def _child_sections(doc, social_work: bool):
    para(doc, "Each child in the household", style="Heading 1")
    hint(
        doc,
        "All children in the household must be considered, including those the "
        "{{ terms.short }} is not about" + cp4("7.6") + ". Keep facts (what you saw or were told, "
        "with dates), allegations (what someone says happened) and your professional "
        "opinions (with your reasons) apart" + cp4("7.1") + ".",
    )
    tag(doc, "{%p for child in children %}")
    para(
        doc,
        "{{ child.name }}{% if child.unborn %} (unborn){% elif child.dob %}, born "
        "{{ child.dob }}{% if child.age_words %} (aged {{ child.age_words }}){% endif %}"
        "{% endif %}"
        "{% if not child.subject %}: another child in the household{% endif %}",
        style="Heading 2",
    )
    rows = []
    if social_work:
        seen_table(doc)
    else:
        rows.append(
            (
                "Your involvement and the dates the child was seen",
                "{% if child.known %}your agency has recorded direct contact with "
                "{{ child.name }}{% else %}no direct contact is recorded: say so, or "
                "give the dates{% endif %}",
            )
        )
    rows += [
        ("Facts", "what you saw or were told, with dates and sources"),
        ("Allegations", "what someone says happened, and who says so"),
        ("Opinions", "your professional view, and your reasons"),
        ("What is working well", ""),
        ("What are we worried about", ""),
        ("What needs to change", ""),
    ]
    write_in_table(doc, rows)
    tag(doc, "{%p endfor %}")


def _recommendation(doc):
    para(doc, "Recommendation", style="Heading 1")
    hint(
        doc,
        "For each child the {{ terms.short }} is about: should there be a {{ terms.plan }}? "
        "{% if terms.category %}If so, under which category: physical abuse, emotional abuse, "
        "sexual abuse or neglect?{% else %}If so, what are the areas of concern?{% endif %} "
        "If not, what help is needed{% if terms.other_help %} ({{ terms.other_help }})"
        "{% endif %}? Give reasons.",
    )
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ("Child", "Plan recommended", "{{ terms.category_label }}", "Reasons"),
        strict=True,
    ):
        _cell_text(cell, text, bold=True, shade="E8EEF4")
    cells = table.add_row().cells
    _cell_text(cells[0], "{%tr for child in subject_children %}")
    cells = table.add_row().cells
    _cell_text(cells[0], "{{ child.name }}")
    for cell in cells[1:]:
        cell.add_paragraph("")
    cells = table.add_row().cells
    _cell_text(cells[0], "{%tr endfor %}")
    set_widths(table, (4.0, 4.0, 3.0, 5.6))
    para(doc, "", after=2)


def _signature(doc):
    para(doc, "Signature", style="Heading 1")
    table = write_in_table(
        doc,
        [
            ("Signed", ""),
            ("Name", "{{ recipient.name }}"),
            (
                "Role and agency",
                "{{ recipient.role }}{% if recipient.role %}, {% endif %}"
                "{{ recipient.organisation or recipient.agency_name }}",
            ),
            ("Date", ""),
        ],
        space=1,
    )
    # one block: the rows never split across pages (Word keeps a table together through
    # "keep with next" on every paragraph but the last row's)
    for row in table.rows[:-1]:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


def report_template():
    """Each agency but children's social care (London CP4 7.1, 7.6, 7.9, 7.10)."""
    doc = new_document("Agency report to a child protection conference")
    tag(doc, "{%p if recipient.is_police %}")
    para(
        doc,
        "FOR THE {{ terms.short|upper }} CHAIR ONLY",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=14,
        bold=True,
        color=RED,
        after=0,
    )
    para(
        doc,
        "Not to be shared with the family or with other agencies. The chair will "
        "summarise what is relevant in the meeting" + cp4("7.10") + ".",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=10,
        color=RED,
        after=10,
    )
    tag(doc, "{%p endif %}")
    title_block(
        doc,
        "Report to the {{ terms.meeting }}",
        f"{CONF_TITLE} about {{{{ subject_names }}}}",
    )
    _report_header(doc, social_work=False)
    tag(doc, "{%p if not recipient.is_police %}")
    hint(
        doc,
        "Write for the family: plain words, no jargon or acronyms. Share and discuss this "
        "report with the parents before you send it, so that they can correct factual errors "
        "and comment" + cp4("7.9") + ".",
    )
    tag(doc, "{%p endif %}")
    para(doc, "Your agency's involvement with the family", style="Heading 1")
    write_in_table(
        doc,
        [
            ("Involvement", "how long and in what role your agency has known the family"),
            ("Family members seen", "who, when and where"),
        ],
    )
    _child_sections(doc, social_work=False)
    _recommendation(doc)
    last = kept_block(doc)  # the last section and the signature: never the signature alone
    tag(last, "{%p if recipient.is_police %}")
    para(last, "This report goes to the chair only", style="Heading 1")
    para(
        last,
        "Do not share this report with the family. Tell the chair which parts, if any, "
        "may be summarised to the {{ terms.short }} with the family present.",
    )
    tag(last, "{%p else %}")
    para(last, "Sharing this report with the family", style="Heading 1")
    write_in_table(
        last,
        [
            ("Shared with", "names of the family members"),
            ("Date shared", by("agency_reports")),
            ("Their comments", "corrections and views the family asked you to record"),
        ],
        space=1,
    )
    tag(last, "{%p endif %}")
    _signature(last)
    footer = doc.sections[0].header.paragraphs[0]
    footer.add_run("{% if recipient.is_police %} · FOR THE CHAIR ONLY{% endif %}")
    _font(footer.runs[-1], size=8, bold=True, color=RED)
    return doc


def social_work_report_template():
    """Children's social care (London CP4 7.2-7.8)."""
    doc = new_document("Social work report to a child protection conference")
    title_block(
        doc,
        "Social work report to the {{ terms.meeting }}",
        f"{CONF_TITLE} about {{{{ subject_names }}}}",
    )
    _report_header(doc, social_work=True)
    hint(
        doc,
        "A written, signed report that summarises and analyses what the assessment and "
        "the {{ terms.enquiry_short }} found" + cp4("7.2") + ". Share and discuss it with the "
        "parents, and with older children where that is in their interests, "
        + by("social_worker_report_to_parents")
        + cp4("7.7")
        + ".",
    )
    para(doc, "The family and the reasons for this {{ terms.short }}", style="Heading 1")
    write_in_table(
        doc,
        [
            ("Family and household", "who lives in the household and who else is important"),
            (
                "Reasons for the {{ terms.short }}",
                '{% if conference.type == "review" %}progress since the {{ terms.short }} on '
                "{{ conference.previous_date }}{% else %}what led to the {{ terms.enquiry_short }}"
                "{% endif %}",
            ),
        ],
    )
    _child_sections(doc, social_work=True)
    tag(doc, '{%p if conference.type == "review" %}')
    para(doc, "Progress against the {{ terms.plan }}", style="Heading 1")
    write_in_table(
        doc,
        [
            ("Progress", "each outcome of the plan: done, in progress, not started"),
            ("Core group", "dates of meetings and who attended"),
        ],
    )
    tag(doc, "{%p else %}")
    para(doc, "Analysis of the {{ terms.enquiry }}", style="Heading 1")
    write_in_table(
        doc,
        [
            (
                "Analysis",
                "what the {{ terms.enquiry_short }} found, the likelihood of significant harm to each "
                "child, and the parents' capacity to keep them safe",
            ),
            (
                "The family's views",
                "what the parents and children say about the {{ terms.enquiry_short }}",
            ),
        ],
    )
    tag(doc, "{%p endif %}")
    _recommendation(doc)
    last = kept_block(doc)  # the last section and the signature: never the signature alone
    para(last, "Sharing this report with the family", style="Heading 1")
    write_in_table(
        last,
        [
            ("Shared with", "names of the family members, and older children if appropriate"),
            ("Date shared", by("social_worker_report_to_parents")),
            ("Their comments", "corrections and views the family asked you to record"),
        ],
        space=1,
    )
    _signature(last)
    return doc


def agenda():
    """One agenda; differs by conference type (London CP4 sections 3, 8-11; Hackney guide)."""
    doc = new_document("Agenda of a child protection conference")
    title_block(doc, "Agenda", f"{CONF_TITLE} about {{{{ subject_names }}}}")
    facts_table(
        doc,
        [
            ("Date", "{{ conference.date }}"),
            (
                "Time",
                "{% if not conference.time %}To be confirmed{% elif conference.pre_meeting %}"
                "{{ conference.time }} chair's meeting with the family; professionals join at "
                "{{ conference.professionals_time }}{% else %}{{ conference.time }}{% endif %}"
                "{% if conference.ends %}; expected to end by about {{ conference.ends }}"
                "{% endif %}",
            ),
            ("How", MODE_AGENDA),
            ("Venue and joining details", "{{ conference.venue or 'To be confirmed' }}"),
            ("Chair", "{{ chair.name or 'To be confirmed' }}"),
            ("Minutes", "{{ coordinator.name or 'The conference coordinator' }}"),
            ("Children the {{ terms.short }} is about", "{{ subject_names }}"),
            ("Other children in the household", "{{ other_names or 'None' }}"),
            ("Reference", "{{ reference }}"),
        ],
    )
    para(doc, "Invited", style="Heading 1")
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("Name", "Role or relationship", "Attending"), strict=True
    ):
        _cell_text(cell, text, bold=True, shade="E8EEF4")
    rows = [
        ("{%tr for f in family %}", "", ""),
        (
            "{{ f.name }}",
            "{{ f.relationship or 'Family member' }}"
            '{% if f.excluded == "part" %} (not present for part of the '
            "meeting){% endif %}",
            "Invited",
        ),
        ("{%tr endfor %}", "", ""),
        ("{%tr for p in professionals %}", "", ""),
        (
            "{{ p.name }}",
            "{{ p.role }}{% if p.role and p.organisation %}, {% endif %}"
            "{{ p.organisation }}{% if p.observer %} (observer){% endif %}",
            '{% if p.attendance == "apologies" %}Apologies{% elif p.attendance == "attending" '
            'or p.attendance == "attended" %}Yes{% elif p.attendance == "absent" %}No'
            "{% else %}Invited{% endif %}",
        ),
        ("{%tr endfor %}", "", ""),
        # transfer-in: the authority the child moved from (London CP4 1.18)
        ("{%tr if originating_authority.name %}", "", ""),
        (
            "{{ originating_authority.contact or originating_authority.name }}",
            "{% if originating_authority.contact %}{{ originating_authority.name }}, {% endif %}"
            "the authority the {% if subject_children|length > 1 %}children{% else %}child"
            "{% endif %} moved from",
            "Invited",
        ),
        ("{%tr endif %}", "", ""),
    ]
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _cell_text(cell, text)
    set_widths(table, (5.0, 8.6, 3.0))
    para(doc, "", after=2)
    para(doc, "Agenda", style="Heading 1")
    tag(doc, "{%p if conference.pre_meeting %}")
    para(
        doc,
        "Before the meeting: the chair meets the family at {{ conference.time }} to "
        "explain how the {{ terms.short }} will run and to answer their questions.",
        italic=True,
    )
    # Bolton leaflet, "What happens at a Child Protection Conference?"
    tag(doc, "{%p elif conference.chair_meets_family %}")
    para(
        doc,
        "Before the meeting: just before it starts, the chair meets the parents to explain "
        "what will happen and to check that they have had the chance to read the reports.",
        italic=True,
    )
    tag(doc, "{%p endif %}")
    number(
        doc,
        "**Introductions and purpose.** The chair explains why the {{ terms.short }} has been "
        "called and who it is about; everyone introduces themselves and their involvement "
        "with the family.",
    )
    number(
        doc,
        "**Confidentiality.** What is shared at the {{ terms.short }} is confidential and is "
        "shared outside it only with those who need to know. No one else may see or hear "
        "the meeting."
        # CP4 3.9: a local process for requests to record says "how the request should be
        # made, who will consider the request and how far in advance": it names no one
        "{% if follows_london %} The meeting may be recorded only where a request to "
        "record it, made in advance, has been agreed under the council's process for such "
        "requests (London CP4 3.9).{% endif %}",
    )
    number(
        doc,
        '{% if conference.type == "pre-birth" %}**The baby\'s needs.** What the baby '
        "will need to be safe and well after the birth{% if follows_london %}, including the "
        "risk of sudden unexpected death in infancy (SUDI){% endif %}"
        "{% if other_children %}, and the views "
        "of {{ other_names }}{% endif %}.{% else %}**The child's views.** The wishes and "
        "feelings of {{ subject_names }}, given in person, through an advocate or by the "
        "social worker.{% endif %}",
    )
    tag(doc, '{%p if conference.type == "review" %}')
    number(
        doc,
        "**Progress since the last {{ terms.short }}**{% if conference.previous_date %} on "
        "{{ conference.previous_date }}{% endif %}: the {{ terms.plan }}, the core "
        "group and what has changed for each child.",
    )
    tag(doc, '{%p elif conference.type == "pre-birth" %}')
    number(
        doc,
        "**The social work report**: the assessment before the birth, the plans for "
        "the birth and for the baby's care afterwards.",
    )
    tag(doc, '{%p elif conference.type == "transfer-in" %}')
    number(
        doc,
        "**The transfer**: the {{ terms.plan }} from the previous authority, the "
        "family's move and what has changed since.",
    )
    tag(doc, "{%p else %}")
    number(doc, "**The social work report**: the assessment and the {{ terms.enquiry }}.")
    tag(doc, "{%p endif %}")
    number(
        doc,
        "**Information from each agency.** What each agency knows, what is working well "
        "and what it is worried about. The police report is for the chair only and is "
        "summarised by the chair or the police representative.",
    )
    number(
        doc,
        "**The family's views.** The parents and carers give their views and respond "
        "to what has been said.",
    )
    tag(doc, "{%p if part_excluded %}")
    para(
        doc,
        "Part of the meeting without {% for f in part_excluded %}{{ f.name }}"
        "{% if not loop.last %}, {% endif %}{% endfor %}, as the chair has decided.",
        italic=True,
        size=10,
    )
    tag(doc, "{%p endif %}")
    number(
        doc, "**Analysis.** What are we worried about, what is working well, what needs to change."
    )
    number(
        doc,
        "**Decision for each child**: whether each child is likely to suffer significant "
        "harm{% if conference.type == 'review' %} and whether the {{ terms.plan }} "
        "should continue{% endif %}; if a {{ terms.plan }} is needed, "
        "{% if terms.category %}its category (physical, emotional or sexual abuse, or neglect)"
        "{% else %}the areas of concern{% endif %}{% if terms.register %}, with the "
        "child's name placed on the {{ terms.register_name }}{% endif %}. The chair makes the "
        "final decision.",
    )
    tag(doc, "{%p for child in subject_children %}")
    para(
        doc,
        "{{ child.name }}: decision and {% if terms.category %}category{% else %}areas of "
        "concern{% endif %}",
        style="List Bullet",
        after=2,
    )
    tag(doc, "{%p endfor %}")
    number(
        doc,
        "**The plan**: the outline {{ terms.plan }}, or the help to be offered if "
        "no plan is needed; the lead social worker."
        # CP4 9.9: a plan for an unborn child or a baby "should consider the risk of sudden
        # unexpected death in infancy (SUDI)" (as the outline plan's section)
        "{% if sudi_names and follows_london %} For {{ sudi_names }}: how the plan "
        "addresses the risk of "
        "{% if conference.type == 'pre-birth' %}SUDI{% else %}sudden unexpected death in "
        "infancy (SUDI){% endif %} with the parents" + cp4("9.9") + ".{% endif %}",
    )
    number(
        doc,
        "**The core group**: its members and the date of its "
        "{% if conference.type == 'review' %}next meeting{% else %}first meeting"
        "{% if deadlines.first_core_group %} (by {{ deadlines.first_core_group }}"
        f"{LOCAL_NOTE_IN.format('first_core_group')}){{% endif %}}{{% endif %}}.",
    )
    number(
        doc, "**Contingency plan**: what will happen if the plan is not followed or does not work."
    )
    # Scotland: the CPPM considers a referral to the Principal Reporter (National Guidance 3.133)
    tag(doc, "{%p if terms.reporter %}")
    number(doc, "**The {{ terms.reporter }}**: whether a referral to the Reporter is needed.")
    tag(doc, "{%p endif %}")
    number(
        doc,
        "**Date of the review {{ terms.short }}**{% if deadlines.next_review %} (by "
        f"{{{{ deadlines.next_review }}}}{LOCAL_NOTE_IN.format('next_review')}){{% endif %}}.",
    )
    number(
        doc, "**Dissent.** Any agency that disagrees with the decision has its dissent recorded."
    )
    number(
        doc,
        "**Close.** The chair summarises the decisions. The decision letter is sent"
        "{% if deadlines.decision_letter %} by {{ deadlines.decision_letter }}{% endif %}.",
    )
    return doc


def originating_authority_invitation():
    """Transfer-in: the authority the child moved from, invited and asked for its reports.

    London CP4 1.17-1.18: "The transfer in conference should receive reports from the
    original local authority and the original authority should be invited to attend".
    """
    doc = new_document("Invitation to a transfer-in child protection conference")
    letterhead(doc, mailbox=True)
    tag(doc, "{%p if recipient.name %}")
    para(doc, "{{ recipient.name }}", after=0)
    tag(doc, "{%p endif %}")
    para(doc, "{{ recipient.organisation }}", after=0)
    tag(doc, "{%p if recipient.email %}")
    para(doc, "By email: {{ recipient.email }}", after=0)
    tag(doc, "{%p endif %}")
    para(doc, "", after=6)
    para(doc, "{{ letter_date }}", after=0)
    para(doc, "Our reference: {{ reference }}", after=12)
    para(doc, "Dear {{ recipient.name or 'colleague' }},")
    para(doc, "{{ terms.this_meeting_title }}: {{ subject_names }}", style="Heading 1")
    para(
        doc,
        "{{ subject_names }}, who "
        "{% if subject_children|length > 1 %}are{% else %}is{% endif %} the subject of a "
        "{{ terms.plan }} made in your area, "
        "{% if subject_children|length > 1 %}have{% else %}has{% endif %} moved to live in "
        "our area. We are holding a {{ terms.this_meeting }}, and "
        "{{ recipient.organisation }} is invited to attend it.",
    )
    para(
        doc,
        # London CP4 1.17: "the same status and purpose as an initial conference"; the
        # nations' texts as held say only that the receiving authority holds one
        "{% if follows_london %}A transfer-in conference has the same status and purpose as "
        "an initial child protection conference, and it should receive reports from your "
        "authority. Please send them{% else %}Please send us your authority's reports"
        "{% endif %} " + above("agency_reports", "by the date below") + ".",
    )
    facts_table(
        doc,
        [
            *MEETING_FOR_PROFESSIONALS,
            (
                "Your reports",
                "{% if deadlines.agency_reports %}By **{{ deadlines.agency_reports }}**"
                "{% else %}Before the {{ terms.short }}{% endif %}",
            ),
            ("Send reports to", "{{ reports_to or 'the chair' }}"),
        ],
    )
    para(doc, "Confidentiality", style="Heading 2")
    para(
        doc,
        "Everyone at a {{ terms.meeting }} hears highly sensitive and "
        "confidential information. If you join online, do so from a private room where no "
        "one else can see or hear the meeting.",
    )
    para(doc, "If no one can attend", style="Heading 2")
    para(
        doc,
        "Please tell the chair as soon as you can, and send your reports "
        + above("agency_reports", "by the date above")
        + ".",
    )
    tag(doc, "{%p if invitations_from %}")
    para(
        doc,
        "This invitation and the request for your reports are sent from "
        "{{ invitations_from }}, the mailbox from which all invitations and requests for "
        "reports are sent.",
    )
    tag(doc, "{%p endif %}")
    para(
        doc,
        "If you have any questions, please contact "
        "{{ coordinator.name or 'the conference coordinator' }}"
        "{% if coordinator.phone %} on {{ coordinator.phone }}{% endif %}"
        "{% if coordinator.email %} or at {{ coordinator.email }}{% endif %}.",
    )
    sign_off(doc, enclosure=True)
    para(doc, "Enclosed: agenda.", size=9, color=GREY, before=12)
    return doc


def decision_letter():
    """To each professional and family member, once the outcome is known (London CP4 14.13)."""
    doc = new_document("Decision of a child protection conference")
    letterhead(doc)
    recipient_block(doc)
    para(doc, "Dear {{ recipient.name }},")
    para(doc, f"Decision of the {CONF_NAME}: {{{{ subject_names }}}}", style="Heading 1")
    # "was held" only when the letter is dated on or after the day
    para(
        doc,
        f"{{% if conference.held %}}The {CONF_NAME} about {ABOUT} was held on "
        "{{ conference.date }}. I chaired it. This letter tells you what the {{ terms.short }} "
        f"decided.{{% else %}}This letter sets out the decisions recorded for the {CONF_NAME} "
        f"about {ABOUT} on {{{{ conference.date }}}}.{{% endif %}}",
    )
    para(doc, "The decision", style="Heading 2")
    decisions_table(doc)
    para(doc, "", after=2)
    tag(doc, "{%p if outcome.any_protection_plan %}")
    para(
        doc,
        "A {{ terms.plan }} sets out what everyone, the family and the professionals, "
        "will do to keep {% if outcome.protection_plans > 1 %}the children{% else %}the child"
        "{% endif %} safe. It is reviewed regularly.",
    )
    tag(doc, "{%p endif %}")
    # Wales, Scotland, Northern Ireland keep a child protection register: a plan always goes
    # with registration (Wales Safeguarding Procedures c3pt2-p10, c3pt2-p11; National Guidance
    # for Child Protection in Scotland 3.133; SBNI "The Child Protection Register" 1-2)
    tag(doc, "{%p if terms.register and outcome.any_protection_plan %}")
    para(doc, "Registration", style="Heading 2")
    para(
        doc,
        "{% if outcome.protection_plans > 1 %}The names of {{ registered_names }} have{% else %}"
        "The name of {{ registered_names }} has{% endif %} been placed on the "
        "{{ terms.register_name }}, with the {{ terms.plan }}, so that the professionals who "
        "work with {% if outcome.protection_plans > 1 %}them{% else %}{{ registered_names }}"
        "{% endif %} know of the risk of harm and that the plan is in place.",
    )
    tag(doc, "{%p endif %}")
    # a family member excluded from the whole conference is told its outcome (London CP4
    # 5.9), not the plan's workings: no recommendations, core group, meetings or plans
    # (the distribution list sends them no plan either)
    tag(
        doc,
        '{%p if outcome.recommendations and not (recipient.is_family and recipient.excluded == "full") %}',
    )
    para(doc, "Recommendations", style="Heading 2")
    tag(doc, "{%p for r in outcome.recommendations %}")
    bullet(doc, "{{ r }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    para(doc, "Who to contact", style="Heading 2")
    para(
        doc,
        "The lead social worker is **{{ outcome.lead_social_worker.name or "
        "social_worker.name or 'to be confirmed' }}**"
        "{% if outcome.lead_social_worker.email %}, {{ outcome.lead_social_worker.email }}"
        "{% endif %}{% if outcome.lead_social_worker.phone %}, "
        "{{ outcome.lead_social_worker.phone }}{% endif %}.",
    )
    tag(
        doc,
        '{%p if outcome.core_group and not (recipient.is_family and recipient.excluded == "full") %}',
    )
    para(doc, "The core group", style="Heading 2")
    para(
        doc,
        "The core group of family members and professionals will work out the plan in "
        "detail and check that it is working. Its members are:",
        after=3,
    )
    tag(doc, "{%p for m in outcome.core_group %}")
    bullet(
        doc,
        "{{ m.name }}{% if m.role %}, {{ m.role }}{% endif %}"
        "{% if m.organisation %}, {{ m.organisation }}{% endif %}",
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if outcome.first_core_group %}")
    para(
        doc,
        "{% if outcome.first_core_group_booked %}The first core group meeting is on "
        "**{{ outcome.first_core_group }}**{% if outcome.first_core_group_time %} at "
        "{{ outcome.first_core_group_time }}{% endif %}.{% elif deadlines_local.first_core_group "
        "%}We aim to hold the first core group meeting by **{{ outcome.first_core_group }}**; "
        "the lead social worker will confirm the date.{% else %}The first core group meeting "
        "will be held by **{{ outcome.first_core_group }}**; the lead social worker will "
        "confirm the date.{% endif %}",
        before=3,
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    tag(
        doc,
        '{%p if outcome.contingency and not (recipient.is_family and recipient.excluded == "full") %}',
    )
    para(doc, "If the plan does not work", style="Heading 2")
    para(doc, "{{ outcome.contingency }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if outcome.next_review %}")
    para(doc, "The review {{ terms.short }}", style="Heading 2")
    para(
        doc,
        "{% if outcome.next_review_booked %}The review {{ terms.short }} will be held on "
        "**{{ outcome.next_review }}**.{% elif deadlines_local.next_review %}We aim to hold the "
        "review {{ terms.short }} by **{{ outcome.next_review }}**; we will write to you with "
        "the date.{% else %}The review {{ terms.short }} will be held by "
        "**{{ outcome.next_review }}**; we will write to you with the date.{% endif %}",
    )
    tag(doc, "{%p endif %}")
    para(doc, "What happens next", style="Heading 2")
    # CP4 14.13: the outline plan goes with the decision letter; a letter names only what
    # is sent with it, and there is an outline plan only where a child has a plan
    tag(
        doc,
        '{%p if outcome.any_protection_plan and not (recipient.is_family and recipient.excluded == "full") %}',
    )
    para(
        doc,
        "{% if outcome.protection_plans > 1 %}The outline {{ terms.plan }}s, one for each child "
        "with a plan, which I have signed, are sent with this letter.{% else %}The outline "
        "{{ terms.plan }}, which I have signed, is sent with this letter.{% endif %}",
    )
    tag(doc, "{%p endif %}")
    # CP4 14.4 the record to those invited; 14.5 to parents through the social worker;
    # 4.1 a parent excluded from part must receive it; 5.10 the chair decides for one
    # excluded from the whole
    # York guide, "Plans arising from conference": where an interpreter is required the
    # record "will also be translated for the family" (`paperwork.record_translated`)
    tag(doc, '{%p if recipient.is_family and recipient.excluded == "full" %}')
    # London CP4 5.10: the chair decides; the nations' texts as held say nothing of it
    tag(doc, "{%p if follows_london %}")
    para(
        doc,
        "I will decide whether you receive the record of the {{ terms.short }}."
        "{% if paperwork.record_translated and recipient.interpreter %} If you do, it will "
        "be translated for you.{% endif %}",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p elif recipient.is_family %}")
    para(
        doc,
        "{{ social_worker.name or 'Your social worker' }} will give you a copy of the record "
        "of the {{ terms.short }} and go through it with you"
        "{% if deadlines.conference_record %} by {{ deadlines.conference_record }}{% endif %}."
        '{% if recipient.excluded == "part" %} I will decide whether you receive all of it '
        "or only the part you attended.{% endif %}"
        # CP4 14.5: "The conference Chair may decide that confidential material should be
        # excluded from the parent's copy"
        "{% if follows_london %} I may decide to leave some confidential information out of "
        "your copy.{% endif %}"
        "{% if paperwork.record_translated and recipient.interpreter %} The record will be "
        "translated for you.{% endif %}",
    )
    tag(doc, "{%p else %}")
    para(
        doc,
        "The record of the {{ terms.short }} will be sent to everyone who was invited"
        "{% if deadlines.conference_record %} by {{ deadlines.conference_record }}{% endif %}.",
    )
    tag(doc, "{%p endif %}")
    # CP4 11.1 and 14.13: dissent is in the record, not in the letter (who disagreed, and
    # why, is for the record's readers); the letter says only that it is there
    tag(doc, "{%p if outcome.dissent %}")
    para(doc, "Any disagreement is recorded in the {{ terms.short }} record.")
    tag(doc, "{%p endif %}")
    # CP4 12: complaints are for children and parents; CP4 11.1-11.2: an agency's dissent
    tag(doc, "{%p if recipient.is_family %}")
    para(doc, "If you are unhappy", style="Heading 2")
    keep_together(
        para(
            doc,
            f"{{% if complaints %}}{{{{ complaints }}}}{{% else %}}{COMPLAINTS_DEFAULT}"
            "{% endif %}",
        )
    )
    tag(doc, "{%p else %}")
    para(doc, "If your agency disagrees", style="Heading 2")
    para(
        doc,
        "If your agency disagrees with a decision or recommendation of the {{ terms.short }}, "
        "please tell the chair{% if chair.name %}, {{ chair.name }}{% endif %}"
        "{% if chair.email %} ({{ chair.email }}){% endif %}, so that your dissent is recorded "
        "in the {{ terms.short }} record."
        # CP4 11.2: the partnership's protocol; the nations' procedures are not quoted here
        "{% if follows_london %} The safeguarding partnership's escalation process for "
        "professional disagreements then applies (London CP4 11.1-11.2).{% endif %}",
    )
    tag(doc, "{%p endif %}")
    sign_off(doc, "chair", enclosure=True)
    tag(
        doc,
        '{%p if outcome.any_protection_plan and not (recipient.is_family and recipient.excluded == "full") %}',
    )
    para(
        doc,
        "Enclosed: outline {{ terms.plan }}{% if outcome.protection_plans > 1 %}s "
        "({{ outcome.protection_plans }}){% endif %}.",
        size=9,
        color=GREY,
        before=12,
    )
    tag(doc, "{%p endif %}")
    return doc


# -- the cycle after the conference (issue 11) -----------------------------------------

CHILD_OR_CHILDREN = "{% if ended|length > 1 %}the children{% else %}the child{% endif %}"
PLAN_CATEGORY_WORDS = (
    CATEGORY_WORDS.replace("d.category", "plan_child.category")
    .replace("d.concerns", "plan_child.concerns")
    .replace(
        "d.plan",
        '"child-protection"',  # an outline plan is always for a child with a plan
    )
)
AFTER_WORDS = (  # what follows a plan that ends (London CP4 10.10)
    '{% if e.plan == "child-in-need" %}{{ terms.child_in_need_plan_title }}'
    '{% elif e.plan == "early-help" %}Early help'
    "{% else %}No further action{% endif %}"
)
FIRST_CORE_GROUP = (
    "{% if outcome.first_core_group_booked %}**{{ outcome.first_core_group }}**"
    "{% if outcome.first_core_group_time %} at {{ outcome.first_core_group_time }}{% endif %}"
    "{% elif outcome.first_core_group %}by **{{ outcome.first_core_group }}**"
    f"{LOCAL_NOTE.format('first_core_group')}; the lead "
    "social worker will confirm the date{% else %}to be arranged by the lead social worker"
    "{% endif %}"
)
CORE_GROUP_WHEN = (  # the same, as the end of a sentence: "The first core group meeting …"
    "{% if outcome.first_core_group_booked %}is on **{{ outcome.first_core_group }}**"
    "{% if outcome.first_core_group_time %} at {{ outcome.first_core_group_time }}{% endif %}"
    "{% elif outcome.first_core_group %}is to be held by **{{ outcome.first_core_group }}**"
    f"{LOCAL_NOTE.format('first_core_group')}; the lead "
    "social worker will confirm the date{% else %}is to be arranged by the lead social "
    "worker{% endif %}"
)
NEXT_REVIEW_WHEN = (
    "{% if outcome.next_review_booked %}on **{{ outcome.next_review }}**"
    "{% elif outcome.next_review %}by **{{ outcome.next_review }}**"
    f"{LOCAL_NOTE.format('next_review')}{{% endif %}}"
)
NEXT_REVIEW = (  # a sentence
    "{% if outcome.next_review %}The review {{ terms.short }} will be held "
    f"{NEXT_REVIEW_WHEN}.{{% else %}}The date of the review {{{{ terms.short }}}} is to be "
    "arranged."
    "{% endif %}"
)


def _members(doc):
    tag(doc, "{%p for m in outcome.core_group %}")
    bullet(
        doc,
        "{{ m.name }}{% if m.role %}, {{ m.role }}{% endif %}"
        "{% if m.organisation %}, {{ m.organisation }}{% endif %}",
    )
    tag(doc, "{%p endfor %}")


def _chair_signature(doc, last):
    """The chair signs the plan and the record (London CP4 14.4, 14.13). `last(cell)` writes
    the document's last paragraph into a kept_block with the signature boxes, so that the
    boxes never stand alone on the last page."""
    cell = kept_block(doc)
    last(cell)
    para(cell, "", after=4)
    write_in_table(
        cell,
        [
            ("Signed by the chair", "{{ chair.name or 'Conference chair' }}"),
            ("Date", ""),
        ],
        space=1,
    )


def outline_plan():
    """One per child given a child protection plan (London CP4 9.4-9.9, 14.13; York guide,
    "Plans arising from conference": a clear plan with a focus on the outcomes; Bolton
    leaflet: the full plan is drawn up at the first core group)."""
    doc = new_document("Outline plan")  # document properties are not rendered: no tags
    title_block(doc, "Outline {{ terms.plan }}", "{{ plan_child.name }}")
    facts_table(
        doc,
        [
            ("Child", "{{ plan_child.name }}"),
            (
                "Date of birth",
                "{% if plan_child.unborn %}Not yet born{% if conference.due_date %}: expected "
                "{{ conference.due_date }}{% endif %}{% else %}{{ plan_child.dob }}{% endif %}",
            ),
            # CP4 9.5: the chair determines the category
            ("{{ terms.category_label }}", PLAN_CATEGORY_WORDS),
            ("Decided at", f"{CONF_TITLE} on {{{{ conference.date }}}}"),
            ("Chair", "{{ chair.name or 'To be confirmed' }}"),
            (
                "Lead social worker",
                "{{ outcome.lead_social_worker.name or social_worker.name or "
                "'To be confirmed' }}{% if outcome.lead_social_worker.phone %}, "
                "{{ outcome.lead_social_worker.phone }}{% endif %}",
            ),
            ("Reference", "{{ reference }}"),
        ],
    )
    # CP4 9.7: everyone understands what is expected of them and what they can expect of others
    para(
        doc,
        "This outline plan says how the family and the professionals will work together to "
        "keep {{ plan_child.called }} safe from harm: what is expected of each of them, and what "
        "they can expect of the others. The core group agrees the details of the plan.",
    )
    # York guide: "a clear protection plan with a focus on the outcomes"
    para(doc, "What needs to change for {{ plan_child.called }}", style="Heading 1")
    write_in_table(
        doc,
        [
            (
                "Outcomes",
                "What must be different for the child, in words the family understands",
            ),
        ],
        space=3,
    )
    para(doc, "", after=2)
    # CP4 9.7: who does what; the dates are agreed by the core group (Bolton leaflet)
    para(doc, "Who does what, by when", style="Heading 1")
    list_table(
        doc,
        ("What will be done", "Who", "By when"),
        (
            ("{%tr for a in plan_child.actions %}", "", ""),
            ("{{ a.what }}", "{{ a.who }}", "{{ a.by }}"),
            ("{%tr endfor %}", "", ""),
            ("", "", ""),  # rows to complete
            ("", "", ""),
            ("", "", ""),
        ),
        (10.1, 3.5, 3.0),
    )
    para(doc, "", after=2)
    para(doc, "If the plan does not work: the contingency plan", style="Heading 1")
    tag(doc, "{%p if outcome.contingency %}")
    para(doc, "{{ outcome.contingency }}")
    tag(doc, "{%p else %}")
    hint(doc, "What will happen if the plan is not followed or does not keep the child safe")
    para(doc, "")
    tag(doc, "{%p endif %}")
    # CP4 9.9: an unborn child or a baby: the risk of sudden unexpected death in infancy
    # (London CP4 9.9 only: the nations' texts name SUDI where a child dies, not in the plan)
    tag(doc, "{%p if plan_child.baby and follows_london %}")
    para(doc, "Safer sleeping: sudden unexpected death in infancy", style="Heading 1")
    para(
        doc,
        "{% if plan_child.unborn %}The baby is not yet born{% else %}{{ plan_child.name }} is "
        "a baby{% endif %}. The plan considers the risk of sudden unexpected death in infancy "
        "(SUDI) and how the professionals will address it with the parents.",
    )
    write_in_table(
        doc,
        [("Risks and what will be done", "Who will talk to the parents about it, and when")],
        space=2,
    )
    para(doc, "", after=2)
    tag(doc, "{%p endif %}")
    para(doc, "The core group", style="Heading 1")
    para(
        doc,
        "The core group of family members and professionals agrees the details of the plan, "
        "carries it out and checks that it is working. Its members are:",
        after=3,
        keep_next=True,
    )
    _members(doc)
    para(
        doc,
        f"The first core group meeting {CORE_GROUP_WHEN}."
        "{% if paperwork.core_group_rhythm %} After that the core group meets "
        "{{ paperwork.core_group_rhythm }}.{% endif %}",
        before=3,
    )
    para(doc, NEXT_REVIEW)
    # CP4 14.13: with the decision letter to all invited, the parents and where
    # appropriate the child; Bolton: the full plan after the first core group
    para(doc, "Who receives this plan", style="Heading 1")
    _chair_signature(
        doc,
        lambda cell: para(
            cell,
            "This plan, signed by the chair, is sent with the decision letter to everyone who "
            "attended or was invited to the {{ terms.short }}, including the parents"
            "{% if plan_child.invite %} and {{ plan_child.called }}{% endif %}."
            "{% if paperwork.full_plan_after_first_core_group %} The full {{ terms.plan }} "
            "is drawn up at the first core group meeting and sent to the family and the "
            "core group.{% endif %}",
        ),
    )
    return doc


def conference_record():
    """One, for the chair and the coordinator to complete (London CP4 3.10-3.12, 4.1,
    4.3-4.18, 5.5, 5.10-5.11, 11.1, 14.4-14.10; Hackney guide: circulated within 15 working
    days; Bolton leaflet: 20; York guide: translated where an interpreter was needed)."""
    doc = new_document("Record of a child protection conference")
    title_block(
        doc, "{{ terms.short_title }} record", f"{CONF_TITLE} about {{{{ subject_names }}}}"
    )
    hint(
        doc,
        "For the chair and the coordinator to complete. The facts below come from the case "
        "file: check them. Write in the boxes; delete these notes in square brackets.",
    )
    facts_table(
        doc,
        [
            (
                "Date",
                "{{ conference.date }}{% if conference.time %}, {{ conference.time }}{% endif %}",
            ),
            ("How", MODE_RECORD),
            ("Chair", "{{ chair.name or 'To be confirmed' }}"),
            ("Minutes", "{{ coordinator.name or 'The conference coordinator' }}"),
            ("Children the {{ terms.short }} is about", "{{ subject_names }}"),
            ("Other children in the household", "{{ other_names or 'None' }}"),
            (
                "Previous {{ terms.short }}",
                "{{ conference.previous_date or 'None: this is the first ' ~ terms.short }}",
            ),
            ("Reference", "{{ reference }}"),
        ],
    )
    para(doc, "Who attended", style="Heading 1")
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("Name", "Role or relationship", "Attendance"), strict=True
    ):
        _cell_text(cell, text, bold=True, shade="E8EEF4")
    rows = [
        ("{%tr for f in family %}", "", ""),
        (
            "{{ f.name }}",
            "{{ f.relationship or 'Family member' }}{% if f.interpreter %} (interpreter: "
            '{{ f.interpreter }}){% endif %}{% if f.excluded == "part" %} (excluded from part '
            "of the meeting){% endif %}",
            "[attended / did not attend]",
        ),
        ("{%tr endfor %}", "", ""),
        ("{%tr for p in record.attended %}", "", ""),
        (
            "{{ p.name }}",
            "{{ p.role }}{% if p.role and p.organisation %}, {% endif %}"
            "{{ p.organisation }}{% if p.observer %} (observer){% endif %}",
            "Attended",
        ),
        ("{%tr endfor %}", "", ""),
        ("{%tr for p in record.apologies %}", "", ""),
        (
            "{{ p.name }}",
            "{{ p.role }}{% if p.role and p.organisation %}, {% endif %}"
            "{{ p.organisation }}{% if p.observer %} (observer){% endif %}",
            "{{ p.attendance_words }}{% if p.report %}; report received {{ p.report }}{% endif %}",
        ),
        ("{%tr endfor %}", "", ""),
    ]
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _cell_text(cell, text)
    set_widths(table, (4.6, 7.0, 5.0))
    repeat_header(table)
    para(doc, "", after=2)
    # CP4 3.4, 7.1: reports from those who could not attend; 7.10: the police report is the chair's
    para(doc, "Reports received", style="Heading 2")
    tag(doc, "{%p for r in record.reports %}")
    bullet(
        doc,
        "{{ r.name }}{% if r.organisation %}, {{ r.organisation }}{% endif %}: "
        "received {{ r.received }}",
    )
    tag(doc, "{%p endfor %}")
    hint(doc, "The social work report and any other reports received, with the date of each")
    # CP4 3.10-3.12: quorum, and the chair's reasons where held inquorate
    para(doc, "Quorum", style="Heading 2")
    para(
        doc,
        "{% if record.quorate %}The {{ terms.short }} was quorate.{% else %}The {{ terms.short }} was not "
        "quorate.{% endif %}{% if record.quorum_rule %} For a quorum, {{ record.quorum_rule }}."
        "{% endif %}",
    )
    tag(doc, "{%p for c in record.quorum_children %}")
    tag(doc, "{%p if not c.quorate %}")
    bullet(doc, "{{ c.name }}: {{ c.missing or 'not quorate' }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if record.inquorate_reason %}")
    para(
        doc,
        "The chair decided to go ahead: {{ record.inquorate_reason }}"
        "{% if record.inquorate_decided_by %} (decided by {{ record.inquorate_decided_by }}"
        "{% if record.inquorate_decided_on %} on {{ record.inquorate_decided_on }}{% endif %})"
        "{% endif %}.{% if record.early_review %} An early review conference is to be held by "
        f"**{{{{ record.early_review }}}}**{LOCAL_NOTE.format('early_review')}.{{% endif %}}",
    )
    tag(doc, "{%p endif %}")
    # CP4 5.5, 5.11: any exclusion, and for how long, fully recorded
    para(doc, "Exclusions", style="Heading 2")
    tag(doc, "{%p if record.excluded %}")
    tag(doc, "{%p for f in record.excluded %}")
    bullet(
        doc,
        "**{{ f.name }}**{% if f.relationship %} ({{ f.relationship }}){% endif %}: excluded "
        '{% if f.excluded == "full" %}from the whole ' + "{{ terms.short }}" + "{% else %}from "
        "{{ f.part or 'part of the ' ~ terms.short }}{% endif %}"
        "{% if f.decided_on %}, decided on {{ f.decided_on }}{% endif %}."
        '{% if f.reason %} The reason given in the exclusion letter: "{{ f.reason }}"'
        "{% endif %}",
    )
    tag(doc, "{%p endfor %}")
    hint(
        doc,
        "For how long each exclusion lasted and how their views were heard. An exclusion is "
        "for the shortest time needed, and is not in itself a reason to exclude at a later "
        "{{ terms.short }}",
    )
    # CP4 14.5: the chair may leave confidential material out of the parents' copy; an
    # exclusion's reason (an allegation, a police investigation) is often such material
    tag(doc, "{%p if follows_london %}")
    hint(
        doc,
        "Chair: decide whether an exclusion's reason is left out of the parents' copy of this "
        "record (London CP4 14.5)",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    para(doc, "No family member was excluded.")
    tag(doc, "{%p endif %}")
    # CP4 4.3-4.18: how each child's wishes and feelings reached the conference
    para(doc, "The child's views", style="Heading 1")
    tag(doc, "{%p for v in record.views %}")
    bullet(
        doc, "**{{ v.name }}**: {{ v.how or '[how their views reached the ' ~ terms.short ~ ']' }}"
    )
    tag(doc, "{%p endfor %}")
    write_in_table(doc, [("What the children said", "Their wishes and feelings")], space=3)
    para(doc, "", after=2)
    para(doc, "The family's views", style="Heading 1")
    write_in_table(doc, [("What the family said", "")], space=3)
    para(doc, "", after=2)
    para(doc, "Information from each agency", style="Heading 1")
    tag(doc, "{%p for p in record.agency_sections %}")
    para(
        doc,
        "{{ p.name }}{% if p.role %}, {{ p.role }}{% endif %}"
        "{% if p.organisation %}, {{ p.organisation }}{% endif %}",
        style="Heading 2",
    )
    write_in_table(doc, [("Summary", "")], space=3)
    para(doc, "", after=2)
    tag(doc, "{%p endfor %}")
    para(doc, "Analysis", style="Heading 1")
    write_in_table(
        doc,
        [
            ("What are we worried about?", ""),
            ("What is working well?", ""),
            ("What needs to change?", ""),
        ],
        space=3,
    )
    para(doc, "", after=2)
    # CP4 9.5-9.6: a decision for each child; the category where a plan is needed
    para(doc, "Decision", style="Heading 1")
    decisions_table(doc)
    para(doc, "", after=2)
    tag(doc, "{%p if ended %}")
    para(
        doc,
        "The {{ terms.plan }} ends for {{ ended_names }}: the agencies and the core group "
        "are told.",
    )
    tag(doc, "{%p endif %}")
    # CP4 11.1: professional dissent is recorded in the record
    para(doc, "Dissent", style="Heading 2")
    tag(doc, "{%p if outcome.dissent %}")
    tag(doc, "{%p for x in outcome.dissent %}")
    bullet(doc, "{{ x.by.name }}{% if x.by.role %} ({{ x.by.role }}){% endif %}: {{ x.view }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    para(doc, "No dissent was recorded.")
    tag(doc, "{%p endif %}")
    # CP4 11.1: the escalation process "should be implemented as soon as practicable after
    # the conference has concluded"; the nations' procedures are not quoted here
    tag(doc, "{%p if follows_london %}")
    hint(
        doc,
        "{% if outcome.dissent %}The{% else %}Where an agency dissents, the{% endif %} "
        "escalation process for professional disagreements should be started as soon as "
        "practicable after the {{ terms.short }} (London CP4 11.1)",
    )
    tag(doc, "{%p endif %}")
    para(doc, "The plan", style="Heading 1")
    tag(doc, "{%p if outcome.recommendations %}")
    para(doc, "Recommendations:", after=3, keep_next=True)
    tag(doc, "{%p for r in outcome.recommendations %}")
    bullet(doc, "{{ r }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if outcome.contingency %}")
    para(doc, "Contingency plan: {{ outcome.contingency }}")
    tag(doc, "{%p endif %}")
    # CP4 9.9: for an unborn child or a baby the plan considers the risk of sudden
    # unexpected death in infancy (the outline plan's "Safer sleeping" section)
    tag(
        doc,
        "{%p if follows_london and outcome.decisions|selectattr('baby')|selectattr('plan', "
        "'equalto', 'child-protection')|list %}",
    )
    write_in_table(
        doc,
        [
            (
                "Safer sleeping (SUDI)",
                "For {% for d in outcome.decisions if d.baby and d.plan == 'child-protection' "
                "%}{{ d.child.name }}"
                "{% if not loop.last %} and {% endif %}{% endfor %}: the risk of sudden "
                "unexpected death in infancy and how the professionals will address it with "
                "the parents" + cp4("9.9"),
            )
        ],
        space=2,
    )
    para(doc, "", after=2)
    tag(doc, "{%p endif %}")
    para(
        doc,
        "Lead social worker: **{{ outcome.lead_social_worker.name or social_worker.name or "
        "'to be confirmed' }}**.",
    )
    tag(doc, "{%p if outcome.core_group %}")
    para(doc, "Core group:", after=3, keep_next=True)
    _members(doc)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if outcome.any_protection_plan %}")
    para(doc, f"First core group meeting: {FIRST_CORE_GROUP}.", before=3)
    para(doc, NEXT_REVIEW)
    tag(doc, "{%p endif %}")
    # CP4 14.4-14.10 (Hackney: 15 working days; Bolton: 20; York: translated)
    para(doc, "Who receives this record", style="Heading 1")
    bullet(
        doc,
        "The record, signed by the chair, is sent to everyone who attended or was invited"
        "{% if deadlines.conference_record %} by **{{ deadlines.conference_record }}**"
        "{% endif %}. Amendments should reach the chair within one week of receiving it.",
    )
    bullet(
        doc,
        "The social worker gives the parents their copy and discusses it with them. The chair "
        "may leave confidential material out of the parents' copy.",
    )
    tag(doc, "{%p if part_excluded %}")
    bullet(
        doc,
        "{% for f in part_excluded %}{{ f.name }}{% if not loop.last %}, {% endif %}"
        "{% endfor %}, excluded from part of the {{ terms.short }}, must receive the record; the "
        "chair decides whether the whole record or only the part attended.",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if fully_excluded %}")
    bullet(
        doc,
        "The chair decides whether {% for f in fully_excluded %}{{ f.name }}"
        "{% if not loop.last %}, {% endif %}{% endfor %}, excluded from the whole {{ terms.short }}, "
        "receives the record: [decision].",
    )
    tag(doc, "{%p endif %}")
    bullet(
        doc,
        "Where a friend, supporter or solicitor was involved, the chair checks with the parent "
        "whether they should have a copy.",
    )
    bullet(
        doc,
        "The social worker explains the relevant sections to each child and discusses them. "
        "The chair decides whether a child is given a copy: [decision].",
    )
    tag(doc, "{%p for f in record.interpreters %}")
    bullet(
        doc,
        "{{ f.name }} needs an interpreter ({{ f.interpreter }}): "
        "{% if paperwork.record_translated %}the record is translated for them"
        "{% else %}the social worker makes sure they have help to understand and use the "
        "record{% endif %}.",
    )
    tag(doc, "{%p endfor %}")
    # CP4 14.9: a sensory disability or English not the first language: help to understand
    # and make full use of the record; "A family member should not be expected to act as an
    # interpreter of spoken or signed language" (York's translation, above, is on top)
    tag(doc, "{%p if follows_london %}")
    bullet(
        doc,
        "Where a parent or child has a sensory disability or English is not their first "
        "language, the social worker makes sure they have the help they need to understand "
        "and make full use of the record. A family member should not be asked to interpret, "
        "in spoken or signed language (London CP4 14.9).",
    )
    tag(doc, "{%p endif %}")
    _chair_signature(
        doc,
        lambda cell: bullet(
            cell,
            "The record is confidential: it is not shared with anyone else without the "
            "chair's consent or an order of the court.",
        ),
    )
    return doc


def core_group_invitation():
    """To each core group member when a child has a plan (London CP4 9.8, 14.3; Warwickshire
    guidelines: the core group meets within ten days to agree the details of the plan, then
    monthly, coordinated by the social worker; Hackney guide; Bolton leaflet: the first core
    group identifies timescales, actions and recommendations)."""
    doc = new_document("Invitation to the core group")
    letterhead(doc)
    recipient_block(doc)
    para(doc, "Dear {{ recipient.name }},")
    para(doc, "Core group: {{ outcome.plan_names }}", style="Heading 1")
    para(
        doc,
        f"The {CONF_NAME} on {{{{ conference.date }}}} decided that "
        "{{ outcome.plan_names }} {% if conference.type == 'review' %}still {% endif %}"
        "{% if outcome.protection_plans > 1 %}need{% else %}needs{% endif %} a "
        "{{ terms.plan }}. You are a member of the core group: the family "
        "members and professionals who work most closely with "
        "{% if outcome.protection_plans > 1 %}the children{% else %}the child{% endif %}.",
    )
    para(doc, "What the core group does", style="Heading 2")
    para(
        doc,
        "The core group agrees the details of the {{ terms.plan }} and the work that "
        "must be done to keep {% if outcome.protection_plans > 1 %}the children{% else %}the "
        "child{% endif %} safe. It carries out the plan and checks how it is working between "
        "{{ terms.short_plural }}. The lead social worker, **{{ outcome.lead_social_worker.name or "
        "social_worker.name or 'to be confirmed' }}**, coordinates its work.",
    )
    para(doc, "When and where it meets", style="Heading 2")
    # the case file holds no venue for the core group: the lead social worker, who
    # coordinates it (Warwickshire guidelines), says where
    para(
        doc,
        '{% if conference.type == "review" %}The next core group meeting{% else %}The first '
        f"core group meeting{{% endif %}} {CORE_GROUP_WHEN}. The lead social worker will "
        "tell you where it is held.",
    )
    tag(doc, "{%p if paperwork.core_group_rhythm %}")
    para(doc, "After that, the core group meets {{ paperwork.core_group_rhythm }}.")
    tag(doc, "{%p endif %}")
    para(doc, NEXT_REVIEW)
    # Hackney guide: the social worker plans with the family whether an interpreter is
    # needed (recipient.interpreter: one is); the family invitation says the same
    tag(doc, "{%p if recipient.is_family and recipient.interpreter %}")
    para(doc, "An interpreter", style="Heading 2")
    para(
        doc,
        "The lead social worker will arrange **{{ recipient.an_interpreter }}** to be with you "
        "at the meeting.",
    )
    tag(doc, "{%p endif %}")
    para(doc, "The members", style="Heading 2")
    _members(doc)
    para(doc, "What to bring", style="Heading 2")
    # not to a family member excluded from the whole conference: no plan is sent to them
    tag(doc, '{%p if not (recipient.is_family and recipient.excluded == "full") %}')
    bullet(doc, "The outline {{ terms.plan }}, sent with the decision letter.")
    tag(doc, "{%p endif %}")
    tag(doc, '{%p if recipient.is_family and recipient.excluded != "full" %}')
    bullet(doc, "What you think of the plan, and any help you need to do what it asks.")
    tag(doc, "{%p elif recipient.is_family %}")
    tag(doc, "{%p else %}")
    bullet(
        doc,
        "What your agency will do under the plan, and by when: the meeting sets the actions "
        "and timescales, so that everyone is clear about their role.",
    )
    tag(doc, "{%p endif %}")
    bullet(
        doc,
        "If you cannot come, send your views in writing to the lead social worker before the "
        "meeting: they are recorded with the decisions.",
    )
    sign_off(doc)
    return doc


def child_invitation():
    """To each child invited to take part, in words for a young person (London CP4 4.3-4.18;
    Hackney guide; Bolton leaflet: the advocacy service and the booklet)."""
    doc = new_document("Your invitation to a meeting about you")
    letterhead(doc)
    para(doc, "{{ recipient.name }}", after=6)
    para(doc, "{{ letter_date }}", after=12)
    para(doc, "Dear {{ recipient.first_name }},")
    para(
        doc,
        "A meeting about {% if recipient.subject %}you{% else %}your family{% endif %}",
        style="Heading 1",
    )
    para(
        doc,
        "On **{{ conference.date }}**{% if conference.time %} at **{{ conference.time }}**"
        "{% endif %} there will be a meeting called a {{ terms.meeting }}. Your family "
        "and the people who work with you meet to talk about how things are at home and what "
        "will help you to be safe and well.",
    )
    # CP4 4.3: the child has the chance to contribute meaningfully
    para(doc, "What you think matters, and we would like to hear it.")
    para(doc, "How you can take part", style="Heading 2")
    para(doc, "There are different ways to take part:", after=3, keep_next=True)
    # CP4 4.4, 4.12: whether the child attends, and for which part, is agreed in advance by
    # the social worker and the chair; 4.13: the child is prepared
    bullet(
        doc,
        "You can come to all or part of the meeting, as agreed with your social worker and "
        "the chair. Your social worker will help you get ready.",
    )
    # CP4 4.15: "consideration should be given to enabling" a supporter or an advocate
    bullet(
        doc,
        "You can ask to bring someone to support you, or an advocate: someone who helps you "
        "say what you think.",
    )
    tag(doc, "{%p if paperwork.child_advocacy %}")
    bullet(doc, "You can ask for help from {{ paperwork.child_advocacy }}.")  # Bolton leaflet
    tag(doc, "{%p endif %}")
    # CP4 4.16: a pre-meeting with the chair for a child not attending, "whenever possible"
    bullet(
        doc,
        "You can ask to talk to the chair, the person who runs the meeting, before the "
        "meeting. If you are not coming, the chair will try to meet you beforehand.",
    )
    bullet(
        doc, "You can write, email, text or record what you want to say, on your own or with help."
    )  # CP4 4.17
    tag(doc, "{%p if paperwork.child_booklet %}")
    bullet(doc, "You can fill in the {{ paperwork.child_booklet }}.")  # Bolton leaflet
    tag(doc, "{%p endif %}")
    bullet(doc, "You can ask your social worker to tell the meeting what you think.")  # CP4 4.18
    # CP4 4.8: a wish not to attend is respected
    para(
        doc,
        "You do not have to come if you do not want to. That is your choice, and we will "
        "still listen to what you tell us in other ways.",
        before=3,
    )
    para(doc, "The meeting", style="Heading 2")
    facts_table(
        doc,
        [
            (
                "When",
                "{{ conference.date }}{% if conference.time %}, {{ conference.time }}{% endif %}",
            ),
            ("How", MODE_FAMILY),
            ("Where", "{{ conference.venue or 'Your social worker will tell you' }}"),
        ],
    )
    para(doc, "Questions", style="Heading 2")
    para(
        doc,
        "Your social worker{% if social_worker.name %}, {{ social_worker.name }},{% endif %} "
        "will talk with you about this letter and answer your questions"
        "{% if social_worker.phone %}. You can phone them on {{ social_worker.phone }}"
        "{% endif %}.",
    )
    sign_off(doc, "chair")
    return doc


def child_decision_letter():
    """To each invited child once the outcome is known, in words for a young person
    (London CP4 14.7, 14.13: what was decided and who the social worker is; 12.1-12.2:
    children may complain, to the chair; 10.10 where a plan ends)."""
    doc = new_document("What the meeting decided")
    letterhead(doc)
    para(doc, "{{ recipient.name }}", after=6)
    para(doc, "{{ letter_date }}", after=12)
    para(doc, "Dear {{ recipient.first_name }},")
    para(doc, "What the meeting decided", style="Heading 1")
    para(
        doc,
        "The meeting about {% if recipient.subject %}you{% else %}your family{% endif %} was "
        "on {{ conference.date }}. This letter tells you what it decided.",
    )
    para(
        doc,
        '{% if decision.plan == "child-protection" %}The meeting decided that you need a '
        "**{{ terms.plan }}**. It says what your family and the people who work with you "
        "will do to help keep you safe.{% if decision.category %} The worry it is about is "
        'called **{% if decision.category == "physical" %}physical abuse{% elif '
        'decision.category == "emotional" %}emotional abuse{% elif decision.category == '
        '"sexual" %}sexual abuse{% else %}neglect{% endif %}**: your social worker can explain '
        "what this means.{% endif %}"
        '{% elif decision.plan == "child-in-need" %}The meeting decided that you do not need a '
        "{{ terms.plan }}{% if conference.type == 'review' %} any more{% endif %}. You "
        "will have a **{{ terms.child_in_need_plan }}** instead: your social worker will keep working with "
        "you and your family to give you the help you need."
        '{% elif decision.plan == "early-help" %}The meeting decided that you do not need a '
        "{{ terms.plan }}{% if conference.type == 'review' %} any more{% endif %}. Your "
        "family will be offered **early help**: support to make things better at home."
        '{% elif decision.plan == "no-further-action" %}The meeting decided that you do not '
        "need a {{ terms.plan }}{% if conference.type == 'review' %} any more{% endif %}, "
        "or any other plan."
        "{% else %}The meeting did not make a plan for you.{% endif %}",
    )
    para(doc, "Your social worker", style="Heading 2")
    para(
        doc,
        "Your social worker is **{{ outcome.lead_social_worker.name or social_worker.name or "
        "'to be confirmed' }}**. They will explain what the meeting decided and talk with you "
        "about the parts of the meeting's record that are about you"
        "{% if outcome.lead_social_worker.phone %}. You can phone them on "
        "{{ outcome.lead_social_worker.phone }}{% endif %}.",
    )
    tag(doc, '{%p if decision.plan == "child-protection" %}')
    para(doc, "What happens next", style="Heading 2")
    # CP4 14.13: the outline plan goes with the decision letter to the child "where
    # appropriate" (an invited child: the outline plan's distribution); 14.7: the social
    # worker explains and discusses it with the child
    para(
        doc,
        "Your plan comes with this letter. Your social worker will help you read it and talk "
        "with you about what it means for you.",
    )
    para(
        doc,
        "A small group called the core group, your family and the people who work most with "
        "you, will meet to work out the plan in detail. There will be another meeting, a "
        "review{% if outcome.next_review %}, "
        f"{NEXT_REVIEW_WHEN}{{% endif %}}, to see how things are going. We will ask what you "
        "think before that meeting too.",
    )
    tag(doc, "{%p endif %}")
    para(doc, "If you are unhappy", style="Heading 2")
    para(
        doc,
        "If you are unhappy about how the meeting was run or what it decided, tell your social "
        "worker or me{% if chair.email %} ({{ chair.email }}){% endif %}.",
    )
    sign_off(doc, "chair", enclosure=True)
    tag(doc, '{%p if decision.plan == "child-protection" %}')
    para(doc, "Enclosed: your plan.", size=9, color=GREY, before=12)
    tag(doc, "{%p endif %}")
    return doc


def plan_ended_notification():
    """At a review that ends a child's plan: each professional and each family member of the
    core group (London CP4 10.9); what follows it (10.10)."""
    doc = new_document("Child protection plan ended")
    letterhead(doc)
    recipient_block(doc)
    para(doc, "Dear {{ recipient.name }},")
    para(doc, "{{ terms.plan_title }} ended: {{ ended_names }}", style="Heading 1")
    para(
        doc,
        f"The {CONF_NAME} on {{{{ conference.date }}}} decided that {{{{ ended_names }}}} "
        "{% if ended|length > 1 %}no longer need{% else %}no longer needs{% endif %} a "
        "{{ terms.plan }}. {% if ended|length > 1 %}Their plans{% else %}The plan{% endif %} "
        "ended on {{ conference.date }}.",
    )
    # CP4 10.9: to the agencies invited to the initial conference and the current core group
    para(
        doc,
        "{% if recipient.is_family %}You are told because you are a member of the core group."
        "{% else %}You are told as an agency invited to the {{ terms.short }} that led to the plan, "
        "or a member of the current core group" + cp4("10.9") + ".{% endif %}",
    )
    list_table(
        doc,
        ("Child", "What follows the plan"),
        (
            ("{%tr for e in ended %}", ""),
            ("{{ e.child.name }}", AFTER_WORDS),
            ("{%tr endfor %}", ""),
        ),
        (6.0, 10.6),
    )
    para(doc, "", after=2)
    # CP4 10.10: whenever a plan is discontinued, whatever follows it, the social worker
    # discusses the services needed with the parents and the children
    para(
        doc,
        "{% if recipient.is_family %}The social worker will talk with you and "
        f"{CHILD_OR_CHILDREN} about what help might be needed, based on a new assessment of "
        "your family's needs.{% else %}The social worker discusses with the parents and "
        f"{CHILD_OR_CHILDREN} what services might be needed, based on a re-assessment of the "
        "needs of the family" + cp4("10.10") + ".{% endif %}",
    )
    # CP4 10.10: a child in need plan for any continuing support, reviewed at least every 12 weeks
    tag(
        doc,
        '{%p if follows_london and ended|selectattr("plan", "equalto", "child-in-need")|list %}',
    )
    para(
        doc,
        "A child in need plan is drawn up for any continuing support, and reviewed at least "
        "every 12 weeks.",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if outcome.any_protection_plan %}")
    para(doc, "The {{ terms.plan }} for {{ outcome.plan_names }} continues.")
    tag(doc, "{%p endif %}")
    para(
        doc,
        "If you have any questions, please contact the social worker, "
        "{{ outcome.lead_social_worker.name or social_worker.name or 'to be confirmed' }}"
        "{% if outcome.lead_social_worker.email %}, {{ outcome.lead_social_worker.email }}"
        "{% endif %}.",
    )
    sign_off(doc, "chair")
    return doc


def timetable():
    """The plan's deadlines and warnings for the chair and the case file (`cpconf plan --docx`).

    Every rule and its paragraph come from the procedure profile, as `cpconf plan` shows
    them; nothing here states a timescale of its own.
    """
    doc = new_document("Timetable of a child protection conference")
    title_block(doc, "Timetable", f"{CONF_TITLE} about {{{{ subject_names }}}}")
    facts_table(
        doc,
        [
            ("Date", "{{ conference.date or 'Not booked yet' }}"),
            (
                "Time",
                "{% if not conference.time %}To be confirmed{% elif conference.pre_meeting %}"
                "{{ conference.time }} chair's meeting with the family; professionals join at "
                "{{ conference.professionals_time }}{% else %}{{ conference.time }}{% endif %}",
            ),
            ("Chair", "{{ chair.name or 'To be confirmed' }}"),
            ("Coordinator", "{{ coordinator.name or 'To be confirmed' }}"),
            ("Procedure", "{{ procedure }}"),
            ("Reference", "{{ reference }}"),
            ("Prepared on", "{{ letter_date }}"),
        ],
        widths=(3.6, 13.0),
    )
    para(doc, "Deadlines", style="Heading 1")
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("Deadline", "Due by", "Rule", "Where it stands"), strict=True
    ):
        _cell_text(cell, text, bold=True, shade="E8EEF4", size=10)
    rows = [
        ("{%tr for d in timetable %}", "", "", ""),
        (
            "**{{ d.label }}**\nby: {{ d.owner }}",
            "{{ d.due }}",
            "{{ d.rule }} ({{ d.source }}){% if d.provisional %}; counted from the "
            "conference deadline: no date is booked yet{% endif %}",
            "{{ d.status }}",
        ),
        ("{%tr endfor %}", "", "", ""),
    ]
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            lines = text.split("\n")
            _cell_text(cell, lines[0], size=10)
            for extra in lines[1:]:
                para(cell, extra, size=9, color=GREY, after=0)
    set_widths(table, (4.6, 3.4, 5.6, 3.0))
    repeat_header(table)
    para(doc, "", after=2)
    # every core group meeting due until the next review, as `cpconf plan` lists them
    tag(doc, "{%p if core_groups %}")
    para(doc, "Core group meetings until the next review", style="Heading 1")
    groups = doc.add_table(rows=1, cols=2)
    groups.style = "Table Grid"
    for cell, text in zip(groups.rows[0].cells, ("Due by", "Rule"), strict=True):
        _cell_text(cell, text, bold=True, shade="E8EEF4", size=10)
    for row in (
        ("{%tr for c in core_groups %}", ""),
        (
            "{{ c.due }}{% if c.booked %}\nbooked: {{ c.booked }}{% endif %}",
            "{{ c.rule }} ({{ c.source }})",
        ),
        ("{%tr endfor %}", ""),
    ):
        cells = groups.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _cell_text(cell, text, size=10)
    set_widths(groups, (4.6, 12.0))
    repeat_header(groups)
    para(doc, "", after=2)
    tag(doc, "{%p endif %}")
    para(doc, "Warnings", style="Heading 1")
    tag(doc, "{%p if warnings %}")
    tag(doc, "{%p for w in warnings %}")
    bullet(doc, "{{ w }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    para(doc, "None on the date this timetable was prepared.")
    tag(doc, "{%p endif %}")
    para(
        doc,
        "Working days exclude weekends, bank holidays and the council's closure days. A "
        "deadline that falls on a day that is not a working day moves to the working day "
        "before.",
        size=9,
        color=GREY,
        before=8,
    )
    return doc


BUILDERS = {
    "invitation": invitation,
    "family_invitation": family_invitation,
    "exclusion_letter": exclusion_letter,
    "report_template": report_template,
    "social_work_report_template": social_work_report_template,
    "agenda": agenda,
    "originating_authority_invitation": originating_authority_invitation,
    "decision_letter": decision_letter,
    "outline_plan": outline_plan,
    "conference_record": conference_record,
    "core_group_invitation": core_group_invitation,
    "child_invitation": child_invitation,
    "child_decision_letter": child_decision_letter,
    "plan_ended_notification": plan_ended_notification,
    "timetable": timetable,
}

# -- a small, tidy package ------------------------------------------------------------

KEEP_STYLES = {
    "Normal",
    "Title",
    "Heading 1",
    "Heading 2",
    "Heading 1 Char",
    "Heading 2 Char",
    "Title Char",
    "List Bullet",
    "List Number",
    "Table Grid",
    "Normal Table",
    "Default Paragraph Font",
    "No List",
    "Header",
    "Footer",
    "Header Char",
    "Footer Char",
    "List Paragraph",
}
DROP_PARTS = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "customXml/")


def _prune_styles(doc: DocumentObject) -> None:
    """python-docx's default template carries hundreds of styles: keep the ones used."""
    keep = {name.lower() for name in KEEP_STYLES}
    styles = doc.styles.element
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    for style in list(styles.findall(qn("w:style"))):
        name = style.find(qn("w:name"))
        if style.get(qn("w:default")) == "1":
            continue
        if name is None or name.get(qn("w:val")).lower() not in keep:
            styles.remove(style)


def _preserve_spaces(doc: DocumentObject) -> None:
    """Every text run keeps its spaces: a value or a branch may end a run with one."""
    parts = [doc.element.body]
    for section in doc.sections:
        parts += [section.header._element, section.footer._element]
    for part in parts:
        for t in part.iter(qn("w:t")):
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _strip_package(data: bytes) -> bytes:
    """Drop parts nothing needs (effects styles, thumbnail, custom XML) and their references."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename.startswith(DROP_PARTS):
                continue
            raw = src.read(info)
            if info.filename.endswith(".rels") or info.filename == "[Content_Types].xml":
                text = raw.decode("utf-8")
                text = re.sub(
                    r"<Relationship [^>]*Target=\"[^\"]*(stylesWithEffects|"
                    r"thumbnail|customXml)[^\"]*\"[^>]*/>",
                    "",
                    text,
                )
                text = re.sub(
                    r"<Override [^>]*PartName=\"/(word/stylesWithEffects|docProps/"
                    r"thumbnail|customXml)[^\"]*\"[^>]*/>",
                    "",
                    text,
                )
                raw = text.encode("utf-8")
            info.date_time = (2026, 1, 1, 0, 0, 0)  # reproducible bytes
            out.writestr(info, raw)
    return buf.getvalue()


def build(folder: Path = HERE) -> list[Path]:
    written = []
    for kind, builder in BUILDERS.items():
        doc = builder()
        _prune_styles(doc)
        _preserve_spaces(doc)
        buf = io.BytesIO()
        doc.core_properties.revision = 1
        stamp = dt.datetime(2026, 1, 1)
        doc.core_properties.created = stamp
        doc.core_properties.modified = stamp
        doc.core_properties.last_printed = stamp
        doc.save(buf)
        path = folder / f"{kind}.docx"
        path.write_bytes(_strip_package(buf.getvalue()))
        written.append(path)
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for path in build(out):
        print(path)
