"""Hostile input never crashes the webhook or the NLU: generated bodies get a clear 4xx or a normal answer."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nlu
from app.main import create_app
from backend.settings import Settings
from tests.clock import ticking_clock

JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
EVENT_KEYS = st.sampled_from(["type", "source", "webhookEventId", "replyToken", "message", "postback",
                              "deliveryContext", "mode", "timestamp", "userId"])
EVENTS = st.dictionaries(EVENT_KEYS, JSON_VALUES, max_size=8)


def _sign(body: bytes, secret: str) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


@pytest.fixture(scope="module")
def webhook(test_settings: Settings) -> Iterator[tuple[TestClient, str]]:
    app = create_app(test_settings, init_database=False, run_worker=False, clock=ticking_clock())
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, test_settings.line_channel_secret


def _post(client: TestClient, body: bytes, secret: str | None) -> int:
    headers = {"content-type": "application/json"}
    if secret is not None:
        headers["x-line-signature"] = _sign(body, secret)
    return client.post("/line/webhook", content=body, headers=headers).status_code


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(events=st.lists(EVENTS, max_size=5))
def test_signed_but_strange_events_are_acknowledged_or_refused(webhook: tuple[TestClient, str],
                                                               events: list[dict[str, Any]]) -> None:
    client, secret = webhook
    body = json.dumps({"destination": "U0", "events": events}).encode()
    assert _post(client, body, secret) in (200, 400)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=st.binary(max_size=2048))
def test_arbitrary_bytes_with_a_valid_signature_get_a_clear_answer(webhook: tuple[TestClient, str],
                                                                   body: bytes) -> None:
    client, secret = webhook
    assert _post(client, body, secret) in (200, 400)


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=st.binary(max_size=512))
def test_unsigned_or_forged_bodies_are_refused(webhook: tuple[TestClient, str], body: bytes) -> None:
    client, secret = webhook
    assert _post(client, body, None) == 400
    assert _post(client, body, secret + "x") == 400


def test_deeply_nested_and_huge_numbers(webhook: tuple[TestClient, str]) -> None:
    client, secret = webhook
    nested = b'{"events": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    assert _post(client, nested, secret) == 400
    huge = b'{"events": [{"type": "message", "timestamp": ' + b"9" * 4000 + b"}]}"
    assert _post(client, huge, secret) in (200, 400)


def test_oversized_body_is_refused_with_413(webhook: tuple[TestClient, str]) -> None:
    client, secret = webhook
    body = json.dumps({"events": [], "pad": "x" * (1024 * 1024 + 10)}).encode()
    assert _post(client, body, secret) == 413


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=600))
def test_nlu_never_raises_on_any_text(text: str) -> None:
    parse = nlu.parse(text)
    assert parse.intent in nlu.INTENTS
    assert 0.0 <= parse.confidence <= 1.0
    for entity in parse.entities:
        assert 0 <= entity.start <= entity.end <= len(text)
        assert text[entity.start:entity.end] == entity.text


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=400))
def test_nlu_survives_text_decoded_from_arbitrary_bytes(data: bytes) -> None:
    text = data.decode("utf-8", errors="surrogateescape")
    assert nlu.parse(text).intent in nlu.INTENTS
