"""Image renditions for the initial content, made once every loader has run."""

from content.core.initial_content import ContentLoader

from .images import generate_renditions


def load(loader: ContentLoader):
    def renditions(loader):
        generate_renditions()
        loader.log.append("image renditions ready")

    loader.after_finish(renditions)
