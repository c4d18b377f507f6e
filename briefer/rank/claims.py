"""Is a sentence the author's own claim, or support: narrative, reported speech, numbers?

Op-eds argue with claims (judgments, predictions, prescriptions) and back them with
support: the news peg ("On Thursday, the London Conference will convene"), a story, what
someone else said, statistics. Each sentence gets explainable cue features (reported
speech, past tense, dates, numbers, modal and evaluative language, first person,
position in its paragraph and the text) and a logistic model over them gives the
probability that it is the author's claim. The weights are constants below, fitted by
``bench/claim_model.py`` on the dev editorials (Webis-Editorials-16 labels; a sentence is
a claim when most of it is an ``assumption`` unit); it reports its leave-one-outlet-out
scores. Deterministic, numpy-free at run time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from briefer.nlp.analysis import Analysis
from briefer.nlp.cues import PRESCRIPTIVE, STANCE
from briefer.rank.features import Features, own_words

__all__ = ["FEATURE_NAMES", "claim_features", "claim_logits", "logistic", "sigmoid"]

_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|according to|stated|states|announced|announces|claimed"
    r"|insisted|warned|added|explained|noted|wrote|writes|reported|asked|declared|testified"
    r"|tweeted|acknowledged|admitted|replied|recalled|described|called|urged|vowed|pledged"
    r"|promised|denied|confirmed|revealed|suggested|argued|remarked)\b",
    re.IGNORECASE,
)
_IRREGULAR_PAST = (
    "was were had did went came took made gave got found held left met paid put ran sat saw "
    "sent set spent stood thought told won wrote became began brought built bought caught "
    "chose drove fell felt fled fought forgot grew heard hid hit hung kept knew led lost "
    "meant overcame read rose shot shut sold sought spoke struck swore threw understood woke"
)
_PAST = re.compile(r"\b(?:" + "|".join(_IRREGULAR_PAST.split()) + r"|\w{3,}ed)\b", re.IGNORECASE)
_PRESENT = re.compile(
    r"\b(?:is|are|am|isn't|aren't|has|have|hasn't|haven't|does|do|doesn't|don't|can|cannot"
    r"|can't|seems?|means?|remains?|matters?|needs?|makes?|shows?)\b",
    re.IGNORECASE,
)
_MODAL = re.compile(
    r"\b(?:should|must|ought|need to|needs to|have to|has to|cannot|can't|shouldn't|mustn't)\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(r"\b(?:will|would|could|might|may|won't|wouldn't|likely|perhaps)\b", re.I)
_WEEKDAY = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTH = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\."
)
_DATE = re.compile(
    rf"\b(?:{_WEEKDAY})\b|\b(?:{_MONTH})\s+\d|\b(?:19|20)\d\d\b"
    r"|\b(?:last|this|next|past) (?:week|month|year|weekend|summer|spring|autumn|fall|winter)\b"
    r"|\b(?:yesterday|today|tonight|ago|earlier this|recently)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d[\d,.]*\s*(?:%|percent|per cent|million|billion|trillion)?", re.I)
_FIRST_SINGULAR = re.compile(r"\b(?:I|me|my|I'm|I've)\b")
_FIRST_PLURAL = re.compile(r"\b(?:we|us|our|we're|we've|ourselves)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|no|never|nothing|nobody|none|neither|nor)\b|n't\b", re.I)
_EVALUATIVE = re.compile(
    r"\b(?:important|clear(?:ly)?|obvious(?:ly)?|wrong|right|good|bad|better|worse|best|worst"
    r"|failure|fail(?:s|ed)?|danger(?:ous)?|necessary|essential|real(?:ly)?|true|truth|simply"
    r"|only|indeed|merely|surely|certainly|absurd|hypocri\w*|shameful|disgrace\w*|ridiculous"
    r"|crucial|vital|serious|problem\w*|mistake|responsib\w*|should|must|deserve\w*|fair"
    r"|unfair|unjust|justice|moral\w*|hope|fear|threat\w*|crisis|cannot|ought)\b",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"(?<=\s)[A-Z][a-z]+")
_WORD = re.compile(r"\w+")

FEATURE_NAMES = (
    "bias", "quoted", "speech", "past", "present", "modal", "hedge", "date", "numbers",
    "first_singular", "first_plural", "negation", "evaluative", "question", "proper",
    "stance", "prescriptive", "central", "title", "para_first", "para_last", "first_paragraph",
    "last_paragraph", "position", "first_sentence", "long", "singular_past",
    "context_past", "context_speech", "context_quoted", "pronoun_opener",
)  # fmt: skip
_PRONOUN_OPENER = re.compile(r"(?:he|she|they|his|her|their)\b", re.IGNORECASE)


def _rate(pattern: re.Pattern[str], text: str, words: int) -> float:
    """Matches per ten words, capped at 1."""
    return min(1.0, 10 * len(pattern.findall(text)) / max(words, 1))


def claim_features(analysis: Analysis, f: Features) -> list[tuple[float, ...]]:
    """The cue features of each sentence, in ``FEATURE_NAMES`` order."""
    sentences = analysis.sentences
    n = len(sentences)
    paragraphs = [s.paragraph for s in sentences]
    body = [p for p, ok in zip(paragraphs, f.eligible, strict=True) if ok]
    first_p, last_p = (body[0], body[-1]) if body else (-1, -1)
    first_eligible = next((i for i in range(n) if f.eligible[i]), -1)
    rows: list[tuple[float, ...]] = []
    for i, s in enumerate(sentences):
        own = own_words(analysis, s)
        words = max(len(_WORD.findall(own)), 1)
        last_in_paragraph = i + 1 == n or paragraphs[i + 1] != paragraphs[i]
        past = _rate(_PAST, own, words)
        singular = bool(_FIRST_SINGULAR.search(own))
        rows.append(
            (
                1.0,
                f.quoted[i],
                float(bool(_SPEECH.search(own))),
                past,
                _rate(_PRESENT, own, words),
                float(bool(_MODAL.search(own))),
                float(bool(_HEDGE.search(own))),
                float(bool(_DATE.search(own))),
                _rate(_NUMBER, own, words),
                float(singular),
                float(bool(_FIRST_PLURAL.search(own))),
                float(bool(_NEGATION.search(own))),
                _rate(_EVALUATIVE, own, words),
                float(s.text.rstrip("\"'\u201d\u2019) ").endswith("?")),
                _rate(_CAPITALISED, own, words),
                float(bool(STANCE.search(own))),
                float(bool(PRESCRIPTIVE.search(own))),
                f.central[i],
                f.title[i],
                float(f.para_first[i]),
                float(last_in_paragraph),
                float(paragraphs[i] == first_p),
                float(paragraphs[i] == last_p),
                i / max(n - 1, 1),
                float(i == first_eligible),
                min(f.words[i], 60) / 30,
                singular * past,
            )
        )
    return _with_context(
        rows, paragraphs, [float(bool(_PRONOUN_OPENER.match(s.text))) for s in sentences]
    )


_PAST_COL, _SPEECH_COL, _QUOTED_COL = (FEATURE_NAMES.index(k) for k in ("past", "speech", "quoted"))


def _with_context(
    rows: list[tuple[float, ...]], paragraphs: Sequence[int], opener: Sequence[float]
) -> list[tuple[float, ...]]:
    """Add the mean past tense, speech and quotation of the paragraph's *other* sentences:
    a story or a run of reported speech is a paragraph of them."""
    sums: dict[int, list[float]] = {}
    for row, p in zip(rows, paragraphs, strict=True):
        acc = sums.setdefault(p, [0.0, 0.0, 0.0, 0.0])
        acc[0] += row[_PAST_COL]
        acc[1] += row[_SPEECH_COL]
        acc[2] += row[_QUOTED_COL]
        acc[3] += 1
    out = []
    for row, p, o in zip(rows, paragraphs, opener, strict=True):
        acc = sums[p]
        others = acc[3] - 1
        ctx = (
            tuple(
                (acc[k] - row[c]) / others
                for k, c in enumerate((_PAST_COL, _SPEECH_COL, _QUOTED_COL))
            )
            if others
            else (0.0, 0.0, 0.0)
        )
        out.append((*row, *ctx, o))
    return out


def linear(row: Sequence[float], weights: Sequence[float]) -> float:
    """The model's log-odds for one row of features."""
    return math.fsum(x * w for x, w in zip(row, weights, strict=True))


def logistic(row: Sequence[float], weights: Sequence[float]) -> float:
    """The model's probability for one row of features."""
    return sigmoid(linear(row, weights))


def sigmoid(z: float) -> float:
    """Log-odds to a probability, clipped so extreme odds cannot overflow."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# Fitted by ``bench/claim_model.py --l2 3`` on all 106 dev editorials. Trained on two
# outlets and scored on the third, AUC / precision of each editorial's top 4 sentences:
# Al Jazeera 0.822 / 95.4%, Fox News 0.840 / 88.3%, Guardian 0.784 / 92.8% (base rates
# 63.6%, 61.8%, 68.2%). Column order is FEATURE_NAMES.
WEIGHTS: tuple[float, ...] = (
    0.7223,  # bias
    -5.7076,  # quoted
    -1.2134,  # speech
    -0.4477,  # past
    1.0301,  # present
    0.3056,  # modal
    0.8986,  # hedge
    -0.1480,  # date
    -2.1222,  # numbers
    -0.9752,  # first_singular
    0.3362,  # first_plural
    0.0905,  # negation
    0.6245,  # evaluative
    -0.0072,  # question
    -0.6292,  # proper
    0.0615,  # stance
    0.3188,  # prescriptive
    0.4245,  # central
    1.5300,  # title
    0.1965,  # para_first
    0.1320,  # para_last
    0.2014,  # first_paragraph
    0.6069,  # last_paragraph
    0.3653,  # position
    0.0744,  # first_sentence
    -0.0088,  # long
    -0.6816,  # singular_past
    -0.1781,  # context_past
    -0.3052,  # context_speech
    -0.4525,  # context_quoted
    -0.6427,  # pronoun_opener
)


def claim_logits(analysis: Analysis, f: Features) -> list[float]:
    """Log-odds that each sentence is the author's claim (0 = even odds)."""
    return [linear(row, WEIGHTS) for row in claim_features(analysis, f)]
