"""Each block of the library renders and validates (no database needed except the image block)."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse

from content.core import blocks


def render(block, value):
    return BeautifulSoup(block.render(block.to_python(value)), "html.parser")


def test_heading_defaults_to_h2_with_anchor():
    html = render(blocks.HeadingBlock(), {"text": "What happens next?", "level": ""})
    heading = html.find("h2")
    assert heading.get_text() == "What happens next?"
    assert heading["id"] == "what-happens-next"


def test_heading_h3():
    assert render(blocks.HeadingBlock(), {"text": "Detail", "level": "h3"}).find("h3")


def test_paragraph_renders_rich_text():
    html = render(blocks.ParagraphBlock(), "<p>Hello <b>you</b></p>")
    assert html.select_one(".c-prose b").get_text() == "you"


@pytest.mark.parametrize(
    ("variant", "prefix"),
    [("info", "Information:"), ("warning", "Important:"), ("urgent", "Urgent advice:")],
)
def test_callout_has_visually_hidden_prefix(variant, prefix):
    html = render(
        blocks.CalloutBlock(), {"variant": variant, "title": "Title", "body": "<p>Body</p>"}
    )
    box = html.select_one(f".c-callout--{variant}")
    assert box.select_one(".u-visually-hidden").get_text().strip() == prefix
    assert "Body" in box.get_text()


def test_do_dont_lists():
    html = render(
        blocks.DoDontBlock(),
        {"do_title": "Do", "do_items": ["rest"], "dont_title": "Don't", "dont_items": ["drive"]},
    )
    assert html.select_one(".c-do-dont__list--do li").get_text() == "rest"
    assert html.select_one(".c-do-dont__list--dont li").get_text() == "drive"


def test_steps_are_an_ordered_list():
    html = render(
        blocks.StepsBlock(),
        {"steps": [{"title": "One", "body": "<p>a</p>"}, {"title": "Two", "body": "<p>b</p>"}]},
    )
    assert [h.get_text() for h in html.select("ol.c-steps h3")] == ["One", "Two"]


def test_faq_item_is_details_summary():
    html = render(blocks.FAQItemBlock(), {"question": "Why?", "answer": "<p>Because.</p>"})
    assert html.find("details").find("summary").get_text() == "Why?"


def test_key_facts_and_quote():
    html = render(blocks.KeyFactsBlock(), {"title": "Key facts", "facts": ["A fact"]})
    assert html.select_one(".c-key-facts li").get_text() == "A fact"
    html = render(blocks.QuoteBlock(), {"quote": "Ask questions.", "attribution": "A nurse"})
    assert html.find("blockquote").get_text(strip=True) == "Ask questions."
    assert html.find("figcaption").get_text() == "A nurse"


def test_call_to_action_needs_exactly_one_target():
    block = blocks.CallToActionBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"text": "Go", "page": None, "url": ""}))
    value = block.clean(
        block.to_python({"text": "Go", "page": None, "url": "https://example.com/"})
    )
    assert value.href() == "https://example.com/"
    assert render(block, {"text": "Go", "page": None, "url": "https://example.com/"}).find(
        "a", href="https://example.com/"
    )


@pytest.mark.django_db
def test_call_to_action_rejects_page_and_url_together():
    from wagtail.models import Page

    block = blocks.CallToActionBlock()
    page = Page.objects.get(locale__language_code="en", slug="about")
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"text": "Go", "page": page.pk, "url": "https://example.com/"}))
    value = block.clean(block.to_python({"text": "Go", "page": page.pk, "url": ""}))
    assert value.href() == "/about/"


def test_reference_needs_a_locator_and_valid_ids():
    block = blocks.ReferenceBlock()
    base = {
        "key": "a-paper-2020",
        "evidence": "randomized trial",
        "title": "T",
        "source": "S",
        "year": 2020,
        "kind": "paper",
        "url": "",
        "doi": "",
        "pmid": "",
    }
    with pytest.raises(ValidationError):
        block.clean(block.to_python(base))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({**base, "doi": "not-a-doi"}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({**base, "pmid": "12ab"}))
    value = block.clean(block.to_python({**base, "doi": "10.1001/archpsyc.63.8.856"}))
    assert value.link() == "https://doi.org/10.1001/archpsyc.63.8.856"
    assert value.is_primary()
    value = block.clean(block.to_python({**base, "kind": "other", "pmid": "16894061"}))
    assert value.link() == "https://pubmed.ncbi.nlm.nih.gov/16894061/"
    assert not value.is_primary()


def test_table_renders_header_and_row_headers():
    block = blocks.BodyStreamBlock().child_blocks["table"]
    value = {
        "data": [["Way", "Setting"], ["IV", "Clinic"]],
        "first_row_is_table_header": True,
        "first_col_is_header": True,
        "table_caption": "Ways compared",
    }
    html = BeautifulSoup(block.render(value), "html.parser")
    assert html.find("caption").get_text() == "Ways compared"
    assert [th.get_text() for th in html.select("thead th")] == ["Way", "Setting"]
    assert html.select_one("tbody th[scope=row]").get_text() == "IV"


def test_every_block_has_icon_template_and_description():
    stream = blocks.BodyStreamBlock()
    for name, child in stream.child_blocks.items():
        assert child.meta.icon, name
        assert getattr(child.meta, "template", None), name
        assert child.get_description(), name


# Blocks whose preview would need a stored image or snippet show their description only.
NEEDS_STORED_OBJECT = {"image", "fact"}


def test_block_picker_shows_human_labels_groups_and_previews():
    stream = blocks.BodyStreamBlock()
    groups = {"Text", "Health information", "Media", "Links"}
    labels = {name: child.label for name, child in stream.child_blocks.items()}
    assert labels["do_dont"] == "Do and don't list"
    assert labels["faq_item"] == "Question and answer"
    for name, child in stream.child_blocks.items():
        # Without a label Wagtail shows the field name capitalised ("Do dont", "Faq item").
        assert child.meta.label, name
        assert child.meta.group in groups, name
        if name not in NEEDS_STORED_OBJECT:
            assert child.is_previewable, name
    assert {child.meta.group for child in stream.child_blocks.values()} == groups


@pytest.mark.django_db
def test_image_block_requires_alt_text_unless_decorative():
    from wagtail_factories import ImageFactory

    image = ImageFactory()
    block = blocks.ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": " ", "decorative": False}))
    block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": True}))
    value = block.clean(
        block.to_python({"image": image.pk, "alt_text": "A calm room", "caption": ""})
    )
    html = BeautifulSoup(block.render(value), "html.parser")
    img = html.find("img")
    assert img["alt"] == "A calm room"
    assert img["width"] and img["height"]


@pytest.mark.django_db
def test_block_picker_previews_render_with_the_site_styles(client):
    """An editor opening the block picker sees each block drawn with the public site's CSS."""
    from content.articles.models import ArticlePage
    from content.governance import setup
    from tests.governance.conftest import make_user

    editor = make_user("picker-editor", setup.GROUP_EDITORS)
    client.force_login(editor)
    stream = ArticlePage._meta.get_field("body").stream_block
    for name, child in stream.child_blocks.items():
        if name in NEEDS_STORED_OBJECT:
            continue
        response = client.get(
            reverse("wagtailadmin_block_preview"), {"id": child.definition_prefix}
        )
        assert response.status_code == 200, name
        html = BeautifulSoup(response.content, "html.parser")
        assert html.select_one('link[rel=stylesheet][href$="site.css"]'), name
        assert html.select_one(f".block-{name}").get_text(strip=True), name
