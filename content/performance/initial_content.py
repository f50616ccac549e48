"""Sample image for the demo content: exercises responsive renditions end to end."""

from content.core.initial_content import FIXTURES_DIR, ContentLoader

from .images import generate_renditions, image_from_file

SAMPLE_IMAGE = FIXTURES_DIR / "images" / "calm-room.jpg"
SAMPLE_TITLE = "Sample: a calm treatment room (illustration)"
SAMPLE_ALT = "Drawing of a quiet room with a reclining chair, a lamp and soft light."
ARTICLE_SLUG = "what-happens-in-kap"


def load(loader: ContentLoader):
    from content.articles.models import ArticlePage

    # Resolve deferred page links first: that step rewrites article bodies from the fixtures.
    loader.finish()
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
    generate_renditions([image])
    loader.log.append("image renditions ready")
