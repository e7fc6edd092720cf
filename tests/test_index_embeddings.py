"""The ONNX export matches sentence-transformers, and the query path stays torch-free."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np

from app.corpus.load import load_corpus
from app.index.build import onnx_dir
from app.index.embeddings import OnnxEmbeddings, load_sentence_transformer
from app.settings import Settings
from tests.conftest import CORPUS


def test_onnx_vectors_match_sentence_transformers(built_settings: Settings) -> None:
    chunks = load_corpus(CORPUS).chunks
    # The last text is longer than 256 tokens, so both sides must truncate it the same way.
    texts = [
        *[c.embed_text for c in chunks[::2]][:34],
        "hi",
        "What's the best pizza place in Pittsburgh?",
        "loan " * 400,
    ]
    assert len(texts) >= 30
    onnx = np.array(OnnxEmbeddings(onnx_dir(built_settings)).embed_documents(texts))
    ref = load_sentence_transformer().encode(texts, normalize_embeddings=True)
    cosines = (onnx * ref).sum(axis=1) / (np.linalg.norm(onnx, axis=1) * np.linalg.norm(ref, axis=1))
    assert cosines.min() >= 0.9999, cosines.min()


def test_search_never_imports_torch_or_gradio(built_settings: Settings) -> None:
    code = (
        "import sys, json\n"
        "from app.wiring import build_advisor\n"
        "from app.settings import Settings\n"
        f"adv = build_advisor(Settings(index_dir={str(built_settings.index_dir)!r}))\n"
        "adv.retriever.search('online programs')\n"
        "heavy = ['torch', 'transformers', 'sentence_transformers', 'gradio']\n"
        "print(json.dumps([m for m in heavy if m in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
