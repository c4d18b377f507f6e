"""The card editor in a real browser (Debian's Chromium driven by Playwright).

Remove an argument, add one of the ranker's candidate arguments in its place, swap the
bottom line, retype a label (and undo it once), then download the PDF: one page, showing
exactly the edited card. Skips like the other browser tests.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .conftest import REPO, SAMPLE_MD
from .test_serve_browser import _request, browser, page, server

if TYPE_CHECKING:
    from playwright.sync_api import Page

__all__ = ["browser", "page", "server"]  # fixtures shared with test_serve_browser
SCREENSHOT = REPO / "out" / "serve-edit.png"


def _words(text: str, n: int) -> str:
    return " ".join(text.split()[:n]).lower()


def _status(page: Page, changes: int) -> None:
    from playwright.sync_api import expect

    expect(page.locator("#edit-status")).to_contain_text(f"{changes} change(s)", timeout=60_000)


def test_edit_the_card_and_download_it(page: Page, server: str) -> None:
    from playwright.sync_api import expect

    page.goto(server + "/")
    page.set_input_files("#file", str(SAMPLE_MD))
    page.wait_for_url("**/briefings/*")
    briefing_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    status, body = _request(f"{server}/api/briefings/{briefing_id}")
    assert status == 200
    before: dict[str, Any] = json.loads(body)["briefing"]
    arguments = page.locator('.ed-list[data-list="key_arguments"] > li')
    expect(arguments.first).to_be_visible()
    count = arguments.count()
    removed = before["key_arguments"][1]["claim"]["text"]
    candidate = before["candidates"]["bottom_line"][0]["text"]

    added = before["candidates"]["key_arguments"][0]["claim"]["text"]
    page.click('button[data-action="remove"][data-list="key_arguments"][data-index="1"]')
    _status(page, 1)
    expect(arguments).to_have_count(count - 1)
    # The removed argument waits first among the candidates; the ranker's own come next.
    menu = page.locator('select[data-candidates="key_arguments"] option')
    expect(menu.first).to_contain_text(_words(removed, 4), ignore_case=True)
    page.select_option('select[data-candidates="key_arguments"]', "1")
    page.click('button[data-add="key_arguments"]')
    _status(page, 3)  # added, and pinned so the card keeps it
    expect(arguments).to_have_count(count)
    expect(arguments.last).to_have_class("ed-item is-pinned")

    page.select_option("#swap-select", "0")
    page.click("#swap")
    _status(page, 4)
    expect(page.locator("#edit-bottom-line")).to_have_text(candidate)

    label = page.locator('input[data-label="0"]')
    label.fill("A typo here")
    label.press("Enter")
    _status(page, 5)
    page.click("#undo")  # the typo goes; the earlier edits stay
    _status(page, 4)
    expect(label).to_have_value(before["key_arguments"][0]["label"])
    label.fill("Credibility first")
    label.press("Enter")
    _status(page, 5)
    expect(page.locator(".ed-retyped")).to_have_count(1)

    card = page.frame_locator("#card")
    expect(card.locator(".arguments h3").first).to_contain_text("Credibility first")
    expect(card.locator(".arguments h3").first).to_contain_text("(label retyped)")
    shown = " ".join(card.locator("body").inner_text().split()).lower()
    assert _words(removed, 8) not in shown
    assert _words(added, 8) in shown
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))

    with page.expect_download() as download:
        page.click("#download-pdf")
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes())).pages
    assert len(pages) == 1
    text = " ".join(pages[0].extract_text().split()).lower()
    assert "credibility first (label retyped)" in text
    assert _words(candidate, 6) in text
    assert _words(removed, 8) not in text
    assert _words(added, 8) in text
    assert "edited by an analyst" in text
    status, body = _request(f"{server}/api/briefings/{briefing_id}.json")
    saved = json.loads(body)
    assert saved["bottom_line"]["text"] == candidate
    assert saved["key_arguments"][-1]["claim"]["text"] == added
    assert saved["candidates"]["key_arguments"][0]["claim"]["text"] == removed
    assert len(saved["edits"]["changes"]) == 5
