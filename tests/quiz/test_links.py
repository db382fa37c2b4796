""" "Read more" is an address a learner can open: absolute on the site when its address is known
(``site_url`` in mkdocs.yml or ``--site-url``), else the page and an ``archkb show`` command."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from archkb.quiz.gift import bank_gift
from archkb.quiz.links import BadSiteURL, SiteAddress, checked_site_url, read_more
from archkb.quiz.session import select
from archkb.site_url import configured_site

from ..quizkit import archkb, real_built, typed


def a_question(teaches: str = "architectures/vk8s.md#vk-how-api"):  # type: ignore[no-untyped-def]
    q = next(q for q in real_built().bank.questions if q.teaches.startswith("architectures/"))
    return dataclasses.replace(q, teaches=teaches)


def test_without_a_site_the_page_and_a_command() -> None:
    q = a_question()
    assert read_more(q, None) == f"architectures/vk8s.md#vk-how-api on the docs site (or run: archkb show {q.facts[0]})"


@pytest.mark.parametrize(
    ("directory_urls", "expected"),
    [
        (True, "https://docs.example.com/kb/architectures/vk8s/#vk-how-api"),
        (False, "https://docs.example.com/kb/architectures/vk8s.html#vk-how-api"),
    ],
)
def test_with_a_site_an_absolute_url_as_mkdocs_builds_it(directory_urls: bool, expected: str) -> None:
    assert read_more(a_question(), checked_site_url("https://docs.example.com/kb"), directory_urls) == expected


def test_the_site_url_comes_from_mkdocs_yml_with_its_tags(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nsite_url: https://docs.example.com/\nuse_directory_urls: false\n"
        "plugins:\n  - archkb:\n      kb_dir: !ENV [ARCHKB_KB_DIR, kb]\n",
        encoding="utf-8",
    )
    assert configured_site(config) == ("https://docs.example.com/", False)
    assert configured_site(tmp_path / "missing.yml") == (None, True)
    config.write_text("site_url: ftp://nowhere\n", encoding="utf-8")
    assert configured_site(config) == (None, True), "an unusable address is not used"
    assert SiteAddress("https://given.example/", config).get() == ("https://given.example/", True)


@pytest.mark.parametrize("bad", ["docs.example.com", "javascript:alert(1)", "https://", "ftp://x/"])
def test_a_bad_site_url_is_refused(bad: str) -> None:
    with pytest.raises(BadSiteURL):
        checked_site_url(bad)


def test_terminal_and_exports_use_site_url_and_refuse_a_bad_one(tmp_path: Path) -> None:
    site = "https://docs.example.com/"
    (pick,) = select(real_built().bank, 1, 3)
    done = archkb(
        ["quiz", "--seed", "3", "--count", "1", "--site-url", site], tmp_path, stdin=typed(pick.question, True) + "\n"
    )
    assert done.returncode == 0, done.stderr
    assert f"Read more: {site}" in done.stdout
    bad = archkb(["quiz", "--seed", "3", "--count", "1", "--site-url", "docs.example.com"], tmp_path, stdin="a\n")
    assert bad.returncode == 2 and "absolute http(s)" in bad.stderr and "Traceback" not in bad.stderr
    out = tmp_path / "q.gift"
    gift = archkb(["export", "--what", "quiz", "--format", "gift", "--site-url", site, "--out", str(out)], tmp_path)
    assert gift.returncode == 0, gift.stderr
    more = SiteAddress(site).read_more
    assert out.read_text(encoding="utf-8") == bank_gift(real_built().bank, more)[0]
    assert site.replace(":", "\\:") in out.read_text(encoding="utf-8"), "the GIFT feedback links the site"
    refused = archkb(["export", "--what", "quiz", "--format", "gift", "--site-url", "x", "--out", str(out)], tmp_path)
    assert refused.returncode != 0 and "absolute http(s)" in refused.stderr and "Traceback" not in refused.stderr
    assert out.read_text(encoding="utf-8") == bank_gift(real_built().bank, more)[0], "nothing half-written"


def test_anki_links_the_page_when_the_site_is_known(tmp_path: Path) -> None:
    from archkb.quiz.anki import note

    q = a_question()
    linked = note(q, SiteAddress("https://docs.example.com/", tmp_path / "no-mkdocs.yml").read_more)
    assert '<a href="https://docs.example.com/architectures/vk8s/#vk-how-api">' in linked.fields[4]
    assert "archkb show" in note(q).fields[4]
