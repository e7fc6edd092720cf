"""Text rules shared by every stage: money, plurals, sentences, where a source sits. One home each."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Written and read with one table (money() here, the number reader in app/answer/numbers_mentions.py); other
# currencies keep their code: '$' alone would read as USD.
CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}


def money(amount: float, currency: str | None, *, say_unstated: bool = False) -> str:
    """'$6,750', '£35,900', 'CAD 60,000'; a bare number when the currency is not stated.

    `say_unstated` adds "(currency not stated)" to a bare number: where a figure stands alone (a table cell, a
    cited fact) a reader must not take it for dollars.
    """
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
