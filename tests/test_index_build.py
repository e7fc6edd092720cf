"""Incremental, crash-safe indexing on a real Chroma store with the real model."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from app.errors import CorpusError
from app.index.build import build_index, make_client, open_collection, read_pointer
from app.settings import Settings

QUIET = {"progress": False, "log": lambda m: None}


def _count(settings: Settings) -> int:
    coll, _ = open_collection(make_client(settings), settings)
    return coll.count()


def _edit_program(corpus_dir: Path, program_id: str, **changes: object) -> None:
    path = corpus_dir / "programs.yaml"
    data = yaml.safe_load(path.read_text())
    rec = next(r for r in data if r["id"] == program_id)
    rec.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def test_incremental_counts(scratch_settings: Settings) -> None:
    first = build_index(scratch_settings, **QUIET)
    total = first.added
    assert first.embedded == total > 50 and first.unchanged == 0

    again = build_index(scratch_settings, **QUIET)
    assert again.as_dict() == {"added": 0, "updated": 0, "removed": 0, "unchanged": total, "embedded": 0}

    _edit_program(scratch_settings.corpus_dir, "cmu-msml", modality="hybrid")  # a summary field
    one = build_index(scratch_settings, **QUIET)
    assert (one.updated, one.embedded, one.unchanged) == (1, 1, total - 1)

    guide = scratch_settings.corpus_dir / "guide.md"
    guide.write_text(
        guide.read_text().replace("### Program fit\n\nHow likely am I to succeed in such a program?\n\n", "")
    )
    removed = build_index(scratch_settings, **QUIET)
    assert removed.removed == 1 and removed.embedded == 0
    assert _count(scratch_settings) == total - 1

    full = build_index(scratch_settings, rebuild=True, **QUIET)
    assert full.embedded == total - 1


def test_bad_corpus_leaves_the_index_untouched(scratch_settings: Settings) -> None:
    build_index(scratch_settings, **QUIET)
    before = read_pointer(make_client(scratch_settings), scratch_settings)
    _edit_program(scratch_settings.corpus_dir, "cmu-msml", credits="many")
    with pytest.raises(CorpusError, match="record 'cmu-msml': field 'credits'"):
        build_index(scratch_settings, **QUIET)
    assert read_pointer(make_client(scratch_settings), scratch_settings) == before


def test_model_mismatch_is_announced_and_rebuilt(scratch_settings: Settings) -> None:
    first = build_index(scratch_settings, **QUIET)
    ptr = make_client(scratch_settings).get_collection(f"{scratch_settings.collection}-active")
    ptr.modify(metadata={**ptr.metadata, "model": "some-other-model", "dim": 768})
    messages: list[str] = []
    stats = build_index(scratch_settings, progress=False, log=messages.append)
    assert stats.embedded == first.embedded
    assert any("rebuilding" in m and "some-other-model" in m for m in messages)
    assert read_pointer(make_client(scratch_settings), scratch_settings)["dim"] == 384


def _search_ok(env: dict[str, str]) -> list[dict]:
    import json

    out = subprocess.run(
        [sys.executable, "-m", "app", "search", "tuition at public universities", "--json"],
        env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return json.loads(out.stdout)


@pytest.mark.slow
def test_kill_9_during_rebuild_leaves_previous_index_usable(scratch_settings: Settings) -> None:
    build_index(scratch_settings, **QUIET)
    env = {**os.environ, "ADVISOR_INDEX_DIR": str(scratch_settings.index_dir),
           "ADVISOR_CORPUS_DIR": str(scratch_settings.corpus_dir)}  # fmt: skip
    # Kill at several moments: during imports, embedding, collection writes and the swap.
    for delay in (0.5, 1.5, 2.5, 3.5, 5.0):
        proc = subprocess.Popen([sys.executable, "-m", "app", "index", "--rebuild"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        hits = _search_ok(env)
        assert len(hits) == 5 and any(h["section"] and h["section"][-1] == "Tuition" for h in hits)
    assert build_index(scratch_settings, **QUIET).embedded == 0, "the surviving index is complete"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_chroma_server_uses_the_same_code(scratch_settings: Settings, tmp_path: Path) -> None:
    chroma = Path(sys.executable).with_name("chroma")
    port = _free_port()
    server = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        settings = scratch_settings.model_copy(update={"chroma_url": f"http://127.0.0.1:{port}"})
        deadline = time.time() + 60
        while True:
            try:
                make_client(settings).heartbeat()
                break
            except Exception:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        first = build_index(settings, **QUIET)
        assert first.embedded > 50
        assert build_index(settings, **QUIET).embedded == 0
        assert not (scratch_settings.index_dir / "chroma").exists(), "server mode must not write the embedded store"
        from app.wiring import build_advisor

        hits = build_advisor(settings).retriever.search("How much does Carnegie Mellon cost?", k=3)
        assert hits[0].chunk.program_id == "cmu-msml"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_running_reader_survives_one_reindex(scratch_settings: Settings) -> None:
    from app.wiring import build_advisor

    build_index(scratch_settings, **QUIET)
    reader = build_advisor(scratch_settings, log=lambda m: None)  # like a running `advisor serve`
    _edit_program(scratch_settings.corpus_dir, "cmu-msml", modality="hybrid")
    build_index(scratch_settings, **QUIET)
    assert reader.retriever.search("Carnegie Mellon tuition", k=1), "the previous build is kept for readers"
    _edit_program(scratch_settings.corpus_dir, "cmu-msml", modality="online")
    build_index(scratch_settings, **QUIET)
    names = [c if isinstance(c, str) else c.name for c in make_client(scratch_settings).list_collections()]
    assert len([n for n in names if n.removeprefix(f"{scratch_settings.collection}-").isdigit()]) == 2


def test_a_changed_corpus_is_noticed_on_start_and_only_its_changes_are_embedded(scratch_settings: Settings) -> None:
    from app.corpus.load import corpus_for
    from app.index.build import corpus_fingerprint, ensure_index

    said: list[str] = []
    ensure_index(scratch_settings, log=said.append)
    assert said == ["Building the index (first run)…"]
    ensure_index(scratch_settings, log=said.append)
    assert len(said) == 1  # unchanged corpus: nothing to do, nothing said

    _edit_program(scratch_settings.corpus_dir, "cmu-msml", modality="hybrid")  # corpus files copied in anew
    ensure_index(scratch_settings, log=said.append)
    assert said[-1].startswith("The corpus changed since the index was built")
    coll, _ = open_collection(make_client(scratch_settings), scratch_settings)
    assert "Modality: hybrid" in coll.get(ids=["program:cmu-msml"])["documents"][0]
    pointer = read_pointer(make_client(scratch_settings), scratch_settings)
    assert pointer["corpus"] == corpus_fingerprint(corpus_for(scratch_settings))


def test_an_index_from_before_fingerprints_gets_one_without_re_embedding(scratch_settings: Settings) -> None:
    from app.index.build import ensure_index

    build_index(scratch_settings, **QUIET)
    client = make_client(scratch_settings)
    ptr = client.get_collection(f"{scratch_settings.collection}-active", embedding_function=None)
    meta = {k: v for k, v in ptr.metadata.items() if k != "corpus"}
    ptr.modify(metadata=meta)  # as an older build wrote it
    assert "corpus" not in read_pointer(client, scratch_settings)
    said: list[str] = []
    ensure_index(scratch_settings, log=said.append)
    again = build_index(scratch_settings, **QUIET)
    assert again.embedded == 0 and read_pointer(client, scratch_settings).get("corpus")
    said.clear()
    ensure_index(scratch_settings, log=said.append)
    assert said == []
