"""Claim-level citations: markers in text, their numbering, and how they render and validate."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from content.core import citations
from content.core.blocks import PARAGRAPH_FEATURES, ReferencesBlock
from content.core.editor_format import editor_html
from content.core.markdown_blocks import render_inline


def _refs(*keys):
    block = ReferencesBlock()
    return block.to_python(
        [
            {
                "type": "reference",
                "value": {
                    "key": key,
                    "evidence": "review",
                    "title": f"Title {key}",
                    "source": "Journal",
                    "year": 2020,
                    "kind": "paper",
                    "url": "https://example.org/",
                    "doi": "",
                    "pmid": "",
                },
            }
            for key in keys
        ]
    )


def test_markers_are_found_in_nested_values_in_order():
    value = [
        {"type": "paragraph", "value": "<p>One.[^b] Two.[^a][^b]</p>"},
        {"type": "table", "value": {"data": [["x", "y [^c]"]]}},
    ]
    assert citations.keys_in(value) == ["b", "a", "b", "c"]
    assert citations.unknown_keys(value, ["a", "b"]) == ["c"]


def test_markdown_markers_become_citation_entities_that_survive_the_editor():
    html = render_inline("Approved in 2019.[^label-2019][^press-2019]", lambda slug: None)
    assert '<a linktype="citation" key="label-2019">[^label-2019]</a>' in html
    stored = editor_html(html, PARAGRAPH_FEATURES)
    assert '<a key="label-2019" linktype="citation">[^label-2019]</a>' in stored or (
        '<a linktype="citation" key="label-2019">[^label-2019]</a>' in stored
    )
    # A second trip through the editor changes nothing.
    converter = ContentstateConverter(features=PARAGRAPH_FEATURES)
    again = converter.to_database_format(converter.from_database_format(stored))
    assert citations.keys_in(again) == ["label-2019", "press-2019"]


def test_editor_drops_a_citation_whose_key_is_not_a_slug():
    stored = editor_html(
        '<p>x<a linktype="citation" key="Bad Key!">[^x]</a></p>', PARAGRAPH_FEATURES
    )
    assert "linktype" not in stored


def test_numbering_follows_first_citation_and_links_both_ways():
    refs = _refs("never-cited", "second", "first")
    body = [{"type": "paragraph", "value": "<p>A.[^first] B.[^second] C.[^first]</p>"}]
    numbering = citations.Citations(refs, body)
    assert [(ref.number, ref.key) for ref in numbering.references] == [
        (1, "first"),
        (2, "second"),
        (3, "never-cited"),
    ]
    html = numbering.number_markers(
        '<p>A.<a href="#ref-first">[^first]</a> B.[^second] C.<a href="#ref-first">[^first]</a>'
        " D.[^unknown]</p>"
    )
    soup = BeautifulSoup(html, "html.parser")
    links = soup.select("sup.c-cite a")
    assert [a.get_text() for a in links] == ["Reference 1", "Reference 2", "Reference 1"]
    assert [a["href"] for a in links] == ["#ref-first", "#ref-second", "#ref-first"]
    assert [a["id"] for a in links] == ["cite-first-1", "cite-second-1", "cite-first-2"]
    assert links[0].select_one(".u-visually-hidden").get_text() == "Reference "
    assert "[^unknown]" in html  # left as typed; validation keeps it off a published page
    assert numbering.references[0].citation_ids == ["cite-first-1", "cite-first-2"]


def test_references_need_unique_keys():
    block = ReferencesBlock()
    with pytest.raises(ValidationError):
        block.clean(_refs("same", "same"))
    block.clean(_refs("one", "two"))


def test_reference_key_must_be_a_slug():
    block = ReferencesBlock()
    with pytest.raises(ValidationError):
        block.clean(_refs("Not A Slug"))
