"""Responsive image renditions: the filters the image block uses, made ahead of time."""

from __future__ import annotations

from wagtail.images import get_image_model
from wagtail.images.models import Filter

from content.core.templatetags.seo_tags import SOCIAL_IMAGE_SPEC

# Must match templates/blocks/image_block.html: {% picture ... format-{avif,webp,jpeg} width-{480,960} %}
IMAGE_BLOCK_FILTERS = ["format-{avif,webp,jpeg}", "width-{480,960}"]


def image_block_specs() -> list[str]:
    """Every rendition a page may show of an image: the image block's sizes and formats, and the
    social-sharing card (og:image)."""
    return [*Filter.expand_spec(IMAGE_BLOCK_FILTERS), SOCIAL_IMAGE_SPEC]


def generate_renditions(images=None) -> int:
    """Create every rendition that does not exist yet; return how many images."""
    images = get_image_model().objects.all() if images is None else images
    count = 0
    specs = image_block_specs()
    for image in images:
        image.get_renditions(*specs)
        count += 1
    return count
