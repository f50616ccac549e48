"""Plain-language checks shared by the content tests and the editor checks.

Reading grade is the US Flesch-Kincaid grade level from textstat 0.7.8 (offline CMU dictionary).
"""

import re

import textstat
from django.utils.html import strip_tags

BODY_GRADE_LIMIT = 8.0
SUMMARY_GRADE_LIMIT = 6.0

# From shared CONTENT.md "Claims": words a responsible health page never uses about KAP.
BANNED_PHRASES = [
    "cure",
    "cures",
    "cured",
    "guaranteed",
    "guarantee",
    "completely safe",
    "non-addictive",
    "breakthrough",
    "miracle",
]
_BANNED_RE = re.compile(r"\b(" + "|".join(re.escape(p) for p in BANNED_PHRASES) + r")\b", re.I)
_PERCENT_RE = re.compile(r"\b\d+(\.\d+)?\s?(%|percent\b)", re.I)


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment, one block per line."""
    html = re.sub(r"</(p|li|h[1-6]|summary|td|th|dd|dt|div)>", ".\n", html)
    text = strip_tags(html)
    text = re.sub(r"\.\s*\.", ".", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def reading_grade(text: str) -> float:
    text = text.strip()
    if not text:
        return 0.0
    return float(textstat.flesch_kincaid_grade(text))


def banned_phrases(text: str) -> list[str]:
    return sorted({m.group(1).lower() for m in _BANNED_RE.finditer(text)})


def uncited_percentages(text: str) -> list[str]:
    """Percentages in the text; health pages should not state figures without a citation."""
    return [m.group(0) for m in _PERCENT_RE.finditer(text)]
