"""Pictures for the demo newsroom, drawn with Pillow so nothing is downloaded.

Each motif is a simple, photo-like scene (sky, skyline, water, fields) made from a seed, so the
same story always gets the same picture.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 900

PALETTES = {
    "city": ((38, 52, 74), (214, 160, 110), (28, 30, 38)),
    "field": ((120, 160, 200), (232, 214, 160), (92, 110, 58)),
    "harbour": ((70, 110, 140), (220, 200, 170), (32, 54, 72)),
    "parliament": ((150, 170, 190), (235, 226, 210), (70, 66, 62)),
    "market": ((200, 140, 90), (250, 220, 170), (96, 60, 40)),
    "night": ((10, 14, 30), (60, 70, 120), (8, 8, 14)),
    "mountain": ((110, 140, 170), (230, 235, 240), (50, 60, 70)),
    "studio": ((40, 40, 46), (120, 110, 100), (20, 20, 22)),
}

PORTRAIT_PALETTES = {
    "slate": ((70, 84, 100), (196, 204, 214)),
    "ochre": ((150, 110, 40), (236, 214, 170)),
    "teal": ((30, 100, 100), (180, 220, 214)),
    "rose": ((140, 60, 76), (236, 200, 206)),
    "olive": ((90, 96, 50), (214, 218, 180)),
    "indigo": ((50, 56, 110), (196, 200, 232)),
}


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return (int(a[0] + (b[0] - a[0]) * t), int(a[1] + (b[1] - a[1]) * t), int(a[2] + (b[2] - a[2]) * t))


def scene(motif: str, seed: str) -> bytes:
    """A 1600×900 JPEG of the motif; the same seed draws the same picture."""
    rng = random.Random(f"{motif}:{seed}")
    top, horizon, ground = PALETTES.get(motif, PALETTES["city"])
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    horizon_y = int(HEIGHT * rng.uniform(0.52, 0.66))
    for y in range(HEIGHT):
        if y < horizon_y:
            color = _mix(top, horizon, (y / horizon_y) ** 1.4)
        else:
            color = _mix(ground, _mix(ground, (0, 0, 0), 0.5), (y - horizon_y) / (HEIGHT - horizon_y))
        draw.line([(0, y), (WIDTH, y)], fill=color)

    if motif in {"city", "parliament", "night", "market", "harbour"}:
        _skyline(draw, rng, horizon_y, ground, lit=motif == "night" or motif == "city")
    if motif == "parliament":
        cx = WIDTH // 2 + rng.randint(-200, 200)
        draw.rectangle([cx - 260, horizon_y - 180, cx + 260, horizon_y], fill=_mix(ground, (0, 0, 0), 0.2))
        draw.ellipse([cx - 90, horizon_y - 300, cx + 90, horizon_y - 120], fill=_mix(ground, (0, 0, 0), 0.25))
        for i in range(9):
            x = cx - 230 + i * 58
            draw.rectangle([x, horizon_y - 160, x + 18, horizon_y - 10], fill=_mix(horizon, ground, 0.35))
    if motif in {"field", "mountain"}:
        _ridges(draw, rng, horizon_y, ground, peaks=motif == "mountain")
    if motif == "harbour":
        for _ in range(5):
            x = rng.randint(80, WIDTH - 260)
            y = horizon_y + rng.randint(40, 220)
            draw.polygon([(x, y), (x + 220, y), (x + 190, y + 36), (x + 24, y + 36)], fill=(30, 32, 36))
            draw.line([(x + 100, y), (x + 100, y - 140)], fill=(30, 32, 36), width=5)
    if motif == "studio":
        for _ in range(3):
            x = rng.randint(200, WIDTH - 200)
            draw.ellipse([x - 160, 120, x + 160, 440], fill=_mix(horizon, (255, 240, 210), 0.5))
    if motif == "market":
        for i in range(8):
            x = 60 + i * 190
            stripe = _mix((180, 60, 40), (240, 200, 120), rng.random())
            draw.polygon(
                [(x, horizon_y + 40), (x + 170, horizon_y + 40), (x + 150, horizon_y - 30), (x + 20, horizon_y - 30)],
                fill=stripe,
            )

    image = image.filter(ImageFilter.GaussianBlur(radius=1.6))
    # Film grain makes flat vector shapes read as a photograph at a glance.
    noise = Image.effect_noise((WIDTH, HEIGHT), 22).convert("RGB")
    image = Image.blend(image, noise, 0.06)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=84, optimize=True, progressive=True)
    return buffer.getvalue()


def _skyline(
    draw: ImageDraw.ImageDraw, rng: random.Random, horizon_y: int, ground: tuple[int, int, int], *, lit: bool
) -> None:
    x = 0
    while x < WIDTH:
        width = rng.randint(50, 150)
        height = rng.randint(60, 320)
        shade = _mix(ground, (0, 0, 0), rng.uniform(0.0, 0.4))
        draw.rectangle([x, horizon_y - height, x + width, horizon_y + 4], fill=shade)
        if lit:
            for wy in range(horizon_y - height + 12, horizon_y - 10, 22):
                for wx in range(x + 8, x + width - 10, 18):
                    if rng.random() < 0.35:
                        draw.rectangle([wx, wy, wx + 7, wy + 10], fill=(246, 206, 130))
        x += width + rng.randint(0, 12)


def _ridges(
    draw: ImageDraw.ImageDraw, rng: random.Random, horizon_y: int, ground: tuple[int, int, int], *, peaks: bool
) -> None:
    for layer in range(3):
        amplitude = (260 if peaks else 50) / (layer + 1)
        base = horizon_y + layer * 60
        points = [(0, HEIGHT)]
        for x in range(0, WIDTH + 100, 100):
            points.append((x, int(base - rng.uniform(0, amplitude))))
        points.append((WIDTH, HEIGHT))
        draw.polygon(points, fill=_mix(ground, (255, 255, 255), 0.25 - layer * 0.1))


def portrait(palette: str, seed: str) -> bytes:
    """A 600×600 head-and-shoulders silhouette on a coloured ground, as an author photo."""
    rng = random.Random(f"portrait:{seed}")
    dark, light = PORTRAIT_PALETTES.get(palette, PORTRAIT_PALETTES["slate"])
    size = 600
    image = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(image)
    for y in range(size):
        draw.line([(0, y), (size, y)], fill=_mix(light, dark, y / size * 0.6))
    head_r = rng.randint(92, 110)
    cx = size // 2 + rng.randint(-20, 20)
    draw.ellipse([cx - 210, 380, cx + 210, 760], fill=dark)
    draw.ellipse([cx - head_r, 150, cx + head_r, 150 + head_r * 2 + 30], fill=_mix(dark, (0, 0, 0), 0.15))
    image = image.filter(ImageFilter.GaussianBlur(radius=2))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=86)
    return buffer.getvalue()
