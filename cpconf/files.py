"""Writing files so that nothing is lost or left: never a half-written file, never an unasked
overwrite, never a temporary file left behind, whatever stops the run.

- `write_new`: one file, whole or not at all (`plan --ics`).
- `Staging`: many files, all or none (`letters`): written into one hidden temporary folder
  inside the output folder, synced, then put in place together; one removal cleans it up.
- `SignalGuard`: while files are written, Ctrl-C (SIGINT) and SIGTERM become exceptions, so
  that the clean-up in `finally` runs: SIGTERM's default action kills the process at once,
  and a second Ctrl-C could cut the clean-up short.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import shutil
import signal
import tempfile
import threading
from collections import deque
from collections.abc import Collection, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import FrameType, TracebackType

from cpconf.errors import OutputError

# -- stopping cleanly ----------------------------------------------------------------------


class Terminated(SystemExit):
    """SIGTERM arrived while files were being written.

    Raised in its place so that the clean-up runs; the process then ends with the status a
    shell gives a SIGTERM (128 + 15).
    """

    def __init__(self, signum: int = signal.SIGTERM) -> None:
        super().__init__(128 + signum)


def _stop(signum: int) -> BaseException:
    return KeyboardInterrupt() if signum == signal.SIGINT else Terminated(signum)


class SignalGuard:
    """Turn SIGINT and SIGTERM into exceptions while files are written; restore after.

    By default a signal is held until the guard is left (the steps that must not be cut in
    two: making the staging folder, putting files in place, removing what was staged) and
    then raised; inside `live()` it is raised at once (rendering and staging, which may take
    long and leave nothing behind once the staging folder is removed). Once one signal has
    been raised, later ones are ignored until the guard is left, so that a second Ctrl-C
    cannot cut the clean-up short.

    Only the main thread can set handlers: elsewhere the guard does nothing. A signal
    whose handler is not the default (ignored, or the caller's own) is left alone.
    """

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self._old: dict[int, object] = {}
        self._live = False
        self._raised = False
        self._pending: int | None = None

    def __enter__(self) -> SignalGuard:
        if threading.current_thread() is threading.main_thread():
            for signum in self.SIGNALS:
                if signal.getsignal(signum) in (signal.SIG_DFL, signal.default_int_handler):
                    self._old[signum] = signal.signal(signum, self._handle)
        return self

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self._raised:
            return  # already stopping: let the clean-up finish
        if not self._live:
            self._pending = self._pending or signum
            return
        self._raised = True
        raise _stop(signum)

    @contextlib.contextmanager
    def live(self) -> Iterator[None]:
        """A stretch that a signal may interrupt at once (a held one is raised on entry)."""
        if self._pending is not None and not self._raised:
            self._raised = True
            raise _stop(self._pending)
        self._live = True
        try:
            yield
        finally:
            self._live = False

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for signum, old in self._old.items():
            signal.signal(signum, old)  # type: ignore[arg-type]
        self._old.clear()
        if kind is None and self._pending is not None and not self._raised:
            self._raised = True
            raise _stop(self._pending)  # the work is done and in place: now stop


# -- one file ------------------------------------------------------------------------------

# link() is not supported here (FAT, some network shares): fall back to check, then rename
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS}


def place_new(src: Path, dst: Path) -> None:
    """Give `src` the name `dst`, never replacing a file: FileExistsError if there is one.

    A hard link fails if `dst` appeared meanwhile, so a file someone wrote between our check
    and now is never overwritten; `src` is then left for the caller to remove. Where the
    file system has no hard links, `src` is checked for, then renamed.
    """
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        if os.path.lexists(dst):
            raise FileExistsError(errno.EEXIST, "File exists", str(dst)) from None
        os.replace(src, dst)


@functools.cache
def _usual_mode() -> int:
    """0o666 less the process's umask: the mode a new file of any program gets."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def temp_file(folder: Path, target: str, data: bytes) -> Path:
    """`data` in a hidden temporary file beside `target`, synced to disk, ready to move."""
    fd, name = tempfile.mkstemp(prefix=f".{target}.", suffix=".tmp", dir=folder)
    try:
        if hasattr(os, "fchmod"):  # mkstemp's 0o600: the finished file gets the usual mode
            os.fchmod(fd, _usual_mode())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def refuse_existing(paths: Sequence[Path], force: bool = False) -> None:
    """Before a command writes several files one by one: refuse (OutputError), writing
    none, if any of them exists and not `force`, naming every one."""
    existing = [p for p in paths if p.exists() or p.is_symlink()]
    if existing and not force:
        raise OutputError(
            [
                OutputError.single(p, "the file already exists; nothing was written.").problems[0]
                for p in existing
            ],
            exists=True,
        )


def write_new(path: Path, data: bytes, force: bool = False, make_folder: bool = False) -> None:
    """Write `path` whole or not at all; refuse (OutputError) to replace it unless `force`.
    `make_folder`: make the folders it goes in where they are missing (and remove them
    again if the file is not written).

    A signal that arrives meanwhile waits until the file is written (or not) and the
    temporary file is gone: one small file takes a moment.
    """
    exists = OutputError(
        [OutputError.single(path, "the file already exists; nothing was written.").problems[0]],
        exists=True,
    )
    folder = path.parent
    created = [f for f in (folder, *folder.parents) if not f.exists()] if make_folder else []
    with SignalGuard():
        try:
            if path.is_dir():
                raise OutputError.single(path, "this is a folder: give a file name")
            if path.exists() and not force:
                raise exists
            if created:
                folder.mkdir(parents=True)
            if not folder.is_dir():
                raise OutputError.single(path, f"no such folder: {folder}")
            tmp = temp_file(folder, path.name, data)
            try:
                if force:
                    os.replace(tmp, path)
                else:
                    place_new(tmp, path)  # never overwrites a file that appeared meanwhile
            finally:
                tmp.unlink(missing_ok=True)
        except FileExistsError:
            _remove_empty(created)
            raise exists from None
        except OSError as exc:
            _remove_empty(created)
            raise OutputError.single(
                path, f"cannot write the file: {exc.strerror or exc}"
            ) from None
        except BaseException:
            _remove_empty(created)
            raise


def _remove_empty(folders: list[Path]) -> None:
    """The folders a write made, innermost first, where they are still empty."""
    for f in folders:
        with contextlib.suppress(OSError):
            f.rmdir()


# -- many files, all or none ---------------------------------------------------------------


def _write_synced(path: Path, data: bytes) -> None:
    # 0o666 less the umask, as any program's files: the staging folder itself is private
    # (0o700) until the files are put in place, where colleagues may need to open them
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def sync_folder(folder: Path) -> None:
    """Make the names just put in `folder` durable (where the system allows it)."""
    with contextlib.suppress(OSError):  # Windows cannot open a folder; some systems refuse
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Staging:
    """Files written into one hidden temporary folder inside `folder`, then put in place.

    Each file is written and synced to disk by a few threads while the caller prepares the
    next: syncs issued together share the disk's flushes, where one after another each
    waits for its own (on a busy disk 7 ms a file against 0.3 ms). Only what is fully
    written and synced is ever put in place. `close()` removes the folder and all in it.
    """

    WORKERS = 8
    AHEAD = 32  # files waiting to be written, at most: memory stays small on a large pack

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = Path(tempfile.mkdtemp(prefix=".cpconf-writing-", dir=folder))
        self._new = self.path / "new"
        self._old = self.path / "old"
        try:
            self._new.mkdir()
        except BaseException:
            shutil.rmtree(self.path, ignore_errors=True)
            raise
        self._names: list[str] = []
        self._pending: deque[tuple[str, Future[None]]] = deque()
        self._pool = ThreadPoolExecutor(self.WORKERS, thread_name_prefix="cpconf-write")

    def add(self, name: str, data: bytes) -> None:
        """Stage `data` as `name` (a plain file name); raises OutputError naming the file."""
        while len(self._pending) >= self.AHEAD:
            self._collect(*self._pending.popleft())
        self._names.append(name)
        self._pending.append((name, self._pool.submit(_write_synced, self._new / name, data)))

    def _collect(self, name: str, future: Future[None]) -> None:
        try:
            future.result()
        except OSError as exc:  # the document's name, never the staged file's
            reason = exc.strerror or type(exc).__name__
            raise OutputError.single(self.folder, f"cannot write {name}: {reason}.") from None

    def finish(self) -> None:
        """Wait until every staged file is written and synced."""
        while self._pending:
            self._collect(*self._pending.popleft())

    def commit(self, force: bool = False, replace: Collection[str] = ()) -> None:
        """Put every staged file in place, or (on any error) none: what was there stays.

        Without `force`, FileExistsError if a file appeared meanwhile (none is replaced).
        With it, each file replaced is kept aside until all are in place. The files named
        in `replace` (a pack's manifest being added to) are replaced as with `force`.
        """
        self.finish()
        self._old.mkdir()
        placed: list[tuple[Path, Path | None]] = []  # target, and what it replaced
        try:
            for name in self._names:
                src, dst = self._new / name, self.folder / name
                if not force and name not in replace:
                    try:
                        place_new(src, dst)
                    except FileExistsError:  # appeared meanwhile: named, and kept
                        raise FileExistsError(errno.EEXIST, "File exists", str(dst)) from None
                    placed.append((dst, None))
                    continue
                backup = None
                if os.path.lexists(dst):
                    backup = self._old / name
                    try:
                        os.link(dst, backup, follow_symlinks=False)
                    except OSError:
                        os.replace(dst, backup)  # no hard links here: moved aside instead
                placed.append((dst, backup))  # before: a failed replace is undone too
                os.replace(src, dst)
        except FileExistsError:
            self._undo(placed)
            raise
        except OSError as exc:  # the document's name, never the staged file's
            self._undo(placed)
            reason = exc.strerror or type(exc).__name__
            raise OutputError.single(self.folder, f"cannot write {name}: {reason}.") from None
        except BaseException:
            self._undo(placed)
            raise
        sync_folder(self.folder)

    @staticmethod
    def _undo(placed: list[tuple[Path, Path | None]]) -> None:
        """Put back what was there before the files placed so far."""
        for dst, backup in reversed(placed):
            with contextlib.suppress(OSError):
                if backup is None:
                    dst.unlink()
                else:
                    os.replace(backup, dst)

    def close(self) -> None:
        """Stop the writers and remove the staging folder with all that is left in it."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.path, ignore_errors=True)
