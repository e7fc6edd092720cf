"""The words that give a number its slot in `app.answer.numbers`: cues before and after a number, the cues that
block one (an age, someone else's money, a bound), and the plausible range of each slot. Data only: how a cue is
weighed (its distance, its clause) is in numbers.py.
"""

from __future__ import annotations

import re

# A job title: "a data analyst at 82k", "88k data analyst" name the person's salary now.
ROLE = (r"(?:(?:data|business|financial|qa|software|backend|frontend|ml|machine learning|mech\w*|civil|help-desk|"
         r"support|research|senior|junior)\s+)?(?:analyst|engineer|swe|developer|dev|tech|scientist|teacher|manager|"
         r"consultant|designer|programmer|nurse|accountant)s?")  # fmt: skip
# Where someone wants to go: "want to be a data scientist making ~130k", "to MLE (170k)".
FUTURE_ROLE = (r"\bwant\w*\b[^.?!]{0,30}\b(?:roles?|jobs?|positions?|offers?) (?:paying|at|that pay)\b|"
                r"\b(?:want(?:ing)? to (?:be|become|move into|get into)|aim(?:ing)? (?:at|for)|become|becoming|to "
                r"(?:an?\s+)?(?:mle|ds|data scientist|ml engineer|swe))\b[^.?!]{0,40}")  # fmt: skip

# (slot, kinds it can take, cue before the number, cue after it). Order breaks ties at equal distance.
CUES: list[tuple[str, tuple[str, ...], str | None, str | None]] = [
    ("credits", ("count",), r"\bcredits\s*:", None),
    ("salary_after", ("money", "count"), r"\b(?:after|expect(?:ed|ing)?|target|hoping (?:to land|for)|land|offer|post-grad|starting salary|post-\w+ salary)\b|\bfrom\s+#m\s+to\b|" + FUTURE_ROLE, r"\bafter\b"),
    ("salary_before", ("money", "count"), r"\b(?:make|makes|making|made|earn|earns|earned|earning|salary|(?:get|gets|got|getting|am|was|being) paid|tc|ctc|comp|income|current|currently(?: on| at)?|base|earner(?: at)?|i'?m at|right now|(?:go|going|jump|move) from)\b|" + ROLE + r"\s+(?:at|on|making)|" + ROLE + r"\s*[,(]\s*$|\bjob(?: in \w+)?\s*\(\s*$|\b(?:job|work|role|position)\s+(?:(?:that|which)\s+)?(?:pays|paying)(?:\s+me)?\s*$", r"\b(?:job|income|now|rn|currently|salary|ctc)\b|^\s*(?:usd\s+|cad\s+|gbp\s+)?(?:as an?\s+)?" + ROLE),
    ("savings", ("money", "count"), r"\b(?:savings|saved|i save)\b", r"\b(?:saved|savings|in the bank|invested|set aside)\b"),
    ("loan", ("money",), r"\b(?:borrow\w*|loans?|principal|finance|debt|(?:re)?payments? on|repay(?:ing)?|pay (?:back|off)|owe|owing|owed)\b", r"\b(?:loans?|debt)\b"),
    ("fees", ("money",), r"\bfees?\b", r"\bfees\b"),
    ("living", ("money",), r"\b(?:rent|living|live off)\b", r"\b(?:for living|rent)\b"),
    ("relocation", ("money",), r"\b(?:mov(?:e|ing)|relocat\w*)\b", None),
    # Tuition someone else pays ("my employer pays 5250 a year"): read so the answer can say it is not counted. A
    # job or work that "pays 70k" is the salary (a cue of salary_before), so from them only "pays for", "covers"...
    ("employer_aid", ("money",), r"\b(?:employer|company)\s+(?:(?:will|would|'ll|'d)\s+)?(?:pays?|covers?|reimburses?|gives?|contributes?)\b(?!\s+me\b)|\b(?:work|job)\s+(?:(?:will|would|'ll|'d)\s+)?(?:pays? for|covers?|reimburses?|contributes?)\b|\btuition (?:assistance|reimbursement)\b", r"\b(?:from|by) (?:my )?(?:employer|company)\b|^\s*(?:of |in )?tuition (?:assistance|reimbursement)"),
    ("tuition", ("money",), r"\b(?:tuition(?:'s)?|program(?:me)? is|price|per credit|ms|msc|mcs|msai|omscs|mids|mlds|msml)\b|\b(?:master'?s|masters|degree|program(?:me)?)\s+(?:(?:that|which)\s+costs?|costing)\b", r"\b(?:tuition|total|all-in)\b|^\s*cost\b"),  # "the $20,000 cost", not "$19k of the cost"
    ("apr_percent", ("percent",), r"\b(?:interest|apr|rate(?:'s)?)\b|@\s*$", r"\b(?:apr|interest|fixed|loan)\b"),
    ("savings_share", ("percent",), r"\b(?:cover|put|pay|savings|share)\b", r"\b(?:of (?:it|the (?:cost|total|price))|of cost|(?:from|with) (?:my )?savings|cash|out of pocket|toward)"),
    ("raise", ("percent",), r"\braise of\s*$", r"\b(?:raise|bump|pay (?:increase|bump))\b"),
    ("term_years", ("duration",), r"\b(?:repay\w*|pa(?:y|id|ying) (?:it )?(?:back|off)|pay off the loan|term|borrow\w*|loans?|principal)\b", r"\b(?:repayment|term|plan|to pay|to repay)\b"),
    ("years", ("duration",), r"\b(?:program(?:me)?|degree|study|takes|finish|graduat\w*|do it|doing|length)\b|\bif (?:i|it) (?:took|take)(?: me)?\s*$", r"\b(?:program(?:me)?|degree|long|part-time|full-time|online|including|master'?s|masters|msc|mba)\b"),
]  # fmt: skip

# A cue within three words that says the number is not the person's own program money or time.
# "less than 3%" and "below 5%" are bounds, "$10,000 more a year than…" a difference, "3 years ago" a date: none is
# a value of the person's plan.
BLOCK_BEFORE = re.compile(
    r"\b(?:age[ds]?|gpa|gre|top(?=\s*$)|family of|up to|worked|been|(?<!if i )(?<!if it )took|(?:employer|company)(?!\s+(?:(?:will|would|'ll|'d)\s+)?(?:pays?|covers?|reimburses?|gives?|contributes?)\b)|spouse|wife|husband|partner|tax|already|"
    r"less than|fewer than|below)\b"
)
BLOCK_AFTER = re.compile(
    r"\b(?:years? old|yo|figures|programs|courses|classes|yoe|(?:of )?exp\w*|left|retirement|off|"
    r"job search|decision|already|undergrad|school|ago|(?:more|less|fewer)\b(?:\s+\S+){0,3}?\s+than)\b"
)
# "2 kids", "one child": a count of children, never an amount ("60k income with one kid" is still the income).
COUNT_BLOCK_AFTER = re.compile(r"\b(?:kids?|child(?:ren)?)\b")
AGE = re.compile(r"\b(?:i'?m|im|i am)\s*$")
DURATION_ELSEWHERE = re.compile(r"^\s*(?:in|at)\s+(?!age\b)[a-z]")  # "20 years in IT", "4 years at amazon"
# Plausible ranges: a value outside is a different quantity (a 30% "loan" is a share, not an APR).
RANGE = {"apr_percent": (0.0, 20.0), "years": (0.25, 8.0), "term_years": (1.0, 30.0), "savings_share": (0.0, 1.0)}
