"""Money, plurals, sentences, amounts and Markdown tables: one home each (app/corpus/text.py)."""

from __future__ import annotations

import pytest

from app.corpus.text import markdown_table, money, parse_amount, plural, sentences, where


def test_money_uses_the_symbol_the_code_or_says_the_currency_is_unstated() -> None:
    assert money(6750, "USD") == "$6,750" and money(35900, "GBP") == "£35,900" and money(1234.5, "EUR") == "€1,234.50"
    assert money(60000, "CAD") == "CAD 60,000"  # '$' alone would read as USD
    assert money(500, None) == "500" and money(500, None, say_unstated=True) == "500 (currency not stated)"


def test_plural() -> None:
    assert (plural(1, "year"), plural(1.5, "year"), plural(16, "credit")) == ("1 year", "1.5 years", "16 credits")


def test_sentences_split_at_sentence_ends_and_lines_but_not_initialisms() -> None:
    text = "Tuition is $225 per credit. The U.S. average is higher! Is it worth it?\n- a list item\n\n"
    assert sentences(text) == ["Tuition is $225 per credit.", "The U.S. average is higher!", "Is it worth it?",
                               "- a list item"]  # fmt: skip


def test_where_a_chunk_comes_from() -> None:
    assert where("guide", ("Title", "Costs", "Tuition"), "ignored") == "Costs > Tuition"
    assert where("program", (), "CMU MSML") == "CMU MSML"


@pytest.mark.parametrize(
    ("text", "value"),
    [("90,000", 90000), ("$90000", 90000), ("90k", 90000), ("40 thousand", 40000), ("1.5", 1.5), (" £35,900 ", 35900)],
)
def test_parse_amount(text: str, value: float) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["", "lots", "90,00", "$1.2.3", "90 k dollars"])
def test_parse_amount_rejects_anything_else(text: str) -> None:
    with pytest.raises(ValueError, match="not an amount"):
        parse_amount(text)


def test_markdown_table_escapes_pipes_and_folds_line_breaks() -> None:
    table = markdown_table(["Field", "a|b"], [["x", "one | two\nthree"]])
    assert table.splitlines() == ["| Field | a\\|b |", "|---|---|", "| x | one \\| two three |"]
