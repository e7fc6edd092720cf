"""Embed the corpus chunks into Chroma, incrementally and crash-safely.

Crash safety: every build writes a fresh collection beside the live one, then flips a pointer
(the metadata of a tiny `<prefix>-active` collection, one SQLite transaction) and only then drops
the old one. A build killed at any moment leaves the pointer on a complete collection.
The same code runs on the embedded store and on a Chroma server.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from app.corpus.chunks import Chunk
from app.corpus.load import Corpus, corpus_for
from app.corpus.units import all_match_texts, guide_headings
from app.errors import IndexUnavailable
from app.index.embeddings import OnnxEmbeddings, export_onnx, onnx_ready
from app.settings import Settings

ONNX_SUBDIR = "onnx"
UNITS_FILE = "units.npz"
CHROMA_SUBDIR = "chroma"


@dataclass
class IndexStats:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    embedded: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def make_client(settings: Settings) -> Any:
    """A Chroma client: HTTP when `chroma_url` is set, else the embedded store in `index_dir`."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if not url.hostname or not url.port:
            raise IndexUnavailable(f"ADVISOR_CHROMA_URL must look like http://host:port, got {settings.chroma_url!r}")
        try:
            return chromadb.HttpClient(
                host=url.hostname, port=url.port, ssl=url.scheme == "https", settings=chroma_settings
            )
        except Exception as e:  # the client pings on creation
            raise IndexUnavailable(f"cannot reach the Chroma server at {settings.chroma_url}: {e}") from e
    path = settings.index_dir / CHROMA_SUBDIR
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def _pointer_name(settings: Settings) -> str:
    return f"{settings.collection}-active"


def read_pointer(client: Any, settings: Settings) -> dict[str, Any] | None:
    """The live build's metadata ({active, model, dim}), or None if no build finished yet."""
    from chromadb.errors import NotFoundError

    try:
        meta = client.get_collection(_pointer_name(settings), embedding_function=None).metadata or {}
    except NotFoundError:  # no build has finished yet; any other error is real and surfaces
        return None
    return meta if meta.get("active") else None


def open_collection(client: Any, settings: Settings) -> tuple[Any, dict[str, Any]]:
    """The live collection and its pointer metadata; IndexUnavailable if there is none."""
    pointer = read_pointer(client, settings)
    if pointer is None:
        raise IndexUnavailable("no index has been built yet: run `advisor index`")
    return client.get_collection(pointer["active"], embedding_function=None), pointer


def onnx_dir(settings: Settings) -> Path:
    return settings.index_dir / ONNX_SUBDIR


def load_embedder(settings: Settings, log: Any = None) -> OnnxEmbeddings:
    """The torch-free query embedder; exports the model once if the index has none yet."""
    target = onnx_dir(settings)
    if not onnx_ready(target, settings.embedding_model):
        if log:
            log(f"Exporting {settings.embedding_model} to ONNX (one time, ~10 s)…")
        export_onnx(target, settings.embedding_model)
    return OnnxEmbeddings(target)


def _progress(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc="Embedding", unit="chunk", file=sys.stderr, disable=not enabled or total == 0)


def build_index(
    settings: Settings,
    *,
    rebuild: bool = False,
    corpus: Corpus | None = None,
    progress: bool = True,
    log: Any = None,
) -> IndexStats:
    """Bring the index in line with the corpus; embed only new or changed chunks."""
    log = log or (lambda msg: print(msg, file=sys.stderr))
    corpus = corpus or corpus_for(settings)  # validate before touching anything
    embedder = load_embedder(settings, log)
    client = make_client(settings)
    pointer = read_pointer(client, settings)

    old: dict[str, str] = {}  # chunk id -> content hash in the live build
    if pointer and (pointer.get("model") != embedder.model_name or int(pointer.get("dim", 0)) != embedder.dim):
        log(
            f"The index was built with {pointer.get('model')} (dim {pointer.get('dim')}) but the current model is "
            f"{embedder.model_name} (dim {embedder.dim}): rebuilding it so vectors are never mixed."
        )
        rebuild = True
    live = client.get_collection(pointer["active"], embedding_function=None) if pointer and not rebuild else None
    if live is not None:
        got = live.get(include=["metadatas"])
        old = {i: m["content_hash"] for i, m in zip(got["ids"], got["metadatas"], strict=True)}

    stats = IndexStats()
    new_ids = {c.id for c in corpus.chunks}
    stats.removed = sum(1 for i in old if i not in new_ids)
    to_embed: list[Chunk] = []
    for c in corpus.chunks:
        if old.get(c.id) == c.content_hash:
            stats.unchanged += 1
        else:
            to_embed.append(c)
            if c.id in old:
                stats.updated += 1
            else:
                stats.added += 1
    if live is not None and not (stats.added or stats.updated or stats.removed):
        _embed_units(settings, corpus, embedder, reuse=True)
        if pointer and pointer.get("corpus") != corpus_fingerprint(corpus):  # an index from before fingerprints
            _swap_pointer(client, settings, pointer["active"], embedder, corpus)
        return stats  # nothing changed: the live collection is already right

    # Only now fetch the vectors worth keeping: a no-change run never reads them.
    vectors: dict[str, list[float]] = {}
    fresh = {c.id for c in to_embed}
    keep = [c.id for c in corpus.chunks if c.id not in fresh] if live is not None else []
    step = client.get_max_batch_size()
    for i in range(0, len(keep), step):
        got = live.get(ids=keep[i : i + step], include=["embeddings"])  # type: ignore[union-attr]
        vectors.update({cid: list(e) for cid, e in zip(got["ids"], got["embeddings"], strict=True)})

    with _progress(len(to_embed), progress) as bar:
        for i in range(0, len(to_embed), embedder.batch_size):
            batch = to_embed[i : i + embedder.batch_size]
            for c, v in zip(batch, embedder.embed_documents([c.embed_text for c in batch]), strict=True):
                vectors[c.id] = v
            bar.update(len(batch))
    stats.embedded = len(to_embed)

    name = _write_collection(client, settings, corpus.chunks, vectors, embedder)
    _swap_pointer(client, settings, name, embedder, corpus)
    # The previous build stays until the next one: a running `advisor serve` keeps answering from it.
    _drop_stale(client, settings, keep={name, pointer["active"]} if pointer else {name})
    _embed_units(settings, corpus, embedder, reuse=not rebuild)
    return stats


def _write_collection(
    client: Any, settings: Settings, chunks: list[Chunk], vectors: dict[str, list[float]], embedder: OnnxEmbeddings
) -> str:
    """A new collection beside the live one, holding every chunk with its vector; returns its name."""
    name = f"{settings.collection}-{time.time_ns()}"
    coll = client.create_collection(
        name,
        configuration={"hnsw": {"space": "cosine"}},
        metadata={"model": embedder.model_name, "dim": embedder.dim},
        embedding_function=None,
    )
    step = client.get_max_batch_size()
    for i in range(0, len(chunks), step):
        part = chunks[i : i + step]
        coll.add(
            ids=[c.id for c in part],
            embeddings=[vectors[c.id] for c in part],
            documents=[c.text for c in part],
            metadatas=[c.metadata() for c in part],
        )
    return name


def _embed_units(settings: Settings, corpus: Corpus, embedder: OnnxEmbeddings, reuse: bool) -> None:
    """Pre-embed every citable sentence and figure and the guide's headings; unchanged ones keep their vectors unless
    rebuilding."""
    path = settings.index_dir / UNITS_FILE
    cached = load_unit_vectors(path, embedder.model_name) if reuse else {}
    texts = list(dict.fromkeys([*all_match_texts(corpus), *guide_headings(corpus)]))
    todo = [t for t in texts if t not in cached]
    cached |= dict(zip(todo, map(np.asarray, embedder.embed_documents(todo)), strict=True)) if todo else {}
    save_unit_vectors(path, texts, [cached[t].tolist() for t in texts], embedder.model_name)


def _swap_pointer(client: Any, settings: Settings, name: str, embedder: OnnxEmbeddings, corpus: Corpus) -> None:
    ptr = client.get_or_create_collection(_pointer_name(settings), embedding_function=None)
    ptr.modify(metadata={"active": name, "model": embedder.model_name, "dim": embedder.dim,
                         "corpus": corpus_fingerprint(corpus)})  # fmt: skip


def _drop_stale(client: Any, settings: Settings, keep: set[str]) -> None:
    """Delete superseded builds and leftovers of killed ones."""
    prefix = f"{settings.collection}-"
    for coll in client.list_collections():
        cname = coll if isinstance(coll, str) else coll.name
        if cname.startswith(prefix) and cname[len(prefix) :].isdigit() and cname not in keep:
            client.delete_collection(cname)


def corpus_fingerprint(corpus: Corpus) -> str:
    """One hash of every chunk's id and content: it changes when any chunk does."""
    joined = "\n".join(sorted(f"{c.id}:{c.content_hash}" for c in corpus.chunks))
    return hashlib.sha256(joined.encode()).hexdigest()[:32]


def ensure_index(settings: Settings, corpus: Corpus | None = None, log: Any = None) -> None:
    """Build the index on first use or when its model no longer matches; bring it in line with the corpus when the
    corpus changed since (new corpus files copied in): only the changed chunks are embedded."""
    say = log or (lambda m: print(m, file=sys.stderr))
    client = make_client(settings)
    pointer = read_pointer(client, settings)
    if (
        pointer is None
        or not onnx_ready(onnx_dir(settings), settings.embedding_model)
        or pointer.get("model") != settings.embedding_model
        or not (settings.index_dir / UNITS_FILE).exists()
    ):
        say("Building the index (first run)…")
        build_index(settings, corpus=corpus, log=log)
        return
    corpus = corpus or corpus_for(settings)
    if pointer.get("corpus") != corpus_fingerprint(corpus):
        say("The corpus changed since the index was built: updating the index (only changed chunks are embedded)…")
        build_index(settings, corpus=corpus, log=log)


def save_unit_vectors(path: Path, texts: list[str], vectors: list[list[float]], model: str) -> None:
    """Write the unit-vector cache beside the index, atomically (a killed build leaves the old file)."""
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, texts=np.array(texts, dtype=object), vectors=np.asarray(vectors, dtype=np.float32),
             model=np.array(model))  # fmt: skip
    os.replace(tmp, path)


def load_unit_vectors(path: Path, model: str | None) -> dict[str, np.ndarray]:
    """The unit-vector cache as {text: vector}; empty when missing or made by another model (never mix two)."""
    if not path.exists():
        return {}
    with np.load(path, allow_pickle=True) as data:
        if "model" not in data or str(data["model"]) != model:
            return {}
        return dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
