"""Whether words in quotation marks are someone's testimony, read from the text around them.

Quote marks also hold titles (a book, film, report or headline), terms and scare quotes,
words used as a modifier ('the "one of these people will be prime minister" hype'),
words nobody said (what "you should say to yourself", what people "can be asked") and
the wording a correction notice replaced. None of these is a statement to attribute;
they stay out of the briefing's quotes. Measured on the dev editorials, where quotes
were checked against spans the annotators labelled ``testimony``.
"""

from __future__ import annotations

import re

__all__ = ["is_testimony"]

# Words right before the opening mark that make the quoted text a title or a name, not
# speech: 'a report entitled "...', 'the so-called "war on terror"', 'his book "...'.
_TITLE_CUE = re.compile(
    r"(?:\b(?:titled|entitled|headlined|headline|dubbed|so-called|known as|slogan|hashtag|"
    r"book|books including|report|article|feature|film|documentary|movie|series|album|song|"
    r"poem|novel|column|essay|lecture|manifesto|programme|magazine|newspaper|poster|"
    r"op-ed|editorial|play|episode|show|campaign|refers? to (?:this|it|them) as|"
    r"referred to (?:this|it|them) as|(?:updated|changed|corrected|amended|renamed) to))[\s,:]*$",
    re.IGNORECASE,
)
# A work followed by its makers: '"Domestic violence perpetrator programmes", by the
# feminist academics Liz Kelly and ...'.
_BY_AUTHOR = re.compile(r",?\s+by\s+(?:the\s+)?(?:[a-z\-]+\s+){0,3}[A-Z]")
# Words nobody said: a question the reader is told to ask, a prayer offered as a model,
# what people "can be asked". Read in the 60 characters before the opening mark.
_HYPOTHETICAL = re.compile(
    r"\b(?:yourself|yourselves|something like(?: this| that)?|"
    r"(?:can|could|should|might|must|may)(?: \w+)?(?: be)? (?:say|said|ask|asked|tell|told|pray))"
    r"[\s,:]*$",
    re.IGNORECASE,
)
# A determiner before the mark and a word after it: the quote is a modifier
# ('the "..." hype', 'an "I hate feminists ..." phase').
_DETERMINER = re.compile(r"\b(?:a|an|the|his|her|their)\s*$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s*[a-z]")
# A correction notice quotes the article's own earlier wording, not a source.
_CORRECTION = re.compile(
    r"\b(?:this (?:article|story|piece|column|report) (?:was|has been) "
    r"(?:amended|corrected|updated) on|corrections?:|an earlier version (?:of this \w+ )?said)",
    re.IGNORECASE,
)
_SMALL = "a an and as at but by for from in into is of on or nor the to vs with"
_SMALL_WORDS = frozenset(_SMALL.split())
# A phrase this short that ends without punctuation inside its marks is a term ("black
# sites", "caliphate"), not a statement, whoever the sentence names.
MAX_TERM_WORDS = 3
# Quotes this long are statements even after a cue word ("the report said ...").
MAX_TITLE_WORDS = 20
_LOOK_BACK = 60


def is_testimony(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a paragraph's text), inside quote marks, is someone's
    words rather than a title, a term, a modifier, a hypothetical or a corrected wording."""
    inside = text[start:end].strip()
    words = inside.split()
    if not words or _CORRECTION.search(text, 0, start):
        return False
    if len(words) <= MAX_TERM_WORDS and inside[-1:] not in ",.!?;:\u2026":
        return False
    if _title_case(words):
        return False
    head = text[max(0, start - _LOOK_BACK) : max(0, start - 1)]
    after = text[end + 1 : end + 1 + _LOOK_BACK]
    if _HYPOTHETICAL.search(head):
        return False
    if inside[-1:] not in ".!?" and _DETERMINER.search(head) and _NOUN_AFTER.match(after):
        return False
    titled = _TITLE_CUE.search(head) is not None or _BY_AUTHOR.match(after) is not None
    return not (len(words) <= MAX_TITLE_WORDS and titled)


def _title_case(words: list[str]) -> bool:
    """Every word capitalised but the small ones: "Findings and Conclusions", "Who Told You
    That You Were Naked?" (a headline or title, not a sentence someone said)."""
    letters = [w.strip("\"'()[]:;,.!?-\u2013\u2014\u2018\u2019") for w in words]
    letters = [w for w in letters if w and w[0].isalpha()]
    capital = [w for w in letters if w[0].isupper()]
    if len(capital) < 2 or all(w.isupper() for w in capital):
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in letters)
