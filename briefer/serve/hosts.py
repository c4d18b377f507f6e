"""Which requests are for this server: the Host header, and the origin of a post.

A page on another site can make a browser post a form here (cross-site request
forgery), and with DNS rebinding it can even read the answers: its own host name then
points at this server, but the browser still sends that name as ``Host``. So a request
must name an allowed host (400 otherwise), and a POST, PUT, PATCH or DELETE that says
where it comes from (``Origin``, or ``Referer`` without one) must come from this server's
own origin (403 otherwise). Clients that send neither, such as curl, are not browsers.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from briefer.serve.responses import json_error

LOOPBACK = frozenset(["127.0.0.1", "localhost", "[::1]"])
_WILDCARD = frozenset(["", "0.0.0.0", "[::]"])
_UNSAFE = frozenset(["POST", "PUT", "PATCH", "DELETE"])
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _name(host: str) -> str:
    """A host name as compared: lower case, no final dot, IPv6 in brackets."""
    host = host.strip().lower().rstrip(".")
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _split(host_header: str) -> tuple[str, int | None]:
    """The name and port of a ``Host`` header ("[::1]:8000" -> ("[::1]", 8000))."""
    try:
        parts = urlsplit(f"//{host_header.strip()}")
        name, port = parts.hostname, parts.port
    except ValueError:  # a port that is not a number, an unbalanced bracket
        return "", None
    return _name(name or ""), port


def allowed_hosts_for(bound: str, extra: Iterable[str] = ()) -> frozenset[str] | None:
    """The host names a server bound to ``bound`` answers to, plus ``extra`` ones.

    Loopback answers to every loopback name; all interfaces ("0.0.0.0") to loopback,
    this machine's names and addresses. ``"*"`` in ``extra`` allows any host (None).
    """
    extra = list(extra)
    if "*" in extra:
        return None
    names = {_name(bound), *(_name(host) for host in extra)}
    if names & LOOPBACK or bound.startswith("127."):
        names |= LOOPBACK
    if _name(bound) in _WILDCARD:
        names |= LOOPBACK | {_name(socket.gethostname()), _name(socket.getfqdn())}
        # Without a resolvable host name, its addresses must be given as extra hosts.
        with contextlib.suppress(OSError):
            names |= {_name(a) for a in socket.gethostbyname_ex(socket.gethostname())[2]}
    return frozenset(names - {""})


class HostGuard:
    """ASGI middleware: refuse other hosts (when ``allowed`` is given) and cross-site posts."""

    def __init__(self, app: ASGIApp, *, allowed: Iterable[str] | None = None) -> None:
        self.app = app
        self.allowed = None if allowed is None else frozenset(_name(h) for h in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if self.allowed is not None and _split(host)[0] not in self.allowed:
            detail = (
                f"this server does not answer to the host {host[:80]!r}; open it at its own "
                "address, or start it with that host allowed"
            )
            await json_error(400, detail)(scope, receive, send)
            return
        source = headers.get("origin") or headers.get("referer")
        if scope["method"] in _UNSAFE and source and not _same_origin(source, host):
            detail = "requests from other sites are refused; send it from this server's own page"
            await json_error(403, detail, close=True)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _same_origin(source: str, host: str) -> bool:
    """Whether an Origin or Referer URL has the host and port of the ``Host`` header.

    A Host without a port has the default port of the source's scheme, so a site behind
    a TLS proxy (the browser on https, the server on http) is still its own origin.
    """
    try:
        parts = urlsplit(source.strip())
        port = parts.port
    except ValueError:
        return False
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        return False  # "null" (a sandboxed or privacy-stripped origin) is never ours
    default = _DEFAULT_PORTS[parts.scheme]
    name, host_port = _split(host)
    return _name(parts.hostname) == name and (port or default) == (host_port or default)
