"""A source's original address behind a stored (proxied) copy (app/corpus/links.py)."""

from __future__ import annotations

from app.corpus.links import SourceLink, source_link


def test_a_direct_source_is_shown_as_is() -> None:
    assert source_link("https://ml.cmu.edu/tuition", "2025-26") == SourceLink("https://ml.cmu.edu/tuition", None)
    assert source_link("guide", "2026") == SourceLink("guide")
    assert source_link(None, None) == SourceLink(None)


def test_a_proxied_copy_shows_the_original_page_and_where_it_was_retrieved_from() -> None:
    stored = "https://proxy.example.net/fetch/https/www.forbes.com/advisor/omscs"
    link = source_link(stored, "2025-07 (proxied copy of www.forbes.com/advisor/omscs)")
    assert link == SourceLink("https://www.forbes.com/advisor/omscs", stored)


def test_the_host_the_as_of_names_wins_over_the_first_host_in_the_path() -> None:
    stored = "https://r.jina.ai/http/www.example.com/to/ml.cmu.edu/academics"
    link = source_link(stored, "2025-26 (proxied copy of ml.cmu.edu/academics)")
    assert link.shown == "https://ml.cmu.edu/academics" and link.retrieved_from == stored


def test_a_proxy_url_without_a_host_in_its_path_stays_as_stored() -> None:
    stored = "https://proxy.example.net/abc123"
    assert source_link(stored, "2025 (proxied copy)") == SourceLink(stored)
