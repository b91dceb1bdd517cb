"""The kinds of document, and one document planned: who gets it and the values it gets."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cpconf.schedule import Notice

KINDS: tuple[str, ...] = (
    "invitation",
    "family_invitation",
    "exclusion_letter",
    "report_template",
    "social_work_report_template",
    "agenda",
    "originating_authority_invitation",
    "decision_letter",
    # the cycle after the conference (CONTRACT.md 4; issue 11)
    "outline_plan",
    "conference_record",
    "core_group_invitation",
    "child_invitation",
    "child_decision_letter",
    "plan_ended_notification",
)
# Templates of documents that are not part of a pack: `cpconf plan --docx` writes the
# timetable. A council brands and checks them like the letters' templates.
OTHER_TEMPLATES: tuple[str, ...] = ("timetable",)
TEMPLATE_KINDS: tuple[str, ...] = KINDS + OTHER_TEMPLATES
KIND_LABELS: dict[str, str] = {
    "invitation": "Invitation",
    "family_invitation": "Family invitation",
    "exclusion_letter": "Exclusion letter",
    "report_template": "Agency report template",
    "social_work_report_template": "Social work report template",
    "agenda": "Agenda",
    "originating_authority_invitation": "Invitation to the originating authority",
    "decision_letter": "Decision letter",
    "outline_plan": "Outline plan",  # the document itself has the nation's title
    "conference_record": "Conference record",
    "core_group_invitation": "Core group invitation",
    "child_invitation": "Child's invitation",
    "child_decision_letter": "Child's decision letter",
    "plan_ended_notification": "Plan ended notification",
    "timetable": "Timetable",
    # not Word documents: made beside them by `cpconf.sending`
    "email_draft": "Email draft",
    "calendar_invitation": "Calendar invitation",
}
# The documents written once the outcome is recorded; every other kind goes out before the
# conference. `cpconf letters --stage` writes one stage into an existing pack.
AFTER_KINDS: frozenset[str] = frozenset(
    {
        "decision_letter",
        "outline_plan",
        "conference_record",
        "core_group_invitation",
        "child_decision_letter",
        "plan_ended_notification",
    }
)
STAGES: tuple[str, ...] = ("before", "after")


def stage_kinds(stage: str) -> frozenset[str]:
    """The kinds of one stage: "after" the conference (its outcome), else "before"."""
    if stage == "after":
        return AFTER_KINDS
    return frozenset(k for k in KINDS if k not in AFTER_KINDS)


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
    pdf: Path | None = None  # the PDF beside it, when asked for


@dataclass(frozen=True)
class LettersResult:
    """What `cpconf letters` wrote, and what the case and the pack warn about."""

    out_dir: Path
    written: list[Written]
    warnings: list[Notice]  # the schedule's warnings, then the pack's own
    settings: str | None = None  # the council settings file used (cpconf.yaml)

    def __len__(self) -> int:
        return len(self.written)

    def to_json(self) -> dict[str, Any]:
        """`cpconf letters --json`: the folder, the manifest's entries and the warnings."""
        return {
            "out": str(self.out_dir),
            "documents": [
                {"kind": w.kind, "recipient": w.recipient, "path": w.path.name}
                | ({"pdf": w.pdf.name} if w.pdf else {})
                for w in self.written
            ],
            "warnings": [{"code": w.code, "message": w.message} for w in self.warnings],
            "settings": self.settings,
        }
