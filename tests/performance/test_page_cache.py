"""Whole-page cache: hits for anonymous readers, never for staff, forms, previews; precise purges."""

import http.server
import threading

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from content.articles.models import ArticleIndexPage, ArticlePage
from content.core.models import ClinicSettings, Person, StandardPage
from content.performance import page_cache

ARTICLE = "/learn/what-is-kap/"


def fetch(client, url, **extra):
    response = client.get(url, HTTP_HOST="localhost", **extra)
    return response, response["X-Page-Cache"]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the purge callbacks that production runs when the publish transaction commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_anonymous_reader_gets_a_cached_copy_without_queries(
    client, site_content, django_assert_num_queries
):
    first, state = fetch(client, ARTICLE)
    assert (first.status_code, state) == (200, "miss")
    assert "public" in first["Cache-Control"] and "s-maxage" in first["Cache-Control"]
    with django_assert_num_queries(0):
        second, state = fetch(client, ARTICLE)
    assert state == "hit"
    assert second.content == first.content


def test_a_hit_carries_the_security_policies_of_its_page(client, site_content):
    # The page cache stores the headers the CSP and Permissions-Policy middleware set (it sits
    # outside them), so a hit sends the same policies without building them again.
    first, _ = fetch(client, ARTICLE)
    second, state = fetch(client, ARTICLE)
    assert state == "hit"
    for header in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options"):
        assert second[header] == first[header], header
    assert "script-src 'self'" in second["Content-Security-Policy"]


def test_a_release_migrate_starts_the_page_cache_afresh(client, site_content):
    fetch(client, ARTICLE)
    # What `migrate` sends when it finishes (the command itself would change the connection's
    # transaction state inside a test).
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    _, state = fetch(client, ARTICLE)
    assert state == "miss"


def test_query_strings_are_cached_separately(client, site_content):
    fetch(client, "/learn/")
    assert fetch(client, "/learn/?page=1")[1] == "miss"


def test_a_purge_during_the_render_wins(site_content):
    """A page rendered while an editor publishes is stored under the old tokens: never served."""
    from django.http import HttpResponse

    def render_while_publishing(request):
        page_cache.purge_paths([ARTICLE])
        return HttpResponse("<p>before the edit</p>", content_type="text/html")

    def render_after(request):
        return HttpResponse("<p>after the edit</p>", content_type="text/html")

    request = RequestFactory().get(ARTICLE, HTTP_HOST="localhost")
    first = page_cache.PageCacheMiddleware(render_while_publishing)(request)
    assert first[page_cache.HEADER] == "miss"
    second = page_cache.PageCacheMiddleware(render_after)(request)
    assert (second[page_cache.HEADER], second.content) == ("miss", b"<p>after the edit</p>")
    third = page_cache.PageCacheMiddleware(render_while_publishing)(request)
    assert (third[page_cache.HEADER], third.content) == ("hit", b"<p>after the edit</p>")


def test_staff_are_never_served_or_stored(client, site_content, admin_user):
    fetch(client, ARTICLE)
    client.force_login(admin_user)
    response, state = fetch(client, ARTICLE)
    assert state == "skip"
    assert b"wagtail-userbar" in response.content or b"userbar" in response.content
    client.logout()
    client.cookies.clear()
    anonymous, state = fetch(client, ARTICLE)
    assert state == "hit"
    assert b"userbar" not in anonymous.content


def test_requests_with_cookies_bypass_the_cache(client, site_content):
    fetch(client, ARTICLE)
    client.cookies["sessionid"] = "someone"
    assert fetch(client, ARTICLE)[1] == "skip"


def test_csrf_form_page_is_never_cached(client, site_content):
    """A password-protected page answers with a form carrying a CSRF token and cookie."""
    page = ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="sample-pass"
    )
    for _ in range(2):
        client.cookies.clear()
        response, state = fetch(client, ARTICLE)
        assert b"csrfmiddlewaretoken" in response.content
        assert state == "skip"


def test_previews_are_never_cached(client, site_content, admin_user):
    page = ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap")
    client.force_login(admin_user)
    preview = client.get(f"/admin/pages/{page.pk}/view_draft/", HTTP_HOST="localhost")
    assert preview.status_code == 200
    assert preview["X-Page-Cache"] == "skip"
    request = RequestFactory().get(ARTICLE)
    request.is_preview = True
    assert not page_cache.response_is_cacheable(request, preview)


def test_responses_that_used_a_csp_nonce_are_not_cached(client, site_content):
    response, _ = fetch(client, ARTICLE)
    request = RequestFactory().get(ARTICLE)
    assert page_cache.response_is_cacheable(request, response)
    from content.security.middleware import KapsiteCSPMiddleware

    KapsiteCSPMiddleware(lambda request: response).process_request(request)
    assert page_cache.response_is_cacheable(request, response)  # a nonce offered, not used
    str(request.csp_nonce)  # a template used it
    assert not page_cache.response_is_cacheable(request, response)
    response["Set-Cookie"] = "x=1"
    response.cookies["x"] = "1"
    assert not page_cache.response_is_cacheable(RequestFactory().get(ARTICLE), response)


def test_publish_purges_the_page_and_its_neighbours_only(client, site_content, commit):
    for url in (ARTICLE, "/learn/", "/about/"):
        fetch(client, url)
    page = ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap")
    page.title = "What KAP is (updated)"
    with commit():
        page.save_revision().publish()
    article, state = fetch(client, ARTICLE)
    assert state == "miss" and b"What KAP is (updated)" in article.content
    index, state = fetch(client, "/learn/")
    assert state == "miss" and b"What KAP is (updated)" in index.content
    assert fetch(client, "/about/")[1] == "hit"  # an unrelated page keeps its copy


def test_unpublish_purges(client, site_content, commit):
    fetch(client, ARTICLE)
    with commit():
        ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap").unpublish()
    assert fetch(client, ARTICLE)[0].status_code == 404


def test_delete_purges(client, site_content, commit):
    fetch(client, ARTICLE)
    with commit():
        ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap").delete()
    assert fetch(client, ARTICLE)[0].status_code == 404


def test_move_purges_the_old_url(client, site_content, commit):
    about = StandardPage.objects.get(locale__language_code="en", slug="about")
    privacy = StandardPage.objects.get(locale__language_code="en", slug="privacy")
    fetch(client, "/privacy/")
    with commit():
        privacy.move(about, pos="last-child")
    old = fetch(client, "/privacy/")[0]  # Wagtail adds a redirect from the old URL
    assert (old.status_code, old["Location"]) == (301, "/about/privacy/")
    assert fetch(client, "/about/privacy/")[0].status_code == 200


def test_snippet_change_purges(client, site_content, commit):
    fetch(client, ARTICLE)
    page = ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap")
    person = Person.objects.get(pk=page.author_id)
    person.name = "Renamed Sample Writer"
    with commit():
        person.save()
    response, state = fetch(client, ARTICLE)
    assert state == "miss" and b"Renamed Sample Writer" in response.content


def test_site_setting_change_purges(client, site_content, commit):
    fetch(client, "/")
    clinic = ClinicSettings.for_site(site_content)
    clinic.phone = "(510) 555-0199"
    with commit():
        clinic.save()
    response, state = fetch(client, "/")
    assert state == "miss" and b"555-0199" in response.content


class _PurgeRecorder(http.server.BaseHTTPRequestHandler):
    received: list = []

    def do_PURGE(self):  # noqa: N802 (HTTP method name)
        self.received.append((self.command, self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_cdn(settings):
    _PurgeRecorder.received = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield _PurgeRecorder.received
    server.shutdown()
    server.server_close()


def test_cdn_is_purged_on_publish(site_content, fake_cdn, commit):
    page = ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap")
    with commit():
        page.save_revision().publish()
    paths = {path for _, _, path in fake_cdn}
    assert {ARTICLE, "/learn/", "/sitemap.xml"} <= paths
    assert "/about/" not in paths
    assert all(method == "PURGE" and host == "localhost" for method, host, _ in fake_cdn)


def test_cdn_is_purged_on_unpublish_move_and_settings(site_content, fake_cdn, commit):
    with commit():
        ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap").unpublish()
    assert ARTICLE in {path for _, _, path in fake_cdn}
    fake_cdn.clear()
    with commit():
        StandardPage.objects.get(locale__language_code="en", slug="privacy").move(
            StandardPage.objects.get(locale__language_code="en", slug="about"), pos="last-child"
        )
    assert "/privacy/" in {path for _, _, path in fake_cdn}
    fake_cdn.clear()
    with commit():
        ClinicSettings.for_site(site_content).save()
    assert {"/", "/learn/", "/about/"} <= {path for _, _, path in fake_cdn}


def test_no_cdn_purge_without_configuration(site_content, settings, commit, client):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WAGTAILFRONTENDCACHE = {}
    fetch(client, "/learn/")
    with commit():
        ArticleIndexPage.objects.get(locale__language_code="en").save_revision().publish()
    assert not DBTaskResult.objects.filter(task_path__endswith=".purge_cdn").exists()
    assert fetch(client, "/learn/")[1] == "miss"  # the local purge still ran


@pytest.mark.django_db(transaction=True)
def test_cdn_purge_is_queued_not_run_in_the_publish_request(load_content, fake_cdn, settings):
    """With the database queue (production), the editor's request only queues the CDN purge;
    the worker sends it. Transactional: the real worker closes its database connection between
    tasks, which inside a test transaction would end the test's own connection (PostgreSQL)."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ArticlePage.objects.get(
        locale__language_code="en", slug="what-is-kap"
    ).save_revision().publish()
    assert fake_cdn == []
    queued = DBTaskResult.objects.get(task_path="content.performance.tasks.purge_cdn")
    assert ARTICLE in queued.args_kwargs["args"][0]
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    assert ARTICLE in {path for _, _, path in fake_cdn}
