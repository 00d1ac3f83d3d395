"""LINE platform emulator: the Messaging API, webhooks and test users on loopback.

Public API::

    create_emulator_app(config) -> FastAPI        # app.state.emulator is the Emulator
    run_emulator(config) -> async ctx (base_url, emulator)
    Emulator, EmulatorConfig, FaultConfig, RateLimit, TestUser, make_user_id
    EmulatorClient(base_url)                      # HTTP client of /_emulator
    build_event(user_id, action, ...), build_webhook_body(events, destination), sign(body, secret)
    load_spec(path).schemas.validate("PushMessageRequest", body) -> [Violation]
"""

from line_emulator.app import create_emulator_app
from line_emulator.client import EmulatorClient
from line_emulator.config import EmulatorConfig, FaultConfig, RateLimit, TestUser, make_user_id
from line_emulator.events import build_event, build_webhook_body, sign
from line_emulator.runner import RunningEmulator, run_emulator, serve_app
from line_emulator.schema import SchemaSet, Violation
from line_emulator.spec import LineApiSpec, load_spec
from line_emulator.state import Emulator, ReplyTokenError, SentEvent

__all__ = [
    "Emulator",
    "EmulatorClient",
    "EmulatorConfig",
    "FaultConfig",
    "LineApiSpec",
    "RateLimit",
    "ReplyTokenError",
    "RunningEmulator",
    "SchemaSet",
    "SentEvent",
    "TestUser",
    "Violation",
    "build_event",
    "build_webhook_body",
    "create_emulator_app",
    "load_spec",
    "make_user_id",
    "run_emulator",
    "serve_app",
    "sign",
]
