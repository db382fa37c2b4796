"""The quiz page: the bank embedded safely, links that work on the built site, assets shipped."""

from __future__ import annotations

import dataclasses
import json
import re

import markdown

from archkb.quiz.question import Bank
from archkb.quiz.web import (
    BANK_ID,
    CHECK_JS,
    CONTAINER_ID,
    EXTRA_JAVASCRIPT,
    LEARNING_JS,
    PANELS_JS,
    QUIZ_CSS,
    QUIZ_JS,
    TS_FSRS_JS,
    TS_FSRS_LICENSE,
    asset_files,
    page_link,
    quiz_page_markdown,
    script_json,
)

from ..quizkit import real_built

NASTY = "</script><script>window.pwned = 1</script> <!-- & \u2028\u2029 ]]> <b>bold</b>"


def embedded(page: str) -> str:
    found = re.search(rf'<script type="application/json" id="{BANK_ID}">(.*?)</script>', page, re.S)
    assert found, "no embedded bank"
    return found.group(1)


def test_script_json_escapes_what_could_end_the_script() -> None:
    text = script_json({"t": NASTY})
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == {"t": NASTY}


def test_a_question_containing_a_closing_script_tag_cannot_break_out() -> None:
    base = real_built().bank.questions[0]
    bank = Bank(
        questions=(dataclasses.replace(base, text=NASTY, explanation=NASTY),), architectures={}, generator="test"
    )
    page = quiz_page_markdown(bank)
    assert page.count("</script>") == 1 and page.count("<script") == 1
    data = json.loads(embedded(page))
    assert data["questions"][0]["text"] == NASTY
    html = markdown.markdown(page, extensions=["attr_list", "md_in_html", "tables", "toc"])
    assert json.loads(embedded(html))["questions"][0]["text"] == NASTY, "Markdown must pass the bank through untouched"


def test_page_has_the_container_and_the_whole_bank() -> None:
    bank = real_built().bank
    page = quiz_page_markdown(bank)
    assert f'<div id="{CONTAINER_ID}"' in page and "<noscript>" in page
    data = json.loads(embedded(page))
    assert [q["id"] for q in data["questions"]] == [q.id for q in bank.questions]
    assert set(data["links"]) == {q.id for q in bank.questions}


def test_links_to_teaching_pages_follow_mkdocs_urls() -> None:
    assert page_link("quiz.md", "architectures/vk8s.md#vk8s-scope") == "../architectures/vk8s/#vk8s-scope"
    assert page_link("quiz.md", "comparison.md") == "../comparison/"
    assert page_link("quiz.md", "index.md") == "../"
    assert (
        page_link("quiz.md", "architectures/vk8s.md#vk8s-scope", use_directory_urls=False)
        == "architectures/vk8s.html#vk8s-scope"
    )
    assert page_link("learn/quiz.md", "glossary.md#crd", use_directory_urls=False) == "../glossary.html#crd"


def test_assets_are_plain_script_and_style_that_insert_text_only() -> None:
    files = asset_files()
    assert set(files) == {QUIZ_JS, QUIZ_CSS, LEARNING_JS, PANELS_JS, TS_FSRS_JS, TS_FSRS_LICENSE}
    assert EXTRA_JAVASCRIPT == (TS_FSRS_JS, LEARNING_JS, PANELS_JS, CHECK_JS, QUIZ_JS), (
        "ts-fsrs, learning.js, panels.js and the questions load before the quiz"
    )
    for path in (QUIZ_JS, LEARNING_JS, PANELS_JS):
        script = files[path].decode("utf-8")
        assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "document.write" not in script
        assert "fetch(" not in script and "XMLHttpRequest" not in script and "import(" not in script
        assert "http://" not in script and "https://" not in script.replace("https?:", "")
    script = files[QUIZ_JS].decode("utf-8")
    assert "textContent" in script and "document$" in script and "DOMContentLoaded" in script
    assert "localStorage" in files[LEARNING_JS].decode("utf-8")
    assert "INTERVALS" not in script and "of 5" not in script, "scheduling lives in learning.js (ts-fsrs), once"
    assert "var(--md-default-fg-color" in files[QUIZ_CSS].decode("utf-8")


def test_a_known_url_style_fixes_both_link_maps() -> None:
    bank = real_built().bank
    for style in (True, False):
        data = json.loads(embedded(quiz_page_markdown(bank, use_directory_urls=style)))
        assert data["links"] == data["file_links"]
        q = bank.questions[0]
        assert data["links"][q.id] == page_link("quiz.md", q.teaches, style)
    data = json.loads(embedded(quiz_page_markdown(bank)))
    assert data["links"] != data["file_links"]


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, bg: str) -> float:
    high, low = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_right_and_wrong_keep_4_5_to_1_contrast_in_both_schemes() -> None:
    import re

    css = asset_files()[QUIZ_CSS].decode("utf-8")
    schemes = re.findall(
        r"^(\.archkb-quiz, \.archkb-check|\[data-md-color-scheme=\"slate\"\] \.archkb-quiz, [^{]*) \{([^}]*)\}",
        css,
        re.M,
    )
    assert [name.split(",")[0] for name, _ in schemes][:2] == [
        ".archkb-quiz",
        '[data-md-color-scheme="slate"] .archkb-quiz',
    ]
    for name, body in schemes[:2]:
        colours = dict(re.findall(r"--archkb-([a-z-]+):\s*(#[0-9a-f]{6});", body))
        assert set(colours) == {"text", "right", "right-bg", "wrong", "wrong-bg"}, name
        for fg, bg in (("right", "right-bg"), ("wrong", "wrong-bg"), ("text", "right-bg"), ("text", "wrong-bg")):
            assert contrast(colours[fg], colours[bg]) >= 4.5, (
                f"{name}: {fg} on {bg} is {contrast(colours[fg], colours[bg]):.2f}:1"
            )
    assert "--md-accent-fg-color, #2e7d32" not in css, "the theme's accent no longer colours right answers"
    assert contrast("#1b5e20", "#e8f5e9") > 6 and contrast("#777777", "#ffffff") < 4.5  # the formula itself (WCAG 2)


def test_check_yourself_script_carries_three_questions_per_architecture() -> None:
    from archkb.quiz.check import check_script

    from ..quizkit import real_built

    bank = real_built().bank
    text = check_script(bank)
    prefix = "window.archkbCheckYourself = "
    line = next(line for line in text.splitlines() if line.startswith(prefix))
    data = json.loads(line[len(prefix) : -1])
    assert set(data["architectures"]) == set(bank.architectures) and "<" not in line
    for arch_id, entry in data["architectures"].items():
        assert len(entry["questions"]) == 3 and all(q["architectures"] == [arch_id] for q in entry["questions"])
        assert len({q["topic"] for q in entry["questions"]}) >= 2
        assert set(entry["links"]) == {q["id"] for q in entry["questions"]} and entry["quiz"]["dirs"] == "../../quiz/"
    assert data["scheduler"]["algorithm"] == "FSRS-6"
