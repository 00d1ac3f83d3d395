from __future__ import annotations

from bot.postback import MAX_POSTBACK_LENGTH, decode_postback, encode_postback

ALICE = "U" + "1" * 32
BOB = "U" + "2" * 32


def test_round_trip_for_the_same_user() -> None:
    data = encode_postback("reg", user_id=ALICE, secret="k", now=1000, s=42, n="ab12")
    decoded = decode_postback(data, ALICE, secret="k", now=1001)
    assert decoded is not None and decoded.action == "reg" and decoded.int("s") == 42
    assert len(data) <= MAX_POSTBACK_LENGTH


def test_other_user_edited_or_expired_data_is_refused() -> None:
    data = encode_postback("reg", user_id=ALICE, secret="k", s=42, now=1000, ttl_seconds=60)
    assert decode_postback(data, BOB, secret="k", now=1001) is None
    assert decode_postback(data.replace("s=42", "s=43"), ALICE, secret="k", now=1001) is None
    assert decode_postback(data, ALICE, secret="other", now=1001) is None
    assert decode_postback(data, ALICE, secret="k", now=2000) is None
    assert decode_postback("garbage", ALICE, secret="k", now=1001) is None
    assert decode_postback(data, ALICE, secret="k", now=1001) is not None
