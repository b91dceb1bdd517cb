"""Time `cpconf letters` per extra document against a floor measured in the same run.

    python benchmarks/bench_letters.py [--repeat 9]

Two cases are generated here, alike but for the number of professionals: a pack of 19
documents (7 professionals) and one of 69 (32 professionals). The cost of a document is
the extra time per extra document between the two packs, so that what is paid once a
run (compiling the templates, the manifest, the folder) is left out of it.

The floor is the least any .docx writer must do per document: render the template's
document.xml with plain Jinja (compiled once) and write the .docx zip with zipfile.
Target: `cpconf letters` at most 1.5 times the floor per extra document.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import jinja2
from docxtpl import DocxTemplate

from cpconf.case import Agency
from cpconf.conference import Conference, open_case
from cpconf.letters import make_letters, plan_documents
from cpconf.letters.engine import sandbox
from cpconf.letters.kinds import PlannedDocument
from cpconf.letters.templates import template_paths
from cpconf.schedule import Schedule

# every agency but children's social care (one social worker) and the catch-alls
AGENCIES = [a for a in get_args(Agency) if a not in ("children_social_care", "legal", "other")]
TODAY = dt.date(2026, 11, 10)
SMALL, LARGE = 7, 32  # professionals: packs of 19 and 69 documents


def large_case(professionals: int = 20, outcome: bool = False) -> str:
    """A case with 5 children, 3 family members (one excluded in part, one in full) and
    `professionals` professionals: 2 * professionals + 5 documents (more with an outcome)."""
    children = "\n".join(
        f"  - {{id: c{i}, name: Child {i} Example-Ńowak, dob: 201{i}-0{i + 1}-1{i}, "
        f"subject: {'true' if i < 4 else 'false'}}}"
        for i in range(5)
    )
    family = "\n".join(
        f"  - {{id: f{i}, name: Parent {i} O'Brien & Co, relationship: carer, "
        f"address: '{i} Example Road, London E8 1AA', address_confidential: {str(i == 1).lower()}, "
        f"excluded: {['none', 'part', 'full'][i]}}}"
        for i in range(3)
    )
    profs = [
        "  - {id: sw, name: Jo Bloggs, role: Social worker, agency: children_social_care, "
        "organisation: Example CSC, email: jo@example.gov.uk, contact_with: all, "
        "attendance: attending}"
    ]
    for i in range(1, professionals):
        agency = AGENCIES[i % len(AGENCIES)]
        profs.append(
            f"  - {{id: p{i}, name: Professional {i} Łukasiewicz, role: Practitioner, "
            f"agency: {agency}, organisation: 'Smith & Jones <Ltd> {i}', "
            f"email: p{i}@example.org, contact_with: [c{i % 5}], attendance: attending}}"
        )
    decisions = "\n".join(
        f"    - {{child: c{i}, plan: child-protection, category: neglect}}" for i in range(4)
    )
    held = f"""\
outcome:
  decisions:
{decisions}
  lead_social_worker: sw
  core_group: [sw, p1, p2, f0]
  dissent: [{{by: p3, view: would have preferred a child in need plan}}]
  contingency: Legal advice will be sought if the plan is not followed.
"""
    return f"""\
case: {{reference: CP-BENCH-1, local_authority: London Borough of Example}}
conference:
  type: initial
  strategy_discussion: 2026-11-02
  date: 2026-11-20
  time: 10:00
  mode: blended
  venue: Room 2.14, Example Town Hall; online at meet.example.gov.uk/cp-bench
  chair: {{name: Helen Carter, email: helen.carter@example.gov.uk}}
  coordinator: {{name: Marcus Webb, email: cp@example.gov.uk, phone: 020 7946 0102}}
children:
{children}
family:
{family}
professionals:
{chr(10).join(profs)}
{held if outcome else ""}"""


def floor_pack(docs: list[PlannedDocument], out: Path) -> None:
    """Plain Jinja on document.xml (compiled once per kind) and zipfile: nothing else."""
    env = jinja2.Environment(autoescape=True)
    compiled = {}
    for kind, path in template_paths().items():
        with zipfile.ZipFile(path) as z:
            entries = [(i, z.read(i)) for i in z.infolist()]
        helper = DocxTemplate(path)
        xml = dict((i.filename, raw) for i, raw in entries)["word/document.xml"].decode()
        compiled[kind] = (entries, env.from_string(helper.patch_xml(xml)))
    for doc in docs:
        entries, template = compiled[doc.kind]
        body = template.render(doc.context).encode()
        with zipfile.ZipFile(out / doc.filename, "w", zipfile.ZIP_DEFLATED) as z:
            for info, raw in entries:
                z.writestr(info, body if info.filename == "word/document.xml" else raw)


def docxtpl_naive(docs: list[PlannedDocument], out: Path) -> None:
    """docxtpl as its README shows it: load, render and save each document."""
    paths = template_paths()
    for doc in docs:
        tpl = DocxTemplate(paths[doc.kind])
        tpl.render(doc.context, jinja_env=sandbox(), autoescape=True)
        tpl.save(out / doc.filename)


def once(fn: Callable[[Path], Any]) -> float:
    folder = Path(tempfile.mkdtemp(prefix="cpconf-bench-"))
    try:
        start = time.perf_counter()
        fn(folder / "out")
        return time.perf_counter() - start
    finally:
        shutil.rmtree(folder)


def load(tmp: Path, professionals: int) -> tuple[Conference, Schedule, list[PlannedDocument]]:
    path = tmp / f"case-{professionals}.yaml"
    path.write_text(large_case(professionals), encoding="utf-8")
    conference = open_case(path)
    plan = conference.plan(TODAY)
    return conference, plan, plan_documents(conference, plan)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small, large = load(Path(tmp), SMALL), load(Path(tmp), LARGE)
    extra = len(large[2]) - len(small[2])

    def ours(case: tuple[Conference, Schedule, list[PlannedDocument]]) -> Callable[[Path], None]:
        return lambda out: None if make_letters(case[0], case[1], out) else None

    def floor(case: tuple[Conference, Schedule, list[PlannedDocument]]) -> Callable[[Path], None]:
        def run(out: Path) -> None:
            out.mkdir()
            floor_pack(case[2], out)

        return run

    def naive(out: Path) -> None:
        out.mkdir()
        docxtpl_naive(small[2][:10], out)

    runs: dict[str, list[float]] = {k: [] for k in ("ours19", "ours69", "floor19", "floor69")}
    once(ours(large))  # imports and caches out of the timing
    for _ in range(args.repeat):  # interleaved, so that a slow moment hits all alike
        runs["ours19"].append(once(ours(small)))
        runs["ours69"].append(once(ours(large)))
        runs["floor19"].append(once(floor(small)))
        runs["floor69"].append(once(floor(large)))
    med = {k: statistics.median(v) for k, v in runs.items()}
    per_ours = (med["ours69"] - med["ours19"]) / extra
    per_floor = (med["floor69"] - med["floor19"]) / extra
    per_naive = once(naive) / 10
    print(
        f"{os.cpu_count()} CPUs, {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.system()}; median of {args.repeat} runs"
    )
    print(f"packs of {len(small[2])} and {len(large[2])} documents ({extra} extra)\n")
    print(f"{'':16}{'19 docs':>10}{'69 docs':>10}{'per extra doc':>15}")
    print(
        f"{'cpconf letters':16}{med['ours19'] * 1000:8.1f}ms{med['ours69'] * 1000:8.1f}ms"
        f"{per_ours * 1000:12.2f} ms"
    )
    print(
        f"{'floor':16}{med['floor19'] * 1000:8.1f}ms{med['floor69'] * 1000:8.1f}ms"
        f"{per_floor * 1000:12.2f} ms   (plain Jinja + zipfile)"
    )
    print(f"{'docxtpl render':16}{'':20}{per_naive * 1000:12.2f} ms   (load, render, save each)")
    ratio = per_ours / per_floor
    print(f"\nratio to floor per extra document: {ratio:.2f} (target: at most 1.5)")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
