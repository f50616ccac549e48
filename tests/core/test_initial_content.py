import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from content.articles.models import ArticlePage, RelatedArticle, Topic
from content.core import initial_content
from content.core.initial_content import ContentLoader
from content.core.models import ClinicSettings, HomePage, Person, StandardPage


def counts():
    return (
        Page.objects.count(),
        Person.objects.count(),
        Topic.objects.count(),
        RelatedArticle.objects.count(),
    )


@pytest.mark.django_db
def test_builds_the_tree():
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get(locale__language_code="en")
    assert site.root_page_id == home.pk
    assert {p.slug for p in StandardPage.objects.live()} >= {"about", "privacy", "accessibility"}
    assert ArticlePage.objects.live().count() >= 3
    assert ClinicSettings.for_site(site).clinic_name.startswith("Bayview")
    # The default Wagtail welcome page is gone.
    assert not Page.objects.filter(depth=2).exclude(translation_key=home.translation_key).exists()


@pytest.mark.django_db
def test_running_twice_creates_nothing_new():
    before = counts()
    call_command("load_initial_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == before


@pytest.mark.django_db
def test_update_publishes_a_new_revision_without_duplicates():
    article = ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap")
    article.title = "Changed by an editor"
    article.save_revision().publish()
    before = counts()
    call_command("load_initial_content", "--update", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == before
    article.refresh_from_db()
    assert article.title == "What is ketamine-assisted psychotherapy?"


@pytest.mark.django_db
def test_internal_links_become_page_links():
    article = ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap")
    raw = str(article.body.raw_data)
    target = Page.objects.get(locale__language_code="en", slug="what-happens-in-kap")
    assert (
        f'linktype=\\"page\\" id=\\"{target.pk}\\"' in raw
        or f'linktype="page" id="{target.pk}"' in raw
    )


def test_the_spanish_site_fixture_is_read_once(monkeypatch):
    reads = []
    read_yaml = ContentLoader.read_yaml

    def counting_read(relative):
        reads.append(relative)
        return read_yaml(relative)

    monkeypatch.setattr(ContentLoader, "read_yaml", staticmethod(counting_read))
    loader = ContentLoader()
    assert loader.spanish_site()["translator"]
    assert loader.spanish_site() is loader.spanish_site()
    assert reads == ["es/site.yaml"]


def test_without_the_spanish_site_fixture_there_is_no_spanish_edition(monkeypatch, tmp_path):
    monkeypatch.setattr(initial_content, "FIXTURES_DIR", tmp_path)
    assert ContentLoader().spanish_site() is None


@pytest.mark.django_db
def test_the_spanish_translator_is_looked_up_once(django_assert_num_queries):
    loader = ContentLoader()
    translator = loader.spanish_translator()
    assert translator.name == loader.spanish_site()["translator"]
    assert translator.locale_id == Locale.objects.get(language_code="es").pk
    with django_assert_num_queries(0):
        assert loader.spanish_translator() is translator
