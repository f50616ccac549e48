from wagtail import hooks

from .rich_text import BatchedPageLinkHandler


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own
def register_batched_page_links(features):
    features.register_link_type(BatchedPageLinkHandler)
