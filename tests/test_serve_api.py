"""The HTTP API of ``briefer serve``, through FastAPI's test client (one app, real workers)."""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="briefer serve needs the serve extra (fastapi, uvicorn)")

from fastapi.testclient import TestClient
from pypdf import PdfReader

from briefer.cli import main
from briefer.render import render_html
from briefer.schema import Briefing
from briefer.serve import create_app
from briefer.serve.card import interactive

from .conftest import SAMPLE_MD, SAMPLE_TXT, fold

LIMIT = 3_000_000  # small enough to test 413 cheaply, big enough for a 1.5 MB upload
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 6000  # ~1.5 MB, over Starlette's spool size


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    cache = tmp_path_factory.mktemp("serve-cache")
    with TestClient(create_app(cache_dir=cache, max_upload_bytes=LIMIT, workers=2)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def sample(client: TestClient) -> dict[str, Any]:
    response = client.post(
        "/api/briefings", files={"file": ("article.md", SAMPLE_MD.read_bytes(), "text/markdown")}
    )
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def _jobs(client: TestClient) -> int:
    count: int = client.app.state.service.jobs_started  # type: ignore[attr-defined]
    return count


def _check_provenance(result: dict[str, Any]) -> Briefing:
    briefing = Briefing.model_validate(result["briefing"])
    text = result["article"]["text"]
    for excerpt, where in briefing.excerpts():
        assert text[where.start : where.end] == excerpt
        para = result["article"]["paragraphs"][where.paragraph]
        assert para["start"] <= where.start <= where.end <= para["end"]
    for para in result["article"]["paragraphs"]:
        assert text[para["start"] : para["end"]] == para["text"]
    return briefing


def _short_article(number: int) -> str:
    """A distinct short article: a few paragraphs of the sample under a numbered lead."""
    paragraphs = SAMPLE_TXT.read_text(encoding="utf-8").split("\n\n")[2:6]
    return "\n\n".join([f"Report {number} was filed on day {number} of the review.", *paragraphs])


def test_post_file_returns_briefing_article_and_links(
    client: TestClient, sample: dict[str, Any]
) -> None:
    assert re.fullmatch(r"[0-9a-f]{32}", sample["id"])
    assert set(sample) == {"id", "briefing", "article", "links"}
    briefing = _check_provenance(sample)
    assert briefing.source.title == "Revitalizing Alliances to Counter Terrorism"
    assert 3 <= len(briefing.key_arguments) <= 5
    assert sample["links"]["pdf"] == f"/api/briefings/{sample['id']}.pdf"


def test_sample_shows_the_gold_key_arguments(sample: dict[str, Any], gold: dict[str, Any]) -> None:
    args = sample["briefing"]["key_arguments"]
    text = fold(" ".join(s["text"] for a in args for s in (a["claim"], *a["support"])))
    missing = [
        g["label"] for g in gold["key_arguments"] if not any(fold(p) in text for p in g["any_of"])
    ]
    assert missing == []


def test_same_article_is_briefed_once(client: TestClient, sample: dict[str, Any]) -> None:
    before = _jobs(client)
    again = client.post("/api/briefings", files={"file": ("x.txt", SAMPLE_MD.read_bytes())})
    assert again.status_code == 200
    assert again.headers["location"] == f"/api/briefings/{sample['id']}"
    assert again.json() == sample
    assert client.get(f"/api/briefings/{sample['id']}").json() == sample
    assert _jobs(client) == before


def test_json_text_with_title(client: TestClient) -> None:
    response = client.post(
        "/api/briefings", json={"text": _short_article(100), "title": "  A  chosen title "}
    )
    assert response.status_code == 201, response.text
    briefing = _check_provenance(response.json())
    assert briefing.source.title == "A chosen title"
    untitled = client.post("/api/briefings", json={"text": _short_article(100)})
    assert untitled.json()["id"] != response.json()["id"]


def test_pdf_json_and_html_downloads(client: TestClient, sample: dict[str, Any]) -> None:
    pdf = client.get(sample["links"]["pdf"])
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert "revitalizing-alliances-to-counter-terrorism.pdf" in pdf.headers["content-disposition"]
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) == 1
    raw = client.get(sample["links"]["briefing_json"])
    assert Briefing.model_validate_json(raw.content).model_dump(mode="json") == sample["briefing"]
    assert raw.text.endswith("}\n")
    html = client.get(sample["links"]["card_html"])
    assert html.headers["content-type"].startswith("text/html")
    assert "Revitalizing Alliances" in html.text
    assert "file://" not in html.text
    assert "default-src 'none'" in html.headers["content-security-policy"]


def test_card_lines_carry_their_provenance(client: TestClient, sample: dict[str, Any]) -> None:
    html = client.get(f"/briefings/{sample['id']}/card").text
    spans = re.findall(
        r'<span class="src"[^>]*data-paragraph="(\d+)" data-start="(\d+)" data-end="(\d+)">(.*?)'
        r"</span>",
        html,
    )
    text = sample["article"]["text"]
    provenance = {
        (w.paragraph, w.start, w.end) for _, w in Briefing(**sample["briefing"]).excerpts()
    }
    assert len(spans) >= 10
    for paragraph, start, end, shown in spans:
        assert (int(paragraph), int(start), int(end)) in provenance
        assert _unescape(shown) == text[int(start) : int(end)]
    claims = [a["claim"]["text"] for a in sample["briefing"]["key_arguments"]]
    assert sum(_unescape(s[3]) in claims for s in spans) >= 3


def _unescape(html: str) -> str:
    import html as html_lib

    return html_lib.unescape(html)


@pytest.mark.parametrize(
    ("kwargs", "status", "words"),
    [
        ({"content": b"x" * (LIMIT + 100_000), "headers": {"content-type": "application/json"}},
         413, "over the 3.0 MB limit"),
        ({"files": {"file": ("big.txt", b"word " * (LIMIT // 5 + 10))}}, 413, "limit"),
        ({"content": b"hello", "headers": {"content-type": "text/plain"}}, 415, "multipart"),
        ({"files": {"file": ("a.txt", PNG, "text/plain")}}, 422, "PNG image"),
        ({"files": {"file": ("a.txt", b"  \n\n \t ")}}, 422, "empty"),
        ({"data": {"title": "only a title"}, "files": {"file": ("", b"")}}, 422, "no article"),
        ({"json": {"text": ""}}, 422, "text"),
        ({"json": {"title": "no text"}}, 422, "text: Field required"),
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "JSON"),
    ],
    ids=["too-large-json", "too-large-file", "wrong-type", "png-named-txt", "blank", "no-input",
         "empty-text", "missing-text", "bad-json"],
)  # fmt: skip
def test_errors_in_plain_words(
    client: TestClient, kwargs: dict[str, Any], status: int, words: str
) -> None:
    response = client.post("/api/briefings", **kwargs)
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, str)
    assert words in detail


@pytest.mark.parametrize("path", ["/api/briefings/" + "0" * 32, "/api/briefings/" + "A" * 32,
                                  "/api/briefings/abc.pdf", "/api/briefings/" + "f" * 32 + ".json",
                                  "/api/briefings/..%2F..%2Fetc%2Fpasswd"])  # fmt: skip
def test_unknown_ids_are_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "no briefing" in response.json()["detail"] or "%2F" in path


def test_twenty_concurrent_requests(client: TestClient) -> None:
    before = _jobs(client)
    texts = [_short_article(n) for n in range(20)]
    with ThreadPoolExecutor(20) as pool:
        responses = list(pool.map(lambda t: client.post("/api/briefings", json={"text": t}), texts))
    assert [r.status_code for r in responses] == [201] * 20
    assert len({r.json()["id"] for r in responses}) == 20
    for response in responses:
        _check_provenance(response.json())
    assert _jobs(client) - before == 20


def test_identical_concurrent_requests_share_one_job(client: TestClient) -> None:
    before = _jobs(client)
    text = _short_article(999)
    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(lambda _: client.post("/api/briefings", json={"text": text}),
                                  range(8)))  # fmt: skip
    assert sorted(r.status_code for r in responses) == [200] * 7 + [201]
    assert len({r.json()["id"] for r in responses}) == 1
    assert _jobs(client) - before == 1


def test_uploads_never_touch_the_temp_folder(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Starlette would spool this 1.5 MB upload to the temp folder; our parser keeps it in memory.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    response = client.post("/api/briefings", files={"file": ("a.png", PNG, "image/png")})
    assert response.status_code == 422
    assert list(tmp_path.iterdir()) == []


def test_markup_in_articles_is_shown_as_text(client: TestClient) -> None:
    attack = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    text = _short_article(7).replace("Report 7", f"Report 7 {attack}")
    response = client.post("/api/briefings", json={"text": text, "title": attack})
    assert response.status_code == 201, response.text
    result = response.json()
    page = client.get(result["links"]["page"])
    # The card route serves card.interactive() of the rendered card; check it without a PDF.
    briefing = Briefing.model_validate(result["briefing"])
    card = interactive(render_html(briefing), briefing)
    assert 'class="src"' in card
    for html in (page.text, card):
        assert "<script>alert" not in html
        assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_docs_are_served_offline(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', docs.text)
    assert assets
    assert all(a.startswith("/") for a in assets), assets
    assert all(client.get(a).status_code == 200 for a in assets)
    spec = client.get("/openapi.json").json()
    post = spec["paths"]["/api/briefings"]["post"]
    assert set(post["requestBody"]["content"]) == {"multipart/form-data", "application/json"}
    assert "BriefingResult" in spec["components"]["schemas"]
    assert {"413", "415", "422"} <= set(post["responses"])
    assert "/api/briefings/{briefing_id}.pdf" in spec["paths"]


def test_page_form_redirects_to_the_result(client: TestClient, sample: dict[str, Any]) -> None:
    home = client.get("/")
    assert home.status_code == 200
    assert 'enctype="multipart/form-data"' in home.text
    assert "script-src 'self'" in home.headers["content-security-policy"]
    posted = client.post(
        "/briefings",
        files={"file": ("a.md", SAMPLE_MD.read_bytes())},
        follow_redirects=False,
    )
    assert posted.status_code == 303
    assert posted.headers["location"] == sample["links"]["page"]
    page = client.get(posted.headers["location"]).text
    assert f'src="/briefings/{sample["id"]}/card"' in page
    first = sample["article"]["paragraphs"][0]
    assert f'data-start="{first["start"]}" data-end="{first["end"]}"' in page
    for name in ("app.js", "app.css"):
        assert client.get(f"/static/{name}").status_code == 200
    assert client.get("/static/page.html.j2").status_code == 404


def test_page_shows_errors_in_plain_words(client: TestClient) -> None:
    response = client.post("/briefings", files={"file": ("a.png", PNG[:5000], "image/png")})
    assert response.status_code == 422
    assert "Could not brief this." in response.text
    assert "PNG image" in response.text
    missing = client.get("/briefings/" + "0" * 32)
    assert missing.status_code == 404
    assert "No briefing with id" in missing.text


def test_cli_has_serve(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--port" in out
    assert "--max-upload-mb" in out
