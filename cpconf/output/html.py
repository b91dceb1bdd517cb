"""`cpconf caseload --html`: the caseload as one self-contained page for a service manager.

Everything is inside the file (styles, the chart as inline SVG): it opens from a shared
drive with no network. People appear by their initials and cases by reference only: the
page is meant to be passed around. The wording is in `templates/caseload.html.j2`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from typing import Any

from cpconf.dates import long_date, short_date
from cpconf.names import initials
from cpconf.service import HELD_INQUORATE, CaseFacts, Caseload, Measure, OpenDeadline

# England's figure for initial conferences within 15 working days of the start of the section
# 47 enquiry (DfE, Characteristics of children in need, table C4: 58,330 of 74,350 in
# 2022-23, 78%; 58,670 of 72,090 in 2024-25, 81%). The DfE counts from the enquiry's start,
# the procedures (and cpconf) from the strategy discussion: close, not the same measure.
ENGLAND_PERCENT = 80
ENGLAND = (
    "England: about 78 to 81% within 15 working days of the enquiry's start (DfE, "
    "Characteristics of children in need, 2023 to 2025)"
)
MONTHS_SHOWN = 12


@dataclass(frozen=True)
class Bar:
    label: str  # "Nov 2026"
    counted: int
    in_time: int
    x: int
    height: int
    y: int

    @property
    def percent(self) -> int:
        return round(100 * self.in_time / self.counted) if self.counted else 0


def _who(d: OpenDeadline) -> str:
    return f"{d.owner_role} ({initials(d.owner)})" if d.owner else d.owner_role


def _row(d: OpenDeadline) -> dict[str, Any]:
    return {
        "reference": d.reference,
        "children": d.children,
        "type": d.conference_type,
        "what": d.label,
        "due": short_date(d.due),
        "status": d.status,
        "who": _who(d),
        "provisional": d.provisional,
    }


def _by_month(facts: list[CaseFacts], measure: str) -> list[tuple[str, int, int]]:
    """(month, held, in time) for the last months with a conference held, oldest first."""
    months: dict[tuple[int, int], list[int]] = {}
    for c in facts:
        if measure in c.done:
            due, done, _late = c.done[measure]
            counts = months.setdefault((done.year, done.month), [0, 0])
            counts[0] += 1
            counts[1] += done <= due
    keys = sorted(months)[-MONTHS_SHOWN:]
    return [(dt.date(y, m, 1).strftime("%b %Y"), *months[(y, m)]) for y, m in keys]  # type: ignore[misc]


def _bars(months: list[tuple[str, int, int]]) -> list[Bar]:
    out = []
    for i, (label, counted, in_time) in enumerate(months):
        height = round(160 * in_time / counted) if counted else 0
        out.append(Bar(label, counted, in_time, 50 + i * 56, height, 190 - height))
    return out


def _load(facts: list[CaseFacts], who: str) -> list[dict[str, Any]]:
    """Cases, open deadlines and overdue ones per chair (or coordinator), by initials."""
    cases: Counter[str] = Counter()
    open_: Counter[str] = Counter()
    overdue: Counter[str] = Counter()
    for c in facts:
        name = getattr(c, who)
        key = initials(name) if name else "not named"
        cases[key] += 1
        open_[key] += len(c.open)
        overdue[key] += sum(d.group == "overdue" for d in c.open)
    return [
        {"who": k, "cases": cases[k], "open": open_[k], "overdue": overdue[k]}
        for k in sorted(cases, key=lambda k: (-cases[k], k))
    ]


def _measure(m: Measure, england: bool = True) -> dict[str, Any]:
    return {
        "title": m.title,
        "counted": m.counted,
        "in_time": m.in_time,
        "percent": "" if m.percent is None else f"{m.percent:g}%",
        # green at or above England's figure, amber below it, plain when nothing is counted
        # or the cases are not England's (the nations publish no such figure that was found)
        "tone": ""
        if m.percent is None or not england
        else ("ok" if m.percent >= ENGLAND_PERCENT else "soon"),
        "missed": [
            {
                "reference": x.reference,
                "children": x.children,
                "due": short_date(x.due),
                "done": short_date(x.done),
                "late": x.working_days_late,
            }
            for x in m.missed
        ],
    }


def page_values(load: Caseload, title: str | None = None) -> dict[str, Any]:
    """The plain values the page template gets.

    The meeting in the procedures' words where every case shares them (Scotland: "Child
    Protection Planning Meetings"); England's DfE figure only where every case is under
    English procedures, and said to be for those alone where only some are."""
    meeting, short = load.words
    english = load.english
    only_england = bool(english) and english == len(load.facts)
    measures = {m.id: m for m in load.timeliness}
    initial = measures.get("initial_conferences")
    months = _by_month(load.facts, "initial_conferences")
    bars = _bars(months)
    rows = load.deadlines
    return {
        "title": title or f"{meeting[:1].upper()}{meeting[1:]}s",
        "meeting": meeting,
        "short": short,
        "short_plural": f"{short}s",
        # the profile's deadline for an initial meeting, in words: England's 15 working days
        # where every case follows English procedures; otherwise each procedure's own
        "initial_rule": "within 15 working days" if only_england else "held in time",
        "today": long_date(load.today),
        "cases": load.cases,
        "files": load.files,
        "unreadable": len(load.errors),
        "counts": load.counts(),
        "overdue": [_row(d) for d in rows if d.group == "overdue"],
        "this_week": [_row(d) for d in rows if d.group in ("today", "this_week")],
        "next_week": [_row(d) for d in rows if d.group == "next_week"],
        "core_groups": [_row(d) for d in rows if "core_group" in d.deadline],
        "initial": _measure(initial, only_england) if initial else None,
        "measures": [_measure(m, only_england) for m in load.timeliness],
        "reviews": _measure(measures["review_conferences"], only_england)
        if "review_conferences" in measures
        else None,
        "bars": bars,
        "chart_width": max(200, 110 + len(bars) * 56),  # room for the line's label
        "england_y": 190 - round(160 * ENGLAND_PERCENT / 100),
        "england": ENGLAND,
        "show_england": only_england,
        "england_cases": english,  # some cases only: the figure is said to be for these
        "chairs": _load(load.facts, "chair"),
        "coordinators": _load(load.facts, "coordinator"),
        "warnings": sum(
            w.code in ("duplicate_conference", "reference_shared") for w in load.warnings
        ),
        # an outcome recorded for a meeting inquorate by its attendance, no decision to go on
        "held_inquorate": sorted({w.reference for w in load.warnings if w.code == HELD_INQUORATE}),
        "not_ready": load.not_ready,
        # which filters were given, never what they were given (part of a person's name)
        "filtered": [
            what
            for what, given in (
                (f"deadlines within {load.filters.within} working days", load.filters.within),
                ("one chair's cases", load.filters.chair),
                ("one social worker's cases", load.filters.social_worker),
                (f"{load.filters.type} {short}s only", load.filters.type),
            )
            if given is not None
        ],
    }


def caseload_html(load: Caseload, title: str | None = None) -> str:
    """The page's HTML: one file, nothing loaded from elsewhere."""
    from jinja2 import Environment, StrictUndefined, select_autoescape

    source = resources.files("cpconf.output").joinpath("templates/caseload.html.j2")
    env = Environment(
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.from_string(source.read_text(encoding="utf-8")).render(page_values(load, title))
