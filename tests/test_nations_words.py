"""English words and London rules kept out of the nations' papers, and kept in England's.

Each test renders (or runs) the same case under a nation's profile and under london and
reads the words back: the report templates' question, the outline plan's title, Scotland's
areas of concern (National Guidance 2021, para 1.88), the blended meeting (London CP4 3.6
only where the profile follows London) and reports asked for "before the conference" where
the procedure sets no date.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from rich.console import Console

from cpconf.conference import open_case
from cpconf.cycle import next_case
from cpconf.output.caseload import caseload_view
from cpconf.output.html import caseload_html
from cpconf.output.quorum import quorum_view
from cpconf.service import build_caseload
from tests.conftest import ROOT
from tests.test_letters import HELD, SAMPLE
from tests.test_letters_nations import nation_pack

BEFORE = dt.date(2026, 11, 10)
PROCEDURES = ("london", "wales", "scotland")


@pytest.fixture(scope="module")
def before(tmp_path_factory):
    """The sample case before the conference, under each profile."""
    return {
        p: nation_pack(tmp_path_factory.mktemp(f"before-{p}"), p, SAMPLE, BEFORE)
        for p in PROCEDURES
    }


@pytest.fixture(scope="module")
def held(tmp_path_factory):
    """The sample case with its outcome, under each profile."""
    return {p: nation_pack(tmp_path_factory.mktemp(f"held-{p}"), p) for p in PROCEDURES}


# -- 1. the report templates name England's help only under England's procedure ----------


@pytest.mark.parametrize(
    "kind, who", [("report_template", "hv"), ("social_work_report_template", "sw")]
)
def test_report_templates_ask_for_help_in_the_nations_words(before, kind, who):
    london = before["london"][(kind, who)]
    assert "If not, what help is needed (child in need plan, early help)? Give reasons." in london
    welsh = before["wales"][(kind, who)]
    # Wales Safeguarding Procedures c3pt2-p9: "If no is a care and support plan required?"
    assert "If not, what help is needed (care and support plan)? Give reasons." in welsh
    scottish = before["scotland"][(kind, who)]
    assert "If not, what help is needed? Give reasons." in scottish
    for text in (welsh, scottish):
        assert "child in need" not in text.lower()
        assert "early help" not in text.lower()


# -- 2. the outline plan is titled with the nation's plan --------------------------------


def test_the_outline_plan_is_titled_in_the_nations_words(held):
    def title(p: str) -> str:
        return held[p][("outline_plan", "amy")].splitlines()[2]

    assert title("london") == "Outline child protection plan"
    assert title("wales") == "Outline care and support protection plan"
    assert title("scotland") == "Outline Child Protection Plan"
    # the decision letter encloses what the plan is called
    assert "outline care and support protection plan" in held["wales"][("decision_letter", "mum")]
    core_group = held["wales"][("core_group_invitation", "hv")]
    assert "The outline care and support protection plan, sent with the decision letter." in (
        core_group
    )


# -- 3. Scotland: areas of concern, not a category of registration (para 1.88) ------------


def test_scottish_papers_ask_for_the_areas_of_concern_not_a_category(before, held):
    agenda = before["scotland"][("agenda", None)]
    assert "if a Child Protection Plan is needed, the areas of concern, with the child's name" in (
        agenda
    )
    assert "Amy Smith: decision and areas of concern" in agenda
    report = before["scotland"][("report_template", "hv")]
    assert "If so, what are the areas of concern?" in report
    assert "\nAreas of concern\n" in report  # the recommendation table's heading
    invitation = before["scotland"][("invitation", "hv")]
    assert "and, if so, the areas of concern, and write in plain words" in invitation
    letter = held["scotland"][("decision_letter", "mum")]
    assert "\nAreas of concern\n" in letter
    for text in (agenda, report, invitation, letter, held["scotland"][("outline_plan", "amy")]):
        assert "category" not in text.lower()


@pytest.mark.parametrize("procedure", ["london", "wales"])
def test_england_and_wales_keep_the_category(before, held, procedure):
    agenda = before[procedure][("agenda", None)]
    assert "its category (physical, emotional or sexual abuse, or neglect)" in agenda
    assert "Amy Smith: decision and category" in agenda
    report = before[procedure][("report_template", "hv")]
    assert "If so, under which category: physical abuse, emotional abuse, sexual abuse or " in (
        report
    )
    assert "\nCategory\n" in held[procedure][("decision_letter", "mum")]
    assert "\nCategory\n" in held[procedure][("outline_plan", "amy")]


# -- 7. a blended meeting: London CP4 3.6 only where the profile follows London -----------


def test_a_blended_meeting_is_described_by_london_rules_only_under_london(before):
    cp4_3_6 = "In person; joining online only in exceptional circumstances, agreed with the chair"
    assert cp4_3_6 in before["london"][("invitation", "hv")]
    for nation in ("wales", "scotland"):
        invitation = before[nation][("invitation", "hv")]
        assert cp4_3_6 not in invitation
        assert "exceptional circumstances" not in invitation
        assert "\nHow\nIn person; some people may join online\n" in invitation


# -- 8. reports: "before the conference" where the procedure sets no date -----------------


def test_reports_are_asked_for_before_the_meeting_where_no_date_is_set(before):
    london = before["london"]
    assert "by the date above, with your view" in london[("invitation", "hv")]
    assert "Please still send your report by the dates above." in london[("invitation", "sw")]
    welsh = before["wales"]
    assert "before the conference, with your view" in welsh[("invitation", "hv")]
    assert "Please still send your report before the conference." in welsh[("invitation", "sw")]
    scottish = before["scotland"]
    assert "before the CPPM, with your view" in scottish[("invitation", "hv")]
    assert "Please still send your report before the CPPM." in scottish[("invitation", "sw")]
    for nation in ("wales", "scotland"):
        for who in ("hv", "sw", "police"):
            assert "date above" not in before[nation][("invitation", who)]
            assert "dates above" not in before[nation][("invitation", who)]


# -- 4. the next review's case file: the nation's meeting, London cited only for London ---


@pytest.mark.parametrize("procedure", PROCEDURES)
def test_the_next_case_file_names_the_meeting_and_cites_london_only_for_london(tmp_path, procedure):
    source = tmp_path / "case.yaml"
    text = HELD.read_text(encoding="utf-8").replace("procedure: london", f"procedure: {procedure}")
    source.write_text(text, encoding="utf-8")
    nxt_text = next_case(open_case(source), dt.date(2026, 11, 23), tmp_path)
    assert nxt_text is not None
    header = nxt_text.splitlines()[:2]
    review = tmp_path / "next.yaml"
    review.write_text(nxt_text, encoding="utf-8")
    [said] = [
        w.message
        for w in open_case(review).plan(dt.date(2026, 11, 23)).warnings
        if w.code == "exclusion_to_decide"
    ]
    if procedure == "london":
        assert header[0] == "# Review child protection conference for CP-2026-0142: the case file"
        assert header[1].endswith(
            "from the initial child protection conference on Friday 20 November 2026"
        )
        assert "(London CP4 5.11)" in nxt_text and "(London CP4 8.1)" in nxt_text
        assert "from the conference before this one; exclusion then is not reason enough" in said
        assert "(London CP4 5.11)" in said
        return
    assert "London CP4" not in nxt_text and "(CP4" not in nxt_text
    assert "London" not in said
    assert "no invitation is written for them" in said
    if procedure == "scotland":
        assert (
            header[0]
            == "# Review Child Protection Planning Meeting for CP-2026-0142: the case file"
        )
        assert header[1].endswith(
            "from the Child Protection Planning Meeting on Friday 20 November 2026"
        )
        assert "from the CPPM before this one. Until the chair decides" in said
        assert "conference" not in "\n".join(
            line for line in nxt_text.splitlines() if line.lstrip().startswith("#")
        )
    else:
        assert header[0] == "# Review child protection conference for CP-2026-0142: the case file"
        assert "exclusions do not carry over: the chair decides again for this conference." in (
            nxt_text
        )


# -- 5. the caseload: England's DfE figure beside English cases only ----------------------


def _folder(tmp_path, procedures: dict[str, str]):
    """The sample cases, each under the procedure given for its file name."""
    for name, procedure in procedures.items():
        text = (ROOT / "sample_cases" / name).read_text(encoding="utf-8")
        text = re.sub(r"(?m)^  procedure: .*$", f"  procedure: {procedure}", text)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


SAMPLES = ("initial-with-outcome.yaml", "review.yaml", "pre-birth.yaml")
TODAY = dt.date(2026, 12, 1)


def _text(renderable) -> str:
    console = Console(width=200, record=True)
    console.print(renderable)
    return console.export_text()


def test_a_scottish_caseload_in_scottish_words_without_englands_figure(tmp_path):
    load = build_caseload([_folder(tmp_path, dict.fromkeys(SAMPLES, "scotland"))], TODAY)
    assert [m.title for m in load.timeliness][:2] == [
        "Initial CPPMs held in time",
        "Review CPPMs held in time",
    ]
    text = _text(caseload_view(load, summary=True))
    assert "A CPPM counts once held" in text
    assert "DfE" not in text and "England" not in text and "15 working days" not in text
    page = caseload_html(load)
    assert "<h1>Child Protection Planning Meetings</h1>" in page
    assert "initial CPPMs in time" in page
    assert "DfE" not in page and "England" not in page and "15 working days" not in page


def test_an_english_caseload_keeps_englands_figure(tmp_path):
    load = build_caseload([_folder(tmp_path, dict.fromkeys(SAMPLES, "london"))], TODAY)
    text = " ".join(_text(caseload_view(load, summary=True)).split())
    assert "Initial conferences within 15 working days, England: about 78 to 81% (DfE" in text
    page = caseload_html(load)
    assert "<h1>Child protection conferences</h1>" in page
    assert "Initial conferences within 15 working days, by month held" in page
    assert "Dashed line: England: about 78 to 81%" in page


def test_a_mixed_caseload_says_whose_figure_it_is(tmp_path):
    procedures = dict(zip(SAMPLES, ("london", "scotland", "wales"), strict=True))
    load = build_caseload([_folder(tmp_path, procedures)], TODAY)
    text = " ".join(_text(caseload_view(load, summary=True)).split())
    assert "For the 1 case under English procedures only: initial conferences within 15" in text
    page = caseload_html(load)
    assert "<h1>Child protection meetings</h1>" in page
    assert "England's figure compares only with the 1 case under English procedures" in page
    assert "Dashed line" not in page


# -- 6. check-quorum names the nation's meeting -------------------------------------------


@pytest.mark.parametrize(
    "procedure, heading",
    [
        ("london", "CP-2026-0142: quorum for the conference on Friday 20 November 2026"),
        ("wales", "CP-2026-0142: quorum for the conference on Friday 20 November 2026"),
        ("scotland", "CP-2026-0142: quorum for the CPPM on Friday 20 November 2026"),
        ("northern-ireland", "CP-2026-0142: quorum for the case conference on Friday 20"),
    ],
)
def test_the_quorum_heading_names_the_meeting(tmp_path, procedure, heading):
    _folder(tmp_path, {"initial.yaml": procedure})
    report = open_case(tmp_path / "initial.yaml").quorum(BEFORE)
    text = _text(quorum_view(report))
    assert text.splitlines()[0].startswith(heading)
    if procedure == "scotland":
        assert "conference" not in text.splitlines()[0]


def test_the_welsh_quorum_for_an_initial_conference_cites_what_c4_p8_says_of_it(tmp_path):
    """c4-p8 is the one page read that states the quorum, for every conference: the source
    quotes it saying so, not a review rule applied to an initial conference unsaid."""
    _folder(tmp_path, {"initial.yaml": "wales"})
    text = " ".join(_text(quorum_view(open_case(tmp_path / "initial.yaml").quorum(BEFORE))).split())
    assert (
        "c4-p8: the quorum for every conference is 'the same as that for initial child "
        "protection conference, that is, a minimum of three agencies or professional "
        "groupings'" in text
    )


def test_the_distribution_list_leaves_out_dates_the_procedure_does_not_set(tmp_path):
    """Scotland's texts give no date for reports: no "report by" with nothing after it."""
    text = (ROOT / "sample_cases" / "initial.yaml").read_text(encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(text.replace("procedure: london", "procedure: scotland"), encoding="utf-8")
    open_case(case).letters(tmp_path / "out", today=dt.date(2026, 11, 10))
    listing = (tmp_path / "out" / "distribution.md").read_text(encoding="utf-8")
    rows = [r for r in listing.splitlines() if "report template" in r.lower()]
    assert len(rows) >= 2
    assert all(not re.search(r"by\s*(\||;|$)", r) for r in rows), rows
    # under London the dates are there
    london = tmp_path / "london.yaml"
    london.write_text(text, encoding="utf-8")
    open_case(london).letters(tmp_path / "ldn", today=dt.date(2026, 11, 10))
    listing = (tmp_path / "ldn" / "distribution.md").read_text(encoding="utf-8")
    rows = [r for r in listing.splitlines() if r.startswith("| Agency report template")]
    assert rows and all("| report by " in r for r in rows)
