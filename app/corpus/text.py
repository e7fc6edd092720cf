"""Text rules shared by every stage: money, plurals, sentences, where a source sits. One home each."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Written and read with one table (money() here, the number reader in app/answer/numbers_mentions.py); other
# currencies keep their code: '$' alone would read as USD.
CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}


# From this amount up, an estimate is shown in whole units (see money's `estimate`).
WHOLE_FROM = 1_000


def money(amount: float, currency: str | None, *, say_unstated: bool = False, estimate: bool = False) -> str:
    """'$6,750', '£35,900', 'CAD 60,000'; a bare number when the currency is not stated.

    `say_unstated` adds "(currency not stated)" to a bare number: where a figure stands alone (a table cell, a
    cited fact) a reader must not take it for dollars.
    `estimate` marks a computed estimate in a summary (a decision's verdict lines and tables): from WHOLE_FROM up it
    is shown to the whole unit, since "$126,666.67" of salary (1.33 years × a salary) claims a precision the estimate
    does not have. Published figures and the calculator's breakdown (its working) keep their cents.
    """
    if estimate and abs(amount) >= WHOLE_FROM:
        amount = round(amount)
    text = f"{amount:,.2f}".removesuffix(".00")
    if currency in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[currency] + text
    if currency:
        return f"{currency} {text}"
    return text + (" (currency not stated)" if say_unstated else "")


def plural(n: float, unit: str) -> str:
    """'1 year', '1.5 years', '16 credits'."""
    return f"{n:.4g} {unit}{'' if n == 1 else 's'}"


# A sentence ends at . ! or ? before a capital or a quote, unless the period closes an initialism such as "U.S.".
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b[A-Z]\.[A-Z]\.)\s+(?=[A-Z\"“])")


def sentences(text: str) -> list[str]:
    """The sentences of a text, in order; a line break always ends one (list items, headings)."""
    return [s.strip() for line in text.splitlines() for s in _SENTENCE_END.split(line) if s.strip()]


def where(kind: str, section: Sequence[str], title: str) -> str:
    """Where a chunk or citation comes from: the guide's heading path below the title, or the record's title."""
    return " > ".join(section[1:]) if kind == "guide" else title


_AMOUNT = re.compile(r"[$£€]?\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(k|thousand)?", re.I)


def parse_amount(text: str) -> float:
    """'90,000', '$90000', '90k', '40 thousand', '1.5' → a float; raises ValueError for anything else."""
    m = _AMOUNT.fullmatch(text.strip())
    if m is None:
        raise ValueError(f"not an amount: {text!r}")
    return float(m.group(1).replace(",", "")) * (1000 if m.group(2) else 1)


# A program's own short name inside its name: "Master of Computational Data Science (MCDS)". An acronym has two
# capitals or more and no space ("(Ithaca)", "(online)", "(Machine Learning specialization)" are not one), except
# a trailing "Online" ("MCIT Online").
_ACRONYM = re.compile(r"^(?P<pre>Online\s+)?[^()]*?\s*\((?P<acr>(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z.\-]*(?: Online)?)\)(?P<rest>.*)$")


def short_program_name(name: str) -> str:
    """A program's name as a column label: its acronym with what qualifies it ("MCDS", "Online MSAI", "MSDS,
    online"), else the name with "Master of Science" as "MS" ("MS in Machine Learning")."""
    if m := _ACRONYM.match(name):
        return f"{m['pre'] or ''}{m['acr']}{m['rest']}".strip()
    return re.sub(r"\bMaster of Science\b", "MS", name)


def program_labels(programs: Sequence[tuple[str, str]]) -> list[str]:
    """One short, distinct label per column of programs, given (name, school without its department) each: one
    home for the decision table, the web app's decision view and the comparison table.

    A school seen once is its own label (the shortest a reader recognises); programs sharing a school are told apart
    by their short names ("MCDS", "MS in Machine Learning"), with the school when other schools are in the table.
    Two still alike (one acronym for two tracks) get their whole names.
    """
    schools = [school for _, school in programs]
    one_school = len(set(schools)) == 1

    def label(name: str, school: str) -> str:
        if schools.count(school) == 1:
            return school
        return short_program_name(name) if one_school else f"{short_program_name(name)} — {school}"

    labels = [label(name, school) for name, school in programs]
    return [lab if labels.count(lab) == 1 else f"{name} — {school}" for lab, (name, school) in zip(labels, programs, strict=True)]


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub Markdown table; a cell's pipes are escaped and its line breaks folded, so no cell breaks a row."""

    def cell(text: str) -> str:
        return " ".join(str(text).split()).replace("|", "\\|")

    lines = ["| " + " | ".join(map(cell, header)) + " |", "|---" * len(header) + "|"]
    return "\n".join(lines + ["| " + " | ".join(map(cell, row)) + " |" for row in rows])


def word_stem(word: str) -> str:
    """A word's plain stem for matching words with words: lower case, no possessive, singular ("studies" ->
    "study", "programs" -> "program")."""
    w = word.lower().replace("’", "'").removesuffix("'s")
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    return w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 3 else w
