"""Keyphrases from n-gram statistics: verbatim, de-duplicated, deterministic."""

from __future__ import annotations

from briefer.evidence.keywords import keyphrases
from briefer.nlp.phrases import MAX_CHARS, phrases
from tests.test_rank import sample_article

TEXT = (
    "Burden sharing among allies requires burden shifting first. Allies worry about burden "
    "sharing when the United States leaves. The United States must restore its credibility, "
    "and credibility takes years to rebuild."
)


def test_verbatim_and_deduplicated() -> None:
    found = keyphrases(TEXT, top=5)
    assert 0 < len(found) <= 5
    assert all(phrase in TEXT for phrase in found)
    lowered = [p.lower() for p in found]
    assert len(set(lowered)) == len(lowered)
    for a in lowered:
        assert not any(a != b and set(a.split()) <= set(b.split()) for b in lowered)


def test_deterministic_on_sample() -> None:
    text = sample_article().text
    assert keyphrases(text) == keyphrases(text)
    assert "United States" in keyphrases(text)


def test_other_language_and_empty() -> None:
    german = "Die Bundesregierung plant neue Investitionen in die Infrastruktur der Bahn."
    assert all(p in german for p in keyphrases(german, language="german"))
    assert keyphrases("", top=3) == ()


def test_possessives_and_counts() -> None:
    text = (
        "The Trump administration's plan changed. The Trump administration's allies worried. "
        "Burden sharing matters; burden sharing costs."
    )
    found = keyphrases(text, top=5)
    assert "Trump administration" in found
    assert not any(p.endswith("'s") for p in found)
    stats = phrases(text)
    assert stats.count["burden sharing"] == 2
    assert stats.surface["burden sharing"] == "Burden sharing"


def test_long_text_is_bounded() -> None:
    text = "Alpha beta gamma delta. " * 50_000  # 1.2 MB: only the first MAX_CHARS are counted
    stats = phrases(text)
    assert sum(n for k, n in stats.count.items() if " " not in k) <= MAX_CHARS // 5
    assert keyphrases(text, top=1) == ("Alpha beta",)
