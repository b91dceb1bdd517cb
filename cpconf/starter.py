"""A case file to start from (`cpconf new`): every section, with what goes where.

What the coordinator gave (the type, the dates, the reference) is written as is; every
other value is an example to replace, marked `# FILL IN` (see `yamlload.FILL_IN`), so
that `plan` works at once while `check-quorum` and `letters` list what is still to do.
The council's settings are not copied in: they apply to the case from `cpconf.yaml`, and
the file says so where they would go.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from cpconf.case import TYPE_KEYS
from cpconf.errors import CaseError, Problem
from cpconf.names import a_or_an
from cpconf.settings import Settings
from cpconf.yamlload import FILL_IN

# the date each type counts its conference deadline from (CONTRACT.md section 1)
TRIGGER = {
    "initial": ("strategy_discussion", "the date of the (last) strategy discussion"),
    "review": ("previous_conference", "the date of the conference this one reviews"),
    "transfer-in": ("transfer_notification", "the date this authority was notified"),
    "pre-birth": ("due_date", "the expected date of delivery"),
}
# what each date a coordinator may give says, for its comment in the file
DATE_WORDS = dict(TRIGGER.values())
SCHEMA_FILE = "cpconf.schema.json"
_COMMENT_AT = 36  # comments line up here, as in the README's case file


def _weekday(day: dt.date) -> dt.date:
    """The day, or the Monday after where it falls at a weekend."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def _line(text: str, comment: str = "", fill: bool = False) -> str:
    if fill:
        comment = f"{FILL_IN}: {comment}"
    if not comment:
        return text
    return f"{text.ljust(_COMMENT_AT - 1)} # {comment}"


def _scalar(value: str) -> str:
    """A text value as YAML: plain where that reads back the same, else quoted."""
    return json.dumps(value, ensure_ascii=False)


def check_given(
    conference_type: str,
    dates: dict[str, dt.date],
    previous_type: str | None = None,
    path: str | Path = "the new case file",
) -> None:
    """Raise CaseError where a value given belongs to another type of conference.

    The case model's own table (`cpconf.case.TYPE_KEYS`) decides, so that a file written
    here is one the case model accepts (a pre-birth conference follows a strategy
    discussion too), and one it would refuse is never begun.
    """
    given = [*dates, *(["previous_type"] if previous_type is not None else [])]
    problems = []
    for key in given:
        if key not in DATE_WORDS and key not in TYPE_KEYS:
            problems.append(
                Problem(str(path), None, f"conference.{key}: not a date cpconf asks for")
            )
            continue
        types = TYPE_KEYS.get(key, ())
        if types and conference_type not in types:
            problems.append(
                Problem(
                    str(path),
                    None,
                    f"conference.{key}: belongs to {' or '.join(types)} conferences, not to "
                    f"{a_or_an(conference_type)} one",
                )
            )
    if problems:
        raise CaseError(problems)


def new_case_text(
    conference_type: str,
    *,
    example_day: dt.date,
    reference: str | None = None,
    dates: dict[str, dt.date] | None = None,
    previous_type: str | None = None,
    procedure: str | None = None,
    settings: Settings | None = None,
    schema: str | None = None,
    path: str | Path = "the new case file",
) -> str:
    """The text of a new case file of `conference_type` (initial, review, pre-birth,
    transfer-in). `dates`: the trigger dates given (`strategy_discussion`, …); a date not
    given is written as `example_day`, marked to fill in. `schema`: the JSON Schema's path
    or address for editors (`# yaml-language-server: $schema=`). Raises CaseError where a
    date given belongs to another type of conference (`check_given`)."""
    dates = dates or {}
    check_given(conference_type, dates, previous_type, path)
    council = settings or Settings()
    out: list[str] = []
    add = out.append
    if schema:
        add(f"# yaml-language-server: $schema={schema}")
    article = "An" if conference_type == "initial" else "A"
    add(f"# {article} {conference_type} child protection conference: the case file cpconf reads.")
    add(f"# Lines marked {FILL_IN} hold examples: replace each, then delete its '# {FILL_IN}'")
    add("# mark. `cpconf plan` works on this file now; `cpconf check-quorum` and `cpconf letters`")
    add(f"# wait until nothing is marked {FILL_IN}. The format: README, 'The case file'.")
    if settings is not None and settings.path is not None:
        add(f"# The council's settings ({settings.path}) apply: a value given here wins.")

    add("case:")
    if reference:
        add(f"  reference: {_scalar(reference)}")
    else:
        add(_line("  reference: CP-0000-0000", "the case reference", fill=True))
    if council.local_authority:
        add(f"  # local_authority: {council.local_authority}   (from the council's settings)")
    else:
        add(
            _line(
                "  local_authority: Example Council",
                "the council's name (or set it once in cpconf.yaml)",
                fill=True,
            )
        )
    if procedure:
        add(_line(f"  procedure: {_scalar(procedure)}", "a built-in profile or a profile file"))
    elif council.procedure:
        add(f"  # procedure: {council.procedure}   (from the council's settings)")
    else:
        add(_line("  # procedure: london", "london (default), hackney, york, bolton, warwickshire"))
    add(_line("  # region: england-and-wales", "only to override the profile's bank holidays"))

    add("conference:")
    add(_line(f"  type: {conference_type}", "initial | review | pre-birth | transfer-in"))
    key, what = TRIGGER[conference_type]
    if key in dates:
        add(_line(f"  {key}: {dates[key].isoformat()}", what))
    else:
        add(_line(f"  {key}: {example_day.isoformat()}", what, fill=True))
    for other, day in dates.items():  # a pre-birth conference's strategy discussion, say
        if other != key:
            add(_line(f"  {other}: {day.isoformat()}", DATE_WORDS[other]))
    if conference_type == "review":
        if previous_type:
            add(_line(f"  previous_type: {previous_type}", "the type of the conference reviewed"))
        else:
            add(
                _line(
                    "  previous_type: initial",
                    "the type of the conference reviewed: initial, review, pre-birth "
                    "or transfer-in",
                    fill=True,
                )
            )
    # the commented examples follow the dates given (an example before the strategy
    # discussion would be copied in wrong): weekdays, as a booked meeting is
    anchor = dates.get(key, example_day)
    # a pre-birth conference before the due date (London CP4 1.16: 10 weeks before it)
    after = {"review": 91, "pre-birth": -77}.get(conference_type, 14)
    booked = _weekday(anchor + dt.timedelta(days=after))
    strategy = dates.get("strategy_discussion")
    if strategy is not None and booked <= strategy:  # a pre-birth one after its strategy discussion
        booked = _weekday(strategy + dt.timedelta(days=14))
    if conference_type == "pre-birth":
        born = anchor + dt.timedelta(days=-3)  # a few days before the due date
        add(_line(f"  # birth_date: {born.isoformat()}", "once the baby is born"))
        add(_line("  # pre_proceedings: true", "where proceedings are considered after birth"))
    if conference_type == "transfer-in":
        add("  # originating_authority:          # the authority the child moved from")
        add("  #   name: Example County Council")
        add("  #   contact: {name: Alex Example, email: alex.example@example.gov.uk}")
    if conference_type == "initial":
        expires = booked + dt.timedelta(days=1)  # the booking before it (London CP4 1.8)
        add(
            _line(
                f"  # emergency_protection_order_expires: {expires.isoformat()}",
                "where there is one",
            )
        )
    add("  # Once the conference is booked:")
    add(_line(f"  # date: {booked.isoformat()}", "the booked date"))
    add(_line("  # time: 10:00", "start time for the family (24-hour)"))
    add(_line("  # mode: blended", "virtual | blended | face-to-face"))
    add(_line("  # venue: Civic Centre, Room 2", "joining details for virtual or blended"))
    if council.chair is not None:
        add(f"  # chair: {council.chair.name}   (from the council's settings)")
    else:
        add(_line("  # chair: {name: Alex Chair, email: alex.chair@example.gov.uk}"))
    if council.coordinator is not None:
        add(f"  # coordinator: {council.coordinator.name}   (from the council's settings)")
    add(_line("  # delay_reason: …", "why a date after the deadline was booked"))

    add("children:")
    if conference_type == "pre-birth":
        add(_line("  - id: baby", "a short id (lower case), used below"))
        add(_line("    name: Baby Example", "the name the baby is known by", fill=True))
        add(_line("    unborn: true", "once born: dob instead"))
    else:
        add(_line("  - id: child-1", "a short id (lower case, e.g. amy), used below"))
        add(_line("    name: Child Example", "the child's full name", fill=True))
        add(_line("    dob: 2019-03-14", "the child's date of birth", fill=True))
    add(_line("    subject: true", "false: another child in the household, not a subject"))
    add(_line("    invite: false", "true: the child is invited to take part"))
    child_id = "baby" if conference_type == "pre-birth" else "child-1"

    add("family:")
    add(_line("  - id: parent-1", "a short id (e.g. mum), used below"))
    add(_line("    name: Parent Example", "full name", fill=True))
    add(_line("    relationship: mother", "relationship to the child", fill=True))
    add(_line("    address: 1 Example Road, Town AB1 2CD", "postal address", fill=True))
    add(_line("    address_confidential: false", "true: in no document but this person's own"))
    add(_line("    excluded: none", "none | part | full"))
    add(_line("    # interpreter: Polish", "the language, where an interpreter is needed"))
    add(_line("    # email: parent@example.com", "for the email drafts"))

    add("professionals:")
    add(_line("  - id: sw", "a short id, used in outcome.lead_social_worker"))
    add(_line("    name: Social Worker Example", "the social worker's name", fill=True))
    add("    role: Social worker")
    add(_line("    agency: children_social_care", "see the list of agencies below"))
    add(_line("    organisation: Example Children's Social Care", "their team", fill=True))
    add(_line("    email: social.worker@example.gov.uk", "their email", fill=True))
    add(_line("    contact_with: all", "ids of children the agency has seen, or all"))
    add(_line("    attendance: invited", "invited | attending | apologies | attended | absent"))
    add("  # One entry for each professional invited. agency is one of: children_social_care,")
    add("  # health, education, police, probation, housing, mental_health, substance_misuse,")
    add("  # early_help, youth_justice, voluntary, legal, other.")

    add("# Once the conference is held, record its outcome:")
    add("# outcome:")
    add("#   decisions:")
    add(f"#     - child: {child_id}")
    add(
        "#       plan: child-protection   # child-protection | child-in-need | early-help | no-further-action"
    )
    add(
        "#       category: neglect        # physical | emotional | sexual | neglect (with a protection plan)"
    )
    add("#   lead_social_worker: sw")
    add("#   core_group: [sw, parent-1]")
    return "\n".join(out) + "\n"
