"""Word documents to PDF with LibreOffice: one run for a whole pack, in a folder of its own.

LIBRARIES.md: only one soffice runs per profile, so each run gets a fresh profile folder
(`-env:UserInstallation`); one start converts every file (a start costs seconds).
Nothing is written beside the documents: the conversion happens in a temporary folder and
the PDFs come back as bytes, to be written with the rest of the pack all or nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from cpconf.errors import OutputError

TIMEOUT_SECONDS = 600  # a large pack on a slow machine; a hung LibreOffice must not hang us

# Where the installers put soffice when it is not on the PATH.
_KNOWN_PLACES = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)

INSTALL_HELP = (
    "LibreOffice is needed to make PDFs and was not found. Install it, then run again: "
    "on Windows, from https://www.libreoffice.org/download/ (or `winget install "
    "TheDocumentFoundation.LibreOffice`); on macOS, `brew install --cask libreoffice` or "
    "from the same page; on Linux, your distribution's package (Debian and Ubuntu: `sudo "
    "apt-get install libreoffice-writer`; Fedora: `sudo dnf install libreoffice-writer`). "
    "Nothing was written."
)


def find_soffice() -> str | None:
    """The LibreOffice program: `CPCONF_SOFFICE`, else on the PATH, else where installers put it."""
    chosen = os.environ.get("CPCONF_SOFFICE")
    if chosen is not None:
        return chosen if Path(chosen).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _KNOWN_PLACES if Path(p).is_file()), None)


def require_soffice() -> str:
    """The LibreOffice program, or OutputError saying how to install it."""
    found = find_soffice()
    if found is None:
        chosen = os.environ.get("CPCONF_SOFFICE")
        if chosen is not None:
            raise OutputError.single(
                chosen, "CPCONF_SOFFICE names this as LibreOffice, but it is not a file."
            )
        raise OutputError.single("LibreOffice", INSTALL_HELP)
    return found


def to_pdf(documents: Mapping[str, bytes], soffice: str | None = None) -> dict[str, bytes]:
    """Each Word document (file name -> bytes) as PDF (`x.docx` -> `x.pdf` -> bytes).

    One LibreOffice run converts them all. Raises OutputError if LibreOffice fails or leaves
    a document out; the temporary folder is removed whatever happens.
    """
    if not documents:
        return {}
    program = soffice or require_soffice()
    with tempfile.TemporaryDirectory(prefix="cpconf-pdf-") as tmp:
        root = Path(tmp)
        source, out, profile = root / "docx", root / "pdf", root / "profile"
        for folder in (source, out, profile):
            folder.mkdir()
        for name, data in documents.items():
            (source / name).write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *(str(source / name) for name in documents),
        ]
        try:
            run = subprocess.run(
                command,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
                # no console window flashing up for each run on Windows
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0)
                if sys.platform == "win32"
                else 0,
            )
        except subprocess.TimeoutExpired:
            raise OutputError.single(
                "LibreOffice",
                f"did not finish converting to PDF within {TIMEOUT_SECONDS} seconds; nothing "
                "was written.",
            ) from None
        except OSError as exc:
            raise OutputError.single(
                program, f"LibreOffice could not be started ({exc}); nothing was written."
            ) from None
        pdfs: dict[str, bytes] = {}
        missing = []
        for name in documents:
            pdf = out / (Path(name).stem + ".pdf")
            if pdf.is_file() and pdf.read_bytes().startswith(b"%PDF-"):
                pdfs[name] = pdf.read_bytes()
            else:
                missing.append(name)
        if missing:
            said = (run.stderr or run.stdout).decode("utf-8", "replace").strip()
            raise OutputError.single(
                "LibreOffice",
                f"could not convert {', '.join(missing)} to PDF (exit {run.returncode}"
                + (f": {said.splitlines()[-1]}" if said else "")
                + "); nothing was written.",
            )
        return pdfs


def pdf_name(docx_name: str) -> str:
    """`invitation-sw-jo-bloggs.docx` -> `invitation-sw-jo-bloggs.pdf`."""
    return str(Path(docx_name).with_suffix(".pdf"))
