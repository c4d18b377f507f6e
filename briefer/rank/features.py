"""Per-sentence features the ranker weighs: centrality, position, structure and cues.

Every feature is computed in (near) linear time in the number of sentences: the
document centroid is one sparse vector, section positions come from one pass over
the paragraphs, and the windowed LexRank in ``ratings.py`` bounds its dense matrix.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from briefer.model import Article, BlockKind, Sentence
from briefer.nlp import language as _language
from briefer.nlp.analysis import Analysis
from briefer.nlp.cues import (
    CHROME,
    DEPENDENT,
    EXAMPLE,
    ROADMAP,
    STANCE,
    is_prescriptive,
    is_table_row,
)
from briefer.rank import ratings as _ratings

__all__ = ["MIN_WORDS", "Features", "features", "own_words", "similarity"]

# Fragments shorter than this are headings, datelines or list stubs, not sentences.
MIN_WORDS = 6
# A list item that does not end like a sentence ("- onshore petroleum production;") is
# a fragment of the sentence that introduced the list: read alone on a card it says
# nothing. List items that are whole sentences (CRS "issues for Congress") still count.
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s*$")


@dataclass(frozen=True, slots=True)
class Features:
    """Raw features of each sentence, index-aligned with the sentences."""

    central: tuple[float, ...]  # LexRank-style centrality (or a sumy rating), [0, 1]
    centroid: tuple[float, ...]  # TF-IDF cosine with the whole document, [0, 1]
    section_pos: tuple[int, ...]  # body sentences since the last heading (0 = first)
    cross_section: tuple[float, ...]  # how much the other sections use its words, [0, 1]
    recent: tuple[bool, ...]  # names the text's latest repeated year, or one next to it
    para_first: tuple[bool, ...]
    closing: tuple[bool, ...]
    title: tuple[float, ...]
    stance: tuple[bool, ...]
    prescriptive: tuple[bool, ...]
    aside: tuple[bool, ...]  # an example, a signpost ("This report discusses"), page chrome
    dependent: tuple[bool, ...]  # opens on a conjunction ("But ..."): leans on the last one
    complete: tuple[bool, ...]  # ends like a sentence (not a heading or a table cell)
    quoted: tuple[float, ...]
    table: tuple[bool, ...]
    eligible: tuple[bool, ...]
    bags: tuple[frozenset[str], ...]
    paragraph: tuple[int, ...]
    words: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.central)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Cosine of two sets of words (0 when either is empty)."""
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def own_words(analysis: Analysis, s: Sentence) -> str:
    """The sentence with its quoted spans blanked: the author's own words."""
    offset = s.start - analysis.article.paragraphs[s.paragraph].start
    text = s.text
    for start, end in reversed(analysis.quote_spans[s.paragraph]):
        start, end = max(0, start - offset), min(len(text), end - offset)
        if start < end:
            text = text[:start] + " " + text[end:]
    return text


def _centroid(bags: Sequence[list[str]]) -> list[float]:
    """Cosine of each sentence's TF-IDF vector with the document's (sum of all sentences)."""
    df = Counter(w for bag in bags for w in set(bag))
    n = len(bags)
    idf = {w: math.log((n + 1) / (d + 1)) + 1.0 for w, d in df.items()}
    doc: Counter[str] = Counter()
    for bag in bags:
        doc.update(bag)
    doc_norm = math.sqrt(sum((c * idf[w]) ** 2 for w, c in doc.items())) or 1.0
    out = []
    for bag in bags:
        tf = Counter(bag)
        norm = math.sqrt(sum((c * idf[w]) ** 2 for w, c in tf.items()))
        dot = sum(c * doc[w] * idf[w] ** 2 for w, c in tf.items())
        out.append(dot / (norm * doc_norm) if norm else 0.0)
    return _ratings.normalise(out)


# A calendar or fiscal year ("2025", "FY2026"), not an amount ("$2019", "2019%", "20190").
_YEAR = re.compile(r"(?<![\d$])(?:19|20)\d{2}(?![\d%])")  # "FY2026" matches its "2026"
# A year the text names at least this often is part of its story; one "by 2050" is not.
RECENT_MENTIONS = 3


def _recent(texts: Sequence[str]) -> list[bool]:
    """Sentences naming the latest year the text keeps mentioning, or a year next to it
    (the FY2025 request after the 2024 act; never a one-off "by 2050").

    Reports are summarized from where things stand: their summaries lead with the latest
    actions (the 2025 reauthorization, the FY2027 request), while the body also walks
    through decades of history. News rarely repeats a year three times, so mostly no-op.
    """
    years = [[int(y) for y in _YEAR.findall(t)] for t in texts]
    counts = Counter(y for found in years for y in found)
    repeated = [y for y, c in counts.items() if c >= RECENT_MENTIONS]
    if not repeated:
        return [False] * len(texts)
    latest = max(repeated)
    return [any(latest - 1 <= y <= latest + 1 for y in found) for found in years]


# sumy's LexRank rates every sentence of an article up to this length (news stories and
# op-eds: the sample has 60); longer texts use the windowed numpy LexRank in
# ratings.centrality, the same idea at bounded cost. Dev ROUGE-2 with sumy's ratings for
# short texts: CNN 18.48 (own centrality 18.40), BBC 57.80 (60.14), CRS/GovReport
# unchanged (they are longer). The limit was set when sumy compared all pairs in pure
# Python (0.7 s at 200 sentences); ratings now builds that matrix with numpy, but raising
# the limit would change which method rates mid-length texts.
SUMY_LEXRANK_MAX_SENTENCES = 100


def _centrality(
    texts: list[str], stems: list[list[str]], algorithm: str, language: str
) -> list[float]:
    if algorithm == "auto" and len(texts) <= SUMY_LEXRANK_MAX_SENTENCES:
        rated = _ratings.ratings(texts, "lexrank", language)
        if any(rated):  # no signal (e.g. no shared words): fall through to our own
            return rated
    if algorithm in ("auto", "lead"):
        return _ratings.centrality(texts, language, stems)
    return _ratings.ratings(texts, algorithm, language)


def _sections(article: Article, sentences: Sequence[Sentence]) -> tuple[list[int], list[int]]:
    """Each sentence's section (a run of body text after a heading) and its position
    among the body sentences since that heading."""
    headings = {p.index for p in article.paragraphs if p.kind is BlockKind.HEADING}
    sections: list[int] = []
    positions: list[int] = []
    section, count, last = 0, 0, -1
    for s in sentences:
        if any(p in headings for p in range(last + 1, s.paragraph + 1)):
            section += 1 if count else 0  # a heading right under a heading opens none
            count = 0
        last = s.paragraph
        sections.append(section)
        positions.append(count)
        if s.paragraph not in headings:
            count += 1
    return sections, positions


def _cross_section(bags: Sequence[frozenset[str]], sections: Sequence[int]) -> list[float]:
    """Mean cosine of each sentence with the word counts of every *other* section.

    Boundary- and section-aware centrality after HipoRank (Dong et al., 2021): a report's
    summary restates what runs through its sections, not what one section dwells on, so
    each section counts once whatever its length. Linear time: the sum over sections of
    each word's normalised count is taken once, then the sentence's own section is
    subtracted. Texts without headings (news) have one section and score 0 throughout.
    """
    counts: dict[int, Counter[str]] = {}
    for bag, section in zip(bags, sections, strict=True):
        if bag:
            counts.setdefault(section, Counter()).update(bag)
    others = len(counts) - 1
    if others < 1:
        return [0.0] * len(bags)
    norms = {k: math.sqrt(sum(v * v for v in c.values())) or 1.0 for k, c in counts.items()}
    total: dict[str, float] = defaultdict(float)
    for k, c in counts.items():
        for w, v in c.items():
            total[w] += v / norms[k]
    return _ratings.normalise(
        [
            sum(total[w] - counts[sections[i]][w] / norms[sections[i]] for w in bag)
            / (math.sqrt(len(bag)) * others)
            if bag
            else 0.0
            for i, bag in enumerate(bags)
        ]
    )


def _eligible(analysis: Analysis) -> list[bool]:
    kinds = [p.kind for p in analysis.article.paragraphs]
    # A bibliography entry splits into "Farris, Coreen, Terry L. Schell and Terri
    # Tanielian." and its title, which would read as a claim ("Physical and Psychological
    # Health Following Military Sexual Assault: Recommendations for Care, ...").
    return [
        kinds[s.paragraph] is not BlockKind.HEADING
        and s.paragraph not in analysis.cited
        and len(s.text.split()) >= MIN_WORDS
        and not boiler
        and (kinds[s.paragraph] is not BlockKind.LIST_ITEM or bool(_SENTENCE_END.search(s.text)))
        for s, boiler in zip(analysis.sentences, analysis.chrome, strict=True)
    ]


def features(analysis: Analysis, algorithm: str) -> Features:
    """Compute every feature of the analysed article's sentences."""
    article, sentences, language = analysis.article, analysis.sentences, analysis.language
    texts = [s.text for s in sentences]
    meta = article.metadata
    title = frozenset(
        _language.content_words(f"{meta.title or ''} {meta.subtitle or ''}", language)
    )
    stems = [list(b) for b in analysis.stems]
    bags = analysis.bags
    chrome = analysis.chrome
    body = [s.paragraph for s, boiler in zip(sentences, chrome, strict=True) if not boiler]
    last_paragraph = max(body, default=-1)
    firsts = {s.paragraph: s.index for s in reversed(sentences)}
    # Cues count only in the author's own words: "must" inside a quotation is evidence.
    own = [own_words(analysis, s) for s in sentences]
    eligible = _eligible(analysis)
    sections, positions = _sections(article, sentences)
    # Only text a summary could use defines a section's vocabulary (not headings, chrome).
    body_bags = [b if ok else frozenset() for b, ok in zip(bags, eligible, strict=True)]
    return Features(
        central=tuple(_centrality(texts, stems, algorithm, language)),
        centroid=tuple(_centroid(stems)),
        section_pos=tuple(positions),
        cross_section=tuple(_cross_section(body_bags, sections)),
        recent=tuple(_recent(texts)),
        para_first=tuple(firsts[s.paragraph] == s.index for s in sentences),
        closing=tuple(s.paragraph == last_paragraph for s in sentences),
        title=tuple(similarity(b, title) for b in bags),
        stance=tuple(bool(STANCE.search(t)) for t in own),
        prescriptive=tuple(is_prescriptive(t) for t in own),
        aside=tuple(
            bool(EXAMPLE.match(t.lstrip("-*\u2022 ")) or ROADMAP.search(t) or CHROME.match(t))
            for t in texts
        ),
        dependent=tuple(bool(DEPENDENT.match(t)) for t in texts),
        complete=tuple(bool(_SENTENCE_END.search(t)) for t in texts),
        quoted=analysis.quoted,
        table=tuple(is_table_row(t) for t in texts),
        eligible=tuple(eligible),
        bags=bags,
        paragraph=tuple(s.paragraph for s in sentences),
        words=tuple(len(t.split()) for t in texts),
    )
