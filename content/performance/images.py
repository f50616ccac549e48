"""Responsive image renditions: the filters the image block uses, made ahead of time."""

from __future__ import annotations

from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.images.models import Filter

# Must match templates/blocks/image_block.html: {% picture ... format-{avif,webp,jpeg} width-{480,960} %}
IMAGE_BLOCK_FILTERS = ["format-{avif,webp,jpeg}", "width-{480,960}"]


def image_block_specs() -> list[str]:
    return Filter.expand_spec(IMAGE_BLOCK_FILTERS)


def generate_renditions(images=None) -> int:
    """Create every image-block rendition that does not exist yet; return how many images."""
    images = get_image_model().objects.all() if images is None else images
    count = 0
    specs = image_block_specs()
    for image in images:
        image.get_renditions(*specs)
        count += 1
    return count


def image_from_file(path, title: str, alt_text: str = ""):
    """The image with this title, created from ``path`` the first time."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        with open(path, "rb") as fh:
            image = Image(title=title, file=ImageFile(fh, name=path.name))
            if hasattr(image, "description"):
                image.description = alt_text
            image.save()
    return image
