"""The public API: names are the contract."""

from __future__ import annotations

import briefer


def test_all_is_sorted_and_complete() -> None:
    assert briefer.__all__ == sorted(briefer.__all__)
    for name in briefer.__all__:
        assert hasattr(briefer, name), name


def test_exported_members() -> None:
    """``__all__`` lists exactly the public names (httpx's test_exported_members): every
    public attribute of the package face is in it, and nothing else but the subpackages
    and modules Python binds on import."""
    import types

    public = {
        name
        for name, value in vars(briefer).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name not in ("annotations", "TYPE_CHECKING", "Any")
    }
    lazy = {"render_html", "render_markdown", "render_pdf", "summarize"}
    assert public | lazy | {"__version__"} == set(briefer.__all__)


def test_the_package_face_is_imported_from_nowhere_below() -> None:
    """No module of the package imports ``briefer`` itself (its face imports the pipeline):
    every import names the module it needs."""
    import re

    from .conftest import REPO

    face = re.compile(r"^\s*(?:from briefer import |import briefer\s*$)", re.M)
    offenders = [
        str(path.relative_to(REPO))
        for path in (REPO / "briefer").rglob("*.py")
        if path.name != "__main__.py" and face.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_every_error_is_a_briefer_error() -> None:
    for name in briefer.__all__:
        obj = getattr(briefer, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, briefer.BrieferError)


def test_summarize_returns_verbatim_sentences_in_order() -> None:
    text = (
        "The council met on Monday. It voted to close the bridge for repairs. "
        "Residents must use the ferry until June. Critics said the plan came too late.\n\n"
        "The mayor argued that safety has to come first. Repairs will cost $4 million."
    )
    picked = briefer.summarize(text, sentences=2)
    assert len(picked) == 2
    positions = [text.index(s) for s in picked]
    assert positions == sorted(positions)
    budget = briefer.summarize(text, words=12, algorithm="lexrank")
    assert all(s in text for s in budget)
    assert briefer.summarize(text, sentences=1, algorithm="lead") == ["The council met on Monday."]
