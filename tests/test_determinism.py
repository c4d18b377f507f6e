"""Determinism: the same input gives byte-identical JSON across runs and processes, and a
byte-identical PDF with ``SOURCE_DATE_EPOCH`` set, for hostile inputs too (fallback fonts,
right-to-left text, legacy encodings, deeply nested HTML)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import briefer
from briefer.pipeline import briefing_json

from .test_hostile import ACCEPTED, LANGUAGES

# Each run briefs these and prints the SHA-256 of every JSON and PDF.
_SCRIPT = """
import hashlib, json, sys
from pathlib import Path
import briefer
from briefer.pipeline import briefing_json
out = {}
for name in sys.argv[1:]:
    b = briefer.brief(Path(name))
    out[name] = [hashlib.sha256(briefing_json(b).encode()).hexdigest(),
                 hashlib.sha256(briefer.render_pdf(b)).hexdigest()]
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("determinism")
    chosen = {"cp1252.txt", "nested.html"}
    paths = []
    for name, make, _ in ACCEPTED:
        if name in chosen:
            paths.append(folder / name)
            paths[-1].write_bytes(make())
    for code, text, *_ in LANGUAGES:
        if code in ("ar", "zh"):
            paths.append(folder / f"{code}.txt")
            paths[-1].write_text("\n\n".join([text * 3] * 4))
    return paths


def test_json_is_identical_across_runs(inputs: list[Path]) -> None:
    for path in inputs:
        assert briefing_json(briefer.brief(path)) == briefing_json(briefer.brief(path))


@pytest.mark.slow
def test_json_and_pdf_are_identical_across_processes(inputs: list[Path]) -> None:
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1700000000"}
        argv = [sys.executable, "-c", _SCRIPT, *map(str, inputs)]
        runs.append(subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, text=True))
    first, second = (json.loads(run.communicate(timeout=300)[0]) for run in runs)
    assert first == second
    assert len(first) == len(inputs)


def test_pdf_is_identical_within_a_process(
    inputs: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    briefing = briefer.brief(inputs[-1])  # Chinese: the fallback CJK font is subset too
    digests = {hashlib.sha256(briefer.render_pdf(briefing)).hexdigest() for _ in range(2)}
    assert len(digests) == 1
