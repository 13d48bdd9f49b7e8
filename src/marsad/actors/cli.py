"""`marsad train ner`: reproduce the shipped NER model and print its held-out scores."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..settings import Settings

REPO_SHARED = Path(__file__).resolve().parents[3].parent / "shared"
DEFAULT_DATA = REPO_SHARED / "data" / "ner" / "anercorp-train.txt"


def register(subparsers) -> None:
    train = subparsers.add_parser("train", help="train a model shipped with marsad")
    which = train.add_subparsers(dest="model", metavar="MODEL")
    ner = which.add_parser("ner", help="the CRF named-entity tagger (ANERcorp)")
    ner.add_argument("--data", type=Path, default=DEFAULT_DATA,
                     help=f"CoNLL file, `token TAG` per line (default: {DEFAULT_DATA})")
    ner.add_argument("--out", type=Path, default=None,
                     help="where to write the model (default: the shipped data/models/ner.crfsuite)")
    ner.add_argument("--holdout", type=float, default=0.1,
                     help="fraction of sentences, from the end of the file, scored and not trained on first")
    ner.add_argument("--c1", type=float, default=None, help="L1 weight")
    ner.add_argument("--c2", type=float, default=None, help="L2 weight")
    ner.add_argument("--iterations", type=int, default=None, help="L-BFGS iterations")
    ner.add_argument("--no-refit", action="store_true",
                     help="ship the model trained without the held-out part instead of refitting on all data")
    ner.set_defaults(func=cmd_train_ner)
    train.set_defaults(func=lambda args: (train.print_help(), 2)[1])


def cmd_train_ner(args: argparse.Namespace) -> int:
    from .train import TrainConfig, train_ner
    base = TrainConfig()
    config = TrainConfig(c1=base.c1 if args.c1 is None else args.c1, c2=base.c2 if args.c2 is None else args.c2,
                         max_iterations=base.max_iterations if args.iterations is None else args.iterations)
    result = train_ner(args.data, args.out, args.holdout, config, Settings(), refit=not args.no_refit,
                       log=lambda msg: print(msg, file=sys.stderr, flush=True))
    if result.heldout is not None:
        print(f"held-out ({result.heldout_sentences} sentences, entity-level exact match):")
        print(result.heldout.table())
    print(f"model: {result.model} ({result.model.stat().st_size / 1e6:.2f} MB, {result.seconds:.0f}s)")
    return 0
