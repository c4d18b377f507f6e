"""Shared fixtures: the bundled sample article, and ../shared when it is beside the repo."""

from __future__ import annotations

import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SAMPLE_MD = EXAMPLES / "revitalizing-alliances.md"
SAMPLE_TXT = EXAMPLES / "revitalizing-alliances.txt"
SHARED = REPO.parent / "shared"
GOLD = SHARED / "gold" / "revitalizing-alliances.json"


def fold(text: str) -> str:
    """Fold quotes and whitespace as the gold file's matching rules say."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    if not GOLD.is_file():
        pytest.skip(f"{GOLD} is absent: the shared gold data sits beside the repo only in CI/dev")
    data: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def sample_briefings() -> dict[str, Any]:
    """Both sample files read and briefed once per test session (it takes ~1 s each)."""
    import briefer

    return {
        path.suffix: (briefer.read_article(path), briefer.brief(path))
        for path in (SAMPLE_MD, SAMPLE_TXT)
    }


@pytest.fixture
def loopback() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that records every request path it receives."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    # Reproducible output regardless of the caller's environment.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
