"""What a question asks for: its form (yes/no, a figure, a definition, open) and, for a figure, the kind of value
(a duration, a rate, a count, what someone earns, an amount of money); and whether a sentence states a value of that kind.

"How long does a master's take?" is answered by "most master's programs last around two years", not by the
definition of a master's that happens to match the question's words best. The kind asked for is read from the
question, the kind stated from the sentence, both here, so that what is chosen (scoring) and what leads the answer
(compose) agree.
"""

from __future__ import annotations

import re
from typing import Literal

Form = Literal["yes_no", "figure", "definition", "open"]
Kind = Literal["duration", "rate", "count", "earnings", "money"]

_YES_NO = re.compile(
    r"^(?:is|are|am|was|were|do|does|did|can|could|should|would|will|has|have|had|shall|may|might|must|isn'?t|"
    r"aren'?t|don'?t|doesn'?t|won'?t|wouldn'?t|shouldn'?t)\b",
    re.I,
)
_HOW_MUCH = re.compile(r"\bhow (?:much|many|long)\b", re.I)
_HOW_MUCH_THING = re.compile(r"\bhow (?:much|many) (?!(?:more|less|extra|of|per)\b)[a-z]{3,}", re.I)  # "how much math"
_ASKS_AROUND = re.compile(r"^\W*(?:(?:can|could|would) (?:you|someone|anyone) (?:tell|let) me|(?:does|do) (?:anyone|you|"
                          r"somebody|someone) know)\b", re.I)  # fmt: skip
_DEFINITION = re.compile(r"^(?:what (?:is|are|does)|define|what's)\b", re.I)
# "thanks!", "ok great", "hi": no question at all; answered with a line, never with "our sources don't cover that".
_COURTESY = re.compile(r"\W*(?:(?:ok(?:ay)?|cool|great|perfect|awesome|nice|got it|hi|hello|hey)[\s,!.]*)*(?:thanks?|thank "
                       r"you|thx|ty|cheers)?(?: (?:so much|a lot|again))?[\s!.]*", re.I)  # fmt: skip
_ASKS_FOR_QUESTIONS = re.compile(r"\bquestions?\b.{0,40}\bask\b|\bask (?:myself|yourself|ourselves)\b", re.I)

_UNIT_OF_TIME = r"(?:years?|months?|semesters?|quarters?|weeks?|terms?)"
_MONEY_WORD = r"(?:cost|costs|price|tuition|fees?|salary|salaries|pay|earnings|income)"
# What someone earns is money too, but a different figure from what a program costs: "What's the median salary of
# Stanford grads?" led with Stanford's tuition when any amount would do.
_EARNINGS_WORD = r"(?:salary|salaries|earnings|income|compensation|wages?)"
# A money word names a figure even without a question word ("the tuition at CMU?"; "Does anyone know the tuition?").
_FIGURE = re.compile(rf"\bhow (?:much|many|long)\b|\b{_MONEY_WORD}\b|\bearn\b", re.I)
# The kind a figure question asks for, read from how it asks ("how long", "what is the tuition", "what do they
# earn"), tried in this order: "how much time" is a duration, "how many credits" a count, and "how much" followed
# by a verb or a money word is money. A money word alone asks nothing: "is 10% of the cost better spent on…" is
# not a request for an amount.
_ASKS: list[tuple[Kind, re.Pattern[str]]] = [
    ("duration", re.compile(rf"\bhow (?:long|quickly|fast|soon)\b|\bhow (?:many|much) (?:more )?(?:{_UNIT_OF_TIME}|"
                            r"time)\b|\bwhat(?:'s| is| are)? the (?:\w+ )?(?:duration|length)\b", re.I)),
    ("rate", re.compile(r"\bwhat(?:'s| is| are)? (?:the )?(?:\w+ )?(?:interest )?rates?\b|\bwhat (?:percent|percentage)\b|"
                        r"\bhow many percent\b", re.I)),
    ("count", re.compile(r"\bhow many (?:credits?|credit hours|units|courses|classes)\b", re.I)),
    ("earnings", re.compile(
        rf"\bwhat(?:'s| is| are| was| were)? (?:the |an? |my |their )?(?:\w+ )?{_EARNINGS_WORD}\b"
        rf"|\bhow much {_EARNINGS_WORD}\b"
        r"|\b(?:how much|what) (?:does|do|did|would|will|can|could|might|should) \S+(?: \S+){0,6} (?:earn|make|get paid)\b",
        re.I)),
    ("money", re.compile(
        r"\bhow much (?:(?:is|are|was|were|does|do|did|would|will|should|could|can|might|it|they|this|that|i|you|we|"
        r"to|for|per|in|on|of|money|debt|more|less|extra)\b|[$£€])"
        rf"|\bhow much {_MONEY_WORD}\b"
        r"|\bhow much\b[^?.]{0,60}\b(?:costs?|charges?|pay|paid|earns?|makes?|spen[dt]|borrow|owe)\b"
        rf"|\bwhat(?:'s| is| are| was| were)? (?:the )?(?:\w+ )?{_MONEY_WORD}\b"
        r"|\bwhat (?:does|do|did|would|will|can|could) \S+(?: \S+){0,6} (?:cost|charge|pay|earn|make)\b",
        re.I)),
]  # fmt: skip
_NUMBER = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four)"
# "a year" and "per year" state no length: a number must come before the unit.
_STATES: dict[Kind, re.Pattern[str]] = {
    "duration": re.compile(rf"\b{_NUMBER}(?:\s*(?:-|to|or)\s*{_NUMBER})?[- ](?:full[- ]time |part[- ]time )?"
                           rf"{_UNIT_OF_TIME}\b", re.I),
    "rate": re.compile(r"\d(?:\.\d+)?\s?%|\bpercent\b", re.I),
    "count": re.compile(r"\b\d+[\s-]+(?:credits?|credit hours|units|courses|classes)\b", re.I),
    "money": re.compile(r"[$£€]\s?\d|\b\d[\d,.]*\s?(?:k|dollars|USD)\b", re.I),
    # Not "income": loan rules speak of "adjusted gross income" with amounts, and say nothing anyone earns.
    "earnings": re.compile(r"\b(?:salary|salaries|earn(?:s|ed|ing|ings)?|compensation|wages?|paid)\b", re.I),
}  # fmt: skip


def asking_sentence(question: str) -> str:
    """The question's first sentence that asks (ends in '?'), or the whole text."""
    q = question.strip()
    return next((s for s in re.split(r"(?<=[.!?])\s+", q) if s.rstrip().endswith("?")), q)


def question_form(question: str) -> Form:
    """Yes/no, a figure (how much / how long), a definition, or open; from the question's first asking sentence."""
    asked = asking_sentence(question)
    # "How much" asks for a figure however it opens ("Can you tell me how much OMSCS costs?", "Does anyone know the
    # tuition?"); otherwise "Is it worth the cost?" asks yes or no: the opening word decides before a money word.
    # But "how much math do I need?" and "how many programs are online?" ask about a thing no value kind measures:
    # no number answers them, and a sentence with a number ("$12,171 a year") must not lead.
    if _HOW_MUCH.search(asked) and not _kind_asked(asked) and _HOW_MUCH_THING.search(asked):
        return "yes_no" if _YES_NO.search(asked) else "open"
    if _HOW_MUCH.search(asked) or (_FIGURE.search(asked) and _ASKS_AROUND.search(asked)):
        return "figure"
    if _YES_NO.search(asked):
        return "yes_no"
    if _FIGURE.search(asked) or _kind_asked(asked):
        return "figure"
    if _DEFINITION.search(asked):
        return "definition"
    return "open"


def asked_kind(question: str) -> Kind | None:
    """The kind of value a figure question asks for; None for any other question ("Is it worth the cost?" asks
    for a judgement, not an amount)."""
    if question_form(question) != "figure":
        return None
    return _kind_asked(asking_sentence(question))


def _kind_asked(asked: str) -> Kind | None:
    return next((kind for kind, pattern in _ASKS if pattern.search(asked)), None)


def states(text: str, kind: Kind) -> bool:
    """Whether a sentence states a value of this kind ("last around two years", "$225 per credit", "7.94%"); what
    someone earns is an amount said of earning ("earns $122,400 annually")."""
    if kind == "earnings":
        return bool(_STATES["money"].search(text) and _STATES["earnings"].search(text))
    return bool(_STATES[kind].search(text))


def is_courtesy(text: str) -> bool:
    """True for a message that only thanks, greets or acknowledges ("thanks!", "ok great", "hi")."""
    return bool(re.search(r"[a-z]", text, re.I)) and bool(_COURTESY.fullmatch(text))


def asks_for_questions(question: str) -> bool:
    """True for 'what questions should I ask myself…': the one case the guide's own questions may be shown."""
    return bool(_ASKS_FOR_QUESTIONS.search(question))
