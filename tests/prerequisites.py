"""What the test suite needs from the machine besides Python packages.

`python -m tests.prerequisites` (run by `make test`) installs what is missing with apt-get when it runs as
root, and otherwise stops, naming what is missing and the command that installs it. tests/conftest.py makes
the same check on the collected tests, so a run without them fails instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Tool:
    command: str  # looked up on PATH
    package: str  # the Debian package that provides it
    marker: str  # tests carrying this pytest marker need it
    needed_by: str


TOOLS = (
    Tool("chromium", "chromium", "browser", "the browser tests (Playwright drives Debian's Chromium)"),
    Tool("pdftoppm", "poppler-utils", "pdf", "the certificate PDF tests (pages rendered to images)"),
    Tool("faketime", "faketime", "far_clock", "the far-clock runs (the suite with the machine's clock moved away)"),
)


def path_of(command: str) -> str | None:
    return shutil.which(command)


def missing(tools: Iterable[Tool] = TOOLS) -> list[Tool]:
    return [tool for tool in tools if path_of(tool.command) is None]


def describe(lacking: Iterable[Tool]) -> str:
    lacking = list(lacking)
    lines = [f"  {tool.command} (Debian package {tool.package}): needed by {tool.needed_by}" for tool in lacking]
    sudo = "" if os.geteuid() == 0 else "sudo "
    packages = " ".join(tool.package for tool in lacking)
    return "\n".join(["missing on this machine:", *lines, f"install with: {sudo}apt-get install -y {packages}"])


def _apt_install(packages: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    update = subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, text=True)
    if update.returncode != 0:
        return update
    return subprocess.run(["apt-get", "install", "-y", "-qq", *packages], env=env, capture_output=True, text=True)


def main() -> int:
    lacking = missing()
    if not lacking:
        return 0
    if os.geteuid() == 0 and shutil.which("apt-get"):
        packages = [tool.package for tool in lacking]
        print(f"installing for the test suite: apt-get install -y {' '.join(packages)}", flush=True)
        result = _apt_install(packages)
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
        lacking = missing()
        if not lacking:
            return 0
    print(describe(lacking), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
