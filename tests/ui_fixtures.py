"""Helpers shared by the UI tests: a real server on a free loopback port, hostile corpus data, client factory."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from app.index.build import ONNX_SUBDIR, build_index
from app.settings import PROJECT_ROOT, Settings

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip
HOSTILE_ID = "cmu-msml"
# Markup in a program record: each part would run (or render) if any view failed to escape it.
HOSTILE_NAME = "Master of Science in Machine Learning <script>alert('xss-name')</script> <b>bold</b> ${alert(2)}"
CMU_QUESTION = "Tell me about the Carnegie Mellon MSML"  # an answer that quotes the (hostile) program name
HOSTILE_QUESTION = f"<img src=x onerror=alert('xss-q')> {CMU_QUESTION}"


def free_port() -> int:
    """A port nobody listens on right now (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_settings(base: Settings, tmp: Path, **overrides: Any) -> Settings:
    """`base` on a free loopback port with its own feedback file."""
    values: dict[str, Any] = {"host": "127.0.0.1", "port": free_port(), "feedback_db": tmp / "feedback.sqlite3"}
    return base.model_copy(update=values | overrides)


@contextmanager
def running(adv: Any, settings: Settings) -> Iterator[tuple[str, Any]]:
    """Serve the real app for `adv` on settings.host:port; yields (url, demo); closes on exit."""
    from app.ui.app import build_app, launch

    demo = build_app(adv, settings)
    url, _ = launch(demo, settings)
    try:
        yield url, demo
    finally:
        demo.close()


def client(url: str, **kwargs: Any) -> Any:
    """A gradio_client session (each Client is its own session, like a browser tab)."""
    from gradio_client import Client

    return Client(url, verbose=False, analytics_enabled=False, download_files=False, **kwargs)


def hostile_settings(built: Settings, root: Path) -> Settings:
    """An index of the real corpus whose CMU record's name carries markup; built once per root, then reused.

    The ONNX export of `built` is copied, so only the chunks are embedded (seconds, not a fresh export).
    """
    corpus, index = root / "corpus", root / "index"
    if not (index / ".hostile-done").exists():
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(PROJECT_ROOT / "corpus", corpus)
        programs = yaml.safe_load((corpus / "programs.yaml").read_text(encoding="utf-8"))
        for p in programs:
            if p["id"] == HOSTILE_ID:
                p["name"] = HOSTILE_NAME
        (corpus / "programs.yaml").write_text(yaml.safe_dump(programs, sort_keys=False, allow_unicode=True), "utf-8")
        index.mkdir(parents=True)
        shutil.copytree(built.index_dir / ONNX_SUBDIR, index / ONNX_SUBDIR)
        settings = Settings(index_dir=index, corpus_dir=corpus, today=built.today)
        build_index(settings, progress=False, log=lambda m: None)
        (index / ".hostile-done").touch()
    return Settings(index_dir=index, corpus_dir=corpus, today=built.today)
