"""A noisy neighbour: a process that keeps a set fraction of one core busy, to play a slower day or a shared host.

    .venv/bin/python -m bench.noisy_neighbour 0.65      (until stopped)

`noisy_neighbour(fraction)` runs it for the duration of a `with` block. The process spins for `fraction` of
each 10 ms period and sleeps the rest, at normal priority, so the benchmark's processes compete with it as
with other tenants' work. The benchmarks' "other processes" CPU line shows what it took.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from collections.abc import Iterator

PERIOD_SECONDS = 0.01


def spin(fraction: float) -> None:
    busy = PERIOD_SECONDS * fraction
    while True:
        start = time.perf_counter()
        while time.perf_counter() - start < busy:
            pass
        time.sleep(max(0.0, PERIOD_SECONDS - (time.perf_counter() - start)))


@contextlib.contextmanager
def noisy_neighbour(fraction: float) -> Iterator[None]:
    if fraction <= 0:
        yield
        return
    process = subprocess.Popen([sys.executable, "-m", "bench.noisy_neighbour", str(fraction)])
    try:
        yield
    finally:
        process.terminate()
        process.wait(timeout=5)


if __name__ == "__main__":
    spin(min(1.0, max(0.0, float(sys.argv[1]))))
