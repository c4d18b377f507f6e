"""``briefer brief URL`` and ``briefer batch --urls FILE`` against a loopback site."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefer.cli import main
from briefer.cli.files import output_names
from briefer.cli.links import as_path, read_url_list, url_stem

from .conftest import SAMPLE_MD
from .site import Site, serve_site


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serve_site() as running:
        yield running


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_brief_a_url(capsys: pytest.CaptureFixture[str], tmp_path: Path, site: Site) -> None:
    code, _, err = run(
        capsys, "brief", site.base + "/redirect/1", "-o", str(tmp_path), "-f", "json"
    )
    assert code == 0, err
    data = json.loads((tmp_path / "1.json").read_text(encoding="utf-8"))
    assert data["source"]["url"] == site.base + "/article.html"
    assert data["source"]["path"] is None
    assert data["source"]["fetched"].endswith("Z")
    assert "candidates" not in data
    assert "edits" not in data


def test_a_file_brief_has_no_new_keys(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "brief", str(SAMPLE_MD), "-o", str(tmp_path), "-f", "json")[0] == 0
    data = json.loads((tmp_path / "revitalizing-alliances.json").read_text(encoding="utf-8"))
    assert "fetched" not in data["source"]
    assert not {"candidates", "edits"} & set(data)
    assert not any("label_retyped" in arg for arg in data["key_arguments"])


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "404 Not Found"),
        ("/image.html", "PNG image"),
        ("/login", "login form"),
        ("/to-file", "only http:// and https://"),
    ],
)
def test_bad_links_fail_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, site: Site, path: str, message: str
) -> None:
    code, out, err = run(capsys, "brief", site.base + path, "-o", str(tmp_path))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert message in err
    assert err.startswith("Error: http://")
    assert not list(tmp_path.iterdir())


def test_a_timeout_is_configurable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, site: Site
) -> None:
    code, _, err = run(
        capsys, "brief", site.base + "/slow", "--fetch-timeout", "0.5", "-o", str(tmp_path)
    )
    assert code == 1
    assert "timed out" in err


def test_batch_urls_with_dead_links(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, site: Site
) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(
        "# reading list\n"
        f"{site.base}/article.html\n\n"
        f"{site.base}/missing   # gone\n"
        f"http://127.0.0.1:1/nothing-listens-here\n"
        f"{site.base}/report.docx\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, _, err = run(
        capsys, "batch", "--urls", str(listing), "-o", str(out), "-f", "json", "--jobs", "1"
    )
    assert code == 1
    rows = {row["path"]: row for row in json.loads((out / "index.json").read_text())["items"]}
    assert rows[f"{site.base}/article.html"]["status"] == "briefed"
    assert rows[f"{site.base}/report.docx"]["status"] == "briefed"
    assert "404" in rows[f"{site.base}/missing"]["error"]
    assert "cannot reach" in rows["http://127.0.0.1:1/nothing-listens-here"]["error"]
    assert (out / "127.0.0.1" / "article.json").is_file()
    assert err.count("failed: ") == 2


def test_url_list_parsing(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("  # c\nhttps://a.example/x.html\n\nhttp://b.example/\n", encoding="utf-8")
    assert read_url_list(listing) == ["https://a.example/x.html", "http://b.example/"]
    listing.write_text("https://a.example/\nnot a url\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"urls.txt:2: 'not a url' is not an http\(s\) URL"):
        read_url_list(listing)


def test_output_names() -> None:
    assert url_stem("https://news.example/2024/story.html?id=1") == "story"
    assert url_stem("https://news.example/") == "news.example"
    args = ["story.md", "https://x.example/story", "https://y.example/story"]
    names = output_names([as_path(a) for a in args], Path("out"), ("json", "pdf"))
    # One naming rule for files and URLs alike: every input its own outputs.
    assert len(set(names)) == 3
    assert all(name.startswith("story") for name in names)
