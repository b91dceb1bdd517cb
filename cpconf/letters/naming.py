"""File names of the documents: the kind and the person, in plain ASCII."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# -- file names --------------------------------------------------------------------------

_TRANSLIT = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "ı": "i",
    }
)


def slug(text: str, limit: int = 40) -> str:
    """Lower-case ASCII letters, digits and hyphens: safe in a file name on any system."""
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
        .encode("ascii", "ignore")
        .decode("ascii")
        .lower()
    )
    words = re.findall(r"[a-z0-9]+", ascii_text)
    out = "-".join(words)[:limit].strip("-")
    return out


def filename(kind: str, person_id: str | None = None, name: str = "") -> str:
    """`invitation-hv-priya-patel.docx`: the id keeps it unique, the name makes it readable.

    Only [a-z0-9-_.] and never a Windows device name (the kind comes first), so the name
    is safe on Windows and Linux whatever the case file says.
    """
    stem = kind.replace("_", "-")
    if person_id:
        pid = person_id
        if len(pid) > 40:  # ids have no length limit; keep paths short, and unique
            pid = pid[:30] + "-" + hashlib.sha1(person_id.encode()).hexdigest()[:8]
        stem += f"-{pid}"
        name_part = slug(name)
        if name_part and name_part != pid:
            stem += f"-{name_part}"
    return stem + ".docx"
