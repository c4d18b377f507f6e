"""The web app's book and Word downloads: several files in, one book out."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi", reason="briefer serve needs the serve extra (fastapi, uvicorn)")

from fastapi.testclient import TestClient
from pypdf import PdfReader

from briefer.serve import create_app

from .conftest import REPO, SAMPLE_MD

ARTICLE = REPO / "tests" / "data" / "article.txt"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    cache = tmp_path_factory.mktemp("book-cache")
    with TestClient(create_app(cache_dir=cache, workers=2)) as test_client:
        yield test_client


def _files() -> list[tuple[str, tuple[str, bytes, str]]]:
    return [
        ("file", ("sample.md", SAMPLE_MD.read_bytes(), "text/markdown")),
        ("file", ("rivers.txt", ARTICLE.read_bytes(), "text/plain")),
        ("file", ("broken.pdf", b"%PDF-1.4 nothing here", "application/pdf")),
    ]


def test_book_of_several_uploads(client: TestClient) -> None:
    response = client.post("/api/books", files=_files(), data={"title": "Monday"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.content))
    assert len(pdf.pages) == 3  # front page and two cards
    front = pdf.pages[0].extract_text()
    assert "Monday" in front
    assert "broken.pdf" in front


def test_book_as_json_lists_what_was_left_out(client: TestClient) -> None:
    response = client.post("/api/books", files=_files(), data={"format": "json"})
    assert response.status_code == 200, response.text
    data = response.json()
    assert len(data["articles"]) == 2
    assert [s["path"] for s in data["not_included"]] == ["broken.pdf"]


def test_book_refuses_nonsense(client: TestClient) -> None:
    assert client.post("/api/books", files=_files(), data={"format": "exe"}).status_code == 422
    assert client.post("/api/books", json={"text": "x"}).status_code == 415


def test_docx_download(client: TestClient) -> None:
    from docx import Document

    made = client.post(
        "/api/briefings", files={"file": ("a.md", SAMPLE_MD.read_bytes(), "text/markdown")}
    )
    briefing_id = made.json()["id"]
    response = client.get(f"/api/briefings/{briefing_id}.docx")
    assert response.status_code == 200
    assert response.headers["content-disposition"].endswith('.docx"')
    doc = Document(io.BytesIO(response.content))
    assert doc.core_properties.title == made.json()["briefing"]["source"]["title"]
    page = client.get(f"/briefings/{briefing_id}").text
    assert f"/api/briefings/{briefing_id}.docx" in page
    assert 'name="file" multiple' in client.get("/").text
