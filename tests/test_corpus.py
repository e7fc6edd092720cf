"""Corpus loading, validation and chunking."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.corpus.chunks import chunk_guide, render_program
from app.corpus.load import load_corpus, validate_programs
from app.errors import CorpusError
from tests.conftest import CORPUS


def test_real_corpus_loads_with_every_program_and_kind() -> None:
    corpus = load_corpus(CORPUS)
    assert "cmu-msml" in corpus.program_ids and "gatech-omscs" in corpus.program_ids
    kinds = {c.kind for c in corpus.chunks}
    assert kinds == {"guide", "program", "figure"}
    assert len({c.id for c in corpus.chunks}) == len(corpus.chunks), "chunk ids must be unique"


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


def test_bad_records_give_one_error_listing_every_problem() -> None:
    raw = yaml.safe_load((CORPUS / "programs.yaml").read_text())
    raw[0]["tuition"]["per_year"] = "lots"
    del raw[1]["school"]
    raw[2]["surprise"] = 1
    raw[3]["id"] = raw[4]["id"]
    with pytest.raises(CorpusError) as err:
        validate_programs(raw, "programs.yaml")
    msg = str(err.value)
    assert "programs.yaml: record 'cmu-msml': field 'tuition.per_year'" in msg
    assert "record 'gatech-omscs': field 'school'" in msg
    assert "record 'drexel-ms-ai-ml': field 'surprise'" in msg
    assert "duplicate id" in msg
    assert msg.startswith("4 problem(s)")


def test_unsourced_figure_is_rejected() -> None:
    raw = yaml.safe_load((CORPUS / "programs.yaml").read_text())
    raw[2]["tuition"]["per_year"] = 1000  # drexel has no tuition source
    with pytest.raises(CorpusError, match=r"field 'tuition\.per_year': has a value but no source"):
        validate_programs(raw)


def test_non_utf8_and_malformed_files_name_the_file(corpus_copy: Path) -> None:
    (corpus_copy / "guide.md").write_bytes(b"# Title\n\n\xff\xfe bad bytes\n")
    with pytest.raises(CorpusError, match=r"guide\.md: not valid UTF-8"):
        load_corpus(corpus_copy)
    (corpus_copy / "guide.md").write_text("# T\n\n## S\n\nok\n")
    (corpus_copy / "programs.yaml").write_text("- id: [unclosed\n")
    with pytest.raises(CorpusError, match=r"programs\.yaml: malformed YAML"):
        load_corpus(corpus_copy)


def test_parse_cache_follows_the_file_content(corpus_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_corpus(corpus_copy, cache_dir=cache)
    assert len(list(cache.glob("programs.yaml.*.json"))) == 1
    assert load_corpus(corpus_copy, cache_dir=cache).programs == first.programs  # served from the cache
    path = corpus_copy / "programs.yaml"
    path.write_text(
        path.read_text().replace("name: Master of Science in Machine Learning\n", "name: Renamed MSML\n", 1)
    )
    assert load_corpus(corpus_copy, cache_dir=cache).program("cmu-msml").name == "Renamed MSML"
    assert len(list(cache.glob("programs.yaml.*.json"))) == 1, "the stale copy is dropped"
    path.write_text("- id: [broken\n")
    with pytest.raises(CorpusError, match="malformed YAML"):
        load_corpus(corpus_copy, cache_dir=cache)
