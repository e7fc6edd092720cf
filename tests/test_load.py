"""20 concurrent gradio_client sessions: each gets cited answers about its own program, and follow-ups never cross."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from app.answer.citations import markers
from app.ui.presenters import escape_md
from tests.ui_fixtures import client, running, server_settings

pytestmark = pytest.mark.slow
USERS = 20
# Programs whose first question names them alone (two schools share no name here), one per session.
PROGRAMS = (
    "cmu-msml", "gatech-omscs", "drexel-ms-ai-ml", "snhu-bs-cybersecurity-genai", "ut-austin-msai-online",
    "ut-austin-mscs-online", "uiuc-mcs-online", "cu-boulder-mscs-coursera", "jhu-ms-ai-online", "penn-mcit-online",
    "indiana-ms-data-science-online", "tarleton-ms-aiml", "columbia-ms-cs-ml", "stanford-ms-cs-ai",
    "northwestern-ms-ai", "kennesaw-msai", "txstate-ms-ai", "edinburgh-msc-ai", "loughborough-msc-ai", "toronto-mscac",
)  # fmt: skip


@pytest.fixture(scope="module")
def url(advisor: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = server_settings(advisor.settings, tmp_path_factory.mktemp("load"))
    with running(advisor, settings) as (u, _):
        yield u


def test_twenty_concurrent_sessions_get_their_own_cited_answers(url: str, advisor: Any) -> None:
    programs = [advisor.corpus.program(pid) for pid in PROGRAMS[:USERS]]
    # What an answer about a program says: "<school>, <name>: …" (escaped, as the endpoint returns it).
    tags = {p.id: escape_md(f"{p.school}, {p.name}") for p in programs}
    start = threading.Barrier(USERS)

    def session(p: Any) -> dict[str, Any]:
        c = client(url)
        start.wait()  # every session asks at the same moment
        t0 = time.perf_counter()
        first = c.predict(f"What does {p.school} charge for the {p.name}?", api_name="/chat")
        follow = c.predict("How long is it?", api_name="/chat")
        return {"id": p.id, "first": first, "follow": follow, "seconds": time.perf_counter() - t0}

    with ThreadPoolExecutor(USERS) as pool:
        results = list(pool.map(session, programs))

    for r in results:
        own, others = tags[r["id"]], [t for pid, t in tags.items() if pid != r["id"]]
        for answer in (r["first"], r["follow"]):
            body, _, sources = answer.partition("**Sources**")
            assert markers(body) and all(f"- [{n}] " in sources for n in set(markers(body))), answer
        assert own in r["first"], r["first"]
        assert own in r["follow"], f"session {r['id']} follow-up is not about its program:\n{r['follow']}"
        assert not [t for t in others if t in r["follow"]], f"session {r['id']} got another session's program"
    assert max(r["seconds"] for r in results) < 120
