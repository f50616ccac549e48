"""Synonyms editors manage, and the spelling vocabulary used for "Did you mean" suggestions."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin

from .words import words

MAX_SYNONYM_TERMS = 8
MAX_TERM_WORDS = 4
TERM_RE = re.compile(r"^[\w][\w \-']*$")


class SearchSynonym(TranslatableMixin, models.Model):
    """Words or phrases that mean the same to a reader. A search for any of them finds pages
    with any of them: 'Spravato' also finds pages that say 'esketamine' or 'nasal spray'."""

    terms = models.CharField(
        max_length=300,
        help_text=(
            "Two or more words or short phrases that mean the same, separated by commas. "
            "For example: esketamine, Spravato, nasal spray"
        ),
    )
    note = models.CharField(
        max_length=200, blank=True, help_text="Optional: why these belong together (staff only)."
    )

    panels = [FieldPanel("terms"), FieldPanel("note")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["terms"]
        verbose_name = "search synonym"

    def __str__(self):
        return ", ".join(self.term_list())

    def term_list(self) -> list[str]:
        """The terms, each as lower-case words joined by single spaces, without duplicates."""
        seen = []
        for raw in (self.terms or "").split(","):
            term = " ".join(words(raw))
            if term and term not in seen:
                seen.append(term)
        return seen

    def clean(self):
        super().clean()
        raw_terms = [t.strip() for t in (self.terms or "").split(",") if t.strip()]
        bad = [t for t in raw_terms if not TERM_RE.match(t)]
        if bad:
            raise ValidationError(
                {"terms": f"Use letters, numbers, spaces and hyphens only: {', '.join(bad)}."}
            )
        terms = self.term_list()
        if len(terms) < 2:
            raise ValidationError({"terms": "Enter at least two different terms, with commas."})
        if len(terms) > MAX_SYNONYM_TERMS:
            raise ValidationError(
                {"terms": f"Enter at most {MAX_SYNONYM_TERMS} terms; make another group."}
            )
        long_terms = [t for t in terms if len(t.split()) > MAX_TERM_WORDS]
        if long_terms:
            raise ValidationError(
                {"terms": f"Keep each term to {MAX_TERM_WORDS} words: {', '.join(long_terms)}."}
            )
        self.terms = ", ".join(raw_terms)


class SearchTerm(models.Model):
    """One known word (from page titles, headings, glossary terms and taxonomy names) and how
    often it appears. Rebuilt from the content (see vocabulary.py); never edited by hand."""

    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    word = models.CharField(max_length=60)
    frequency = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["locale", "word"], name="sitesearch_term_unique_word")
        ]

    def __str__(self):
        return self.word
