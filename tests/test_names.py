"""cpconf.names: names joined, first names, initials and one-line text, for any text at all."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpconf.names import clean_text, first_name, initials, join_names, one_line


@pytest.mark.parametrize(
    ("names", "last", "expected"),
    [
        ([], "and", ""),
        (["Amy Smith"], "and", "Amy Smith"),
        (["Amy Smith", "Ben Smith"], "and", "Amy Smith and Ben Smith"),
        (["Amy", "Ben", "Cai"], "and", "Amy, Ben and Cai"),
        (["health", "the police"], "or", "health or the police"),
        (["Amy", "", "Cai"], "and", "Amy and Cai"),  # an empty name is left out
        (["", ""], "and", ""),
    ],
)
def test_join_names(names, last, expected):
    assert join_names(names, last) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Amy Smith", "Amy"),
        ("  Amy   Smith ", "Amy"),
        ("Zoë", "Zoë"),
        ("Kayla Smith-Owusu", "Kayla"),
        ("", ""),
        (" ", ""),  # crashed with IndexError when this lived in quorum.py
        ("\t\n", ""),
    ],
)
def test_first_name(name, expected):
    assert first_name(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Amy Smith", "A.S."),
        ("Kayla Smith-Owusu", "K.S-O."),
        ("Siobhan O'Brien", "S.O."),
        ("  baby   jones ", "B.J."),
        ("Zoë", "Z."),
        ("Łukasz Żółć", "Ł.Ż."),
        ("", "?"),
        ("   ", "?"),
        ("- '", "?"),  # no letter at all
    ],
)
def test_initials(name, expected):
    assert initials(name) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  Amy \n Smith\t", "Amy Smith"),
        ("Anna\x00\x07 Nowak\ufffe", "Anna Nowak"),  # what XML cannot hold is dropped
        (None, ""),
        (42, "42"),
        ("   ", ""),
    ],
)
def test_one_line(value, expected):
    assert one_line(value) == expected


def test_clean_text_keeps_line_breaks_but_not_carriage_returns():
    assert clean_text(" a\r\nb\rc \n") == "a\nb\nc"


any_text = st.text()  # empty, blank, control characters, lone surrogates: anything


@given(any_text)
def test_first_name_is_the_first_word_of_any_name(name):
    words = name.split()
    assert first_name(name) == (words[0] if words else "")


@given(any_text)
def test_initials_never_raise(name):
    out = initials(name)
    assert out == "?" or (out.endswith(".") and " " not in out)


words = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzéł", min_size=2), min_size=1)


@given(words, st.sampled_from([" ", "  ", "\t", " \n "]))
def test_initials_are_the_first_letter_of_each_word_and_nothing_more(parts, space):
    assert initials(space.join(parts)) == "".join(w[0].upper() + "." for w in parts)


@given(any_text)
def test_one_line_is_one_line(value):
    out = one_line(value)
    assert "\n" not in out and "\r" not in out and "  " not in out
    assert out == out.strip()
    assert one_line(out) == out


@given(st.lists(any_text, max_size=6))
def test_join_names_keeps_every_name_in_order(names):
    out = join_names(names)
    kept = [n for n in names if n]
    position = 0
    for name in kept:
        found = out.find(name, position)
        assert found >= 0
        position = found + len(name)
    if len(kept) >= 2:
        assert f" and {kept[-1]}" in out


@given(st.text(min_size=1))
def test_any_non_empty_unicode_name_never_raises(name):
    first_name(name)
    initials(name)
    join_names([one_line(name), name])
