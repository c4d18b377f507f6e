"""Quotations with speakers: the sample's quotes and small attribution cases."""

from __future__ import annotations

import pytest

from briefer.evidence.quotes import quotes
from briefer.model import Block, BlockKind, Extracted, make_article
from briefer.nlp.analysis import analyse
from briefer.nlp.quoting import quote_spans, quoted_share
from briefer.nlp.sentences import segment
from tests.test_rank import sample_article

SAMPLE_SPEAKERS = {
    "Recent events show all too clearly": "Interim National Security Strategic Guidance",
    "Does the Trump administration not understand": "one European counterterrorism official",
    "can always go back & BLAST!": "Donald Trump",
    "Actually, you can\u2019t.": "Brett McGurk",
    "Diplomacy requires credibility": "Joe Biden",
    "in the conduct of foreign policy": "Joe Biden",
    "For almost two decades, the United States": "Russell Travers",
    "raise the questions of the durability": "Antony Blinken",
    "The enabling capacity of the United States": "one European official",
    "With very few assets": "a U.S. Defense Department official",
    "There might be some level of post-traumatic": "a European official",
    "But at the end of the day": "a European official",
    "revitalize America\u2019s unmatched network": "Joe Biden",
}


def test_sample_quotes_and_speakers() -> None:
    article = sample_article()
    found = quotes(analyse(article))
    assert len(found) == len(SAMPLE_SPEAKERS)
    for quote in found:
        assert article.text[quote.start : quote.end] == quote.text
        speaker = next(s for start, s in SAMPLE_SPEAKERS.items() if quote.text.startswith(start))
        assert quote.speaker == speaker, quote.text
    travers = next(q for q in found if q.speaker == "Russell Travers")
    assert travers.role is not None
    assert travers.role.startswith("former acting director of the National Counterterrorism Center")
    blinken = next(q for q in found if q.speaker == "Antony Blinken")
    assert blinken.role == "Secretary of State"
    assert not any("do stuff" in q.text for q in found)  # a scare quote


def _article(*paragraphs: str) -> list[tuple[str | None, str | None, str]]:
    article = make_article(Extracted(tuple(Block(BlockKind.PARAGRAPH, p) for p in paragraphs)))
    return [(q.speaker, q.role, q.text) for q in quotes(analyse(article))]


@pytest.mark.parametrize(
    ("paragraph", "speaker", "role"),
    [
        ('"We will not back down," said Jane Doe, the mayor.', "Jane Doe", "mayor"),
        ("“Prices are rising fast,” a senior Treasury official told reporters.",
         "a senior Treasury official", None),
        ("As Prime Minister Ann Lee put it, “the budget is balanced at last.”",
         "Ann Lee", "Prime Minister"),
        ("Ann Lee, the finance minister, has warned: “taxes will rise next year.”",
         "Ann Lee", "finance minister"),
        # A clause opener before the comma is not a name with an appositive.
        ('Earlier, Mr Howard said there was "deceit at the heart of government."',
         "Mr Howard", None),
        ('However, Ann Lee said "the rules are clear and must be followed by all."',
         "Ann Lee", None),
        # A quantifier opens a group, and an acronym is whole ("Eligible EDA grantees" is
        # elsewhere in the text, not the speaker's full name).
        ('Eligible EDA grantees apply. As EDA notes, "the fund is now closed to all applicants."',
         "EDA", None),
    ],
)  # fmt: skip
def test_attribution(paragraph: str, speaker: str, role: str | None) -> None:
    [(found_speaker, found_role, _text)] = _article(paragraph)
    assert found_speaker == speaker
    assert found_role == role


def test_unattributed_long_quote_kept_scare_quote_dropped() -> None:
    found = _article('The plan was "dead on arrival" and "a bad idea for every one of us."')
    assert [t for _s, _r, t in found] == ["a bad idea for every one of us."]


def test_added_with_an_object_is_not_speech() -> None:
    # "added Section 136" adds a law, nobody speaks; 'he added, "..."' still attributes.
    found = _article(
        'IRA added Section 136, directing EPA to collect this "waste emissions charge" (WEC).',
        'Ann Lee added that "the charge will rise every year until 2026."',
    )
    assert found == [("Ann Lee", None, "the charge will rise every year until 2026.")]


def test_quote_spans_and_share() -> None:
    text = "He said “yes, we can.” Then “more”"
    assert [text[s:e] for s, e in quote_spans(text)] == ["yes, we can.", "more"]
    article = make_article(Extracted((Block(BlockKind.QUOTE, "Quoted block. Two."),)))
    assert quoted_share(article, segment(article)) == [1.0, 1.0]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        # British and Daily Mail style: single quotes, apostrophes inside and around them.
        (
            "'I think they were just curious about why somebody was in the pen,' she said.",
            ["I think they were just curious about why somebody was in the pen,"],
        ),
        (
            "He was \u2018shocked\u2019 and \u2018didn\u2019t understand how the parents "
            "let the kid\u2019 go.",
            ["shocked", "didn\u2019t understand how the parents let the kid"],
        ),
        ("'It's not every day that somebody is just in the pen.'", [
            "It's not every day that somebody is just in the pen."
        ]),
        # Possessives and contractions are not quotes; single quotes inside double ones
        # belong to the double-quoted span.
        ("The parents' car was parked outside the boys' school, where it's quiet.", []),
        ('He said "no, I won\'t go \'today\'" and left.', ["no, I won't go 'today'"]),
    ],
)  # fmt: skip
def test_single_quote_spans(text: str, spans: list[str]) -> None:
    assert [text[s:e] for s, e in quote_spans(text)] == spans


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        # BBC style: a quote over two paragraphs, joined into one, reopens without closing.
        (
            'He replied: "I admire David. "He has done a great job for us." The prime minister '
            'denied he led a "grubby government".',
            ["I admire David. ", "He has done a great job for us.", "grubby government"],
        ),
        # An inch mark is not a quote, and the text between two quotes is not one either.
        ('He is 6\' 2" tall and said "fine" to me.', ["fine"]),
        ('"We will not back down," said Jane Doe. "Never," she added.',
         ["We will not back down,", "Never,"]),
        # A straight opening mark closed by a curly one; a quote still open at the end
        # of a paragraph runs to it (it closes in the next paragraph).
        ('"These guards are not the only ones,\u201d Sasse said.',
         ["These guards are not the only ones,"]),
        ('He said. "The Bureau must start giving answers. These arrests matter.',
         ["The Bureau must start giving answers. These arrests matter."]),
    ],
)  # fmt: skip
def test_straight_quote_spans(text: str, spans: list[str]) -> None:
    assert [text[s:e] for s, e in quote_spans(text)] == spans


def test_single_quoted_speech_is_attributed() -> None:
    found = _article(
        "Zoo visitor Michael Lurie said he was 'shocked' by the fall.",
        "'I didn't understand how the parents let the kid go over the railing,' "
        "Michael Lurie told reporters.",
    )
    # 'shocked' is a term of the sentence, not a statement: a quote is at least a phrase.
    assert found == [
        (
            "Michael Lurie",
            None,
            "I didn't understand how the parents let the kid go over the railing",
        ),
    ]


@pytest.mark.parametrize(
    "paragraphs",
    [
        # A heading above the sentence is not the speaker's first name.
        ("Regulatory Analysis", 'EPA said that "a facility may include operations of many kinds."'),
        # Nor is a heading run into the sentence, or a clause opener.
        ('Climate Change. EPA said that "a facility may include operations of many kinds."',),
        ('If EPA said "a facility may include operations of many kinds," courts would agree.',),
    ],
)
def test_headings_and_clause_openers_are_not_part_of_a_name(paragraphs: tuple[str, ...]) -> None:
    speakers = [speaker for speaker, _role, _text in _article(*paragraphs)]
    assert speakers in (["EPA"], [None])


def test_a_lone_capital_is_not_a_speaker() -> None:
    [(speaker, _role, _text)] = _article('"Prices will rise again, and soon after," G said.')
    assert speaker is None


def test_quote_marks_stay_linear_on_hostile_text() -> None:
    # One opening mark, then 40,000 plural possessives: every closer is checked once.
    text = "'a " + "the boys' toys and the girls' games " * 20_000
    assert [text[b:e] for b, e in quote_spans(text)] == ["a the boys"]
    # Straight marks that all open: each starts a new quote, the last runs to the end.
    assert len(quote_spans('"a ' * 50_000)) == 50_000


# The sample's eleven spoken quotations (its two quotes of the interim guidance are a
# document's words), every one in the briefing JSON with its speaker.
SAMPLE_SPOKEN = (
    "Does the Trump administration not understand", "can always go back & BLAST!",
    "Actually, you can\u2019t.", "Diplomacy requires credibility",
    "in the conduct of foreign policy", "For almost two decades, the United States",
    "raise the questions of the durability", "The enabling capacity of the United States",
    "With very few assets", "There might be some level of post-traumatic",
    "But at the end of the day",
)  # fmt: skip


def test_sample_json_lists_all_eleven_quotations_with_speakers() -> None:
    import briefer
    from briefer.render.fit import card_quotes

    from .conftest import SAMPLE_MD

    found = briefer.brief(SAMPLE_MD).quotes
    for start in SAMPLE_SPOKEN:
        [quote] = [q for q in found if q.text.replace("'", "\u2019").startswith(start)]
        assert quote.speaker == SAMPLE_SPEAKERS[start], start
    assert len(found) == len(SAMPLE_SPEAKERS)  # and the guidance's two, nothing else
    shown = card_quotes(found)[:4]  # the card's best few: attributed, longer first
    assert all(q.speaker for q in shown)


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        # "she said" is the one person named since: resolved.
        (("Theresa May spoke on Monday.", '"We are in a struggle on many fronts," she said.'),
         "Theresa May"),
        # The last speaker, with nobody else named since their quote.
        (('"The plan is working well for everyone here," said Ann Lee.',
          '"We will keep going until the end of the year," she added.'), "Ann Lee"),
        # The person named since the last quote, as a sentence's subject, is the one.
        (('"The plan is working well for everyone here," said Ann Lee.',
          'Then John Smith spoke. "We will keep going until the end of the year," he said.'),
         "John Smith"),
        # Somebody else named in a later sentence: a reader cannot tell, so nobody.
        (('"The plan is working well for everyone here," said Ann Lee.',
          'John Smith spoke next. The plan was later praised by Peter Jones.',
          '"We will keep going until the end of the year," he said.'), None),
        # Not of that kind: "she" is not the man named last.
        (('Ann Lee said she was pleased with the plan. John Smith agreed with his colleagues.',
          '"We will keep going until the end of the year," she said.'), "Ann Lee"),
        # Named only by a speech verb ("Mota said"), once.
        (('"I was just in China," Mota said. Obama answered, and he smiled.',
          'She also said, "Why should the younger generation be interested in politics?"'),
         "Mota"),
        # "He says Tony Blair ...": the pronoun holds the sentence; Blair is not the speaker.
        (('"It is a touchy-feely image," said Alastair Campbell.',
          'He says Tony Blair was not worried by the early clashes in the Commons.',
          '"It is absolutely rubbish and everyone knows it," he said.'), "Alastair Campbell"),
    ],
)  # fmt: skip
def test_pronoun_speakers(paragraphs: tuple[str, ...], speaker: str | None) -> None:
    found = _article(*paragraphs)
    assert found[-1][0] == speaker


@pytest.mark.parametrize(
    "paragraph",
    [
        'The report entitled "Findings and Conclusions of the Senate Committee" came out.',
        'She wrote the book "A Rape on Campus: A Brutal Assault and a Struggle for Justice".',
        'President Bush announced the arrival of 14 "high-value detainees" at the base.',
    ],
)
def test_titles_and_terms_are_not_testimony(paragraph: str) -> None:
    assert _article(paragraph) == []


def test_a_reopened_single_quote_is_quoted() -> None:
    # Daily Mail paragraphs of one quote, joined: each reopens without closing.
    text = (
        "'I have said many times that I missed it,' he said. 'Games like this are why I came "
        "back. They love football. 'And I just love scoring goals, the fans deserved it.'"
    )
    spans = [text[b:e] for b, e in quote_spans(text)]
    assert spans[-1] == "And I just love scoring goals, the fans deserved it."
    assert spans[1] == "Games like this are why I came back. They love football."


@pytest.mark.parametrize(
    "paragraphs",
    [
        # Words nobody said: what the reader should ask, what people "can be asked".
        ('You should never say to yourself: "After we marry, my partner will change."',),
        ('They can be asked, "Is this why the leaders of the movement marched and suffered?"',),
        # Quoted words used as a modifier.
        ('There is something odd about the "one of these people will be prime minister" hype.',),
        # A work and its makers.
        ('"Domestic violence perpetrator programmes: steps towards change", by the academics '
         'Liz Kelly and Nicole Westmarland, found that most men stopped.',),
        # A correction notice quotes the article's own earlier wording.
        ('This article was amended on 20 January 2015. An earlier version said: "Oxfam tells '
         'them one per cent of the population will own most of the wealth."',),
        # The author's own exchange, and the quote that continues it.
        ('"We expected cosmetic changes to the ongoing programmes," I was told. "The donor '
         'agency does not want to rock the boat."',),
        # A quoted sentence standing alone, with no speech anywhere near it.
        ('Critics castigate each other for texting at the table.',
         '"We met for a coffee but she spent the whole time on the phone!"'),
    ],
)  # fmt: skip
def test_quoted_words_that_are_not_testimony(paragraphs: tuple[str, ...]) -> None:
    assert _article(*paragraphs) == []


def test_a_quoted_sentence_after_its_speaker_is_kept() -> None:
    found = _article('One CIA officer told me how absurd that directive was. "We are trying to '
                     'get people to betray their government."')  # fmt: skip
    assert [text for _, _, text in found] == [
        "We are trying to get people to betray their government."
    ]
