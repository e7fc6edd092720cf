"""How a grounded answer reads: the words it quotes and its sentences (app/answer/compose.py, pure parts)."""

from __future__ import annotations

import pytest

from app.answer.compose import quoted, sentence


def test_quoted() -> None:
    assert quoted(()) == "that"
    assert quoted(("parking",)) == "“parking”"
    assert quoted(("SOP", "OPT", "visa")) == "“SOP”, “OPT” or “visa”"


def test_sentence_ends_in_exactly_one_mark() -> None:
    assert (sentence(" It is online "), sentence("Is it?"), sentence("Yes!")) == ("It is online.", "Is it?", "Yes!")


def test_not_covered_shows_close_related_facts_that_carry_a_value_and_says_why() -> None:
    from app.answer.compose import not_covered
    from app.answer.coverage import Coverage
    from app.corpus.chunks import Chunk
    from app.corpus.units import Evidence
    from app.settings import Settings

    chunk = Chunk(id="program:x", kind="program", text="", title="X", program_id="x")
    unpublished = Evidence("X: credits is not published in our sources", "q", chunk, 0, missing=True)
    valued = Evidence("X: credits 144 units", "q2", chunk, 0)
    far = Evidence("X: tuition $10,000", "q3", chunk, 0)  # parking and tuition share a record, not a meaning
    numbers: list[str] = []

    def cite(e: Evidence) -> int:
        numbers.append(e.text)
        return len(numbers)

    lines = not_covered(Coverage("none", ("parking",)), [(unpublished, 0.6), (far, 0.2), (valued, 0.5)], cite,
                        Settings().prompts_dir)  # fmt: skip
    assert lines == ["Our sources don't cover “parking”, so I won't guess. Related, from our sources (not an answer "
                     "to your question):", "- X: credits 144 units. [1]"]  # fmt: skip
    told = not_covered(Coverage("none", (), ("experience",)), [], cite, Settings().prompts_dir)
    assert told == ["Our sources are a guide and program records: they hold no one's personal experience, so I won't "
                    "guess."]  # fmt: skip


@pytest.mark.parametrize(("text", "opening"), [
    ("It can be worth it if the cost fits your goals.", "It depends: "),
    ("Studying in person, even if only temporarily, means relocation costs.", "In short: "),
])  # fmt: skip
def test_a_yes_no_answer_says_it_depends_only_for_a_condition_on_the_answer(text: str, opening: str) -> None:
    from app.answer.compose import lead_line
    from app.corpus.chunks import Chunk
    from app.corpus.units import Evidence
    from app.settings import Settings

    e = Evidence(text, text, Chunk(id="guide:x", kind="guide", text=text, title="G", section=("G", "S")), 0)
    line, lead = lead_line("Is it worth it?", [e], lambda _: 1, Settings().prompts_dir)
    assert line == f"{opening}{text} [1]" and lead is e


def test_a_school_with_several_programs_says_which_the_answer_shows() -> None:
    from app.answer.compose import school_notes
    from app.settings import Settings

    prompts = Settings().prompts_dir
    names = {"a": "MS in Machine Learning", "b": "Master of Computational Data Science"}
    schools = dict.fromkeys(names, "Carnegie Mellon University")
    both = school_notes([["a", "b"]], ["a", "b"], names, schools, prompts)
    assert both == ["Carnegie Mellon University: we hold 2 programs there, MS in Machine Learning and Master of "
                    "Computational Data Science; both are in this answer (name one to see it alone)."]  # fmt: skip
    one = school_notes([["a", "b"]], ["b"], names, schools, prompts)[0]
    assert one.endswith("this answer is about Master of Computational Data Science only (name MS in Machine Learning "
                        "to see it).")  # fmt: skip
    assert school_notes([["a", "b"]], [], names, schools, prompts) == []
