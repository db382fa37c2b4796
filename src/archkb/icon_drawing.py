"""Our own diagram icons (Regional Edge, Customer Edge), drawn in pure Python.

The icons are shapes described as signed distance functions and rasterised with analytic
anti-aliasing into RGBA PNGs by a tiny PNG writer (zlib + struct), so they need no image library,
no download and come out byte-identical on every machine. The PNGs are shipped in
``archkb/icons/``; regenerate them after changing a drawing with::

    python -m archkb.icon_drawing

A test checks that the shipped files equal what this module draws.
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

SIZE = 256
ICON_DIR = Path(__file__).with_name("icons")

#: A shape: signed distance in pixels from a point (negative inside).
Shape = Callable[[float, float], float]
RGB = tuple[int, int, int]

XC_RED: RGB = (228, 0, 43)
WHITE: RGB = (255, 255, 255)


# -- shapes -------------------------------------------------------------------------------


def circle(cx: float, cy: float, r: float) -> Shape:
    return lambda x, y: math.hypot(x - cx, y - cy) - r


def ring(cx: float, cy: float, r: float, width: float) -> Shape:
    return lambda x, y: abs(math.hypot(x - cx, y - cy) - r) - width / 2


def ellipse_ring(cx: float, cy: float, rx: float, ry: float, width: float) -> Shape:
    """The outline of an ellipse (distance approximated by the normalised implicit function)."""

    def dist(x: float, y: float) -> float:
        u, v = (x - cx) / rx, (y - cy) / ry
        f = u * u + v * v - 1
        grad = 2 * math.hypot(u / rx, v / ry) or 1e-9
        return abs(f / grad) - width / 2

    return dist


def segment(x1: float, y1: float, x2: float, y2: float, width: float) -> Shape:
    """A stroke with round caps from (x1, y1) to (x2, y2)."""
    dx, dy = x2 - x1, y2 - y1
    length2 = dx * dx + dy * dy or 1e-9

    def dist(x: float, y: float) -> float:
        t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / length2))
        return math.hypot(x - x1 - t * dx, y - y1 - t * dy) - width / 2

    return dist


def arc(cx: float, cy: float, r: float, start: float, end: float, width: float) -> Shape:
    """A stroke along a circle from angle ``start`` to ``end`` (degrees, counter-clockwise, y up)."""
    a0, a1 = math.radians(start), math.radians(end)
    ends = [(cx + r * math.cos(a), cy - r * math.sin(a)) for a in (a0, a1)]

    def dist(x: float, y: float) -> float:
        angle = math.atan2(cy - y, x - cx) % (2 * math.pi)
        if (angle - a0) % (2 * math.pi) <= (a1 - a0) % (2 * math.pi):
            return abs(math.hypot(x - cx, y - cy) - r) - width / 2
        return min(math.hypot(x - ex, y - ey) for ex, ey in ends) - width / 2

    return dist


def rounded_rect(x0: float, y0: float, x1: float, y1: float, radius: float) -> Shape:
    cx, cy, hw, hh = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2 - radius, (y1 - y0) / 2 - radius

    def dist(x: float, y: float) -> float:
        qx, qy = abs(x - cx) - hw, abs(y - cy) - hh
        return math.hypot(max(qx, 0.0), max(qy, 0.0)) + min(max(qx, qy), 0.0) - radius

    return dist


def outline(shape: Shape, width: float) -> Shape:
    return lambda x, y: abs(shape(x, y)) - width / 2


def union(*shapes: Shape) -> Shape:
    return lambda x, y: min(s(x, y) for s in shapes)


def intersect(a: Shape, b: Shape) -> Shape:
    return lambda x, y: max(a(x, y), b(x, y))


# -- letters (strokes in a box of width w, height h, top-left at x, y) ---------------------------


#: Advance width of each letter, as a fraction of its height.
LETTER_WIDTH = {"E": 0.62, "R": 0.62, "C": 0.82}


def letter(char: str, x: float, y: float, h: float, width: float) -> Shape:
    """The capital letters our icons need, as strokes."""
    w = h * LETTER_WIDTH[char]
    if char == "E":
        return union(
            segment(x, y, x, y + h, width),
            segment(x, y, x + w, y, width),
            segment(x, y + h / 2, x + w * 0.85, y + h / 2, width),
            segment(x, y + h, x + w, y + h, width),
        )
    if char == "R":
        bowl = h * 0.26
        return union(
            segment(x, y, x, y + h, width),
            segment(x, y, x + w - bowl, y, width),
            segment(x, y + 2 * bowl, x + w - bowl, y + 2 * bowl, width),
            arc(x + w - bowl, y + bowl, bowl, -90, 90, width),
            segment(x + w * 0.45, y + 2 * bowl, x + w, y + h, width),
        )
    if char == "C":
        return arc(x + h / 2, y + h / 2, h / 2, 45, 315, width)
    raise ValueError(f"no stroke drawing for letter {char!r}")


def text(chars: str, cx: float, top: float, h: float, width: float) -> Shape:
    """Letters centred on ``cx``."""
    gap = h * 0.28
    x = cx - (sum(LETTER_WIDTH[c] * h for c in chars) + gap * (len(chars) - 1)) / 2
    shapes = []
    for char in chars:
        shapes.append(letter(char, x, top, h, width))
        x += LETTER_WIDTH[char] * h + gap
    return union(*shapes)


# -- the icons ------------------------------------------------------------------------------------


def regional_edge() -> list[tuple[Shape, RGB]]:
    """A red disc with a white globe (F5's global points of presence) and ``RE``."""
    gx, gy, gr, stroke = 128.0, 100.0, 58.0, 9.0
    inside = circle(gx, gy, gr - stroke / 2)
    globe = union(
        ring(gx, gy, gr, stroke),
        intersect(ellipse_ring(gx, gy, gr * 0.45, gr, stroke), inside),
        intersect(segment(gx, gy - gr, gx, gy + gr, stroke), inside),
        intersect(segment(gx - gr, gy, gx + gr, gy, stroke), inside),
        intersect(segment(gx - gr, gy - gr * 0.5, gx + gr, gy - gr * 0.5, stroke * 0.8), inside),
        intersect(segment(gx - gr, gy + gr * 0.5, gx + gr, gy + gr * 0.5, stroke * 0.8), inside),
    )
    return [(circle(128, 128, 122), XC_RED), (globe, WHITE), (text("RE", 128, 176, 44, 11), WHITE)]


def customer_edge() -> list[tuple[Shape, RGB]]:
    """A red rounded square with a white server (an XC node in your network) and ``CE``."""
    units = [rounded_rect(62, y, 194, y + 42, 9) for y in (44.0, 100.0)]
    server = union(
        *(outline(u, 9) for u in units),
        *(circle(x, y + 21, 7) for y in (44.0, 100.0) for x in (166.0, 144.0)),
        *(segment(84, y + 21, 116, y + 21, 9) for y in (44.0, 100.0)),
    )
    return [(rounded_rect(8, 8, 248, 248, 40), XC_RED), (server, WHITE), (text("CE", 128, 172, 46, 11), WHITE)]


ICONS: dict[str, Callable[[], list[tuple[Shape, RGB]]]] = {"regional-edge": regional_edge, "customer-edge": customer_edge}


# -- rasteriser and PNG writer ---------------------------------------------------------------------


def rasterize(layers: list[tuple[Shape, RGB]], size: int = SIZE) -> bytes:
    """RGBA rows (each prefixed by PNG filter byte 0) of the layers painted in order."""
    rows = bytearray()
    for py in range(size):
        rows.append(0)
        for px in range(size):
            x, y = px + 0.5, py + 0.5
            r = g = b = a = 0.0
            for shape, color in layers:
                cover = max(0.0, min(1.0, 0.5 - shape(x, y)))
                if cover:
                    out_a = cover + a * (1 - cover)
                    r, g, b = ((c * cover + prev * a * (1 - cover)) / out_a for c, prev in zip(color, (r, g, b), strict=True))
                    a = out_a
            rows += bytes((round(r), round(g), round(b), round(a * 255)))
    return bytes(rows)


def png(rgba_rows: bytes, size: int = SIZE) -> bytes:
    """A minimal, deterministic RGBA PNG (no timestamps, no metadata chunks)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rgba_rows, 9)) + chunk(b"IEND", b"")


def draw(name: str) -> bytes:
    """The PNG bytes of one of our icons (a key of :data:`ICONS`)."""
    return png(rasterize(ICONS[name]()))


def icon_file(name: str) -> Path:
    """Where the shipped PNG of one of our icons lives."""
    return ICON_DIR / f"{name}.png"


def main() -> None:
    """Redraw every icon into ``archkb/icons/``."""
    from .output import write_if_changed

    for name in sorted(ICONS):
        changed = write_if_changed(icon_file(name), draw(name))
        print(f"{icon_file(name)}: {'written' if changed else 'unchanged'}")


if __name__ == "__main__":
    main()
