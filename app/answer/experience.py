"""Does a question ask other people about their own lives? ("How did you approach your SOP?", "People who switched
careers, how did it go?") A guide and program records hold no one's experience, so such a part is not covered,
however well its topic words match, and no calculation answers it.

In a chat, "you" is also the advisor: "Did you include fees?" after an answer asks about that answer. So the bare
"did you / have you …" form counts only on a conversation's first turn, and never with verbs that ask about an
answer's work; a part in the first person ("what are *my* options?") asks about the person, never about others.
"""

from __future__ import annotations

import re

from app.corpus.text import sentences

# Always a question about the addressee's own life.
_OWN_LIFE = re.compile(r"""
  \bhow'd\s+you\b | \bwhere\s+are\s+you\s+now\b | \bhow\s+did\s+it\s+go\b | \bhow\s+do\s+you\s+feel\b
| \b(?:in\s+)?your\s+(?:own\s+)?(?:experiences?|story|stories|journey)\b | \bif\s+you\s+could\s+give\b
""", re.I | re.X)  # fmt: skip
# "Did you get a job after graduation?": their past, unless it asks about an answer's work ("did you include …").
_PAST_YOU = re.compile(r"""
  \b(?:did|were|have|had)\s+(?:you|u|y'all|any\s+of\s+you)\b
  (?!\s+(?:know|mean|includ\w*|count\w*|assum\w*|use[ds]?|consider\w*|factor\w*|add\w*|account\w*|forg[eo]t\w*|
          check\w*|look\w*|seen|hear\w*|miss\w*|find|found|able|got|any|compar\w*|calculat\w*)\b)
""", re.I | re.X)  # fmt: skip
# A sentence that opens by addressing a group ("For those who got in, …", "People who switched careers, …",
# "To those of you that have degrees."): its questions, and those after it, are put to those people. Mid-sentence
# the same words are hypothetical ("is it worth it for people who work?") and ask about anyone.
_ADDRESS = re.compile(r"^\W*(?:\[[^\]]*\]\s*)?(?:(?:hey|hi|and|also)\W+)?(?:to\s+|for\s+)?(?:all\s+)?"
                      r"(?:those\s+of\s+you|redditors|people|anyone|anybody|folks|those)\s+(?:here\s+|out\s+there\s+)?"
                      r"(?:who|that|with)\b", re.I)  # fmt: skip
_TO_THEM = re.compile(r"\b(?:you|your|you've|you're|u|did|was|were|had)\b", re.I)  # "…, did it work?"
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|me|my|mine|myself)\b", re.I)


def asks_people(part: str, addressed: bool = False, first_turn: bool = True) -> bool:
    """True when this part asks other people about their own experience. `addressed`: a group was addressed before
    it ("To those of you who…"); `first_turn`: no earlier answer in the conversation that "you" could mean."""
    if _FIRST_PERSON.search(part):
        return False
    if _OWN_LIFE.search(part) or (first_turn and _PAST_YOU.search(part)):
        return True
    return bool((addressed or _ADDRESS.search(part)) and _TO_THEM.search(part))


def experience_parts(text: str, asked: list[str], first_turn: bool = True) -> list[bool]:
    """For each asking part of `text` (in order), whether it asks people about their own experience."""
    address_at = [text.find(s) for s in sentences(text) if _ADDRESS.search(s)]
    out = []
    for part in asked:
        at = text.find(part)
        out.append(asks_people(part, any(0 <= a < at for a in address_at), first_turn))
    return out
