"""Compare intent classifiers on both evaluation sets (nlu/data/test and nlu/data/heldout).

Each variant is trained on nlu/data/train into a temporary file with the same seed and
cross-validation as ``python -m nlu train``, then evaluated like ``python -m nlu evaluate``
(intent accuracy, macro-F1, out_of_scope recall, clarify share, p99 per message on one CPU).

    .venv/bin/python bench/nlu_compare.py [--only NAME ...]

Variants:
  logreg          TF-IDF (char 1-4, words, word pairs, entity types, intent keywords) + logistic regression
  logreg+req      ... + request-shape features (what a request verb acts on, own schedule, what is open)
  logreg+req+rule ... + a courtesy rule (a message read as thanks or a greeting is read again without
                  its courtesy words, and a clear request in the rest wins)
  mlp+req         the logreg+req features, one hidden layer of 64 (ReLU) instead of a linear model

logreg+req is what ``python -m nlu train`` ships.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

VARIANTS = {
    "logreg": {"classifier": "logreg", "features": (), "rule": False},
    "logreg+req": {"classifier": "logreg", "features": ("requests",), "rule": False},
    "logreg+req+rule": {"classifier": "logreg", "features": ("requests",), "rule": True},
    "mlp+req": {"classifier": "mlp", "features": ("requests",), "rule": False},
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", choices=sorted(VARIANTS), help="variants to run (default: all)")
    args = parser.parse_args()

    from nlu.evaluation import SETS, evaluate
    from nlu.markup import load_examples
    from nlu.pipeline import Pipeline
    from nlu.training import train

    sets = {name: load_examples(directory) for name, (directory, _) in SETS.items()}
    trained: dict[tuple[str, tuple[str, ...]], Path] = {}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.only or list(VARIANTS):
            spec = VARIANTS[name]
            key = (spec["classifier"], spec["features"])
            if key not in trained:
                path = Path(tmp) / f"{len(trained)}.npz"
                started = time.perf_counter()
                train(path, classifier=spec["classifier"], features=spec["features"])
                print(f"trained {name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
                trained[key] = path
            pipeline = Pipeline(trained[key], courtesy_rule=spec["rule"])
            size = trained[key].stat().st_size
            for set_name, examples in sets.items():
                r = evaluate(pipeline, examples, latency=set_name == "heldout")
                rows.append((name, set_name, r, size))
    print(f"{'variant':<17}{'set':<9}{'accuracy':>9}{'macro-F1':>9}{'oos rec':>8}{'clarify':>8}{'p99 ms':>8}{'model':>9}")
    for name, set_name, r, size in rows:
        p99 = f"{r.latency_ms['p99']:.3f}" if r.latency_ms else "-"
        print(
            f"{name:<17}{set_name:<9}{r.accuracy:>9.4f}{r.macro_f1:>9.4f}{r.oos_recall:>8.3f}"
            f"{r.clarify_share:>8.2%}{p99:>8}{size / 1e6:>8.2f}M"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
