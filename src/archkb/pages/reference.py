"""The KB reference: the format of each kb file kind, generated from the JSON Schemas shipped in
``archkb/schemas`` (the same files the validator and editors use), the cross-file rules from
:data:`archkb.kb.rules.RULES`, and the vocabulary of the KB."""

from __future__ import annotations

import json
from typing import Any

from .. import urls
from ..kb import rules, schema
from ..kb.model import KB
from . import escape
from .context import PageContext, document

Schema = dict[str, Any]


def def_anchor(name: str, owner: str = "common") -> str:
    """The anchor of a ``$defs`` entry: ``def-<name>`` for the shared ones, ``def-<kind>-<name>`` for a kind's own."""
    prefix = "def-" if owner == "common" else f"def-{owner}-"
    return prefix + name.replace("_", "-")


def ref_anchor(ref: str, owner: str) -> tuple[str, str]:
    """(name, anchor) of a ``$ref`` such as ``common.schema.json#/$defs/id`` or ``#/$defs/choice``."""
    file, _, pointer = ref.partition("#")
    name = pointer.rsplit("/", 1)[-1]
    return name, def_anchor(name, file.split(".", 1)[0] if file else owner)


def kind_anchor(kind: str) -> str:
    return f"kind-{kind}"


def type_of(ctx: PageContext, node: Schema, owner: str) -> str:
    """A short Markdown description of a schema node's type (``owner``: the kind whose file holds it)."""
    if "$ref" in node and "properties" not in node:
        name, anchor = ref_anchor(node["$ref"], owner)
        return ctx.link(name, f"#{anchor}")
    if "const" in node:
        return escape.code(json.dumps(node["const"]))
    if "enum" in node:
        return "one of " + ", ".join(escape.code(json.dumps(v)) for v in node["enum"])
    if "oneOf" in node:
        return " or ".join(dict.fromkeys(type_of(ctx, n, owner) for n in node["oneOf"]))
    kind = node.get("type")
    if isinstance(kind, list):
        return " or ".join(escape.text(str(k)) for k in kind)
    if kind == "array":
        return "list of " + (type_of(ctx, node["items"], owner) if "items" in node else "anything")
    if kind == "object" or "properties" in node:
        base = f" ({type_of(ctx, {'$ref': node['$ref']}, owner)} plus the keys below)" if "$ref" in node else ""
        return "mapping" + base
    if kind:
        return escape.text(str(kind))
    if node.get("required"):
        return "mapping with " + ", ".join(escape.code(k) for k in node["required"])
    return "any value"


def described(text: str) -> str:
    """A schema description as Markdown: `quoted` parts become inline code, the rest plain text."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unmatched backtick: keep the text as written
        return escape.text(text)
    return "".join(escape.code(part) if i % 2 else spaced(part) for i, part in enumerate(parts) if part)


def spaced(part: str) -> str:
    """Plain text between code spans, keeping a space at either end where the text had one."""
    inner = escape.text(part)
    if not inner:
        return " " if part else ""
    return f"{' ' if part[0].isspace() else ''}{inner}{' ' if part[-1].isspace() else ''}"


def constraints(node: Schema) -> str:
    parts = []
    for key, label in (
        ("pattern", "pattern"),
        ("minLength", "min length"),
        ("maxLength", "max length"),
        ("minimum", "minimum"),
        ("minItems", "at least"),
    ):
        if key in node:
            parts.append(f"{label} {escape.code(str(node[key]))}")
    if node.get("uniqueItems"):
        parts.append("no duplicates")
    return "; ".join(parts)


def nested(node: Schema) -> Schema | None:
    """The object schema under a property (directly or as list items) that has keys of its own."""
    if "properties" in node:
        return node
    items = node.get("items")
    if isinstance(items, dict) and "properties" in items:
        return items
    return None


def properties_table(
    ctx: PageContext, node: Schema, prefix: str, seen: dict[str, str], depth: int, owner: str
) -> list[str]:
    """A table of ``node``'s keys, then a section per nested mapping (identical shapes once)."""
    props: Schema = node.get("properties", {})
    required = set(node.get("required", ()))
    lines = ["| Key | Type | Required | Description |", "|---|---|---|---|"]
    for key, sub in props.items():
        desc = " ".join(filter(None, [described(sub.get("description", "")), constraints(sub)]))
        lines.append(
            f"| {escape.code(key)} | {type_of(ctx, sub, owner)} | {'yes' if key in required else ''} | {desc} |"
        )
    lines.append("")
    for key, sub in props.items():
        inner = nested(sub)
        if inner is None or depth > 3:
            continue
        path = f"{prefix}.{key}"
        anchor = path.replace(".", "-").replace("_", "-")
        shape = json.dumps(inner, sort_keys=True)
        lines += [f"{'#' * min(depth + 3, 6)} {escape.code(path)} {{#{anchor}}}", ""]
        if shape in seen:
            lines += [
                f"Same keys as {ctx.link(seen[shape], '#' + seen[shape].replace('.', '-').replace('_', '-'))}.",
                "",
            ]
            continue
        seen[shape] = path
        lines += properties_table(ctx, inner, path, seen, depth + 1, owner)
    return lines


def page(kb: KB) -> str:
    """The Markdown of the KB reference page."""
    ctx = PageContext(kb, urls.REFERENCE)
    kinds = schema.kinds()
    lines = ["# KB reference {#kb-reference}", ""]
    lines += [
        "The knowledge base is a folder of YAML files; the `kind:` key of each file names its format. "
        "This page is generated from the JSON Schemas the validator uses (`src/archkb/schemas/`).",
        "",
        "| Kind | What it holds |",
        "|---|---|",
    ]
    for kind in kinds:
        s = schema.load_schema(f"{kind}.schema.json")
        lines.append(f"| {ctx.link(kind, '#' + kind_anchor(kind))} | {described(s.get('description', ''))} |")
    lines.append("")
    for kind in kinds:
        s = schema.load_schema(f"{kind}.schema.json")
        lines += [
            f"## {escape.text(s.get('title', kind))} {{#{kind_anchor(kind)}}}",
            "",
            described(s.get("description", "")),
            "",
        ]
        lines += properties_table(ctx, s, kind, {}, 0, kind)
        lines += definitions(ctx, s, kind)
    lines += definitions(ctx, schema.load_schema(schema.COMMON), "common")
    lines += rule_list()
    lines += vocabulary(ctx)
    return document(lines)


def definitions(ctx: PageContext, file: Schema, owner: str) -> list[str]:
    """The ``$defs`` of one schema file: the shared ones get a section of their own."""
    defs = file.get("$defs", {})
    if not defs:
        return []
    level = "###"
    lines = []
    if owner == "common":
        lines += ["## Shared definitions {#shared-definitions}", "", described(file.get("description", "")), ""]
    else:
        lines += [f"### Definitions used by {escape.code(owner)} files {{#defs-{owner}}}", ""]
        level = "####"
    for name, node in defs.items():
        lines += [f"{level} {escape.code(name)} {{#{def_anchor(name, owner)}}}", ""]
        desc = " ".join(filter(None, [described(node.get("description", "")), constraints(node)]))
        shown = (
            node
            if "properties" in node
            else {k: v for k, v in node.items() if k != "$ref"}
            if "type" in node or "enum" in node
            else node
        )
        lines += [f"{type_of(ctx, shown, owner)}. {desc}".strip(), ""]
        if "properties" in node:
            lines += properties_table(ctx, node, f"{owner}.{name}", {}, 2, owner)
    return lines


def rule_list() -> list[str]:
    lines = ["## Cross-file rules {#rules}", "", "Checked after every file passes its schema:", ""]
    for rule in rules.RULES:
        lines.append(f"- {escape.code(rule.__name__)}: {described(rules.describe(rule).replace('``', '`'))}")
    return lines + [""]


def vocabulary(ctx: PageContext) -> list[str]:
    lines = ["## Vocabulary {#vocabulary}", "", "The terms structured fields may use, group by group.", ""]
    for gid, group in ctx.kb.vocabulary.items():
        lines += [f"### {escape.text(group.label)} ({escape.code(gid)}) {{#vocabulary-{gid.replace('_', '-')}}}", ""]
        if group.description:
            lines += [escape.text(group.description), ""]
        lines += ["| Id | Label | Description |", "|---|---|---|"]
        for term in group.terms:
            lines.append(f"| {escape.code(term.id)} | {ctx.term(term.id)} | {escape.text(term.description or '')} |")
        lines.append("")
    return lines
