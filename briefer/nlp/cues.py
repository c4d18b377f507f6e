"""Regular cues: the author's stance, prescriptions, evidence and boilerplate.

Pure text tests with no state; ``features.py`` turns them into per-sentence flags.
"""

from __future__ import annotations

import re

__all__ = [
    "CHROME",
    "DEPENDENT",
    "EVIDENCE",
    "EXAMPLE",
    "PRESCRIPTIVE",
    "ROADMAP",
    "STANCE",
    "is_boilerplate",
    "is_dangling",
    "is_headline_case",
    "is_prescriptive",
    "is_reference_entry",
    "is_table_row",
    "standalone_part",
]

# The author taking a position: thesis statements in op-eds, reports and briefs.
# A claim must stand on its own in a briefing; shorter lines ("It is time to step
# up and do so.") lean on their neighbours and make poor claims (or recommendations).
MIN_CLAIM_WORDS = 10

STANCE = re.compile(
    r"\b(?:I|we) (?:argue|contend|believe|propose|conclude|recommend)\b"
    r"|\bthis (?:paper|report|study|brief|article|analysis) (?:argues|finds|concludes|shows)\b"
    r"|\bthe only (?:way|effective|answer|solution)\b|\bthe key (?:to|is|question)\b"
    r"|\bthe (?:real|central|core|bottom-line) (?:question|issue|problem|lesson)\b",
    re.IGNORECASE,
)
# Prescriptions: what someone must do. Policy briefs state their arguments this way.
PRESCRIPTIVE = re.compile(
    # "should the Islamic State make a comeback" and "should Bitcoin replace cash" are
    # conditionals, not advice: the subject follows the verb.
    r"\b(?:must|should(?!\s+(?:the|a|an|it|they|he|she|there|this|that|any)\b|\s+(?-i:[A-Z]))"
    r"|ought to|needs to"
    # "the need to restore" / "its need to" name a need; only the verb prescribes.
    r"|(?<!the )(?<!\u2019s )(?<!'s )(?<!a )(?<!its )(?<!our )(?<!their )need to"
    r"|will (?:also )?have to|has to|have to"
    # "requires" prescribes ("will require that U.S. actions ..."); "required" mostly
    # reports what a law already did ("facilities are required to report").
    r"|calls? for|requires?|recommends?|recommendations?|it is time to"
    r"|is (?:essential|critical|necessary|vital) (?:to|that))\b",
    re.IGNORECASE,
)
# A duty with a deadline states what the law already requires ("EPA must approve or deny
# these plans within 12 months of receipt", "a claimant must file ... within 120 days"),
# not what the author recommends: every such sentence in the dev reports is procedure.
_DEADLINE = re.compile(
    r"\b(?:within|no later than|not later than)\s+(?:\d+|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|twelve|\w+ty)[\s-]+(?:\w+\s+)?(?:days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)


def is_prescriptive(text: str) -> bool:
    """True for a sentence that prescribes (a cue, and not a statutory deadline)."""
    return bool(PRESCRIPTIVE.search(text)) and not _DEADLINE.search(text)


# A signpost describes the document, not the world: "The third section includes ...",
# "This report discusses ...". It belongs in a summary of the report, never as a claim.
ROADMAP = re.compile(
    r"\b(?:this|the (?:first|second|third|fourth|fifth|final|last|next|following|previous))"
    r" (?:report|section|part|chapter|appendix|memo|paper|analysis|brief)"
    r" (?:also )?(?:includes?|discuss(?:es)?|describes?|provides?|examines?|reviews?|"
    r"summarizes?|presents?|outlines?|identifies|analyzes|explores?|focuses|begins|concludes)\b"
    # ... and so does a walk through an exhibit: "Column D includes", "Table 2 shows".
    r"|^(?:as )?(?:shown in )?(?:table|figure|fig\.|column|exhibit|appendix|box|map|chart)"
    r"\s+(?-i:\d+[A-Z]?|[A-Z])\b",
    re.IGNORECASE,
)
# Page furniture glued to captions by news scrapers ("Scroll down for video Flying high:
# ..."). The captions often restate the story, so summaries may use them (CNN/DailyMail
# ROUGE-2 drops 0.05 without them), but a card never shows them as a claim or a figure.
CHROME = re.compile(r"scroll down for (?:video|more)\b", re.IGNORECASE)
# A sentence opening on a conjunction answers the one before it ("But not all ...");
# read alone as the bottom line it has lost half its meaning.
DEPENDENT = re.compile(
    r"(?:but|and|yet|or|so|still|however|in addition|additionally|also|moreover|furthermore)\b"
    r"|as (?:discussed|noted|mentioned|described|shown|explained) (?:above|earlier|below)\b",
    re.IGNORECASE,
)
# Evidence a claim leans on: numbers and quotations.
EVIDENCE = re.compile(r"\d|[“”\"]")
# A sentence that opens as an example or a parallel illustrates a point made before it
# ("Another example is ...", "For instance, ...", "Similarly, ..."): evidence for a claim,
# not the claim. ("Moreover" and "In addition" often add a new point, so they stay.)
EXAMPLE = re.compile(
    r"(?:for (?:example|instance)|another (?:example|case|instance)|in (?:one|another) case"
    r"|similarly|likewise|in particular)\b",
    re.IGNORECASE,
)

# Never a claim nor summary material: photo captions, author bios, site chrome, and the
# furniture of government reports (CRS/GAO): figure and table captions, source notes,
# footnote markers, tables of contents, contact lines and running headers.
_BOILERPLATE_START = re.compile(
    r"(?:image|photo|photograph|picture|figure|caption|source|credit)s?\s*[:(]"
    r"|(?:[A-Z][\w.\-]+ ){1,3}is (?:a|an|the) [\w\s\-,]{0,60}"
    r"(?:fellow|professor|director|editor|correspondent|author)\b"
    r"|(?:read more|related|advertisement|share this)\b"
    r"|(?:figure|table|box|exhibit|appendix)\s+[A-Z]?\d+[.:]"
    r"|(?:sources?|notes?|abbreviations?)\s*:"
    r"|for more information\b|(?:table of )?contents\b"
    # A slideshow counter ("26/50 Put that light out ..."); "9/11" is not one.
    r"|(?P<slide>\d{1,3})/(?P<of>\d{1,3})\s+[A-Z]",
    re.IGNORECASE,
)
_BOILERPLATE_ANYWHERE = re.compile(
    r"\bphoto (?:by|credit)\b|\bgetty images\b|\bvia (?:reuters|ap|afp)\b"
    r"|\b(?:all rights reserved|click here|subscribe|sign up|newsletter|cookie|follow us)\b"
    r"|\bcongressional research service\b(?!\s+\()|\.{4,}\s*\d*\s*$",
    re.IGNORECASE,
)
# Every match of _BOILERPLATE_ANYWHERE contains one of these (lower-cased); testing them
# with ``in`` first skips the regex on most sentences (27 us a sentence otherwise).
_ANYWHERE_HINTS = (
    "photo", "getty", "via ", "rights reserved", "click here", "subscribe", "sign up",
    "newsletter", "cookie", "follow us", "congressional research", "....",
)  # fmt: skip
# A table row: cells separated by pipes (Markdown tables, flattened report tables).
_TABLE = re.compile(r"^\s*\||\|\s*\S[^|]*\|")


# Slideshows run to a dozen pictures or more; "9/11" and "7/10" are not counters.
MIN_SLIDES = 12


def is_boilerplate(text: str) -> bool:
    """True for captions, bios and site chrome that never belong in a briefing."""
    text = text.strip()
    start = _BOILERPLATE_START.match(text)
    if start and start.group("slide"):
        slide, of = int(start.group("slide")), int(start.group("of"))
        if not slide <= of or of < MIN_SLIDES:
            start = None
    if start:
        return True
    lowered = text.lower()
    return any(hint in lowered for hint in _ANYWHERE_HINTS) and bool(
        _BOILERPLATE_ANYWHERE.search(text)
    )


# A bibliography or reading-list entry: it opens on an author ("Farris, Coreen, Terry L.
# Schell and ...") or a quoted title, or ends on a link, and carries what only citations
# do (a link, an issue number, journal pages, "City: Publisher, 2013."). Prose citing a
# source names it inside a sentence and never opens on "Surname, Given.".
_CITE_OPENS = re.compile(
    r"[A-Z][\w'\u2019\-]+(?: [A-Z][\w'\u2019\-]+)?, (?:[A-Z][\w'\u2019\-]*\.?,? ?){1,4}"
    r"(?:(?:and|&) [A-Z][\w'\u2019.\- ]+)?\. "
    r"|\W{0,2}[\"\u201c][^\"\u201d]{8,}[\"\u201d]"
)
_CITE_MARKS = re.compile(
    r"https?://|\bwww\.|\bno\. \d+|\((?:19|20)\d{2}\): ?\d+|: [A-Z][\w .&]+, (?:19|20)\d{2}\."
    r"|\b\d+ pp?\.(?:\s|$)"
)
_ENDS_ON_LINK = re.compile(r"https?://\S+\s*$")
# Entries run to a few lines; a paragraph longer than this is prose.
_MAX_CITE_WORDS = 120


def is_reference_entry(paragraph: str) -> bool:
    """True for a paragraph that is a bibliography or reading-list entry, not prose."""
    text = paragraph.strip()
    # The anchored tests first: most paragraphs open on neither and hold no link.
    if not (_CITE_OPENS.match(text) or ("http" in text and _ENDS_ON_LINK.search(text))):
        return False
    return len(text.split()) <= _MAX_CITE_WORDS and bool(_CITE_MARKS.search(text))


def is_table_row(text: str) -> bool:
    """True for text laid out as table cells ("| a | b |")."""
    return bool(_TABLE.search(text))


# Reports title sections as questions or with an acronym ("What Is a National Memorial?",
# "Concurrent Retirement and Disability Payments (CRDP)"); in flat text only headline case
# tells those from a sentence ("Why does it matter?" is prose).
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
# Share of the longer words (4+ letters) that must be capitalised; short function words
# ("of", "and", "by", "the") stay lower case in headline style.
_HEADLINE_CAPS = 0.75


def is_headline_case(text: str) -> bool:
    """True for Headline Style Text: most of its longer words capitalised."""
    words = [w for w in _HEADLINE_WORD.findall(text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= _HEADLINE_CAPS * len(words)


# A sentence opening on a word whose referent is in another sentence: read alone as the
# bottom line it says nothing ("He has the right idea, but ...", "This is why ...").
# "It" counts only where it points back ("It failed"), not as an empty subject ("It is
# time to", "It is clear that").
_DANGLING = re.compile(
    r"[\"'\u201c\u2018]?(?:(?:he|she|they|his|her|their|its|this|that|these|those|such"
    r"|them|him|the (?:same|latter|former))\b"
    r"|it\b(?!\s*(?:is|was|will be|would be|has been|'s|\u2019s|seems|remains|may be|might be"
    r")\s+(?:time|clear|true|important|essential|hard|easy|not|worth|likely|unlikely|possible"
    r"|impossible|necessary|vital|crucial|obvious|high time|difficult|wrong|right|urgent)\b))",
    re.IGNORECASE,
)
# Where a dangling sentence's own statement starts: after "but" or a semicolon, the clause
# says what the author thinks ("He has the right idea, but the only way ... is ...").
_CLAUSE_BREAK = re.compile(r"(?:,\s+but|;|\s+[\u2014\u2013]\s*|\s*\u2014\s*|:)\s+")
# The quoted part must still be a statement: a clause of at least this many words.
MIN_PART_WORDS = 8


def is_dangling(text: str) -> bool:
    """True for a sentence opening on a pronoun or "This/That/Such" pointing elsewhere."""
    return bool(_DANGLING.match(text.lstrip("(\u2026. ")))


def standalone_part(text: str) -> int | None:
    """Offset in ``text`` of its last self-contained clause (after "but", ";" or a dash),
    for a sentence that does not stand alone; None when no clause does."""
    for m in reversed(list(_CLAUSE_BREAK.finditer(text))):
        rest = text[m.end() :]
        if len(rest.split()) >= MIN_PART_WORDS and not is_dangling(rest) and rest[:1].isalpha():
            return m.end()
    return None
