"""Guide sections and program summaries cut into chunks with stable ids (app/corpus/chunks.py)."""

from __future__ import annotations

from app.corpus.chunks import chunk_guide, render_program
from app.corpus.load import load_corpus
from tests.conftest import CORPUS


def test_guide_chunks_are_verbatim_and_never_span_sections() -> None:
    corpus = load_corpus(CORPUS)
    guide = [c for c in corpus.chunks if c.kind == "guide"]
    for c in guide:
        assert corpus.guide_text[c.start : c.end] == c.text
        assert "\n#" not in c.text and not c.text.startswith("#"), "a chunk must not contain a heading"
        assert c.section[0] == "Is a Master's in Machine Learning Worth It?"
    tuition = [c for c in guide if c.section[-1] == "Tuition"]
    assert tuition and tuition[0].section == (
        "Is a Master's in Machine Learning Worth It?",
        "Is a machine learning master’s degree worth it for you?",
        "Tuition",
    )


def test_long_sections_split_on_paragraph_boundaries() -> None:
    text = "# T\n\n## Long\n\n" + "\n\n".join(f"Paragraph {i} " + "word " * 40 for i in range(6)) + "\n"
    chunks = chunk_guide(text, chunk_chars=450)
    assert len(chunks) > 1
    for c in chunks:
        assert c.text.startswith("Paragraph") and c.text.rstrip().endswith("word")
        assert c.section == ("T", "Long")


def test_chunk_ids_are_stable_and_content_addressed() -> None:
    a = load_corpus(CORPUS).chunks
    b = load_corpus(CORPUS).chunks
    assert [c.id for c in a] == [c.id for c in b]
    text = "# T\n\n## A\n\nSame text.\n"
    assert chunk_guide(text)[0].id == chunk_guide("# T\n\n## A\n\nSame text.\n\n## B\n\nOther.\n")[0].id
    assert chunk_guide(text)[0].id != chunk_guide("# T\n\n## A\n\nChanged text.\n")[0].id


def test_program_rendering_shows_nulls_as_not_published() -> None:
    corpus = load_corpus(CORPUS)
    text = render_program(corpus.program("drexel-ms-ai-ml"))
    assert "Tuition: not published" in text and "Duration: not published" in text
    cmu = next(c for c in corpus.chunks if c.id == "program:cmu-msml")
    assert cmu.program_id == "cmu-msml" and "guide" in cmu.urls
    assert "$52,000 per year" in cmu.text


def test_every_program_quote_is_cited_to_its_program() -> None:
    # A program chunk holds the record's summary; every source quote is verbatim in the full record and is cited to
    # the program's own chunk.
    corpus = load_corpus(CORPUS)
    for p in corpus.programs:
        chunk = next(c for c in corpus.chunks if c.program_id == p.id)
        for s in p.sources:
            assert s.quote in render_program(p) and corpus.quote_home(s.quote, p.id) == chunk


def test_chunk_roles_tell_listings_and_summaries_from_sections() -> None:
    corpus = load_corpus(CORPUS)
    role = {c.section[-1] if c.kind == "guide" else c.program_id: c.role for c in corpus.chunks if c.kind != "figure"}
    assert role["Key Takeaways"] == role["Overview"] == role["Conclusion & Next Steps"] == "summary"
    assert role["Tuition"] == role["Online"] == role["Is a master’s in machine learning worth it?"] == "section"
    assert role["gatech-omscs"] == "listing"
    # The guide's promotional list of programs "now accepting applications" is an advert, not advice.
    promoted = [c for c in corpus.chunks if c.kind == "guide" and "now accepting applications" in " ".join(c.section)]
    assert promoted and all(c.role == "promotion" for c in promoted)
