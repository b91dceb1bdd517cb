"""Whatever stops `cpconf letters`, nothing is left behind (issue 9, section 6).

A real `python -m cpconf letters` process on a 600-professional case is stopped with
Ctrl-C (SIGINT) or SIGTERM while it writes: afterwards the output folder holds what it
held before, byte for byte: no hidden temporary file, no partial pack. The guard and the
all-or-nothing placing are also tested in-process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import get_args

import pytest

from cpconf import files
from cpconf.case import Agency
from cpconf.errors import OutputError
from cpconf.files import SignalGuard, Staging, Terminated

ROOT = Path(__file__).resolve().parent.parent
AGENCIES = [a for a in get_args(Agency) if a not in ("children_social_care", "legal", "other")]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def big_case(professionals: int) -> str:
    profs = [
        "  - {id: sw, name: Jo Bloggs, agency: children_social_care, contact_with: all, "
        "email: jo@example.gov.uk}"
    ]
    profs += [
        f"  - {{id: p{i}, name: Professional {i} Łukasiewicz, agency: "
        f"{AGENCIES[i % len(AGENCIES)]}, organisation: 'Smith & Jones {i}', "
        f"email: p{i}@example.org, contact_with: [amy]}}"
        for i in range(1, professionals)
    ]
    return f"""\
case: {{reference: CP-BIG-1, local_authority: London Borough of Example}}
conference:
  type: initial
  strategy_discussion: 2026-11-02
  date: 2026-11-20
  time: 10:00
  venue: Room 2.14, Example Town Hall
  chair: {{name: Helen Carter, email: helen.carter@example.gov.uk}}
children:
  - {{id: amy, name: Amy Smith, dob: 2019-03-14}}
family:
  - {{id: mum, name: Sarah Smith, relationship: mother, address: 1 Example Road}}
professionals:
{chr(10).join(profs)}
"""


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    path.write_text(big_case(600), encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every entry under `folder`, hidden ones too, with its bytes (folders as b'/')."""
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"/"
        for p in sorted(folder.rglob("*"))
    }


def staged_files(folder: Path) -> int:
    """Hidden files under `folder` (or in a hidden folder in it): documents being written."""
    return sum(
        1
        for p in folder.rglob("*")
        if p.is_file() and any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def stop_midway(case: Path, out: Path, signum: int, *extra: str) -> subprocess.CompletedProcess:
    """Start `cpconf letters`, wait until documents are being staged, then send `signum`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "cpconf", "letters", str(case), "--out", str(out)]
        + ["--today", "2026-11-10", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 120
    while staged_files(out) < 20:  # well into the pack, with temporary files on the disk
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "no document was staged in two minutes"
        time.sleep(0.005)
    proc.send_signal(signum)
    stdout, stderr = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_midway_leaves_the_folder_as_it_was(big, tmp_path, signum):
    out = tmp_path / "pack"
    out.mkdir()
    (out / "notes.txt").write_text("the coordinator's own notes", encoding="utf-8")
    before = snapshot(out)
    done = stop_midway(big, out, signum)
    assert done.returncode != 0, "the signal came too late: the pack was finished"
    assert snapshot(out) == before  # no .tmp, no staging folder, no partial document
    assert b"Traceback" not in done.stderr
    if signum == signal.SIGTERM:
        assert done.returncode == 128 + signal.SIGTERM  # as a shell reports a SIGTERM


def test_a_signal_midway_with_force_keeps_the_old_pack(big, tmp_path):
    out = tmp_path / "pack"
    out.mkdir()
    (out / "agenda.docx").write_bytes(b"edited by the coordinator")
    before = snapshot(out)
    done = stop_midway(big, out, signal.SIGTERM, "--force")
    assert snapshot(out) == before
    assert done.returncode == 128 + signal.SIGTERM


def test_a_signal_midway_into_a_new_folder_leaves_no_folder(big, tmp_path):
    out = tmp_path / "new" / "pack"
    done = stop_midway(big, out, signal.SIGINT)
    assert done.returncode != 0
    assert list(tmp_path.iterdir()) == []  # both folders made by the run, removed with it


# -- the guard -------------------------------------------------------------------------


def test_the_guard_raises_sigterm_at_once_when_live_and_restores_the_handler():
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Terminated) as stopped, SignalGuard() as guard, guard.live():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(1)  # the handler runs between two bytecodes: well before this ends
        pytest.fail("SIGTERM was not raised")
    assert stopped.value.code == 128 + signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) is before


def test_the_guard_holds_a_signal_until_the_critical_step_is_done():
    steps = []
    with pytest.raises(KeyboardInterrupt), SignalGuard():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        steps.append("finished")  # not cut short
    assert steps == ["finished"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_second_signal_does_not_cut_the_clean_up_short():
    cleaned = []
    with pytest.raises(KeyboardInterrupt), SignalGuard() as guard:
        try:
            with guard.live():
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(1)
        finally:
            os.kill(os.getpid(), signal.SIGTERM)  # impatient: a second signal
            time.sleep(0.05)
            cleaned.append(True)
    assert cleaned == [True]


def test_the_guard_leaves_an_ignored_signal_ignored():
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with SignalGuard() as guard, guard.live():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, old)


# -- all or none -------------------------------------------------------------------------


def test_a_failure_while_placing_takes_back_what_was_placed(tmp_path, monkeypatch):
    (tmp_path / "b.txt").write_text("old b", encoding="utf-8")
    before = snapshot(tmp_path)
    staging = Staging(tmp_path)
    for name in ("a.txt", "b.txt", "c.txt"):
        staging.add(name, name.encode())
    real = os.replace
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 3:  # a.txt and b.txt are in place, c.txt fails
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(files.os, "replace", failing)
    try:
        with pytest.raises(OutputError, match="cannot write c.txt: No space"):
            staging.commit(force=True)
    finally:
        staging.close()
    assert snapshot(tmp_path) == before


def test_a_file_that_appears_meanwhile_is_kept_and_nothing_is_placed(tmp_path):
    staging = Staging(tmp_path)
    for name in ("a.txt", "b.txt"):
        staging.add(name, b"ours")
    (tmp_path / "b.txt").write_text("someone else's", encoding="utf-8")
    try:
        with pytest.raises(FileExistsError):
            staging.commit()
    finally:
        staging.close()
    assert snapshot(tmp_path) == {"b.txt": b"someone else's"}


def test_a_write_error_names_the_document_not_a_temporary_file(tmp_path, monkeypatch):
    def full(path, data):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(files, "_write_synced", full)
    staging = Staging(tmp_path)
    try:
        staging.add("invitation-hv.docx", b"x")
        with pytest.raises(OutputError) as failed:
            staging.finish()
    finally:
        staging.close()
    assert str(failed.value) == (
        f"{tmp_path}: cannot write invitation-hv.docx: No space left on device."
    )
    assert list(tmp_path.iterdir()) == []


def test_a_signal_while_one_file_is_written_waits_until_it_is_whole(tmp_path, monkeypatch):
    target = tmp_path / "plan.ics"
    real = files.temp_file

    def interrupted(folder, name, data):
        made = real(folder, name, data)
        os.kill(os.getpid(), signal.SIGTERM)  # between the temporary file and the rename
        time.sleep(0.05)
        return made

    monkeypatch.setattr(files, "temp_file", interrupted)
    with pytest.raises(Terminated):
        files.write_new(target, b"BEGIN:VCALENDAR")
    assert target.read_bytes() == b"BEGIN:VCALENDAR"  # written whole, then stopped
    assert os.listdir(tmp_path) == ["plan.ics"]  # and no temporary file


def test_documents_get_the_usual_file_mode(tmp_path):
    """Files are created as any program's are (0o666 less the umask), not private to the
    user: a coordinator's colleagues open the pack on a shared drive."""
    import datetime as dt

    import cpconf
    from tests.conftest import SAMPLES

    old = os.umask(0o022)
    try:
        conference = cpconf.open_case(SAMPLES / "initial.yaml")
        conference.letters(tmp_path / "pack", today=dt.date(2026, 11, 10))
        from cpconf.files import write_new

        write_new(tmp_path / "page.html", b"<p>x</p>")
    finally:
        os.umask(old)
    for path in [*(tmp_path / "pack").iterdir(), tmp_path / "page.html"]:
        assert path.stat().st_mode & 0o777 == 0o644, path.name
