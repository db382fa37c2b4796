"""WCAG 2.2 AA on the built site: axe-core over every page, in both colour schemes, on a laptop and a
phone, and again after using the quiz and the decision guide; then the things axe cannot judge:
a visible focus ring on the quiz's controls, and what the quiz and the guide announce.

axe-core is vendored from npm at a pinned version (tests/vendor/axe-core/, with its licence and a
VERSION note) and injected into each page; nothing is fetched at run time.

Before this test existed (axe-core 4.14.1, 76 runs: 19 pages x 2 schemes x 2 widths) axe reported 1,150
nodes in violation: link-in-text-block 452, color-contrast 352, target-size 328,
scrollable-region-focusable 18. Since then: none, and :data:`ALLOWED` is empty.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from ..sitekit import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = ("light", "dark")
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
ARTIFACTS = ROOT / "test-artifacts"

#: Violations we accept, as (rule id, regular expression over "page target") -> why it cannot be fixed.
#: Every entry is reviewed; keep it as short as possible. Empty: the palette and archkb.css fix all.
ALLOWED: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="module")
def base_url(site_url: str) -> str:
    return site_url


def new_page(browser: Any, scheme: str, viewport: str) -> Any:
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(20000)
    return page


def axe(page: Any, where: str) -> list[str]:
    """axe-core's violations on the page as it is now, one line per node, less the :data:`ALLOWED` ones."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    assert page.evaluate("() => axe.version") == AXE_VERSION
    # The theme fades the tabs out when the page scrolls: judge the page at rest, not mid-transition.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS
    )
    found = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            if any(rule == violation["id"] and re.search(pattern, f"{where} {target}") for rule, pattern in ALLOWED):
                continue
            summary = node.get("failureSummary", "").replace("\n", " ")
            found.append(f"{where}: {violation['id']} ({violation['impact']}) at {target}: {summary}")
    return found


def site_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_axe_core_is_the_pinned_vendored_copy() -> None:
    note = (AXE.parent / "VERSION").read_text(encoding="utf-8")
    assert f"axe-core {AXE_VERSION}" in note
    assert (AXE.parent / "LICENSE").read_text(encoding="utf-8").startswith("Mozilla Public License")
    assert f"axe v{AXE_VERSION}" in AXE.read_text(encoding="utf-8")[:200]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_axe_violations_on_any_page(
    browser: Any, built_site: Path, base_url: str, scheme: str, viewport: str
) -> None:
    page = new_page(browser, scheme, viewport)
    pages = site_pages(built_site)
    assert len(pages) >= 15 and "quiz.html" in pages
    problems: list[str] = []
    for path in pages:
        page.goto(base_url + path, wait_until="load")
        page.wait_for_function("() => document.body.dataset.mdColorScheme !== undefined")
        assert page.evaluate("() => document.body.dataset.mdColorScheme") == (
            "slate" if scheme == "dark" else "default"
        )
        problems += axe(page, f"{scheme} {viewport} {path}")
    page.context.close()
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)


def start_quiz(page: Any, mode: str, count: str = "5") -> None:
    page.select_option("#archkb-quiz-count", value=count)
    page.check(f"input[name=mode][value={mode}]")
    page.click("button.archkb-quiz__go")


def answer_any(page: Any) -> None:
    """Answer the question on screen with the first choice (or the first option of every list)."""
    kind = page.get_attribute("section.archkb-quiz__question", "data-kind")
    if kind in ("ordering", "matching"):
        selects = page.locator(".archkb-quiz__choices select")
        for i in range(selects.count()):
            selects.nth(i).select_option(index=i + 1 if kind == "ordering" else 1)
    else:
        page.locator("input[name=answer]").first.check()
    page.click("button.archkb-quiz__submit")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_axe_violations_after_using_the_quiz_and_the_guide(
    browser: Any, base_url: str, scheme: str, viewport: str
) -> None:
    page = new_page(browser, scheme, viewport)
    where = f"{scheme} {viewport}"
    problems: list[str] = []
    page.goto(base_url + "quiz.html", wait_until="load")
    start_quiz(page, "practice", "5")
    page.locator("input[name=answer], .archkb-quiz__choices select").first.wait_for()
    page.click("button.archkb-quiz__submit")  # nothing chosen: the message
    problems += axe(page, f"{where} quiz.html (unanswered)")
    for k in range(5):
        answer_any(page)
        page.locator(".archkb-quiz__feedback").wait_for()
        if k == 0:
            problems += axe(page, f"{where} quiz.html (feedback)")
        page.click("button.archkb-quiz__next")
    page.locator(".archkb-quiz__score").wait_for()
    problems += axe(page, f"{where} quiz.html (score)")
    page.click("button.archkb-quiz__again")
    start_quiz(page, "exam", "5")
    for _ in range(5):
        answer_any(page)
    page.locator("ol.archkb-quiz__sheet").wait_for()
    problems += axe(page, f"{where} quiz.html (answer sheet)")

    page.goto(base_url + "index.html", wait_until="load")
    page.locator('input[name="archkb-q-cluster"][value="yes"]').check()
    page.locator('input[name="archkb-q-host"][value="no"]').check()
    problems += axe(page, f"{where} index.html (guide answered)")
    page.locator('input[name="archkb-q-host"][value="yes"]').check()  # contradicts: nothing fits
    problems += axe(page, f"{where} index.html (guide, nothing fits)")
    page.context.close()
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)


def outline(page: Any) -> tuple[str, float]:
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); "
        "return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    return style[0], style[1]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_keyboard_focus_is_visible_on_the_quiz_and_guide_controls(browser: Any, base_url: str, scheme: str) -> None:
    page = new_page(browser, scheme, "desktop")
    page.goto(base_url + "quiz.html", wait_until="load")
    assert page.evaluate("() => document.activeElement === document.body"), "the quiz does not move focus on load"
    page.focus("#archkb-quiz-count")
    seen = {}
    for _ in range(8):  # count, the three modes (arrow keys), start, reset
        page.keyboard.press("Tab")
        tag = page.evaluate("() => document.activeElement.tagName + '.' + (document.activeElement.type || '')")
        seen[tag] = outline(page)
        if tag == "INPUT.radio":
            page.keyboard.press("ArrowDown")
            seen["INPUT.radio (arrow)"] = outline(page)
        if tag == "BUTTON.submit":
            break
    assert {"INPUT.radio", "BUTTON.submit"} <= set(seen), seen
    for control, (style, width) in seen.items():
        assert style != "none" and width >= 2, f"{control} has no visible focus ring: {style} {width}px"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # the first control of whatever question the round drew: a radio or checkbox, or an ordering slot's select
    control = page.evaluate(
        "() => [document.activeElement.closest('form.archkb-quiz__answer') !== null, document.activeElement.name]"
    )
    assert control[0] and (control[1] == "answer" or control[1].startswith("slot-")), control
    assert outline(page)[0] != "none"
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".archkb-quiz").screenshot(path=str(ARTIFACTS / f"quiz-focus-{scheme}.png"))

    page.goto(base_url + "index.html", wait_until="load")
    page.focus('input[name="archkb-q-cluster"][value="any"]')
    page.keyboard.press("ArrowDown")
    style, width = outline(page)
    assert style != "none" and width >= 2, (style, width)
    page.context.close()


def test_quiz_announces_the_verdict_and_the_score_through_a_status_region_that_was_there_first(
    browser: Any, base_url: str
) -> None:
    page = new_page(browser, "light", "desktop")
    page.goto(base_url + "quiz.html", wait_until="load")
    live = page.locator(".archkb-quiz__live[role=status]")
    assert live.count() == 1 and live.inner_text() == ""
    page.evaluate("() => { window.liveNode = document.querySelector('.archkb-quiz__live'); }")
    start_quiz(page, "practice", "5")
    answer_any(page)
    page.locator(".archkb-quiz__feedback").wait_for()
    assert page.locator(".archkb-quiz__feedback[role], .archkb-quiz__feedback [role=status]").count() == 0, (
        "feedback is not a second live region"
    )
    assert page.evaluate("() => document.activeElement.classList.contains('archkb-quiz__next')")
    page.wait_for_function("() => document.querySelector('.archkb-quiz__live').textContent.length > 0")
    verdict = page.inner_text(".archkb-quiz__verdict").lstrip("\u2713\u2717 ")  # the mark is aria-hidden
    assert live.inner_text().startswith(verdict) and "Why: " in live.inner_text()
    for _ in range(4):
        page.click("button.archkb-quiz__next")
        answer_any(page)
        page.locator(".archkb-quiz__feedback").wait_for()
    page.click("button.archkb-quiz__next")
    page.wait_for_function("() => document.querySelector('.archkb-quiz__live').textContent.startsWith('Your score')")
    score = page.inner_text(".archkb-quiz__score")
    assert live.inner_text() == f"Your score: {score}"
    assert page.evaluate("() => window.liveNode === document.querySelector('.archkb-quiz__live')"), (
        "the same node all along"
    )
    page.context.close()


def test_guide_announces_a_short_count_next_to_the_questions(browser: Any, base_url: str) -> None:
    page = new_page(browser, "light", "desktop")
    page.goto(base_url + "index.html", wait_until="load")
    count = page.locator(".archkb-guide__count[role=status]")
    assert count.inner_text() == "All 4 fit. Answer a question to narrow them down."
    assert page.locator(".archkb-guide__result[aria-live], .archkb-guide__result [role=status]").count() == 0
    page.locator('input[name="archkb-q-host"][value="no"]').check()
    page.locator('input[name="archkb-q-clusterip"][value="yes"]').check()
    text = count.inner_text()
    assert re.fullmatch(r"2 of 4 fit: [^,]+, [^,]+\.( \d left open by the sources\.)?", text), text
    assert len(text) < 150
    names = page.eval_on_selector_all(".archkb-guide__fits .archkb-guide__name", "els => els.map(e => e.textContent)")
    assert text.startswith(f"2 of 4 fit: {', '.join(names)}.")
    page.locator('input[name="archkb-q-host"][value="yes"]').check()
    assert count.inner_text().startswith("None of the 4 fits every answer.")
    # The count is in view while the last question is answered (it sticks under the header).
    last = page.locator(".archkb-guide__question").last
    last.scroll_into_view_if_needed()
    box, view = count.bounding_box(), page.viewport_size
    assert box is not None and 0 <= box["y"] < view["height"], box
    page.context.close()


def smallest_font_pt(svg: Path) -> float:
    sizes = [float(s) for s in re.findall(r'font-size="([0-9.]+)"', svg.read_text(encoding="utf-8"))]
    assert sizes, svg
    return min(sizes)


SHOWN_DIAGRAMS = """() => [...document.querySelectorAll('img.archkb-diagram')]
  .filter(i => i.closest('p') && getComputedStyle(i.closest('p')).display !== 'none')
  .map(i => { const s = getComputedStyle(i);
    return [new URL(i.src).pathname.slice(1),
            i.getBoundingClientRect().width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight),
            i.naturalWidth]; })"""


def load_shown_diagrams(page: Any) -> None:
    """Bring each shown (lazy) diagram into view and wait until it has loaded."""
    images = page.locator("img.archkb-diagram")
    for i in range(images.count()):
        image = images.nth(i)
        if image.evaluate("i => getComputedStyle(i.closest('p')).display !== 'none'"):
            image.scroll_into_view_if_needed()
            image.evaluate(
                "i => i.complete && i.naturalWidth ? true : new Promise(ok => i.addEventListener('load', () => "
                "ok(true), { once: true }))"
            )


def test_diagram_labels_are_at_least_11_px_where_they_are_shown(browser: Any, built_site: Path, base_url: str) -> None:
    page = new_page(browser, "light", "desktop")
    pages = ["index.html"] + [p for p in site_pages(built_site) if p.startswith("architectures/")]
    seen = []
    for path in pages:
        page.goto(base_url + path, wait_until="load")
        load_shown_diagrams(page)
        for src, shown, natural in page.evaluate(SHOWN_DIAGRAMS):
            svg = built_site / src
            smallest = smallest_font_pt(svg) * 4 / 3 * shown / natural  # graphviz sizes text in points
            seen.append((path, src, round(smallest, 1)))
            assert smallest >= 11, f"{path}: {src} shows its smallest label at {smallest:.1f} px"
    assert {p for p, _, _ in seen} == set(pages), seen
    assert [s for p, s, _ in seen if p == "index.html"] == ["diagrams/overview.svg"], (
        "the four-up overview on a wide screen"
    )
    page.context.close()

    phone = new_page(browser, "light", "phone")
    phone.goto(base_url + "index.html", wait_until="load")
    load_shown_diagrams(phone)
    phone.locator("figure.archkb-figure").scroll_into_view_if_needed()
    shown = [src for src, _, _ in phone.evaluate(SHOWN_DIAGRAMS)]
    assert "diagrams/overview.svg" not in shown and len(shown) == 4, shown
    assert phone.evaluate("() => document.querySelector('img.archkb-diagram--wide').naturalWidth") == 0, (
        "the hidden overview is not downloaded"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "home-diagram-phone.png"))
    phone.context.close()


def test_abbreviations_are_marked_once_and_their_definitions_reachable_by_keyboard_and_touch(
    browser: Any, base_url: str
) -> None:
    page = new_page(browser, "light", "desktop")
    page.goto(base_url + "sources.html", wait_until="load")
    assert "XC" in page.inner_text("article")
    marked = page.eval_on_selector_all("article abbr", "els => els.map(e => e.textContent)")
    assert marked.count("XC") == 1 and len(marked) == len(set(marked)), marked
    first = page.locator("article abbr[tabindex='0']").filter(has_text=re.compile(r"^XC$"))
    title = first.get_attribute("title")
    assert title and title.startswith("F5 Distributed Cloud")
    first.focus()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().strip() == title
    page.context.close()
    touch = browser.new_context(viewport=VIEWPORTS["phone"], has_touch=True, is_mobile=True)
    phone = touch.new_page()
    phone.goto(base_url + "architectures/vk8s.html", wait_until="load")
    abbr = phone.locator("article abbr[tabindex='0']").first
    abbr.scroll_into_view_if_needed()
    abbr.tap()
    phone.locator(".md-tooltip2--active").wait_for(state="visible")
    touch.close()


@pytest.mark.parametrize(("query", "anchor"), [("CRD", "crd"), ("pK8s", "managed-k8s")])
def test_search_ranks_the_glossary_entry_first_for_an_abbreviation(
    browser: Any, base_url: str, query: str, anchor: str
) -> None:
    page = new_page(browser, "light", "desktop")
    page.goto(base_url + "index.html", wait_until="networkidle")
    page.locator(".md-search__input").click()
    page.keyboard.type(query, delay=50)
    page.wait_for_selector(".md-search-result__item")
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.getAttribute('href'))")
    # Material lists the best page first, then its best sections: the glossary, with the entry among them.
    first_page = [h for h in hrefs if h.split("?")[0] == hrefs[0].split("?")[0]]
    assert hrefs[0].split("?")[0].endswith("glossary.html"), hrefs[:5]
    assert any(re.search(rf"#{anchor}$", h) for h in first_page), first_page
    page.context.close()


def test_the_restrictions_table_fits_a_laptop_screen(browser: Any, base_url: str) -> None:
    """At 1366 px the restrictions table needs no sideways scrolling (on a phone it scrolls, with a cue)."""
    page = new_page(browser, "light", "desktop")
    page.goto(base_url + "restrictions.html", wait_until="networkidle")
    sizes = page.eval_on_selector_all(
        "article table", "ts => ts.map(t => [t.scrollWidth, (t.closest('.md-typeset__scrollwrap') || t).clientWidth])"
    )
    assert sizes, "the page has a table"
    assert all(scroll <= shown + 1 for scroll, shown in sizes), sizes
    page.context.close()
