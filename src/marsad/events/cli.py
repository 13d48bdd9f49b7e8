"""`marsad train events`: reproduce the shipped event detector and print its cross-validated figures."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..settings import Settings

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
DEFAULT_GSR = SHARED / "data" / "events" / "gsr"
DEFAULT_DEV = SHARED / "dev"


def _train_parser(subparsers) -> argparse._SubParsersAction:
    """The subcommands of `marsad train` (made here if no other subsystem made `train` first)."""
    train = subparsers.choices.get("train")
    if train is None:
        train = subparsers.add_parser("train", help="train a model shipped with marsad")
        train.set_defaults(func=lambda args: (train.print_help(), 2)[1])
    for action in train._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return train.add_subparsers(dest="model", metavar="MODEL")


def register(subparsers) -> None:
    which = _train_parser(subparsers)
    ev = which.add_parser("events", help="the event detector (GSR half, optionally the dev gold)")
    ev.add_argument("--gsr", type=Path, default=DEFAULT_GSR, help=f"GSR folder (default: {DEFAULT_GSR})")
    ev.add_argument("--dev", type=Path, default=DEFAULT_DEV, help=f"dev gold folder (default: {DEFAULT_DEV})")
    ev.add_argument("--with-dev", action="store_true", help="train on the dev gold too (dev scores become optimistic)")
    ev.add_argument("--dev-other-only", action="store_true",
                    help="with --with-dev: learn from the dev candidates of roots other than protest and assault "
                         "only (the GSR labels those)")
    ev.add_argument("--other", action="store_true",
                    help="train the model of the roots other than protest and assault, from the dev gold "
                         "(data/events/detector_other.tsv), and print its cross-validated dev figures")
    ev.add_argument("--c", type=float, default=None, help="inverse L2 regularisation strength")
    ev.add_argument("--dev-weight", type=float, default=1.0, help="weight of a dev candidate against a GSR one")
    ev.add_argument("--example-weight", type=float, default=None,
                    help="weight of a lexicon example against a GSR sentence (default 0.1)")
    ev.add_argument("--out", type=Path, default=None,
                    help="where to write the model (default: the shipped data/events/detector.tsv)")
    ev.set_defaults(func=cmd_train_events)


def cmd_train_events(args: argparse.Namespace) -> int:
    from .train import DEFAULT_C, EXAMPLE_WEIGHT, OTHER_C, train_events, train_other
    if args.other:
        r = train_other(args.dev, args.out, Settings(), c=OTHER_C if args.c is None else args.c,
                        log=lambda m: print(m, file=sys.stderr, flush=True))
        print(f"{r.samples} candidates, {r.positives} positive, threshold {r.thresholds['O']:.2f}")
        print(r.dev_cv)
        print(f"model: {r.model} ({r.seconds:.0f}s)")
        return 0
    r = train_events(args.gsr, args.dev, args.out, Settings(), c=DEFAULT_C if args.c is None else args.c,
                     use_dev=args.with_dev, dev_weight=args.dev_weight,
                     dev_families="O" if args.dev_other_only else "PAO",
                     example_weight=EXAMPLE_WEIGHT if args.example_weight is None else args.example_weight,
                     log=lambda m: print(m, file=sys.stderr, flush=True))
    th = ", ".join(f"{k} {v:.2f}" for k, v in r.thresholds.items())
    print(f"5-fold cross-validation by article ({r.samples} candidates, {r.positives} positive), thresholds {th}:")
    print(r.cv.table())
    print("with every candidate kept (the lexicon's ceiling):")
    print(r.ceiling.table())
    if r.dev_cv:
        print(r.dev_cv)
    print(f"model: {r.model} ({r.seconds:.0f}s)")
    return 0
