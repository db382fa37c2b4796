"""Exports of the resolved knowledge base for other tools (pure: model in, text out)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from . import __version__
from .kb.model import KB, Origin

EXPORT_FORMAT_VERSION = 1


def _plain(value: Any) -> Any:
    if isinstance(value, Origin):
        return f"{value.file}:{value.line}:{value.col}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name != "raw" and not f.name.startswith("_")
        }
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def kb_to_dict(kb: KB) -> dict[str, Any]:
    """The whole resolved KB as plain data: every fact with its id, citation, history and origin."""
    data = _plain(kb)
    data["architectures"] = {a["id"]: a for a in data["architectures"]}
    return {"archkb_export": EXPORT_FORMAT_VERSION, "generator": f"archkb {__version__}", **data}


def kb_to_json(kb: KB) -> str:
    """:func:`kb_to_dict` as stable, sorted, UTF-8 JSON."""
    return json.dumps(kb_to_dict(kb), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
