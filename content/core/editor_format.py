"""Rich text stored exactly as Wagtail's editor (Draftail) stores it.

The fixture loader writes Markdown-made HTML. Saved as it is, the first save in the editor would
rewrite every paragraph (the editor stores one line per block with a ``data-block-key``), and a
reviewer comparing revisions would see changes nobody made. The loader passes every rich-text
value through the editor's own converter first, with block keys derived from the position and
text, so loading the same fixture twice stores the same HTML.
"""

import hashlib
import re

from wagtail import blocks
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

BLOCK_KEY = re.compile(r'data-block-key="[^"]*"')


def editor_html(html: str, features) -> str:
    """``html`` converted to the editor's content and back, as saving it in the editor would."""
    converter = ContentstateConverter(features=features)
    stored = converter.to_database_format(converter.from_database_format(html))
    counter = iter(range(1_000_000))

    def stable_key(match):
        digest = hashlib.sha1(f"{next(counter)}:{html}".encode(), usedforsecurity=False)
        return f'data-block-key="{digest.hexdigest()[:5]}"'

    return BLOCK_KEY.sub(stable_key, stored)


def normalise(block, value):
    """A raw block value with every rich-text value inside it in the editor's form."""
    if isinstance(block, blocks.RichTextBlock):
        return editor_html(value, block.features) if value else value
    if isinstance(block, blocks.StreamBlock):
        return [
            {**item, "value": normalise(block.child_blocks[item["type"]], item["value"])}
            for item in value
        ]
    if isinstance(block, blocks.StructBlock):
        return {
            name: normalise(block.child_blocks[name], child)
            if name in block.child_blocks
            else child
            for name, child in value.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [
            {**item, "value": normalise(block.child_block, item["value"])}
            if isinstance(item, dict) and "value" in item and "type" in item
            else normalise(block.child_block, item)
            for item in value
        ]
    return value


def stream_in_editor_form(model, field_name: str, raw: list[dict]) -> list[dict]:
    """Raw StreamField data for ``model.field_name`` with its rich text in the editor's form."""
    return normalise(model._meta.get_field(field_name).stream_block, raw)
