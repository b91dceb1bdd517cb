"""Write N realistic case files into a folder, for `cpconf caseload` benchmarks and trials.

    python benchmarks/gen_caseload.py OUT_DIR N [--today 2026-11-23] [--seed 1] [--invalid K]

The cases look like a council's: mostly initial and review conferences, some
pre-birth and transfer-in; dates spread around --today so that some are
overdue, some due this week or next and some long held; outcomes and `done:`
dates recorded for most conferences already held, a few of them late. Names
are made up. With --invalid K, K of the files have a mistake in them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

FIRST = [
    "Amy",
    "Ben",
    "Leo",
    "Mia",
    "Noah",
    "Ava",
    "Zara",
    "Kai",
    "Ruby",
    "Theo",
    "Isla",
    "Omar",
    "Lily",
    "Jack",
    "Maya",
    "Finn",
    "Aisha",
    "Oscar",
    "Eve",
    "Yusuf",
    "Poppy",
    "Alfie",
    "Hana",
    "Ezra",
    "Grace",
    "Ibrahim",
    "Rosie",
    "Kofi",
    "Ella",
    "Tomasz",
]
LAST = [
    "Smith",
    "Jones",
    "Khan",
    "Martin",
    "Nowak",
    "Okafor",
    "Hughes",
    "Evans",
    "Patel",
    "Murphy",
    "Ahmed",
    "Walsh",
    "Campbell",
    "Mensah",
    "O'Brien",
    "Kowalski",
    "Ali",
    "Taylor",
    "Brown",
    "Wilson",
    "Smith-Owusu",
    "Davies",
    "Rahman",
    "Clarke",
]
ADULTS = [
    "Sarah",
    "Claire",
    "Daniel",
    "Marek",
    "Joanne",
    "Kemi",
    "Paul",
    "Fatima",
    "Lee",
    "Agnieszka",
    "Gemma",
    "Wayne",
]
CHAIRS = [
    ("Helen Carter", "helen.carter"),
    ("Rebecca Osei", "rebecca.osei"),
    ("David Lindqvist", "david.lindqvist"),
    ("Sunita Rao", "sunita.rao"),
    ("Mark Fielding", "mark.fielding"),
]
COORDINATORS = ["Marcus Webb", "Joy Adeyemi", "Tessa Nolan"]
SOCIAL_WORKERS = [
    "Jo Bloggs",
    "Amir Khan",
    "Beth Turner",
    "Sam Okoro",
    "Lucy Grant",
    "Dev Mistry",
    "Hannah Price",
    "Chidi Eze",
    "Kate Byrne",
    "Ollie Shaw",
    "Priya Nair",
    "Tom Ridley",
    "Aoife Kelly",
    "Ravi Desai",
    "Nina Moss",
]
AGENCIES = [
    ("health", "Health visitor", "Example NHS Trust"),
    ("health", "GP", "Mill Lane Surgery"),
    ("education", "Designated safeguarding lead", "Example Primary School"),
    ("police", "Detective constable", "Metropolitan Police"),
    ("housing", "Housing officer", "Example Homes"),
    ("mental_health", "Care coordinator", "Example Mental Health Trust"),
    ("substance_misuse", "Recovery worker", "Example Recovery Service"),
]
PROCEDURES = ["london"] * 14 + ["hackney", "york", "bolton", "warwickshire"]
CATEGORIES = ["neglect", "emotional", "physical", "sexual"]


def _wd(d: dt.date, n: int) -> dt.date:
    """n weekdays after d (bank holidays ignored: the generator only needs plausible dates)."""
    step = 1 if n >= 0 else -1
    while n:
        d += dt.timedelta(days=step)
        if d.weekday() < 5:
            n -= step
    return d


def _weekday(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def case_text(i: int, today: dt.date, rng: random.Random) -> str:
    kind = rng.choices(["initial", "review", "pre-birth", "transfer-in"], [50, 36, 7, 7])[0]
    surname = rng.choice(LAST)
    n_children = rng.choices([1, 2, 3], [55, 32, 13])[0]
    names = rng.sample(FIRST, n_children)
    chair, chair_mail = rng.choice(CHAIRS)
    sw = rng.choice(SOCIAL_WORKERS)
    # How far along the case is: the trigger date anywhere from 4 months ago to this week.
    trigger = _weekday(today - dt.timedelta(days=rng.randint(1, 115)))
    lines = [
        f"# Generated case {i} (benchmarks/gen_caseload.py): names are made up.",
        "case:",
        f"  reference: CP-{trigger.year}-{i:05d}",
        "  local_authority: London Borough of Example",
        f"  procedure: {rng.choice(PROCEDURES)}",
        "conference:",
        f"  type: {kind}",
    ]
    if kind == "initial":
        lines.append(f"  strategy_discussion: {trigger.isoformat()}")
        deadline = _wd(trigger, 15)
    elif kind == "transfer-in":
        lines.append(f"  transfer_notification: {trigger.isoformat()}")
        deadline = _wd(trigger, 15)
    elif kind == "review":
        previous = trigger - dt.timedelta(days=rng.choice([91, 182]))
        previous_type = "initial" if (today - previous).days < 150 else "review"
        lines.append(f"  previous_conference: {previous.isoformat()}")
        lines.append(f"  previous_type: {previous_type}")
        deadline = previous + dt.timedelta(days=91 if previous_type == "initial" else 182)
    else:
        due = today + dt.timedelta(days=rng.randint(40, 140))
        lines.append(f"  due_date: {due.isoformat()}")
        deadline = due - dt.timedelta(weeks=10)
    # Most are booked on time, some a few days late; a few near their deadline not booked yet.
    booked = deadline < today - dt.timedelta(days=7) or rng.random() < 0.75
    date: dt.date | None = None
    if booked:
        slip = rng.choices([0, 0, 0, 0, 0, 1, 3, 6], k=1)[0]
        date = _weekday(_wd(deadline, -rng.randint(0, 4)) + dt.timedelta(days=slip))
        if kind != "pre-birth" and date < trigger:
            date = _weekday(trigger + dt.timedelta(days=1))
        lines.append(f"  date: {date.isoformat()}")
        lines.append(f"  time: {rng.choice(['10:00', '10:30', '13:00'])}")
        lines.append(f"  mode: {rng.choice(['virtual', 'blended', 'face-to-face'])}")
        if date > deadline and rng.random() < 0.5:
            lines.append(
                "  delay_reason: The family asked for a later date to arrange an advocate."
            )
    lines += [
        "  chair:",
        f"    name: {chair}",
        f"    email: {chair_mail}@example.gov.uk",
        "  coordinator:",
        f"    name: {rng.choice(COORDINATORS)}",
        "    email: cp.conferences@example.gov.uk",
        "children:",
    ]
    ids = []
    for n, first in enumerate(names):
        cid = f"{first.lower()}{n}"
        ids.append(cid)
        lines += [f"  - id: {cid}", f'    name: "{first} {surname}"']
        if kind == "pre-birth" and n == 0:
            lines.append("    unborn: true")
        else:
            dob = today - dt.timedelta(days=rng.randint(200, 5800))
            lines.append(f"    dob: {dob.isoformat()}")
    mum = rng.choice(ADULTS)
    lines += [
        "family:",
        "  - id: mum",
        f'    name: "{mum} {surname}"',
        "    relationship: mother",
        f"    address: {rng.randint(1, 120)} Example Road, London E8 1AA",
    ]
    if rng.random() < 0.4:
        lines += [
            "  - id: dad",
            f'    name: "{rng.choice(ADULTS)} {rng.choice(LAST)}"',
            "    relationship: father",
            "    address_confidential: true",
            "    address: Flat 3, 22 Refuge Close, London N1 9ZZ",
        ]
    held = date is not None and date < today
    attendance = "attended" if held else "attending"
    lines += [
        "professionals:",
        "  - id: sw",
        f"    name: {sw}",
        "    role: Social worker",
        "    agency: children_social_care",
        "    organisation: Example Children's Social Care",
        f"    email: {sw.lower().replace(' ', '.')}@example.gov.uk",
        "    contact_with: all",
        f"    attendance: {attendance}",
    ]
    for k, (agency, role, org) in enumerate(rng.sample(AGENCIES, rng.randint(2, 4))):
        lines += [
            f"  - id: p{k}",
            f"    name: {rng.choice(ADULTS)} {rng.choice(LAST)}",
            f"    role: {role}",
            f"    agency: {agency}",
            f'    organisation: "{org}"',
            f"    contact_with: {rng.choice(['all', '[' + ids[0] + ']'])}",
            f"    attendance: {rng.choice([attendance, attendance, 'apologies'])}",
        ]
    done: list[str] = []
    if held and date is not None and rng.random() < 0.95:
        plan = rng.choices(["child-protection", "child-in-need"], [80, 20])[0]
        lines += ["outcome:", "  decisions:"]
        for cid in ids:
            lines += [f"    - child: {cid}", f"      plan: {plan}"]
            if plan == "child-protection":
                lines.append(f"      category: {rng.choice(CATEGORIES)}")
        lines += ["  lead_social_worker: sw", "  core_group: [sw, mum]"]
        # Letters and records: mostly on time, some late, some not recorded yet.
        tasks = [("decision_letter", 1, 0.95), ("conference_record", 20, 0.9)]
        if plan == "child-protection" and kind != "review":
            tasks.append(("first_core_group", 10, 0.85))
        for task, days, chance in tasks:
            sent = _wd(date, days + rng.choices([-1, 0, 0, 0, 1, 4], k=1)[0])
            if sent < today and rng.random() < chance:
                done.append(f"  {task}: {sent.isoformat()}")
    elif date is not None:
        # Reports for a conference still to come: most in on time, where already due.
        before = 5 if kind == "review" else 2
        for task in (
            "social_worker_report_to_parents",
            "social_worker_report_to_chair",
            "agency_reports",
        ):
            sent = _wd(date, -before - rng.choice([0, 0, 1, 2]))
            if sent < today and rng.random() < 0.85:
                done.append(f"  {task}: {sent.isoformat()}")
    if done:
        lines += ["done:", *done]
    return "\n".join(lines) + "\n"


def generate(out: Path, n: int, today: dt.date, seed: int = 1, invalid: int = 0) -> list[Path]:
    """Write n case files into `out` (in subfolders of 500, as a council's share might be)."""
    rng = random.Random(seed)
    paths = []
    bad = set(rng.sample(range(n), min(invalid, n)))
    for i in range(n):
        folder = out / f"team-{i // 500 + 1:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = case_text(i + 1, today, rng)
        if i in bad:
            text = text.replace("  type: ", "  typ: ", 1)  # a typo, as people make them
        path = folder / f"case-{i + 1:05d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--today", default="2026-11-23")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--invalid", type=int, default=0)
    args = parser.parse_args()
    paths = generate(args.out, args.n, dt.date.fromisoformat(args.today), args.seed, args.invalid)
    print(f"wrote {len(paths)} case files under {args.out}")


if __name__ == "__main__":
    main()
