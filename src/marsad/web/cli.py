"""`marsad serve`: the web UI and JSON API over a corpus store, read-only, on loopback by default."""
from __future__ import annotations

import argparse
import ipaddress
import json
import os
import socket
import sys
from pathlib import Path

from ..errors import InputError

DEFAULT_DB = "marsad.duckdb"


def register(subparsers) -> None:
    p = subparsers.add_parser("serve", help="browse a corpus store in the browser (web UI + JSON API)",
                              description="Serve the web UI and JSON API over a corpus store, read-only. "
                                          "Without a store, only the analyze page is available.")
    p.add_argument("--db", help=f"the store file (default: ./{DEFAULT_DB} if it exists)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 exposes it)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--max-analyze-chars", type=int, default=100_000,
                   help="longest text the analyze page accepts, in characters (default 100000)")
    p.add_argument("--workers", type=int, default=1,
                   help="server processes (default 1; each opens the store read-only and keeps its own cache)")
    p.add_argument("--no-warm", dest="warm", action="store_false",
                   help="do not compute the costliest pages (each outlet's, the most mentioned actors') at startup")
    p.set_defaults(func=cmd_serve)


def resolve_db(db: str | None) -> Path | None:
    """The store to open: the one given (which must exist), else ./marsad.duckdb if present, else none."""
    if db:
        path = Path(db)
        if path.is_dir():
            raise InputError(f"{path} is a folder: --db takes a store file")
        if not path.is_file():
            raise InputError(f"{path}: no such store (run `marsad ingest` first, or check --db)")
        return path
    default = Path(DEFAULT_DB)
    return default if default.is_file() else None


def check_port(port: int) -> int:
    if not 0 < port < 65536:
        raise InputError(f"--port {port}: give a port between 1 and 65535")
    return port


def check_bindable(host: str, port: int) -> None:
    """Fail with one line before starting when the address cannot be listened on."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise InputError(f"--host {host}: not an address of this machine") from None
    family, kind, proto, _, addr = infos[0]
    with socket.socket(family, kind, proto) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(addr)
        except OSError as exc:
            raise InputError(f"cannot listen on {host}:{port} ({exc.strerror or exc}): choose another --port "
                             "or --host") from None


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .app import WebSettings, create_app
    db = resolve_db(args.db)
    port = check_port(args.port)
    if args.max_analyze_chars < 1:
        raise InputError("--max-analyze-chars must be 1 or more")
    if args.workers < 1:
        raise InputError("--workers must be 1 or more")
    check_bindable(args.host, port)
    settings = WebSettings(db=db, max_analyze_chars=args.max_analyze_chars, warm_pages=args.warm)
    app = create_app(settings) if args.workers == 1 else None   # a store that cannot be opened fails here, first
    if app is None and db:
        from ..store.db import connect
        connect(db, read_only=True).close()
    if not _is_loopback(args.host):
        print(f"marsad: listening on {args.host}: the UI is reachable from other machines", file=sys.stderr)
    where = f"store {db}" if db else "no store (analyze page only; give --db to browse a corpus)"
    print(f"marsad: serving {where} on http://{args.host}:{port}/", file=sys.stderr)
    if app is not None:
        uvicorn.run(app, host=args.host, port=port, log_level="warning", server_header=False, **_http_limits())
        return 0
    # Several processes: uvicorn imports the app in each, from settings handed over in the environment.
    os.environ[SETTINGS_ENV] = json.dumps({"db": str(db) if db else None, "max_analyze_chars": args.max_analyze_chars,
                                           "warm_pages": args.warm})
    uvicorn.run("marsad.web.cli:app_from_environment", factory=True, host=args.host, port=port, workers=args.workers,
                log_level="warning", server_header=False, **_http_limits())
    return 0


def _http_limits() -> dict:
    """The HTTP protocol that answers an over-long request line with 414 (not a bare 400 or a reset)."""
    from .middleware import MAX_HEAD_BYTES, limited_h11_protocol
    return {"http": limited_h11_protocol(), "h11_max_incomplete_event_size": MAX_HEAD_BYTES}


SETTINGS_ENV = "MARSAD_SERVE_SETTINGS"


def app_from_environment():
    """The app of one of `marsad serve --workers N`'s processes."""
    from .app import WebSettings, create_app
    return create_app(WebSettings(**json.loads(os.environ[SETTINGS_ENV])))


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
