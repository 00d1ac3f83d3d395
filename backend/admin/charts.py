"""Server-side SVG charts (no JavaScript, no CDN): horizontal bars and a monthly line chart."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

PALETTE = ("#0b5cad", "#e07b00", "#1f8a4c", "#8a3ffc", "#b42318")


def _fmt(value: float) -> str:
    return f"{value:,.2f}" if isinstance(value, float) and not value.is_integer() else f"{int(value):,}"


def bar_chart(rows: Sequence[tuple[str, float]], *, title: str, max_value: float | None = None,
              width: int = 440, bar_height: int = 24, label_width: int = 170) -> Markup:
    """Horizontal bars, one per (label, value), with the value printed at the end of each bar."""
    if not rows:
        return empty_chart(title)
    top = max_value or max((v for _, v in rows), default=0) or 1
    plot = width - label_width - 70
    height = len(rows) * (bar_height + 8) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(title)}" class="bar-chart"><title>{escape(title)}</title>']
    for i, (label, value) in enumerate(rows):
        y = 5 + i * (bar_height + 8)
        length = max(1.0, plot * (value / top)) if value else 0
        short = label if len(label) <= 24 else label[:23] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.72:.1f}" text-anchor="end" font-size="14" '
            f'fill="#1d2433">{escape(short)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" rx="3" '
            f'fill="{PALETTE[0]}"><title>{escape(label)}: {_fmt(value)}</title></rect>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + bar_height * 0.72:.1f}" font-size="14" '
            f'fill="#1d2433">{_fmt(value)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def line_chart(labels: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], *, title: str,
               width: int = 440, height: int = 230) -> Markup:
    """One line per series over the labels (months), with a legend and a y axis from zero."""
    if not labels:
        return empty_chart(title)
    left, right, top_pad, bottom = 48, 16, 28, 36
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = max((v for _, values in series for v in values), default=0) or 1
    step = plot_w / max(1, len(labels) - 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(title)}" class="line-chart"><title>{escape(title)}</title>']
    for k in range(5):
        value = top * k / 4
        y = top_pad + plot_h - plot_h * k / 4
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d9dee8"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" fill="#5b6475">'
                     f'{_fmt(round(value))}</text>')
    every = max(1, len(labels) // 8)
    for i, label in enumerate(labels):
        if i % every == 0:
            x = left + (step * i if len(labels) > 1 else plot_w / 2)
            parts.append(f'<text x="{x:.1f}" y="{height - 12}" text-anchor="middle" font-size="11" '
                         f'fill="#5b6475">{escape(label)}</text>')
    for s, (name, values) in enumerate(series):
        color = PALETTE[s % len(PALETTE)]
        points = []
        for i, value in enumerate(values):
            x = left + (step * i if len(labels) > 1 else plot_w / 2)
            y = top_pad + plot_h - plot_h * (value / top)
            points.append((x, y, value))
        parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2.5" '
                     f'points="{" ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)}"/>')
        for x, y, value in points:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{color}">'
                         f'<title>{escape(name)}: {_fmt(value)}</title></circle>')
        parts.append(f'<rect x="{left + s * 140}" y="6" width="12" height="12" fill="{color}"/>'
                     f'<text x="{left + s * 140 + 18}" y="16" font-size="12" fill="#1d2433">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def empty_chart(title: str, width: int = 440, height: int = 50) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="empty-chart"><title>{escape(title)}</title>'
        f'<text x="{width / 2}" y="{height / 2 + 5}" text-anchor="middle" font-size="15" fill="#5b6475">'
        f'ยังไม่มีข้อมูลในช่วงที่เลือกค่ะ</text></svg>'
    )
