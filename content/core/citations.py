"""Claim-level citations: a marker in the text that points at one of the page's references.

Editors and fixture authors write a marker as ``[^key]`` right after the claim, where ``key``
is the ``key`` of a reference in the page's references (``[^spravato-label-2025]``). In rich text
the page editor's "Reference marker" button inserts the same text wrapped in a citation entity
(stored ``<a linktype="citation" key="...">[^key]</a>``, see wagtail_hooks.py); in plain-text
blocks (table cells, list items, key facts) the marker is just the text.

On the page, every marker becomes a numbered superscript link to its reference, numbered in
the order the references are first cited; each reference links back to where it was cited.
Everything about markers (their syntax, the numbering, the rendered HTML) is in this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

KEY_PATTERN = r"[a-z0-9][a-z0-9-]*"
KEY_RE = re.compile(rf"^{KEY_PATTERN}$")
MARKER_RE = re.compile(rf"\[\^({KEY_PATTERN})\]")
# What a marker looks like after rendering rich text: the citation link handler's opening tag
# around the marker text (see CitationLinkHandler), or the bare marker in plain-text blocks.
RENDERED_MARKER_RE = re.compile(
    rf'<a href="#ref-({KEY_PATTERN})">\s*\[\^\1\]\s*</a>|\[\^({KEY_PATTERN})\]'
)

EVIDENCE_LEVELS = [
    ("regulator", _("Regulator")),
    ("guideline", _("Guideline")),
    ("review", _("Review")),
    ("randomized trial", _("Randomized trial")),
    ("observational", _("Observational study")),
    ("case series", _("Case series")),
    ("official", _("Official information")),
]


def marker(key: str) -> str:
    return f"[^{key}]"


def keys_in(value) -> list[str]:
    """Every marker key in a raw block value (text, or nested dicts and lists), in order."""
    if isinstance(value, str):
        return MARKER_RE.findall(value)
    if isinstance(value, dict):
        return [key for child in value.values() for key in keys_in(child)]
    if isinstance(value, list | tuple):
        return [key for child in value for key in keys_in(child)]
    return []


def unknown_keys(text_value, reference_keys) -> list[str]:
    """Marker keys in ``text_value`` that name no reference, once each, in order."""
    known = set(reference_keys)
    return list(dict.fromkeys(key for key in keys_in(text_value) if key not in known))


def duplicate_keys(reference_keys) -> list[str]:
    seen, duplicates = set(), []
    for key in reference_keys:
        if key and key in seen and key not in duplicates:
            duplicates.append(key)
        seen.add(key)
    return duplicates


@dataclass
class NumberedReference:
    number: int
    key: str
    value: object  # the reference block's value (title, source, year, evidence...)
    citation_ids: list[str] = field(default_factory=list)

    @property
    def anchor(self):
        return f"ref-{self.key}" if self.key else f"ref-{self.number}"


class Citations:
    """The numbering of one page's references by first citation in its body."""

    def __init__(self, references, body_raw):
        values = [ref.value for ref in references]
        cited = list(dict.fromkeys(keys_in(body_raw)))
        by_key = {value.get("key"): value for value in values if value.get("key")}
        ordered = [by_key[key] for key in cited if key in by_key]
        placed = {id(value) for value in ordered}
        ordered += [value for value in values if id(value) not in placed]
        self.references = [
            NumberedReference(number, value.get("key") or "", value)
            for number, value in enumerate(ordered, start=1)
        ]
        self._by_key = {ref.key: ref for ref in self.references if ref.key}

    def number_markers(self, html: str) -> str:
        """``html`` with every marker of a known key as a numbered superscript link.

        Markers of unknown keys are left as typed (validation stops them being published)."""

        def replace(match):
            key = match.group(1) or match.group(2)
            ref = self._by_key.get(key)
            if ref is None:
                return match.group(0)
            citation_id = f"cite-{key}-{len(ref.citation_ids) + 1}"
            ref.citation_ids.append(citation_id)
            return format_html(
                '<sup class="c-cite"><a class="c-cite__link" id="{}" href="#{}">'
                '<span class="u-visually-hidden">{}</span>{}</a></sup>',
                citation_id,
                ref.anchor,
                gettext("Reference "),
                ref.number,
            )

        for ref in self.references:
            ref.citation_ids.clear()
        # The rich text was rendered (and sanitised) by Wagtail; each link is built by format_html.
        return mark_safe(RENDERED_MARKER_RE.sub(replace, str(html)))  # noqa: S308  # nosec B308 B703


def citation_link_tag(key: str) -> str:
    """The opening tag a stored citation entity renders as (CitationLinkHandler)."""
    return f'<a href="#ref-{escape(key)}">'
