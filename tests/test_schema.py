"""The briefing JSON contract: round-trips, rejects unknown keys, and is pinned."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from briefer import Briefing
from briefer.pipeline import briefing_json

GOLDEN_SCHEMA = Path(__file__).parent / "golden" / "briefing.schema.json"


@pytest.fixture(scope="module")
def sample(sample_briefings: dict[str, Any]) -> Briefing:
    briefing: Briefing = sample_briefings[".md"][1]
    return briefing


def test_round_trip_is_lossless(sample: Briefing) -> None:
    text = briefing_json(sample)
    again = Briefing.model_validate_json(text)
    assert again == sample
    assert briefing_json(again) == text


def test_output_validates_against_published_json_schema(sample: Briefing) -> None:
    schema = Briefing.model_json_schema()
    jsonschema.validate(json.loads(briefing_json(sample)), schema)


def test_schema_is_pinned() -> None:
    # A schema change must show up as a diff of this file (and a schema_version decision).
    current = json.dumps(Briefing.model_json_schema(), indent=2, sort_keys=True) + "\n"
    if not GOLDEN_SCHEMA.exists():  # first run writes it; CI always has it committed
        GOLDEN_SCHEMA.write_text(current, encoding="utf-8")
    assert current == GOLDEN_SCHEMA.read_text(encoding="utf-8")


def test_unknown_keys_are_rejected(sample: Briefing) -> None:
    data = json.loads(briefing_json(sample))
    data["key_arguments"][0]["claim"]["colour"] = "red"
    with pytest.raises(ValidationError, match="colour"):
        Briefing.model_validate(data)


def test_schema_version_is_checked(sample: Briefing) -> None:
    data = json.loads(briefing_json(sample))
    data["schema_version"] = "2"
    with pytest.raises(ValidationError, match="schema_version"):
        Briefing.model_validate(data)


def test_provenance_must_be_ordered(sample: Briefing) -> None:
    data = json.loads(briefing_json(sample))
    data["bottom_line"]["provenance"]["end"] = 0
    with pytest.raises(ValidationError, match="before start"):
        Briefing.model_validate(data)


def test_models_are_immutable(sample: Briefing) -> None:
    with pytest.raises(ValidationError):
        sample.keywords = []  # type: ignore[misc]
