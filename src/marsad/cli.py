"""The command line: parses arguments, calls the library, maps its errors to exit codes.

Exit codes: 0 success, 1 internal error, 2 bad input (one-line message), 3 bad
configuration or data files. Subcommands beyond `analyze` live with their
subsystem (`register(subparsers)` in the modules of SUBCOMMAND_MODULES) so this
file stays thin.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

from .errors import InputError, MarsadError

SUBCOMMAND_MODULES = ("marsad.actors.cli", "marsad.events.cli", "marsad.store.cli", "marsad.web.cli")


def _meta_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--title")
    p.add_argument("--publisher", help="the outlet that published the article (ends every chain of transmission)")
    p.add_argument("--published", help="publication date, ISO (resolves relative dates such as أمس); "
                   "default: the HTML page's date, else a date in the file name (…-20181009.txt)")
    p.add_argument("--url")
    p.add_argument("--id", help="the record id (default: sha256 of the text)")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="marsad", description="Reads Arabic news: actors, quotes, events, framing.")
    ap.add_argument("--version", action="version", version=f"marsad {_version()}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    an = sub.add_parser("analyze", help="analyze articles (a file, -, or JSONL with --jsonl)")
    an.add_argument("inputs", nargs="*", default=["-"], metavar="FILE", help="a text or HTML file, or - for stdin")
    fmt = an.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print one document record (marsad/document@1)")
    fmt.add_argument("--jsonl", action="store_true", help="read JSONL records, stream one document record per line")
    an.add_argument("--workers", type=int, default=1, help="processes for --jsonl (default 1)")
    an.add_argument("--tokens", action="store_true", help="include tokens in the JSON record")
    add_max_chars(an)
    _meta_args(an)
    an.set_defaults(func=cmd_analyze)
    for name in SUBCOMMAND_MODULES:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        mod.register(sub)
    return ap


def add_max_chars(p: argparse.ArgumentParser) -> None:
    from .settings import Settings
    p.add_argument("--max-chars", type=int, default=None, metavar="N",
                   help=f"refuse an article longer than N characters: it is reported by its id and skipped, the "
                        f"batch goes on (default {Settings.max_chars:,})")


def settings_overrides(args: argparse.Namespace) -> dict:
    """Settings given on the command line (`--max-chars`)."""
    n = getattr(args, "max_chars", None)
    if n is None:
        return {}
    if n < 1:
        raise InputError("--max-chars must be 1 or more")
    return {"max_chars": n}


def _version() -> str:
    from . import __version__
    return __version__


def cmd_analyze(args: argparse.Namespace) -> int:
    from .pipeline import load
    overrides = settings_overrides(args)
    if args.jsonl:
        return _analyze_jsonl(args, load(**overrides))
    if len(args.inputs) != 1:
        raise InputError("give one article (or use --jsonl for many records)")
    rec = _read_one(args.inputs[0])
    meta = {k: getattr(args, k) or getattr(rec, k) for k in ("title", "publisher", "published", "url", "id")}
    nlp = load(**overrides)
    doc = nlp(rec.text, **meta)
    if args.json:
        sys.stdout.write(json.dumps(doc.to_dict(tokens=args.tokens), ensure_ascii=False, indent=1) + "\n")
    else:
        from .view import show
        show(doc)
    return 0


def _read_one(path: str):
    from .text.read import read_bytes, read_path
    if path == "-":
        return read_bytes(sys.stdin.buffer.read(), what="standard input")
    return read_path(path)


def _analyze_jsonl(args: argparse.Namespace, nlp) -> int:
    from .text.read import iter_jsonl, iter_jsonl_stream
    paths = list(args.inputs or ["-"])   # no file: standard input, as for one article
    for p in paths:
        if p != "-" and not Path(p).is_file():
            raise InputError(f"{p}: no such file")
    bad = 0
    good = 0
    progress = _progress() if sys.stderr.isatty() else None

    def records():
        nonlocal bad
        for p in paths:
            stream = iter_jsonl_stream(sys.stdin.buffer, "stdin") if p == "-" else iter_jsonl(p)
            for r in stream:
                if isinstance(r, MarsadError):
                    bad += 1
                    print(f"marsad: skipped {r}", file=sys.stderr)
                    continue
                yield r

    out = sys.stdout
    for result in nlp.pipe(records(), n_process=max(1, args.workers)):
        if isinstance(result, MarsadError):
            bad += 1
            print(f"marsad: skipped record {getattr(result, 'record_id', None) or '?'}: {result}", file=sys.stderr)
            continue
        out.write(_dump_line(result, tokens=args.tokens))
        good += 1
        if progress:
            progress(good)
    if progress:
        progress(None)
    print(f"marsad: {good} analyzed, {bad} skipped", file=sys.stderr)
    return 0


def _dump_line(doc, tokens: bool = False) -> str:
    """One document record as a JSONL line."""
    return json.dumps(doc.to_dict(tokens=tokens), ensure_ascii=False) + "\n"


def _progress():
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    bar = Progress(TextColumn("[bold]analyze"), BarColumn(), TextColumn("{task.completed} articles"),
                   TimeElapsedColumn(), transient=True)
    task = bar.add_task("analyze", total=None)
    bar.start()

    def tick(n):
        if n is None:
            bar.stop()
        else:
            bar.update(task, completed=n)
    return tick


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    if not getattr(args, "func", None):
        ap.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except MarsadError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        # The store's engine failing on a damaged file (read past its end, a corrupt block): one line, no
        # traceback; the file is left as it is.
        if type(exc).__module__.split(".")[0] in ("duckdb", "_duckdb"):
            print(f"marsad: the store cannot be read: {str(exc).splitlines()[0]}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
