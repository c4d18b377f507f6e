"""Issue 17, ``briefer serve``: jobs have a time limit and stop when nobody waits for them,
bodies have a time limit, uploads at once are bounded, a full disk and bugs answer JSON,
and other hosts and other sites' posts are refused."""

from __future__ import annotations

import asyncio
import errno
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="briefer serve needs the serve extra (fastapi, uvicorn)")

import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.requests import Request

import briefer.serve
from briefer.serve import create_app
from briefer.serve.clients import CLIENT_GONE, while_connected
from briefer.serve.hosts import allowed_hosts_for
from briefer.serve.service import BriefingService, ServeError
from briefer.serve.store import Store

from .conftest import SAMPLE_TXT

ARTICLE = {"text": SAMPLE_TXT.read_text(encoding="utf-8")}
# Nothing here should take long; a test that does is broken, not slow.
STARTUP_SECONDS = 60


def _sleep(seconds: float) -> float:
    """A job for the worker pool (module level, so spawned workers can import it)."""
    time.sleep(seconds)
    return seconds


def _warm() -> str:
    """A quick stand-in for the workers' warm-up briefing (these tests brief nothing)."""
    return "warm"


@pytest.fixture
def quick_warm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(briefer.serve.jobs, "warm", _warm)


def _one_sentence(response: Any) -> str:
    body = response.json()
    assert set(body) == {"detail"}
    detail: str = body["detail"]
    assert detail
    assert "\n" not in detail
    return detail


# -- jobs: a time limit, and cancelled when abandoned ---------------------------------------


@pytest.mark.usefixtures("quick_warm")
def test_a_job_out_of_time_is_stopped_and_its_worker_replaced(tmp_path: Path) -> None:
    async def scenario() -> None:
        service = BriefingService(Store(tmp_path), workers=2, max_upload_bytes=1000, job_timeout=3)
        service.start()
        try:
            await service._run(_sleep, 0)  # the pool is up and warm
            started = time.monotonic()
            stuck = asyncio.ensure_future(service._run(_sleep, 600))
            await asyncio.sleep(1)
            # Runs beside the stuck job when its pool is killed, so it runs again.
            other = asyncio.ensure_future(service._run(_sleep, 1.5))
            with pytest.raises(ServeError) as error:
                await stuck
            assert error.value.status == 504
            assert "longer than the server's 3 s limit" in error.value.detail
            assert time.monotonic() - started < 10
            assert await other == 1.5
            assert service.pools_killed == 1
            assert await service._run(_sleep, 0) == 0  # the new pool works
        finally:
            service.close()

    asyncio.run(asyncio.wait_for(scenario(), 120))


@pytest.mark.usefixtures("quick_warm")
def test_a_job_nobody_waits_for_is_cancelled(tmp_path: Path) -> None:
    async def scenario() -> None:
        service = BriefingService(Store(tmp_path), workers=1, max_upload_bytes=1000)
        service.start()
        try:
            await service._run(_sleep, 0)

            async def work() -> float:
                return await service._run(_sleep, 600)

            first = asyncio.ensure_future(service._once(("brief", "a"), work))
            second = asyncio.ensure_future(service._once(("brief", "a"), work))
            await asyncio.sleep(1)
            first.cancel()  # one client left: the other still waits, the job goes on
            await asyncio.sleep(0.5)
            assert ("brief", "a") in service._inflight
            assert service.pools_killed == 0
            second.cancel()  # the last one left
            await asyncio.sleep(0.5)
            assert ("brief", "a") not in service._inflight
            assert service.pools_killed == 1  # it was running: its worker was stopped
            started = time.monotonic()
            assert await service._run(_sleep, 0) == 0
            assert time.monotonic() - started < 60
        finally:
            service.close()

    asyncio.run(asyncio.wait_for(scenario(), 120))


def test_the_handler_stops_waiting_when_its_client_disconnects() -> None:
    async def scenario() -> None:
        async def receive() -> dict[str, Any]:
            await asyncio.sleep(0.2)
            return {"type": "http.disconnect"}

        request = Request({"type": "http", "method": "POST", "headers": []}, receive)
        job = asyncio.ensure_future(asyncio.sleep(600))
        with pytest.raises(ServeError) as error:
            await while_connected(request, job)
        assert error.value.status == CLIENT_GONE
        assert job.cancelled()

    asyncio.run(asyncio.wait_for(scenario(), 10))


# -- the app: JSON errors, hosts and origins (test client) ----------------------------------


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    application = create_app(cache_dir=tmp_path_factory.mktemp("cache"), workers=1)
    with TestClient(application, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def app(client: TestClient) -> FastAPI:
    application: FastAPI = client.app  # type: ignore[assignment]
    return application


def test_a_job_over_the_limit_answers_504_json(client: TestClient, app: FastAPI) -> None:
    service: BriefingService = app.state.service
    killed = service.pools_killed
    service.job_timeout = 0.001
    try:
        response = client.post("/api/briefings", json=ARTICLE)
    finally:
        service.job_timeout = 300
    assert response.status_code == 504
    assert "took longer than" in _one_sentence(response)
    assert service.pools_killed == killed + 1


def test_a_full_disk_answers_507_json(
    client: TestClient, app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(app.state.service.store, "put", full)
    response = client.post("/api/briefings", json={"text": ARTICLE["text"] + " Full."})
    assert response.status_code == 507
    assert "disk is full" in _one_sentence(response)


def test_a_failing_disk_answers_503_json(
    client: TestClient, app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*_: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(app.state.service.store, "put", failing)
    response = client.post("/api/briefings", json={"text": ARTICLE["text"] + " Failing."})
    assert response.status_code == 503
    assert "Input/output error" in _one_sentence(response)


def test_an_unexpected_error_answers_json(
    client: TestClient, app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(briefing_id: str) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(app.state.service, "get", broken)
    response = client.get("/api/briefings/" + "0" * 32)
    assert response.status_code == 500
    assert "failed on this request" in _one_sentence(response)


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://testserver:8080"},
        {"Referer": "https://evil.example/page"},
    ],
)
def test_posts_from_other_sites_are_refused(client: TestClient, headers: dict[str, str]) -> None:
    for path in ("/api/briefings", "/briefings"):
        response = client.post(path, json=ARTICLE, headers=headers)
        assert response.status_code == 403
        assert "other sites" in _one_sentence(response)


@pytest.mark.parametrize(
    "headers",
    [{}, {"Origin": "http://testserver"}, {"Referer": "http://testserver/briefings/x"}],
)
def test_posts_from_the_same_origin_pass(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/api/briefings", json={"text": ""}, headers=headers)
    assert response.status_code == 422  # reached the API, which found no article


def test_other_hosts_are_refused_when_hosts_are_given(tmp_path: Path) -> None:
    hosts = allowed_hosts_for("127.0.0.1", ["briefer.example"])
    # No "with": the lifespan (and its workers) is not needed to check hosts.
    client = TestClient(create_app(cache_dir=tmp_path, allowed_hosts=hosts))
    refused = client.get("/api/briefings/" + "0" * 32)  # Host: testserver
    assert refused.status_code == 400
    assert "does not answer to the host 'testserver'" in _one_sentence(refused)
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000", "BRIEFER.example"):
        response = client.get("/api/briefings/" + "0" * 32, headers={"Host": host})
        assert response.status_code == 404, host


def test_allowed_hosts_follow_the_bound_address() -> None:
    assert allowed_hosts_for("127.0.0.1") == {"127.0.0.1", "localhost", "[::1]"}
    assert allowed_hosts_for("::1") == {"127.0.0.1", "localhost", "[::1]"}
    assert allowed_hosts_for("192.0.2.7", ["Example.org."]) == {"192.0.2.7", "example.org"}
    assert allowed_hosts_for("0.0.0.0") >= {"127.0.0.1", "localhost"}  # type: ignore[operator]
    assert allowed_hosts_for("192.0.2.7", ["*"]) is None


def test_run_checks_hosts_and_bounds_connections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake_run(app: FastAPI, **kwargs: Any) -> None:
        seen.update(kwargs, app=app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    briefer.serve.run(
        port=8123, cache_dir=tmp_path, job_timeout=7, allowed_hosts=["briefer.example"]
    )
    assert seen["limit_concurrency"] == briefer.serve.LIMIT_CONCURRENCY
    assert seen["timeout_keep_alive"] == briefer.serve.KEEP_ALIVE_SECONDS
    app = seen["app"]
    assert app.state.service.job_timeout == 7
    client = TestClient(app)  # no lifespan: checking hosts needs no workers
    assert client.get("/").status_code == 400
    assert client.get("/", headers={"Host": "localhost:8123"}).status_code == 200
    assert client.get("/", headers={"Host": "briefer.example"}).status_code == 200


# -- request bodies over real sockets --------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(app: FastAPI) -> Iterator[int]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread; yield the port."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def _head(port: int, length: int, host: str | None = None) -> bytes:
    return (
        f"POST /api/briefings HTTP/1.1\r\nHost: {host or f'127.0.0.1:{port}'}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    ).encode()


def _answer(sock: socket.socket) -> tuple[int, dict[str, Any]]:
    """Status and JSON body of the response on ``sock`` (read until the server closes)."""
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = [int(line.split(b":")[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:")]  # fmt: skip
        if length and len(body) >= length[0]:
            break
    head, _, body = data.partition(b"\r\n\r\n")
    answer: dict[str, Any] = json.loads(body)
    return int(head.split()[1]), answer


@pytest.fixture(scope="module")
def bounded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    application = create_app(
        cache_dir=tmp_path_factory.mktemp("bounded"),
        workers=1,
        body_timeout=2,
        body_idle_timeout=0.5,
        max_uploads=2,
        allowed_hosts=allowed_hosts_for("127.0.0.1"),
    )
    with serving(application) as port:
        yield port


def test_a_stalled_body_answers_408(bounded: int) -> None:
    with socket.create_connection(("127.0.0.1", bounded), timeout=10) as sock:
        sock.sendall(_head(bounded, 1000) + b'{"text": "The council')
        started = time.monotonic()
        status, body = _answer(sock)
    assert status == 408
    assert "stalled" in body["detail"]
    assert time.monotonic() - started < 5


def test_a_trickled_body_answers_408_at_the_deadline(bounded: int) -> None:
    with socket.create_connection(("127.0.0.1", bounded), timeout=10) as sock:
        sock.sendall(_head(bounded, 1000) + b'{"text": "')
        started = time.monotonic()
        try:
            for _ in range(20):  # a byte every 0.3 s: never idle for 0.5 s
                time.sleep(0.3)
                sock.sendall(b"a")
        except OSError:
            pass  # the server answered and closed
        status, body = _answer(sock)
    assert status == 408
    assert "longer than 2 s" in body["detail"]
    assert time.monotonic() - started < 5


def test_uploads_beyond_the_limit_answer_503_at_once(bounded: int) -> None:
    slow = [socket.create_connection(("127.0.0.1", bounded), timeout=10) for _ in range(2)]
    try:
        for sock in slow:
            sock.sendall(_head(bounded, 1000) + b"{")
        time.sleep(0.2)
        with socket.create_connection(("127.0.0.1", bounded), timeout=10) as third:
            started = time.monotonic()
            third.sendall(_head(bounded, 1000) + b"{")
            status, body = _answer(third)
        assert status == 503
        assert "too many uploads" in body["detail"]
        assert time.monotonic() - started < 0.4  # not after the others' 0.5 s timeout
    finally:
        for sock in slow:
            sock.close()


def test_the_server_refuses_other_hosts_over_a_socket(bounded: int) -> None:
    with socket.create_connection(("127.0.0.1", bounded), timeout=10) as sock:
        sock.sendall(_head(bounded, 2, host="evil.example") + b"{}")
        status, body = _answer(sock)
    assert status == 400
    assert "evil.example" in body["detail"]
