"""Every public page type the browser tests visit. Add a page type with one line here."""

from django.apps import apps

from tests.browser.sample_pages import BLOCK_GALLERY_SLUG

# Page types from apps that may not be installed on every branch: (app, id, path, status).
APP_PAGE_TYPES = [
    ("providers", "provider-directory", "/find-a-provider/", 200),
    ("providers", "directory-filtered", "/find-a-provider/?location=94612&radius=25", 200),
    ("providers", "directory-errors", "/find-a-provider/?location=%3Cnowhere%3E&radius=9999", 200),
    ("providers", "provider-page", "/find-a-provider/lakeside-kap-oakland/", 200),
    ("booking", "booking-form", "/request-an-appointment/", 200),
    ("sitesearch", "search", "/search/", 200),
    ("sitesearch", "search-results", "/search/?q=ketamine", 200),
    ("sitesearch", "search-treatment", "/search/?q=spravato", 200),  # practices listed too
    ("sitesearch", "search-corrected", "/search/?q=sprvato", 200),  # a corrected spelling
    ("sitesearch", "search-nothing", "/search/?q=zzqxv", 200),  # no-results advice
]

# (id, path, expected HTTP status)
PAGE_TYPES = [
    ("home", "/", 200),
    ("article-index", "/learn/", 200),
    ("article", "/learn/what-is-kap/", 200),
    ("faq-article", "/learn/faq/", 200),
    ("block-gallery", f"/learn/{BLOCK_GALLERY_SLUG}/", 200),  # every body block, see sample_pages
    ("standard-page", "/about/", 200),
    *[
        (name, path, status)
        for app, name, path, status in APP_PAGE_TYPES
        if apps.is_installed(f"content.{app}")
    ],
    ("not-found", "/no-such-page/", 404),
    ("server-error", "/__server-error__/", 500),  # served from templates/500.html, see route_500
    # The Spanish edition: each page type in Spanish (issue 22).
    ("es-home", "/es/", 200),
    ("es-article-index", "/es/aprender/", 200),
    ("es-article", "/es/aprender/que-es-kap/", 200),
    ("es-faq-article", "/es/aprender/preguntas-frecuentes/", 200),
    ("es-standard-page", "/es/sobre-nosotros/", 200),
    ("es-provider-directory", "/es/buscar-proveedor/", 200),
    ("es-directory-filtered", "/es/buscar-proveedor/?location=94612&radius=25", 200),
    ("es-directory-errors", "/es/buscar-proveedor/?location=%3Cnowhere%3E&radius=9999", 200),
    ("es-provider-page", "/es/buscar-proveedor/lakeside-kap-oakland/", 200),
    ("es-booking-form", "/es/pedir-una-cita/", 200),
    ("es-search-results", "/es/search/?q=efectos+secundarios", 200),
    ("es-not-found", "/es/no-existe/", 404),
]

WIDTHS = {"mobile": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}
