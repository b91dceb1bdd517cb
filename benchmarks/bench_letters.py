"""Time `cpconf letters` on a large case against a floor measured in the same run.

    python benchmarks/bench_letters.py [--repeat 5]

The case (5 children, 20 professionals, 4 family members, with an outcome) is generated
here. The floor is the least any .docx writer must do per document: render the
template's document.xml with plain Jinja (compiled once) and write the .docx zip with
zipfile. Target: at most 1.5 times the floor per document.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import get_args

import jinja2
from docxtpl import DocxTemplate

from cpconf.case import Agency
from cpconf.conference import open_case
from cpconf.letters import make_letters, plan_documents
from cpconf.letters.engine import sandbox
from cpconf.letters.templates import template_paths
from cpconf.schedule import build_schedule

# every agency but children's social care (one social worker) and the catch-alls
AGENCIES = [a for a in get_args(Agency) if a not in ("children_social_care", "legal", "other")]


def large_case() -> str:
    children = "\n".join(
        f"  - {{id: c{i}, name: Child {i} Example-Ńowak, dob: 201{i}-0{i + 1}-1{i}, "
        f"subject: {'true' if i < 4 else 'false'}}}"
        for i in range(5)
    )
    family = "\n".join(
        f"  - {{id: f{i}, name: Parent {i} O'Brien & Co, relationship: carer, "
        f"address: '{i} Example Road, London E8 1AA', address_confidential: {str(i == 1).lower()}, "
        f"excluded: {['none', 'none', 'part', 'full'][i]}}}"
        for i in range(4)
    )
    profs = [
        "  - {id: sw, name: Jo Bloggs, role: Social worker, agency: children_social_care, "
        "organisation: Example CSC, email: jo@example.gov.uk, contact_with: all, "
        "attendance: attending}"
    ]
    for i in range(1, 20):
        agency = AGENCIES[i % len(AGENCIES)]
        profs.append(
            f"  - {{id: p{i}, name: Professional {i} Łukasiewicz, role: Practitioner, "
            f"agency: {agency}, organisation: 'Smith & Jones <Ltd> {i}', "
            f"email: p{i}@example.org, contact_with: [c{i % 5}], attendance: attending}}"
        )
    decisions = "\n".join(
        f"    - {{child: c{i}, plan: child-protection, category: neglect}}" for i in range(4)
    )
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
outcome:
  decisions:
{decisions}
  lead_social_worker: sw
  core_group: [sw, p1, p2, f0, f1]
  dissent: [{{by: p3, view: would have preferred a child in need plan}}]
  contingency: Legal advice will be sought if the plan is not followed.
"""


def floor_pack(docs: list, out: Path) -> None:
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


def docxtpl_naive(docs: list, out: Path) -> None:
    """docxtpl as its README shows it: load, render and save each document."""
    paths = template_paths()
    for doc in docs:
        tpl = DocxTemplate(paths[doc.kind])
        tpl.render(doc.context, jinja_env=sandbox(), autoescape=True)
        tpl.save(out / doc.filename)


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        folder = Path(tempfile.mkdtemp(prefix="cpconf-bench-"))
        try:
            start = time.perf_counter()
            fn(folder / "out")
            runs.append(time.perf_counter() - start)
        finally:
            shutil.rmtree(folder)
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        case_path = Path(tmp) / "large.yaml"
        case_path.write_text(large_case(), encoding="utf-8")
        loaded = open_case(case_path)
    plan = build_schedule(loaded.case, loaded.profile, loaded.calendar, dt.date(2026, 11, 20))
    docs = plan_documents(loaded, plan)
    n = len(docs)

    def ours(out: Path) -> None:
        make_letters(loaded, plan, out)

    def floor(out: Path) -> None:
        out.mkdir()
        floor_pack(docs, out)

    some = docs[:10]

    def naive(out: Path) -> None:
        out.mkdir()
        docxtpl_naive(some, out)

    ours(Path(tempfile.mkdtemp()) / "warm")  # imports and caches out of the timing
    t_ours = timed(ours, args.repeat)
    t_floor = timed(floor, args.repeat)
    t_naive = timed(naive, max(1, args.repeat // 2))
    per_ours, per_floor, per_naive = t_ours / n, t_floor / n, t_naive / len(some)
    print(f"case: 5 children, 20 professionals, 4 family members, outcome -> {n} documents")
    print(
        f"cpconf letters : {t_ours * 1000:7.1f} ms for the pack, {n / t_ours:6.0f} documents/s, "
        f"{per_ours * 1000:5.2f} ms per document"
    )
    print(
        f"floor          : {t_floor * 1000:7.1f} ms for the pack, {n / t_floor:6.0f} documents/s, "
        f"{per_floor * 1000:5.2f} ms per document (plain Jinja + zipfile)"
    )
    print(f"docxtpl render : {per_naive * 1000:5.2f} ms per document (load, render, save each)")
    ratio = per_ours / per_floor
    print(f"ratio to floor : {ratio:.2f}x (target <= 1.5x)")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
