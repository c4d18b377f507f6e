"""Editing a card (briefer/edit.py): what an analyst may change, and what is refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import briefer
from briefer.cli import main
from briefer.edit import apply_edits, check_provenance
from briefer.errors import ConfigError, ProvenanceError
from briefer.model import Article
from briefer.pipeline import briefing_json
from briefer.render import render_html
from briefer.render.fit import FIT_LADDER, trim
from briefer.schema import Briefing

from .conftest import SAMPLE_MD


@pytest.fixture(scope="module")
def made() -> tuple[Article, Briefing]:
    article = briefer.read_article(SAMPLE_MD)
    return article, briefer.brief(SAMPLE_MD, options=briefer.Options(candidates=3))


def _apply(made: tuple[Article, Briefing], data: dict[str, Any]) -> Briefing:
    article, original = made
    spans = [(p.start, p.end) for p in article.paragraphs]
    return apply_edits(original, Briefing.model_validate(data), article.text, spans)


def _data(made: tuple[Article, Briefing]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(briefing_json(made[1]))
    return data


def test_candidates_are_next_best_theses(made: tuple[Article, Briefing]) -> None:
    _, briefing = made
    assert briefing.candidates is not None
    lines = briefing.candidates.bottom_line
    assert len(lines) == 3
    assert briefing.bottom_line not in lines
    check_provenance(briefing, made[0].text)


def test_every_list_has_candidates_of_its_own(made: tuple[Article, Briefing]) -> None:
    article, briefing = made
    c = briefing.candidates
    assert c is not None
    # The sample has more claims and figures than the card takes; its two prescriptions
    # are both on the card, and the JSON already lists every quotation.
    assert len(c.key_arguments) == 3
    assert len(c.figures) == 3
    assert c.recommendations == []
    assert c.quotes == []
    on_card = {a.claim.provenance for a in briefing.key_arguments}
    assert not on_card & {a.claim.provenance for a in c.key_arguments}
    assert all(a.label and a.label.lower() in a.claim.text.lower() for a in c.key_arguments)
    assert not {f.value for f in briefing.figures} & {f.value for f in c.figures}
    check_provenance(briefing, article.text)
    # Only the server's editor asks for candidates; a plain briefing has none.
    plain = briefer.brief(SAMPLE_MD)
    assert plain.candidates is None
    assert plain.key_arguments == briefing.key_arguments
    assert plain.figures == briefing.figures


def test_a_removed_item_waits_among_the_candidates(made: tuple[Article, Briefing]) -> None:
    article, original = made
    data = _data(made)
    removed = data["key_arguments"].pop(0)
    data["candidates"]["key_arguments"].insert(0, removed)
    swapped_in = data["candidates"]["key_arguments"].pop(1)
    data["key_arguments"].append(swapped_in)
    data["figures"].append(data["candidates"]["figures"].pop(0))
    edited = _apply(made, data)
    assert edited.edits is not None
    assert edited.edits.changes == [
        f"removed key argument 1 (“{removed['label']}”)",
        f"added key argument 5 (“{swapped_in['label']}”) from the candidates",
        f"added figure 3 (“{data['figures'][2]['value']}”) from the candidates",
    ]
    # The next edit starts from the saved one: the removed argument goes back, first.
    again = json.loads(briefing_json(edited))
    again["key_arguments"].insert(0, again["candidates"]["key_arguments"].pop(0))
    spans = [(p.start, p.end) for p in article.paragraphs]
    back = apply_edits(original, Briefing.model_validate(again), article.text, spans)
    assert back.key_arguments[0] == original.key_arguments[0]
    assert back.edits is not None
    assert not any("key argument 1 " in c for c in back.edits.changes)
    assert any(c.startswith("added key argument 6 ") for c in back.edits.changes)


def test_an_unchanged_card_records_nothing(made: tuple[Article, Briefing]) -> None:
    assert _apply(made, _data(made)) == made[1]


def test_every_kind_of_edit_is_recorded(made: tuple[Article, Briefing]) -> None:
    data = _data(made)
    removed = data["key_arguments"].pop(1)
    data["key_arguments"][0], data["key_arguments"][1] = (
        data["key_arguments"][1],
        data["key_arguments"][0],
    )
    old_bottom = data["bottom_line"]
    data["bottom_line"] = data["candidates"]["bottom_line"][1]
    data["candidates"]["bottom_line"][1] = old_bottom
    data["key_arguments"][2]["label"] = "  Allies  need proof "
    data["edits"] = {"changes": ["forged by the client"], "pinned": ["quotes[1]", "quotes[1]"]}
    edited = _apply(made, data)
    assert edited.edits is not None
    changes = edited.edits.changes
    assert changes[0].startswith("swapped the bottom line for “")
    assert made[1].bottom_line_part  # the sample's thesis is quoted from "the only way"
    assert not edited.bottom_line_part  # a candidate is a whole sentence: no ellipsis
    assert f"removed key argument 2 (“{removed['label']}”)" in changes
    assert "reordered the key arguments: now 3, 1, 4, 5 of the original" in changes
    assert any(c.startswith("retyped the label of key argument 3: ") for c in changes)
    assert changes[-1].startswith("pinned quote 2 ")
    assert "forged by the client" not in changes
    assert edited.edits.pinned == ["quotes[1]"]
    assert [a.label_retyped for a in edited.key_arguments] == [False, False, True, False]
    assert edited.key_arguments[2].label == "Allies need proof"
    html = render_html(edited)
    assert "(label retyped)" in html
    assert "Edited by an analyst" in html


def test_undoing_a_retyped_label_clears_its_mark(made: tuple[Article, Briefing]) -> None:
    data = _data(made)
    data["key_arguments"][0]["label_retyped"] = True  # the client cannot claim it either way
    assert _apply(made, data).key_arguments[0].label_retyped is False


def _forge(data: dict[str, Any], where: str, value: Any) -> None:
    *path, last = where.split(".")
    node: Any = data
    for key in path:
        node = node[int(key)] if key.isdigit() else node[key]
    node[int(last) if last.isdigit() else last] = value


@pytest.mark.parametrize(
    ("where", "value", "named"),
    [
        ("key_arguments.0.claim.text", "America must leave NATO.", "key_arguments[0].claim"),
        ("bottom_line.provenance.start", 1, "bottom_line"),
        ("quotes.0.text", "We will never negotiate.", "quotes[0]"),
        ("figures.0.value", "99%", "figures[0].value"),
        ("key_arguments.1.support.0.text", "Invented support.", "key_arguments[1].support[0]"),
        ("candidates.bottom_line.0.text", "Invented candidate.", "candidates.bottom_line[0]"),
        (
            "candidates.key_arguments.0.claim.text",
            "America must leave NATO.",
            "candidates.key_arguments[0].claim",
        ),
        ("candidates.figures.0.value", "99%", "candidates.figures[0].value"),
        ("bottom_line.provenance.paragraph", 0, "is not in paragraph 0"),
    ],
)
def test_forged_excerpts_are_refused(
    made: tuple[Article, Briefing], where: str, value: Any, named: str
) -> None:
    data = _data(made)
    _forge(data, where, value)
    with pytest.raises(ProvenanceError, match=named.replace("[", r"\[").replace("]", r"\]")):
        _apply(made, data)


def test_invented_items_are_refused(made: tuple[Article, Briefing]) -> None:
    briefing = made[1]
    data = _data(made)
    # A verbatim sentence of the article, but not an argument or a candidate briefer found.
    assert briefing.candidates is not None
    known = {a.claim.text for a in briefing.key_arguments}
    known |= {e.text for e in briefing.candidates.bottom_line}
    extra = next(s for s in briefing.summary if s.text not in known)
    data["key_arguments"].append({"label": "mine", "claim": extra.model_dump(), "support": []})
    with pytest.raises(
        ConfigError, match=r"key_arguments\[5\] is not one of this briefing's items"
    ):
        _apply(made, data)
    data = _data(made)
    data["bottom_line"] = extra.model_dump()
    with pytest.raises(ConfigError, match="not one of the candidates"):
        _apply(made, data)
    data = _data(made)
    invented = {"label": "mine", "claim": extra.model_dump(), "support": []}
    data["candidates"]["key_arguments"].append(invented)
    with pytest.raises(
        ConfigError, match=r"candidates.key_arguments\[3\] is not one of this briefing's items"
    ):
        _apply(made, data)
    data = _data(made)  # an item in its list and among the candidates at once
    data["candidates"]["figures"].append(data["figures"][0])
    with pytest.raises(ConfigError, match=r"candidates.figures\[3\] is a repeat of an item"):
        _apply(made, data)


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        ("quotes.0.speaker", "Barack Obama", r"quotes\[0\] is not one of this briefing's items"),
        ("source.title", "A better title", "source cannot be edited"),
        ("generator.algorithm", "lead", "generator cannot be edited"),
        ("genre", "news", "genre cannot be edited"),
        ("schema_version", "1.1", "schema_version cannot be edited"),
        ("key_arguments.0.label", "two\nlines", "must be one line"),
        ("key_arguments.0.label", "   ", "must be one line"),
    ],
)
def test_what_cannot_be_edited(
    made: tuple[Article, Briefing], where: str, value: Any, message: str
) -> None:
    data = _data(made)
    _forge(data, where, value)
    with pytest.raises(ConfigError, match=message):
        _apply(made, data)


def test_a_pin_keeps_an_item_the_fit_would_drop(made: tuple[Article, Briefing]) -> None:
    data = _data(made)
    data["edits"] = {"changes": [], "pinned": ["key_arguments[4]"]}
    edited = _apply(made, data)
    tight = next(f for f in FIT_LADDER if f.arguments == 2)
    kept = trim(edited, tight).key_arguments
    assert [a.claim for a in kept] == [edited.key_arguments[i].claim for i in (0, 1, 4)]
    assert len(trim(made[1], tight).key_arguments) == 2


def test_render_checks_excerpts_against_the_source(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, made: tuple[Article, Briefing]
) -> None:
    good = tmp_path / "edited.json"
    good.write_text(briefing_json(made[1]), encoding="utf-8")
    assert main(["render", str(good), "--source", str(SAMPLE_MD)]) == 0
    assert (tmp_path / "edited.pdf").is_file()
    data = _data(made)
    data["key_arguments"][0]["claim"]["text"] = "America must leave NATO."
    bad = tmp_path / "forged.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["render", str(bad), "--source", str(SAMPLE_MD)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "key_arguments[0].claim (“America must leave NATO.”) is not the article's text" in err
    assert not (tmp_path / "forged.pdf").exists()


def test_an_edit_elsewhere_keeps_the_cards_quotes(made: tuple[Article, Briefing]) -> None:
    # The card's quotes before any edit, and after removing a key argument: the same ones
    # in the same order (the briefing lists them best first, and edits start from that).
    fit = FIT_LADDER[len(FIT_LADDER) // 2]
    before = [q.text for q in trim(made[1], fit).quotes]
    data = _data(made)
    data["key_arguments"].pop(1)
    after = [q.text for q in trim(_apply(made, data), fit).quotes]
    assert before
    assert after == before
    assert made[1].quotes[0].speaker is not None  # best first: attributed before the rest
