"""Argument cues and boilerplate: what they match and what they leave alone."""

from __future__ import annotations

import pytest

from briefer.nlp.cues import (
    PRESCRIPTIVE,
    ROADMAP,
    STANCE,
    is_boilerplate,
    is_prescriptive,
    is_reference_entry,
    is_table_row,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Image: troops at a base. Photo by X/AFP via Getty Images", True),
        ("Figure 2. EDA On-Board Employees, 2012-2025", True),
        ("Source: CRS analysis of 54 U.S.C. §320301, note.", True),
        ("For more information, see CRS Report R45741.", True),
        ("Introduction .......... 1", True),
        ("The United States will also have to invest in partners.", False),
        ("The Congressional Research Service (CRS) tracks these bills.", False),
    ],
)
def test_boilerplate(text: str, expected: bool) -> None:
    assert is_boilerplate(text) is expected


def test_table_rows() -> None:
    assert is_table_row("| Memorial Name | Location | NPS Description")
    assert is_table_row("Single | $157,900 | 24%")
    assert not is_table_row("Congress designated certain memorials throughout the country.")


def test_cues() -> None:
    assert STANCE.search("In this report I argue that allies matter.")
    assert PRESCRIPTIVE.search("Washington needs to revisit its reluctance.")
    assert not PRESCRIPTIVE.search("Should the Islamic State make a comeback, allies would act.")
    assert not PRESCRIPTIVE.search("The need to restore credibility is urgent.")


def test_descriptive_required_is_not_a_prescription() -> None:
    assert not PRESCRIPTIVE.search("Since 2010, facilities have been required to report emissions.")
    assert PRESCRIPTIVE.search("Closing the gap will require that actions match commitments.")


def test_a_duty_with_a_deadline_is_procedure_not_advice() -> None:
    assert not is_prescriptive("EPA must approve or deny these plans within 12 months of receipt.")
    assert not is_prescriptive("A claimant must file a notice within one year of the decision.")
    assert is_prescriptive("EPA must approve these plans quickly to keep the exemption credible.")
    assert is_prescriptive("Congress should act within its powers to fund the program.")


def test_signposts_and_exhibit_walkthroughs() -> None:
    assert ROADMAP.search("The third section includes estimated effects of the charge.")
    assert ROADMAP.search("This report discusses the scope of the charge.")
    assert ROADMAP.search("Column D includes the agency's estimates after netting.")
    assert not ROADMAP.search("Table is the wrong word for it, but the charge matters.")
    assert not ROADMAP.search("Congress must decide whether the charge should stay.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Farris, Coreen, Terry L. Schell and Terri Tanielian. Physical and Psychological "
            "Health Following Military Sexual Assault: Recommendations for Care, Research, and "
            "Policy . Santa Monica, CA: RAND Corporation, 2013. http://www.rand.org/pubs/OP382",
            True,
        ),
        (
            'Burgess, Ann W., Donna M. Slattery, and Patricia A. Herlihy. "Military Sexual '
            'Trauma: A Silent Syndrome." Journal of Psychosocial Nursing 51, no. 2 (2013): 20-6.',
            True,
        ),
        (
            '"5 Former Lackland Commanders Disciplined," Military.com, May 2, 2013, at '
            "http://www.military.com/daily-news/2013/05/02/5-former-lackland-commanders.html",
            True,
        ),
        # Prose that names its sources, or opens on a comma, is not an entry.
        (
            'However, Mr Johnson, who edits the magazine, said the article was "wrong" and '
            "apologised in 2004.",
            False,
        ),
        (
            "According to RAND (2013), reports rose 6% after the agency's website "
            "www.sapr.mil opened, and Congress responded within months.",
            False,
        ),
        ("Smith, John. " + "A long paragraph of prose that goes on. " * 20 + "http://x.org", False),
    ],
)
def test_reference_entries(text: str, expected: bool) -> None:
    assert is_reference_entry(text) is expected
