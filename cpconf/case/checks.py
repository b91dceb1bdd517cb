"""Loading a case file: the schema's problems and the cross-checks of the raw data and the
model, every problem with its line, all in one run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, get_args

from cpconf.case.model import CONFERENCE_TYPES, Case, PlanKind
from cpconf.case.validation import dotted, keys_at, nearest, validate
from cpconf.errors import CaseError, Problem
from cpconf.names import a_or_an
from cpconf.yamlload import Document, Loc, load_yaml


def _items(data: Any, group: str) -> list[tuple[int, dict[str, Any]]]:
    """The mappings listed under `group` in raw case data (anything else is the schema's)."""
    items = data.get(group) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _as_id(value: Any) -> str | None:
    """An id as the model will read it (numbers become text), or None if it is not one."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    return value.strip() if isinstance(value, str) else None


def _reference_checks(doc: Document) -> list[Problem]:
    """Ids unique, and every id referred to exists: on the raw data, so that these are
    reported together with the schema's problems rather than in a second round."""
    problems: list[Problem] = []
    seen: dict[str, Loc] = {}
    ids: dict[str, list[str]] = {}
    for group in ("children", "family", "professionals"):
        ids[group] = []
        for i, item in _items(doc.data, group):
            value = _as_id(item.get("id"))
            if value is None:
                continue
            loc: Loc = (group, i, "id")
            if value in seen:
                first = doc.line(seen[value])
                problems.append(
                    doc.problem(
                        loc,
                        f"{dotted(loc)}: id '{value}' is used twice"
                        + (f" (first on line {first})" if first else ""),
                    )
                )
            else:
                seen[value] = loc
            ids[group].append(value)
    child_ids = ids["children"]
    people_ids = child_ids + ids["family"] + ids["professionals"]

    def check(loc: Loc, raw: Any, known: list[str], what: str) -> None:
        ref = _as_id(raw)
        if ref is not None and ref not in known:
            problems.append(
                doc.problem(
                    loc, f"{dotted(loc)}: no {what} has the id '{ref}'" + nearest(ref, known)
                )
            )

    conference = doc.data.get("conference") if isinstance(doc.data, dict) else None
    current = conference.get("core_group") if isinstance(conference, dict) else None
    if isinstance(current, list):
        for j, member in enumerate(current):
            check(("conference", "core_group", j), member, people_ids, "person")
    for i, prof in _items(doc.data, "professionals"):
        contact = prof.get("contact_with")
        if isinstance(contact, str | int) and contact != "all":
            check(("professionals", i, "contact_with"), contact, child_ids, "child")
        elif isinstance(contact, list):
            for j, ref in enumerate(contact):
                check(("professionals", i, "contact_with", j), ref, child_ids, "child")
    outcome = doc.data.get("outcome") if isinstance(doc.data, dict) else None
    if isinstance(outcome, dict):
        for i, decision in _items(outcome, "decisions"):
            check(("outcome", "decisions", i, "child"), decision.get("child"), child_ids, "child")
        check(
            ("outcome", "lead_social_worker"),
            outcome.get("lead_social_worker"),
            ids["professionals"],
            "professional",
        )
        core = outcome.get("core_group")
        if isinstance(core, list):
            for j, member in enumerate(core):
                check(("outcome", "core_group", j), member, people_ids, "person")
        for j, dissent in _items(outcome, "dissent"):
            check(("outcome", "dissent", j, "by"), dissent.get("by"), people_ids, "person")
        for j, rec in _items(outcome, "recommendations"):
            named = rec.get("children")
            for k, ref in enumerate(named if isinstance(named, list) else [named]):
                at: Loc = ("outcome", "recommendations", j, "children")
                check((*at, k) if isinstance(named, list) else at, ref, child_ids, "child")
    return problems


def _given(item: dict[str, Any], key: str) -> bool:
    """The key is there with a value (`key:` alone, or null, is no value: the model's None)."""
    return item.get(key) is not None


def _flag(item: dict[str, Any], key: str, default: bool) -> bool | None:
    """A true/false key as the model reads it; None where the value is not one (the schema
    reports that, and the checks that depend on it wait for it to be mended)."""
    value = item.get(key)
    if value is None:
        return default
    return value if isinstance(value, bool) else None


def _misspelt(item: dict[str, Any], key: str, at: Loc = ("conference",)) -> bool:
    """An unknown key of the mapping at `at` whose nearest known key is `key`: the schema's
    "unknown key …; did you mean '{key}'?" says it all, and "required" would mislead."""
    known = keys_at(Case, at)
    return any(
        isinstance(k, str) and k not in known and nearest(k, known) == f"; did you mean '{key}'?"
        for k in item
    )


def _presence_checks(doc: Document) -> list[Problem]:
    """What the schema alone cannot say and the raw data can: the fields each type needs,
    a date of birth for every born child, a decision for every subject child.

    On the raw data, so that these are reported together with the schema's problems: a
    child missing its date of birth must not wait for the next run because an unknown key
    was found first. Where a value these checks read is itself wrong, the schema says so
    and the check that depends on it is left out rather than guessed.
    """
    problems: list[Problem] = []
    data = doc.data if isinstance(doc.data, dict) else {}
    children = _items(data, "children")
    for i, child in children:
        loc: Loc = ("children", i)
        unborn = _flag(child, "unborn", False)
        if unborn and _given(child, "dob"):
            problems.append(
                doc.problem(
                    (*loc, "unborn"), f"{dotted(loc)}: give either dob or unborn: true, not both"
                )
            )
        if unborn is False and not _given(child, "dob") and not _misspelt(child, "dob", loc):
            problems.append(doc.problem(loc, f"{dotted(loc)}: dob is required (or unborn: true)"))
    subject_flags = [_flag(child, "subject", True) for _, child in children]
    if children and not any(subject_flags) and None not in subject_flags:
        problems.append(doc.problem(("children",), "children: no child is marked as a subject"))

    conf = data.get("conference")
    kind = conf.get("type") if isinstance(conf, dict) else None
    if isinstance(conf, dict) and kind in CONFERENCE_TYPES:
        need = {
            "initial": "strategy_discussion",
            "review": "previous_conference",
            "transfer-in": "transfer_notification",
            "pre-birth": "due_date",
        }[kind]
        if kind == "initial" and not _given(conf, need) and _given(conf, "looked_after_review"):
            need = "looked_after_review"  # London CP4 2.2: counted from the review's decision
        if not _given(conf, need) and not _misspelt(conf, need):
            also = " (or looked_after_review, for a looked-after child going home)"
            problems.append(
                doc.problem(
                    ("conference", "type"),
                    f"conference.{need}: required for {a_or_an(kind)} conference"
                    + (also if kind == "initial" else ""),
                )
            )
        if (
            kind == "review"
            and not _given(conf, "previous_type")
            and not _misspelt(conf, "previous_type")
        ):
            # CONTRACT.md 1: the interval to the review depends on it, and no default is safe
            problems.append(
                doc.problem(
                    ("conference", "type"),
                    "conference.previous_type: required for a review: the type of the conference "
                    "it reviews (initial, review, pre-birth or transfer-in), which sets whether it "
                    "is due 3 or 6 months after it",
                )
            )
        unborn_flags = [_flag(child, "unborn", False) for _, child in children]
        if (
            kind == "pre-birth"
            and isinstance(data.get("children"), list)
            and not any(unborn_flags)
            and None not in unborn_flags
            and not _given(conf, "birth_date")
        ):
            problems.append(
                doc.problem(
                    ("children",),
                    "children: a pre-birth conference needs a child with unborn: true "
                    "(or conference.birth_date once the baby is born)",
                )
            )

    outcome = data.get("outcome")
    if isinstance(outcome, dict):
        problems += _decision_checks(doc, outcome, children)
    return problems


def missing_categories(doc: Document) -> list[Problem]:
    """A child protection plan without its category, where the procedure asks for one
    (London CP4 9.5: the chair determines it; Wales c3pt2-p9). Scotland's guidance needs
    none (para 1.88): the profile says which (`terms.category`)."""
    outcome = doc.data.get("outcome") if isinstance(doc.data, dict) else None
    if not isinstance(outcome, dict):
        return []
    problems = []
    for i, decision in _items(outcome, "decisions"):
        if decision.get("plan") == "child-protection" and decision.get("category") is None:
            at: Loc = ("outcome", "decisions", i)
            problems.append(
                doc.problem(
                    at,
                    f"{dotted(at)}: category is required for a child protection plan "
                    "(physical, emotional, sexual or neglect)",
                )
            )
    return problems


def _decision_checks(
    doc: Document, outcome: dict[str, Any], children: list[tuple[int, dict[str, Any]]]
) -> list[Problem]:
    """One decision for each subject child, and a category exactly with a protection plan."""
    problems: list[Problem] = []
    subject = {_as_id(c.get("id")): _flag(c, "subject", True) for _, c in children}
    decided: set[str] = set()
    for i, decision in _items(outcome, "decisions"):
        at: Loc = ("outcome", "decisions", i)
        child = _as_id(decision.get("child"))
        if child is not None:
            if child in decided:
                problems.append(
                    doc.problem((*at, "child"), f"{dotted(at)}: a second decision for '{child}'")
                )
            decided.add(child)
            if subject.get(child) is False:
                problems.append(
                    doc.problem(
                        (*at, "child"),
                        f"{dotted(at)}: '{child}' is not a subject of this conference "
                        "(subject: false): the conference decides only for its subject children",
                    )
                )
        plan, category = decision.get("plan"), decision.get("category")
        if plan in get_args(PlanKind) and plan != "child-protection" and category is not None:
            problems.append(
                doc.problem(
                    (*at, "category"),
                    f"{dotted(at)}: a category is given only with a child protection plan",
                )
            )
    decisions = outcome.get("decisions")
    if decisions is None or isinstance(decisions, list):
        for _, item in children:
            child_id = _as_id(item.get("id"))
            if child_id is None or child_id in decided or subject.get(child_id) is not True:
                continue
            name = item.get("name")
            problems.append(
                doc.problem(
                    ("outcome", "decisions"),
                    f"outcome.decisions: no decision for {str(name).strip() if name else child_id} "
                    f"('{child_id}'): the outcome records one for every subject child",
                )
            )
    return problems


def _date_checks(case: Case, doc: Document) -> list[Problem]:
    """Dates in order: these need the dates as the model reads them."""
    problems: list[Problem] = []
    conf = case.conference
    held = conf.date  # booked; before that there is no conference date to compare
    for i, child in enumerate(case.children):
        loc = ("children", i)
        if child.dob and held and child.dob > held and conf.type != "pre-birth":
            problems.append(
                doc.problem(
                    (*loc, "dob"),
                    f"{dotted(loc)}: born {child.dob.isoformat()}, after the conference "
                    f"({held.isoformat()}): for a baby not yet born write unborn: true",
                )
            )
    problems.extend(_type_contradictions(case, doc))
    if conf.date and conf.type == "review" and conf.previous_conference == conf.date:
        problems.append(
            doc.problem(
                ("conference", "date"),
                f"conference.date: {conf.date.isoformat()} is the day of the conference it "
                "reviews (previous_conference): a review is held after it",
            )
        )
    need = {
        "initial": "strategy_discussion",
        "review": "previous_conference",
        "transfer-in": "transfer_notification",
        "pre-birth": "due_date",
    }[conf.type]
    if conf.type == "initial" and conf.strategy_discussion is None and conf.looked_after_review:
        need = "looked_after_review"
    if conf.date and conf.type != "pre-birth":
        trigger = getattr(conf, need)
        if trigger and conf.date < trigger:
            problems.append(
                doc.problem(
                    ("conference", "date"),
                    f"conference.date: {conf.date.isoformat()} is before the {need.replace('_', ' ')} "
                    f"({trigger.isoformat()})",
                )
            )
    if case.outcome:
        problems.extend(_outcome_dates(case, doc))
    return problems


# The conference types a key of `conference:` belongs to: a case file copied from another
# conference that keeps one of these for another type contradicts itself.
TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "strategy_discussion": ("initial", "pre-birth"),  # a pre-birth conference follows one too
    "looked_after_review": ("initial",),
    "emergency_protection_order_expires": ("initial",),
    "child_assessment_order_ends": ("initial",),
    "previous_conference": ("review",),
    "previous_type": ("review",),
    "previous_chair": ("review",),
    "police_involvement": ("review",),
    "transfer_notification": ("transfer-in",),
    "originating_authority": ("transfer-in",),
    "due_date": ("pre-birth", "review"),
    "pre_proceedings": ("pre-birth",),
    "premature_birth_likely": ("pre-birth",),
    "birth_date": ("pre-birth", "review"),
    "mother_medically_unfit": ("pre-birth", "review"),
}


def _type_contradictions(case: Case, doc: Document) -> list[Problem]:
    """Keys of `conference:` that belong to another type of conference (a copied file)."""
    raw = doc.data.get("conference") if isinstance(doc.data, dict) else None
    if not isinstance(raw, dict):
        return []
    kind = case.conference.type
    problems = []
    for key, types in TYPE_KEYS.items():
        if raw.get(key) in (None, False) or kind in types:
            continue
        problems.append(
            doc.problem(
                ("conference", key),
                f"conference.{key}: belongs to {' or '.join(types)} conferences, not to this "
                f"{kind} conference (copied from another case file?): remove it",
            )
        )
    return problems


def _outcome_dates(case: Case, doc: Document) -> list[Problem]:
    """Dates in the outcome that come before the conference they follow (a copied file)."""
    held = case.conference.date
    outcome = case.outcome
    if held is None or outcome is None:
        return []
    found: list[tuple[Loc, dt.date]] = [
        (("outcome", key), day)
        for key in ("first_core_group", "next_review")
        if (day := getattr(outcome, key)) is not None
    ]
    found += [
        (("outcome", "core_groups_held", j), day) for j, day in enumerate(outcome.core_groups_held)
    ]
    return [
        doc.problem(
            loc,
            f"{dotted(loc)}: {day.isoformat()} is not after the conference ({held.isoformat()}) "
            "it follows (copied from another case file?)",
        )
        for loc, day in found
        if day <= held
    ]


def parse_case(doc: Document) -> Case:
    """Validate a parsed document as a case file; every problem at once in one CaseError."""
    if not isinstance(doc.data, dict):
        raise CaseError(
            [
                *doc.problems,
                doc.problem(
                    (),
                    "a case file is a mapping with case:, "
                    "conference:, children:, family: and professionals:",
                ),
            ]
        )
    # checks of the raw data first, so that they come with the schema's problems in one run
    raw = _reference_checks(doc) + _presence_checks(doc)
    try:
        case = validate(Case, doc)
    except CaseError as exc:
        raise CaseError(_unique([*exc.problems, *raw])) from None
    problems = raw + _date_checks(case, doc)
    if problems:
        raise CaseError(problems)
    return case


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def load_case(path: str | Path) -> tuple[Case, Document]:
    """Read and validate a case file. Raises CaseError naming the file and line of each problem."""
    doc = load_yaml(Path(path))
    return parse_case(doc), doc
