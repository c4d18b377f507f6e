"""``briefer serve`` end to end: a real server process, and Debian's Chromium driving the page.

The browser tests skip (with the reason) where /usr/bin/chromium or playwright is missing;
CI installs both (``.ci/install-browser``). Playwright only drives the system Chromium: it
never downloads a browser of its own.
"""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .conftest import REPO, SAMPLE_MD, SAMPLE_TXT, fold

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SCREENSHOT = REPO / "out" / "serve-page.png"
# A server that is not up after this long is broken, not slow (it takes ~2 s here).
STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _request(url: str, data: bytes | None = None, ctype: str = "") -> tuple[int, bytes]:
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": ctype} if ctype else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pytest.importorskip("fastapi", reason="briefer serve needs the serve extra (fastapi, uvicorn)")
    tmp = tmp_path_factory.mktemp("serve")
    port = _free_port()
    command = [sys.executable, "-m", "briefer", "serve", "--port", str(port),
               "--cache-dir", str(tmp / "cache"), "--workers", "2"]  # fmt: skip
    with (tmp / "server.log").open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=tmp)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                if _request(base + "/")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("briefer serve did not start:\n" + (tmp / "server.log").read_text())
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert not list(tmp.glob("*.part")), "the server left partial files behind"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is absent: run .ci/install-browser (apt package chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is absent: pip install playwright"
    )
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            accept_downloads=True,
            viewport={"width": 1500, "height": 950},
        )
        context.set_default_timeout(30_000)
        yield context
        context.close()


@pytest.fixture
def page(browser: BrowserContext, server: str) -> Iterator[Page]:
    page = browser.new_page()
    outside: list[str] = []
    # Everything the page needs is served by the app: any other request is a bug.
    page.on(
        "request", lambda r: None if r.url.startswith((server, "data:")) else outside.append(r.url)
    )
    yield page
    page.close()
    assert outside == []


def _result(server: str, page: Page) -> dict[str, Any]:
    briefing_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    status, body = _request(f"{server}/api/briefings/{briefing_id}")
    assert status == 200
    data: dict[str, Any] = json.loads(body)
    return data


def _check_every_line(page: Page, result: dict[str, Any]) -> int:
    """Click each line of the card; the source must highlight exactly its provenance span."""
    text = result["article"]["text"]
    lines = page.frame_locator("#card").locator(".src")
    count = lines.count()
    for i in range(count):
        line = lines.nth(i)
        line.click()
        mark = page.locator("#source mark.hl")
        assert mark.count() == 1
        start, end = (
            int(mark.get_attribute("data-start") or -1),
            int(mark.get_attribute("data-end") or -1),
        )
        assert (start, end) == (int(line.get_attribute("data-start") or -2),
                                int(line.get_attribute("data-end") or -2))  # fmt: skip
        assert mark.text_content() == text[start:end]
    return count


def test_upload_click_and_download(page: Page, server: str, gold: dict[str, Any]) -> None:
    from playwright.sync_api import expect

    page.goto(server + "/")
    page.set_input_files("#file", str(SAMPLE_MD))  # choosing a file sends it at once
    page.wait_for_url("**/briefings/*")
    card = page.frame_locator("#card")
    arguments = card.locator(".arguments ol > li")
    expect(arguments.first).to_be_visible()
    assert 3 <= arguments.count() <= 5
    shown = fold(card.locator(".arguments").inner_text())
    for argument in gold["key_arguments"]:
        assert any(fold(p) in shown for p in argument["any_of"]), argument["label"]

    result = _result(server, page)
    provenance = {(e["provenance"]["start"], e["provenance"]["end"])
                  for e in [a["claim"] for a in result["briefing"]["key_arguments"]]}  # fmt: skip
    claim = card.locator(".arguments .claim .src").filter(has_text="burden shifting")
    claim.click()
    mark = page.locator("#source mark.hl")
    expect(mark).to_be_visible()
    expect(mark).to_be_in_viewport()
    assert "any real burden sharing will have to be preceded by burden shifting" in (
        mark.text_content() or ""
    )
    assert (int(mark.get_attribute("data-start") or 0),
            int(mark.get_attribute("data-end") or 0)) in provenance  # fmt: skip
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))

    assert _check_every_line(page, result) >= 10

    with page.expect_download() as download:
        page.click("#download-pdf")
    from pypdf import PdfReader

    pdf = Path(download.value.path()).read_bytes()
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert download.value.suggested_filename.endswith(".pdf")


def test_drop_a_held_out_article(page: Page, server: str) -> None:
    from playwright.sync_api import expect

    paragraphs = SAMPLE_TXT.read_text(encoding="utf-8").split("\n\n")
    article = "\n\n".join(["Dropped into the page for a check.", *paragraphs[3:9]])
    page.goto(server + "/")
    page.evaluate(
        """(text) => {
            const data = new DataTransfer();
            data.items.add(new File([text], "held-out.txt", {type: "text/plain"}));
            document.getElementById("dropzone").dispatchEvent(
                new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
        }""",
        article,
    )
    page.wait_for_url("**/briefings/*")
    expect(page.frame_locator("#card").locator(".src").first).to_be_visible()
    assert _check_every_line(page, _result(server, page)) >= 3


def test_errors_appear_on_the_page(page: Page, server: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    image = tmp_path / "photo.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    page.goto(server + "/")
    page.set_input_files("#file", str(image))
    expect(page.locator("#error")).to_contain_text("not an article (PNG image)")
    page.fill("#text", "   ")
    page.click("#submit")
    expect(page.locator("#error")).to_contain_text("No article given")


def test_api_docs_render_offline(page: Page, server: str) -> None:
    from playwright.sync_api import expect

    page.goto(server + "/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("briefer")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()


def test_twenty_concurrent_requests_to_the_server(server: str) -> None:
    texts = [
        "\n\n".join(
            [f"Filing {n} opens this briefing.", *SAMPLE_TXT.read_text().split("\n\n")[1:5]]
        )
        for n in range(10)
    ]
    bodies = [json.dumps({"text": t}).encode() for t in texts]
    bodies += [json.dumps({"text": SAMPLE_MD.read_text(), "title": "Same"}).encode()] * 10
    started = time.monotonic()
    with ThreadPoolExecutor(20) as pool:
        answers = list(
            pool.map(lambda b: _request(server + "/api/briefings", b, "application/json"), bodies)
        )
    elapsed = time.monotonic() - started
    assert [status for status, _ in answers if status not in (200, 201)] == []
    ids = [json.loads(body)["id"] for _, body in answers]
    assert len(set(ids)) == 11
    print(f"20 concurrent requests answered in {elapsed:.1f} s")
