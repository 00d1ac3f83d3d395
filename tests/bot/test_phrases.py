"""Requests the NLU has no intent for, recognised by the bot from the member's own words."""

from __future__ import annotations

import pytest

from bot.phrases import asks_to_fix_official_name


@pytest.mark.parametrize("message", ["แก้ชื่อบนใบประกาศ", "ชื่อในเกียรติบัตรสะกดผิดค่ะ", "ชื่อบนวุฒิบัตรไม่ถูก",
                                     "แก้ไขชื่อ-นามสกุล", "แจ้งชื่อ"])
def test_asking_to_fix_the_name_on_the_certificate_in_any_wording(message: str) -> None:
    assert asks_to_fix_official_name(message)


@pytest.mark.parametrize("message", ["เปลี่ยนชื่อหน่วยงาน", "ชื่อในรายการหลักสูตร", "ขอใบประกาศ"])
def test_other_requests_about_names_or_certificates_are_not_taken_for_it(message: str) -> None:
    assert not asks_to_fix_official_name(message)
