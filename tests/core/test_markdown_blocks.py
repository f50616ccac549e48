import pytest

from content.core.markdown_blocks import FixtureError, markdown_to_blocks, split_front_matter


class FakePage:
    def __init__(self, pk, url):
        self.pk, self.url = pk, url


PAGES = {"target": FakePage(7, "/learn/target/")}


def find(slug):
    return PAGES.get(slug)


def test_headings_paragraphs_and_links():
    blocks = markdown_to_blocks(
        "## Why?\n\nSee [this](page:target) and [term](page:target#nmda).\n", find
    )
    assert blocks[0] == {"type": "heading", "value": {"text": "Why?", "level": "h2"}}
    html = blocks[1]["value"]
    assert 'linktype="page" id="7"' in html
    assert 'href="/learn/target/#nmda"' in html


def test_directives():
    source = """::: callout warning Careful
Body **bold**
:::
::: faq
### Q1?
A1.
### Q2?
A2.
:::
::: dodont
+ rest
- drive
:::
::: table Compare
| A | B |
|---|---|
| 1 | 2 |
:::
::: cta Go on
page:target
:::
"""
    blocks = markdown_to_blocks(source, find)
    kinds = [b["type"] for b in blocks]
    assert kinds == ["callout", "faq_item", "faq_item", "do_dont", "table", "call_to_action"]
    assert "<b>bold</b>" in blocks[0]["value"]["body"]
    assert blocks[4]["value"]["data"] == [["A", "B"], ["1", "2"]]
    assert blocks[5]["value"]["page"] == 7


def test_home_section_directives():
    source = """::: lead
Short words.
Two lines.
:::
::: starthere Start here
### Is it safe?
page:target
Risks and side effects.
:::
::: findcare Find care
page:target
Search by ZIP code.
:::
::: topics Topics
page:target
:::
::: crisis Need help now?
:::
::: clinic Contact us
:::
"""
    blocks = markdown_to_blocks(source, find)
    assert blocks == [
        {"type": "lead", "value": "Short words. Two lines."},
        {
            "type": "start_here",
            "value": {
                "heading": "Start here",
                "cards": [
                    {"question": "Is it safe?", "text": "Risks and side effects.", "page": 7}
                ],
            },
        },
        {
            "type": "find_care",
            "value": {
                "heading": "Find care",
                "text": "Search by ZIP code.",
                "finder": 7,
                "button_text": "Search",
            },
        },
        {"type": "topics", "value": {"heading": "Topics", "index": 7}},
        {"type": "crisis_help", "value": {"heading": "Need help now?"}},
        {"type": "clinic_details", "value": {"heading": "Contact us"}},
    ]


@pytest.mark.parametrize(
    "source",
    [
        "::: starthere\n### Q?\nnot a page line\n:::",
        "::: topics\npage:missing\n:::",
        "::: findcare\n:::",
        "[x](page:missing)",
        "::: callout loud Title\nx\n:::",
        "::: steps\n### a\nb\n",
        "::: nope\n:::",
    ],
)
def test_errors_are_reported(source):
    with pytest.raises(FixtureError):
        markdown_to_blocks(source, find)


def test_front_matter():
    meta, body = split_front_matter("---\ntitle: X\n---\nBody\n")
    assert meta == "title: X"
    assert body == "Body\n"
    with pytest.raises(FixtureError):
        split_front_matter("no front matter")


def test_rich_text_page_links_use_one_query_per_block(db, django_assert_num_queries):
    from wagtail.rich_text import expand_db_html

    from content.articles.models import ArticlePage

    ids = list(ArticlePage.objects.values_list("pk", flat=True)[:5])
    html = "".join(f'<a linktype="page" id="{pk}">x</a>' for pk in ids)
    expand_db_html(html)  # warm the locale lookup
    with django_assert_num_queries(1):
        expanded = expand_db_html(html)
    for page in ArticlePage.objects.filter(pk__in=ids):
        assert f'href="{page.url}"' in expanded
