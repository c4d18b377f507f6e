"""Argument labels: verbatim keyphrases of the claim that name what it argues."""

from __future__ import annotations

from briefer.nlp.phrases import phrases
from briefer.rank.labels import Labeler

TEXT = (
    "Burden sharing among allies requires burden shifting first. Allies worry about burden "
    "shifting when the United States leaves. The United States must restore its credibility, "
    "and credibility takes years to rebuild. Burden shifting lets partners lead. "
    "Secretary of State Antony Blinken spoke in Brussels about burden shifting."
)


def test_label_is_a_verbatim_term_not_a_name() -> None:
    labeler = Labeler(phrases(TEXT))
    claim = "Any real burden sharing in Europe will have to be preceded by burden shifting."
    label = labeler.label(claim)
    assert label in claim
    assert label == "burden shifting"  # recurs in the text; "Europe" is only a place


def test_labels_are_distinct_and_short() -> None:
    labeler = Labeler(phrases(TEXT))
    claim = "The United States must pursue burden shifting to restore credibility."
    first, second = labeler.label(claim), labeler.label(claim)
    assert first != second
    assert all(1 <= len(label.split()) <= 3 for label in (first, second))


def test_dangling_fragments_lose() -> None:
    labeler = Labeler(
        phrases("Advise-and-assist efforts matter. Small advise-and-assist efforts work.")
    )
    label = labeler.label("This calls for maintaining small American advise-and-assist efforts.")
    assert label == "advise-and-assist efforts"


def test_no_candidates_falls_back_to_first_words() -> None:
    assert Labeler(phrases("")).label("It is so.") == "It is so."


def test_later_labels_avoid_words_earlier_labels_used() -> None:
    text = (
        "Cryptocurrency mining uses electricity. Cryptocurrency mining grows fast. "
        "Mining facilities draw power. Mining facilities expand. Mining facilities wait. "
        "Grid planners talk. Operators wait."
    )
    labeler = Labeler(phrases(text))
    first = labeler.label("Cryptocurrency mining uses a great deal of electricity.")
    second = labeler.label("Grid operators now plan for more mining facilities.")
    assert first == "Cryptocurrency mining"
    # "mining" alone scores higher, but the first label already names mining.
    assert second == "Grid operators"


def test_number_words_never_label() -> None:
    # "billion" recurs more than anything else here, yet says nothing about the claim.
    text = (
        "Yahoo sells its core business for $4.8 billion. Verizon pays $4.8 billion in cash. "
        "Alibaba shares are worth $28 billion and Yahoo Japan $8 billion; a billion here, a "
        "billion there. Many contracts, like the one with the search engine Mozilla, may "
        "cost $1 billion."
    )
    claim = "Many contracts, like the one with the search engine Mozilla, may cost $1 billion."
    label = Labeler(phrases(text)).label(claim)
    assert "billion" not in label  # was "cost $1 billion"
    assert label in claim
