"""Source addresses as a person should see them: the university's own page, not the proxy a copy was stored from.

Some sources were retrieved through a proxy; their `as_of` says so ("proxied copy of ml.cmu.edu/…"). A reader is
shown the original page, with "retrieved from <stored url>" beside it.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import urlparse

_PROXIED = re.compile(r"proxied copy of\s+([^\s,;()]+)", re.I)
# A host name inside a proxy's path: 'www.forbes.com', 'ml.cmu.edu' (a known top-level domain, then / or the end).
_HOST = re.compile(r"(?:^|/)((?:[a-z0-9-]+\.)+(?:com|org|edu|net|gov|io|ai|ca|uk|de|fr|ch|nl|au|sg|hk|in)(?=/|$))", re.I)


class SourceLink(NamedTuple):
    """`shown`: the address to show and link; `retrieved_from`: the stored (proxy) url, or None for a direct source."""

    shown: str | None
    retrieved_from: str | None = None


def source_link(url: str | None, as_of: str | None) -> SourceLink:
    """(shown address, retrieved_from) for a source: a proxied copy shows the original page's address."""
    if not url or not as_of or "proxied copy of" not in as_of.lower():
        return SourceLink(url)
    original = _original(url, as_of)
    return SourceLink(original, url) if original and original != url else SourceLink(url)


def _original(url: str, as_of: str) -> str | None:
    """The original page inside the proxy url: from the host the as_of names, else the first host in its path."""
    parsed = urlparse(url)
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    start = None
    if (named := _PROXIED.search(as_of)) and "." in named.group(1).split("/")[0]:
        host = named.group(1).split("/")[0].lower()
        start = next((m.start(1) for m in _HOST.finditer(path) if m.group(1).lower().endswith(host)), None)
    if start is None and (m := _HOST.search(path)):
        start = m.start(1)
    if start is None:
        return None
    before = path[:start].rstrip("/").rsplit("/", 1)[-1].lower()  # '…/http/www.ml.cmu.edu/…' keeps http
    scheme = before if before in ("http", "https") else "https"
    return f"{scheme}://{path[start:]}"
