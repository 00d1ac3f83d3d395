"""Command line: ``python -m nlu parse "ข้อความ"`` | ``train`` | ``evaluate``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys


def _parse(args: argparse.Namespace) -> int:
    import nlu

    today = dt.date.fromisoformat(args.today) if args.today else None
    text = " ".join(args.text) if args.text else sys.stdin.read()
    result = nlu.parse(text, today=today)
    payload = result.to_dict()
    if args.ranking:
        payload["ranking"] = [[intent, round(p, 4)] for intent, p in result.ranking[: args.ranking]]
    print(json.dumps(payload, ensure_ascii=False, indent=None if args.compact else 2))
    return 0


def _train(args: argparse.Namespace) -> int:
    from nlu.training import train

    report = train()
    print(f"examples: {report.examples} (duplicates dropped: {report.duplicates_dropped})")
    print(f"features: {report.features}")
    print(f"C: {report.c}   cross-validated accuracy: {report.cv_accuracy:.4f}")
    print(f"softmax temperature: {report.temperature}   out_of_scope below: {report.fallback_threshold}")
    print(
        f"clarifying question when the two best intents are closer than {report.clarify_margin}: "
        f"{report.clarify_share:.2%} of the cross-validated messages, the best intent wrong on "
        f"{report.clarify_wrong:.0%} of those"
    )
    print(
        f"tokenizer: {report.tokenizer_engine} (differs from pure-Python newmm on {report.tokenizer_mismatches} examples)"
    )
    print(f"model written to {report.path}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from nlu.evaluation import run

    sets = ("test", "heldout") if args.set == "all" else (args.set,)
    results, report = run(sets, show_errors=args.errors)
    print(report)
    return 0 if all(r.meets_targets() for r in results) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nlu", description="Thai NLU for the ONDE training bot")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse one message and print the JSON result")
    p.add_argument("text", nargs="*", help="the message (read from stdin when omitted)")
    p.add_argument("--today", help="reference date for relative dates, YYYY-MM-DD")
    p.add_argument("--ranking", type=int, default=0, metavar="K", help="also print the K most likely intents")
    p.add_argument("--compact", action="store_true", help="one line of JSON")
    p.set_defaults(func=_parse)
    t = sub.add_parser("train", help="train the intent model from nlu/data/train")
    t.set_defaults(func=_train)
    e = sub.add_parser("evaluate", help="evaluate on nlu/data/test and nlu/data/heldout")
    e.add_argument("--set", choices=("all", "test", "heldout"), default="all", help="which set (default: both)")
    e.add_argument("--errors", type=int, default=0, metavar="N", help="list up to N misclassified examples")
    e.set_defaults(func=_evaluate)
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
