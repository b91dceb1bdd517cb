"""Each default template's wording, tags visible, against its golden text file.

A wording change shows here in review. After changing scripts/build_templates.py, run it,
then `python scripts/template_text.py --update`, and read the diff of tests/golden/templates/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.template_text import GOLDEN, TEMPLATES, template_text

DOCX = sorted(TEMPLATES.glob("*.docx"))


def test_every_template_has_a_golden_text_and_every_golden_a_template():
    assert {p.stem for p in DOCX} == {p.stem for p in GOLDEN.glob("*.txt")}


@pytest.mark.parametrize("path", DOCX, ids=lambda p: p.stem)
def test_template_text_matches_its_golden(path: Path):
    golden = GOLDEN / f"{path.stem}.txt"
    assert template_text(path) == golden.read_text(encoding="utf-8"), (
        f"{path.name} changed: run `python scripts/template_text.py --update` and review the diff"
    )
