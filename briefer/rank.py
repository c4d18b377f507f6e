"""Argument-aware ranking: bottom line, key arguments and an extractive summary.

Every sentence gets features (centrality from briefer's numpy LexRank or a sumy
algorithm, position, title overlap, argument cues, how much of it is quoted
speech); three weighted sums of them rank it as summary material, as the thesis
and as a key argument. Captions, bios, boilerplate, headings and fragments never
qualify; quoted speech is evidence, not a claim. Picks go through MMR so they do
not repeat each other. Weights were tuned with ``bench/rouge_eval.py`` on the dev
halves of news-summ and policy-summ, and checked against the sample's gold file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefer import ratings as _ratings
from briefer.errors import SummarizeError
from briefer.model import Article, Block, BlockKind, Extracted, Metadata, Sentence, make_article
from briefer.quotes import quote_spans, quoted_share
from briefer.sentences import segment

__all__ = [
    "PRESCRIPTIVE",
    "STANCE",
    "KeyArgument",
    "Ranking",
    "algorithms",
    "is_boilerplate",
    "rank",
    "summarize_text",
]

# --- cues -----------------------------------------------------------------------------
# The author taking a position: thesis statements in op-eds, reports and briefs.
STANCE = re.compile(
    r"\b(?:I|we) (?:argue|contend|believe|propose|conclude|recommend)\b"
    r"|\bthis (?:paper|report|study|brief|article|analysis) (?:argues|finds|concludes|shows)\b"
    r"|\bthe only (?:way|effective|answer|solution)\b|\bthe key (?:to|is|question)\b"
    r"|\bthe (?:real|central|core|bottom-line) (?:question|issue|problem|lesson)\b",
    re.IGNORECASE,
)
# Prescriptions: what someone must do. Policy briefs state their arguments this way.
PRESCRIPTIVE = re.compile(
    # "should the Islamic State make a comeback" is a conditional, not advice.
    r"\b(?:must|should(?!\s+(?:the|a|an|it|they|he|she|there|this|that|any)\b)|ought to|needs to"
    # "the need to restore" / "its need to" name a need; only the verb prescribes.
    r"|(?<!the )(?<!\u2019s )(?<!'s )(?<!a )(?<!its )(?<!our )(?<!their )need to"
    r"|will (?:also )?have to|has to|have to"
    r"|calls? for|requires?|required|recommends?|recommendations?|it is time to"
    r"|is (?:essential|critical|necessary|vital) (?:to|that))\b",
    re.IGNORECASE,
)
# Never a claim nor summary material: photo captions, author bios, site chrome.
_BOILERPLATE = re.compile(
    r"^(?:image|photo|photograph|picture|figure|caption|source|credit)s?\s*[:(]"
    r"|\bphoto (?:by|credit)\b|\bgetty images\b|\bvia (?:reuters|ap|afp)\b"
    r"|^(?:[A-Z][\w.\-]+ ){1,3}is (?:a|an|the) [\w\s\-,]{0,60}"
    r"(?:fellow|professor|director|editor|correspondent|author)\b"
    r"|\b(?:all rights reserved|click here|subscribe|sign up|newsletter|cookie|follow us)\b"
    r"|^(?:read more|related|advertisement|share this)\b",
    re.IGNORECASE,
)

# --- weights --------------------------------------------------------------------------
# Fragments shorter than this are headings, datelines or list stubs, not sentences.
MIN_WORDS = 6
# Summary score. Centrality: what the text keeps talking about (LexRank idea).
W_CENTRAL = 0.75
# Lead: news puts the story first (Lead-3 is hard to beat on CNN/DM); decays with
# the sentence index so the first sentences of long reports count too.
W_LEAD = 3.0
LEAD_DECAY = 6.0
# Reports restate their summary in the introduction: the first few percent of a
# long text is worth reading whatever its absolute length.
W_REL_LEAD = 0.5
REL_LEAD_DECAY = 0.05
# Paragraph openers are topic sentences in reports (CRS/GAO write that way).
W_PARA_FIRST = 0.35
# Overlap with title/subtitle: the headline names the topic.
W_TITLE = 0.6
# Argument cues: tuned to 0 for the summary (prescriptions score below average
# against CRS/GAO summaries); they drive the thesis and key arguments instead.
W_CUE = 0.0
# Quoted speech carries colour, not the gist; mostly-quoted sentences drop back.
W_QUOTED = 0.4
# MMR: how much similarity to an already picked sentence costs (0 = no control).
MMR_LAMBDA = 0.8

# Thesis (bottom line): stance dominates; theses sit at the lead or the close.
T_STANCE = 2.0
T_PRESCRIPTIVE = 0.5
T_CLOSING = 0.6
T_LEAD = 0.6
T_TITLE = 1.0
T_CENTRAL = 0.5
# Key arguments: an argument cue (prescription or stance) first, a little extra
# for the author's explicit stance, then centrality and the headline's topic.
A_CUE = 1.0
A_STANCE = 0.3
A_CENTRAL = 0.6
A_TITLE = 1.2
A_LEAD = 0.2
# Arguments on one topic share its words ("burden sharing"); only near-repeats
# should be held back, so redundancy costs less than in the summary.
A_MMR_LAMBDA = 0.3
# A second argument from the same paragraph pays this (coverage across sections).
A_SAME_PARAGRAPH = 0.2
MIN_ARGUMENTS, MAX_ARGUMENTS = 3, 5
# A claim must stand on its own in a briefing; shorter lines ("It is time to step
# up and do so.") lean on their neighbours and make poor claims.
MIN_CLAIM_WORDS = 10
MAX_SUPPORT = 2
# Labels: keyphrases (YAKE, best first) tried against each claim, then a run of
# 2-3 content words from the claim itself.
LABEL_CANDIDATES = 40
LABEL_MIN_WORDS, LABEL_MAX_WORDS = 2, 3
# Default summary length for ``rank`` when no budget is given.
DEFAULT_SUMMARY_WORDS = 150


@dataclass(frozen=True, slots=True)
class KeyArgument:
    """One argument: a short verbatim label, the claim, and 0-2 supporting sentences."""

    label: str
    claim: Sentence
    support: tuple[Sentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Ranking:
    """What the ranker found; ``scores[i]`` is the summary score of sentence ``i``."""

    bottom_line: Sentence
    key_arguments: tuple[KeyArgument, ...]
    summary: tuple[Sentence, ...]
    scores: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class _Features:
    central: tuple[float, ...]
    lead: tuple[float, ...]
    para_first: tuple[bool, ...]
    closing: tuple[bool, ...]
    title: tuple[float, ...]
    stance: tuple[bool, ...]
    prescriptive: tuple[bool, ...]
    quoted: tuple[float, ...]
    eligible: tuple[bool, ...]
    bags: tuple[frozenset[str], ...]
    paragraph: tuple[int, ...]
    words: tuple[int, ...]


def algorithms() -> tuple[str, ...]:
    """Every name ``summarize_text`` accepts."""
    return ("auto", "lead", *sorted(_ratings.ALGORITHMS))


def is_boilerplate(text: str) -> bool:
    """True for captions, bios and site chrome that never belong in a briefing."""
    return bool(_BOILERPLATE.search(text.strip()))


def _unquoted(text: str) -> str:
    for start, end in reversed(quote_spans(text)):
        text = text[:start] + " " + text[end:]
    return text


def _centrality(texts: list[str], algorithm: str, language: str) -> list[float]:
    if algorithm in ("auto", "lead"):
        return _ratings.centrality(texts, language)
    return _ratings.ratings(texts, algorithm, language)


def _features(
    article: Article, sentences: Sequence[Sentence], algorithm: str, language: str
) -> _Features:
    texts = [s.text for s in sentences]
    kinds = {p.index: p.kind for p in article.paragraphs}
    meta = article.metadata
    title = set(_ratings.content_words(f"{meta.title or ''} {meta.subtitle or ''}", language))
    bags = [frozenset(_ratings.content_words(t, language)) for t in texts]
    body = [s.paragraph for s in sentences if not is_boilerplate(s.text)]
    last_paragraph = max(body, default=-1)
    firsts = {s.paragraph: s.index for s in reversed(sentences)}
    # Cues count only in the author's own words: "must" inside a quotation is evidence.
    own = [_unquoted(t) for t in texts]
    return _Features(
        central=tuple(_centrality(texts, algorithm, language)),
        lead=tuple(math.exp(-i / LEAD_DECAY) for i in range(len(sentences))),
        para_first=tuple(firsts[s.paragraph] == s.index for s in sentences),
        closing=tuple(s.paragraph == last_paragraph for s in sentences),
        title=tuple(len(b & title) / math.sqrt(len(b) * len(title) or 1) for b in bags),
        stance=tuple(bool(STANCE.search(t)) for t in own),
        prescriptive=tuple(bool(PRESCRIPTIVE.search(t)) for t in own),
        quoted=tuple(quoted_share(article, sentences)),
        eligible=tuple(
            kinds.get(s.paragraph) is not BlockKind.HEADING
            and len(s.text.split()) >= MIN_WORDS
            and not is_boilerplate(s.text)
            for s in sentences
        ),
        bags=tuple(bags),
        paragraph=tuple(s.paragraph for s in sentences),
        words=tuple(len(t.split()) for t in texts),
    )


def _summary_scores(f: _Features) -> list[float]:
    return [
        W_CENTRAL * f.central[i]
        + W_LEAD * math.exp(-i / LEAD_DECAY)
        + W_REL_LEAD * math.exp(-i / (len(f.central) * REL_LEAD_DECAY))
        + W_PARA_FIRST * f.para_first[i]
        + W_TITLE * f.title[i]
        + W_CUE * (f.stance[i] or f.prescriptive[i])
        - W_QUOTED * f.quoted[i]
        if f.eligible[i]
        else -math.inf
        for i in range(len(f.central))
    ]


def _thesis_score(f: _Features, i: int) -> float:
    return (
        T_STANCE * f.stance[i]
        + T_PRESCRIPTIVE * f.prescriptive[i]
        + T_CLOSING * f.closing[i]
        + T_LEAD * f.lead[i]
        + T_TITLE * f.title[i]
        + T_CENTRAL * f.central[i]
    )


def _argument_score(f: _Features, i: int) -> float:
    return (
        A_CUE * (f.prescriptive[i] or f.stance[i])
        + A_STANCE * f.stance[i]
        + A_CENTRAL * f.central[i]
        + A_TITLE * f.title[i]
        + A_LEAD * f.lead[i]
    )


def _is_claim(f: _Features, i: int) -> bool:
    """Author's own words: eligible and not mostly someone else's quotation."""
    return f.eligible[i] and f.quoted[i] < 0.5


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def _mmr(
    scores: Sequence[float],
    bags: Sequence[frozenset[str]],
    stop: Callable[[list[int]], bool],
    penalty: Callable[[int, list[int]], float] = lambda _i, _p: 0.0,
    lam: float | None = None,
) -> list[int]:
    """Greedy maximal marginal relevance until ``stop(picked)``; -inf never picked."""
    lam = MMR_LAMBDA if lam is None else lam
    pool = [i for i in range(len(scores)) if scores[i] > -math.inf]
    redundancy = dict.fromkeys(pool, 0.0)
    picked: list[int] = []
    while pool and not stop(picked):
        best = max(pool, key=lambda i: scores[i] - lam * redundancy[i] - penalty(i, picked))
        picked.append(best)
        pool.remove(best)
        for i in pool:
            redundancy[i] = max(redundancy[i], _similarity(bags[i], bags[best]))
    return picked


def _budget_stop(
    sentences: Sequence[Sentence], words: int | None, count: int | None
) -> Callable[[list[int]], bool]:
    """ROUGE protocol: take sentences until the word count is reached (or ``count``)."""
    if words is None and count is None:
        words = DEFAULT_SUMMARY_WORDS

    def stop(picked: list[int]) -> bool:
        if count is not None and len(picked) >= count:
            return True
        return words is not None and sum(len(sentences[i].text.split()) for i in picked) >= words

    return stop


def _select_summary(
    sentences: Sequence[Sentence],
    f: _Features,
    algorithm: str,
    stop: Callable[[list[int]], bool],
) -> tuple[Sentence, ...]:
    scores = _summary_scores(f)
    if algorithm == "auto" and any(s > -math.inf for s in scores):
        picked = _mmr(scores, f.bags, stop)
    else:  # baselines as published (first sentences, sumy ratings), or nothing qualified
        plain = (
            f.central if algorithm not in ("auto", "lead") else [-i for i in range(len(f.central))]
        )
        picked = _mmr(plain, [frozenset()] * len(sentences), stop)
    return tuple(sentences[i] for i in sorted(picked))


def _bottom_line(f: _Features) -> int:
    claims = [i for i in range(len(f.central)) if _is_claim(f, i)]
    if not claims:
        claims = [i for i in range(len(f.central)) if f.eligible[i]] or list(range(len(f.central)))
    return max(claims, key=lambda i: (_thesis_score(f, i), -i))


def _arguments(f: _Features, thesis: int) -> list[int]:
    scores = [
        _argument_score(f, i)
        if _is_claim(f, i) and i != thesis and f.words[i] >= MIN_CLAIM_WORDS
        else -math.inf
        for i in range(len(f.central))
    ]
    available = sum(s > -math.inf for s in scores)
    paragraph = f.paragraph

    def stop(picked: list[int]) -> bool:
        if len(picked) >= min(MAX_ARGUMENTS, available):
            return True
        # Beyond the minimum, only sentences that argue (a cue) are worth a slot.
        return len(picked) >= MIN_ARGUMENTS and not _has_cue(f, _next_best(scores, picked))

    def same_paragraph(i: int, picked: list[int]) -> float:
        return A_SAME_PARAGRAPH * sum(paragraph[i] == paragraph[j] for j in picked)

    return sorted(_mmr(scores, f.bags, stop, same_paragraph, A_MMR_LAMBDA))


def _has_cue(f: _Features, i: int) -> bool:
    return f.prescriptive[i] or f.stance[i]


def _next_best(scores: Sequence[float], picked: list[int]) -> int:
    taken = set(picked)
    return max((i for i in range(len(scores)) if i not in taken), key=lambda i: scores[i])


def _support(
    sentences: Sequence[Sentence], f: _Features, claim: int, taken: set[int]
) -> tuple[Sentence, ...]:
    """Up to two neighbours from the claim's paragraph: evidence, figures, quotes."""
    near = [
        i
        for i in range(len(sentences))
        if f.paragraph[i] == f.paragraph[claim]
        and i not in taken
        and f.eligible[i]
        and (_similarity(f.bags[i], f.bags[claim]) > 0 or _EVIDENCE.search(sentences[i].text))
    ]
    near.sort(key=lambda i: (i < claim, abs(i - claim)))
    return tuple(sentences[i] for i in sorted(near[:MAX_SUPPORT]))


# Evidence a claim leans on: numbers and quotations.
_EVIDENCE = re.compile(r"\d|[“”\"]")


def _label(claim: Sentence, phrases: Sequence[str], used: set[str], language: str) -> str:
    """The best-ranked keyphrase found verbatim in the claim, else its first content run."""
    lowered = claim.text.lower()
    # Single words ("European") say too little to name an argument.
    for phrase in (p for p in phrases if " " in p):
        at = lowered.find(phrase.lower())
        if at >= 0 and phrase.lower() not in used:
            return claim.text[at : at + len(phrase)]
    # Cheap fallback (no second YAKE run): the first 2-3 consecutive content words.
    stops = _ratings.stop_words(language)
    run: list[str] = []
    for word in re.findall(r"[\w\u2019'-]+", claim.text):
        if word.lower() in stops or word[0].isdigit():
            if len(run) >= LABEL_MIN_WORDS and " ".join(run).lower() not in used:
                break
            run = []
        else:
            run.append(word)
    return " ".join(run[:LABEL_MAX_WORDS]) or " ".join(claim.text.split()[:LABEL_MAX_WORDS])


def rank(
    article: Article,
    sentences: Sequence[Sentence] | None = None,
    *,
    algorithm: str = "auto",
    language: str = "english",
    words: int | None = None,
    count: int | None = None,
) -> Ranking:
    """Rank an article's sentences and pick its bottom line, key arguments and summary.

    Raises:
        SummarizeError: no sentences, or an unknown ``algorithm``.
    """
    _check(algorithm)
    sentences = tuple(sentences) if sentences is not None else segment(article, language)
    if not sentences:
        raise SummarizeError("no sentences to rank (is the article empty?)", path=article.path)
    f = _features(article, sentences, algorithm, language)
    summary = _select_summary(sentences, f, algorithm, _budget_stop(sentences, words, count))
    thesis = _bottom_line(f)
    from briefer.keywords import keyphrases

    phrases = keyphrases(article.text, language=language, top=LABEL_CANDIDATES)
    taken = {thesis, *(claims := _arguments(f, thesis))}
    used: set[str] = set()
    arguments = []
    for i in claims:
        label = _label(sentences[i], phrases, used, language)
        used.add(label.lower())
        support = _support(sentences, f, i, taken)
        taken.update(s.index for s in support)
        arguments.append(KeyArgument(label, sentences[i], support))
    scores = tuple(s if s > -math.inf else 0.0 for s in _summary_scores(f))
    return Ranking(sentences[thesis], tuple(arguments), summary, scores)


def _check(algorithm: str) -> None:
    if algorithm not in algorithms():
        names = ", ".join(algorithms())
        raise SummarizeError(f"unknown algorithm {algorithm!r}; choose one of: {names}")


def summarize_text(
    text: str,
    *,
    words: int | None = None,
    sentences: int | None = None,
    algorithm: str = "auto",
    language: str = "english",
) -> list[str]:
    """Extractive summary of plain text (paragraphs split on blank lines), in document order.

    Takes ranked sentences until ``words`` is reached (the ROUGE protocol) or
    ``sentences`` are taken; "auto" is briefer's ranking, "lead" the first sentences.
    """
    _check(algorithm)
    blocks = tuple(Block(BlockKind.PARAGRAPH, p) for p in re.split(r"\n\s*\n", text) if p.strip())
    article = make_article(Extracted(blocks=blocks, metadata=Metadata()))
    spans = segment(article, language)
    if not spans:
        return []
    f = _features(article, spans, algorithm, language)
    picked = _select_summary(spans, f, algorithm, _budget_stop(spans, words, sentences))
    return [s.text for s in picked]
