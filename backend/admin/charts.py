"""Charts drawn in the browser by Apache ECharts (vendored in static/vendor, served from this site; see
`make vendor-js`). A page carries each chart's ECharts option as JSON in a <script type="application/json">
block that static/charts.js reads (no inline script: the Content-Security-Policy allows only this site's
scripts). Labels are Thai and periods are written in the Buddhist era (ธ.ค. 2569, ไตรมาส 1/2570) before they
get here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

PALETTE = ("#0b5cad", "#e07b00", "#1f8a4c", "#8a3ffc", "#b42318", "#0f8b8d")
FONT = "Sarabun, 'Noto Sans Thai', Tahoma, sans-serif"
NO_DATA = "ยังไม่มีข้อมูลในช่วงที่เลือก"
LABEL_WIDTH = 180  # pixels for a bar's label

Number = float | int | None


@dataclass(frozen=True)
class Chart:
    """One chart of a page: `key` is its element id, `option` the ECharts option, `height` in pixels."""

    key: str
    title: str
    option: dict[str, Any] = field(default_factory=dict)
    height: int = 320

    @property
    def has_data(self) -> bool:
        return any(any(v is not None for v in s.get("data", [])) for s in self.option.get("series", []))


def _base(title: str) -> dict[str, Any]:
    return {
        "color": list(PALETTE),
        "textStyle": {"fontFamily": FONT},
        "title": {"text": title, "left": 0, "textStyle": {"fontSize": 15, "fontWeight": 600}},
        "legend": {"top": 30, "left": 0, "type": "scroll"},
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "animation": False,
    }


def _empty(key: str, title: str) -> Chart:
    option = _base(title)
    option["graphic"] = [{"type": "text", "left": "center", "top": "middle",
                          "style": {"text": NO_DATA, "fontSize": 15, "fill": "#5b6475"}}]
    option["series"] = []
    return Chart(key, title, option, height=120)


def bar_chart(key: str, rows: Sequence[tuple[str, Number]], *, title: str, series_name: str,
              max_value: float | None = None, unit: str = "") -> Chart:
    """Horizontal bars, one per (label, value), largest first as given, with the value at the bar's end."""
    if not rows:
        return _empty(key, title)
    option = _base(title)
    # A fixed room for the labels (cut with an ellipsis past LABEL_WIDTH): Thai labels measured before the
    # page's typeface is in use would otherwise spill over the left edge.
    option["grid"] = {"left": LABEL_WIDTH + 30, "right": 56, "top": 66, "bottom": 24, "containLabel": False}
    option["xAxis"] = {"type": "value", "max": max_value, "name": unit, "nameLocation": "end"}
    option["yAxis"] = {"type": "category", "inverse": True, "data": [label for label, _ in rows],
                       "axisLabel": {"width": LABEL_WIDTH, "overflow": "truncate"}}
    option["series"] = [{"type": "bar", "name": series_name, "data": [value for _, value in rows],
                         "label": {"show": True, "position": "right"}, "barMaxWidth": 26}]
    return Chart(key, title, option, height=max(160, 70 + 30 * len(rows)))


def period_chart(key: str, periods: Sequence[str], series: Sequence[tuple[str, Sequence[Number]]], *,
                 title: str, axis_name: str, value_name: str = "", kind: str = "line",
                 max_value: float | None = None, min_value: float | None = None) -> Chart:
    """One line (or bar group) per series over periods already written in the Buddhist era."""
    if not periods or not any(v is not None for _, values in series for v in values):
        return _empty(key, title)
    option = _base(title)
    option["grid"] = {"left": 8, "right": 24, "top": 92, "bottom": 36, "containLabel": True}
    option["xAxis"] = {"type": "category", "data": list(periods), "name": axis_name, "nameLocation": "middle",
                       "nameGap": 30, "boundaryGap": True, "axisLabel": {"interval": 0, "hideOverlap": True}}
    option["yAxis"] = {"type": "value", "name": value_name, "max": max_value, "min": min_value}
    option["series"] = [{"type": kind, "name": name, "data": list(values), "connectNulls": False,
                         "symbolSize": 7, **({"barMaxWidth": 28} if kind == "bar" else {})}
                        for name, values in series]
    return Chart(key, title, option, height=340)
