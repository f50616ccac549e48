"""Query words: cleaning, stop words, the light stem and edit distance (no database)."""

import pytest

from content.sitesearch.words import (
    MAX_QUERY_LENGTH,
    MAX_WORDS,
    clean_query,
    content_words,
    edit_distance,
    stem,
)


def test_clean_query_strips_control_characters_and_limits_length():
    assert clean_query("a\x00b\tc\u200bd") == "a b c d"
    assert len(clean_query("x" * 10_000)) == MAX_QUERY_LENGTH
    assert clean_query(None) == ""
    assert clean_query("ｋｅｔａｍｉｎｅ") == "ketamine"


def test_stop_words_are_dropped_unless_nothing_else_is_left():
    assert content_words("How much does it cost?") == ["much", "cost"]
    assert content_words("is it") == ["is", "it"]
    assert content_words("'; DROP TABLE x; --") == ["drop", "table", "x"]
    assert len(content_words("word " * 100)) == MAX_WORDS


@pytest.mark.parametrize(
    ("a", "b"),
    [("effect", "effects"), ("driving", "drive"), ("studies", "study"), ("costs", "cost")],
)
def test_forms_of_a_word_share_a_stem(a, b):
    assert stem(a) == stem(b)


def test_different_words_keep_different_stems():
    assert stem("session") != stem("side")
    assert stem("ketamine") != stem("esketamine")


@pytest.mark.parametrize(
    ("typed", "known", "distance"),
    [
        ("sprvato", "spravato", 1),
        ("ketmaine", "ketamine", 1),  # two neighbouring letters swapped
        ("ketamin", "ketamine", 1),
        ("nausea", "nasal", 3),
        ("same", "same", 0),
    ],
)
def test_edit_distance(typed, known, distance):
    assert edit_distance(typed, known) == distance


def test_edit_distance_stops_past_the_limit():
    assert edit_distance("a" * 50, "b" * 50, limit=2) == 3
    assert edit_distance("short", "a much longer word", limit=2) == 3
