"""Extra pages the browser tests need beyond the initial content."""

import datetime

from content.articles.models import ArticleIndexPage, ArticlePage

BLOCK_GALLERY_SLUG = "common-questions-sample"


def _body():
    faq = [
        (
            "How is KAP different from talk therapy alone?",
            "<p>KAP adds a medicine session to your therapy. You still talk with your therapist before and after.</p>",
        ),
        (
            "Will my insurance pay for it?",
            "<p>It depends on your plan and on the type of ketamine. Ask your insurer and our team before you start.</p>",
        ),
        (
            "Can I drive home after a session?",
            "<p>No. Plan for someone to take you home, and do not drive until the next day.</p>",
        ),
    ]
    return [
        {"type": "heading", "value": {"text": "Before you start", "level": "h2"}},
        {
            "type": "paragraph",
            "value": "<p>This page shows every kind of section an article can use.</p>",
        },
        {
            "type": "callout",
            "value": {
                "variant": "info",
                "title": "Good to know",
                "body": "<p>You can stop at any time.</p>",
            },
        },
        {
            "type": "callout",
            "value": {
                "variant": "warning",
                "title": "Check with your doctor",
                "body": "<p>Tell us about all your medicines.</p>",
            },
        },
        {
            "type": "callout",
            "value": {
                "variant": "urgent",
                "title": "Get help now",
                "body": "<p>If you might act on thoughts of suicide, call 988 or 911.</p>",
            },
        },
        {
            "type": "do_dont",
            "value": {
                "do_title": "Do",
                "do_items": ["Eat a light meal the day before", "Bring a friend to drive you home"],
                "dont_title": "Don't",
                "dont_items": ["Don't drive until the next day"],
            },
        },
        {
            "type": "steps",
            "value": {
                "steps": [
                    {
                        "title": "Talk with us",
                        "body": "<p>We ask about your health and your goals.</p>",
                    },
                    {
                        "title": "Have the session",
                        "body": "<p>A clinician stays with you the whole time.</p>",
                    },
                ]
            },
        },
        {"type": "heading", "value": {"text": "Common questions", "level": "h2"}},
        *[{"type": "faq_item", "value": {"question": q, "answer": a}} for q, a in faq],
        {
            "type": "key_facts",
            "value": {"title": "Key facts", "facts": ["Sessions take about two hours."]},
        },
        {
            "type": "quote",
            "value": {"quote": "I felt listened to.", "attribution": "A sample patient"},
        },
        {
            "type": "table",
            "value": {
                "data": [
                    ["Way it is given", "Where"],
                    ["Nasal spray", "In a clinic"],
                    ["Injection", "In a clinic"],
                ],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Ways ketamine is given",
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "text": "Read all articles",
                "page": None,
                "url": "https://example.com/learn/",
            },
        },
    ]


def create_block_gallery():
    """A published article with every body block, including FAQ items (idempotent)."""
    index = ArticleIndexPage.objects.get(locale__language_code="en")
    existing = ArticlePage.objects.filter(
        locale__language_code="en", slug=BLOCK_GALLERY_SLUG
    ).first()
    if existing:
        return existing
    page = ArticlePage(
        title="Common questions about KAP",
        slug=BLOCK_GALLERY_SLUG,
        summary="Short answers to questions people often ask.",
        body=_body(),
        main_points=[("point", "Most questions have a short, plain answer.")],
        last_reviewed=datetime.date.today(),
        next_review_due=datetime.date.today() + datetime.timedelta(days=365),
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page
