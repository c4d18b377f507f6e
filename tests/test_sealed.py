"""Rendering is sealed: hostile article content reaches no network and no local file.

Articles full of HTML, CSS, Markdown and template syntax that point at a loopback HTTP
server and at a canary file go through the whole CLI in every output format; the server
must see zero requests and the canary's content must be in no output.
"""

from __future__ import annotations

import io
import secrets
from pathlib import Path

import pytest
from pypdf import PdfReader

import briefer
from briefer.cli import main

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def canary(tmp_path: Path) -> tuple[Path, str]:
    secret = f"CANARY-{secrets.token_hex(8)}"
    path = tmp_path / "secret" / "canary.css"
    path.parent.mkdir()
    path.write_text(f"/* {secret} */ body::after {{ content: '{secret}' }}\n")
    return path, secret


def _payload(url: str, canary: Path) -> str:
    """Markup that would fetch from the network or read the canary if it were ever live."""
    return (
        f'<img src="{canary.as_uri()}"> <img src="{url}/img.png"> '
        f'<link rel="stylesheet" href="{url}/link.css"> '
        f'<link rel="attachment" href="{canary.as_uri()}"> '
        f"<style>@import url({url}/import.css); @import '{canary.as_uri()}'; "
        f"body {{ background: url({url}/bg.png) }} "
        f"@font-face {{ font-family: X; src: url({canary.as_uri()}) }}</style> "
        f'<svg><image href="{url}/svg.png"/></svg> <iframe src="{url}/frame"></iframe> '
        f'<object data="{canary.as_uri()}"></object> ![pic]({url}/md.png) '
        f"[link]({canary.as_uri()}) {{{{ range(10) | list }}}} {{% include '{canary}' %}}"
    )


def _articles(folder: Path, url: str, canary: Path) -> list[Path]:
    payload = _payload(url, canary)
    sentence = (
        f"The committee approved the budget {payload} after a long debate in the capital. "
        "Critics argued that the plan would cost $4 billion over ten years. "
    )
    text = folder / "hostile.txt"
    text.write_text("\n\n".join([sentence * 2] * 5))
    md = folder / "hostile.md"
    md.write_text("# Budget {{ 7 * 7 }} news\n\n" + "\n\n".join([sentence * 2] * 5))
    html = folder / "hostile.html"
    html.write_text(
        f'<html><head><title>Budget</title><link rel="stylesheet" href="{url}/head.css">'
        f'<link rel="canonical" href="{url}/canonical"><base href="{url}/">'
        f'<meta property="og:image" content="{url}/og.png"></head><body><article>'
        + "".join(f"<p>{sentence} {payload}</p>" for _ in range(5))
        + "</article></body></html>"
    )
    return [text, md, html]


def test_hostile_articles_through_the_cli_fetch_nothing_and_leak_nothing(
    tmp_path: Path,
    loopback: tuple[str, list[str]],
    canary: tuple[Path, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, hits = loopback
    path, secret = canary
    inputs = _articles(tmp_path, url, path)
    out = tmp_path / "out"
    code = main(["brief", *map(str, inputs), "-o", str(out), "-f", "pdf,json,html,md"])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert hits == []
    outputs = sorted(out.iterdir())
    assert len(outputs) == 3 * 4
    for output in outputs:
        data = output.read_bytes()
        assert secret.encode() not in data, output.name
        if output.suffix == ".pdf":
            reader = PdfReader(io.BytesIO(data))
            assert len(reader.pages) == 1
            assert secret not in reader.pages[0].extract_text()
            assert not reader.attachments
        if output.suffix == ".html":
            text = data.decode()
            assert "<img" not in text
            assert "<iframe" not in text
            assert "<script" not in text
            if output.name.startswith("hostile.txt"):
                assert "&lt;img" in text  # plain text shows the markup as text


def test_a_hostile_template_cannot_attach_or_embed_local_files(
    tmp_path: Path, loopback: tuple[str, list[str]], canary: tuple[Path, str]
) -> None:
    url, hits = loopback
    path, secret = canary
    templates = tmp_path / "templates"
    templates.mkdir()
    base = (briefer.render.templates_dir() / "card.html.j2").read_text()
    payload = (
        f'<link rel="attachment" href="{path.as_uri()}">'
        f'<link rel="attachment" href="{url}/attach.bin">'
        f'<img src="{path.as_uri()}"><object data="{path.as_uri()}"></object>'
        f'<embed src="{url}/embed"><iframe src="{path.as_uri()}"></iframe>'
        '<img src="file:///etc/passwd"><link rel="stylesheet" href="file:///etc/passwd">'
        f'<img src="{path.parent.as_uri()}/../secret/canary.css">'
    )
    (templates / "card.html.j2").write_text(base.replace("<body>", "<body>" + payload))
    article = tmp_path / "a.txt"
    article.write_text("The committee approved the budget after a long debate. " * 20)
    options = briefer.Options(template_dir=templates)
    pdf = briefer.render_pdf(briefer.brief(article), options=options)
    assert hits == []
    assert secret.encode() not in pdf
    reader = PdfReader(io.BytesIO(pdf))
    assert not reader.attachments
    assert "root:" not in reader.pages[0].extract_text()
