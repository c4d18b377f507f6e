"""Fuzz the whole pipeline outside CI (issue #6): hypothesis at scale, never stopping early.

    .venv/bin/python bench/fuzz.py --examples 3000 --pdf-every 25 --out bench/results/fuzz.json

Every input must give a valid briefing whose spans point at their text, or a one-line
``BrieferError``; a card must be one page; nothing may take longer than ``--slow`` seconds.
Anything else is recorded as a finding (input, exception, traceback) instead of stopping
the run, so one run reports every distinct failure. The strategies are the property tests'
(``tests/test_properties.py``) plus byte-level mutations of valid PDF, DOCX and HTML files.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import briefer  # noqa: E402
from briefer.errors import BrieferError  # noqa: E402
from briefer.pipeline import brief_article  # noqa: E402
from tests.test_extract_pdf import make_pdf  # noqa: E402
from tests.test_hostile import ACCEPTED, ARTICLE, _docx  # noqa: E402
from tests.test_properties import SUFFIXES, texts  # noqa: E402


def _seeds() -> list[tuple[str, bytes]]:
    seeds = [(name, make()) for name, make, _ in ACCEPTED]
    seeds.append(("paper.pdf", make_pdf([ARTICLE.split(". ")] * 2)))
    seeds.append(("memo.docx", _docx(ARTICLE.split("\n\n"))))
    return seeds


def _mutate(data: bytes, rnd: random.Random) -> bytes:
    """Flip, delete, duplicate or truncate a few spans of ``data``."""
    buf = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        if not buf:
            break
        i = rnd.randrange(len(buf))
        op = rnd.randrange(4)
        if op == 0:
            buf[i] = rnd.randrange(256)
        elif op == 1:
            del buf[i : i + rnd.randint(1, 64)]
        elif op == 2:
            buf[i:i] = buf[i : i + rnd.randint(1, 256)]
        else:
            del buf[i:]
    return bytes(buf)


class Fuzzer:
    """Runs one input at a time and keeps the tallies and the findings."""

    def __init__(self, pdf_every: int, slow: float) -> None:
        self.pdf_every, self.slow = pdf_every, slow
        self.outcomes: Counter[str] = Counter()
        self.findings: list[dict[str, Any]] = []
        self.slowest = (0.0, "")
        self.cards = 0

    def run(self, source: Path | str, label: str) -> None:
        start = time.monotonic()
        try:
            article = briefer.read_article(source)
            briefing = brief_article(article)
            for text, where in briefing.excerpts():
                if article.text[where.start : where.end] != text:
                    raise AssertionError(f"span {where} does not point at {text[:60]!r}")
            self.outcomes["briefed"] += 1
            if self.outcomes["briefed"] % self.pdf_every == 0:
                self._card(briefing)
        except BrieferError as exc:
            self.outcomes[type(exc).__name__] += 1
            if "\n" in str(exc):
                self._finding(label, AssertionError(f"multi-line message: {exc!r}"))
        except Exception as exc:
            self.outcomes["crash"] += 1
            self._finding(label, exc)
        took = time.monotonic() - start
        if took > self.slowest[0]:
            self.slowest = (took, label)
        if took > self.slow:
            self._finding(label, TimeoutError(f"took {took:.1f} s"))

    def _card(self, briefing: briefer.Briefing) -> None:
        from pypdf import PdfReader

        pdf = briefer.render_pdf(briefing)
        self.cards += 1
        if len(PdfReader(io.BytesIO(pdf)).pages) != 1:
            raise AssertionError("card has more than one page")

    def _finding(self, label: str, exc: BaseException) -> None:
        self.findings.append(
            {
                "input": label[:2000],
                "error": f"{type(exc).__name__}: {exc}"[:500],
                "traceback": traceback.format_exception(exc)[-6:],
            }
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="inputs per strategy")
    parser.add_argument("--pdf-every", type=int, default=25, help="render every Nth briefing")
    parser.add_argument("--slow", type=float, default=30.0, help="seconds that count as a hang")
    parser.add_argument("--out", type=Path, default=REPO / "bench/results/fuzz.json")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    fuzzer = Fuzzer(args.pdf_every, args.slow)
    seeds = _seeds()
    fuzz = settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )

    @fuzz
    @given(texts)
    def text_inputs(text: str) -> None:
        fuzzer.run(text, repr(text))

    @fuzz
    @given(
        st.one_of(
            st.binary(max_size=4000),
            st.tuples(st.sampled_from(seeds), st.randoms()).map(
                lambda pair: _mutate(pair[0][1], pair[1])
            ),
        ),
        st.sampled_from(SUFFIXES),
    )
    def byte_inputs(raw: bytes, suffix: str) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"input{suffix}"
            path.write_bytes(raw)
            fuzzer.run(path, f"{suffix} {raw[:1500]!r}")

    start = time.monotonic()
    text_inputs()
    byte_inputs()
    report = {
        "inputs": sum(fuzzer.outcomes.values()),
        "seconds": round(time.monotonic() - start),
        "outcomes": dict(fuzzer.outcomes.most_common()),
        "cards_rendered": fuzzer.cards,
        "slowest": {"seconds": round(fuzzer.slowest[0], 2), "input": fuzzer.slowest[1][:300]},
        "findings": fuzzer.findings,
    }
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({k: v for k, v in report.items() if k != "findings"}, indent=2))
    print(f"{len(fuzzer.findings)} finding(s); details in {args.out}")
    return 1 if fuzzer.findings else 0


if __name__ == "__main__":
    sys.exit(main())
