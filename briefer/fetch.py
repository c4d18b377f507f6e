"""Fetching a page the user named: http(s) only, bounded in redirects, time and size.

The only module that imports the HTTP client (httpx); nothing else in briefer touches the
network, and this module only when a user hands briefer a URL. Redirects are followed by
hand so each hop is checked. With ``public_only`` (the web server) every address a host
name resolves to must be public, and the connection goes to the very address that was
checked, so neither a redirect nor a DNS answer can point the server at itself or at its
network. What comes back is not trusted: ingest sniffs the bytes like any saved file.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from briefer._version import __version__
from briefer.errors import FetchError
from briefer.options import DEFAULT_MAX_BYTES, Options

if TYPE_CHECKING:  # loaded on first fetch: is_url() is asked by every batch and brief
    import httpcore
    import httpx

__all__ = ["FetchSettings", "Page", "RefusedError", "fetch", "is_url"]

USER_AGENT = f"briefer/{__version__} (article briefing tool; fetches one page a user asked for)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/pdf,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
    "text/markdown,text/plain;q=0.9,*/*;q=0.1"
)
SCHEMES = ("http", "https")
# A login form on a page this short is the wall in front of the article, not the article.
_PASSWORD_FIELD = re.compile(rb"<input\b[^>]*\btype\s*=\s*[\"']?password", re.I)
_TAG = re.compile(rb"<(script|style)\b.*?</\1>|<[^>]+>", re.I | re.S)
LOGIN_WALL_WORDS = 400


class RefusedError(FetchError):
    """The address is not public (loopback, private, link-local, multicast, reserved)."""


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Limits of one fetch; the defaults are what ``briefer brief URL`` uses."""

    connect_timeout: float = 10.0  # seconds to connect
    read_timeout: float = 30.0  # seconds to wait for the next bytes
    total_timeout: float = 120.0  # seconds for the whole download (a slow drip ends too)
    max_redirects: int = 5
    max_bytes: int = DEFAULT_MAX_BYTES
    public_only: bool = False  # refuse loopback, private, link-local and multicast hosts

    @classmethod
    def of(cls, options: Options, *, public_only: bool = False) -> FetchSettings:
        """The limits that ``options`` (``--fetch-timeout``, ``--max-mb``) set."""
        wait = options.fetch_timeout
        return cls(wait, wait, 4 * wait, 5, options.max_bytes, public_only)


@dataclass(frozen=True, slots=True)
class Page:
    """What a URL gave: the final URL after redirects, when, and the bytes (not yet sniffed)."""

    url: str
    fetched: dt.datetime
    content: bytes = field(repr=False)


def is_url(value: str) -> bool:
    """Whether a command-line input names a web page rather than a file."""
    return value.lower().startswith(("http://", "https://"))


def fetch(url: str, settings: FetchSettings | None = None) -> Page:
    """Download ``url``, following at most ``max_redirects`` redirects, each one checked.

    Raises:
        FetchError: a bad or refused URL, no network, an HTTP error, a timeout, a body over
            the size limit, or a login wall; the message names the URL and what to do.
    """
    import httpx

    settings = settings or FetchSettings()
    timeout = httpx.Timeout(
        settings.read_timeout, connect=settings.connect_timeout, pool=settings.connect_timeout
    )
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    deadline = time.monotonic() + settings.total_timeout
    # No proxy variables: a proxy would connect on our behalf, past the address check.
    with httpx.Client(
        transport=_transport(settings.public_only),
        timeout=timeout,
        headers=headers,
        follow_redirects=False,
        trust_env=False,
    ) as client:
        current = url
        for _ in range(settings.max_redirects + 1):
            _check_url(current, url)
            try:
                target, content = _get(client, current, settings, deadline)
            except FetchError as exc:
                if exc.path is not None:
                    raise
                hop = "" if current == url else f" (a redirect led to {current[:100]})"
                raise type(exc)(f"{exc}{hop}", path=url) from exc
            except httpx.TimeoutException as exc:
                raise FetchError(
                    f"timed out waiting for {_host(current)} ({type(exc).__name__}); try again"
                    " later or raise --fetch-timeout",
                    path=url,
                ) from exc
            except httpx.RemoteProtocolError as exc:  # e.g. a redirect to a malformed URL
                raise FetchError(
                    f"{_host(current)} sent an answer that cannot be followed ({exc}); open"
                    " the page in a browser and brief the saved file",
                    path=url,
                ) from exc
            except httpx.HTTPError as exc:
                raise FetchError(
                    f"cannot reach {_host(current)} ({exc}); check the address and the network",
                    path=url,
                ) from exc
            if target is None:
                _check_not_login(content, url)
                return Page(current, dt.datetime.now(dt.UTC).replace(microsecond=0), content)
            current = target
    raise FetchError(
        f"more than {settings.max_redirects} redirects; open it in a browser and brief the"
        " final address",
        path=url,
    )


def _get(
    client: httpx.Client, url: str, settings: FetchSettings, deadline: float
) -> tuple[str | None, bytes]:
    """(the redirect target, b"") for a redirect, else (None, the body within the limits)."""
    with client.stream("GET", url) as response:
        if response.is_redirect:
            return urljoin(url, response.headers["location"]), b""
        if response.status_code >= 400:
            raise FetchError(
                _status_message(response.status_code, response.reason_phrase), path=url
            )
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > settings.max_bytes:
            raise _too_large(url, settings.max_bytes)
        return None, _read_body(response.iter_bytes(), url, settings, deadline)


def _read_body(
    chunks: Iterable[bytes], url: str, settings: FetchSettings, deadline: float
) -> bytes:
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > settings.max_bytes:  # stop reading: an endless body ends here
            raise _too_large(url, settings.max_bytes)
        if time.monotonic() > deadline:
            raise FetchError(
                f"the download took over {settings.total_timeout:g} s; try again later",
                path=url,
            )
        parts.append(chunk)
    return b"".join(parts)


def _too_large(url: str, limit: int) -> FetchError:
    return FetchError(
        f"the page is over the {limit / 1024 / 1024:.3g} MB limit; raise --max-mb", path=url
    )


def _status_message(status: int, reason: str) -> str:
    if status in (401, 403, 407):
        return (
            f"the server answered {status} {reason}: the page needs a login; save it from"
            " your browser and brief the file"
        )
    if status in (404, 410):
        return f"the server answered {status} {reason}: no page at this address; check the link"
    return f"the server answered {status} {reason}; try again later or check the link"


def _check_not_login(content: bytes, url: str) -> None:
    head = content[:200_000]
    if _PASSWORD_FIELD.search(head) and len(_TAG.sub(b" ", head).split()) < LOGIN_WALL_WORDS:
        raise FetchError(
            "the page is a login form, not an article; save the article from your browser"
            " and brief the file",
            path=url,
        )


def _check_url(url: str, asked: str) -> None:
    """An http(s) URL with a host that the client can send (a first or a redirect's)."""
    import httpx

    where = "" if url == asked else f" (a redirect led to {url[:100]})"
    try:
        parts = urlsplit(url)
        _ = parts.port  # urlsplit checks the port only when asked
        # httpx checks what urlsplit lets through: IPv4 with leading zeros (octal to some
        # resolvers), control characters, IDNA labels that do not encode.
        _ = httpx.URL(url).host  # the host is IDNA-decoded only when asked
    except (httpx.InvalidURL, ValueError) as exc:  # IDNA errors are ValueErrors too
        raise FetchError(
            f"not a valid web address ({exc}){where}; check the link", path=asked
        ) from exc
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        raise FetchError(
            f"only http:// and https:// web addresses can be briefed{where}", path=asked
        )


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def _transport(public_only: bool) -> httpx.HTTPTransport:
    import httpcore
    import httpx

    transport = httpx.HTTPTransport()
    if public_only:
        # httpx has no hook between resolving a name and connecting; a network backend is
        # where both happen, so the address checked is the address connected to.
        transport._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), network_backend=_public_only_backend()
        )
    return transport


def refusal(address: str) -> str | None:
    """Why the server must not connect to ``address`` (an IP literal), or None if public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    kinds = (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("non-public", not ip.is_global),  # e.g. carrier-grade NAT, 100.64.0.0/10
    )
    kind = next((kind for kind, hit in kinds if hit), None)
    return None if kind is None else f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} address"


def public_address(host: str, port: int) -> str:
    """The first address of ``host`` once every address it resolves to is checked public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host} ({exc}); check the address") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    for address in addresses:
        why = refusal(address)
        if why is not None:
            why += "" if address == host.strip("[]") else f" ({address})"
            raise RefusedError(
                f"refused: {host} is {why}; this server only fetches public web pages"
            )
    if not addresses:
        raise FetchError(f"cannot resolve {host}; check the address")
    return addresses[0]


def _public_only_backend() -> httpcore.NetworkBackend:
    import httpcore

    class PublicOnly(httpcore.SyncBackend):
        """httpcore's socket backend, connecting only to checked public addresses."""

        def connect_tcp(
            self, host: str, port: int, *args: Any, **kwargs: Any
        ) -> httpcore.NetworkStream:
            return super().connect_tcp(public_address(host, port), port, *args, **kwargs)

    return PublicOnly()
