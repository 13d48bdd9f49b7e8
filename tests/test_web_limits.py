"""The web server's answers at its limits, on a real store (the outlet fixture) and, for what only the HTTP
layer sees, a real `marsad serve`: 400 for numbers out of range, 414 for request lines over the limit (and
the connection stays usable for the next client), HEAD on every GET route."""
from __future__ import annotations

import http.client
import re
import socket
import subprocess
import sys
import time
import urllib.parse

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from marsad.web.app import WebSettings, create_app
from marsad.web.middleware import MAX_TARGET_BYTES

from outlet_store import outlet_store

HUGE = "99999999999999999999999"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return outlet_store(tmp_path_factory.mktemp("web-limits"))


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(WebSettings(db=store))) as c:
        yield c


@pytest.mark.parametrize("url", [f"/articles?page={HUGE}", f"/api/articles?page={HUGE}", f"/quotes?page={HUGE}",
                                 f"/api/quotes?size={HUGE}", f"/events?quad={HUGE}", f"/relations?min_events={HUGE}",
                                 "/api/articles?page=-3", "/api/events?quad=7", "/articles?page=2.5"])
def test_web_out_of_range_numbers_are_400_in_one_line(client, url):
    r = client.get(url)
    assert r.status_code == 400 and "Traceback" not in r.text
    if url.startswith("/api"):
        assert r.json()["error"] and r.json()["error_ar"]
    assert client.get("/api/health").status_code == 200     # the next request is served


def real_values(client) -> dict[str, str]:
    """A real value for every path parameter, taken from the store."""
    article = client.get("/api/articles").json()["articles"][0]["id"]
    actor = client.get("/api/actors").json()["actors"][0]["key"]
    outlet = client.get("/api/outlets").json()["outlets"][0]["outlet"]
    edge = client.get("/api/relations").json()["edges"][0]
    outlets = [o["outlet"] for o in client.get("/api/outlets").json()["outlets"]][:2]
    compare = urllib.parse.urlencode([("outlet", o) for o in outlets] + [("actor", actor)])
    return {"article_id": article, "key": actor, "name": outlet, "a": edge["a"], "b": edge["b"], "compare": compare}


def test_web_head_answers_every_get_route_as_get_without_a_body(client):
    values = real_values(client)
    routes = [r for r in client.app.routes if isinstance(r, APIRoute) and "GET" in r.methods]
    assert len(routes) > 30
    for route in routes:
        url = re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: urllib.parse.quote(values[m.group(1)], safe=":"), route.path)
        if "compare" in url:   # a comparison needs its outlets and actor
            url += "?" + values["compare"]
        get, head = client.get(url), client.head(url)
        assert get.status_code == 200, url
        assert head.status_code == 200 and head.content == b"", url
        assert head.headers["content-type"] == get.headers["content-type"], url


@pytest.fixture(scope="module")
def server(store):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--db", str(store), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/api/health")
            if c.getresponse().status == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("marsad serve did not start")
    yield port
    proc.terminate()
    proc.wait(timeout=10)


def raw_get(port: int, target: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        try:
            s.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: localhost\r\n\r\n")
        except OSError:
            pass   # the server may answer and close before it has read it all
        return s.recv(200)


@pytest.mark.parametrize("size", [MAX_TARGET_BYTES + 100, 40_000, 200_000])
def test_web_request_line_over_the_limit_is_414(server, size):
    target = b"/articles?q=" + "ترمب".encode() * (size // 8)
    answer = raw_get(server, urllib.parse.quote(target, safe="/?=&").encode()[:size])
    assert answer.startswith(b"HTTP/1.1 414"), answer          # was: 400 or a reset connection
    conn = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
    conn.request("GET", "/api/health")
    assert conn.getresponse().status == 200


def test_web_request_line_under_the_limit_is_served(server):
    target = "/articles?q=" + urllib.parse.quote("ترمب " * 300)
    assert len(target) < MAX_TARGET_BYTES
    assert raw_get(server, target.encode()).startswith(b"HTTP/1.1 200")
