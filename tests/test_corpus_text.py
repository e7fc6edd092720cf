"""Money, plurals, sentences, amounts and Markdown tables: one home each (app/corpus/text.py)."""

from __future__ import annotations

import pytest

from app.corpus.text import (
    markdown_table,
    money,
    parse_amount,
    plural,
    program_labels,
    sentences,
    short_program_name,
    where,
)


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


def test_money_shows_a_computed_estimate_to_the_whole_unit_from_a_thousand_up() -> None:
    assert money(126_666.67, "USD", estimate=True) == "$126,667" and money(69_333.33, "GBP", estimate=True) == "£69,333"
    assert money(126_666.67, "USD") == "$126,666.67"  # the calculator's working keeps its cents
    assert money(478.82, "USD", estimate=True) == "$478.82"  # below $1,000 the cents still matter (a monthly payment)
    assert money(-1_500.4, None, estimate=True) == "-1,500"


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Master of Computational Data Science (MCDS)", "MCDS"),
        ("Master of Science in Machine Learning", "MS in Machine Learning"),
        ("Online Master of Science in Artificial Intelligence (MSAI)", "Online MSAI"),
        ("Master of Science in Data Science (MSDS), residential", "MSDS, residential"),
        ("Master of Computer and Information Technology (MCIT Online)", "MCIT Online"),
        ("Master of Engineering (M.Eng.) in Computer Science (Ithaca)", "M.Eng. in Computer Science (Ithaca)"),
        ("MSc Computer Science (online)", "MSc Computer Science (online)"),  # "(online)" is no acronym
    ],
)
def test_short_program_name_is_the_names_own_acronym_or_ms_for_master_of_science(name: str, short: str) -> None:
    assert short_program_name(name) == short


def test_program_labels_are_short_and_distinct() -> None:
    mcds = ("Master of Computational Data Science (MCDS)", "Carnegie Mellon University")
    msml = ("Master of Science in Machine Learning", "Carnegie Mellon University")
    omscs = ("Online Master of Science in Computer Science", "Georgia Institute of Technology")
    assert program_labels([mcds, msml]) == ["MCDS", "MS in Machine Learning"]  # one school: the programs' names
    assert program_labels([msml, omscs]) == ["Carnegie Mellon University", "Georgia Institute of Technology"]
    assert program_labels([mcds, msml, omscs]) == ["MCDS — Carnegie Mellon University",
                                                   "MS in Machine Learning — Carnegie Mellon University",
                                                   "Georgia Institute of Technology"]  # fmt: skip
    # Alike when shortened ("MSDS" both): their whole names.
    one, other = ("Master of Science in Data Science (MSDS)", "X University"), ("MS in Data Science (MSDS)", "X University")
    assert program_labels([one, other]) == ["Master of Science in Data Science (MSDS) — X University",
                                            "MS in Data Science (MSDS) — X University"]  # fmt: skip
