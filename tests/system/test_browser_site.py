"""The built site in headless Chromium (the system's, never a downloaded one), served on 127.0.0.1:
every page loads cleanly and offline, search, tooltips, the decision guide, and screenshots."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..sitekit import GUIDE_CASES, ROOT

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def base_url(site_url: str) -> str:
    return site_url


class Recorder:
    """Everything a page did that a clean, offline site must not do."""

    def __init__(self, page: Any, base_url: str) -> None:
        self.base_url = base_url
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.aborted: list[str] = []
        self.loaded: set[str] = set()
        page.on("requestfinished", lambda r: self.loaded.add(r.url))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", self.failed)
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status} for {r.url}"))
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))

    def failed(self, request: Any) -> None:
        # ERR_ABORTED is Chromium cancelling a request because the test navigated on (the search
        # worker and the sitemap start after "networkidle" on a loaded machine); any other failure,
        # and any aborted request that is never made again, is a problem.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"failed request {request.url}: {request.failure}")
        else:
            self.aborted.append(request.url)

    def foreign(self) -> list[str]:
        return [
            u
            for u in self.requests
            if not u.startswith(self.base_url) and not u.startswith(("data:", "blob:", "about:"))
        ]


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.recorder = Recorder(page, base_url)
    yield page
    context.close()


def site_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_every_page_loads_cleanly_and_offline(page: Any, built_site: Path, base_url: str) -> None:
    pages = site_pages(built_site)
    assert "index.html" in pages and "architectures/vk8s.html" in pages
    for path in pages:
        page.goto(base_url + path, wait_until="networkidle")
        assert page.locator("h1").count() >= 1 or path == "404.html", path
    recorder = page.recorder
    assert not recorder.problems, "\n".join(recorder.problems)
    assert set(recorder.aborted) <= recorder.loaded, "cancelled on navigation and never loaded"
    assert not recorder.foreign(), recorder.foreign()
    assert len({u.split("#")[0] for u in recorder.requests}) > len(pages), "assets were requested too"


def test_search_for_crd_finds_the_vk8s_restrictions(page: Any, base_url: str) -> None:
    page.goto(base_url + "index.html", wait_until="networkidle")
    page.locator(".md-search__input").click()
    page.keyboard.type("CRD", delay=50)
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.getAttribute('href'))")
    assert any(re.search(r"restrictions\.html\?h=crd#no-crds$", h) for h in hrefs), hrefs
    assert any(re.search(r"architectures/vk8s\.html\?h=crd#restrictions$", h) for h in hrefs), hrefs
    assert not page.recorder.problems, page.recorder.problems


def test_abbreviation_shows_its_definition_as_a_tooltip(page: Any, base_url: str) -> None:
    page.goto(base_url + "architectures/vk8s.html", wait_until="networkidle")
    abbr = page.locator("article abbr").filter(has_text=re.compile(r"^vK8s$"), visible=True).first
    title = abbr.get_attribute("title")
    assert title and title.startswith("Virtual Kubernetes"), title
    abbr.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=10000)
    assert tooltip.inner_text().strip() == title


def choose(page: Any, answers: dict[str, str]) -> list[str]:
    page.locator(".archkb-guide__form button[type=reset]").click()
    for question, answer in answers.items():
        page.locator(f'input[name="archkb-q-{question}"][value="{answer}"]').check()
    return list(
        page.eval_on_selector_all("[data-archkb-fits]", "els => els.map(e => e.getAttribute('data-archkb-fits'))")
    )


@pytest.mark.parametrize(("answers", "expected"), [pytest.param(a, e, id=name) for name, a, e in GUIDE_CASES])
def test_decision_guide_leads_to_the_expected_architectures(
    page: Any, base_url: str, answers: dict[str, str], expected: list[str]
) -> None:
    page.goto(base_url + "index.html", wait_until="networkidle")
    assert choose(page, answers) == expected
    if expected:
        link = page.locator(f'[data-archkb-fits="{expected[0]}"] a').first
        assert link.evaluate("a => a.href") == f"{base_url}architectures/{expected[0]}.html"
    else:
        assert "No single architecture" in page.locator(".archkb-guide__result").inner_text()
    assert not page.recorder.problems, page.recorder.problems


def test_decision_guide_leaves_what_the_sources_do_not_say_open(page: Any, base_url: str) -> None:
    """vK8s and mK8s do not state their Service types: "must XC expose ClusterIP?" leaves them open, not ruled out."""
    page.goto(base_url + "index.html", wait_until="networkidle")
    assert choose(page, {"clusterip": "yes"}) == ["secure-k8s-gateway", "k8s-site"]
    opened = page.eval_on_selector_all("[data-archkb-open]", "els => els.map(e => e.getAttribute('data-archkb-open'))")
    assert opened == ["vk8s", "mk8s"]
    assert page.eval_on_selector_all("[data-archkb-out]", "els => els.length") == 0
    assert "not stated in the sources" in page.locator(".archkb-guide__open").inner_text()
    assert "Condition: " in page.locator('[data-archkb-fits="secure-k8s-gateway"]').inner_text()
    assert not page.recorder.problems, page.recorder.problems


def test_decision_guide_survives_instant_navigation(page: Any, base_url: str) -> None:
    """Material swaps pages without reloading; the guide hooks into document$ and starts again."""
    page.goto(base_url + "glossary.html", wait_until="networkidle")
    page.locator(".md-tabs__link", has_text="Home").first.click()
    page.wait_for_selector(".archkb-guide__form", timeout=10000)
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1, "no full reload happened"
    assert choose(page, {"regions": "yes"}) == ["vk8s"]


def test_screenshots_and_dark_scheme(browser: Any, base_url: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        for path, name in (
            ("index.html", "home"),
            ("architectures/vk8s.html", "architecture-vk8s"),
            ("comparison.html", "comparison"),
        ):
            page.goto(base_url + path, wait_until="networkidle")
            page.screenshot(path=str(ARTIFACTS / f"{name}-{scheme}.png"), full_page=True)
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == expected
        page.goto(base_url + "architectures/vk8s.html", wait_until="networkidle")
        background = page.eval_on_selector("img.archkb-diagram", "img => getComputedStyle(img).backgroundColor")
        assert background == "rgb(255, 255, 255)", "diagrams keep a white background in both schemes"
        context.close()
    assert (ARTIFACTS / "home-light.png").stat().st_size > 10_000
    assert (ARTIFACTS / "architecture-vk8s-dark.png").stat().st_size > 10_000


def test_built_folder_works_from_disk(browser: Any, built_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    recorder = Recorder(page, built_site.as_uri() + "/")
    page.goto((built_site / "index.html").as_uri(), wait_until="load")
    page.wait_for_selector(".archkb-guide__form", timeout=10000)
    assert choose(page, {"lifecycle": "yes"}) == ["mk8s"]
    page.locator('[data-archkb-fits="mk8s"] a').first.click()
    page.wait_for_selector("h1")
    assert page.url.endswith("architectures/mk8s.html")
    assert not recorder.foreign(), recorder.foreign()
    context.close()
