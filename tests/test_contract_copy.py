"""docs/CONTRACT.md is the shared contract, copied so that a reader of the repository has it."""

from __future__ import annotations

import pytest

from tests.conftest import ACCEPTANCE, ROOT

SHARED = ACCEPTANCE.parent / "CONTRACT.md"


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/CONTRACT.md is not here")
def test_the_copy_matches_the_shared_contract():
    assert (ROOT / "docs" / "CONTRACT.md").read_text(encoding="utf-8") == SHARED.read_text(
        encoding="utf-8"
    ), "the shared contract changed: copy it to docs/CONTRACT.md and check what it changes"
