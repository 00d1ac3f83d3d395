"""The rich menu: 7 areas (4 above, 3 below) drawn with Pillow in the Sarabun font, created and uploaded through
LINE's API."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL.ImageDraw import ImageDraw
    from PIL.ImageFont import FreeTypeFont

    from bot.line_client import LineClient

WIDTH, HEIGHT = 2500, 1686
ROW_SIZES = (4, 3)  # areas per row, top to bottom
GREEN = (6, 199, 85)
DARK_GREEN = (4, 150, 64)
WHITE = (255, 255, 255)


@dataclass(frozen=True)
class MenuArea:
    label: str
    text: str  # what tapping sends (goes through the NLU like typed text)


AREAS = (
    MenuArea("ค้นหาหลักสูตร", "ค้นหาหลักสูตร"),
    MenuArea("แนะนำหลักสูตร", "แนะนำหลักสูตรสำหรับท่าน"),
    MenuArea("หลักสูตรของฉัน", "หลักสูตรของฉัน"),
    MenuArea("แบบประเมิน", "แบบประเมิน"),
    MenuArea("วุฒิบัตร", "วุฒิบัตร"),
    MenuArea("โปรไฟล์", "แก้ไขโปรไฟล์"),
    MenuArea("ช่วยเหลือ", "ช่วยเหลือ"),
)
ICONS = ("search", "compass", "list", "star", "certificate", "person", "help")


def _draw_icon(draw: ImageDraw, kind: str, cx: float, cy: float, r: float, font: FreeTypeFont) -> None:
    """Simple line icons (the Thai font has no pictographs)."""
    import math

    w = max(8, int(r / 6))
    if kind == "search":
        draw.ellipse((cx - r * 0.75, cy - r * 0.75, cx + r * 0.35, cy + r * 0.35), outline=WHITE, width=w)
        draw.line((cx + r * 0.2, cy + r * 0.2, cx + r * 0.85, cy + r * 0.85), fill=WHITE, width=w + 6)
    elif kind == "compass":
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=WHITE, width=w)
        draw.polygon([(cx + r * 0.55, cy - r * 0.55), (cx + r * 0.15, cy + r * 0.15), (cx - r * 0.15, cy - r * 0.15)],
                     fill=WHITE)
        draw.polygon([(cx - r * 0.55, cy + r * 0.55), (cx + r * 0.15, cy + r * 0.15), (cx - r * 0.15, cy - r * 0.15)],
                     outline=WHITE, width=max(4, w // 2))
    elif kind == "list":
        for dy in (-0.6, 0, 0.6):
            draw.ellipse((cx - r * 0.9, cy + r * dy - w, cx - r * 0.9 + 2 * w, cy + r * dy + w), fill=WHITE)
            draw.line((cx - r * 0.45, cy + r * dy, cx + r * 0.9, cy + r * dy), fill=WHITE, width=w)
    elif kind == "star":
        points = []
        for k in range(10):
            radius = r if k % 2 == 0 else r * 0.42
            angle = -math.pi / 2 + k * math.pi / 5
            points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
        draw.polygon(points, fill=WHITE)
    elif kind == "certificate":
        draw.rectangle((cx - r, cy - r * 0.7, cx + r, cy + r * 0.5), outline=WHITE, width=w)
        draw.line((cx - r * 0.6, cy - r * 0.3, cx + r * 0.6, cy - r * 0.3), fill=WHITE, width=w // 2 + 2)
        draw.ellipse((cx - r * 0.3, cy + r * 0.2, cx + r * 0.3, cy + r * 0.8), fill=WHITE)
    elif kind == "person":
        draw.ellipse((cx - r * 0.4, cy - r, cx + r * 0.4, cy - r * 0.2), fill=WHITE)
        draw.pieslice((cx - r * 0.85, cy - r * 0.05, cx + r * 0.85, cy + r * 1.6), 180, 360, fill=WHITE)
    else:
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=WHITE, width=w)
        draw.text((cx, cy), "?", font=font, fill=WHITE, anchor="mm")


def area_bounds() -> list[tuple[int, int, int, int]]:
    """(x, y, width, height) of each area, in AREAS order: the rows of ROW_SIZES share the image."""
    bounds = []
    row_h = HEIGHT // len(ROW_SIZES)
    for row_index, count in enumerate(ROW_SIZES):
        for col in range(count):
            x0 = col * WIDTH // count
            x1 = (col + 1) * WIDTH // count
            bounds.append((x0, row_index * row_h, x1 - x0, row_h))
    assert len(bounds) == len(AREAS)
    return bounds


def rich_menu_definition() -> dict[str, Any]:
    areas = []
    for area, (x, y, w, h) in zip(AREAS, area_bounds(), strict=True):
        areas.append({
            "bounds": {"x": x, "y": y, "width": w, "height": h},
            "action": {"type": "message", "label": area.label, "text": area.text},
        })
    return {
        "size": {"width": WIDTH, "height": HEIGHT},
        "selected": True,
        "name": "ONDE main menu",
        "chatBarText": "เมนู",
        "areas": areas,
    }


def _font(size: int, *, bold: bool = True) -> FreeTypeFont:
    from fontpkg_sarabun import ROOT
    from PIL import ImageFont

    name = "Sarabun-Bold.ttf" if bold else "Sarabun-Regular.ttf"
    return ImageFont.truetype(str(ROOT / "files" / name), size)


def draw_rich_menu_image() -> bytes:
    """A 2500x1686 PNG: seven green tiles with a symbol and a Thai label each (under 1 MB)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    icon_font = _font(170)
    for i, (area, (x0, y0, cell_w, cell_h)) in enumerate(zip(AREAS, area_bounds(), strict=True)):
        fill = GREEN if i % 2 == 0 else DARK_GREEN
        draw.rounded_rectangle((x0 + 12, y0 + 12, x0 + cell_w - 12, y0 + cell_h - 12), radius=48, fill=fill)
        cx = x0 + cell_w // 2
        _draw_icon(draw, ICONS[i], cx, y0 + cell_h * 0.38, cell_h * 0.17, icon_font)
        size = 120
        label_font = _font(size)
        while size > 60 and label_font.getlength(area.label) > cell_w - 60:
            size -= 6
            label_font = _font(size)
        draw.text((cx, y0 + cell_h * 0.78), area.label, font=label_font, fill=WHITE, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


async def install_rich_menu(line: LineClient) -> str:
    """Create the menu, upload its image (data API) and make it the default; returns its ID."""
    rich_menu_id = await line.create_rich_menu(rich_menu_definition())
    await line.upload_rich_menu_image(rich_menu_id, draw_rich_menu_image())
    await line.set_default_rich_menu(rich_menu_id)
    return str(rich_menu_id)
