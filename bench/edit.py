"""Time to re-fit the card after an analyst's edit, on the sample, against bare WeasyPrint.

One edit (remove key argument 2, swap the bottom line for the first candidate, retype a
label) is checked and recorded (``apply_edits``) and the card re-fitted to one page
(``render_card``); the reference is a bare WeasyPrint render of the same edited card HTML,
measured in alternating rounds of the same run. Also the whole ``PUT /api/briefings/{id}``
round trip through the app (worker pool, cache writes), edits alternating so every PUT
re-fits: it answers once the card is laid out on one page, and the PDF is written behind
it, so the PDF download right after a PUT is timed too.

    python bench/edit.py [--runs 10]

Target (issue #19): an edit re-fits in at most 0.3 s on the sample.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import SAMPLE, Timing, bare_pdf, ratio, save, table, timed, timed_alternating

import briefer
from briefer.edit import apply_edits
from briefer.pipeline import briefing_json
from briefer.render import render_card
from briefer.schema import Briefing

TARGET_SECONDS = 0.3


def edited(original: Briefing) -> Briefing:
    data = json.loads(briefing_json(original))
    data["key_arguments"].pop(1)
    data["bottom_line"], data["candidates"]["bottom_line"][0] = (
        data["candidates"]["bottom_line"][0],
        data["bottom_line"],
    )
    data["key_arguments"][0]["label"] = "Credibility first"
    return Briefing.model_validate(data)


def library(runs: int) -> dict[str, Timing]:
    article = briefer.read_article(SAMPLE)
    original = briefer.brief(SAMPLE, options=briefer.Options(candidates=3))
    spans = [(p.start, p.end) for p in article.paragraphs]
    change = edited(original)
    card = render_card(apply_edits(original, change, article.text, spans))
    base = briefer.render.templates_dir()

    def edit() -> object:
        return render_card(apply_edits(original, change, article.text, spans))

    return timed_alternating(
        {
            "edit: check + record + re-fit PDF": edit,
            "ref: bare WeasyPrint of edited card": lambda: bare_pdf(card.html, base),
        },
        runs,
    ) | {"check + record alone": timed(lambda: apply_edits(original, change, article.text, spans))}


def api(runs: int) -> dict[str, Timing]:
    from fastapi.testclient import TestClient
    from pypdf import PdfReader

    from briefer.serve import create_app

    with tempfile.TemporaryDirectory() as cache:
        app = create_app(cache_dir=Path(cache), workers=2)  # briefer serve's default
        with TestClient(app) as client:
            files = {"file": ("a.md", SAMPLE.read_bytes(), "text/markdown")}
            result: dict[str, Any] = client.post("/api/briefings", files=files).json()
            original = Briefing.model_validate(result["briefing"])
            states = [json.loads(briefing_json(edited(original))), result["briefing"]]
            url = f"/api/briefings/{result['id']}"
            turn = iter(range(10**6))

            def put() -> object:
                response = client.put(url, json=states[next(turn) % 2])
                assert response.status_code == 200, response.text
                return response

            def put_then_pdf() -> object:
                put()
                pdf = client.get(result["links"]["pdf"])
                assert pdf.status_code == 200, pdf.text
                assert len(PdfReader(io.BytesIO(pdf.content)).pages) == 1
                return pdf

            # The analyst reads the re-fitted card before the next edit, so each timed PUT
            # starts with the last one's PDF written (its download, untimed, waits for it).
            samples = []
            for _ in range(runs + 2):
                start = time.perf_counter()
                put()
                samples.append(time.perf_counter() - start)
                client.get(result["links"]["pdf"]).raise_for_status()
            samples = samples[2:]
            return {
                "PUT /api/briefings/{id} (round trip)": Timing(
                    statistics.median(samples), min(samples), max(samples), runs
                ),
                "PUT, then the PDF download": timed(put_then_pdf, runs, warmup=1),
            }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    t = library(args.runs) | api(args.runs)
    edit, bare = t["edit: check + record + re-fit PDF"], t["ref: bare WeasyPrint of edited card"]
    ratios = {"edit_vs_bare_weasyprint": ratio(edit, bare)}
    rows = [("what (sample)", "median [min–max]")] + [(k, str(v)) for k, v in t.items()]
    print(table(rows))
    print(f"edit_vs_bare_weasyprint      {ratios['edit_vs_bare_weasyprint']:5.2f}x")
    put = t["PUT /api/briefings/{id} (round trip)"]
    verdict = "meets" if put.median <= TARGET_SECONDS else "misses"
    print(f"PUT round trip {put.median:.3f} s: {verdict} the {TARGET_SECONDS} s target")
    print(f"wrote {save('edit', {'runs': args.runs, 'timings': t, 'ratios': ratios})}")


if __name__ == "__main__":
    main()
