"""Text rules shared by every stage: money, plurals, sentences, where a source sits. One home each."""

from __future__ import annotations

_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}  # other currencies keep their code: '$' alone would read as USD


def money(amount: float, currency: str | None, *, say_unstated: bool = False) -> str:
    """'$6,750', '£35,900', 'CAD 60,000'; a bare number when the currency is not stated.

    `say_unstated` adds "(currency not stated)" to a bare number: where a figure stands alone (a table cell, a
    cited fact) a reader must not take it for dollars.
    """
    text = f"{amount:,.2f}".removesuffix(".00")
    if currency in _SYMBOLS:
        return _SYMBOLS[currency] + text
    if currency:
        return f"{currency} {text}"
    return text + (" (currency not stated)" if say_unstated else "")
