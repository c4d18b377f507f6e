"""End to end on the bundled sample: provenance, metadata and determinism."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

import briefer
from briefer.pipeline import briefing_json
from briefer.render.fit import card_quotes

from .conftest import SAMPLE_MD, SAMPLE_TXT, fold


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_every_excerpt_points_at_its_text(sample_briefings: dict[str, Any], suffix: str) -> None:
    article, briefing = sample_briefings[suffix]
    pairs = briefing.excerpts()
    assert len(pairs) >= 10
    for text, prov in pairs:
        assert article.text[prov.start : prov.end] == text
        para = article.paragraphs[prov.paragraph]
        assert para.start <= prov.start <= prov.end <= para.end


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_sample_briefing_is_filled(sample_briefings: dict[str, Any], suffix: str) -> None:
    article, briefing = sample_briefings[suffix]
    assert briefing.bottom_line is not None
    assert 3 <= len(briefing.key_arguments) <= 5
    # Labels are keyphrases of the article itself, not invented prose.
    for arg in briefing.key_arguments:
        assert fold(arg.label) in fold(article.text)
    assert briefing.quotes
    assert briefing.figures
    assert briefing.keywords
    assert briefing.source.word_count > 1000
    assert briefing.generator.version == briefer.__version__


def test_sample_metadata_matches_gold(
    sample_briefings: dict[str, Any], gold: dict[str, Any]
) -> None:
    source = sample_briefings[".md"][1].source
    expected = gold["metadata_from_scraped_page"]
    assert source.title == expected["title"]
    assert source.authors == expected["authors"]
    assert source.published.isoformat() == expected["published"]
    assert fold(source.subtitle) == fold(expected["subtitle"])


def test_sample_finds_all_gold_arguments(
    sample_briefings: dict[str, Any], gold: dict[str, Any]
) -> None:
    for suffix in (".md", ".txt"):
        args = sample_briefings[suffix][1].key_arguments
        text = fold(" ".join(s.text for a in args for s in (a.claim, *a.support)))
        missing = [
            g["label"]
            for g in gold["key_arguments"]
            if not any(fold(p) in text for p in g["any_of"])
        ]
        assert missing == [], f"{suffix}: key arguments not found: {missing}"


def test_same_input_gives_identical_json_across_processes() -> None:
    code = (
        "import sys, pathlib, briefer; from briefer.pipeline import briefing_json;"
        f"sys.stdout.write(briefing_json(briefer.brief(pathlib.Path({str(SAMPLE_TXT)!r}))))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    }
    assert len(runs) == 1
    assert runs == {briefing_json(briefer.brief(SAMPLE_TXT))}


def test_text_bytes_and_path_give_the_same_body() -> None:
    from_path = briefer.read_article(SAMPLE_MD)
    from_bytes = briefer.read_article(SAMPLE_MD.read_bytes())
    from_text = briefer.read_article(SAMPLE_MD.read_text(encoding="utf-8"))
    assert from_path.text == from_bytes.text == from_text.text
    assert from_path.metadata == from_bytes.metadata == from_text.metadata


def test_card_gives_one_figure_per_sentence() -> None:
    text = (
        "Kite Record\n\nA Chinese team flew a kite measuring 6,000 metres (3.7 miles), beating "
        "the record of 1,000 metres. The team spent $20,000 on silk for the kite. Officials "
        "said 13 countries took part in the festival this year."
    )
    figures = briefer.brief(text).figures
    contexts = [f.context.text for f in figures]
    assert len(contexts) == len(set(contexts))
    assert {"6,000 metres", "$20,000", "13 countries"} <= {f.value for f in figures}


def test_card_quotes_skip_unattributed_phrases() -> None:
    text = (
        'Airline Order\n\nAnalysts called the last A380 delivery the "end of an era" for the '
        'airline. "We are confident the new jets will carry us through the next decade of '
        "growth,\" said Tim Clark, the airline's president. The order doubles the wide-body fleet."
    )
    quotes = briefer.brief(text).quotes
    assert [q.speaker for q in quotes] == ["Tim Clark"]


def test_a_quote_repeated_in_part_is_shown_once_on_the_card() -> None:
    full = (
        "may not be reissued in substantially the same form, and a new rule that is "
        "substantially the same may not be issued, unless it is authorized by a later law"
    )
    text = (
        f'Rule Review\n\nUnder the act, a disapproved rule "{full}." Agencies read this '
        "narrowly.\n\nThe agency may have to write a different rule. Such a rule "
        '"may not be issued, unless it is authorized by a later law," the act provides.'
    )
    quotes = briefer.brief(text).quotes
    assert len(quotes) == 2  # the JSON lists every quotation, the card shows it once
    assert [q.text for q in card_quotes(quotes)] == [f"{full}."]


def test_figures_prefer_sentences_the_card_does_not_already_show() -> None:
    text = (
        "Museum Attack\n\nI argue that the attack on the museum, which killed 19 people, must "
        "change how the city guards its landmarks. About 50 other people were wounded, local "
        "news reported. The city must now guard every landmark it runs."
    )
    briefing = briefer.brief(text)
    shown = {briefing.bottom_line.text} | {a.claim.text for a in briefing.key_arguments}
    assert briefing.figures[0].context.text not in shown
    # Which one depends on the bottom line (the thesis sentence or the closing call).
    assert briefing.figures[0].value in ("50 other people", "19 people")


def test_recommendations_do_not_restate_the_card() -> None:
    # Reports repeat their conclusion pages later in other words; the card says it once.
    thesis = (
        "We argue that the city must fund its buses before it widens any highway in the region."
    )
    restated = (
        "Accordingly, the city must fund its buses before it widens a highway in the region "
        "again, whatever the cost."
    )
    paragraphs = [
        f"{thesis} Buses carry most commuters downtown every working day.",
        "Ridership grew by a third in five years while highway traffic stayed flat.",
        "The council must set aside a share of every road budget for bus lanes on the "
        "busiest corridors of the city.",
        "Bus drivers need better pay, because the city loses a tenth of its drivers to "
        "neighbouring towns each year.",
        "Fares should stay frozen until the new lanes open, so that riders who switch from "
        "cars are not punished for it.",
        "The region has tried widening roads three times since 1990, and each time traffic "
        "returned within two years.",
        restated,
        "The state should publish its road safety data for every county each year so that "
        "residents can judge the plans.",
    ]
    briefing = briefer.brief("Transit First\n\n" + "\n\n".join(paragraphs))
    assert briefing.bottom_line.text == thesis
    assert restated not in [r.text for r in briefing.recommendations]


def test_keywords_come_from_the_prose_not_photo_credits() -> None:
    from briefer.assemble import assemble
    from briefer.model import Block, BlockKind, Extracted, Format, Source, make_article

    prose = (
        "The bridge program funds repairs of unsafe bridges in rural counties. "
        "Counties apply for bridge grants every spring, and the program pays for repairs."
    )
    credit = "The bridge at dusk. GETTY IMAGES"
    blocks = [Block(BlockKind.PARAGRAPH, p) for p in [prose, credit, credit, credit] * 3]
    source = Source(text="", fmt=Format.TEXT, sha256="0" * 64)
    article = make_article(Extracted(tuple(blocks)), source)
    keywords = [k.lower() for k in assemble(article).keywords]
    assert keywords
    assert not any("getty" in k for k in keywords)
