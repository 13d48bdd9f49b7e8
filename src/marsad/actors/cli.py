"""`marsad train ner`: reproduce the shipped NER model and print its held-out scores."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..settings import Settings

REPO_SHARED = Path(__file__).resolve().parents[3].parent / "shared"
DEFAULT_DATA = REPO_SHARED / "data" / "ner" / "anercorp-train.txt"
DEFAULT_CORPUS = REPO_SHARED / "corpus" / "unlabeled" / "ant-news.jsonl.gz"


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
    ner.add_argument("--gold", type=Path, default=None,
                     help="also train on the gold-annotated articles (*.gold.json) in this folder (their name "
                          "surfaces projected on their text); never scored")
    ner.add_argument("--corpus", type=Path, default=None,
                     help="unlabeled news (JSONL with `text`, .gz or not): build the corpus evidence features from it "
                          "with the same training sentences as the model (the shipped model: "
                          f"{DEFAULT_CORPUS}); without it, none")
    ner.add_argument("--cv", type=int, default=0, metavar="K",
                     help="K-fold cross-validation in contiguous blocks, scoring the tagger and the whole actors "
                          "stage on each held-out block; writes no shipped model")
    ner.add_argument("--workdir", type=Path, default=None, help="--cv: where the fold models go (default: a temp dir)")
    ner.add_argument("--reuse", action="store_true", help="--cv: reuse fold models already in --workdir")
    ner.add_argument("--fold", type=int, action="append", default=None, help="--cv: score only this fold (1-based)")
    ner.add_argument("--errors", type=Path, default=None, help="--cv: write the sentences scored wrong (JSONL)")
    ner.set_defaults(func=cmd_train_ner)
    train.set_defaults(func=lambda args: (train.print_help(), 2)[1])


def cmd_train_ner(args: argparse.Namespace) -> int:
    from .train import TrainConfig, train_ner
    base = TrainConfig()
    config = TrainConfig(c1=base.c1 if args.c1 is None else args.c1, c2=base.c2 if args.c2 is None else args.c2,
                         max_iterations=base.max_iterations if args.iterations is None else args.iterations)
    corpus = args.corpus
    if corpus is not None and not corpus.is_file():
        print(f"marsad: {corpus}: no such file (--corpus wants the unlabeled news, JSONL)", file=sys.stderr)
        return 2
    if args.cv:
        from .crossval import cross_validate
        cv = cross_validate(args.data, args.cv, config, Settings(), args.workdir, args.reuse,
                            [f - 1 for f in args.fold] if args.fold else None, args.errors,
                            log=lambda msg: print(msg, file=sys.stderr, flush=True), gold=args.gold, corpus=corpus)
        print(f"{args.cv}-fold cross-validation, contiguous blocks, entity-level exact match:")
        print(cv.table())
        return 0
    result = train_ner(args.data, args.out, args.holdout, config, Settings(), refit=not args.no_refit,
                       log=lambda msg: print(msg, file=sys.stderr, flush=True), gold=args.gold, corpus=corpus)
    if result.heldout is not None:
        print(f"held-out ({result.heldout_sentences} sentences, entity-level exact match):")
        print(result.heldout.table())
    print(f"model: {result.model} ({result.model.stat().st_size / 1e6:.2f} MB, {result.seconds:.0f}s)")
    return 0
