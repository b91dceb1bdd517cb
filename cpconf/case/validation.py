"""Validating a document against a pydantic model: every problem, with its line, in one error.

Used for case files, settings files and procedure profiles alike.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from cpconf.errors import CaseError
from cpconf.yamlload import Document, Loc


def dotted(loc: Loc) -> str:
    """A location as a message names it: `children[0].dob`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def nearest(value: object, choices: list[str]) -> str:
    close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
    return f"; did you mean '{close[0]}'?" if close else ""


def keys_at(root: type[BaseModel], loc: Loc) -> list[str]:
    """The keys the model allows at `loc` (a path of keys and list indexes)."""
    cls: type[BaseModel] | None = root
    for part in loc:
        if isinstance(part, int) or cls is None:
            continue
        fld = cls.model_fields.get(str(part))
        if fld is None:
            return []
        cls = _submodel(fld.annotation)
    return [f.alias or name for name, f in cls.model_fields.items()] if cls else []


def _submodel(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def _in_data(loc: Loc, data: Any, keep_last: bool) -> Loc:
    """`loc` less the parts that are not keys or indexes of `data` along the way."""
    out: list[str | int] = []
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        present = (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        )
        if present:
            data = data[part]
        elif not (last and keep_last):
            continue  # a union branch's name, not a key of the file
        out.append(part)
    return tuple(out)


def pydantic_message(
    err: dict[str, Any], doc: Document, root: type[BaseModel] | None = None
) -> tuple[Loc, str]:
    kind = err["type"]
    # pydantic also names the union branch it tried ('list[str]', 'literal[...]', a
    # model's name): keep only the parts that are really there in the file's data
    loc = _in_data(tuple(err["loc"]), doc.data, keep_last=kind in ("extra_forbidden", "missing"))
    where = dotted(loc)
    value = err.get("input")
    if kind == "missing":
        return loc, f"{where}: required but missing"
    if kind == "extra_forbidden":
        parent = loc[:-1]
        hint = nearest(loc[-1], keys_at(root, parent)) if root else ""
        return loc, f"{dotted(parent) or 'top level'}: unknown key '{loc[-1]}'{hint}"
    if value is None:  # `key:` or `key: null`: one message, whatever the type wanted
        return loc, f"{where}: has no value: give one, or leave the key out"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", err["ctx"]["expected"])
        return loc, (
            f"{where}: '{value}' is not one of {', '.join(choices)}" + nearest(value, choices)
        )
    if kind in ("bool_parsing", "bool_type"):
        return loc, f"{where}: '{value}' is not true or false"
    if kind == "string_too_short":
        return loc, f"{where}: must not be empty"
    if kind == "string_type":
        return loc, f"{where}: expected text, got {value!r}"
    if kind == "value_error":
        return loc, f"{where}: {err['ctx']['error']}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return loc, f"{where}: expected a mapping of keys and values, got {value!r}"
    if kind == "list_type":
        return loc, f"{where}: expected a list, got {value!r}"
    if kind == "too_short" and isinstance(value, list):
        return loc, f"{where}: must list at least one item"
    return loc, f"{where}: {err['msg']}"


M = TypeVar("M", bound=BaseModel)
_MEANT = re.compile(r"did you mean '([^']+)'\?$")


def validate(model: type[M], doc: Document) -> M:
    """Validate a document against a model; every problem, with its line, in one CaseError."""
    problems = list(doc.problems)
    try:
        result = model.model_validate(doc.data)
    except ValidationError as exc:
        found = []
        meant: set[Loc] = set()  # the keys an unknown key was taken for ('nmae': name)
        for err in exc.errors():
            loc, message = pydantic_message(err, doc, model)  # type: ignore[arg-type]
            found.append((err["type"], loc, message))
            guess = _MEANT.search(message)
            if err["type"] == "extra_forbidden" and guess:
                meant.add((*loc[:-1], guess.group(1)))
        for kind, loc, message in found:
            if kind == "missing" and loc in meant:
                continue  # "unknown key 'nmae'; did you mean 'name'?" says it: not missing too
            problems.append(doc.problem(loc, message))
        raise CaseError(problems) from None
    if problems:
        raise CaseError(problems)
    return result
