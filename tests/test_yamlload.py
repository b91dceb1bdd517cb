"""The YAML reader: plain values, lines, and files it must refuse, under both PyYAML loaders."""

from __future__ import annotations

import os

import pytest
import yaml

from cpconf import yamlload
from cpconf.errors import CaseError
from cpconf.yamlload import parse_yaml, read_text

LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])

TEXT = """\
a: ~
b: null
c:
d: true
e: 'null'
f: "true"
g: 10:00
h: no
i: 0755
j: 15
k: 2026-11-02
l: |
  block
"""


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def loader(request, monkeypatch):
    monkeypatch.setattr(yamlload, "_Loader", request.param)
    return request.param


def test_plain_scalars_are_resolved_the_same_under_both_loaders(loader):
    data = parse_yaml(TEXT, "t.yaml").data
    assert data == {
        "a": None, "b": None, "c": None, "d": True,
        "e": "null", "f": "true",  # quoted: text, always
        "g": "10:00", "h": "no", "i": "0755",  # YAML 1.1's traps stay as typed
        "j": 15, "k": "2026-11-02", "l": "block\n",
    }  # fmt: skip


def test_lines_are_one_based_and_point_at_keys(loader):
    doc = parse_yaml("x:\n  y: 1\n  z:\n    - 2\n", "t.yaml")
    assert doc.line(("x", "y")) == 2
    assert doc.line(("x", "z", 0)) == 4
    assert doc.line(("x", "missing")) == 1


def test_a_self_referencing_alias_is_refused(loader):
    with pytest.raises(CaseError, match="alias refers to the value it is part of"):
        parse_yaml("x: 1\ncase: &a [*a]\n", "t.yaml")


def test_an_alias_used_twice_is_fine(loader):
    data = parse_yaml("a: &v [1, 2]\nb: *v\nc: *v\n", "t.yaml").data
    assert data == {"a": [1, 2], "b": [1, 2], "c": [1, 2]}


def test_a_repeated_anchor_says_what_is_wrong(loader):
    with pytest.raises(CaseError, match="duplicate anchor"):
        parse_yaml("a: &x 1\nb: &x 2\n", "t.yaml")


def test_very_deep_nesting_is_refused(loader):
    with pytest.raises(CaseError, match="nested more than"):
        parse_yaml("case: " + "[" * 3000 + "]" * 3000 + "\n", "t.yaml")


def test_a_tab_gets_a_hint_and_a_column(loader):
    with pytest.raises(CaseError) as info:
        parse_yaml("case:\n\treference: x\n", "t.yaml")
    (problem,) = info.value.problems
    assert problem.line == 2
    assert "indent with spaces, not tabs" in problem.message
    assert "column 1" in problem.message


def test_utf16_gets_a_plain_message(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text("case:\n  reference: x\n", encoding="utf-16")
    with pytest.raises(CaseError, match="UTF-16.*save it as UTF-8"):
        read_text(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_refused_without_reading_it(tmp_path):
    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)
    with pytest.raises(CaseError, match="not a regular file"):
        read_text(fifo)  # would block for ever if it were read


def test_flow_nesting_deep_enough_to_crash_libyaml_is_refused_first(loader):
    # libyaml recurses in C: fifty thousand levels would end the process, not raise
    with pytest.raises(CaseError, match="nested more than"):
        parse_yaml("a: " + "[" * 50_000 + "]" * 50_000 + "\n", "t.yaml")


def test_brackets_inside_text_are_not_nesting(loader):
    assert parse_yaml("a: '" + "[" * 200 + "'\n", "t.yaml").data == {"a": "[" * 200}


def test_a_path_too_long_is_a_clear_error(tmp_path):
    with pytest.raises(CaseError):
        read_text(tmp_path / ("x" * 300 + ".yaml"))


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_is_reported_where_it_opens_not_at_the_end(loader, quote):
    text = f"case:\n  reference: CP-1\nconference:\n  venue: {quote}Room 4\n  type: initial\n\nchildren: []\n"
    with pytest.raises(CaseError) as exc:
        parse_yaml(text, "t.yaml")
    (problem,) = exc.value.problems
    assert problem.line == 4
    assert "never closed" in problem.message


def test_a_colon_in_a_value_says_to_quote_it(tmp_path):
    from cpconf.errors import CaseError
    from cpconf.yamlload import parse_yaml

    with pytest.raises(CaseError) as caught:
        parse_yaml("conference:\n  venue: Room 2: Town Hall\n", "case.yaml")
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert "put the value in quotes" in problem.message
