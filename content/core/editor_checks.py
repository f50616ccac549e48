"""Plain-language warnings for the page editor: reading grade and banned phrases.

Warnings, not errors: an editor may publish a page a little over the grade target, but sees
it first. Targets come from CONTENT.md through ``content.core.readability``.
"""

from dataclasses import dataclass

from .readability import (
    BODY_GRADE_LIMIT,
    SUMMARY_GRADE_LIMIT,
    banned_phrases,
    html_to_text,
    reading_grade,
    uncited_numeric_sentences,
    uncited_percentages,
)


@dataclass(frozen=True)
class Check:
    label: str
    ok: bool
    message: str


def _stream_text(stream, skip=("faq_item", "fact", "image", "table", "call_to_action")) -> str:
    """Readable prose of a body StreamField: headings, paragraphs, callouts, lists."""
    parts = []
    for child in stream or []:
        if child.block_type in skip:
            continue
        parts.append(html_to_text(child.render()))
    return "\n".join(parts)


def _faq_answers(stream):
    for child in stream or []:
        if child.block_type == "faq_item":
            yield child.value["question"], html_to_text(child.value["answer"].source)


def _grade_check(label, text, limit) -> Check | None:
    if not text.strip():
        return None
    grade = reading_grade(text)
    ok = grade <= limit
    verdict = "within" if ok else "above"
    return Check(label, ok, f"Reading grade {grade:.1f}, {verdict} the target of {limit:g}.")


def page_checks(page) -> list[Check]:
    """The editor checks for a page with a summary and a body StreamField."""
    checks = []
    body = getattr(page, "body", None)
    body_text = _stream_text(body)
    summary = getattr(page, "summary", "") or ""
    for check in (
        _grade_check("Body", body_text, BODY_GRADE_LIMIT),
        _grade_check("Summary", summary, SUMMARY_GRADE_LIMIT),
    ):
        if check:
            checks.append(check)
    for question, answer in _faq_answers(body):
        check = _grade_check(f"Answer to “{question}”", answer, SUMMARY_GRADE_LIMIT)
        if check:
            checks.append(check)

    main_points = " ".join(str(point.value) for point in getattr(page, "main_points", None) or [])
    faq_text = " ".join(answer for _q, answer in _faq_answers(body))
    everything = "\n".join([page.title or "", summary, main_points, body_text, faq_text])
    found = banned_phrases(everything)
    checks.append(
        Check(
            "Banned phrases",
            not found,
            ("Found: " + ", ".join(f"“{p}”" for p in found) + ". Reword these.")
            if found
            else "None found.",
        )
    )
    uncited = uncited_numeric_sentences("".join(child.render() for child in body or []))
    if uncited:
        shown = "; ".join(f"“{sentence}”" for sentence in uncited[:3])
        more = f" and {len(uncited) - 3} more" if len(uncited) > 3 else ""
        checks.append(
            Check(
                "Numbers and dates",
                False,
                f"Add a reference marker [^key] after each claim with a number or date: "
                f"{shown}{more}.",
            )
        )
    percentages = uncited_percentages(everything)
    if percentages:
        checks.append(
            Check(
                "Percentages",
                False,
                "Check each figure has a reference: " + ", ".join(percentages) + ".",
            )
        )
    return checks
