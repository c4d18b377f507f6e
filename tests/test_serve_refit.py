"""``briefer serve``: an edit answers once the card is laid out; its PDF is written behind
it. A download waits for that PDF, a card of the briefing before an edit is never saved over
the edited one, and a PDF job that dies is run again by the next download."""

from __future__ import annotations

import io
import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="briefer serve needs the serve extra (fastapi, uvicorn)")

from fastapi.testclient import TestClient
from pypdf import PdfReader

import briefer.serve
from briefer.serve import jobs

from .conftest import SAMPLE_MD

# Set in the server before its workers start, so the spawned workers see it too.
SLOW = "BRIEFER_TEST_SLOW_SECONDS"
CRASH = "BRIEFER_TEST_CRASH_MARK"


def _slow_pdf(card_html: str) -> bytes:
    """The PDF job, a few seconds late (module level, so spawned workers can import it)."""
    time.sleep(float(os.environ[SLOW]))
    return jobs.pdf_job(card_html)


def _slow_card(briefing_json: str) -> tuple[str, bytes]:
    time.sleep(float(os.environ[SLOW]))
    return jobs.card_job(briefing_json)


def _crashing_pdf(card_html: str) -> bytes:
    """The PDF job, except that the first one kills its worker process."""
    mark = Path(os.environ[CRASH])
    if mark.exists():
        mark.unlink()
        os._exit(1)
    return jobs.pdf_job(card_html)


@pytest.fixture
def mark(tmp_path: Path) -> Path:
    """The file whose presence makes the next ``_crashing_pdf`` kill its worker."""
    return tmp_path / "crash-once"


@pytest.fixture
def client(tmp_path: Path, mark: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv(SLOW, "3")
    monkeypatch.setenv(CRASH, str(mark))
    app = briefer.serve.create_app(cache_dir=tmp_path / "cache", workers=2)
    with TestClient(app) as test_client:
        yield test_client


def _post(client: TestClient) -> dict[str, Any]:
    files = {"file": ("a.md", SAMPLE_MD.read_bytes(), "text/markdown")}
    response = client.post("/api/briefings", files=files)
    assert response.status_code in (200, 201), response.text
    data: dict[str, Any] = response.json()
    return data


def _edited(result: dict[str, Any]) -> dict[str, Any]:
    briefing: dict[str, Any] = json.loads(json.dumps(result["briefing"]))
    briefing["key_arguments"][0]["label"] = "Credibility, retyped"
    return briefing


def _pdf_text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    assert len(pages) == 1
    return " ".join(pages[0].extract_text().split()).lower()


def _folder(client: TestClient, briefing_id: str) -> Path:
    root: Path = client.app.state.service.store.root  # type: ignore[attr-defined]
    return root / "briefings" / briefing_id


def test_an_edit_answers_with_the_card_laid_out_and_the_pdf_follows(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs, "pdf_job", _slow_pdf)
    result = _post(client)
    bid = result["id"]
    assert client.get(f"/api/briefings/{bid}.pdf").status_code == 200  # the card as briefed
    response = client.put(f"/api/briefings/{bid}", json=_edited(result))
    assert response.status_code == 200, response.text
    folder = _folder(client, bid)
    # Answered with the edited card laid out (the page shows it now), its PDF still coming.
    assert "Credibility, retyped" in (folder / "card.html").read_text()
    assert not (folder / "card.pdf").exists()
    assert "Credibility, retyped" in client.get(f"/api/briefings/{bid}.html").text
    # The download waits for the PDF being written: the edited card, one page.
    pdf = client.get(f"/api/briefings/{bid}.pdf")
    assert pdf.status_code == 200
    assert "credibility, retyped (label retyped)" in _pdf_text(pdf.content)
    assert (folder / "card.pdf").read_bytes() == pdf.content


def test_a_card_of_the_briefing_before_an_edit_is_not_saved_over_it(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs, "card_job", _slow_card)
    result = _post(client)
    bid = result["id"]
    before: dict[str, bytes] = {}
    # A download of the card as briefed, still being rendered while the edit lands.
    download = threading.Thread(
        target=lambda: before.update(pdf=client.get(f"/api/briefings/{bid}.pdf").content)
    )
    download.start()
    time.sleep(1)
    response = client.put(f"/api/briefings/{bid}", json=_edited(result))
    assert response.status_code == 200, response.text
    download.join(timeout=120)
    # That download gets the card it asked for, and it is not kept.
    assert "credibility, retyped" not in _pdf_text(before["pdf"])
    assert "Credibility, retyped" in (_folder(client, bid) / "card.html").read_text()
    after = client.get(f"/api/briefings/{bid}.pdf")
    assert "credibility, retyped (label retyped)" in _pdf_text(after.content)


def test_a_pdf_job_that_dies_is_run_again_by_the_next_download(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, mark: Path
) -> None:
    mark.touch()
    monkeypatch.setattr(jobs, "pdf_job", _crashing_pdf)
    result = _post(client)
    bid = result["id"]
    response = client.put(f"/api/briefings/{bid}", json=_edited(result))
    assert response.status_code == 200, response.text
    service = client.app.state.service  # type: ignore[attr-defined]
    deadline = time.monotonic() + 60
    while any(key[0] == "pdf" for key in list(service._inflight)) or mark.exists():
        assert time.monotonic() < deadline, "the PDF job neither ran nor died"
        time.sleep(0.1)
    assert not (_folder(client, bid) / "card.pdf").exists()  # it died before writing
    pdf = client.get(f"/api/briefings/{bid}.pdf")
    assert pdf.status_code == 200, pdf.text
    assert "credibility, retyped (label retyped)" in _pdf_text(pdf.content)
