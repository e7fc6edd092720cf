"""A rent said of a named place (app/answer/numbers_places.py): pure reading."""

from __future__ import annotations

import pytest

from app.answer.numbers_places import rent_of_a_place


@pytest.mark.parametrize(("text", "expected"), [
    ("rent is $1,100 now and would be $1,500 in Pittsburgh — which makes sense?", (1500, "Pittsburgh")),
    ("rent in Pittsburgh is about $1,500", (1500, "Pittsburgh")),
    ("rent is 1500 a month in Austin", (1500, "Austin")),
    ("rent is 1500 a month", None),  # no place: everyone's living cost, read by the number reader
    ("I make 90k in Seattle", None),  # no rent
    ("Rent in Austin is $1,200 and in Pittsburgh $1,500", None),  # two places: which program is where, we don't hold
])  # fmt: skip
def test_a_rent_is_tied_to_the_one_place_it_is_said_of(text: str, expected: tuple[float, str] | None) -> None:
    rent = rent_of_a_place(text)
    assert (rent and (rent.value, rent.place)) == expected
