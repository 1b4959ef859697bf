"""Cloud-drive links in an email body: documents shared by link instead of attached."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

_URL = re.compile(r"""(?:https?://|www\.)[^\s<>"'()\[\]{}]+""", re.IGNORECASE)
_TRAILING = ".,;:!?*'\"»›)"


@cache
def cloud_hosts() -> tuple[str, ...]:
    text = (Path(__file__).parent / "data" / "cloud_links.toml").read_text("utf-8")
    return tuple(h.lower().lstrip(".") for h in tomllib.loads(text)["hosts"])


def is_cloud_link(url: str) -> bool:
    if not re.match(r"https?://", url, re.IGNORECASE):
        url = "http://" + url
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return False
    return any(host == h or host.endswith("." + h) for h in cloud_hosts())


def find_urls(text: str) -> list[str]:
    return [m.group(0).rstrip(_TRAILING) for m in _URL.finditer(text)]


def cloud_links(texts: list[str]) -> list[str]:
    """Cloud-drive URLs found in the given texts (bodies, hrefs), first occurrence order, unique."""
    seen: dict[str, None] = {}
    for text in texts:
        for url in find_urls(text):
            if is_cloud_link(url):
                seen.setdefault(url, None)
    return list(seen)
