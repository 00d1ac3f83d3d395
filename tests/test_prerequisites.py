"""Without Chromium or pdftoppm the suite stops and says what to install: those tests are never skipped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    # An empty PATH: neither the programs nor apt-get can be found.
    env = {**os.environ, "PATH": str(tmp_path)}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def test_browser_and_pdf_tests_fail_the_run_when_their_programs_are_missing(tmp_path: Path) -> None:
    result = _run("-m", "pytest", "tests/bot/test_console_browser.py", "tests/evaluation/test_certificate_pdf.py",
                  tmp_path=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "skipped" not in output
    assert "chromium (Debian package chromium)" in output
    assert "pdftoppm (Debian package poppler-utils)" in output
    assert "apt-get install -y chromium poppler-utils" in output


def test_other_tests_run_without_them(tmp_path: Path) -> None:
    result = _run("-m", "pytest", "tests/line_emulator/test_emulator_cli.py", tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_make_test_step_names_what_it_cannot_install(tmp_path: Path) -> None:
    result = _run("-m", "tests.prerequisites", tmp_path=tmp_path)
    assert result.returncode == 1
    assert "missing on this machine" in result.stderr
    assert "apt-get install -y chromium poppler-utils" in result.stderr
