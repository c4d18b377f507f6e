"""Where quoted speech is: the spans inside quotation marks, and how much of a sentence they cover.

Double quotes (curly, or straight ones paired by the side of the word they touch), and
single quotes in British and Daily Mail style, never an apostrophe. Ranking reads the
quoted share of each sentence (quoted speech is evidence, not the author's claim), and
the quote finder reads the spans to attribute each one to its speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefer.model import Article, BlockKind, Sentence

__all__ = ["paragraph_spans", "quote_spans", "quoted_share"]


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quote marks, marks excluded.

    Double quotes first; an unclosed curly quote runs to the end of the text
    (multi-sentence quotes). Single quotes (British and Daily Mail style) count where
    they do not sit inside a double-quoted span.
    """
    spans = [(m.start(1), m.end(1)) for m in re.finditer(r"“([^“”]*)(?:”|$)", text)]
    spans += _straight_quote_spans(text)
    spans = [s for s in spans if s[1] > s[0]]
    spans += [
        (b, e)
        for b, e in _single_quote_spans(text)
        if not any(start <= e and b <= end for start, end in spans)
    ]
    return sorted(spans)


# A mark after a space or one of these opens a quote (",:;" where the space after them
# was lost: 'explained,"We have to ...'); one before a space or one of the others closes.
_OPENS_AFTER = "([{\u2014\u2013-/,:;"
_CLOSES_BEFORE = ",.;:!?)]}\u2014\u2013-"


def _straight_quote_spans(text: str) -> list[tuple[int, int]]:
    """Pair straight double quotes by the side of the word they touch.

    A mark before a word opens, one after a word closes; a curly closing mark also
    closes a straight opening one (scrapers and CMSes mix them: '"These guards aren't
    the only ones ... behind bars,” Sasse said.'). A mark that opens while a quote is
    still open starts a new one, and a quote still open at the end runs to it: quotes
    over several paragraphs, joined by a scraper, reopen without closing ('remains.
    "He's been ...') and the last paragraph's quote closes in the next one.
    """
    if '"' not in text:
        return []
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for mark in re.finditer('["\u201c\u201d]', text):
        at = mark.start()
        if mark[0] == "\u201c":
            start = None  # a curly quote opens: the curly pattern reads it
            continue
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        curly = mark[0] == "\u201d"
        opens = not curly and (before.isspace() or before in _OPENS_AFTER) and not after.isspace()
        closes = not before.isspace() and (after.isspace() or after in _CLOSES_BEFORE)
        if not curly and before.isalpha() and after.isalpha():
            opens = closes = True  # a lost space ('said"people', 'truth."'): it toggles
        if start is not None and "\n" in text[start:at]:
            start = None  # a quote never runs over a line break
        if start is None:
            start = at + 1 if opens else None
            continue
        spans.append((start, at))
        start = at + 1 if opens and not closes else None
    if start is not None and "\n" not in text[start:]:
        spans.append((start, len(text)))
    return spans


# An opening single quote starts a word; a closing one ends one and is not followed by a
# letter or digit (the apostrophes of "it's" and "didn't" are neither).
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[\u2014\u2013]))['\u2018](?=[^\W\d_])")
_SINGLE_CLOSE = re.compile(r"(?<=\S)['\u2019](?![^\W_])")
# A closing mark right after a word (not after ",.!?") ends only a short quoted phrase
# ('shocked', 'a number of eyewitness accounts'); further from the opener it is more
# likely a plural possessive ("the parents' car").
_SHORT_QUOTE_WORDS = 8
_MAX_QUOTE_CHARS = 3000


def _single_quote_spans(text: str) -> list[tuple[int, int]]:
    if "'" not in text and "\u2018" not in text:
        return []
    spans: list[tuple[int, int]] = []
    for opening in _SINGLE_OPEN.finditer(text):
        start = opening.end()
        if spans and start <= spans[-1][1]:
            continue  # inside the last quote
        following = _SINGLE_OPEN.search(text, start)
        # Another quote opening first means this mark was an apostrophe, or a quote that
        # reopens without closing; a quote longer than a long paragraph is neither (and
        # bounds the scan on hostile input).
        limit = min(following.start() if following else len(text), start + _MAX_QUOTE_CHARS)
        for closing in _SINGLE_CLOSE.finditer(text, start + 1, limit):
            inside = text[start : closing.start()]
            if inside[-1] in ",.!?;:\u2026" or len(inside.split()) <= _SHORT_QUOTE_WORDS:
                spans.append((start, closing.start()))
                break
        else:
            end = _reopened(text, opening.start(), start, limit)
            if end is not None:
                spans.append((start, end))
    return spans


# Where a quote over several paragraphs, joined into one by the scraper (Daily Mail),
# has its paragraph's sentences: it opened at a sentence start.
_SENTENCE_END = re.compile(r"[.!?\u2026](?=\s)")
_REOPEN_MIN_WORDS = 4


def _reopened(text: str, mark: int, start: int, limit: int) -> int | None:
    """End of a quote that never closes before the next one opens ("... he said. 'Games
    like this are why I came back. ... anything more. 'And I just love ..."): the last
    sentence end before ``limit``, when the mark opened a sentence (or followed "said:").
    """
    before = text[max(0, mark - 3) : mark].rstrip()
    if before and before[-1] not in ".!?:\u2026'\u2019\"\u201d":
        return None
    end = None
    for stop in _SENTENCE_END.finditer(text, start, limit):
        end = stop.end()
    if limit == len(text) and text.rstrip()[-1:] in (".", "!", "?", "\u2026"):
        end = len(text.rstrip())  # the paragraph ends inside the quote
    if end is None or len(text[start:end].split()) < _REOPEN_MIN_WORDS:
        return None
    return end


def paragraph_spans(article: Article) -> tuple[tuple[tuple[int, int], ...], ...]:
    """``quote_spans`` of every paragraph (relative to its text), by paragraph index."""
    return tuple(tuple(quote_spans(p.text)) for p in article.paragraphs)


def quoted_share(
    article: Article,
    sentences: Sequence[Sentence],
    spans: Sequence[Sequence[tuple[int, int]]] | None = None,
) -> list[float]:
    """Share of each sentence's characters inside quotation marks; QUOTE blocks count 1.

    ``spans`` are ``paragraph_spans(article)`` when the caller already has them.
    """
    spans = paragraph_spans(article) if spans is None else spans
    out = []
    for s in sentences:
        paragraph = article.paragraphs[s.paragraph]
        if paragraph.kind is BlockKind.QUOTE:
            out.append(1.0)
            continue
        # A sentence only meets its own paragraph's quotes (linear time).
        begin, end = s.start - paragraph.start, s.end - paragraph.start
        inside = sum(max(0, min(e, end) - max(b, begin)) for b, e in spans[s.paragraph])
        out.append(inside / max(1, s.end - s.start))
    return out
