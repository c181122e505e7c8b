"""Small server-side SVG charts for the revenue dashboard: no JavaScript, no library.

Each chart is an <svg role="img"> with a <title> and <desc>; the dashboard prints the same
numbers in a table beside it, which is what screen readers and copy-paste use.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#a3231f", "#1a5fd0", "#2f7d4a", "#8a5a00", "#6b3fa0"]
FONT = "font-family='system-ui, sans-serif' font-size='11'"


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float]


def nice_ceiling(value: float) -> float:
    """The next round number above `value` for an axis: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _number(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 10_000:
        return f"{value / 1000:g}k"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def _open(title: str, description: str, width: int, height: int) -> list[str]:
    ident = "chart-" + hashlib.blake2s(f"{title}|{description}".encode(), digest_size=4).hexdigest()
    return [
        f"<svg xmlns='http://www.w3.org/2000/svg' class='chart' viewBox='0 0 {width} {height}' "
        f"width='100%' role='img' aria-labelledby='{ident}-t {ident}-d' preserveAspectRatio='xMidYMid meet'>",
        f"<title id='{ident}-t'>{escape(title)}</title><desc id='{ident}-d'>{escape(description)}</desc>",
    ]


def line_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    target: float | None = None,
    target_label: str = "Goal",
    width: int = 640,
    height: int = 240,
) -> SafeString:
    """Lines over shared x labels (e.g. days), with an optional dashed target line."""
    left, right, top, bottom = 48, 12, 14, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([*(v for s in series for v in s.values), target or 0, 0])
    y_max = nice_ceiling(peak)
    count = max(len(labels), 1)

    def x(i: int) -> float:
        return left + (plot_w * i / (count - 1) if count > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / y_max

    parts = _open(title, description, width, height)
    parts += _axes(left, top, plot_w, plot_h, y_max, y)
    step = max(1, math.ceil(count / 8))
    for i in range(0, count, step):
        parts.append(
            f"<text x='{x(i):.1f}' y='{top + plot_h + 16}' text-anchor='middle' {FONT} fill='#464b55'>"
            f"{escape(labels[i])}</text>"
        )
    if target is not None:
        parts.append(
            f"<line x1='{left}' x2='{left + plot_w}' y1='{y(target):.1f}' y2='{y(target):.1f}' "
            "stroke='#16181d' stroke-dasharray='5 4'/>"
            f"<text x='{left + plot_w - 2}' y='{y(target) - 4:.1f}' text-anchor='end' {FONT}>"
            f"{escape(target_label)} {_number(target)}</text>"
        )
    for index, line in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(line.values))
        if points:
            parts.append(f"<polyline fill='none' stroke='{colour}' stroke-width='2.5' points='{points}'/>")
    parts += _legend([s.label for s in series], left, height - 8)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def bar_chart(
    bars: Sequence[tuple[str, float]], *, title: str, description: str, width: int = 640, bar_height: int = 22
) -> SafeString:
    """Horizontal bars, one per label (placements, articles), longest scale first."""
    label_w, right, gap = 210, 48, 8
    height = max(1, len(bars)) * (bar_height + gap) + gap
    peak = nice_ceiling(max([v for _, v in bars] + [0]))
    plot_w = width - label_w - right
    parts = _open(title, description, width, height)
    if not bars:
        parts.append(f"<text x='{width / 2}' y='{height / 2 + 4}' text-anchor='middle' {FONT}>Nothing yet</text>")
    for row, (label, value) in enumerate(bars):
        top = gap + row * (bar_height + gap)
        length = plot_w * value / peak
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            f"<text x='{label_w - 8}' y='{top + bar_height * 0.68:.1f}' text-anchor='end' {FONT}>{escape(short)}</text>"
            f"<rect x='{label_w}' y='{top}' width='{length:.1f}' height='{bar_height}' fill='{PALETTE[0]}'/>"
            f"<text x='{label_w + length + 4:.1f}' y='{top + bar_height * 0.68:.1f}' {FONT}>{_number(value)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def _axes(left: int, top: int, plot_w: int, plot_h: int, y_max: float, y) -> list[str]:
    parts = []
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        value = y_max * fraction
        parts.append(
            f"<line x1='{left}' x2='{left + plot_w}' y1='{y(value):.1f}' y2='{y(value):.1f}' stroke='#d9dbe0'/>"
            f"<text x='{left - 6}' y='{y(value) + 4:.1f}' text-anchor='end' {FONT} fill='#464b55'>"
            f"{_number(value)}</text>"
        )
    parts.append(f"<line x1='{left}' x2='{left}' y1='{top}' y2='{top + plot_h}' stroke='#16181d'/>")
    return parts


def _legend(labels: Sequence[str], left: int, baseline: int) -> list[str]:
    parts, x = [], left
    for index, label in enumerate(labels):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f"<rect x='{x}' y='{baseline - 9}' width='10' height='10' fill='{colour}'/>"
            f"<text x='{x + 14}' y='{baseline}' {FONT}>{escape(label)}</text>"
        )
        x += 24 + 7 * len(label)
    return parts
