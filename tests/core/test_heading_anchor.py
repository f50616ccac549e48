"""A heading's anchor ignores citation markers, so a cited heading keeps the address links use."""

from content.core.blocks import HeadingBlock


def test_heading_anchor_leaves_out_citation_markers():
    block = HeadingBlock()
    value = block.to_python({"text": "Schedule III[^dea-schedule-1999]", "level": "h3"})
    assert value.anchor() == "schedule-iii"


def test_heading_anchor_without_marker_is_the_slug():
    value = HeadingBlock().to_python({"text": "What is KAP?", "level": "h2"})
    assert value.anchor() == "what-is-kap"
