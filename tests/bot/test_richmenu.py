"""The rich menu is drawn, created, uploaded through the data API and set as the default."""

from __future__ import annotations

import io

from PIL import Image

import nlu
from bot.line_client import LineClient
from bot.richmenu import AREAS, draw_rich_menu_image, install_rich_menu
from line_emulator import EmulatorConfig, run_emulator
from tests.clock import CLOCK


def test_image_size_and_weight() -> None:
    png = draw_rich_menu_image()
    image = Image.open(io.BytesIO(png))
    assert image.size == (2500, 1686)
    assert len(png) < 1024 * 1024


def test_each_area_sends_text_the_nlu_routes() -> None:
    expected = ["search_courses", "search_courses", "my_registrations", "evaluate", "certificate", "update_profile",
                "help"]
    assert [nlu.parse(area.text).intent for area in AREAS] == expected


def test_the_recommendations_area_is_recognised_as_asking_for_advice() -> None:
    from bot.phrases import asks_for_recommendations

    assert [area.label for area in AREAS if asks_for_recommendations(area.text)] == ["แนะนำหลักสูตร"]


def test_areas_cover_the_image_without_overlap() -> None:
    from bot.richmenu import rich_menu_definition

    areas = [a["bounds"] for a in rich_menu_definition()["areas"]]
    assert sum(b["width"] * b["height"] for b in areas) == 2500 * (1686 // 2) * 2
    assert all(b["x"] + b["width"] <= 2500 and b["y"] + b["height"] <= 1686 for b in areas)


async def test_install_through_the_emulator() -> None:
    async with run_emulator(EmulatorConfig(channel_access_token="tok")) as (base_url, emulator):
        line = LineClient(base_url=base_url, access_token="tok", clock=CLOCK)
        try:
            menu_id = await install_rich_menu(line)
        finally:
            await line.close()
        assert emulator.default_rich_menu_id == menu_id
        assert emulator.calls_to("setRichMenuImage")
