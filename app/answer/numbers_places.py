"""A rent said of a named place ("rent is $1,100 now and would be $1,500 in Pittsburgh"): read so a decision can
count it for the program there, never as everyone's living cost, nor asked about as a salary or savings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.answer.numbers_mentions import find_mentions

# "rent is $1,100 now and would be $1,500 in Pittsburgh": a rent said of a named place, and the one they pay now.
_RENT = re.compile(r"\b(?:rent|living(?: costs?)?)\b", re.I)
_PLACE_FIRST = re.compile(r"\b(?:rent|living(?: costs?)?)\s+(?:in|at|near)\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)*)")
_IN_PLACE = re.compile(r"\s*(?:a month|per month|/\s*mo(?:nth)?)?\s+(?:in|at|near)\s+(?:the\s+)?([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)*)")


@dataclass(frozen=True)
class PlaceRent:
    """A monthly rent said of a named place: its value, the person's words for it, and the place."""

    value: float
    words: str
    place: str


def rent_of_a_place(text: str) -> PlaceRent | None:
    """The monthly rent a message says of one named place ("would be $1,500 in Pittsburgh"), with the place; None when
    no rent is tied to a place, or several are (which place each program is in is no fact we hold)."""
    found = []
    for sentence in re.split(r"(?<=[.?!;])\s+", text):
        if not _RENT.search(sentence):
            continue
        amounts = [m for m in find_mentions(sentence) if m.kind == "money" and m.per != "year"]
        for m in amounts:
            if place := _IN_PLACE.match(sentence, m.end):  # "would be $1,500 in Pittsburgh"
                found.append(PlaceRent(m.value, m.text, place.group(1)))
        if not found and len(amounts) == 1 and (named := _PLACE_FIRST.search(sentence[: amounts[0].start])):
            found.append(PlaceRent(amounts[0].value, amounts[0].text, named.group(1)))  # "rent in Pittsburgh is about $1,500"
    return found[0] if len(found) == 1 else None
