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

CONF_NAME = "{{ conference.type }} child protection conference"
CONF_TITLE = "{{ conference.type|capitalize }} child protection conference"
MODE = (
    '{% if conference.mode == "virtual" %}Online (video or phone)'
    '{% elif conference.mode == "blended" %}In person or online: you may choose'
    '{% elif conference.mode == "face-to-face" %}In person'
    "{% else %}To be confirmed{% endif %}"
)
PLAN_WORDS = (
    '{% if d.plan == "child-protection" %}Child protection plan'
    '{% elif d.plan == "child-in-need" %}Child in need plan'
    '{% elif d.plan == "early-help" %}Early help'
    "{% else %}No further action{% endif %}"
)
CATEGORY_WORDS = (
    '{% if d.category == "physical" %}Physical abuse'
    '{% elif d.category == "emotional" %}Emotional abuse'
    '{% elif d.category == "sexual" %}Sexual abuse'
    '{% elif d.category == "neglect" %}Neglect'
    "{% else %}Not applicable{% endif %}"
)
COMPLAINTS_DEFAULT = (
    "If you are unhappy about how the conference was run, or about what it decided, please "
    "tell the chair{% if chair.name %}, {{ chair.name }}{% endif %}"
    "{% if chair.email %} ({{ chair.email }}){% endif %}. Your complaint will be passed to the "
    "chair's manager and to the council's complaints manager. While a complaint is looked "
    "at, the decision of the conference stands."
)

# -- building blocks ------------------------------------------------------------------


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
    run = footer.add_run("{{ la }} · Child protection conference · Ref {{ reference }} · Page ")
    _font(run, size=8, color=GREY)
    _field(footer, "PAGE")
    return doc


def letterhead(doc):
    """The council's block, top right: name, service, coordinator's contact details."""
    para(doc, "{{ la }}", align=WD_ALIGN_PARAGRAPH.RIGHT, size=16, bold=True, color=BLUE, after=0)
    para(
        doc,
        "Child Protection Conference Service",
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        size=10,
        color=GREY,
        after=0,
    )
    para(
        doc,
        "{% if coordinator.phone %}Telephone {{ coordinator.phone }}{% endif %}",
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        size=10,
        color=GREY,
        after=0,
    )
    para(
        doc,
        "{% if coordinator.email %}{{ coordinator.email }}{% endif %}",
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


def sign_off(doc, who="coordinator"):
    para(doc, "Yours sincerely,", before=6, after=30, keep_next=True)
    if who == "chair":
        para(doc, "{{ chair.name or 'Conference Chair' }}", bold=True, after=0, keep_next=True)
        para(doc, "Chair, Child Protection Conference", after=0, keep_next=True)
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
            "Child Protection Conference Coordinator, on behalf of "
            "{{ chair.name or 'the conference chair' }}, Chair",
            after=0,
            keep_next=True,
        )
    para(doc, "{{ la }}", after=0)


def title_block(doc, title, subtitle=None):
    para(doc, "{{ la }}", align=WD_ALIGN_PARAGRAPH.RIGHT, size=12, bold=True, color=BLUE, after=0)
    para(
        doc,
        "Child Protection Conference Service",
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
    letterhead(doc)
    recipient_block(doc)
    para(doc, "Dear {{ recipient.name }},")
    para(doc, f"{CONF_TITLE}: {{{{ subject_names }}}}", style="Heading 1")
    para(
        doc,
        f"You are invited to the {CONF_NAME} for **{{{{ subject_names }}}}**. "
        "{% if recipient.children %}You have been invited because your agency has had direct "
        "contact with {{ recipient.children_names }}.{% else %}You have been invited because "
        "your agency has information that will help the conference.{% endif %}",
    )
    para(
        doc,
        "The conference brings together the family and the professionals who work with "
        "them to share what is known about the children, decide whether they are likely to "
        "suffer significant harm, and agree what needs to happen to keep them safe."
        "{% if other_children %} It will also consider {{ other_names }}, who "
        "{% if other_children|length == 1 %}lives{% else %}live{% endif %} in the same "
        "household.{% endif %}",
    )
    facts_table(
        doc,
        [
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
                "{{ chair.name or 'To be confirmed' }}"
                "{% if chair.email %}, {{ chair.email }}{% endif %}",
            ),
            (
                "Your report",
                "{% if recipient.is_social_worker %}Shared with the family by "
                "**{{ deadlines.social_worker_report_to_parents }}**; to the chair by "
                "**{{ deadlines.social_worker_report_to_chair }}**"
                "{% elif recipient.is_police %}By **{{ deadlines.agency_reports }}**"
                "{% else %}Shared with the family and sent by "
                "**{{ deadlines.agency_reports }}**{% endif %}",
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
        "({{ chair.email }}){% endif %} by {{ deadlines.agency_reports }}. "
        "Because a police report may hold confidential information about other people, it "
        "is shared with the chair only, who will summarise what is relevant in the meeting "
        "or ask you to do so (London CP4 7.10). Please do not send it to the family or to "
        "other agencies.",
    )
    tag(doc, "{%p elif recipient.is_social_worker %}")
    para(
        doc,
        "Please write your report on the enclosed template. It must be shared and "
        "discussed with the parents, and with older children where that is in their "
        "interests, by {{ deadlines.social_worker_report_to_parents }}, so that factual "
        "errors can be corrected and the family can comment. Please send it to "
        "{{ reports_to or 'the chair' }} by {{ deadlines.social_worker_report_to_chair }}.",
    )
    tag(doc, "{%p else %}")
    para(
        doc,
        "Please write your report on the enclosed template. Before you send it, share "
        "and discuss it with the parents, so that they can correct any factual errors and "
        "comment. Then send it to {{ reports_to or 'the chair' }} by "
        "**{{ deadlines.agency_reports }}**.",
    )
    tag(doc, "{%p endif %}")
    para(
        doc,
        "Please keep facts, allegations and opinions clearly apart, give your view on "
        "whether each child should be the subject of a child protection plan and, if so, "
        "under which category, and write in plain words: no jargon or acronyms.",
    )
    para(doc, "On the day", style="Heading 2")
    tag(doc, "{%p if conference.pre_meeting %}")
    para(
        doc,
        "The chair meets the family at {{ conference.time }} to explain how the "
        "conference will run. **Please do not join before {{ conference.professionals_time "
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
        "Everyone at a child protection conference hears highly sensitive and "
        "confidential information. Store and dispose of paper copies of reports "
        "confidentially, and share what you learn only with those who need to know. "
        "No one outside the conference may see or hear any part of it: if you join online, "
        "do so from a private room, use headphones where others are working nearby, and "
        "never join from a public place. The chair may remove from the meeting anyone "
        "whose surroundings can be seen or heard.",
    )
    para(doc, "If you cannot attend", style="Heading 2")
    para(doc, "Please give this conference high priority. If you cannot attend:", after=3)
    bullet(
        doc,
        "tell the social worker{% if social_worker.name %}, {{ social_worker.name }}"
        "{% if social_worker.email %} ({{ social_worker.email }}){% endif %},{% endif %} "
        "and the chair as soon as you can;",
    )
    bullet(doc, "send a colleague who knows the family to attend in your place, if you can;")
    bullet(
        doc,
        "send your report by the date above, with your view on whether each child "
        "needs a child protection plan.",
    )
    para(doc, "Your apologies and your views will be recorded in the conference record.", before=3)
    para(
        doc,
        "If you have any questions, please contact "
        "{{ coordinator.name or 'the conference coordinator' }}"
        "{% if coordinator.phone %} on {{ coordinator.phone }}{% endif %}"
        "{% if coordinator.email %} or at {{ coordinator.email }}{% endif %}.",
    )
    sign_off(doc)
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
    para(doc, "Invitation to a meeting about {{ subject_names }}", style="Heading 1")
    para(
        doc,
        "We would like you to come to a meeting about **{{ subject_names }}**. This kind "
        "of meeting is called a child protection conference.",
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
            ("How", MODE),
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
        "as social workers, health visitors, teachers and the police, talk together about "
        "{{ subject_names }}. Everyone says what is going well and what they are worried "
        "about. Together, the meeting decides whether a plan is needed to keep "
        "{{ subject_names }} safe, and what the plan should say.",
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
    tag(doc, "{%p else %}")
    para(
        doc,
        "Please come a little early. The chair, who runs the meeting, will meet you "
        "before it starts to explain how it will work and to answer your questions.",
    )
    tag(doc, "{%p endif %}")
    para(doc, "Bringing someone with you", style="Heading 2")
    para(
        doc,
        "You can bring someone to support you, such as a friend, a relative, an advocate "
        "or a solicitor. They can sit with you and listen, but they cannot take part in the "
        "discussion. Please tell your social worker before the day who you are bringing.",
    )
    tag(doc, "{%p if recipient.interpreter %}")
    para(doc, "An interpreter", style="Heading 2")
    para(
        doc,
        "We will arrange an interpreter who speaks **{{ recipient.interpreter }}** to be "
        "with you at the meeting. If you would like the reports explained to you in "
        "{{ recipient.interpreter }} before the meeting, please tell your social worker.",
    )
    tag(doc, "{%p endif %}")
    para(doc, "Help with childcare", style="Heading 2")
    para(
        doc,
        "The meeting is not a good place for babies and young children. If you need help "
        "with childcare so that you can come, please tell your social worker as soon as you "
        "can and we will try to help.",
    )
    tag(doc, '{%p if conference.mode == "virtual" or conference.mode == "blended" %}')
    para(
        doc,
        "If you join online or by phone, please find somewhere private where no one else "
        "can see or hear the meeting.",
    )
    tag(doc, "{%p endif %}")
    tag(doc, '{%p if recipient.excluded == "part" %}')
    para(
        doc,
        "The chair has decided that you will not be in one part of the meeting. We have "
        "written to you separately to explain this.",
    )
    tag(doc, "{%p endif %}")
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
    para(
        doc,
        "If you have any questions, please call "
        "{{ social_worker.name or 'your social worker' }}"
        "{% if social_worker.phone %} on {{ social_worker.phone }}{% endif %}, or "
        "{{ coordinator.name or 'the conference coordinator' }}"
        "{% if coordinator.phone %} on {{ coordinator.phone }}{% endif %}.",
    )
    sign_off(doc)
    return doc


def exclusion_letter():
    """To a family member excluded in part or in full (London CP4 5.9-5.11)."""
    doc = new_document("Exclusion from a child protection conference")
    letterhead(doc)
    recipient_block(doc, by_email=False)
    para(doc, "Dear {{ recipient.name }},")
    para(
        doc,
        '{% if recipient.excluded == "full" %}You will not be able to attend the '
        "child protection conference about {{ subject_names }}{% else %}You will not be able "
        "to attend part of the child protection conference about {{ subject_names }}"
        "{% endif %}",
        style="Heading 1",
    )
    para(
        doc,
        f"The {CONF_NAME} about {{{{ subject_names }}}} will be held on "
        "**{{ conference.date }}**{% if conference.time %} at {{ conference.time }}"
        "{% endif %}.",
    )
    para(
        doc,
        "I am the chair of the conference. I am writing to tell you that I have decided"
        "{% if recipient.exclusion.decided_on %}, on {{ recipient.exclusion.decided_on }},"
        '{% endif %} that {% if recipient.excluded == "full" %}you will not be able to attend '
        "the conference{% else %}you will not be able to attend part of the conference"
        "{% if recipient.exclusion.part %}: **{{ recipient.exclusion.part }}**{% endif %}"
        "{% endif %}.",
    )
    tag(doc, "{%p if recipient.exclusion.reason %}")
    para(doc, "The reason for my decision is: {{ recipient.exclusion.reason }}")
    tag(doc, "{%p else %}")
    para(doc, "Your social worker will explain the reasons for this decision to you.")
    tag(doc, "{%p endif %}")
    para(
        doc,
        "This decision is for this conference only. It does not mean that you will not "
        "be able to attend future conferences.",
    )
    para(doc, "Your views will be heard", style="Heading 2")
    para(
        doc,
        "You will be given a copy of the social worker's report before the conference. "
        "You have the right to have your views recorded and presented to the conference.",
    )
    tag(doc, "{%p if recipient.exclusion.views %}")
    para(doc, "{{ recipient.exclusion.views }}")
    tag(doc, "{%p else %}")
    para(
        doc,
        "You can tell {{ social_worker.name or 'your social worker' }} what you want the "
        "conference to know, or write it down and send it to me before the conference. "
        "Your views will be read out at the conference and written in its record.",
    )
    tag(doc, "{%p endif %}")
    para(doc, "Hearing what was decided", style="Heading 2")
    para(
        doc,
        "We will write to you{% if deadlines.decision_letter %} by "
        "{{ deadlines.decision_letter }}{% endif %} to tell you what the conference decided. "
        "I will decide whether you will also receive the record of the conference.",
    )
    para(doc, "If you disagree with this decision", style="Heading 2")
    para(
        doc,
        f"{{% if complaints %}}{{{{ complaints }}}}{{% else %}}{COMPLAINTS_DEFAULT}{{% endif %}}",
    )
    para(
        doc,
        "If you have any questions, please call "
        "{{ social_worker.name or 'your social worker' }}"
        "{% if social_worker.phone %} on {{ social_worker.phone }}{% endif %}.",
    )
    sign_off(doc, "chair")
    return doc


def _report_header(doc, social_work: bool):
    due_rows = (
        [
            ("Share with the family by", "{{ deadlines.social_worker_report_to_parents }}"),
            (
                "To the chair by",
                "{{ deadlines.social_worker_report_to_chair }}, to {{ reports_to or 'the chair' }}",
            ),
        ]
        if social_work
        else [
            (
                "Report due",
                "{{ deadlines.agency_reports }}, to "
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
                "Conference",
                f"{CONF_TITLE}, {{{{ conference.date }}}}"
                "{% if conference.time %} at {{ conference.time }}{% endif %}",
            ),
            ("Children the conference is about", "{{ subject_names }}"),
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


def seen_table(doc):
    """When the social worker saw the child, alone or with whom, and why (London CP4 7.5)."""
    para(
        doc,
        '{% if conference.type == "review" %}When {{ child.name }} was seen since the '
        "last conference{% else %}When {{ child.name }} was seen during the enquiry"
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
        "conference is not about (London CP4 7.6). Keep facts (what you saw or were told, "
        "with dates), allegations (what someone says happened) and your professional "
        "opinions (with your reasons) apart (London CP4 7.1).",
    )
    tag(doc, "{%p for child in children %}")
    para(
        doc,
        "{{ child.name }}{% if child.unborn %} (unborn){% elif child.dob %}, born "
        "{{ child.dob }}{% if child.age %} (aged {{ child.age }}){% endif %}{% endif %}"
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
        "For each child the conference is about: should there be a child protection plan? "
        "If so, under which category: physical abuse, emotional abuse, sexual abuse or "
        "neglect? If not, what help is needed (child in need plan, early help)? Give reasons.",
    )
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("Child", "Plan recommended", "Category", "Reasons"), strict=True
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
    write_in_table(
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


def report_template():
    """Each agency but children's social care (London CP4 7.1, 7.6, 7.9, 7.10)."""
    doc = new_document("Agency report to a child protection conference")
    tag(doc, "{%p if recipient.is_police %}")
    para(
        doc,
        "FOR THE CONFERENCE CHAIR ONLY",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=14,
        bold=True,
        color=RED,
        after=0,
    )
    para(
        doc,
        "Not to be shared with the family or with other agencies. The chair will "
        "summarise what is relevant in the meeting (London CP4 7.10).",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=10,
        color=RED,
        after=10,
    )
    tag(doc, "{%p endif %}")
    title_block(
        doc,
        "Report to the child protection conference",
        f"{CONF_TITLE} about {{{{ subject_names }}}}",
    )
    _report_header(doc, social_work=False)
    tag(doc, "{%p if not recipient.is_police %}")
    hint(
        doc,
        "Write for the family: plain words, no jargon or acronyms. Share and discuss this "
        "report with the parents before you send it, so that they can correct factual errors "
        "and comment (London CP4 7.9).",
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
    tag(doc, "{%p if recipient.is_police %}")
    para(doc, "This report goes to the chair only", style="Heading 1")
    para(
        doc,
        "Do not share this report with the family. Tell the chair which parts, if any, "
        "may be summarised to the conference with the family present.",
    )
    tag(doc, "{%p else %}")
    para(doc, "Sharing this report with the family", style="Heading 1")
    write_in_table(
        doc,
        [
            ("Shared with", "names of the family members"),
            ("Date shared", "by {{ deadlines.agency_reports }}"),
            ("Their comments", "corrections and views the family asked you to record"),
        ],
        space=1,
    )
    tag(doc, "{%p endif %}")
    _signature(doc)
    footer = doc.sections[0].header.paragraphs[0]
    footer.add_run("{% if recipient.is_police %} · FOR THE CHAIR ONLY{% endif %}")
    _font(footer.runs[-1], size=8, bold=True, color=RED)
    return doc


def social_work_report_template():
    """Children's social care (London CP4 7.2-7.8)."""
    doc = new_document("Social work report to a child protection conference")
    title_block(
        doc,
        "Social work report to the child protection conference",
        f"{CONF_TITLE} about {{{{ subject_names }}}}",
    )
    _report_header(doc, social_work=True)
    hint(
        doc,
        "A written, signed report that summarises and analyses what the assessment and "
        "the enquiry found (London CP4 7.2). Share and discuss it with the parents, and with "
        "older children where that is in their interests, by "
        "{{ deadlines.social_worker_report_to_parents }} (London CP4 7.7).",
    )
    para(doc, "The family and the reasons for this conference", style="Heading 1")
    write_in_table(
        doc,
        [
            ("Family and household", "who lives in the household and who else is important"),
            (
                "Reasons for the conference",
                '{% if conference.type == "review" %}progress since the conference on '
                "{{ conference.previous_date }}{% else %}what led to the enquiry{% endif %}",
            ),
        ],
    )
    _child_sections(doc, social_work=True)
    tag(doc, '{%p if conference.type == "review" %}')
    para(doc, "Progress against the child protection plan", style="Heading 1")
    write_in_table(
        doc,
        [
            ("Progress", "each outcome of the plan: done, in progress, not started"),
            ("Core group", "dates of meetings and who attended"),
        ],
    )
    tag(doc, "{%p else %}")
    para(doc, "Analysis of the section 47 enquiry", style="Heading 1")
    write_in_table(
        doc,
        [
            (
                "Analysis",
                "what the enquiry found, the likelihood of significant harm to each "
                "child, and the parents' capacity to keep them safe",
            ),
            ("The family's views", "what the parents and children say about the enquiry"),
        ],
    )
    tag(doc, "{%p endif %}")
    _recommendation(doc)
    para(doc, "Sharing this report with the family", style="Heading 1")
    write_in_table(
        doc,
        [
            ("Shared with", "names of the family members, and older children if appropriate"),
            ("Date shared", "by {{ deadlines.social_worker_report_to_parents }}"),
            ("Their comments", "corrections and views the family asked you to record"),
        ],
        space=1,
    )
    _signature(doc)
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
            ("How", MODE),
            ("Venue and joining details", "{{ conference.venue or 'To be confirmed' }}"),
            ("Chair", "{{ chair.name or 'To be confirmed' }}"),
            ("Minutes", "{{ coordinator.name or 'The conference coordinator' }}"),
            ("Children the conference is about", "{{ subject_names }}"),
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
        "explain how the conference will run and to answer their questions.",
        italic=True,
    )
    tag(doc, "{%p endif %}")
    number(
        doc,
        "**Introductions and purpose.** The chair explains why the conference has been "
        "called and who it is about; everyone introduces themselves and their involvement "
        "with the family.",
    )
    number(
        doc,
        "**Confidentiality.** What is shared at the conference is confidential and is "
        "shared outside it only with those who need to know. No one else may see or hear "
        "the meeting; no recording without the chair's agreement.",
    )
    number(
        doc,
        '{% if conference.type == "pre-birth" %}**The baby\'s needs.** What the baby '
        "will need to be safe and well after the birth{% if other_children %}, and the views "
        "of {{ other_names }}{% endif %}.{% else %}**The child's views.** The wishes and "
        "feelings of {{ subject_names }}, given in person, through an advocate or by the "
        "social worker.{% endif %}",
    )
    tag(doc, '{%p if conference.type == "review" %}')
    number(
        doc,
        "**Progress since the last conference**{% if conference.previous_date %} on "
        "{{ conference.previous_date }}{% endif %}: the child protection plan, the core "
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
        "**The transfer**: the child protection plan from the previous authority, the "
        "family's move and what has changed since.",
    )
    tag(doc, "{%p else %}")
    number(doc, "**The social work report**: the assessment and the section 47 enquiry.")
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
        "harm{% if conference.type == 'review' %} and whether the child protection plan "
        "should continue{% endif %}; if a child protection plan is needed, its category "
        "(physical, emotional or sexual abuse, or neglect). The chair makes the final "
        "decision.",
    )
    tag(doc, "{%p for child in subject_children %}")
    para(doc, "{{ child.name }}: decision and category", style="List Bullet", after=2)
    tag(doc, "{%p endfor %}")
    number(
        doc,
        "**The plan**: the outline child protection plan, or the help to be offered if "
        "no plan is needed; the lead social worker.",
    )
    number(
        doc,
        "**The core group**: its members and the date of its first meeting"
        "{% if deadlines.first_core_group %} (by {{ deadlines.first_core_group }})"
        "{% endif %}.",
    )
    number(
        doc, "**Contingency plan**: what will happen if the plan is not followed or does not work."
    )
    number(
        doc,
        "**Date of the review conference**{% if deadlines.next_review %} (by "
        "{{ deadlines.next_review }}){% endif %}.",
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


def decision_letter():
    """To each professional and family member, once the outcome is known (London CP4 14.13)."""
    doc = new_document("Decision of a child protection conference")
    letterhead(doc)
    recipient_block(doc)
    para(doc, "Dear {{ recipient.name }},")
    para(doc, f"Decision of the {CONF_NAME}: {{{{ subject_names }}}}", style="Heading 1")
    para(
        doc,
        f"The {CONF_NAME} about {{{{ subject_names }}}} was held on "
        "{{ conference.date }}. I chaired it. This letter tells you what the conference "
        "decided.",
    )
    para(doc, "The decision", style="Heading 2")
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Child", "Decision", "Category"), strict=True):
        _cell_text(cell, text, bold=True, shade="E8EEF4")
    for row in (
        ("{%tr for d in outcome.decisions %}", "", ""),
        ("{{ d.child.name }}", PLAN_WORDS, CATEGORY_WORDS),
        ("{%tr endfor %}", "", ""),
    ):
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _cell_text(cell, text)
    set_widths(table, (5.5, 6.1, 5.0))
    para(doc, "", after=2)
    tag(doc, "{%p if outcome.any_protection_plan %}")
    para(
        doc,
        "A child protection plan sets out what everyone, the family and the professionals, "
        "will do to keep {% if outcome.protection_plans > 1 %}the children{% else %}the child"
        "{% endif %} safe. It is reviewed regularly.",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if outcome.recommendations %}")
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
    tag(doc, "{%p if outcome.core_group %}")
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
        "{{ outcome.first_core_group_time }}{% endif %}.{% else %}The first core group meeting "
        "will be held by **{{ outcome.first_core_group }}**; the lead social worker will "
        "confirm the date.{% endif %}",
        before=3,
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if outcome.contingency %}")
    para(doc, "If the plan does not work", style="Heading 2")
    para(doc, "{{ outcome.contingency }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if outcome.next_review %}")
    para(doc, "The review conference", style="Heading 2")
    para(
        doc,
        "{% if outcome.next_review_booked %}The review conference will be held on "
        "**{{ outcome.next_review }}**.{% else %}The review conference will be held by "
        "**{{ outcome.next_review }}**; we will write to you with the date.{% endif %}",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if outcome.dissent %}")
    para(doc, "Disagreement recorded", style="Heading 2")
    para(
        doc,
        "The following disagreement with the decision was recorded in the conference record:",
        after=3,
    )
    tag(doc, "{%p for x in outcome.dissent %}")
    bullet(doc, "{{ x.by.name }}{% if x.by.role %} ({{ x.by.role }}){% endif %}: {{ x.view }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    para(doc, "What happens next", style="Heading 2")
    para(
        doc,
        "The outline plan, which I have signed, is enclosed. The record of the conference "
        "will be sent to everyone who was invited{% if deadlines.conference_record %} by "
        "{{ deadlines.conference_record }}{% endif %}.",
    )
    para(doc, "If you are unhappy", style="Heading 2")
    para(
        doc,
        f"{{% if complaints %}}{{{{ complaints }}}}{{% else %}}{COMPLAINTS_DEFAULT}{{% endif %}}",
    )
    sign_off(doc, "chair")
    para(doc, "Enclosed: outline child protection plan.", size=9, color=GREY, before=12)
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
    para(doc, "", after=2)
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
    "decision_letter": decision_letter,
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
