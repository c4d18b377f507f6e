"""The project's sample article (scraped Markdown and clean text) against its gold file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from briefer.extract import extract
from briefer.extract._common import fold
from briefer.ingest import read_source
from briefer.model import Extracted

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
pytestmark = pytest.mark.skipif(
    not (SHARED / "gold" / "revitalizing-alliances.json").exists(),
    reason=f"shared sample data not found at {SHARED} (only present in the project workspace)",
)


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SHARED / "gold" / "revitalizing-alliances.json").read_text())
    return data


@pytest.fixture(
    scope="module", params=["revitalizing-alliances.scraped.md", "revitalizing-alliances.txt"]
)
def sample(request: pytest.FixtureRequest) -> Extracted:
    return extract(read_source(CORPUS / request.param))


def _body(extracted: Extracted) -> str:
    return fold(" ".join(b.text for b in extracted.blocks))


def test_body_must_contain(sample: Extracted, gold: dict[str, Any]) -> None:
    body = _body(sample)
    missing = [p for p in gold["body_must_contain"] if fold(p) not in body]
    assert not missing


def test_body_must_not_contain(sample: Extracted, gold: dict[str, Any]) -> None:
    body = _body(sample)
    present = [p for p in gold["body_must_not_contain"] if fold(p) in body]
    assert not present


def test_figures_and_whole_sentences(sample: Extracted, gold: dict[str, Any]) -> None:
    body = _body(sample)
    wanted = gold["figures_expected"] + gold["sentences_that_must_stay_whole"]
    assert [p for p in wanted if fold(p) not in body] == []


def test_scraped_metadata(gold: dict[str, Any]) -> None:
    meta = extract(read_source(CORPUS / "revitalizing-alliances.scraped.md")).metadata
    expected = gold["metadata_from_scraped_page"]
    assert meta.title == expected["title"]
    assert list(meta.authors) == expected["authors"]
    assert meta.published == dt.date.fromisoformat(expected["published"])
    assert meta.subtitle == expected["subtitle"]
    assert meta.publisher == "The Washington Institute"
    assert meta.language == "en"


def test_subtitle_and_title_not_in_body(gold: dict[str, Any]) -> None:
    body = _body(extract(read_source(CORPUS / "revitalizing-alliances.scraped.md")))
    expected = gold["metadata_from_scraped_page"]
    assert fold(expected["subtitle"]) not in body
    assert fold(expected["title"]) not in body
