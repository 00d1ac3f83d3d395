"""Benchmark of the Thai NLU against a plain newmm + keyword baseline.

Prints, for both: intent accuracy and entity micro-F1 on the held-out test set,
per-message latency (p50/p90/p99/max after warm-up), sequential throughput on
one core, cold start (fresh interpreter: import + first parse) and peak memory.

    .venv/bin/python bench/nlu_bench.py [--rounds 20] [--cold-runs 5]

Every measurement runs in a fresh subprocess pinned to one CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The baseline: newmm with pythainlp's own dictionary, then the first intent whose keyword
# appears among the tokens; entities are tokens found verbatim in the gazetteer files.
BASELINE_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    ("delete_my_data", ("ลบ", "ยินยอม", "pdpa", "delete")),
    ("cancel_registration", ("ยกเลิก", "ถอน", "สละสิทธิ์", "cancel")),
    ("certificate", ("เกียรติบัตร", "ใบประกาศ", "วุฒิบัตร", "เซอร์", "cert", "certificate")),
    ("evaluate", ("ประเมิน", "แบบสอบถาม", "แบบทดสอบ", "survey", "feedback")),
    ("update_profile", ("แก้ไข", "เปลี่ยน", "สังกัด", "ตำแหน่ง", "โปรไฟล์", "อีเมล")),
    ("my_registrations", ("สถานะ", "ประวัติ", "ของฉัน", "status")),
    ("register", ("สมัคร", "ลงทะเบียน", "จอง", "register")),
    ("contact_staff", ("เจ้าหน้าที่", "แอดมิน", "ติดต่อ", "โทร", "ปัญหา", "ร้องเรียน")),
    ("search_courses", ("หลักสูตร", "คอร์ส", "อบรม", "เรียน", "course")),
    ("help", ("เมนู", "วิธี", "ช่วย", "help", "menu")),
    ("thanks", ("ขอบคุณ", "ขอบใจ", "thank", "thanks")),
    ("greet", ("สวัสดี", "หวัดดี", "hello", "hi")),
]


def _pin_one_cpu() -> None:
    try:
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[-1]})
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        pass


def _percentiles(values: list[float]) -> dict[str, float]:
    values = sorted(values)

    def q(p: float) -> float:
        return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]

    return {"p50": q(50), "p90": q(90), "p99": q(99), "max": values[-1], "mean": statistics.fmean(values)}


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ----------------------------------------------------------------------------- workers


class Baseline:
    def __init__(self) -> None:
        os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
        os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
        from pythainlp.tokenize import word_tokenize

        from nlu.entities.resources import all_terms

        self._tokenize = word_tokenize
        self._terms = {
            t.form.lower(): (t.type, t.value) for t in all_terms() if not t.weak and t.type != "block"
        }
        word_tokenize("สวัสดี", engine="newmm")

    def parse(self, text: str):
        from nlu.types import Entity, Parse

        tokens = self._tokenize(text.lower(), engine="newmm", keep_whitespace=False)
        intent = "out_of_scope"
        for candidate, words in BASELINE_KEYWORDS:
            if any(w in t for t in tokens for w in words):
                intent = candidate
                break
        entities = []
        pos = 0
        lowered = text.lower()
        for token in tokens:
            start = lowered.find(token, pos)
            if start < 0:
                continue
            pos = start + len(token)
            hit = self._terms.get(token)
            if hit:
                entities.append(Entity(hit[0], hit[1], text[start:pos], start, pos))
        return Parse(intent, 1.0, entities, [(intent, 1.0)])


def _system(name: str):
    if name == "nlu":
        import datetime as dt

        import nlu

        today = dt.date(2026, 11, 28)
        nlu.warm_up()
        return lambda text: nlu.parse(text, today=today, cache=False)  # the pipeline's own speed
    baseline = Baseline()
    return baseline.parse


def worker_quality(name: str) -> dict:
    from nlu.evaluation import _match_entities
    from nlu.markup import load_examples
    from nlu.training import TEST_DIR

    parse = _system(name)
    examples = load_examples(TEST_DIR)
    correct = tp = fp = fn = 0
    oos_total = oos_hit = 0
    for ex in examples:
        result = parse(ex.text)
        correct += result.intent == ex.intent
        if ex.intent == "out_of_scope":
            oos_total += 1
            oos_hit += result.intent == "out_of_scope"
        found, right = _match_entities(list(ex.entities), list(result.entities), strict=False)
        tp += sum(found)
        fn += len(found) - sum(found)
        fp += len(right) - sum(right)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "examples": len(examples),
        "accuracy": correct / len(examples),
        "entity_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "oos_recall": oos_hit / oos_total,
    }


def worker_speed(name: str, rounds: int) -> dict:
    import gc

    from nlu.markup import load_examples
    from nlu.training import TEST_DIR

    _pin_one_cpu()
    parse = _system(name)
    texts = [ex.text for ex in load_examples(TEST_DIR)]
    for text in texts:  # warm-up
        parse(text)
    gc.collect()
    timings: list[float] = []
    t_start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            t0 = time.perf_counter()
            parse(text)
            timings.append((time.perf_counter() - t0) * 1000)
    elapsed = time.perf_counter() - t_start
    long_texts = [
        "ก" * 5000,
        ("สมัครคอร์ส AI รุ่นที่ 2 เดือนหน้าที่เชียงใหม่ค่ะ " * 120)[:5000],
        ("ONDE-AI-001 15 ธ.ค. 2569 ไม่ใช่สายไอที 😀 " * 150)[:5000],
        "😀" * 5000,
        ("\x00\x07 abc ม.ค. " * 600)[:5000],
    ]
    long_timings: list[float] = []
    for _ in range(20):
        for text in long_texts:
            t0 = time.perf_counter()
            parse(text)
            long_timings.append((time.perf_counter() - t0) * 1000)
    return {
        "messages": len(timings),
        "latency_ms": _percentiles(timings),
        "throughput": len(timings) / elapsed,
        "long_latency_ms": _percentiles(long_timings),
        "peak_rss_mb": _peak_rss_mb(),
    }


def worker_cold(name: str) -> dict:
    t0 = time.perf_counter()
    if name == "nlu":
        import nlu

        nlu.parse("สวัสดีค่ะ อยากสมัครคอร์ส AI")
    else:
        Baseline().parse("สวัสดีค่ะ อยากสมัครคอร์ส AI")
    return {"seconds": time.perf_counter() - t0, "peak_rss_mb": _peak_rss_mb()}


# ----------------------------------------------------------------------------- driver


def _run_worker(args: list[str], env: dict[str, str] | None = None) -> tuple[dict, float]:
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, __file__, "--worker", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - t0
    return json.loads(out.stdout.strip().splitlines()[-1]), wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20, help="passes over the test messages for latency")
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, name, *rest = args.worker
        if kind == "quality":
            result = worker_quality(name)
        elif kind == "speed":
            result = worker_speed(name, int(rest[0]))
        else:
            result = worker_cold(name)
        print(json.dumps(result))
        return

    env = {k: v for k, v in os.environ.items()}
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, measurements pinned to one CPU")
    rows = {}
    for name in ("nlu", "baseline"):
        quality, _ = _run_worker(["quality", name], env)
        speed, _ = _run_worker(["speed", name, str(args.rounds)], env)
        colds = []
        walls = []
        cold_rss = []
        for i in range(args.cold_runs):
            run_env = dict(env)
            if i == 0:  # the very first start also writes the segmentation dictionary cache
                run_env["NLU_CACHE_DIR"] = tempfile.mkdtemp(prefix="nlu-bench-")
            cold, wall = _run_worker(["cold", name], run_env)
            colds.append(cold["seconds"])
            walls.append(wall)
            cold_rss.append(cold["peak_rss_mb"])
        rows[name] = (quality, speed, colds, walls, cold_rss)

    def line(label: str, fmt, key):
        values = [fmt(key(rows[n])) for n in ("nlu", "baseline")]
        print(f"{label:<44}{values[0]:>16}{values[1]:>16}")

    print()
    print(f"{'':<44}{'nlu':>16}{'newmm+keywords':>16}")
    line("test examples", str, lambda r: r[0]["examples"])
    line("intent accuracy", lambda v: f"{v:.4f}", lambda r: r[0]["accuracy"])
    line("out_of_scope recall", lambda v: f"{v:.4f}", lambda r: r[0]["oos_recall"])
    line("entity micro-F1", lambda v: f"{v:.4f}", lambda r: r[0]["entity_f1"])
    line("latency p50 (ms)", lambda v: f"{v:.3f}", lambda r: r[1]["latency_ms"]["p50"])
    line("latency p90 (ms)", lambda v: f"{v:.3f}", lambda r: r[1]["latency_ms"]["p90"])
    line("latency p99 (ms)", lambda v: f"{v:.3f}", lambda r: r[1]["latency_ms"]["p99"])
    line("latency max (ms)", lambda v: f"{v:.3f}", lambda r: r[1]["latency_ms"]["max"])
    line("throughput, one core (msg/s)", lambda v: f"{v:,.0f}", lambda r: r[1]["throughput"])
    line("5,000-char messages p99 (ms)", lambda v: f"{v:.3f}", lambda r: r[1]["long_latency_ms"]["p99"])
    line("5,000-char messages max (ms)", lambda v: f"{v:.3f}", lambda r: r[1]["long_latency_ms"]["max"])
    line("cold start import+parse, first (s)", lambda v: f"{v:.3f}", lambda r: r[2][0])
    line("cold start import+parse, median (s)", lambda v: f"{v:.3f}", lambda r: statistics.median(r[2]))
    line("cold start import+parse, max (s)", lambda v: f"{v:.3f}", lambda r: max(r[2]))
    line("process start to exit, median (s)", lambda v: f"{v:.3f}", lambda r: statistics.median(r[3]))
    line("peak RSS after cold start (MB)", lambda v: f"{v:.1f}", lambda r: max(r[4]))
    line("peak RSS after the latency run (MB)", lambda v: f"{v:.1f}", lambda r: r[1]["peak_rss_mb"])
    print()
    print(f"messages timed per system: {rows['nlu'][1]['messages']} ({args.rounds} passes over the test set)")
    print("targets: p99 <= 3 ms, >= 1,000 msg/s, cold start <= 2 s, memory <= 250 MB")


if __name__ == "__main__":
    main()
