"""The study handout: a printable summary of the KB, as the data of its typst template (pure: model in, data out).

One page per architecture (what it is, what it needs, what it exposes, the restrictions that apply
and those it lifts, when to choose it, its diagram), then the comparison table, the glossary and the
numbered sources. Every fact carries its citation numbers, a low-confidence fact says so and a dated
one says "as of"; a field the sources leave open reads "Not stated in the sources", never "no".
Links are absolute: each source's own address and its section on the site's Sources page.
"""

from __future__ import annotations

from typing import Any

from .. import urls
from ..kb.model import KB, Architecture, Citation, Fact
from ..pages.architecture import GLANCE_FIELDS, title
from ..pages.context import NOT_STATED
from ..pages.fields import CATEGORY_LABELS, field_label
from .typeset import typeset

#: Rows of the comparison table, after the at-a-glance fields.
COMPARED = (*GLANCE_FIELDS, "needs", "service_types", "exposes_to", "setup")


class Citations:
    """Numbers for cited sections in order of first use, shared by the whole handout."""

    def __init__(self) -> None:
        self.numbers: dict[Citation, int] = {}

    def of(self, cites: tuple[Citation, ...]) -> list[int]:
        return [self.numbers.setdefault(c, len(self.numbers) + 1) for c in cites]


def value_text(kb: KB, value: object) -> str:
    """A structured value in words: Yes/No, term labels, or the unknown said as unknown."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, tuple | list):
        return ", ".join(kb.label(str(v)) for v in value) or NOT_STATED
    return kb.label(str(value))


def _qualifiers(kb: KB, fact: Fact) -> str:
    words = []
    when = kb.as_of(fact)
    if when:
        undated = when.startswith("undated")
        words.append(f"as of an undated comment{when[len('undated') :]}" if undated else f"as of {when}")
    if fact.confidence == "low":
        words.append("low confidence")
    return ", ".join(words)


def item(kb: KB, fact: Fact, cites: Citations, text: str | None = None, label: str = "") -> dict[str, Any]:
    """One fact as the template prints it: an optional label, the text, qualifiers and citation numbers."""
    body = text if text is not None else fact.text or value_text(kb, fact.value)
    return {"label": label, "text": body, "note": _qualifiers(kb, fact), "cites": cites.of(fact.cites)}


def _terms(kb: KB, fact: Fact, cites: Citations) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for ident in fact.value or ():
        term = kb.term(str(ident))
        out.append(
            {
                "label": kb.label(str(ident)),
                "text": term.description if term and term.description else "",
                "note": "",
                "cites": [],
            }
        )
    if not out:
        return [item(kb, fact, cites, NOT_STATED)]
    out[-1] = {**out[-1], "note": _qualifiers(kb, fact), "cites": cites.of(fact.cites)}
    return out


def _field(kb: KB, arch: Architecture, name: str, cites: Citations) -> dict[str, Any]:
    fact = arch.fields.get(name)
    label = field_label(kb, name)
    if fact is None:
        return {"label": label, "text": NOT_STATED, "note": "", "cites": []}
    return item(kb, fact, cites, label=label)


def architecture_page(kb: KB, arch: Architecture, svg: str | None, cites: Citations) -> dict[str, Any]:
    """The sections of one architecture's page."""
    what = [item(kb, arch.summary, cites)] + [_field(kb, arch, n, cites) for n in ("relation", "placement", "scope")]
    needs = _terms(kb, arch.fields["needs"], cites) if "needs" in arch.fields else [_field(kb, arch, "needs", cites)]
    exposes = [_field(kb, arch, n, cites) for n in ("service_types", "exposes_to")]
    exposes += [item(kb, c, cites, label=f"When it exposes {kb.label(str(c.value))}") for c in arch.exposure_conditions]
    applies = [item(kb, r.fact, cites, label=r.name) for r in kb.restrictions_for(arch.id)]
    lifted = kb.restrictions_lifted_by(arch.id)
    lifts = [
        {
            "label": "It lifts",
            "text": ", ".join(r.name for r in lifted),
            "note": "",
            "cites": sorted(set(cites.of(tuple(c for r in lifted for c in r.fact.cites)))),
        }
    ]
    restrictions = applies + (lifts if lifted else [])
    sections = [
        ("What it is", what),
        ("What it needs", needs),
        ("What it exposes", exposes),
        ("Restrictions", restrictions or [{"label": "", "text": "None in the KB.", "note": "", "cites": []}]),
        ("When to choose it", [item(kb, f, cites) for f in arch.lists.get("use_cases", ())]),
    ]
    return {
        "number": arch.order,
        "of": kb.architecture_count(),
        "name": title(arch),
        "svg": svg or "",
        "sections": [{"heading": h, "items": items} for h, items in sections if items],
    }


def comparison(kb: KB, cites: Citations) -> dict[str, Any]:
    archs = kb.architectures
    rows = []
    for name in COMPARED:
        if not any(name in a.fields for a in archs):
            continue
        cells = []
        for arch in archs:
            fact = arch.fields.get(name)
            cells.append(item(kb, fact, cites) if fact else {"label": "", "text": NOT_STATED, "note": "", "cites": []})
        rows.append({"label": field_label(kb, name), "cells": cells})
    return {"columns": [a.short_form for a in archs], "rows": rows}


def glossary(kb: KB, cites: Citations) -> list[dict[str, Any]]:
    order = list(CATEGORY_LABELS)
    concepts = sorted(
        kb.concepts.values(),
        key=lambda c: (order.index(c.category) if c.category in order else len(order), c.name.lower()),
    )
    return [
        item(kb, c.definition, cites, label=c.name + (f" ({', '.join(c.abbreviations)})" if c.abbreviations else ""))
        for c in concepts
    ]


def sources(kb: KB, cites: Citations, site_url: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for cite, number in sorted(cites.numbers.items(), key=lambda pair: pair[1]):
        source = kb.sources.get(cite.source)
        titles = kb.citation_titles(cite)
        out.append(
            {
                "number": number,
                "title": titles[0] if titles else cite.source,
                "section": titles[1] if titles else cite.section,
                "url": source.url if source and source.url else "",
                "site": urls.absolute(site_url, urls.citation_target(kb, cite)),
            }
        )
    return out


def handout_data(kb: KB, svgs: dict[str, str], site_url: str) -> dict[str, Any]:
    """Everything the handout template prints."""
    cites = Citations()
    pages = [architecture_page(kb, a, svgs.get(a.id), cites) for a in kb.architectures]
    table = comparison(kb, cites)
    terms = glossary(kb, cites)
    return {
        "title": "F5 XC and Kubernetes: study handout",
        "subtitle": f"{kb.architecture_count()} architectures, generated from the archkb knowledge base · {site_url}",
        "architectures": pages,
        "comparison": table,
        "glossary": terms,
        "sources": sources(kb, cites, site_url),
    }


def handout_pdf(kb: KB, svgs: dict[str, str], site_url: str, timestamp: int) -> bytes:
    """The handout as PDF bytes."""
    return typeset("handout.typ", handout_data(kb, svgs, site_url), timestamp)
