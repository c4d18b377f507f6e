"""Per-sentence features the ranker weighs: centrality, position, structure and cues.

Every feature is computed in (near) linear time in the number of sentences: the
document centroid is one sparse vector, section positions come from one pass over
the paragraphs, and the windowed LexRank in ``ratings.py`` bounds its dense matrix.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from briefer import ratings as _ratings
from briefer.cues import PRESCRIPTIVE, STANCE, is_boilerplate, is_furniture, is_table_row
from briefer.model import Article, BlockKind, Sentence
from briefer.quotes import quote_spans, quoted_share

__all__ = ["MIN_WORDS", "Features", "features", "similarity"]

# Fragments shorter than this are headings, datelines or list stubs, not sentences.
MIN_WORDS = 6
# Without headings, the "first section" is this many sentences (a news lead and nut graf).
INTRO_SENTENCES = 5
# Sections whose headings announce a synopsis: reports restate their summary there.
KEY_SECTION = re.compile(
    r"\b(?:introduction|overview|summary|background|conclusions?|considerations|"
    r"issues (?:and options )?for congress|options for congress|policy issues)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Features:
    """Raw features of each sentence, index-aligned with the sentences."""

    central: tuple[float, ...]  # LexRank-style centrality (or a sumy rating), [0, 1]
    centroid: tuple[float, ...]  # TF-IDF cosine with the whole document, [0, 1]
    section_pos: tuple[int, ...]  # body sentences since the last heading (0 = first)
    heading: tuple[float, ...]  # overlap with the sentence's section heading
    key_section: tuple[bool, ...]  # in an introduction, overview, summary or conclusion
    intro: tuple[float, ...]  # overlap with the first section's vocabulary
    section: tuple[int, ...]  # how many headings precede the sentence
    first_section: tuple[bool, ...]  # in the first headed section (False without headings)
    para_first: tuple[bool, ...]
    closing: tuple[bool, ...]
    title: tuple[float, ...]
    stance: tuple[bool, ...]
    prescriptive: tuple[bool, ...]
    quoted: tuple[float, ...]
    table: tuple[bool, ...]
    furniture: tuple[bool, ...]  # a list item, or walks through a table or figure
    eligible: tuple[bool, ...]
    bags: tuple[frozenset[str], ...]
    paragraph: tuple[int, ...]
    words: tuple[int, ...]
    offset: tuple[int, ...]  # words of text before the sentence

    def __len__(self) -> int:
        return len(self.central)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Cosine of two sets of words (0 when either is empty)."""
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def _unquoted(text: str) -> str:
    for start, end in reversed(quote_spans(text)):
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


def _centrality(
    texts: list[str], stems: list[list[str]], algorithm: str, language: str
) -> list[float]:
    if algorithm in ("auto", "lead"):
        return _ratings.centrality(texts, language, stems)
    return _ratings.ratings(texts, algorithm, language)


@dataclass(frozen=True, slots=True)
class _Sections:
    position: list[int]  # body sentences since the last heading
    heading: list[frozenset[str]]  # the content words of that heading
    key: list[bool]  # the heading announces a synopsis (KEY_SECTION)
    number: list[int]  # how many headings precede the sentence


def _sections(article: Article, sentences: Sequence[Sentence], language: str) -> _Sections:
    """Where each sentence sits in the article's sections (one pass, linear time)."""
    titles = {p.index: p.text for p in article.paragraphs if p.kind is BlockKind.HEADING}
    out = _Sections([], [], [], [])
    words: frozenset[str] = frozenset()
    key, count, number, last = False, 0, 0, -1
    for s in sentences:
        for p in range(last + 1, s.paragraph + 1):
            if p in titles:
                words = frozenset(_ratings.content_words(titles[p], language))
                key, count, number = bool(KEY_SECTION.search(titles[p])), 0, number + 1
        last = s.paragraph
        out.position.append(count)
        out.heading.append(words)
        out.key.append(key)
        out.number.append(number)
        if s.paragraph not in titles:
            count += 1
    return out


def _first_section(sections: _Sections) -> list[bool]:
    """True for sentences under the first heading, when there are several sections."""
    numbers = [n for n in sections.number if n > 0]
    if not numbers or max(numbers) == min(numbers):
        return [False] * len(sections.number)
    return [n <= min(numbers) for n in sections.number]


def _intro(bags: Sequence[frozenset[str]], sections: _Sections) -> list[float]:
    """Overlap of each sentence with the words of the first section (or the lead)."""
    numbers = [n for n in sections.number if n > 0]
    if numbers and max(numbers) > min(numbers):
        first = [i for i, n in enumerate(sections.number) if n <= min(numbers)]
    else:
        first = list(range(min(INTRO_SENTENCES, len(bags))))
    vocabulary = frozenset().union(*(bags[i] for i in first))
    return [len(b & vocabulary) / len(b) if b else 0.0 for b in bags]


def _eligible(article: Article, sentences: Sequence[Sentence], chrome: list[bool]) -> list[bool]:
    kinds = {p.index: p.kind for p in article.paragraphs}
    return [
        kinds.get(s.paragraph) is not BlockKind.HEADING
        and len(s.text.split()) >= MIN_WORDS
        and not boiler
        for s, boiler in zip(sentences, chrome, strict=True)
    ]


def features(
    article: Article, sentences: Sequence[Sentence], algorithm: str, language: str
) -> Features:
    """Compute every feature of ``sentences`` (an article's, in order)."""
    texts = [s.text for s in sentences]
    meta = article.metadata
    title = frozenset(_ratings.content_words(f"{meta.title or ''} {meta.subtitle or ''}", language))
    stems = [_ratings.content_words(t, language) for t in texts]
    bags = [frozenset(b) for b in stems]
    chrome = [is_boilerplate(t) for t in texts]
    body = [s.paragraph for s, boiler in zip(sentences, chrome, strict=True) if not boiler]
    last_paragraph = max(body, default=-1)
    firsts = {s.paragraph: s.index for s in reversed(sentences)}
    sections = _sections(article, sentences, language)
    # Cues count only in the author's own words: "must" inside a quotation is evidence.
    own = [_unquoted(t) for t in texts]
    return Features(
        central=tuple(_centrality(texts, stems, algorithm, language)),
        centroid=tuple(_centroid(stems)),
        section_pos=tuple(sections.position),
        heading=tuple(similarity(b, h) for b, h in zip(bags, sections.heading, strict=True)),
        key_section=tuple(sections.key),
        intro=tuple(_intro(bags, sections)),
        section=tuple(sections.number),
        first_section=tuple(_first_section(sections)),
        para_first=tuple(firsts[s.paragraph] == s.index for s in sentences),
        closing=tuple(s.paragraph == last_paragraph for s in sentences),
        title=tuple(similarity(b, title) for b in bags),
        stance=tuple(bool(STANCE.search(t)) for t in own),
        prescriptive=tuple(bool(PRESCRIPTIVE.search(t)) for t in own),
        quoted=tuple(quoted_share(article, sentences)),
        table=tuple(is_table_row(t) for t in texts),
        furniture=tuple(is_furniture(t) for t in texts),
        eligible=tuple(_eligible(article, sentences, chrome)),
        bags=tuple(bags),
        paragraph=tuple(s.paragraph for s in sentences),
        words=tuple(len(t.split()) for t in texts),
        offset=tuple(itertools.accumulate((len(t.split()) for t in texts[:-1]), initial=0)),
    )
