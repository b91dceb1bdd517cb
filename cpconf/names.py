"""People's names as the letters and listings print them: one line, joined, first name, initials.

One place for these, so that a letter, the quorum check and the caseload never disagree
about how a name looks. None of them raises on any text, empty or blank included.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# XML 1.0 allows neither most control characters nor lone surrogates: Word will not open a
# file that holds them, so they are dropped from every value.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Bidirectional controls (embeddings, overrides, isolates, marks) reorder the text around
# them: a right-to-left override prints "FAKE" as "EKAF", so a name or an address could
# show one thing and hold another. No name needs them; the letters of every script keep
# their own direction without them.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(value: object) -> str:
    """A value as it is printed: text that XML can hold, with no surrounding space."""
    if value is None:
        return ""
    text = _BIDI.sub("", _NOT_XML.sub("", str(value)))
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def one_line(value: object) -> str:
    """Names and the like: one line, runs of spaces collapsed."""
    return " ".join(clean_text(value).split())


# Words that start with a vowel letter but a consonant sound ("a Ukrainian interpreter",
# "a European"), and with a consonant letter but a vowel sound ("an hour").
_A_BEFORE = re.compile(r"(?i)(uni|use|usu|ukr|uk\b|ur[aeiou]|eu|one\b|once)")
_AN_BEFORE = re.compile(r"(?i)(hour|honou?r|heir|honest)")


def a_or_an(word: object) -> str:
    """'an Urdu', 'a Polish', 'an Arabic', 'a Ukrainian', 'an hour': the article and the word."""
    text = one_line(word)
    if not text:
        return ""
    vowel = text[0].lower() in "aeiou"
    if vowel and _A_BEFORE.match(text):
        vowel = False
    elif not vowel and _AN_BEFORE.match(text):
        vowel = True
    return f"{'an' if vowel else 'a'} {text}"


def join_names(names: Sequence[str], last: str = "and") -> str:
    """'Amy Smith', 'Amy Smith and Ben Smith', 'Amy, Ben and Cai'; empty names left out.

    `last` is the word before the last name ("or" for a choice).
    """
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {last} {names[-1]}"


def first_name(name: str) -> str:
    """'Amy Smith' -> 'Amy'; '' for a name that is empty or only spaces."""
    words = name.split()
    return words[0] if words else ""


def initials(name: str) -> str:
    """'Amy Smith' -> 'A.S.'; 'Kayla Smith-Owusu' -> 'K.S-O.'; '?' when there is no letter."""
    parts = []
    for word in name.split():
        letters = [p[0].upper() for p in re.findall(r"\w+", word.replace("'", ""))]
        if letters:
            parts.append("-".join(letters))
    return ".".join(parts) + "." if parts else "?"
