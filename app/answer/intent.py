"""Route a standalone question (question / cost / compare) and read the numbers a cost question gives.

Rule-based on purpose: the default engine must run offline and explain itself; off-topic is decided later,
by retrieval support, because only the corpus knows what it covers.
"""

from __future__ import annotations

import re
from typing import Any

from app.answer.coverage import asks_only_people, focus_of
from app.answer.numbers import currency_of, read_numbers
from app.answer.numbers_mentions import NUMBER_WORDS
from app.corpus.text import parse_amount
from app.tools.cost_models import CostInputs

_NUM = r"\$?\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(k|K|thousand)?"

# The comparisons people ask for in one word: "which is cheaper?", and "cheaper?" alone right after a comparison.
_COMPARATIVES = r"(?:cheaper|cheapest|better|shorter|longer|faster|more expensive|less expensive)"
COMPARE_CUE = re.compile(
    r"\b(compared?|compares|comparison|versus|vs\.?|side[- ]by[- ]side|stacks? up|measures? up|differences? between|which (?:one |of (?:them|these|those) )?is "
    + _COMPARATIVES + r")\b",
    re.I,
)
# A comparison asked for by price: answered first with the programs by estimated total tuition.
ASKS_CHEAPER = re.compile(r"\b(?:cheaper|cheapest|(?:less|more|least|most) expensive|best value|costs? (?:less|more)|"
                          r"lower cost|more affordable)\b", re.I)  # fmt: skip
# "cheaper?", "which is faster?" right after two or more programs: the same comparison, asked about again.
BARE_COMPARATIVE = re.compile(r"\W*(?:and |so )?(?:which (?:one )?(?:is )?)?(?:the )?" + _COMPARATIVES
                              + r"\W*(?:\(about: .*)?", re.I)  # fmt: skip
# Cues that ask for a calculation on their own, and cues that do only when numbers come with them.
_COST_STRONG = re.compile(
    r"\b(monthly payments?|afford|break[- ]?even|pay (?:it |them )?(?:off|back)|total cost|cost of attendance|roi|"
    r"return on investment|forgone income|what if|calculate|estimate|how much would i (?:owe|pay)|cost me|"
    r"(?:would|will) (?:it|this|that|the \w+(?: \w+)?) cost|"
    # "how much does OMSCS cost in total", "how much is CMU's MSML total": the whole price, which the calculator adds
    # ("how much total credits" asks a count)
    r"(?:cost|costs|pay|price|how much)\b[^.?!]{0,30}\b(?:in total|altogether|all[- ]in|"
    r"total(?!\s+(?:credits?|units?|hours?|courses?|classes|ects))))\b",
    re.I,
)
_COST_WEAK = re.compile(r"\b(loans?|borrow\w*|repay\w*|apr|interest|debt|savings?|salary|cost|rent|living costs?|owe|owing|rap)\b",
                        re.I)

_ROLES = {
    "machine_learning_engineer": r"\b(?:ml|machine learning) engineer",
    "data_scientist": r"\bdata scientist",
    "data_engineer": r"\bdata engineer",
    "software_engineer": r"\bsoftware engineer",
}


_LABELLED_RATE = re.compile(r"(\d+(?:\.\d+)?)\s?%\s*(?:apr|interest|rate)\b", re.I)
# Slots of app/answer/numbers.py under another name in the calculator; every other slot keeps its name.
_RENAMED = {"keep_working": "part_time", "employer_aid": "employer_aid_per_year"}


def extract_cost_args(text: str) -> dict[str, Any]:
    """Cost-calculator arguments a message states, each in its own slot ('a $40k loan at 6.5%' → loan 40000,
    apr_percent 6.5); a number whose role is unclear is left out (app/answer/numbers.py reads them)."""
    stated = read_numbers(text)
    named = {_RENAMED.get(k, k): v for k, v in stated.slots.items()}
    out: dict[str, Any] = {k: v for k, v in named.items() if k in CostInputs.model_fields}
    if currency := currency_of(stated):
        out["currency"] = currency
    # A rate the person labels as a loan's ("150% APR") keeps that role even when implausible: the calculator then
    # says plainly what is wrong with it, instead of the number being dropped.
    if "apr_percent" not in out and (m := _LABELLED_RATE.search(text)) and float(m.group(1)) in stated.unassigned:
        out["apr_percent"] = float(m.group(1))
    for role, pattern in _ROLES.items():
        if re.search(pattern + r"\b", text, re.I) and re.search(
            r"\b(?:as an?|become|be an?|work(?:ing)? as|salary|role|target(?: is| role)?|aim(?:ing)? (?:to be|for))\b", text,
            re.I,
        ):
            out["role"] = role
            break
    # "on RAP": the Repayment Assistance Plan (upper case, or "on/under rap": "rap" alone may be music).
    if re.search(r"\bRAP\b", text) or re.search(r"\b(?:on|under|with) rap\b|\brepayment assistance plan\b", text, re.I):
        out["repayment_plan"] = "rap"
    if (n := dependents_of(text)) is not None:
        out["dependents"] = n
    if (m := _TERMS.search(text)) and "years" not in out:
        out["terms"] = float(m[1]) if m[1].isdigit() else float(NUMBER_WORDS[m[1].lower()])
    if re.search(r"\baccru\w*|interest (?:while|during) (?:in )?school|in-school interest", text, re.I):
        out["accrue_in_school"] = True
    if "salary_before" not in out and re.search(r"\b(?:no|zero) (?:salary|income)\b|\bunemployed\b", text, re.I):
        out["salary_before"] = 0.0
    if "part_time" not in out and re.search(r"\bpart[- ]time\b", text, re.I):
        out["part_time"] = True  # studying part-time: the calculator then counts no income forgone
    elif "part_time" not in out and re.search(r"\bfull[- ]time\b", text, re.I):
        out["part_time"] = False
    return out


# "2 kids", "one child", "two dependents", "no kids": dependents claimed, which lower a RAP payment. Read here, not
# by the number reader, where a count of kids is someone's back story and stays unassigned.
_DEPENDENTS = re.compile(r"\b(\d{1,2}|no|zero|" + "|".join(NUMBER_WORDS) + r")\s+(?:kids?|child(?:ren)?|dependents?)\b", re.I)


# "6 quarters", "four semesters": the terms billed, for a program that charges per term (the number reader leaves a
# count of terms unassigned: it is no length in years).
_TERMS = re.compile(r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+(?:quarters|semesters|terms)\b", re.I)


def dependents_of(text: str) -> int | None:
    """The number of dependents a message states ('I have 2 kids' -> 2, 'no kids' -> 0); None when it says none."""
    if (m := _DEPENDENTS.search(text)) is None:
        return None
    word = m[1].lower()
    return int(word) if word.isdigit() else 0 if word in ("no", "zero") else int(NUMBER_WORDS[word])


_FOLLOW_UP = r"\W*(?:and |what about |how about |what if it(?:'s| is| were) |what if i (?:repay|pay it (?:back|off)) )?"
_BARE_RATE = re.compile(_FOLLOW_UP + r"(?:at )?(\d+(?:\.\d+)?)\s?%\W*", re.I)
_BARE_TERM = re.compile(_FOLLOW_UP + r"(?:over|for|in) (?:a )?(\d+)[- ]years?(?: term)?\W*", re.I)


def follow_up_args(text: str) -> dict[str, float]:
    """'and at 5%?' or 'and over 10 years?' after a cost answer: a bare rate or length, read as the loan's APR or
    repayment term only because the last turn had a loan (a program's length is said with 'takes' or 'study')."""
    if m := _BARE_RATE.fullmatch(text):
        return {"apr_percent": float(m.group(1))}
    if m := _BARE_TERM.fullmatch(text):
        return {"term_years": float(m.group(1))}
    return {}


# Questions about the federal rules themselves, which the cited loan figures answer (not a calculation).
LOAN_RULES = re.compile(r"\b(?:(?:the )?most (?:i|you|one) can borrow|how much (?:can|could|may) (?:i|you|one) borrow|"
                        r"borrowing (?:limit|cap)|loan (?:limit|cap)s?|can (?:i|you) (?:still )?(?:get|take out|use) "
                        r"(?:a |the )?grad ?plus|grad ?plus (?:still|available|closed|gone))\b", re.I)  # fmt: skip

# Whether a rate holds now or later ("is 7.94% still right for loans taken out this fall?"), not a calculation.
_WHEN = (r"(?:still|current(?:ly)?|right now|today|(?:this|next) (?:fall|autumn|spring|year)|(?:fall|autumn|spring) "
         r"20\d\d|20\d\d-\d\d|taken out|take out|apply to)")
RATE_CHECK = re.compile(r"^\W*(?:is|are|will|does|do|would|was)\b[^?]{0,80}?\b(?:(?:rates?|apr|interest)\b[^?]{0,60}\b"
                        + _WHEN + r"|" + _WHEN + r"\b[^?]{0,30}\b(?:rates?|apr))\b", re.I)  # fmt: skip


# "Is it worth it for me?", "should I quit and do X", "would it pay off": a decision, weighed with their numbers.
# Paying back a loan ("how long to pay back a $60k loan") is the loan's repayment, not the degree's payback.
DECIDE_CUE = re.compile(
    r"\b(?:worth it|worth (?:leaving|quitting|getting|doing|going)|worth the (?:money|cost|investment)|(?:even )?bother|pay (?:it |itself )?(?:off|back)(?![^.?!]{0,25}\b(?:loans?|debt)\b)|pays? (?:for )?itself|"
    r"(?:good|bad|smart) investment|should i (?:do|go|quit|take|get|pursue|enroll|apply|choose|pick)|"
    r"does it make sense to|is it smart to|for someone like me|better for me|make sense for me|"
    r"(?:which|what) (?:one |option )?makes (?:more |the most )?sense|(?:choosing|deciding|torn) between)\b",
    re.I,
)
_PERSONAL = re.compile(r"\b(?:for me|i make|i earn|i'm on|i am on|my salary|i'm a|i am a|quit|my job|i'd|i would)\b", re.I)
# "Which programs fit me": a request for programs from the data, by what they must be.
FIND_CUE = re.compile(
    r"\b(?:(?:recommend|suggest)\w*\s+(?:me\s+)?(?:(?:some|any|a\s+few|good|cheap|affordable|top|best|online|"
    r"in-person|part-time|\d+)\s+){0,3}?(?:programs?|schools?|masters?'?s?\s+programs?|universities)|"
    r"(?:programs?|schools?|universities)\s+(?:\w+\s+){0,2}?(?:would|do|could|can|should)\s+you\s+(?:recommend|suggest)|"
    # "which online programs", "what part-time programs": up to two words may describe them.
    r"(?:which|what|any)\s+(?:(?!(?:do|does|did|is|are|was|were|can|could|should|would|will|most|all)\b)[\w-]+\s+)"
    r"{0,2}?programs|list (?:of )?(?:the )?programs|"
    r"programs? (?:(?:are|is) )?(?:that|for|under|without|in the|with|not (?:requiring|needing))|cheapest|least expensive|shortest|"
    r"(?:options|programs|masters?'?s?|degrees?) (?:under|below|for less than)|"
    r"something i can (?:finish|do|complete))\b",
    re.I,
)
# "any in canada?", "are there any online ones?": a short request for programs, named by a filter the finder reads.
ANY_MORE = re.compile(r"^\W*(?:and\s+|so\s+)?(?:(?:any|are\s+there\s+any)\b(?!\s+(?:loans?|advice|tips|way|chance|"
                      r"idea|reason)\b)|(?:what|how)\s+about\s+(?:the\s+)?(?:in\b|online|part[- ]time|in[- ]person|"
                      r"hybrid|ones?\b|programs?\b|schools?\b))", re.I)  # fmt: skip
REFINE_CUE = re.compile(r"^\s*(?:only|just|and|now)?\s*(?:the )?(?:only )?(?:online|in[- ]person|hybrid|part[- ]time|"
                        r"full[- ]time|uk|us|canad\w*|cheaper|under|without|sort|order)\b", re.I)  # fmt: skip


def asks_cost(text: str) -> bool:
    """A plain request for a calculation ("what would X cost me", "monthly payment", "total cost")."""
    return bool(_COST_STRONG.search(text))


def route(text: str, n_programs: int, follows_cost: bool = False, follows_find: bool = False,
          first_turn: bool = True) -> str:  # fmt: skip
    """'compare' for two or more programs with a comparison cue; 'find' for a request for programs (or a refinement
    of the last one); 'decide' for 'is it worth it for me'; 'cost' for calculator cues; else 'question'."""
    stated = extract_cost_args(text)
    # How much may I borrow, can I still get Grad PLUS: the loan figures answer it; with an amount to borrow ("I'd
    # borrow $90k … can I use Grad PLUS for the rest?") the calculator answers both.
    if LOAN_RULES.search(text) and not {"loan", "savings"} & set(stated):
        return "question"
    # "Is the 7.94% rate still right for this fall?": a question about the rate, which the loan figures date.
    if RATE_CHECK.search(text) and set(stated) <= {"apr_percent", "currency"}:
        return "question"
    if asks_only_people(text, first_turn):  # "People with loans, have you given up paying?": no calculation answers it
        return "question"
    # "X vs Y, which is worth it for me?" weighs them with the person's numbers: a decision before a comparison.
    if DECIDE_CUE.search(text) and (n_programs or _PERSONAL.search(text) or read_numbers(text).slots):
        return "decide"
    if n_programs >= 2 and (COMPARE_CUE.search(text) or BARE_COMPARATIVE.fullmatch(text)):  # with their salary: theirs
        return "decide" if {"salary_before", "keep_working"} & set(read_numbers(text).slots) else "compare"
    # A request for programs is in what the person asks, not their back story ("…the cheapest way. But is it worth
    # the extra year?" asks whether it is worth it).
    if n_programs == 0 and (FIND_CUE.search(focus_of(text)) or (follows_find and REFINE_CUE.search(text))
                            or (ANY_MORE.match(text) and len(text.split()) <= 8 and extract_find_query(text))):
        return "find"
    # Flags say who the person is (a part-timer, a legacy borrower), not that they want an estimate.
    money_args = set(stated) - {"role", "part_time", "legacy_borrower", "dependents", "repayment_plan"}
    if follows_cost and (follow_up_args(text) or {"dependents", "repayment_plan", "part_time"} & set(stated)):
        return "cost"  # "and with 3 kids?", "and on RAP?", "and if I kept my job?": the same estimate, changed
    if _COST_STRONG.search(text):
        return "cost"
    if money_args and (_COST_WEAK.search(text) or follows_cost):
        return "cost"
    return "question"


_COUNTRIES = {"uk": "GB", "britain": "GB", "england": "GB", "scotland": "GB", "us": "US", "usa": "US",
              "america": "US", "canada": "CA", "singapore": "SG", "switzerland": "CH", "netherlands": "NL"}  # fmt: skip
_FIELDS = (("data science", "data-science"), ("computer science", "computer-science"), ("machine learning",
           "machine-learning"), (" ai ", "ai"), ("artificial intelligence", "ai"))  # fmt: skip


def extract_find_query(text: str) -> dict[str, Any]:
    """Finder filters a message states: 'online programs under $20k without the GRE' ->
    {modality: online, max_tuition: 20000, no_gre: True}. Only what is said; nothing is guessed."""
    low, out = f" {text.lower()} ", {}
    if m := re.search(r"\b(online|in[- ]person|on[- ]campus|hybrid)\b", low):
        out["modality"] = {"on-campus": "in-person", "on campus": "in-person"}.get(m[1], m[1].replace(" ", "-"))
    if m := re.search(r"\b(part[- ]time|full[- ]time)\b", low):
        out["pace"] = m[1].replace(" ", "-")
    if m := re.search(r"\b(?:in|from) (?:the )?(" + "|".join(_COUNTRIES) + r")\b", low):
        out["country"] = _COUNTRIES[m[1]]
    if m := re.search(r"(?:under|below|less than|cheaper than|max(?:imum)?|up to)\s+" + _NUM, low):
        out["max_tuition"] = parse_amount(m[1] + (m[2] or ""))
    if m := re.search(r"(?:finish|complete|done|do)\s+(?:it\s+)?in\s+(?:a|one|1)\s+year|(?:under|within|in)\s+(?:a|one|1)\s+year", low):
        out["max_years"] = 1.0
    elif m := re.search(r"(?:under|within|less than|in)\s+(\d+(?:\.\d+)?|two|three)\s+years?", low):
        out["max_years"] = {"two": 2.0, "three": 3.0}.get(m[1]) or float(m[1])
    if re.search(r"\b(?:no|without(?: the| a)?|not requiring(?: the)?|don'?t need(?: the)?|skip(?: the)?)\s+gre\b", low):
        out["no_gre"] = True
    if re.search(r"\b(?:no|without(?: an?)?|don'?t have an?|non[- ]?|(?:(?:do|does)(?:n'?t| not)|not|never) "
                 r"(?:need(?:ing)?|requir(?:e|es|ing))(?: an?)?)\s*(?:cs|computer science)\s*(?:degree|background|major)?",
                 low):  # "which programs don't need a CS degree": a background filter, not the field of study
        out["background"] = "no-cs-degree"
    for words, key in _FIELDS:
        if words in low and "background" not in out:
            out["field"] = key
            break
    if re.search(r"\b(?:cheapest|least expensive|lowest (?:cost|tuition)|sort by (?:cost|price))\b", low):
        out["sort"] = "cost"
    elif re.search(r"\b(?:shortest|quickest|fastest|sort by (?:length|duration|time))\b", low):
        out["sort"] = "duration"
    return out
