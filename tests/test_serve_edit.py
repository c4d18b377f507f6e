"""``briefer serve``: editing a card through the API, and briefing links with --allow-fetch."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="briefer serve needs the serve extra (fastapi, uvicorn)")

from fastapi.testclient import TestClient
from pypdf import PdfReader

import briefer.fetch
from briefer.fetch import refusal
from briefer.schema import Briefing

from .conftest import SAMPLE_MD
from .site import Site, serve_site

REAL_REFUSAL = refusal


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("serve-edit-cache")


@pytest.fixture(scope="module")
def client(cache: Path) -> Iterator[TestClient]:
    from briefer.serve import create_app

    with TestClient(create_app(cache_dir=cache, workers=1, allow_fetch=True)) as test_client:
        yield test_client


@pytest.fixture
def sample(client: TestClient) -> dict[str, Any]:
    # A fresh title each time: its own id, so edits in one test do not leak into another.
    sample.count = getattr(sample, "count", 0) + 1  # type: ignore[attr-defined]
    response = client.post(
        "/api/briefings",
        files={"file": ("a.md", SAMPLE_MD.read_bytes(), "text/markdown")},
        data={"title": f"Revitalizing alliances {sample.count}"},  # type: ignore[attr-defined]
    )
    assert response.status_code in (200, 201), response.text
    data: dict[str, Any] = response.json()
    return data


def _shift(provenance: dict[str, int]) -> None:
    provenance["end"] += 1


def _put(client: TestClient, briefing_id: str, briefing: dict[str, Any]) -> Any:
    return client.put(f"/api/briefings/{briefing_id}", json=briefing)


def test_edits_are_checked_saved_and_downloaded(
    client: TestClient, sample: dict[str, Any], cache: Path
) -> None:
    bid, briefing = sample["id"], json.loads(json.dumps(sample["briefing"]))
    assert len(briefing["candidates"]["bottom_line"]) == 3
    removed = briefing["key_arguments"].pop(0)
    new_bottom = briefing["candidates"]["bottom_line"][0]
    briefing["candidates"]["bottom_line"][0] = briefing["bottom_line"]
    briefing["bottom_line"] = new_bottom
    briefing["key_arguments"][0]["label"] = "Burden sharing, retyped"
    response = _put(client, bid, briefing)
    assert response.status_code == 200, response.text
    saved = response.json()["briefing"]
    assert saved["edits"]["changes"][0].startswith("swapped the bottom line")
    assert saved["key_arguments"][0]["label_retyped"] is True
    # Every download is the edited card.
    downloaded = client.get(f"/api/briefings/{bid}.json").json()
    assert downloaded == saved
    html = client.get(f"/api/briefings/{bid}.html").text
    assert "Burden sharing, retyped" in html
    assert removed["claim"]["text"][:60] not in html
    pdf = client.get(f"/api/briefings/{bid}.pdf")
    pages = PdfReader(__import__("io").BytesIO(pdf.content)).pages
    assert len(pages) == 1
    text = " ".join(pages[0].extract_text().split()).lower()  # labels print in capitals
    assert "burden sharing, retyped (label retyped)" in text
    assert removed["claim"]["text"][:40].lower() not in text
    # Nothing about the edit lives outside the cache folder; the original is kept there.
    folder = cache / "briefings" / bid
    original = json.loads((folder / "original.json").read_text())
    assert original == sample["briefing"]
    # Undo: the original briefing again.
    undone = _put(client, bid, sample["briefing"])
    assert undone.status_code == 200
    assert "edits" not in undone.json()["briefing"]
    assert client.get(f"/api/briefings/{bid}.json").json() == sample["briefing"]


@pytest.mark.parametrize(
    ("forge", "named"),
    [
        (lambda b: b["key_arguments"][0]["claim"].update(text="America must quit NATO."),
         "key_arguments[0].claim"),
        (lambda b: _shift(b["bottom_line"]["provenance"]), "bottom_line"),
        (lambda b: b["quotes"][0].update(text=b["quotes"][0]["text"] + " And more."), "quotes[0]"),
        (lambda b: b["figures"][0]["context"].update(text="In 2099, 1,000,000 troops left."),
         "figures[0].context"),
    ],
)  # fmt: skip
def test_forged_excerpts_get_a_422_naming_them(
    client: TestClient, sample: dict[str, Any], forge: Any, named: str
) -> None:
    briefing = json.loads(json.dumps(sample["briefing"]))
    forge(briefing)
    response = _put(client, sample["id"], briefing)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith(named + " (“")
    assert "is not the article's text" in detail
    # The stored card is unchanged.
    assert client.get(f"/api/briefings/{sample['id']}.json").json() == sample["briefing"]


def test_other_bad_edits(client: TestClient, sample: dict[str, Any]) -> None:
    bid = sample["id"]
    briefing = json.loads(json.dumps(sample["briefing"]))
    briefing["quotes"][0]["speaker"] = "Someone Else"
    assert "not one of this briefing's items" in _put(client, bid, briefing).json()["detail"]
    response = client.put(f"/api/briefings/{bid}", content=b"{not json")
    assert response.status_code == 422
    assert "not a valid briefing" in response.json()["detail"]
    response = _put(client, "f" * 32, sample["briefing"])
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("forge", "message"),
    [
        # A pin index past Python's int() digit limit was a 500.
        (lambda b: b.update(edits={"pinned": ["key_arguments[" + "9" * 5000 + "]"]}), "pinned"),
        (lambda b: b.update(edits={"pinned": ["key_arguments[\u0663]"]}), "pinned"),
        (lambda b: b.update(genre="news" if b["genre"] != "news" else "opinion"), "genre"),
    ],
)
def test_hand_crafted_edits_are_a_422_not_a_crash(
    client: TestClient, sample: dict[str, Any], forge: Any, message: str
) -> None:
    briefing = json.loads(json.dumps(sample["briefing"]))
    forge(briefing)
    response = _put(client, sample["id"], briefing)
    assert response.status_code == 422
    assert message in response.json()["detail"]


def test_the_page_has_the_editor_and_a_live_url_field(
    client: TestClient, sample: dict[str, Any]
) -> None:
    page = client.get(f"/briefings/{sample['id']}").text
    assert 'id="editor"' in page
    assert "/static/edit.js" in page
    assert client.get("/static/edit.js").status_code == 200
    home = client.get("/").text
    assert 'name="url"' in home
    assert 'id="fetch-off"' not in home


# ---- links -------------------------------------------------------------------------------


@pytest.fixture
def public_site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """The site on 127.0.0.2, which these tests treat as a public address."""
    monkeypatch.setattr(
        briefer.fetch, "refusal", lambda a: None if a == "127.0.0.2" else REAL_REFUSAL(a)
    )
    with serve_site("127.0.0.2") as running:
        yield running


def test_a_public_link_is_briefed(client: TestClient, public_site: Site) -> None:
    response = client.post("/api/briefings/url", json={"url": public_site.base + "/redirect/2"})
    assert response.status_code == 201, response.text
    result = response.json()
    source = result["briefing"]["source"]
    assert source["url"] == public_site.base + "/article.html"
    assert source["fetched"]
    text = result["article"]["text"]
    briefing = Briefing.model_validate(result["briefing"])
    assert all(text[p.start : p.end] == excerpt for excerpt, p in briefing.excerpts())
    again = client.post("/api/briefings/url", json={"url": public_site.base + "/article.html"})
    assert again.status_code == 200
    assert again.json()["id"] == result["id"]


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/to-loopback", 403, "127.0.0.1 is a loopback address"),
        ("/to-localhost", 403, "localhost is a loopback address"),
        ("/to-private", 403, "10.1.2.3 is a private address"),
        ("/to-metadata", 403, "169.254.169.254 is a link-local address"),
        ("/to-file", 422, "only http:// and https://"),
        ("/missing", 422, "404 Not Found"),
        ("/image.html", 422, "PNG image"),
    ],
)
def test_bad_links_are_refused_in_plain_words(
    client: TestClient, public_site: Site, path: str, status: int, message: str
) -> None:
    response = client.post("/api/briefings/url", json={"url": public_site.base + path})
    assert response.status_code == status
    assert message in response.json()["detail"]


def test_loopback_itself_is_refused(client: TestClient) -> None:
    with serve_site() as site:
        response = client.post("/api/briefings/url", json={"url": site.base + "/article.html"})
        assert response.status_code == 403
        assert "127.0.0.1 is a loopback address" in response.json()["detail"]
        assert site.hits == []
        form = client.post("/briefings/url", data={"url": site.base + "/article.html"})
        assert form.status_code == 403
        assert "loopback address" in form.text
        assert 'value="' + site.base + '/article.html"' in form.text


def test_fetching_is_off_by_default(tmp_path: Path) -> None:
    from briefer.serve import create_app

    with serve_site() as site, TestClient(create_app(cache_dir=tmp_path, workers=1)) as off:
        response = off.post("/api/briefings/url", json={"url": site.base + "/article.html"})
        assert response.status_code == 403
        assert "does not fetch web pages" in response.json()["detail"]
        assert site.hits == []
        assert 'id="fetch-off"' in off.get("/").text
