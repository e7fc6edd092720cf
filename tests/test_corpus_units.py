"""Evidence units of program records (app/corpus/units.py): who a tuition figure applies to travels with it."""

from __future__ import annotations

from app.corpus.chunks import Chunk
from app.corpus.load import load_corpus
from app.corpus.units import program_units
from app.settings import PROJECT_ROOT

CORPUS = load_corpus(PROJECT_ROOT / "corpus")


def _tuition_lines(program_id: str) -> list[str]:
    p = CORPUS.program(program_id)
    chunk = next(c for c in CORPUS.chunks if c.kind == "program" and c.program_id == program_id)
    assert isinstance(chunk, Chunk)
    return [u.text for u in program_units(p, chunk, 0) if u.field == "tuition"]


def test_a_tuition_for_one_fee_tier_says_which_and_the_other_tier_s_fee() -> None:
    (line,) = _tuition_lines("loughborough-msc-ai")
    assert "£30,900 per year (International fee for the 2026-27 academic year (UK fee: £13,700))" in line


def test_a_basis_that_names_no_tier_is_not_added() -> None:
    (line,) = _tuition_lines("cmu-msml")
    assert line.endswith("per year (from the 2026 guide, which does not date it)")  # the date only, no tier
