"""Validate parsed kb files against the JSON Schemas shipped in ``archkb/schemas``.

One schema per kb file kind (the ``kind:`` key picks it); ``common.schema.json`` holds shared
definitions. Editors use the same files through a ``yaml-language-server`` comment. Messages are
rewritten for people: the unknown field with a "did you mean", the missing field by name, a
``no``/``yes`` where a boolean is meant, a number where text is meant.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from typing import Any

from ..errors import Problem
from .reader import Document

COMMON = "common.schema.json"
KINDS = ("architecture", "concepts", "qa", "questions", "restrictions", "sources", "vocabulary")


def schema_text(name: str) -> str:
    """The text of one shipped schema file, e.g. ``architecture.schema.json``."""
    return resources.files("archkb.schemas").joinpath(name).read_text(encoding="utf-8")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """One shipped schema, parsed."""
    return dict(json.loads(schema_text(name)))


def kinds() -> tuple[str, ...]:
    """The kb file kinds that have a schema."""
    return tuple(k for k in KINDS if resources.files("archkb.schemas").joinpath(f"{k}.schema.json").is_file())


def inlined(node: Any, base: str, seen: tuple[str, ...] = ()) -> Any:
    """``node`` of the schema file ``base`` with every ``$ref`` replaced by what it points to.

    Validation then never looks a reference up, which made up about 40% of schema-checking
    the real KB (``scripts/bench.py``: the plugin's overhead on ``mkdocs build``). A reference with
    sibling keywords becomes ``allOf`` beside them where both have a key, so each keyword stays in the
    subschema it came from (a pattern keeps its own description for the error message). A
    reference into itself is left as it is.
    """
    if isinstance(node, list):
        return [inlined(item, base, seen) for item in node]
    if not isinstance(node, dict):
        return node
    here = {k: inlined(v, base, seen) for k, v in node.items() if k != "$ref"}
    ref = node.get("$ref")
    if not isinstance(ref, str):
        return here
    file, _, pointer = ref.partition("#")
    file = file or base
    if f"{file}#{pointer}" in seen:
        return node
    target: Any = load_schema(file)
    for part in pointer.strip("/").split("/") if pointer.strip("/") else ():
        target = target[part.replace("~1", "/").replace("~0", "~")]
    resolved = inlined(target, file, (*seen, f"{file}#{pointer}"))
    if not here:
        return resolved
    if isinstance(resolved, dict) and not set(resolved) & set(here):
        return {**resolved, **here}
    folded = _folded_base(resolved, here)
    return folded if folded is not None else {"allOf": [resolved], **here}


#: The keywords of a base that only lists shared fields (``fact_base``).
_BASE_KEYWORDS = frozenset({"type", "description", "properties"})


def _folded_base(base: Any, here: dict[str, Any]) -> dict[str, Any] | None:
    """``here`` with ``base``'s fields folded in, when ``base`` only lists fields, ``here`` closes the
    object with ``unevaluatedProperties: false`` and no field is in both; None otherwise.

    The result has one ``properties`` and ``additionalProperties: false``: it accepts and rejects the
    same documents, and jsonschema checks it in about two thirds of the time, because it no longer
    walks the base again to learn which fields it evaluated (``scripts/bench.py``).
    """
    if not isinstance(base, dict) or not set(base) <= _BASE_KEYWORDS or base.get("type", "object") != "object":
        return None
    if here.get("unevaluatedProperties") is not False or set(here) & {"allOf", "anyOf", "oneOf", "if", "$ref"}:
        return None
    fields, own = base.get("properties", {}), here.get("properties", {})
    if set(fields) & set(own):
        return None
    # The closing keyword keeps its place, so problems come in the order they always did.
    swap = {"unevaluatedProperties": "additionalProperties"}
    return {swap.get(k, k): v for k, v in here.items()} | {"properties": {**fields, **own}}


@cache
def _checker(kind: str) -> tuple[Any, Any]:
    """The validator of a kind (its schema with references inlined), and a resolver of ``$ref``
    targets for any reference left in (both public APIs)."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    name = f"{kind}.schema.json"
    registry: Registry[Any] = Registry().with_resources(
        (uri, Resource.from_contents(load_schema(uri))) for uri in (COMMON, name)
    )
    return Draft202012Validator(inlined(load_schema(name), name), registry=registry), registry.resolver(base_uri=name)


def check_document(doc: Document) -> list[Problem]:
    """Every schema problem of one parsed kb file."""
    data = doc.data
    kind = data.get("kind") if isinstance(data, dict) else None
    if kind is None:
        return [doc.problem((), f"missing `kind:`; one of: {', '.join(kinds())}")]
    if kind not in kinds():
        return [
            doc.problem(
                ("kind",), f"unknown kind {kind!r}{_did_you_mean(str(kind), kinds())}; one of: {', '.join(kinds())}"
            )
        ]
    validator, resolver = _checker(kind)
    return [p for error in validator.iter_errors(data) for p in _explain(doc, error, resolver)]


def _did_you_mean(word: str, options: Any) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _allowed_keys(schema: dict[str, Any], resolver: Any) -> list[str]:
    """The fields ``schema`` names: its own, those of its ``allOf`` parts (inlined references) and
    of a reference left in."""
    keys = list(schema.get("properties", {}))
    for part in schema.get("allOf", ()):
        keys += _allowed_keys(part, resolver)
    ref = schema.get("$ref")
    if ref:
        keys += _allowed_keys(resolver.lookup(ref).contents, resolver)
    return keys


def _explain(doc: Document, error: Any, resolver: Any) -> list[Problem]:
    path = tuple(error.absolute_path)
    value = error.instance
    kind = error.validator
    if kind in ("additionalProperties", "unevaluatedProperties"):
        allowed = _allowed_keys(error.schema, resolver)
        extra = sorted(k for k in value if k not in allowed)
        return [doc.problem(path + (k,), f"unknown field {k!r}{_did_you_mean(k, allowed)}", key=True) for k in extra]
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        where = f" in {path[-1]!r}" if path and isinstance(path[-1], str) else ""
        return [doc.problem(path, f"missing required field {missing!r}{where}")]
    if kind == "oneOf" and error.context:
        from jsonschema.exceptions import best_match

        # Prefer the branch of the right type: for text, "wrong form" beats "expected a list".
        typed = [e for e in error.context if e.validator != "type"] or error.context
        return _explain(doc, best_match(typed), resolver)
    return [doc.problem(path, _message(error, value, kind))]


def _message(error: Any, value: Any, kind: str) -> str:
    field = next((p for p in reversed(list(error.absolute_path)) if isinstance(p, str)), "value")
    if kind == "type":
        return _type_message(field, value, error.validator_value)
    if kind == "enum":
        options = [str(o) for o in error.validator_value]
        return f"{field}: {value!r} is not one of: {', '.join(options)}{_did_you_mean(str(value), options)}"
    if kind == "const":
        return f"{field} must be {error.validator_value!r}, not {value!r}"
    if kind == "pattern":
        hint = error.schema.get("description", "").split(". ")[0].rstrip(".")
        return f"{field}: {value!r} is not in the expected form" + (f" ({hint})" if hint else "")
    if kind == "uniqueItems":
        return f"{field}: the list repeats an item"
    return f"{field}: {error.message}"


def _type_message(field: str, value: Any, expected: Any) -> str:
    names = {
        "string": "text",
        "integer": "a whole number",
        "boolean": "true or false",
        "array": "a list",
        "object": "a mapping",
    }
    wanted = " or ".join(names.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
    got = {
        str: "text",
        bool: "a boolean",
        int: "a number",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)
    message = (
        f"{field}: expected {wanted}, got {got} {value!r}"
        if not isinstance(value, (list, dict))
        else f"{field}: expected {wanted}, got {got}"
    )
    if expected == "boolean" and isinstance(value, str):
        message += "; write true or false (yes/no/on/off are kept as text)"
    elif expected == "string" and isinstance(value, (int, bool)):
        message += f'; quote it ("{str(value).lower() if isinstance(value, bool) else value}") if text is meant'
    elif expected == "integer" and isinstance(value, str):
        message += "; write a plain whole number without leading zeros"
    return message
