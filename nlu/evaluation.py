"""``python -m nlu evaluate``: intent and entity quality on the held-out test set, plus latency."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from nlu.markup import REFERENCE_DAY, Example, load_examples
from nlu.normalize import normalize
from nlu.pipeline import Pipeline
from nlu.types import ENTITY_TYPES, INTENTS, Entity

TEST_DIR = Path(__file__).resolve().parent / "data" / "test"
TARGETS = {"accuracy": 0.93, "entity_f1": 0.90, "oos_recall": 0.85}


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvaluationResult:
    n: int
    accuracy: float
    macro_f1: float
    per_intent: dict[str, PRF]
    confusions: list[tuple[str, str, int]]
    entity_by_type: dict[str, PRF]
    entity_micro: PRF
    entity_micro_strict: PRF
    latency_ms: dict[str, float]
    errors: list[tuple[Example, str, float]] = field(default_factory=list)
    entity_errors: list[tuple[Example, list[Entity]]] = field(default_factory=list)
    overlap_with_train: int = 0
    ece: float = 0.0

    @property
    def oos_recall(self) -> float:
        return self.per_intent["out_of_scope"].recall

    def meets_targets(self) -> bool:
        return (
            self.accuracy >= TARGETS["accuracy"]
            and self.entity_micro.f1 >= TARGETS["entity_f1"]
            and self.oos_recall >= TARGETS["oos_recall"]
        )


def _same_entity(gold: Entity, pred: Entity, *, strict: bool) -> bool:
    if gold.type != pred.type or gold.value != pred.value:
        return False
    if strict:
        return gold.start == pred.start and gold.end == pred.end
    return gold.start < pred.end and pred.start < gold.end


def _match_entities(gold: list[Entity], pred: list[Entity], *, strict: bool) -> tuple[list[bool], list[bool]]:
    """Which gold entities were found and which predictions were right (one-to-one)."""
    found = [False] * len(gold)
    right = [False] * len(pred)
    for j, p in enumerate(pred):
        for i, g in enumerate(gold):
            if not found[i] and _same_entity(g, p, strict=strict):
                found[i] = right[j] = True
                break
    return found, right


def _percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return 0.0
    k = min(len(sorted_values) - 1, max(0, round(q / 100 * (len(sorted_values) - 1))))
    return sorted_values[k]


def _ece(confidences: list[float], correct: list[bool], bins: int = 10) -> float:
    total = len(confidences)
    error = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, c in enumerate(confidences) if lo < c <= hi or (b == 0 and c == 0)]
        if idx:
            acc = sum(correct[i] for i in idx) / len(idx)
            conf = sum(confidences[i] for i in idx) / len(idx)
            error += len(idx) / total * abs(acc - conf)
    return error


def evaluate(
    pipeline: Pipeline, examples: list[Example], *, train_texts: set[str] | None = None
) -> EvaluationResult:
    today = dt.date.fromisoformat(REFERENCE_DAY)
    per_intent = {i: PRF() for i in INTENTS}
    confusion: Counter[tuple[str, str]] = Counter()
    by_type = {t: PRF() for t in ENTITY_TYPES}
    micro, strict_micro = PRF(), PRF()
    errors: list[tuple[Example, str, float]] = []
    entity_errors: list[tuple[Example, list[Entity]]] = []
    correct = 0
    confidences: list[float] = []
    correctness: list[bool] = []
    for ex in examples:
        result = pipeline.parse(ex.text, today)
        confidences.append(result.confidence)
        correctness.append(result.intent == ex.intent)
        if result.intent == ex.intent:
            correct += 1
            per_intent[ex.intent].tp += 1
        else:
            per_intent[ex.intent].fn += 1
            per_intent[result.intent].fp += 1
            confusion[(ex.intent, result.intent)] += 1
            errors.append((ex, result.intent, result.confidence))
        gold, pred = list(ex.entities), list(result.entities)
        found, right = _match_entities(gold, pred, strict=False)
        for g, ok in zip(gold, found, strict=True):
            if ok:
                by_type[g.type].tp += 1
                micro.tp += 1
            else:
                by_type[g.type].fn += 1
                micro.fn += 1
        for p, ok in zip(pred, right, strict=True):
            if not ok:
                by_type.setdefault(p.type, PRF()).fp += 1
                micro.fp += 1
        if not all(found) or not all(right):
            entity_errors.append((ex, pred))
        s_found, s_right = _match_entities(gold, pred, strict=True)
        strict_micro.tp += sum(s_found)
        strict_micro.fn += len(s_found) - sum(s_found)
        strict_micro.fp += len(s_right) - sum(s_right)

    latency = measure_latency(pipeline, [ex.text for ex in examples], today)
    overlap = 0
    if train_texts is not None:
        overlap = sum(normalize(ex.text).text in train_texts for ex in examples)
    n = len(examples)
    macro = sum(per_intent[i].f1 for i in INTENTS) / len(INTENTS)
    confusions = sorted(((g, p, c) for (g, p), c in confusion.items()), key=lambda x: (-x[2], x[0], x[1]))
    return EvaluationResult(
        n=n,
        accuracy=correct / n if n else 0.0,
        macro_f1=macro,
        per_intent=per_intent,
        confusions=confusions,
        entity_by_type=by_type,
        entity_micro=micro,
        entity_micro_strict=strict_micro,
        latency_ms=latency,
        errors=errors,
        entity_errors=entity_errors,
        overlap_with_train=overlap,
        ece=_ece(confidences, correctness),
    )


def measure_latency(
    pipeline: Pipeline, texts: list[str], today: dt.date, rounds: int = 5
) -> dict[str, float]:
    """Per-message parse time in milliseconds, after one warm-up pass."""
    for text in texts:
        pipeline.parse(text, today)
    timings: list[float] = []
    for _ in range(rounds):
        for text in texts:
            t0 = time.perf_counter()
            pipeline.parse(text, today)
            timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    return {
        "p50": _percentile(timings, 50),
        "p90": _percentile(timings, 90),
        "p99": _percentile(timings, 99),
        "max": timings[-1] if timings else 0.0,
        "mean": sum(timings) / len(timings) if timings else 0.0,
    }


def format_report(result: EvaluationResult, *, show_errors: int = 0) -> str:
    lines: list[str] = []
    ok = "OK" if result.meets_targets() else "BELOW TARGET"
    lines.append(
        f"test examples: {result.n}   (identical to a training example: {result.overlap_with_train})"
    )
    lines.append(
        f"intent accuracy: {result.accuracy:.4f}   macro-F1: {result.macro_f1:.4f}   "
        f"out_of_scope recall: {result.oos_recall:.4f}   ECE: {result.ece:.4f}"
    )
    lines.append("")
    lines.append(f"{'intent':<22}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>9}")
    for intent in INTENTS:
        m = result.per_intent[intent]
        lines.append(f"{intent:<22}{m.precision:>10.3f}{m.recall:>10.3f}{m.f1:>10.3f}{m.tp + m.fn:>9}")
    lines.append("")
    lines.append("confusions (gold -> predicted: count):")
    if not result.confusions:
        lines.append("  none")
    for gold, pred, count in result.confusions[:15]:
        lines.append(f"  {gold} -> {pred}: {count}")
    lines.append("")
    lines.append("entities (type and value must match, spans must overlap):")
    lines.append(f"{'type':<22}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>9}")
    for etype, m in result.entity_by_type.items():
        lines.append(f"{etype:<22}{m.precision:>10.3f}{m.recall:>10.3f}{m.f1:>10.3f}{m.tp + m.fn:>9}")
    mi, st = result.entity_micro, result.entity_micro_strict
    lines.append(f"{'micro':<22}{mi.precision:>10.3f}{mi.recall:>10.3f}{mi.f1:>10.3f}{mi.tp + mi.fn:>9}")
    lines.append(
        f"{'micro (exact spans)':<22}{st.precision:>10.3f}{st.recall:>10.3f}{st.f1:>10.3f}{st.tp + st.fn:>9}"
    )
    lines.append("")
    lat = result.latency_ms
    lines.append(
        "latency per message (ms, after warm-up): "
        f"p50 {lat['p50']:.3f}  p90 {lat['p90']:.3f}  p99 {lat['p99']:.3f}  max {lat['max']:.3f}  mean {lat['mean']:.3f}"
    )
    lines.append("")
    lines.append(
        f"targets: accuracy >= {TARGETS['accuracy']}, entity micro-F1 >= {TARGETS['entity_f1']}, "
        f"out_of_scope recall >= {TARGETS['oos_recall']}: {ok}"
    )
    if show_errors:
        lines.append("")
        lines.append("intent errors:")
        for ex, pred, conf in result.errors[:show_errors]:
            lines.append(f"  [{ex.intent} -> {pred} {conf:.2f}] {ex.text}")
        lines.append("entity errors:")
        for ex, pred in result.entity_errors[:show_errors]:
            gold = [(e.type, e.value, e.text) for e in ex.entities]
            got = [(e.type, e.value, e.text) for e in pred]
            lines.append(f"  {ex.text}\n     gold {gold}\n     got  {got}")
    return "\n".join(lines)


def run(test_dir: Path = TEST_DIR, *, show_errors: int = 0) -> tuple[EvaluationResult, str]:
    from nlu.training import TRAIN_DIR

    pipeline = Pipeline()
    train_texts = {normalize(ex.text).text for ex in load_examples(TRAIN_DIR)}
    result = evaluate(pipeline, load_examples(test_dir), train_texts=train_texts)
    return result, format_report(result, show_errors=show_errors)
