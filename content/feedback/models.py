"""Answers to "Was this page helpful?" at the end of health pages.

Nothing here identifies a reader: no IP address, no cookie or session, no account, no browser
details and no time of day (only the date, for counts by week). The comment box asks readers not
to type personal or medical details; editors read comments in the page's feedback report.
"""

from django.db import models
from django.utils import timezone

COMMENT_MAX_CHARS = 500


class PageFeedback(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="reader_feedback"
    )
    helpful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=COMMENT_MAX_CHARS)
    created_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["-created_on", "-pk"]
        indexes = [models.Index(fields=["page", "created_on"], name="feedback_page_date")]
        verbose_name = "page feedback"
        verbose_name_plural = "page feedback"

    def __str__(self):
        return f"{'Yes' if self.helpful else 'No'} on {self.created_on:%Y-%m-%d}"
