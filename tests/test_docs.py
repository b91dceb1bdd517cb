"""The documentation under test: the README against the code, and the docs the code cites.

Model: sqlite-utils tests/test_docs.py. Each test reads the README as it is and the code
as it is, so that a new command, option, template value or profile fails here until it is
documented, and a documented one that is gone fails too.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main

from cpconf.cli import app
from cpconf.letters.kinds import DISTRIBUTION
from cpconf.letters.templates import sample_documents
from cpconf.procedures import BUILTIN
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "cpconf"


# -- commands and options ----------------------------------------------------------------


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command of the tree, with its path below `cpconf` (the root's is ()).

    Duck-typed: typer bundles its own Click, whose classes are not `click`'s.
    """
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        if not sub.hidden:
            yield from _commands(sub, (*path, name))


COMMANDS = list(_commands(typer.main.get_command(app)))


def _options(command: Any) -> list[str]:
    """The options a person types (`--json`), not arguments and not --help."""
    found: list[str] = []
    for param in command.params:
        if param.param_type_name == "option" and not param.hidden:
            names = [o for o in param.opts if o.startswith("--")] or list(param.opts)
            found += [o for o in names if o != "--help"]
    return found


def _sections(text: str) -> list[tuple[str, str]]:
    """Each section of the README under a heading of level 2 or more: its own text (up to
    the next heading) and its whole text with its subsections (`## cpconf caseload` holds
    `### For scripts and spreadsheets`). The text before the first such heading is one
    more. Headings inside code blocks are not headings."""
    lines = text.splitlines()
    headings: list[tuple[int, int]] = []  # (line index, level)
    fenced = False
    for i, line in enumerate(lines):
        if line.startswith("```"):
            fenced = not fenced
        heading = re.match(r"(#{2,6}) ", line)
        if heading and not fenced:
            headings.append((i, len(heading.group(1))))
    first = "\n".join(lines[: headings[0][0] if headings else len(lines)])
    sections = [(first, first)]
    for n, (start, level) in enumerate(headings):
        own_end = headings[n + 1][0] if n + 1 < len(headings) else len(lines)
        end = next((i for i, lv in headings[n + 1 :] if lv <= level), len(lines))
        sections.append(("\n".join(lines[start:own_end]), "\n".join(lines[start:end])))
    return sections


def _documented_in(path: tuple[str, ...]) -> list[str]:
    """The README sections (with their subsections) whose own text shows the command:
    `cpconf letters` is documented under "## cpconf letters", `cpconf templates export`
    under "### Templates" alone, not in all of "## cpconf letters" around it."""
    words = " ".join(("cpconf", *path))
    pattern = re.compile(re.escape(words) + r"(?![\w-])")
    return [whole for own, whole in _sections(README) if pattern.search(own)]


def test_the_command_tree_is_walked():
    # the walk itself must see the commands, or every test below passes on nothing
    paths = {" ".join(p) for p, _ in COMMANDS}
    assert {"plan", "check-quorum", "letters", "caseload", "templates check"} <= paths


@pytest.mark.parametrize(
    "path", [p for p, _ in COMMANDS if p], ids=lambda p: " ".join(p) if p else "cpconf"
)
def test_every_command_is_in_the_readme(path):
    assert _documented_in(path), f"`cpconf {' '.join(path)}` appears nowhere in README.md"


@pytest.mark.parametrize(
    ("path", "option"),
    [(p, o) for p, c in COMMANDS for o in _options(c)],
    ids=lambda x: x if isinstance(x, str) else " ".join(("cpconf", *x)),
)
def test_every_option_is_in_its_commands_section_of_the_readme(path, option):
    """An option is documented where its command is: `--json` under plan says nothing of
    `letters --json`. The root's options (`--version`) may be anywhere."""
    sections = _documented_in(path) if path else [README]
    pattern = re.compile(re.escape(option) + r"(?![\w-])")
    assert any(pattern.search(s) for s in sections), (
        f"`{option}` of `cpconf {' '.join(path)}` is not in a README section that shows "
        f"`cpconf {' '.join(path)}`"
    )


# -- the values a template gets ----------------------------------------------------------


def _values_table() -> dict[str, set[str]]:
    """README's table of template values: each name, with the names its row mentions."""
    start = README.index("The values a template can use")
    rows: dict[str, set[str]] = {}
    for line in README[start:].splitlines()[1:]:
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if set(cells[0]) <= set("- ") or cells[0] == "name":
            continue  # the header and its rule
        mentioned = set(re.findall(r"`([\w.]+)`", cells[1]))
        for name in re.findall(r"`(\w+)`", cells[0]):
            rows[name] = mentioned
    return rows


def _context_keys() -> dict[str, set[str]]:
    """Each value the templates get (every kind, every branch of the built-in sample case),
    with the keys one level down (of a mapping, or of the mappings in a list)."""
    keys: dict[str, set[str]] = {}
    for doc in sample_documents():
        for name, value in doc.context.items():
            inner = keys.setdefault(name, set())
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, dict):
                    inner |= set(item)
    return keys


def test_the_readme_lists_exactly_the_values_the_templates_get():
    documented, actual = _values_table(), _context_keys()
    assert sorted(documented) == sorted(actual)


def test_the_readme_names_every_key_of_each_value():
    documented = _values_table()
    missing = {
        name: sorted(keys - documented.get(name, set()))
        for name, keys in _context_keys().items()
        if keys - documented.get(name, set())
    }
    assert not missing, f"not named in the README's row for each value: {missing}"


# -- the profiles ------------------------------------------------------------------------


def test_the_readme_lists_exactly_the_builtin_profiles():
    start = README.index("### Procedure profiles")
    table = README[start : README.index("\n\n", README.index("| name |", start))]
    listed = re.findall(r"^\| `([\w-]+)`", table, flags=re.MULTILINE)
    assert listed == list(BUILTIN)


# -- the documents the code cites ---------------------------------------------------------


def _comments_and_docstrings(path: Path) -> Iterator[str]:
    source = path.read_text(encoding="utf-8")
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.string
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            doc = ast.get_docstring(node)
            if doc:
                yield doc


def _cited_texts() -> Iterator[tuple[Path, str]]:
    """What the package says to its readers: Python comments and docstrings, and the
    profiles' YAML (its comments and sources)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        for text in _comments_and_docstrings(path):
            yield path, text
    for path in sorted(PACKAGE.rglob("*.yaml")):
        yield path, path.read_text(encoding="utf-8")


def _md_named(text: str) -> list[str]:
    return re.findall(r"[\w./-]*\w\.md\b", text)


def _exists(name: str) -> bool:
    """`docs/NATIONS.md` from the top of the repository; a bare `CONTRACT.md` there or in docs/.

    `distribution.md` is the file a pack holds (cpconf.letters.kinds.DISTRIBUTION), not a
    document of the repository."""
    if name == DISTRIBUTION:
        return True
    if "/" in name:
        return (ROOT / name).is_file()
    return (ROOT / name).is_file() or (ROOT / "docs" / name).is_file()


def test_the_scan_finds_the_documents_cited():
    cited = {name for _, text in _cited_texts() for name in _md_named(text)}
    assert "CONTRACT.md" in cited  # cpconf/case/model.py and others cite it


def test_every_markdown_file_the_package_names_is_in_the_repository():
    # a pointer to a file a reader cannot open (STYLE.md, LIBRARIES.md outside the
    # repository) is no pointer: copy the facts into docs/, or reword
    missing = sorted(
        f"{path.relative_to(ROOT)}: {name}"
        for path, text in _cited_texts()
        for name in _md_named(text)
        if not _exists(name)
    )
    assert not missing


def test_templates_export_is_described_without_a_count_that_goes_stale():
    # `templates export` writes one template per kind and the timetable: a number in the
    # README ("the fourteen defaults") went wrong when the timetable came
    for line in README.splitlines():
        if "templates export" in line:
            assert not re.search(
                r"\b(seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|\d+)"
                r" (default|template)",
                line,
            ), line
