"""Diagram icons as vector shapes, for the SVG diagrams.

graphviz lays nodes out around each icon's PNG (``archkb.diagrams.icons``); the SVG then draws a
vector glyph in the PNG's place instead of embedding the picture, so a diagram weighs a few
kilobytes per icon instead of tens and stays sharp at any zoom. PNG output keeps the pictures.

Each glyph is drawn on a 64 x 64 canvas and picked by the name of the icon file it stands for
(``pod`` for ``.../k8s/compute/pod.png``). Kubernetes objects are the blue heptagon of the
Kubernetes icon set with the object's short name; the rest are plain line drawings. A file with no
glyph here gets :data:`FALLBACK` (a rounded box), never its PNG.
"""

from __future__ import annotations

from pathlib import Path

BLUE = "#326CE5"
INK = "#374151"
XC_RED = "#E4002B"
CE_ORANGE = "#C2410C"
SIZE = 64

_HEPTAGON = "32,4 54.7,14.9 60.3,39.5 44.6,59.1 19.4,59.1 3.7,39.5 9.3,14.9"


def _kubernetes(word: str) -> str:
    size = 15 if len(word) <= 3 else 12 if len(word) <= 5 else 10
    return (
        f'<polygon points="{_HEPTAGON}" fill="{BLUE}" stroke="#fff" stroke-width="2.5"/>'
        f'<text x="32" y="{37 + size // 4}" text-anchor="middle" font-family="sans-serif" font-weight="bold" '
        f'font-size="{size}" fill="#fff">{word}</text>'
    )


def _line(body: str, color: str = INK) -> str:
    return f'<g fill="none" stroke="{color}" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">{body}</g>'


#: Icon file name (without extension) -> the glyph's SVG, on a 64 x 64 canvas.
GLYPHS: dict[str, str] = {
    "master": _kubernetes("k8s"),
    "api": _kubernetes("api"),
    "pod": _kubernetes("pod"),
    "deploy": _kubernetes("deploy"),
    "svc": _kubernetes("svc"),
    "ep": _kubernetes("ep"),
    "ing": _kubernetes("ing"),
    "ns": _kubernetes("ns"),
    "sa": _kubernetes("sa"),
    "secret": _kubernetes("secret"),
    "user": _kubernetes("user"),
    "crd": _kubernetes("crd"),
    "c-role": _kubernetes("c-role"),
    "psp": _kubernetes("psp"),
    "netpol": _kubernetes("netpol"),
    "rack": _line(
        '<rect x="12" y="8" width="40" height="14" rx="2"/><rect x="12" y="25" width="40" height="14" rx="2"/>'
        '<rect x="12" y="42" width="40" height="14" rx="2"/><path d="M19 15h4M19 32h4M19 49h4"/>'
    ),
    "mobile": _line('<rect x="19" y="5" width="26" height="54" rx="4"/><path d="M28 52h8"/>'),
    "datacenter": _line('<path d="M8 58V22l24-14 24 14v36z"/><path d="M20 58V40h24v18M20 30h24"/>'),
    "switch": _line('<rect x="6" y="18" width="52" height="28" rx="4"/><path d="M16 28h28l-5-5M48 36H20l5 5"/>'),
    "firewall": _line(
        '<rect x="8" y="12" width="48" height="40"/><path d="M8 25h48M8 38h48M22 12v13M40 25v13M22 38v14"/>', "#B91C1C"
    ),
    "subnet": _line(
        '<circle cx="32" cy="14" r="7"/><circle cx="13" cy="48" r="7"/><circle cx="51" cy="48" r="7"/><path '
        'd="M28 20 16 42M36 20l12 22M20 48h24"/>'
    ),
    "router": _line('<circle cx="32" cy="32" r="24"/><path d="M32 14v36M14 32h36M26 20l6-6 6 6M26 44l6 6 6-6"/>'),
    "vpn": _line(
        '<path d="M32 6 10 14v16c0 14 10 24 22 28 12-4 22-14 22-28V14z"/><path d="M24 32l6 6 12-12"/>', "#047857"
    ),
    "regional-edge": _line(
        '<circle cx="32" cy="32" r="25"/><ellipse cx="32" cy="32" rx="11" ry="25"/><path d="M7 32h50M11 19h42M11 '
        '45h42"/>',
        XC_RED,
    ),
    "customer-edge": (
        f'<rect x="6" y="14" width="52" height="36" rx="6" fill="#FFF1E8" stroke="{CE_ORANGE}" stroke-width="3"/>'
        f'<text x="32" y="39" text-anchor="middle" font-family="sans-serif" font-weight="bold" font-size="18" '
        f'fill="{CE_ORANGE}">CE</text>'
    ),
}

FALLBACK = _line('<rect x="8" y="8" width="48" height="48" rx="8"/>')


def glyph(icon: Path) -> str:
    """The vector glyph that stands for the icon file ``icon`` (the fallback for one without a glyph)."""
    return GLYPHS.get(icon.stem, FALLBACK)


def symbol(ident: str, icon: Path, aspect: str) -> str:
    """A ``<symbol>`` element drawing ``icon``'s glyph, for ``<use>`` in an SVG diagram."""
    return f'<symbol id="{ident}" viewBox="0 0 {SIZE} {SIZE}" preserveAspectRatio="{aspect}">{glyph(icon)}</symbol>'
