from __future__ import annotations

import pytest

from bot.postback import MAX_POSTBACK_LENGTH, PostbackSigner, decode_postback, encode_postback, plain_postback

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


def test_buttons_signed_before_an_upgrade_still_work() -> None:
    # data as members' chats hold it (signed by earlier releases): same format, same signature
    old = {"reg?s=42&n=ab12~czfs~rH313gHFpNVtlGyq": {"s": "42", "n": "ab12"},
           "more?k=a%26b%3Dc&q=%E0%B8%AB%E0%B8%B2+AI~czfs~laePBPCe_Xg4medy": {"k": "a&b=c", "q": "หา AI"}}
    for data, params in old.items():
        decoded = decode_postback(data, ALICE, secret="k", now=1001)
        assert decoded is not None and decoded.params == params
    sign = PostbackSigner(user_id=ALICE, secret="k", now=1000)
    assert sign("reg", s=42, n="ab12") == "reg?s=42&n=ab12~czfs~rH313gHFpNVtlGyq"
    assert sign("more", k="a&b=c", q="หา AI") == "more?k=a%26b%3Dc&q=%E0%B8%AB%E0%B8%B2+AI~czfs~laePBPCe_Xg4medy"


def test_one_signer_signs_many_buttons_for_its_user_only() -> None:
    sign = PostbackSigner(user_id=ALICE, secret="k", now=1000)
    buttons = [sign("course", c=f"C{i}") for i in range(20)] + [sign("reg", s=7, ttl_seconds=60)]
    for i, data in enumerate(buttons[:20]):
        decoded = decode_postback(data, ALICE, secret="k", now=1001)
        assert decoded is not None and decoded.params == {"c": f"C{i}"}
        assert decode_postback(data, BOB, secret="k", now=1001) is None
    assert decode_postback(buttons[-1], ALICE, secret="k", now=1061) is None  # its own ttl


def test_navigation_is_plain_and_works_in_any_chat_while_actions_stay_signed() -> None:
    # a course's details and the question whether to register: the same button for everyone, never stale
    for data, (action, params) in {plain_postback("course", c="DG-101"): ("course", {"c": "DG-101"}),
                                   plain_postback("reg", s=42): ("reg", {"s": "42"}),
                                   plain_postback("course", c="A~B&C"): ("course", {"c": "A~B&C"})}.items():
        assert "~" not in data
        for user in (ALICE, BOB):
            decoded = decode_postback(data, user, secret="k", now=10**12)
            assert decoded is not None and (decoded.action, decoded.params) == (action, params)
    # anything that changes something has no plain form, and plain data of such an action is refused
    with pytest.raises(ValueError):
        plain_postback("reg_ok", s=42, n="ab12")
    for forged in ("reg_ok?s=42&n=ab12", "cancel_ok?r=1", "del_ok", "priv_del", ""):
        assert decode_postback(forged, ALICE, secret="k", now=1001) is None
    # a signed button of a plain action, from before the change, still works for its member only
    old = encode_postback("course", user_id=ALICE, secret="k", now=1000, c="DG-101")
    assert decode_postback(old, ALICE, secret="k", now=1001) is not None
    assert decode_postback(old, BOB, secret="k", now=1001) is None
