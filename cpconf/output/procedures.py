"""`cpconf procedures`: the built-in profiles, and one profile's timescales."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from cpconf.dates import long_date
from cpconf.procedures import CONDITIONS, Profile
from cpconf.quorum import exception_words, rule_words, unit_name


def profiles_table(rows: list[tuple[str, str, str]], default: str | None = None) -> Table:
    """`cpconf procedures`: each built-in profile, the default (what `case.procedure` means
    when left out) marked as such."""
    table = Table(title="Built-in procedure profiles", title_justify="left")
    table.add_column("Name", style="bold")
    table.add_column("Procedure")
    table.add_column("Source document")
    for name, title, document in rows:
        label = Text(name)
        if name == default:
            label.append(" (default)", style="not bold dim")
        table.add_row(label, escape(title), escape(document))
    return table


def _plan_words(plans: Sequence[str]) -> str:
    """['child-protection'] -> 'a child protection plan'; 'an early help plan'."""
    words = " or ".join(p.replace("-", " ") for p in plans)
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words} plan"


def profile_view(profile: Profile) -> Group:
    """`cpconf procedures show`: every timescale with its source, the quorum and sessions."""
    head = Text(profile.title, style="bold")
    head.append(f"\n{profile.document}", style="dim")
    head.append(f"\nBank holidays: {profile.region}", style="")
    closures = sorted(profile.closures())
    head.append(
        "\nClosure days: " + (", ".join(long_date(d) for d in closures) if closures else "none")
    )
    table = Table(title="Timescales", title_justify="left")
    # every cell wraps at spaces and folds only a word longer than its column (an id at
    # 80 columns): nothing is cut off with an ellipsis, whatever the terminal's width
    table.add_column("Deadline id", style="bold", overflow="fold")
    table.add_column("What", overflow="fold")
    table.add_column("Conference types", overflow="fold")
    table.add_column("Rule", overflow="fold")
    table.add_column("Source", overflow="fold")
    labels = profile.labels
    for spec in profile.deadlines:
        for rule in spec.rules:
            types = ", ".join(rule.types)
            if rule.previous_types:
                types += f" (after {', '.join(rule.previous_types)})"
            if rule.if_plan:
                types += f"; if {_plan_words(rule.if_plan)}"
            if rule.if_inquorate_proceeded:
                types += "; if the chair went ahead inquorate"
            if rule.when:
                name = rule.when.removeprefix("not ")
                types += (
                    f"; {'unless' if rule.when.startswith('not ') else 'if'} {CONDITIONS[name]}"
                )
            source = rule.source
            if spec.inherited_from:
                source += f" (inherited from {spec.inherited_from})"
            table.add_row(
                spec.id, escape(spec.label), types, escape(rule.words(labels)), escape(source)
            )
        if spec.not_set is not None:  # the procedure gives no timescale: never invented
            unset = spec.not_set
            types = ", ".join(unset.types)
            if unset.if_plan:
                types += f"; if {_plan_words(unset.if_plan)}"
            table.add_row(
                spec.id,
                escape(spec.label),
                types,
                Text("not set by the procedure: set it locally", style="italic"),
                escape(unset.reason),
            )
    q = profile.quorum
    quorum = Text("\nQuorum: ", style="bold")
    quorum.append(rule_words(q))
    if q.exception_when_fewer_known:
        quorum.append(" " + exception_words(q))
    if q.always_invite:
        quorum.append(
            f"; always invited: {', '.join(unit_name(a, q.agency_words) for a in q.always_invite)}"
        )
    s = profile.session
    session = Text("Session: ", style="bold")
    bits = []
    if s.family_times:
        bits.append("family starts at " + " or ".join(t.strftime("%H:%M") for t in s.family_times))
    if s.professionals_join_minutes:
        bits.append(f"professionals join {s.professionals_join_minutes} minutes later")
    bits.append(
        f"about {s.expected_length_minutes} minutes long{s.note('expected_length_minutes')}"
    )
    if s.school_day_ends:
        bits.append(
            f"should end by {s.school_day_ends.strftime('%H:%M')}, the end of the school day"
            f"{s.note('school_day_ends')} ({s.school_day_source})"
        )
    else:
        bits.append(f"no end of the school day set{s.note('school_day_ends')}")
    session.append("; ".join(bits) + (f" ({s.source})" if s.source else ""))
    a, p = profile.attendance, profile.plans
    checks = Text("Checks: ", style="bold")
    checks.append(
        "; ".join(
            [
                f"children's views recorded from age {a.child_views_from_age}"
                f"{a.note('child_views_from_age')} ({a.child_views_source})",
                f"young children (not normally present) under {a.young_child_under}"
                f"{a.note('young_child_under')} ({a.young_child_source})",
                f"replies chased {a.reply_needed_working_days} working days before"
                f"{a.note('reply_needed_working_days')}",
                *(
                    [
                        "a report from every agency invited, chased from "
                        f"{a.report_chased_working_days} working days before the reports' "
                        f"deadline{a.note('report_chased_working_days')} "
                        f"({a.report_from_all_source or a.report_source})"
                    ]
                    if a.report_from_all
                    else []
                ),
                *(
                    [
                        f"a review within {p.young_child_review}{p.note('young_child_review')} "
                        f"considered for a child under {p.young_child_under} ({p.source})"
                    ]
                    if p.young_child_review
                    else []
                ),
                *(
                    [f"plans over {p.long_plan}{p.note('long_plan')} reconsidered ({p.source})"]
                    if p.long_plan
                    else []
                ),
            ]
        )
    )
    parts: list[RenderableType] = [head, table, quorum, session, checks]
    # what this procedure's letters say that others' do not, each with the text that says it
    own = [
        (
            s.chair_meets_family,
            "the chair meets the family before the start",
            s.chair_meets_family_source,
        ),
        (a.agency_format, "agencies report in their own format", a.agency_format_source),
        (
            bool(a.report_copy_to),
            "an absentee's report goes to the social worker too",
            f"{a.report_copy_to_source}; never a police report: London CP4 7.10",
        ),
        (
            profile.paperwork.record_translated,
            "the record is translated for a family member who needs an interpreter",
            profile.paperwork.record_translated_source,
        ),
        (
            profile.paperwork.review_date_set_at_initial,
            "the initial conference sets the first review's date",
            profile.paperwork.review_date_set_at_initial_source,
        ),
        (
            profile.exclusion.chair_offers_to_meet,
            "the chair offers to meet an excluded parent",
            profile.exclusion.chair_offers_to_meet_source,
        ),
        (
            profile.exclusion.included_in_plan,
            "an excluded parent is included in making the plan",
            profile.exclusion.included_in_plan_source,
        ),
    ]
    said = [f"{words} ({source})" for on, words, source in own if on]
    if said:
        letters = Text("Letters: ", style="bold")
        letters.append("; ".join(said))
        parts.append(letters)
    terms = profile.terms
    if terms != type(terms)():  # a nation's own words (England's are the defaults)
        words = Text("Terms: ", style="bold")
        bits = [f"the {terms.meeting} ({terms.meeting_short})", f"the {terms.plan}"]
        if terms.has_register:
            bits.append(f"the {terms.register_name}")
        if terms.strategy_discussion_short:
            bits.append(f"the {terms.strategy_discussion} ({terms.strategy_discussion_short})")
        if terms.reporter:
            bits.append(f"the {terms.reporter}")
        words.append("; ".join(bits) + f" ({terms.source})")
        parts.append(words)
    for r in profile.reminders:
        parts.append(Text(f"• Reminder ({r.code}): {r.message.rstrip().rstrip('.')} ({r.source})."))
    for note in profile.notes:
        parts.append(Text(f"• {note}"))
    return Group(*parts)
