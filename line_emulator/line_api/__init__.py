"""The LINE Messaging API as the emulator answers it.

``pipeline`` takes every call through LINE's checks in LINE's order and hands it to the
operation's handler, registered by ``operationId`` (``context.handles``) in ``messages``,
``users`` and ``rich_menus``.  Operations without a handler of their own answer a minimal
schema-valid response, so every SDK call gets through.
"""

# The handlers register themselves when their modules are imported.
from line_emulator.line_api import messages, rich_menus, users  # noqa: F401
from line_emulator.line_api.context import ApiError, CallContext
from line_emulator.line_api.pipeline import build_line_router

__all__ = ["ApiError", "CallContext", "build_line_router"]
