"""Writing files so that nothing is lost: never a half-written file, never an unasked overwrite."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cpconf.errors import OutputError


def temp_file(folder: Path, target: str, data: bytes) -> Path:
    """`data` in a hidden temporary file beside `target`, synced to disk, ready to move."""
    fd, name = tempfile.mkstemp(prefix=f".{target}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def write_new(path: Path, data: bytes, force: bool = False) -> None:
    """Write `path` whole or not at all; refuse (OutputError) to replace it unless `force`."""
    exists = OutputError(
        [OutputError.single(path, "the file already exists; nothing was written.").problems[0]],
        exists=True,
    )
    try:
        if path.is_dir():
            raise OutputError.single(path, "this is a folder: give a file name")
        if path.exists() and not force:
            raise exists
        folder = path.parent
        if not folder.is_dir():
            raise OutputError.single(path, f"no such folder: {folder}")
        tmp = temp_file(folder, path.name, data)
        try:
            if force:
                os.replace(tmp, path)
            else:
                os.link(tmp, path)  # fails if the file appeared meanwhile: never overwritten
        finally:
            tmp.unlink(missing_ok=True)
    except FileExistsError:
        raise exists from None
    except OSError as exc:
        raise OutputError.single(path, f"cannot write the file: {exc.strerror or exc}") from None
