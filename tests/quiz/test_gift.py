"""The GIFT export, read back with a parser that follows Moodle's qformat_gift import step by step."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from archkb.quiz.gift import bank_gift
from archkb.quiz.links import SiteAddress
from archkb.quiz.lms import question_name
from archkb.quiz.question import Bank

from ..quizkit import ROOT, archkb, real_built

_ESCAPES = {
    "\\:": "\x01058",
    "\\#": "\x01035",
    "\\=": "\x01061",
    "\\{": "\x01123",
    "\\}": "\x01125",
    "\\~": "\x01126",
    "\\n": "\x01010",
}
_CHARS = {
    "\x01058": ":",
    "\x01035": "#",
    "\x01061": "=",
    "\x01123": "{",
    "\x01125": "}",
    "\x01126": "~",
    "\x01010": "\n",
}
_WEIGHT = re.compile(r"^%\-*([0-9]{1,2})\.?([0-9]*)%")  # Moodle's $giftanswerweightregex


def _pre(text: str) -> str:
    text = text.replace("\\\\", "\x01092")
    for escaped, placeholder in _ESCAPES.items():
        text = text.replace(escaped, placeholder)
    return text.replace("\x01092", "\\")


def _post(text: str) -> str:
    for placeholder, char in _CHARS.items():
        text = text.replace(placeholder, char)
    return text.strip()


def _plain(text: str) -> str:
    assert text.startswith("[plain]"), text[:40]
    return _post(text[len("[plain]") :])


def parse_gift(text: str) -> list[dict[str, Any]]:
    """Questions of a GIFT file as Moodle would import them (the kinds archkb writes)."""
    blocks, current = [], []
    for line in text.split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    out = []
    category = None
    for block in blocks:
        # archkb's comment before a question names its id: "// q-0123abcd version 1a2b3c4d5e6f: single, ..."
        ids = [m.group(1) for line in block if (m := re.match(r"\s*// (\S+) version \S+:", line))]
        body = _pre("\n".join(" " if line.strip().startswith("//") else line for line in block).strip())
        if not body:
            continue
        if body.startswith("$CATEGORY:"):
            category = body[len("$CATEGORY:") :].strip()
            continue
        assert body.startswith("::"), body[:60]
        name, _, body = body[2:].partition("::")
        start, end = body.index("{"), body.index("}")
        answer_text = body[start + 1 : end].strip()
        assert body[end + 1 :].strip() == "", "text after the answers"
        general = ""
        if "####" in answer_text:
            answer_text, _, general = answer_text.rpartition("####")
            answer_text = answer_text.strip()
        q: dict[str, Any] = {
            "id": ids[0] if ids else None,
            "name": _post(name),
            "text": _plain(body[:start]),
            "feedback": _post(general),
            "category": category,
        }
        if "~" in answer_text:
            q["type"] = "multichoice"
            q["single"] = "=" in answer_text
            parts = [p.strip() for p in answer_text.replace("=", "~=").split("~") if p.strip()]
            q["answers"] = []
            for part in parts:
                if part.startswith("="):
                    fraction, part = 1.0, part[1:]
                elif _WEIGHT.match(part):  # answerweightparser: the text between the first two %
                    weight, _, part = part[1:].partition("%")
                    fraction = float(weight) / 100
                else:
                    fraction = 0.0
                q["answers"].append((_post(part.split("#", 1)[0]), fraction))
                q.setdefault("answer_feedback", []).append(_post(part.split("#", 1)[1]) if "#" in part else "")
        elif "=" in answer_text and "->" in answer_text:
            q["type"] = "match"
            pairs = [p.strip() for p in answer_text.split("=") if p.strip()]
            q["pairs"] = [(_post(p.split("->", 1)[0]), _post(p.split("->", 1)[1])) for p in pairs]
        else:
            flag = answer_text.split("#", 1)[0].strip()
            assert flag in ("T", "TRUE", "F", "FALSE"), answer_text
            q["type"] = "truefalse"
            q["correct"] = flag in ("T", "TRUE")
            bits = answer_text.split("#", 2)  # Moodle's split_truefalse_comment: answer, wrong, right feedback
            q["wrong_feedback"] = _post(bits[1]) if len(bits) > 1 else ""
        out.append(q)
    return out


def check_against_bank(bank: Bank, parsed: list[dict[str, Any]]) -> list[str]:
    by_id = bank.by_id()
    bad = []
    for item in parsed:
        q = by_id[item["id"]]
        if item["name"] != question_name(q, bank):
            bad.append(f"{q.id}: name {item['name']!r}")
        if item["text"] != q.text:
            bad.append(f"{q.id}: text {item['text']!r}")
        if q.explanation not in item["feedback"] or q.teaches not in item["feedback"]:
            bad.append(f"{q.id}: feedback")
        right = {q.choices[i] for i in q.answer}
        if q.kind == "single" and (item["type"], item["single"], {a for a, f in item["answers"] if f == 1}) != (
            "multichoice",
            True,
            right,
        ):
            bad.append(f"{q.id}: single {item}")
        if q.kind == "multiple":
            positive = {a for a, f in item["answers"] if f > 0}
            if item["single"] or positive != right or abs(sum(f for _, f in item["answers"] if f > 0) - 1) > 1e-4:
                bad.append(f"{q.id}: multiple {item['answers']}")
            if {a for a, _ in item["answers"]} != set(q.choices):
                bad.append(f"{q.id}: choices")
        if q.kind == "truefalse" and (item["type"], item["correct"]) != ("truefalse", q.answer == (0,)):
            bad.append(f"{q.id}: true/false")
        if q.kind == "truefalse" and item["wrong_feedback"] != q.choice_feedback(1 - q.answer[0]):
            bad.append(f"{q.id}: feedback on the wrong answer {item['wrong_feedback']!r}")
        if q.kind in ("single", "multiple") and item["answer_feedback"] != [
            q.choice_feedback(i) for i in range(len(q.choices))
        ]:
            bad.append(f"{q.id}: per-answer feedback {item['answer_feedback']}")
        if q.kind == "matching" and item["pairs"] != [
            (p, q.choices[i]) for p, i in zip(q.prompts, q.answer, strict=True)
        ]:
            bad.append(f"{q.id}: pairs {item['pairs']}")
    return bad


def test_real_bank_reads_back_question_by_question() -> None:
    bank = real_built().bank
    text, left_out = bank_gift(bank)
    parsed = parse_gift(text)
    ordering = [q for q in bank.questions if q.kind == "ordering"]
    assert len(parsed) == len(bank.questions) - len(ordering)
    assert len(left_out) == len(ordering) and all(q.id in text.split("\n$CATEGORY")[0] for q in ordering), (
        "left-out questions are listed in a comment"
    )
    assert not check_against_bank(bank, parsed), "\n".join(check_against_bank(bank, parsed))
    assert {item["category"] for item in parsed} == {
        f"archkb/{bank.topics[q.topic]}" for q in bank.questions if q.kind != "ordering"
    }


def test_special_characters_survive() -> None:
    base = next(q for q in real_built().bank.questions if q.kind == "single")
    nasty = "a~b=c#d{e}f:g\\h\nnew line </script> & 100%"
    q = dataclasses.replace(
        base, text="Q " + nasty, choices=(base.choices[0] + " " + nasty, *base.choices[1:]), explanation="E " + nasty
    )
    multi = next(x for x in real_built().bank.questions if x.kind == "multiple")
    multi = dataclasses.replace(multi, choices=tuple(c + " {=~#}" for c in multi.choices))
    bank = Bank(questions=(q, multi), architectures={}, generator="test")
    parsed = parse_gift(bank_gift(bank)[0])
    back = next(item for item in parsed if item["id"] == q.id)
    assert back["text"] == q.text
    assert q.choices[0] in {a for a, _ in back["answers"]}
    assert not check_against_bank(bank, parsed)


def test_matching_with_an_arrow_is_left_out() -> None:
    base = next(q for q in real_built().bank.questions if q.kind == "matching")
    broken = dataclasses.replace(base, prompts=(base.prompts[0] + " -> x", *base.prompts[1:]))
    text, left_out = bank_gift(Bank(questions=(broken,), architectures={}, generator="test"))
    assert len(left_out) == 1 and "'->'" in left_out[0]
    assert parse_gift(text) == []


def test_cli_says_what_gift_left_out(tmp_path: Path) -> None:
    out = tmp_path / "bank.gift"
    done = archkb(["export", "--what", "quiz", "--format", "gift", "--out", str(out)], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "GIFT cannot hold 1 question(s)" in done.stderr and "ordering" in done.stderr
    site = SiteAddress(None, ROOT / "mkdocs.yml")  # the export runs in the project: its site's address
    assert out.read_text(encoding="utf-8") == bank_gift(real_built().bank, site.read_more)[0]
