"""The sample content's one image, in the article about a KAP session (demo and tests:
responsive renditions end to end). Added after every page link is resolved, because resolving
rewrites article bodies from the fixtures."""

from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from content.core.initial_content import FIXTURES_DIR, ContentLoader

from .models import ArticlePage

SAMPLE_IMAGE = FIXTURES_DIR / "images" / "calm-room.jpg"
SAMPLE_TITLE = "Sample: a calm treatment room (illustration)"
SAMPLE_ALT = "Drawing of a quiet room with a reclining chair, a lamp and soft light."
ARTICLE_SLUG = "what-happens-in-kap"


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


def add_sample_image(loader: ContentLoader) -> None:
    image = image_from_file(SAMPLE_IMAGE, SAMPLE_TITLE, SAMPLE_ALT)
    article = ArticlePage.objects.filter(slug=ARTICLE_SLUG).first()
    if article is not None and not any(block.block_type == "image" for block in article.body):
        article.body.append(
            (
                "image",
                {
                    "image": image,
                    "alt_text": SAMPLE_ALT,
                    "decorative": False,
                    "caption": "A treatment room (sample illustration).",
                },
            )
        )
        article.save_revision().publish()
        loader.log.append(f"added the sample image to '{ARTICLE_SLUG}'")
