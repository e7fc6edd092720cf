"""Corpus loading and validation (app/corpus/load.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.corpus.load import load_corpus, validate_programs
from app.errors import CorpusError
from tests.conftest import CORPUS


def test_real_corpus_loads_with_every_program_and_kind() -> None:
    corpus = load_corpus(CORPUS)
    assert "cmu-msml" in corpus.program_ids and "gatech-omscs" in corpus.program_ids
    kinds = {c.kind for c in corpus.chunks}
    assert kinds == {"guide", "program", "figure"}
    assert len({c.id for c in corpus.chunks}) == len(corpus.chunks), "chunk ids must be unique"


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
