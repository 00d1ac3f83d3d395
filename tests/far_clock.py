"""Run the whole suite with the machine's clock moved far away, to prove that nothing reads it.

Every date the product works with comes from its injected clock (backend/clock.py), which the tests freeze
at TODAY. So the suite must pass whatever the machine's clock says. libfaketime (Debian's `faketime`) moves
the clock of the test process and everything it starts, in two runs side by side:

- more than a year ahead (+400 days from now);
- 23:58 Bangkok time on 31 December 2569, the last minutes of a Buddhist-era year: the run crosses midnight
  into 2570, and the machine (in UTC) is still on the 31st while Bangkok is on the 1st.

`python -m tests.far_clock [pytest arguments]`; `make test-far-clock` runs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLOCKS = {
    "400 days ahead": "+400d",
    "Buddhist-era New Year's Eve, 23:58 in Bangkok": "@2026-12-31 16:58:00",
}


def main(argv: list[str]) -> int:
    faketime = "faketime"
    if subprocess.run(["which", faketime], capture_output=True).returncode != 0:
        print("missing on this machine: faketime (Debian package faketime); run python -m tests.prerequisites",
              file=sys.stderr)
        return 1
    logs = Path(tempfile.mkdtemp(prefix="onde-far-clock-"))
    env = {**os.environ, "TZ": "UTC"}
    runs = []
    for name, spec in CLOCKS.items():
        log = logs / (spec.strip("@+").replace(" ", "_").replace(":", "") + ".log")
        command = [faketime, "-f", spec, sys.executable, "-m", "pytest", "-p", "no:warnings", *argv]
        print(f"far clock: {name} ({spec}): {' '.join(command[3:])}", flush=True)
        runs.append((name, log, subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT, env=env)))
    started = time.monotonic()
    failed = 0
    for name, log, process in runs:
        code = process.wait()
        tail = log.read_text(errors="replace").strip().splitlines()[-15 if code else -1:]
        print(f"\nfar clock: {name}: {'passed' if code == 0 else f'FAILED (exit {code})'} "
              f"after {time.monotonic() - started:.0f} s; log {log}")
        print("\n".join(tail))
        failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
