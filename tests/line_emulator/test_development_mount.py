"""The web app loads the emulator only when it mounts it, and names the missing package when it cannot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.main import create_app

CHECKOUT = Path(__file__).resolve().parents[2]

PRODUCTION_APP = """
import sys
import bot.dispatcher, bot.line_client, bot.richmenu
from app.main import create_app
from tests.production import production_settings
settings = production_settings()
create_app(settings, init_database=False, run_worker=False)
print(sorted(name for name in sys.modules if name.split(".")[0] == "line_emulator"))
"""


def test_production_app_does_not_load_the_emulator() -> None:
    result = subprocess.run([sys.executable, "-c", PRODUCTION_APP], cwd=CHECKOUT, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_emulator_on_without_the_package_says_how_to_install_it(test_settings: Any,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "line_emulator", None)  # what `pip install .` alone gives
    settings = test_settings.model_copy(update={"line_emulator": True})
    with pytest.raises(RuntimeError, match=r"line_emulator package is not installed.*make venv"):
        create_app(settings, init_database=False, run_worker=False)
