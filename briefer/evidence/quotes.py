"""Quotations and who said them.

A quotation is text in double quotes, in single quotes (British and Daily Mail style;
never an apostrophe), or a QUOTE block (then the speaker comes from the paragraph
before it, "As X has noted:"). The speaker is read from the clause next to a speech
verb in the same sentence: a named person with an appositive or title as role
("Russell Travers, the former acting director of ...", "Secretary of State Antony
Blinken"), or the description used ("a European official"). A quote with no
attribution continues the previous speaker when it directly follows that speaker's
quote. Scare quotes ("do stuff") are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from briefer.evidence.speakers import AUTHOR, PRONOUNS, SPEECH, Speakers, is_author, pronoun
from briefer.evidence.testimony import is_testimony
from briefer.model import Article, BlockKind, Paragraph
from briefer.nlp.analysis import Analysis
from briefer.nlp.language import stop_words

__all__ = ["QuoteSpan", "quotes"]

# Unattributed quotes this short are scare quotes or terms ("do stuff"), not speech.
MAX_SCARE_WORDS = 3
# An unattributed quote inherits the previous speaker if at most this many sentence
# ends separate them ("..." a European official explained. "But ...").
CONTINUATION_SENTENCES = 1
# Characters looked back from a surname for the given names before it.
_NAME_WINDOW = 80

_VERB = re.compile(rf"\b(?:has |have |had )?{SPEECH}\b")
# "added" speaks when it stands alone or before "that" ('he added, "..."'); with an object
# it is not speech ("IRA added Section 136 to the Clean Air Act, directing EPA to collect
# this "waste emissions charge"" is not IRA speaking).
_NOT_SPEECH = re.compile(r"(?:(?<=added)|(?<=adds)) (?!that\b)[\w$]")
# Name parts sit on one line: a heading above a sentence is not a first name.
_NAME = r"[A-Z][\w\u2019'.\-]*(?:[ \u00a0]+(?:[A-Z][\w\u2019'.\-]*|de|van|von|al-\w+|bin))*"
_TITLES = (
    r"(?:(?:former|then-\w+|acting|deputy|vice|Vice|Former|Acting|Deputy)[\s-]+)*"
    r"(?:Secretary(?: of (?:the )?[A-Z]\w+)?|President|Vice President|Prime Minister|"
    r"Chancellor|Minister|Senator|Sen\.|Rep\.|Representative|Gov\.|Governor|Mayor|"
    r"General|Gen\.|Admiral|Adm\.|Director|Ambassador|Judge|Justice|Speaker|Chairman|"
    r"Chairwoman|Commissioner|Dr\.|Professor|Prof\.|candidate|then-candidate)"
)
_TITLED = re.compile(rf"(?P<role>{_TITLES})\s+(?P<name>{_NAME})$")
_DESCRIBED = re.compile(
    r"(?:\b(?:a|an|one|another|the|two|three|several|some|many)\s+)"
    r"(?:[\w.\u2019'\-]+\s+){0,5}?"
    r"(?:official|spokesperson|spokesman|spokeswoman|diplomat|source|analyst|expert|"
    r"officer|minister|adviser|advisor|aide|lawmaker|senator|leader|commander|"
    r"researcher|report|study|statement|guidance|strategy|document|memo)s?$",
    re.IGNORECASE,
)
_APPOSITIVE = re.compile(rf"^(?P<name>{_NAME}), (?:the |a |an )?(?P<role>[^,]+(?:,[^,]+)*?),?$")
_LEADING = re.compile(
    r"^(?:as|to which|and|but|so|when|while|in the words of|according to|then)\s+", re.I
)
_PAREN = re.compile(
    r"\s*[\u2014\u2013]\s*(?:who (?:had |has )?(?:served|serves|is|was) as )?"
    r"([^\u2014\u2013]+?)\s*[\u2014\u2013]"
)
# Capitalised because they open a clause, not because they name anyone ("If EPA said").
_STOP_WORDS = """
To As In The But And When While It This If Although Though Because Since Unless Whether
Once After Before Until Where Then So Yet Or Nor For On At By From With Of That These
Those Its Their Our We They He She Like Unlike Meet Said Says Asked
"""
_STOP_TOKENS = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation: ``article.text[start:end] == text`` (quote marks excluded)."""

    text: str
    start: int
    end: int
    paragraph: int
    speaker: str | None = None
    role: str | None = None


def quotes(analysis: Analysis) -> tuple[QuoteSpan, ...]:
    """Every quotation in the article with its speaker and role, in document order."""
    article = analysis.article
    found: list[QuoteSpan] = []
    speakers = Speakers(article.text, tuple(s.start for s in analysis.sentences))
    for paragraph in article.paragraphs:
        if paragraph.kind is BlockKind.QUOTE:
            found.extend(_block_quote(article, paragraph, speakers))
        elif paragraph.kind is not BlockKind.HEADING:
            found.extend(_inline_quotes(analysis, paragraph, found, speakers))
    return tuple(found)


def _floor(article: Article, paragraph: Paragraph) -> int:
    """Where a pronoun's person may be named: from the start of the previous paragraph."""
    return article.paragraphs[paragraph.index - 1].start if paragraph.index else 0


def _block_quote(article: Article, paragraph: Paragraph, speakers: Speakers) -> Iterator[QuoteSpan]:
    previous = article.paragraphs[paragraph.index - 1].text if paragraph.index else ""
    lead_in = previous.rstrip()
    speaker, role = (None, None)
    if lead_in.endswith(":"):
        last = lead_in[:-1].rsplit(". ", 1)[-1]
        speaker, role = _before(last + " ", article.text)
    if speaker in PRONOUNS:
        speaker = speakers.resolve(paragraph.start, _floor(article, paragraph), speaker)
    if speaker == AUTHOR:
        return  # the author quoting their own exchange, as inline
    speakers.spoke(paragraph.start, paragraph.end, speaker)
    yield QuoteSpan(paragraph.text, paragraph.start, paragraph.end, paragraph.index, speaker, role)


def _inline_quotes(
    analysis: Analysis, paragraph: Paragraph, earlier: list[QuoteSpan], speakers: Speakers
) -> Iterator[QuoteSpan]:
    article, text = analysis.article, paragraph.text
    bounds = [(s.start - paragraph.start, s.end - paragraph.start)
              for s in analysis.in_paragraph(paragraph.index)]  # fmt: skip
    spans = analysis.quote_spans[paragraph.index]
    last: QuoteSpan | None = earlier[-1] if earlier else None
    for k, (start, end) in enumerate(spans):
        s_start = max((b for b, _ in bounds if b <= start), default=0)
        s_end = min((e for _, e in bounds if e >= end), default=len(text))
        prev_end = spans[k - 1][1] + 1 if k and spans[k - 1][1] > s_start else s_start
        next_start = spans[k + 1][0] - 1 if k + 1 < len(spans) else s_end
        speaker, role = _after(text[end + 1 : min(s_end, next_start)], article.text)
        if speaker is None:
            speaker, role = _before(text[prev_end : max(prev_end, start - 1)], article.text)
        said = speaker if speaker in PRONOUNS else None
        if said is not None:
            speaker = speakers.resolve(paragraph.start + start, _floor(article, paragraph), said)
        if (
            speaker is None
            and said is None
            and last is not None
            and last.paragraph == paragraph.index
        ):
            between = text[max(0, last.end - paragraph.start) : start]
            if len(re.findall(r"[.!?][”\"]?\s", between)) <= CONTINUATION_SENTENCES:
                speaker, role = last.speaker, last.role
        body_start, body = start, text[start:end].rstrip(" ,")
        if speaker is None and len(body.split()) <= MAX_SCARE_WORDS:
            continue
        if not is_testimony(text, start, end):
            continue
        if speaker is None and _unanchored(text, bounds, start, end, s_start, s_end):
            continue
        quote = QuoteSpan(
            body, paragraph.start + body_start, paragraph.start + body_start + len(body),
            paragraph.index, speaker, role,
        )  # fmt: skip
        last = quote
        if speaker == AUTHOR:
            continue  # the author's own exchange; a quote continuing it is too
        speakers.spoke(quote.start, quote.end, quote.speaker)
        yield quote


def _unanchored(
    text: str, bounds: list[tuple[int, int]], start: int, end: int, s_start: int, s_end: int
) -> bool:
    """A quoted sentence standing alone, no speech verb in it or in the sentence before:
    words put in nobody's mouth ('"We met for a coffee but she spent the whole time on the
    phone!"' after a sentence about critics), not a statement to attribute."""
    if text[s_start : start - 1].strip() or text[end + 1 : s_end].strip(" .,!?\u2026"):
        return False
    before = max((b for b, e in bounds if e <= s_start), default=s_start)
    return _VERB.search(text, before, start) is None


def _after(tail: str, full: str) -> tuple[str | None, str | None]:
    """Attribution after the quote: '..., a European official explained.' or 'said X, role'."""
    verb = _VERB.search(tail)
    if verb is None:
        return None, None
    if tail[: verb.start()].strip(" ,"):
        return _speaker(tail[: verb.start()], full)
    inverted = re.match(
        r"\s*(?P<who>[^,.;]+)(?:,\s*(?:the |a |an )?(?P<role>[^.;]+))?", tail[verb.end() :]
    )
    if inverted is None:
        return None, None
    # 'said Hamid who survived ...', 'said MS Cordaro as we drove past the CARA Mineo': the
    # name that opens the clause, not what the clause goes on to say.
    named = _OPENING_NAME.match(tail, verb.end())
    short = named is not None and named.end() < verb.end() + len(inverted.group("who"))
    if named and short and _is_name(named.group("name")):
        return _full_name(named.group("name"), full), None
    speaker, role = _speaker(inverted.group("who"), full)
    return speaker, role or inverted.group("role")


_OPENING_NAME = re.compile(rf"[ \u00a0]+(?:{_TITLES}[ \u00a0]+)?(?P<name>{_NAME})(?=[ ,.;]|$)")


def _before(head: str, full: str) -> tuple[str | None, str | None]:
    """Attribution before the quote: 'As X acknowledged, ...' or 'In the words of X,'."""
    words_of = re.search(r"\b(?:in the words of|according to)\s+(?P<who>[^,]+),?\s*$", head, re.I)
    if words_of:
        return _speaker(words_of.group("who"), full)
    # "In the words of my good friend and former Army Ranger, Sean Parnell, ..."
    words_of = re.search(
        r"\b(?:in the words of|according to)\s+[^,]+,\s*(?P<who>[^,]+),?\s*$", head, re.I
    )
    if words_of:
        return _speaker(words_of.group("who"), full)
    verbs = [v for v in _VERB.finditer(head) if not _NOT_SPEECH.match(head, v.end())]
    if not verbs:
        return None, None
    clause = re.sub(r"\s+to$", "", head[: verbs[-1].start()].rstrip())
    return _speaker(clause, full)


def _speaker(clause: str, full: str) -> tuple[str | None, str | None]:
    """Name and role, or the description used, from the clause next to a speech verb."""
    role: str | None = None
    paren = _PAREN.search(clause)
    if paren:
        role = paren.group(1).strip()
        clause = clause[: paren.start()] + clause[paren.end() :]
    clause = _LEADING.sub("", clause.strip(" ,;:\u2014\u2013\n"))
    if said := pronoun(clause):
        return said, None
    if is_author(clause):
        return AUTHOR, None
    if said := pronoun(clause.rsplit(",", 1)[-1]):
        return said, None  # "Decolonisation, he writes, ..."
    appositive = _APPOSITIVE.match(clause)
    if appositive and _is_name(appositive.group("name")):
        return _full_name(appositive.group("name"), full), appositive.group("role").strip()
    part = clause.rsplit(",", 1)[-1].strip()
    part = re.sub(r"^.*\b(?:led|prompted|caused|forced)\s+", "", part)
    titled = _TITLED.search(part)
    if titled and _is_name(titled.group("name")):
        return _full_name(titled.group("name"), full), titled.group("role").strip()
    described = _DESCRIBED.search(part)
    if described:
        return described.group(0).strip(), role
    named = re.search(rf"{_NAME}$", part)
    if named and _is_name(named.group(0)):
        return _full_name(named.group(0), full), role
    return None, None


# What may end on a full stop inside a name: an initial, a dotted acronym, a title.
_ABBREVIATION = re.compile(
    r"[A-Z]\.|(?:[A-Z]\.){2,}|(?:Gen|Sen|Rep|Gov|Dr|Jr|Sr|St|Mr|Mrs|Ms|Prof|Adm|Capt|Lt|Col|"
    r"Maj|Sgt|Rev|Hon)\."
)


def _is_name(name: str) -> bool:
    tokens = name.split()
    # A full stop inside a name ends an initial or an abbreviation ("J.", "Gen."), not a
    # word: "Technological Improvements. IRA" runs a heading into a sentence.
    if any(t.endswith(".") and not _ABBREVIATION.fullmatch(t) for t in tokens[:-1]):
        return False
    # A lone capital ("G") is a stray initial or a section letter, not a speaker.
    if len(name.strip(" .")) < 2:
        return False
    if len(tokens) == 1 and _not_a_name(tokens[0]):
        return False
    if tokens and tokens[0].lower() in _QUANTIFIERS:
        return False
    return bool(tokens) and tokens[0] not in _STOP_TOKENS and len(tokens) <= 5


# One capitalised word before "said" that opens the clause rather than naming anyone:
# "Earlier, he said", "Similarly, officials said", "His ..." (dev CNN/BBC had 50 such).
_NOT_NAMES = frozenset({"earlier", "officials", "staff", "president", "spokesman"})
# A group, not a person: "Some EDA officials", "Both Congress and the courts".
_QUANTIFIERS = frozenset(
    {"some", "other", "others", "both", "most", "many", "all", "each", "every", "several"}
    | {"few", "any", "no", "such", "only", "even"}
)
_ADVERB = re.compile(r"(?:ally|arly|ately|ously|ntly|dly|ssly|ely)$")


def _not_a_name(word: str) -> bool:
    lowered = word.lower()
    return (
        lowered in _NOT_NAMES
        or lowered in stop_words("english")
        or (len(word) >= 5 and bool(_ADVERB.search(lowered)))
    )


def _full_name(name: str, full: str) -> str:
    """Resolve a bare surname ("Trump") to the fullest form used ("Donald Trump")."""
    if " " in name or name.isupper():
        return name  # an acronym ("EDA") is whole; "Eligible EDA grantees" is not a name
    return _fullest(name, full)


# Distinct surnames are few; each is looked up once per article text.
@lru_cache(maxsize=256)
def _fullest(name: str, full: str) -> str:
    # Find the surname literally (fast), then look back a bounded window for 1-2
    # capitalised words before it: linear in the text, not a regex scan per position.
    before = re.compile(rf"(?:\b[A-Z][\w\u2019'.\-]+[ \u00a0]+){{1,2}}{re.escape(name)}$")
    for hit in re.finditer(rf"\b{re.escape(name)}\b", full):
        match = before.search(full, max(0, hit.start() - _NAME_WINDOW), hit.end())
        if match is None:
            continue
        tokens = [t for t in match.group(0).split() if not re.fullmatch(_TITLES, t)]
        if len(tokens) >= 2 and _is_name(" ".join(tokens)):
            return " ".join(tokens)
    return name
