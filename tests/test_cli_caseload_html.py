"""`cpconf caseload --html`: a page that parses, loads nothing from outside, names no one."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from caseload_demo import write_caseload

import cpconf

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-25"
VOID = {"meta", "link", "br", "img", "input", "hr", "col", "source", "wbr", "area", "base"}


class Page(HTMLParser):
    """Every tag and attribute, every text, style and script; checks tags close in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:]}")
        else:
            self.open.pop()

    def handle_data(self, data):
        if self.open and self.open[-1] == "style":
            self.styles.append(data)
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> tuple[Path, str, Path]:
    folder = tmp_path_factory.mktemp("caseload")
    cases = write_caseload(folder / "cases")
    for sample in (ROOT / "sample_cases").glob("*.yaml"):  # with families and professionals
        shutil.copy(sample, cases / f"sample-{sample.name}")
    out = folder / "caseload.html"
    from typer.testing import CliRunner

    from cpconf.cli import app

    result = CliRunner().invoke(
        app, ["caseload", str(cases), "--today", TODAY, "--html", str(out), "--summary"]
    )
    assert result.exit_code in (0, 1), result.stderr  # 1: something is overdue
    assert "Page written" in result.stderr
    return out, out.read_text(encoding="utf-8"), cases


def parsed(text: str) -> Page:
    p = Page()
    p.feed(text)
    p.close()
    return p


def test_the_page_parses_and_every_tag_closes(page):
    _, text, _ = page
    p = parsed(text)
    assert text.startswith("<!DOCTYPE html>")
    assert not p.errors
    assert p.open == []
    assert [t for t, _ in p.tags].count("svg") == 1
    body = " ".join(" ".join(p.text).split())
    for heading in ("Overdue", "Due this week", "Due next week", "Core groups", "Per chair"):
        assert heading in body
    assert "Initial conferences within 15 working days, by month held" in body


def test_nothing_is_loaded_from_outside(page):
    _, text, _ = page
    p = parsed(text)
    for tag, attrs in p.tags:
        assert tag not in ("script", "link", "img", "iframe", "object"), tag
        for name in ("src", "href", "action", "data"):
            value = attrs.get(name) or ""
            assert not re.match(r"\s*(https?:)?//", value), (tag, name, value)
    styles = "".join(p.styles)
    assert "@import" not in styles and "url(" not in styles
    assert "http://" not in text and "https://" not in text


def test_no_full_name_appears(page):
    _, text, cases = page
    names: set[str] = set()
    for path in cases.glob("*.yaml"):
        case = cpconf.open_case(path).case
        conf = case.conference
        names.update(c.name for c in case.children)
        names.update(f.name for f in case.family)
        names.update(p.name for p in case.professionals)
        names.update(c.name for c in (conf.chair, conf.coordinator) if c is not None)
    assert len(names) > 30
    shown = " ".join(" ".join(parsed(text).text).split())
    assert not [n for n in names if n in shown or n in text]
    # the people are there, by their initials
    assert "H.C." in shown and "M.W." in shown


def test_monthly_bars_match_the_conferences_held(page):
    _, text, _ = page
    # the demo: 24 initial conferences held by the 25th, one bar a month from August
    bars = re.findall(r"<rect [^>]*><title>([A-Z][a-z]{2} \d{4}): (\d+) of (\d+) in time", text)
    assert [b[0] for b in bars] == ["Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026"]
    load = cpconf.caseload([page[2]], today=dt.date(2026, 11, 25))
    initial = next(m for m in load.timeliness if m.id == "initial_conferences")
    assert sum(int(b[2]) for b in bars) == initial.counted
    assert sum(int(b[1]) for b in bars) == initial.in_time


def _browser() -> str | None:
    return shutil.which("chromium-headless-shell") or shutil.which("chromium")


@pytest.mark.skipif(_browser() is None, reason="no headless Chromium installed")
def test_a_real_browser_renders_it(page, tmp_path):
    out, _, _ = page
    browser = _browser()
    assert browser is not None
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    flags.append(f"--user-data-dir={tmp_path / 'profile'}")
    dom = subprocess.run(
        [*flags, "--dump-dom", out.as_uri()], capture_output=True, text=True, timeout=120
    )
    assert dom.returncode == 0, dom.stderr[-500:]
    assert "Initial conferences within 15 working days" in dom.stdout
    assert dom.stdout.count("<rect ") == 4
    shot = tmp_path / "page.png"
    run = subprocess.run(
        [*flags, f"--screenshot={shot}", "--window-size=1200,1600", out.as_uri()],
        capture_output=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-500:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 1600)
    assert len(data) > 20_000  # a page, not a blank


def test_a_filter_is_named_but_not_its_value(cli, tmp_path):
    cases = write_caseload(tmp_path / "cases", count=6)
    out = tmp_path / "page.html"
    result = cli(
        "caseload", cases, "--today", TODAY, "--chair", "Helen Carter", "--html", out, "--summary"
    )
    assert result.exit_code in (0, 1), result.stderr
    text = out.read_text(encoding="utf-8")
    assert "one chair&#39;s cases" in text or "one chair's cases" in text
    assert "Helen" not in text and "Carter" not in text
