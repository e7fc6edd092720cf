"""Subjects our sources hold no data on at all, however many words a question shares with them.

Each gap is checked against the corpus by a test: when a source starts to cover one (a sentence of the guide or a
record quote matches its pattern), the test fails and the gap must go. The words here are what people ask with;
what the answer says is the gap's `label`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Gap:
    label: str
    pattern: re.Pattern[str]


# fmt: off
GAPS = (
    # Records give requirements, never how likely anyone is to meet them.
    Gap("admission odds or acceptance rates", re.compile(
        r"\b(?:chances?|odds)\b[^.?!]{0,40}?\b(?:admi\w*|accept\w*|get(?:ting)?\s+(?:in|into)|scholarships?|funding|TA|RA|"
        r"assistantships?)\b"
        r"|\b(?:acceptance|admit|admission)\s+rates?\b|\bhow\s+(?:hard|difficult|competitive)\s+(?:is\s+it\s+)?to\s+get\s+"
        r"(?:in|into|accepted|admitted)\b", re.I)),
    # Nothing in the guide or the records says how a degree is seen by employers or anyone else.
    Gap("how employers or others perceive a degree", re.compile(
        r"\b(?:perceiv\w*|perception|respected|respect|stigma\w*|looked\s+down\s+(?:up)?on)\b", re.I)),
    # Student-visa work rules; two records say only whether they issue an I-20.
    Gap("work-visa rules (OPT, STEM extension, H-1B)", re.compile(
        r"\b(?:OPT|CPT|H-?1B|green\s+card|STEM\s+(?:OPT|extension)|CIP\s+code|work\s+permit|post-study\s+work)\b")),
)
# fmt: on


def gap_in(text: str) -> Gap | None:
    """The first gap this text asks about, if any."""
    return next((g for g in GAPS if g.pattern.search(text)), None)
