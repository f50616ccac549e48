"""Shared steps for the browser tests: contexts, same-origin guard, axe, the 500 page."""

from contextlib import contextmanager
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from django.test import RequestFactory
from django.views.defaults import server_error

_axe = Axe()
SERVER_ERROR_PATH = "/__server-error__/"


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@contextmanager
def open_page(
    browser,
    base_url,
    viewport,
    color_scheme="light",
    reduced_motion="no-preference",
    javascript=True,
    forced_colors="none",
):
    """A fresh context + page that records every request and serves the 500 template."""
    context = browser.new_context(
        viewport=viewport,
        color_scheme=color_scheme,
        reduced_motion=reduced_motion,
        java_script_enabled=javascript,
        forced_colors=forced_colors,
    )
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    route_500(page, base_url)
    try:
        yield page
    finally:
        context.close()


def route_500(page, base_url):
    """Answer SERVER_ERROR_PATH with Django's own 500 handler output (templates/500.html)."""
    response = server_error(RequestFactory().get("/"))

    def fulfil(route):
        route.fulfill(
            status=response.status_code,
            body=response.content,
            headers={"Content-Type": response["Content-Type"]},
        )

    page.route(base_url + SERVER_ERROR_PATH, fulfil)


def foreign_requests(page, base_url):
    own = origin(base_url)
    return [
        url
        for url in page.requests
        if not url.startswith(("data:", "blob:")) and origin(url) != own
    ]


def axe_violations(page):
    """All axe-core violations (every impact level, WCAG 2.x A/AA and best practices)."""
    results = _axe.run(page)
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in results.response["violations"]
    ]


def leave_page_editor(page):
    """Let a Wagtail page editor go quiet, then cut the browser off the network, so that no
    request reaches the live server while the test's database is being emptied: the editor
    pings its editing session and sends a release beacon as it unloads."""
    page.wait_for_load_state("networkidle")
    page.context.set_offline(True)
