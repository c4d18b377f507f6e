"""HTML pages: what the publisher declares (JSON-LD, lang) against what the text shows."""

from __future__ import annotations

import briefer

FRENCH = " ".join(
    [
        "Le gouvernement a annoncé jeudi un plan pour les familles qui ont perdu leur maison.",
        "Les autorités de la région ont demandé que les secours soient envoyés dans la nuit.",
        "Selon le ministère, plus de deux cents personnes sont toujours sans nouvelles.",
    ]
    * 4
)


def _page(lang: str, jsonld: str, body: str) -> bytes:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><title>Site</title>'
        f'<script type="application/ld+json">{jsonld}</script></head><body><article>'
        f"<h1>Headline</h1><p>{body}</p><p>{body}</p></article></body></html>"
    ).encode()


def test_jsonld_article_beats_webpage_and_entities_are_unescaped() -> None:
    jsonld = (
        '[{"@type": "WebPage", "name": "Site front page"},'
        ' {"@type": "NewsArticle", "headline": "Why you can&#39;t trust the forecast",'
        ' "author": {"name": "Ana O&#39;Brien"}}]'
    )
    body = "The forecast missed the storm by a day, and the city paid for it. " * 8
    article = briefer.read_article(_page("en", jsonld, body))
    assert article.metadata.title == "Why you can't trust the forecast"
    assert article.metadata.authors == ("Ana O'Brien",)


def test_the_text_overrules_a_template_language() -> None:
    jsonld = '{"@type": "NewsArticle", "headline": "Un plan pour les familles"}'
    article = briefer.read_article(_page("en", jsonld, FRENCH))
    assert article.metadata.language == "fr"
    english = "The city council voted on Tuesday to fund the new bridge over the river. " * 6
    language = briefer.read_article(_page("en-US", jsonld, english)).metadata.language
    assert (language or "").startswith("en")


def test_footnote_references_do_not_glue_onto_words_or_numbers() -> None:
    body = (
        "Congress created the methane charge in 2022<sup>2</sup> and the agency wrote "
        'rules<sup><a href="#fn3">3</a></sup> for it in the 119<sup>th</sup> Congress.'
        '<sup class="reference"><a href="#cite_note-1">[1]</a></sup> The charge covers '
        "500 km<sup>2</sup> of leases and 10<sup>6</sup> tons of methane a year. "
    ) * 3
    article = briefer.read_article(_page("en", '{"@type": "NewsArticle"}', body))
    text = article.text
    assert "in 2022 and the agency wrote rules for it in the 119th Congress. The" in text
    assert "500 km\u00b2 of leases and 10^6 tons" in text
    assert "20222" not in text
    assert "[1]" not in text
