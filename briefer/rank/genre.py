"""News report, opinion or long report: what the text is decides how its points are read.

A report (long, in sections) states findings; ranking stays as tuned on CRS and GovReport.
News and opinion both get the claim model (``claims.py``): their points are what the
author asserts or what happened, not what someone said. Opinion also reads its thesis
from where editorials put it: the claim model's odds and the close of the first paragraph
or the opening of the conclusion, never the news peg that opens the piece; news keeps
its lead (the story's point).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from briefer.model import BlockKind
from briefer.nlp.analysis import Analysis
from briefer.nlp.cues import is_dangling, standalone_part
from briefer.rank.claims import FEATURE_NAMES, sigmoid
from briefer.rank.features import Features
from briefer.rank.selection import LEAD_DECAY

__all__ = ["Genre", "argument_bonus", "detect", "list_name", "thesis_bonus"]

Genre = Literal["news", "opinion", "report"]

# Reports run long and in sections: the dev CRS and GovReport reports have 1,900 words or
# more and a dozen headings; op-eds and news stories 300-2,000 words and rarely any.
REPORT_WORDS = 1500
REPORT_HEADINGS = 3
REPORT_LONG_WORDS = 5000

_NAMES: dict[Genre, str] = {
    "news": "Key points",
    "opinion": "Key arguments",
    "report": "Key findings",
}


def list_name(genre: Genre) -> str:
    """What the card calls its list for ``genre``."""
    return _NAMES[genre]


def detect(
    analysis: Analysis, f: Features, rows: Sequence[Sequence[float]], logits: Sequence[float]
) -> tuple[Genre, float]:
    """Tell a long report, an opinion piece and a news story apart (``rows``: each
    sentence's ``claims.claim_features``, ``logits``: the claim model's log-odds), with
    the probability that the text is opinion rather than news (1 for a report)."""
    words = sum(f.words)
    headings = sum(p.kind is BlockKind.HEADING for p in analysis.article.paragraphs)
    if words >= REPORT_LONG_WORDS or (words >= REPORT_WORDS and headings >= REPORT_HEADINGS):
        return "report", 1.0
    body = [i for i in range(len(f)) if f.eligible[i]]
    if not body:
        return "news", 0.0
    mean = [math.fsum(rows[i][c] for i in body) / len(body) for c in _COLUMNS]
    first = math.fsum(max(rows[i][_SINGULAR], rows[i][_PLURAL]) for i in body) / len(body)
    claims = sum(logits[i] > 0 for i in body) / len(body)
    score = OPINION_BIAS + math.fsum(
        w * x
        for w, x in zip(
            OPINION_WEIGHTS, (*mean[:2], first, *mean[2:5], claims, *mean[5:]), strict=True
        )
    )
    return ("opinion" if score > 0 else "news"), sigmoid(score)


_COLUMNS = tuple(
    FEATURE_NAMES.index(n)
    for n in ("modal", "evaluative", "present", "past", "question", "speech", "quoted")
)
_SINGULAR, _PLURAL = FEATURE_NAMES.index("first_singular"), FEATURE_NAMES.index("first_plural")
# Opinion vs news: a logistic model over the shares of modal, evaluative, first-person,
# present- and past-tense, question, reported-speech and quoted sentences and of claims,
# fitted on the 106 dev editorials and the sample (opinion) against 289 CNN/DailyMail and
# BBC stories (news); the bias is raised 0.5 to favour opinion, whose cards lose more
# from a news reading than news cards from an opinion one. Dev: editorials 84.9% opinion,
# CNN 12.7%, BBC 8.9%, both sample files.
OPINION_BIAS = 2.21
OPINION_WEIGHTS = (6.93, 13.03, 3.47, 0.91, -2.21, 21.20, -3.14, -6.22, -6.19)


# --- how opinion and news use the claim model (tuned on the dev editorials, README) ----
# Key arguments (both): the claim's log-odds, added to the argument score.
C_ARGUMENT = 2.0
# News: the claim model times twice the chance that the text is opinion after all (swept
# 0, 1, 2, 4 on the dev sets: 2 keeps editorial claims at 91.5% and lifts
# news key points from 24.1 to 26.3 ROUGE-2 recall; bench/news_points.py).
NEWS_SCALE = 2.0
# Thesis (opinion): the claim's log-odds, and the spots where editorials state it: the
# close of the first paragraph and the opening of the last ones. The lead bonus that finds
# a news story's point (selection.T_LEAD) is taken back: an op-ed opens on its news peg.
C_THESIS = 1.5
C_SPOT = 0.5
C_LEAD = 1.5
# An explicit position ("We argue that", "the only way") is the thesis wherever it stands:
# taking the lead bonus back must not hand the line to the closing call.
C_STANCE = 3.0
# A bottom line must stand alone: one opening on a pronoun pays this, a third of it when
# a clause of it stands alone and is quoted as a part ("... the only way ... is ...").
C_DANGLING = 2.0
C_PART = 0.6
# An opener leaning on the text before it ("But", "As discussed above") pays this on top
# of selection.T_DEPENDENT: the thesis spots would otherwise outweigh it.
C_DEPENDENT = 0.75


def argument_bonus(genre: Genre, opinion: float, logits: Sequence[float]) -> list[float] | None:
    """What the claim model adds to each sentence's key-argument score (None: nothing).

    The model was fitted on editorials, where past tense, dates and narrative mark
    support; in a news story they are the development itself. So news gets the model in
    proportion to how likely the text is opinion after all (``opinion``): a plain story
    almost none, an editorial read as news most of it."""
    if genre == "report":
        return None
    weight = C_ARGUMENT if genre == "opinion" else C_ARGUMENT * min(1.0, NEWS_SCALE * opinion)
    return [weight * z for z in logits]


def thesis_bonus(
    genre: Genre, analysis: Analysis, f: Features, logits: Sequence[float]
) -> list[float]:
    """What the genre adds to (or takes from) each sentence's thesis score."""
    texts = [s.text for s in analysis.sentences]
    dangling = [C_DANGLING * _dangling(t) for t in texts]
    if genre != "opinion":
        return [-d for d in dangling]
    spots = _thesis_spots(analysis, f)
    return [
        C_THESIS * logits[i]
        + C_SPOT * (i in spots)
        + C_STANCE * f.stance[i]
        - C_LEAD * math.exp(-i / LEAD_DECAY)
        - dangling[i]
        - C_DEPENDENT * f.dependent[i]
        for i in range(len(texts))
    ]


def _dangling(text: str) -> float:
    if not is_dangling(text):
        return 0.0
    return C_PART if standalone_part(text) is not None else 1.0


def _thesis_spots(analysis: Analysis, f: Features) -> set[int]:
    """The last sentence of the first body paragraph, the first of the last two."""
    body = sorted({f.paragraph[i] for i in range(len(f)) if f.eligible[i]})
    if not body:
        return set()
    spots = {analysis.starts[body[0] + 1] - 1}
    spots.update(analysis.starts[p] for p in body[-2:])
    return spots
