"""Sentence features: sections, cross-section centrality, recency, table rows, eligibility."""

from __future__ import annotations

from briefer.nlp.analysis import analyse
from briefer.nlp.sentences import segment
from briefer.rank.features import Features, features, similarity
from briefer.rank.summarize import text_article


def _analysed(text: str) -> tuple[Features, dict[str, int]]:
    """Features of a flat-text report, and each sentence's index by its text."""
    article = text_article(text)
    sentences = segment(article)
    return features(analyse(article, sentences=sentences), "auto"), {
        s.text: s.index for s in sentences
    }


REPORT = """Introduction

The bridge program funds repairs of unsafe bridges in rural counties. It began in 2019.

Program Structure
Bridge program grants go to counties with unsafe bridges. Counties apply every spring.
Congress sets the bridge program budget each year in appropriations acts.

| County | Grants | Bridges repaired
Figure 1. Bridge grants by county, 2019-2024

Issues for Congress

Congress may consider whether the bridge program should fund new bridges as well.
"""


def test_sections_and_flags() -> None:
    f, by_text = _analysed(REPORT)
    first = by_text["The bridge program funds repairs of unsafe bridges in rural counties."]
    second = by_text["Congress sets the bridge program budget each year in appropriations acts."]
    assert f.section_pos[first] == 0
    assert f.section_pos[second] == 2
    assert f.table[by_text["| County | Grants | Bridges repaired"]]
    caption = [i for t, i in by_text.items() if "Figure 1" in t or "by county" in t]
    assert caption
    assert not any(f.eligible[i] for i in caption)
    assert not f.eligible[by_text["It began in 2019."]]  # a fragment
    assert all(0.0 <= v <= 1.0 for v in (*f.centroid, *f.central))


CROSS = """Background

Water utilities replace lead pipes under the drinking water rule.
Many small utilities lack the staff to map every service line.

Funding

States lend drinking water funds to utilities that replace lead pipes.
Most loans go to large systems with engineers on staff.

Enforcement

The agency may fine utilities that miss the lead pipe deadlines.
Appeals take years and depend on regional offices.
"""


def test_cross_section_favours_words_every_section_uses() -> None:
    f, by_text = _analysed(CROSS)
    shared = by_text["States lend drinking water funds to utilities that replace lead pipes."]
    local = by_text["Most loans go to large systems with engineers on staff."]
    assert f.cross_section[shared] > 0.9
    assert f.cross_section[local] < 0.2
    assert f.cross_section[by_text["Appeals take years and depend on regional offices."]] == 0.0
    # One section (no headings, like a news story): nothing to compare with.
    g, _ = _analysed("\n".join(line for line in CROSS.splitlines() if len(line.split()) > 1))
    assert set(g.cross_section) == {0.0}


def test_bibliography_entries_never_qualify() -> None:
    text = (
        "Congress expanded the sexual assault prevention office in the 2014 defense act.\n"
        "Farris, Coreen, Terry L. Schell and Terri Tanielian. Physical and Psychological Health "
        "Following Military Sexual Assault: Recommendations for Care, Research, and Policy. "
        "Santa Monica, CA: RAND Corporation, 2013. http://www.rand.org/pubs/OP382\n"
    )
    f, by_text = _analysed(text)
    assert f.eligible[0]
    title = next(i for t, i in by_text.items() if t.startswith("Physical and Psychological"))
    assert not f.eligible[title]


def test_recent_years_are_the_latest_the_text_keeps_naming() -> None:
    text = (
        "The agency was created in 1965 and reorganized in 1965 after a review in 1965.\n"
        "Congress reauthorized the agency in 2024 after hearings held during 2024.\n"
        "The FY2025 request cut its budget, and the 2024 act set new rules.\n"
        "Supporters hope to double the program by 2050, at a cost of $2030 per county.\n"
    )
    f, _ = _analysed(text)
    # 2024 is named three times (2050 once, "$2030" is money): 2024 and FY2025 are recent.
    assert f.recent == (False, True, True, False)
    flat, _ = _analysed("The council met in 2019 and again in 2020 to fund the bridge.\n")
    assert not any(flat.recent)


def test_similarity() -> None:
    assert similarity(frozenset(), frozenset({"a"})) == 0.0
    assert similarity(frozenset({"a", "b"}), frozenset({"a", "b"})) == 1.0


LISTED = """Covered Facilities

The charge applies to facilities in the following segments of the oil and gas industry:
- onshore petroleum and natural gas production facilities;
- natural gas processing plants and their compressor stations;
- Congress could require the agency to publish its estimates of the charge every year.
"""


def test_list_fragments_never_qualify_whole_list_sentences_do() -> None:
    article = text_article(LISTED)
    assert [p.kind.value for p in article.paragraphs].count("list_item") == 3
    sentences = segment(article)
    f = features(analyse(article, sentences=sentences), "auto")
    eligible = {s.text: f.eligible[s.index] for s in sentences}
    assert not eligible["- onshore petroleum and natural gas production facilities;"]
    assert not eligible["- natural gas processing plants and their compressor stations;"]
    whole = "- Congress could require the agency to publish its estimates of the charge every year."
    assert eligible[whole]
    assert eligible[
        "The charge applies to facilities in the following segments of the oil and gas industry:"
    ]
