"""Fetching a URL (briefer/fetch.py) against a loopback site: limits, redirects, and SSRF.

The CLI's fetch may reach loopback (the user asked for that address); the server's
(``public_only``) must refuse loopback, private, link-local and multicast addresses, after
DNS and on every redirect. To have a "public" host to start from, some tests declare
127.0.0.2 public and serve the site there; everything else on 127/8 stays refused.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

import briefer.fetch
from briefer.errors import FetchError, InputError
from briefer.fetch import FetchSettings, RefusedError, fetch, refusal
from briefer.pipeline import brief_url, briefing_json

from .site import Site, sample_html, serve_site

QUICK = FetchSettings(connect_timeout=2, read_timeout=2, total_timeout=5)
GUARDED = FetchSettings(connect_timeout=2, read_timeout=2, total_timeout=5, public_only=True)
REAL_REFUSAL = refusal
REAL_GETADDRINFO = socket.getaddrinfo


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serve_site() as running:
        yield running


@pytest.fixture
def public_site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """The site on 127.0.0.2, which this test's server treats as a public address."""
    monkeypatch.setattr(
        briefer.fetch, "refusal", lambda a: None if a == "127.0.0.2" else REAL_REFUSAL(a)
    )
    with serve_site("127.0.0.2") as running:
        yield running


def _fake_dns(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> list[str]:
    asked: list[str] = []

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in answers:
            asked.append(host)
            addresses = answers[host]
            # A rebinding resolver: the first answer only; later ones point inward.
            address = addresses[0] if asked.count(host) == 1 else "127.0.0.1"
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))] + [
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses[1:]
            ]
        return REAL_GETADDRINFO(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


# ---- what the CLI's fetch follows --------------------------------------------------------


def test_fetches_a_page_with_an_honest_user_agent(site: Site) -> None:
    page = fetch(site.base + "/article.html", QUICK)
    assert page.content == sample_html()
    assert page.url == site.base + "/article.html"
    assert page.fetched.tzinfo is not None
    agent = site.hits[-1][1]
    assert agent.startswith(f"briefer/{briefer.__version__} ")


def test_follows_five_redirects_and_not_six(site: Site) -> None:
    assert fetch(site.base + "/redirect/5", QUICK).url == site.base + "/article.html"
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(site.base + "/redirect/6", QUICK)


def test_cli_follows_a_redirect_to_loopback(site: Site) -> None:
    # The user named a loopback address themselves; the CLI goes where they asked.
    page = fetch(site.base + "/to-loopback", QUICK)
    assert page.url == f"http://127.0.0.1:{site.port}/article.html"


@pytest.mark.parametrize("url", ["ftp://example.com/a", "file:///etc/passwd", "javascript:x"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match="only http:// and https://"):
        fetch(url, QUICK)


@pytest.mark.parametrize(
    "url",
    [
        "http://0177.0.0.1/a",  # leading zeros: octal, so loopback, to some resolvers
        "http://[::1/a",
        "http://example.com:99999/a",
        "http://example.com:abc/a",
        "http://xn--.com/a",  # an IDNA label that does not decode
        "http://\u2100.com/a",  # NFKC turns it into a slash
        "https://ex\x00ample.com/a",
    ],
)
def test_a_malformed_url_is_one_clear_line(url: str) -> None:
    with pytest.raises(FetchError, match=r"not a valid web address \(.+\); check the link") as e:
        fetch(url, GUARDED)
    assert not isinstance(e.value, RefusedError)


def test_a_redirect_to_a_malformed_url_is_one_clear_line(site: Site) -> None:
    with pytest.raises(FetchError, match=r"sent an answer that cannot be followed .*0177"):
        fetch(site.base + "/to-octal", QUICK)


def test_a_redirect_to_file_is_refused(site: Site) -> None:
    with pytest.raises(FetchError, match=r"only http:// and https://.*file:///etc/passwd"):
        fetch(site.base + "/to-file", QUICK)


def test_a_silent_server_times_out(site: Site) -> None:
    settings = FetchSettings(connect_timeout=1, read_timeout=0.5, total_timeout=3)
    with pytest.raises(FetchError, match=r"timed out .*--fetch-timeout"):
        fetch(site.base + "/slow", settings)


def test_a_dripping_server_hits_the_whole_download_cap(site: Site) -> None:
    settings = FetchSettings(connect_timeout=1, read_timeout=1, total_timeout=1)
    with pytest.raises(FetchError, match="took over 1 s"):
        fetch(site.base + "/drip", settings)


def test_an_endless_body_stops_at_the_size_limit(site: Site) -> None:
    settings = FetchSettings(connect_timeout=2, read_timeout=2, total_timeout=8, max_bytes=500_000)
    with pytest.raises(FetchError, match=r"over the 0.477 MB limit; raise --max-mb"):
        fetch(site.base + "/endless", settings)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "404 Not Found: no page at this address"),
        ("/private", "401 Unauthorized: the page needs a login"),
        ("/login", "is a login form, not an article"),
    ],
)
def test_http_errors_and_login_walls(site: Site, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=message) as caught:
        fetch(site.base + path, QUICK)
    assert str(caught.value).startswith(site.base + path + ": ")
    assert "\n" not in str(caught.value)


def test_no_server_is_one_clear_line() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, never listening: the connection is refused
        with pytest.raises(FetchError, match=r"cannot reach 127\.0\.0\.1 .*check the address"):
            fetch(f"http://127.0.0.1:{port}/", QUICK)


# ---- what comes back is sniffed, not trusted ---------------------------------------------


def test_brief_url_records_the_final_url_and_when(site: Site) -> None:
    briefing = brief_url(site.base + "/redirect/2")
    assert briefing.source.url == site.base + "/article.html"
    assert briefing.source.path is None
    assert briefing.source.fetched is not None
    assert '"fetched"' in briefing_json(briefing)
    assert briefing.bottom_line is not None


@pytest.mark.parametrize("path", ["/mislabelled", "/report.docx"])
def test_the_content_type_is_not_trusted(site: Site, path: str) -> None:
    assert brief_url(site.base + path).key_arguments


def test_an_image_is_not_an_article(site: Site) -> None:
    with pytest.raises(InputError, match="PNG image"):
        brief_url(site.base + "/image.html")


# ---- what the server's fetch refuses -----------------------------------------------------


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"), ("10.0.0.1", "private"), ("172.16.5.4", "private"),
        ("192.168.1.1", "private"), ("fd00::1", "private"), ("169.254.169.254", "link-local"),
        ("fe80::1%eth0", "link-local"), ("224.0.0.251", "multicast"), ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"), ("100.64.0.1", "non-public"), ("240.0.0.1", "reserved"),
    ],
)  # fmt: skip
def test_inward_addresses_are_refused(address: str, kind: str) -> None:
    why = refusal(address)
    assert why is not None
    assert kind in why


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert refusal(address) is None


def test_server_refuses_loopback(site: Site) -> None:
    with pytest.raises(RefusedError, match=r"127\.0\.0\.1 is a loopback address"):
        fetch(site.base + "/article.html", GUARDED)
    with pytest.raises(RefusedError, match="localhost is a loopback address"):
        fetch(f"http://localhost:{site.port}/article.html", GUARDED)
    assert not any(path == "/article.html" for path, _ in site.hits[-2:])


@pytest.mark.parametrize(
    ("answers", "why"),
    [
        (["127.0.0.1"], "loopback"),
        (["10.20.30.40"], "private"),
        (["93.184.216.34", "192.168.0.7"], "private"),  # one inward answer is enough
        (["169.254.169.254"], "link-local"),
    ],
)
def test_server_refuses_names_that_resolve_inward(
    monkeypatch: pytest.MonkeyPatch, answers: list[str], why: str
) -> None:
    _fake_dns(monkeypatch, {"news.example": answers})
    with pytest.raises(RefusedError, match=f"refused: news.example is a {why} address"):
        fetch("http://news.example/article.html", GUARDED)


def test_server_connects_to_the_address_it_checked(
    public_site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The name resolves to the "public" 127.0.0.2 once, then to 127.0.0.1 (rebinding):
    # the connection must go to the checked address, so the page still comes from .2.
    asked = _fake_dns(monkeypatch, {"news.example": ["127.0.0.2"]})
    page = fetch(f"http://news.example:{public_site.port}/article.html", GUARDED)
    assert page.content == sample_html()
    assert asked == ["news.example"]
    assert public_site.hits[-1][0] == "/article.html"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/to-loopback", "127.0.0.1 is a loopback address"),
        ("/to-localhost", "localhost is a loopback address"),
        ("/to-private", "10.1.2.3 is a private address"),
        ("/to-metadata", "169.254.169.254 is a link-local address"),
        ("/to-file", "only http:// and https://"),
    ],
)
def test_server_refuses_redirects_inward(public_site: Site, path: str, message: str) -> None:
    assert fetch(public_site.base + "/article.html", GUARDED).content == sample_html()
    with pytest.raises(FetchError, match=message) as caught:
        fetch(public_site.base + path, GUARDED)
    assert str(caught.value).startswith(public_site.base + path + ": ")
    if path != "/to-file":
        assert isinstance(caught.value, RefusedError)
        assert "a redirect led to" in str(caught.value)


@pytest.mark.parametrize(
    "host", ["2130706433", "127.1", "0x7f.0.0.1", "[::1]", "[::ffff:127.0.0.1]"]
)
def test_server_refuses_other_spellings_of_loopback(site: Site, host: str) -> None:
    with pytest.raises(FetchError, match=r"refused: .* loopback address"):
        fetch(f"http://{host}:{site.port}/article.html", GUARDED)
