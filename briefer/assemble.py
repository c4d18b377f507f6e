"""Article + ranking -> Briefing: choose what goes on the card and record where it came from."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefer._version import __version__
from briefer.errors import InputError, SummarizeError
from briefer.evidence.figures import FigureSpan
from briefer.evidence.figures import figures as find_figures
from briefer.evidence.figures import recommendations as find_recommendations
from briefer.evidence.keywords import ranked
from briefer.evidence.quotes import QuoteSpan
from briefer.evidence.quotes import quotes as find_quotes
from briefer.model import Article, Sentence
from briefer.nlp.analysis import Analysis, analyse
from briefer.nlp.language import language_note, sumy_language
from briefer.nlp.sentences import words
from briefer.options import Options
from briefer.rank import Argument, Ranking, rank
from briefer.rank.features import similarity
from briefer.rank.selection import A_REPEAT
from briefer.schema import (
    Briefing,
    Candidates,
    Excerpt,
    Figure,
    Generator,
    KeyArgument,
    Provenance,
    Quote,
    SourceInfo,
)

# Adult silent reading of non-fiction runs at about 238 words per minute (Brysbaert 2019).
WORDS_PER_MINUTE = 238
# A card line must be readable at a glance and must fit the page whole (sentences are
# never cut), so longer sentences stay in the JSON summary but not on the card.
MAX_CARD_WORDS = 75
# An unattributed quotation shorter than this is a scare quote or a phrase ("do stuff",
# "end of an era"), not testimony; attributed ones stay whatever their length.
MIN_UNATTRIBUTED_WORDS = 8
MAX_FIGURES = 6
MAX_RECOMMENDATIONS = 3
MAX_KEYWORDS = 8
# A keyphrase is a few words; a longer one is a run of unspaced text (CJK, Thai) that the
# keyword finder took for one word, and would fill the card as a single chip. Measured in
# columns: a full-width (CJK) character counts two.
MAX_KEYWORD_CHARS = 40
# Ranking cost grows faster than the text (labels count phrases across the whole text), and
# a one-line 5 MB dump takes minutes. 200,000 words is ten times a long report (about 800
# pages) and briefs in ~15 s even as one unpunctuated line; longer inputs are refused.
MAX_ARTICLE_WORDS = 200_000
# Figure kinds in the order a reader wants them; a bare date is rarely the news, and
# a span of time ("20 years") is context more often than a finding.
FIGURE_PRIORITY = {"money": 0, "percent": 0, "count": 1, "duration": 2, "date": 3}
# With at least this many counts, sums or percentages, dates and durations stay off the card.
MIN_SUBSTANTIVE_FIGURES = 2
TIME_UNITS = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "centurie"}
)


@dataclass(frozen=True, slots=True)
class _Context:
    analysis: Analysis
    ranking: Ranking


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _word_count(article: Article) -> int:
    """The article's length in words, refused past what one briefing can rank."""
    count = len(words(article.text))
    if count > MAX_ARTICLE_WORDS:
        raise InputError(
            f"article text is {count:,} words, over the {MAX_ARTICLE_WORDS:,}-word limit of "
            "one briefing; split the document (e.g. by chapter) and brief each part",
            path=article.path,
        )
    return count


def _excerpt(paragraph: int, start: int, end: int, text: str) -> Excerpt:
    return Excerpt(text=text, provenance=Provenance(paragraph=paragraph, start=start, end=end))


def _sentence(s: Sentence) -> Excerpt:
    return _excerpt(s.paragraph, s.start, s.end, s.text)


def _fits_card(text: str, limit: int = MAX_CARD_WORDS) -> bool:
    return len(text.split()) <= limit


def source_info(article: Article, count: int) -> SourceInfo:
    """Metadata plus counts (``count`` words) for the card's byline."""
    meta = article.metadata
    return SourceInfo(
        title=meta.title,
        subtitle=meta.subtitle,
        authors=list(meta.authors),
        published=meta.published,
        publisher=meta.publisher,
        url=meta.url,
        path=article.path,
        sha256=article.sha256,
        language=meta.language,
        word_count=count,
        reading_minutes=max(1, math.ceil(count / WORDS_PER_MINUTE)) if count else 0,
    )


def _quotes(found: Iterable[QuoteSpan]) -> list[Quote]:
    """Every quotation that is testimony, best first as every list is: attributed ones,
    then the longer (they carry the testimony), then by place in the text. The card shows
    the first few that read well there (``render.fit.card_quotes``); an analyst's moves
    start from this order, so the card does not reshuffle on the first edit."""
    kept = [
        Quote(
            text=q.text,
            speaker=q.speaker,
            role=q.role,
            provenance=Provenance(paragraph=q.paragraph, start=q.start, end=q.end),
        )
        for q in found
        if (q.speaker and q.text) or len(q.text.split()) >= MIN_UNATTRIBUTED_WORDS
    ]
    kept.sort(key=lambda q: (q.speaker is None, -len(q.text.split()), q.provenance.start))
    return kept


def _figures(
    found: Iterable[FigureSpan], scores: Sequence[float], shown: set[int], more: int
) -> tuple[list[Figure], list[Figure]]:
    """The card's figures, best first, and up to ``more`` next ones for an analyst to swap in."""
    seen: set[str] = set()
    # One figure per sentence: "6,000 metres (3.7 miles) ... 1,000 metres" is one fact,
    # and the card would print the same context line under each of its numbers.
    sentences: set[int] = set()
    chosen: list[FigureSpan] = []

    def kind(fig: FigureSpan) -> str:
        unit = (fig.counts or "").split(" ")[0].lower().removesuffix("s")
        return "duration" if fig.kind == "count" and unit in TIME_UNITS else fig.kind

    # Within a kind, a figure whose sentence the card already shows (as the bottom line,
    # a claim or support) comes after one that adds a sentence of its own.
    ordered = sorted(
        found,
        key=lambda f: (
            FIGURE_PRIORITY.get(kind(f), 2),
            f.context.index in shown,
            -scores[f.context.index],
            f.start,
        ),
    )
    substantive = sum(
        FIGURE_PRIORITY.get(kind(f), 2) < FIGURE_PRIORITY["duration"] for f in ordered
    )
    spare: list[FigureSpan] = []  # dates and spans of time an analyst may still want
    for fig in ordered:
        if fig.text.lower() in seen or fig.context.index in sentences:
            continue
        if not _fits_card(fig.context.text):
            continue
        seen.add(fig.text.lower())
        sentences.add(fig.context.index)
        # Dates and spans of time only fill in for articles short of real numbers.
        if kind(fig) in ("duration", "date") and substantive >= MIN_SUBSTANTIVE_FIGURES:
            spare.append(fig)
        else:
            chosen.append(fig)
    card = [_figure(f) for f in chosen[:MAX_FIGURES]]
    return card, [_figure(f) for f in (chosen[MAX_FIGURES:] + spare)[:more]]


def _figure(f: FigureSpan) -> Figure:
    return Figure(
        value=f.text,
        provenance=Provenance(paragraph=f.context.paragraph, start=f.start, end=f.end),
        context=_sentence(f.context),
    )


def _arguments(found: Iterable[Argument]) -> list[KeyArgument]:
    return [
        KeyArgument(
            label=arg.label,
            claim=_sentence(arg.claim),
            support=[_sentence(s) for s in arg.support if _fits_card(s.text)],
        )
        for arg in found
        if _fits_card(arg.claim.text)
    ]


def _recommendations(
    ctx: _Context, used: set[int], more: int
) -> tuple[list[Excerpt], list[Excerpt]]:
    """The best-ranked prescriptive sentences not already on the card, nor restating one
    that is: reports repeat their conclusion ("Therefore, EPA may have to determine how
    to comply ..." as a claim, "Accordingly, EPA may have to determine how to comply ..."
    pages later). Then up to ``more`` next ones, best first, for an analyst to swap in."""
    found = find_recommendations(ctx.analysis)
    fresh = [s for s in found if s.index not in used and _fits_card(s.text)]
    fresh.sort(key=lambda s: (-ctx.ranking.scores[s.index], s.index))
    bags = [ctx.analysis.bags[i] for i in sorted(used)]
    chosen: list[Sentence] = []
    for s in fresh:
        if len(chosen) == MAX_RECOMMENDATIONS + more:
            break
        bag = ctx.analysis.bags[s.index]
        if all(similarity(bag, other) < A_REPEAT for other in bags):
            chosen.append(s)
            bags.append(bag)
    shown = sorted(chosen[:MAX_RECOMMENDATIONS], key=lambda s: s.index)
    return [_sentence(s) for s in shown], [_sentence(s) for s in chosen[MAX_RECOMMENDATIONS:]]


def _keywords(analysis: Analysis) -> list[str]:
    """Keyphrases the article's own prose uses: a photo credit ("Getty Images") repeated
    under every picture is frequent but says nothing about the story."""
    prose = " ".join(
        s.text for s, chrome in zip(analysis.sentences, analysis.chrome, strict=True) if not chrome
    ).lower()
    found = ranked(analysis.phrases, analysis.language)[: 2 * MAX_KEYWORDS]
    kept = [k for k in found if _columns(k) <= MAX_KEYWORD_CHARS and k.lower() in prose]
    return kept[:MAX_KEYWORDS]


def _bottom_line(ranking: Ranking) -> Excerpt:
    """The thesis sentence, or the part of it that stands alone (exact provenance)."""
    s, part = ranking.bottom_line, ranking.bottom_part
    if part is None:
        return _sentence(s)
    return _excerpt(s.paragraph, s.start + part, s.end, s.text[part:])


def _used(ranking: Ranking) -> set[int]:
    used = {ranking.bottom_line.index}
    for arg in ranking.key_arguments:
        used.add(arg.claim.index)
        used.update(s.index for s in arg.support)
    return used


def assemble(article: Article, options: Options | None = None) -> Briefing:
    """Rank the article and fill the briefing schema; every excerpt is verbatim."""
    options = options or Options()
    count = _word_count(article)
    code = options.language or article.metadata.language
    analysis = analyse(article, sumy_language(code))
    if not analysis.sentences:
        raise SummarizeError("no sentences found in the article text", path=article.path)
    more = options.candidates
    ranking = rank(
        analysis,
        algorithm=options.algorithm,
        count=options.summary_sentences,
        more_arguments=more,
    )
    ctx = _Context(analysis, ranking)
    bottom = _bottom_line(ranking)
    used = _used(ranking)
    figures, spare_figures = _figures(find_figures(analysis), ranking.scores, used, more)
    recommendations, spare_recommendations = _recommendations(ctx, used, more)
    arguments = _arguments(ranking.key_arguments)
    cap = options.max_key_arguments
    candidates = (
        Candidates(
            bottom_line=[_sentence(s) for s in ranking.alternates if _fits_card(s.text)][:more],
            key_arguments=(arguments[cap:] + _arguments(ranking.alternate_arguments))[:more],
            figures=spare_figures,
            recommendations=spare_recommendations,
        )
        if more
        else None
    )
    return Briefing(
        source=source_info(article, count),
        genre=ranking.genre,
        bottom_line=bottom if _fits_card(bottom.text) else None,
        bottom_line_part=ranking.bottom_part is not None,
        summary=[_sentence(s) for s in ranking.summary],
        key_arguments=arguments[:cap],
        quotes=_quotes(find_quotes(analysis)),
        figures=figures,
        recommendations=recommendations,
        keywords=_keywords(analysis),
        generator=Generator(
            version=__version__,
            algorithm=options.algorithm,
            parameters={
                "language": analysis.language,
                "max_key_arguments": options.max_key_arguments,
                "summary_sentences": options.summary_sentences,
                **({"language_note": note} if (note := language_note(code)) else {}),
            },
        ),
        candidates=candidates,
    )
