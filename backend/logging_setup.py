"""Logging configuration: one line per record, secrets never printed."""

from __future__ import annotations

import logging
import sys


def configure_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # arq logs every job start and finish at INFO: far too chatty for cron jobs every few seconds.
    logging.getLogger("arq.worker").setLevel(logging.WARNING)
