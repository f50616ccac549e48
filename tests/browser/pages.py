"""Every public page type the browser tests visit. Add a page type with one line here."""

from tests.browser.sample_pages import BLOCK_GALLERY_SLUG

# (id, path, expected HTTP status)
PAGE_TYPES = [
    ("home", "/", 200),
    ("article-index", "/learn/", 200),
    ("article", "/learn/what-is-kap/", 200),
    ("faq-article", "/learn/faq/", 200),
    ("block-gallery", f"/learn/{BLOCK_GALLERY_SLUG}/", 200),  # every body block, see sample_pages
    ("standard-page", "/about/", 200),
    ("not-found", "/no-such-page/", 404),
    ("server-error", "/__server-error__/", 500),  # served from templates/500.html, see route_500
]

WIDTHS = {"mobile": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}
