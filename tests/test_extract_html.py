"""HTML pages: what the publisher declares (JSON-LD, lang) against what the text shows."""

from __future__ import annotations

import briefer
from briefer.extract.html import _byline

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


def test_jsonld_in_cdata_and_bylines_trafilatura_misses() -> None:
    body = "The forecast missed the storm by a day, and the city paid for it. " * 8
    cdata = (
        '<script type="application/ld+json">\n//<![CDATA[\n{"@type": "NewsArticle", '
        '"headline": "Storm forecast missed", "author": {"name": "Ana Lima"}}\n//]]>\n</script>'
    )
    page = _page("en", "{}", body).decode().replace("</head>", f"{cdata}</head>")
    article = briefer.read_article(page.encode())
    assert article.metadata.title == "Storm forecast missed"
    assert article.metadata.authors == ("Ana Lima",)
    byline = (
        '<span class="pb-byline">By <a href="/people/erin-cunningham">Erin Cunningham</a></span>'
    )
    page = _page("en", "{}", body).decode().replace("<article>", f"<article>{byline}")
    assert briefer.read_article(page.encode()).metadata.authors == ("Erin Cunningham",)
    meta = '<meta name="author" content="\u9752\u7f51\u6821\u56ed\u5d14\u5b81\u5b81" />'
    page = _page("en", "{}", body).decode().replace("</head>", f"{meta}</head>")
    assert briefer.read_article(page.encode()).metadata.authors == ("青网校园崔宁宁",)


def test_byline_element_when_nothing_else_names_the_author() -> None:
    # Washington Post pages: trafilatura returned "Username" (a comment widget), JSON-LD none.
    html = (
        '<div class="pb-sig-line"><span class="pb-byline">By <a href="/people/erin-cunningham">'
        "Erin Cunningham</a></span></div>"
        '<span class="author-bio">Erin Cunningham covers North Africa for the paper.</span>'
    )
    assert _byline(html) == ("Erin Cunningham",)
    assert _byline('<span class="author-bio">Erin covers North Africa.</span>') == ()


def test_table_rows_keep_their_cell_separators() -> None:
    body = "The forecast missed the storm by a day, and the city paid for it. " * 8
    table = "<table><tr><td>2024</td><td>$900</td><td>2,000 facilities</td></tr></table>"
    page = _page("en", "{}", body).decode().replace("</article>", f"{table}</article>")
    rows = [b.text for b in briefer.read_article(page.encode()).paragraphs if "$900" in b.text]
    assert rows == ["2024 | $900 | 2,000 facilities"]
