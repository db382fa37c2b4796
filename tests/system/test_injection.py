"""Any string a kb value can hold shows as the same visible text wherever it lands, never as markup.

Property tests (hypothesis) at the renderer level: the base KB gets a hostile string in many text
fields at once (names, definitions, restriction and Q&A text, source and section titles, topology
labels, a vocabulary label), then

* every generated page is rendered to HTML with the Python-Markdown extensions of mkdocs.yml and
  parsed with ``html.parser``: the string's visible text appears, and the page has exactly the
  tags and attribute names it has when the fields hold a harmless word (so no tag, attribute,
  table cell or ``<script>`` came from the data);
* the search index Material builds from that HTML holds the same text, escaped;
* the quiz page's embedded JSON parses back to exactly the bank, inside one ``<script>`` element;
* GIFT: each question's text reads back (unescaped) as written, and the unescaped GIFT syntax of
  the file is the same as with the harmless word; Anki: each note field has the same tags;
* diagram labels: graphviz's SVG shows the text and has no element or attribute from data.

The visible text of a string is what :func:`archkb.pages.escape.plain` keeps: control characters
dropped, whitespace runs shown as one space (a page shows a value on one line).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from archkb.kb import load_kb
from archkb.kb.model import KB
from archkb.kb.schema import schema_text
from archkb.pages import generate_pages
from archkb.pages.escape import plain

from ..conftest import BASE_KB
from ..corpuskit import enter, new_project, parse_html, visible_text
from ..sitekit import render_markdown


def shown(value: str) -> str:
    """The visible text of a KB string on a page."""
    return " ".join(plain(value).split())


#: Pieces of markup for Markdown, HTML, JavaScript, Jinja, GIFT, DOT and YAML, mixed with random text.
TOKENS = [
    "<script>alert(1)</script>", "</script>", "<img src=x onerror=alert(1)>", "<a href='javascript:alert(1)'>x</a>",
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "{{ x }}", "{% raw %}",
    "<!--", "-->", "<![CDATA[", "]]>", "<b>", "</td>", "</table>", "<style>", "<svg onload=alert(1)>", "&", "&amp;",
    "&#60;", "&lt;", "|", "||", "*", "**", "_", "__", "`", "```", "[", "]", "](", "(", ")", "[x](javascript:alert(1))",
    "![i](x)", "#", "# ", "!", "\\", "\\n", "\\N", "\\l", "\n", "\r\n", "\t", "  ", "- ", "+ ", "1. ", "> ", "=== ",
    "---", "{#id}", "{: .x onclick=alert(1)}", "*[MS]: x", "[^1]", "~", "=", ":", "::", "->", "$CATEGORY:", "//", "\"",
    "'", "\u2028", "\u2029", "\u202e", "\u200b", "\ufeff", "${x}", "%s", "é", "文字", "🙂", "\u00a0", "\u00ad",
    "??? note ", "???+ ", "!!! note ", "~~~", "]: ", "[x]: http://e.x",
]  # fmt: skip

#: What the schema lets a text field hold (``common.schema.json#/$defs/text``): no control characters
#: but tab and line breaks, at least one visible character. The rest is rejected (see the corpus).
TEXT_PATTERN = re.compile(json.loads(schema_text("common.schema.json"))["$defs"]["text"]["pattern"])

hostile = (
    st.lists(
        st.one_of(
            st.sampled_from(TOKENS),
            st.text(
                st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n\r"), min_size=1, max_size=4
            ),
        ),
        min_size=1,
        max_size=8,
    )
    .map("".join)
    .filter(lambda s: bool(TEXT_PATTERN.search(s)))
)

#: Harmless stand-in with the same role: pages built with it are the structure to compare with.
HARMLESS = "Harmless words"

#: 40 examples per property in CI; ARCHKB_PROPERTY_EXAMPLES=400 for a longer hunt.
PROPERTY = settings(
    max_examples=int(os.environ.get("ARCHKB_PROPERTY_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _set(path: tuple[Any, ...]) -> Callable[[Any, str], None]:
    def change(data: Any, value: str) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return change


#: (kb file, path to a text field) that get the hostile string. Every kind of text the pages show.
FIELDS: list[tuple[str, tuple[Any, ...]]] = [
    ("concepts.yaml", ("concepts", 1, "definition")),
    ("concepts.yaml", ("concepts", 2, "name")),
    ("restrictions.yaml", ("restrictions", 0, "text")),
    ("restrictions.yaml", ("restrictions", 1, "name")),
    ("qa.yaml", ("threads", 0, "question", "text")),
    ("qa.yaml", ("threads", 0, "answers", 0, "text")),
    ("qa.yaml", ("cni_table", "rows", 0, "setup")),
    ("sources.yaml", ("sources", 0, "title")),
    ("sources.yaml", ("sources", 0, "sections", 0, "title")),
    ("architectures/1-one.yaml", ("summary", "text")),
    ("architectures/1-one.yaml", ("use_cases", 0, "text")),
    ("architectures/1-one.yaml", ("topology", "nodes", 0, "label")),
    ("architectures/1-one.yaml", ("topology", "edges", 0, "label")),
    ("architectures/1-one.yaml", ("topology", "groups", 0, "label")),
    ("vocabulary.yaml", ("groups", "capability", "terms", 1, "label")),
    ("vocabulary.yaml", ("groups", "relation", "label")),
    ("architectures/1-one.yaml", ("relation", "notes", 0, "text")),
    ("architectures/1-one.yaml", ("exposure_conditions", 0, "condition")),
]


def _with_more_to_show(file: str, data: Any) -> None:
    """Give the base KB a note, a history and an exposure condition, so that their blocks show too."""
    if file == "architectures/1-one.yaml":
        data["relation"].update(
            since="2024-01", history=[{"value": "integrates", "until": "2023-10", "cite": "article#intro"}]
        )
        data["relation"]["notes"] = [{"id": "one-note", "kind": "caveat", "text": "x", "cite": "article#intro"}]
        data["exposure_conditions"] = [
            {"id": "one-condition", "service_type": "nodeport", "condition": "x", "cite": "article#arch-1"}
        ]


def kb_with(value: str, dest: Path) -> KB:
    """The base KB with ``value`` in every field of :data:`FIELDS` (written with a YAML emitter, so any string fits)."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(BASE_KB, dest)
    for file in sorted({f for f, _ in FIELDS}):
        path = dest / file
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        _with_more_to_show(file, data)
        for _, where in (f for f in FIELDS if f[0] == file):
            _set(where)(data, value)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return load_kb(dest)


def structure(markup: str) -> Counter[tuple[str, tuple[str, ...]]]:
    """Every tag of ``markup`` with the names of its attributes (values left out: text may sit in a title)."""
    return Counter((tag, tuple(sorted(name for name, _ in attrs))) for tag, attrs in parse_html(markup).tags)


def rendered_pages(kb: KB) -> dict[str, str]:
    """Every generated page as HTML, with the diagrams' alt texts (which repeat topology labels)."""
    from archkb.diagrams.alt_text import alt_text, overview_alt_text

    alts = {a.id: alt_text(kb, a) for a in kb.architectures} | {"overview": overview_alt_text(kb)}
    return {path: render_markdown(md) for path, md in generate_pages(kb, alts).items()}


class Reference:
    """The KB and its rendered pages with :data:`HARMLESS` in every field (short repr for hypothesis' reports)."""

    def __init__(self, kb: KB) -> None:
        self.kb = kb
        self.pages = rendered_pages(kb)

    def __repr__(self) -> str:
        return "Reference()"


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    return Reference(kb_with(HARMLESS, tmp_path_factory.mktemp("harmless") / "kb"))


# -- pages and the search index ----------------------------------------------------------------


def search_sections(markup: str) -> list[tuple[str, str]]:
    """(title, text) of every section Material's search plugin would index from ``markup``."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(markup)
    parser.close()
    return [("".join(s.title), "".join(s.text)) for s in parser.data]


def check_page(path: str, page: str, reference: str, expected: str) -> list[str]:
    bad = []
    if structure(page) != structure(reference):
        extra = structure(page) - structure(reference)
        missing = structure(reference) - structure(page)
        bad.append(f"{path}: tags differ from the harmless page: extra {dict(extra)}, missing {dict(missing)}")
    if HARMLESS in visible_text(reference) and expected not in visible_text(page):
        bad.append(f"{path}: {expected!r} is not shown")
    index = " ".join(f"<h1>{title}</h1>{text}" for title, text in search_sections(page))
    reference_index = " ".join(f"<h1>{title}</h1>{text}" for title, text in search_sections(reference))
    if structure(index) != structure(reference_index):
        bad.append(f"{path}: the search index has other tags than with the harmless text")
    if HARMLESS in visible_text(reference_index) and expected not in visible_text(index):
        bad.append(f"{path}: {expected!r} is not in the search index")
    return bad


@PROPERTY
@given(value=hostile)
def test_pages_and_search_index_show_the_text_and_no_markup(value: str, reference: Reference, tmp_path: Path) -> None:
    kb = kb_with(value, tmp_path / "kb")
    pages = rendered_pages(kb)
    assert set(pages) == set(reference.pages)
    bad = [
        problem
        for path in sorted(pages)
        for problem in check_page(path, pages[path], reference.pages[path], shown(value))
    ]
    assert not bad, "\n".join(bad)


# -- the quiz: page JSON, GIFT, Anki -------------------------------------------------------------


def bank_of(kb: KB):  # type: ignore[no-untyped-def]
    from archkb.quiz.bank import bank_and_left_out

    built = bank_and_left_out(kb)
    return built.bank


def embedded_bank(markup: str) -> tuple[list[dict[str, Any]], Any]:
    """The ``<script>`` elements of a rendered quiz page, and the JSON of the bank's one."""
    parser = parse_html(markup)
    scripts = [dict(attrs) for tag, attrs in parser.tags if tag == "script"]
    body = re.search(r'<script type="application/json" id="archkb-quiz-bank">(.*?)</script>', markup, re.S)
    return scripts, json.loads(body.group(1)) if body else None


def gift_unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def gift_syntax(text: str) -> str:
    """The GIFT syntax of a file: its unescaped special characters and line breaks, comments and text left out."""
    lines = [line for line in text.split("\n") if not line.startswith("//")]  # GIFT lines end at \n only
    return "\n".join(re.sub(r"\\.|[^~=#{}:\\]", "", line) for line in lines)


@PROPERTY
@given(value=hostile)
def test_quiz_page_gift_and_anki_keep_the_text(value: str, reference: Reference, tmp_path: Path) -> None:
    from archkb.quiz.anki import note
    from archkb.quiz.gift import bank_gift, unsupported
    from archkb.quiz.lms import question_name
    from archkb.quiz.web import page_bank, quiz_page_markdown

    kb = kb_with(value, tmp_path / "kb")
    bank, reference_bank = bank_of(kb), bank_of(reference.kb)
    assert [q.id for q in bank.questions] == [q.id for q in reference_bank.questions]
    assert any(value in q.text or value in q.explanation or value in q.choices for q in bank.questions)

    page = render_markdown(quiz_page_markdown(bank, use_directory_urls=False))
    scripts, data = embedded_bank(page)
    assert scripts == [{"type": "application/json", "id": "archkb-quiz-bank"}]
    assert data == json.loads(json.dumps(page_bank(bank, use_directory_urls=False)))
    assert structure(page) == structure(render_markdown(quiz_page_markdown(reference_bank, use_directory_urls=False)))

    gift, _ = bank_gift(bank)
    # GIFT cannot hold a matching item that contains "->"; the value may put one there, and then exactly
    # that question is left out, so the reference is compared without it
    held = {q.id for q in bank.questions if not unsupported(q)}
    assert {q.id for q in bank.questions if q.kind != "ordering"} - held == (
        {q.id for q in bank.questions if q.kind == "matching" and any("->" in t for t in q.prompts + q.choices)}
    )
    reference_gift, _ = bank_gift(
        replace(reference_bank, questions=[q for q in reference_bank.questions if q.id in held])
    )
    assert gift_syntax(gift) == gift_syntax(reference_gift)
    titles = re.findall(r"^::(.*?)::\[plain\](.*?) (?<!\\)\{$", gift, re.M | re.S)
    expected = [(question_name(q, bank), q.text.replace("\r", "")) for q in bank.questions if q.id in held]
    assert sorted((gift_unescape(k), gift_unescape(v)) for k, v in titles) == sorted(expected)

    for q, r in zip(bank.questions, reference_bank.questions, strict=True):
        fields, reference_fields = note(q).fields, note(r).fields
        assert [structure(f) for f in fields] == [structure(f) for f in reference_fields], q.id
        assert visible_text(fields[0]) == " ".join(q.text.split())


# -- diagram labels --------------------------------------------------------------------------------

#: What the rendered SVG may hold: graphviz's own elements and the shapes of our vector icons (diagrams/glyphs.py).
SVG_ELEMENTS = {
    "svg",
    "g",
    "title",
    "text",
    "path",
    "polygon",
    "polyline",
    "ellipse",
    "circle",
    "rect",
    "use",
    "symbol",
    "image",
    "defs",
}


@pytest.mark.slow
@PROPERTY
@given(value=hostile)
@example(value="]")  # graphviz 2.43 rejected a table cell holding only "]"
def test_diagram_labels_show_the_text_and_no_markup(value: str, tmp_path: Path) -> None:
    from archkb.diagrams.dot import architecture_dot
    from archkb.diagrams.render import run_dot

    kb = kb_with(value, tmp_path / "kb")
    svg = run_dot(architecture_dot(kb, kb.architecture("one")), ["svg"], 60, "test")["svg"].decode("utf-8")
    from xml.etree import ElementTree as ET

    root = ET.fromstring(svg)  # well-formed XML whatever the labels hold
    tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    assert tags <= SVG_ELEMENTS, tags - SVG_ELEMENTS
    events = [name for el in root.iter() for name in el.attrib if name.rsplit("}", 1)[-1].lower().startswith("on")]
    assert not events
    texts = " ".join(" ".join("".join(el.itertext()).split()) for el in root.iter() if el.tag.endswith("}text"))
    assert shown(value) in texts


# -- fixed cases -------------------------------------------------------------------------------------

FIXED = {
    "script": "<script>alert(1)</script>",
    "img-onerror": '<img src=x onerror="alert(1)">',
    "javascript-link": "[click](javascript:alert(1))",
    "javascript-mixed-case": "[click](JaVaScRiPt:alert(1)) <a href='JaVaScRiPt:alert(1)'>x</a>",
    "data-link": "[click](data:text/html,<script>alert(1)</script>) <data:text/html;base64,PHNjcmlwdD4=>",
    "script-end-in-question": "</script><script>alert(1)</script>",
    "jinja": "{{ x }} {% if x %}y{% endif %} {{ config.site_name }}",
    "table-breaker": "a | b || c \\| d",
    "attr-list": "Title {: #evil .evil onclick=alert(1) }",
}


@pytest.mark.parametrize("value", list(FIXED.values()), ids=list(FIXED))
def test_fixed_hostile_text_in_pages_search_and_quiz(value: str, reference: Reference, tmp_path: Path) -> None:
    from archkb.quiz.web import quiz_page_markdown

    kb = kb_with(value, tmp_path / "kb")
    pages = rendered_pages(kb)
    bad = [
        problem
        for path in sorted(pages)
        for problem in check_page(path, pages[path], reference.pages[path], shown(value))
    ]
    assert not bad, "\n".join(bad)
    quiz = render_markdown(quiz_page_markdown(bank_of(kb), use_directory_urls=False))
    scripts, data = embedded_bank(quiz)
    assert scripts == [{"type": "application/json", "id": "archkb-quiz-bank"}]
    assert any(value in text for text in strings(data)), "the hostile text reached the bank unchanged"


def strings(data: Any) -> list[str]:
    """Every string in parsed JSON."""
    if isinstance(data, str):
        return [data]
    items = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return [s for item in items for s in strings(item)]


BAD_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://example.com/",
    "//evil.example/",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_source_link_other_than_https_is_rejected(url: str, tmp_path: Path) -> None:
    from archkb.errors import KBError

    kb = tmp_path / "kb"
    shutil.copytree(BASE_KB, kb)
    path = kb / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "    title: A small test article\n", f"    title: A small test article\n    url: {json.dumps(url)}\n"
        )
    )
    with pytest.raises(KBError) as err:
        load_kb(kb)
    assert [(p.line, p.message.split(":")[0]) for p in err.value.problems] == [(6, "url")], err.value


@pytest.mark.parametrize("value", ["a\x08b", "x\x1b[31mred", "\x00", "\u2028 \t", "\x85", "a\ufffe"])
def test_text_with_control_characters_or_nothing_visible_is_rejected(value: str, tmp_path: Path) -> None:
    from archkb.errors import KBError

    with pytest.raises(KBError) as err:
        kb_with(value, tmp_path / "kb")
    assert all(
        "is not in the expected form (Plain text with a visible character and no control characters" in p.message
        for p in err.value.problems
    )
    assert len(err.value.problems) == len(FIELDS)


# -- a whole built site ------------------------------------------------------------------------------


def built_site(project: Path, value: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    from archkb.cli import main

    new_project(project)
    shutil.rmtree(project / "kb")
    kb_with(value, project / "kb")
    with monkeypatch.context() as mp:
        enter(project, mp)
        assert main(["build", "--kb", "kb", "--site-dir", "site"]) == 0
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def risky_attributes(markup: str) -> list[str]:
    """Event-handler attributes, and URLs with a scheme a browser would run or render as a page."""
    found = []
    for tag, attrs in parse_html(markup).tags:
        for name, val in attrs:
            target = re.sub(r"[\s\x00-\x1f]", "", val or "").lower()
            if name.lower().startswith("on") or target.startswith(("javascript:", "vbscript:", "data:text")):
                found.append(f"<{tag} {name}={val!r}>")
    return found


@pytest.mark.slow
def test_a_built_site_has_no_script_or_handler_that_came_from_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """archkb build (strict MkDocs, the plugin, Material, search, diagrams, quiz) on a KB whose
    fields hold every fixed hostile string, against the same KB with harmless words."""
    value = " ".join(FIXED.values())
    hostile_site = built_site(tmp_path / "hostile", value, monkeypatch)
    harmless_site = built_site(tmp_path / "harmless", HARMLESS, monkeypatch)
    assert set(hostile_site) == set(harmless_site)
    bad = []
    for path, data in hostile_site.items():
        if path.endswith((".html", ".svg")):
            markup, reference = data.decode("utf-8"), harmless_site[path].decode("utf-8")
            if path.endswith(".svg"):  # longer labels wrap onto more <text> lines: check which elements there are
                tags = {tag for tag, _ in parse_html(markup).tags}
                if not tags <= SVG_ELEMENTS:
                    bad.append(f"{path}: elements {sorted(tags - SVG_ELEMENTS)}")
            elif structure(markup) != structure(reference):
                bad.append(
                    f"{path}: other tags or attributes than with harmless text: "
                    f"{dict(structure(markup) - structure(reference))}"
                )
            scripts = sorted(str(dict(attrs)) for tag, attrs in parse_html(markup).tags if tag == "script")
            if scripts != sorted(str(dict(attrs)) for tag, attrs in parse_html(reference).tags if tag == "script"):
                bad.append(f"{path}: other <script> elements than with harmless text")
            bad += [
                f"{path}: {risky}" for risky in risky_attributes(markup) if risky not in risky_attributes(reference)
            ]
    index = json.loads(hostile_site["search/search_index.json"])
    reference_index = json.loads(harmless_site["search/search_index.json"])
    for doc, ref in zip(index["docs"], reference_index["docs"], strict=True):
        if structure(doc["title"] + doc["text"]) != structure(ref["title"] + ref["text"]):
            bad.append(f"search index entry {doc['location']}: other tags than with harmless text")
    assert not bad, "\n".join(bad)
    pages = "\n".join(data.decode("utf-8") for path, data in hostile_site.items() if path.endswith(".html"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages, "the hostile text is shown, escaped"
