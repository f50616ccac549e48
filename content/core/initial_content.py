"""Build the site's page tree and snippets from the human-reviewable files in fixtures/.

Each app that ships initial content names a loader on its AppConfig
(``initial_content_loader = "content.articles.initial_content.load"``); the
``load_initial_content`` command calls them in INSTALLED_APPS order with one ``ContentLoader``.
Pages are found by slug, so running the command again creates nothing new; with ``update=True``
the fixture text replaces the live content as a new published revision.
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import Locale, Page, Site

from .editor_format import stream_in_editor_form
from .markdown_blocks import FixtureError, markdown_to_blocks, split_front_matter
from .models import ClinicSettings, HomePage, Person, StandardPage
from .site_url import parse as parse_site_url
from .site_url import public_root, sync_default_site

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


def stream_from_markdown(page, field_name, source, find_page):
    """StreamField data from a fixture's Markdown, stored as the page editor would store it."""
    return stream_in_editor_form(type(page), field_name, markdown_to_blocks(source, find_page))


@dataclass
class _Deferred:
    page: Page
    fields: dict[str, str]
    language: str = "en"


@dataclass
class ContentLoader:
    update: bool = False
    log: list[str] = field(default_factory=list)
    _deferred: list[_Deferred] = field(default_factory=list)
    _missing: set[str] = field(default_factory=set)
    _after_finish: list = field(default_factory=list)
    _translated: list = field(default_factory=list)
    _spanish: dict = field(default_factory=dict)  # es/site.yaml and its translator, once read

    # The language being loaded: fixture links (`page:SLUG`) always name the English slug, and
    # in a Spanish fixture they lead to that page's Spanish translation once it exists.
    language: str = "en"

    # -- lookups -------------------------------------------------------------------------
    def find_page(self, slug: str):
        page = Page.objects.filter(slug=slug, locale=Locale.get_default()).first()
        if page is None or self.language == "en":
            return page
        return page.get_translation_or_none(Locale.objects.get(language_code=self.language))

    def find_english(self, slug, path) -> Page:
        """The English page a Spanish fixture translates (its ``source:``), as its own type."""
        page = Page.objects.filter(slug=slug or "", locale=Locale.get_default()).first()
        if page is None:
            raise FixtureError(f"{path.name}: 'source: {slug}' names no English page")
        return page.specific

    def _lenient_find(self, slug):
        page = self.find_page(slug)
        if page is None:
            self._missing.add(slug)
            return _Placeholder()
        return page

    def person(self, name: str, language: str | None = None) -> Person:
        """The person with this name, in ``language`` (their Spanish credentials on Spanish
        pages); English by default."""
        locale = Locale.objects.get(language_code=language) if language else Locale.get_default()
        try:
            return Person.objects.get(name=name, locale=locale)
        except Person.DoesNotExist as exc:
            raise FixtureError(f"no person named '{name}' in fixtures/site.yaml") from exc

    # -- files ---------------------------------------------------------------------------
    @staticmethod
    def read_yaml(relative: str):
        with open(FIXTURES_DIR / relative, encoding="utf-8") as fh:
            return yaml.safe_load(fh)

    @staticmethod
    def read_markdown(path: Path) -> tuple[dict, str]:
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        return yaml.safe_load(meta) or {}, body

    def spanish_site(self) -> dict | None:
        """fixtures/es/site.yaml (the Spanish edition's site-wide text), read once per load;
        None when there is no Spanish edition."""
        if "site" not in self._spanish:
            exists = (FIXTURES_DIR / "es" / "site.yaml").exists()
            self._spanish["site"] = self.read_yaml("es/site.yaml") if exists else None
        return self._spanish["site"]

    def spanish_translator(self) -> Person:
        """The Spanish edition's translator (``translator:`` in es/site.yaml), looked up once;
        ask after the core loader has made the Spanish people."""
        if "translator" not in self._spanish:
            site = self.spanish_site()
            if site is None:
                raise FixtureError("the Spanish pages need fixtures/es/site.yaml")
            self._spanish["translator"] = self.person(site["translator"], "es")
        return self._spanish["translator"]

    # -- pages ---------------------------------------------------------------------------
    def page(self, parent: Page, model, slug: str, fields: dict, markdown: dict | None = None):
        """Create (or, with update, revise) the child of ``parent`` with this slug, and publish."""
        markdown = markdown or {}
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing and not self.update:
            self.log.append(f"kept {model.__name__} '{slug}'")
            return existing
        page = existing or model(slug=slug)
        for name, value in fields.items():
            setattr(page, name, value)
        self._missing.clear()
        for name, source in markdown.items():
            setattr(page, name, stream_from_markdown(page, name, source, self._lenient_find))
        if self._missing:
            self._deferred.append(_Deferred(page, markdown, self.language))
        if existing:
            page.save_revision().publish()
        else:
            parent.add_child(instance=page)
            page.save_revision().publish()
        self.log.append(f"{'updated' if existing else 'created'} {model.__name__} '{slug}'")
        return page

    # -- the Spanish edition -----------------------------------------------------------------
    @contextmanager
    def in_language(self, language: str):
        """Load in ``language``: links resolve to its pages, and words the loader adds itself
        (a do/don't list's titles) are in that language."""
        previous, self.language = self.language, language
        try:
            with translation.override(language):
                yield
        finally:
            self.language = previous

    @staticmethod
    def translation_files(relative_dir: str, pattern: str = "*.md") -> list[Path]:
        """The Spanish fixture files beside the English ones (``fixtures/<dir>/es/``)."""
        return sorted((FIXTURES_DIR / relative_dir / "es").glob(pattern))

    def translation_of(self, source: Page, slug: str, fields: dict, markdown: dict | None = None):
        """Create (or, with update, revise) the Spanish translation of ``source`` with this slug,
        marked as checked against the English now, and publish it. Its parent must have a
        Spanish translation already (load parents first)."""
        locale = Locale.objects.get(language_code="es")
        existing = source.get_translation_or_none(locale)
        if existing and not self.update:
            self.log.append(f"kept Spanish {type(source).__name__} '{existing.slug}'")
            return existing.specific
        page = (existing or source.copy_for_translation(locale)).specific
        page.slug = slug
        for name, value in fields.items():
            setattr(page, name, value)
        self._missing.clear()
        with self.in_language("es"):
            for name, text in (markdown or {}).items():
                setattr(page, name, stream_from_markdown(page, name, text, self._lenient_find))
        if self._missing:
            self._deferred.append(_Deferred(page, markdown, "es"))
        page.source_checked_at = timezone.now()
        page.save_revision().publish()
        self._translated.append(page)
        self.log.append(f"{'updated' if existing else 'created'} Spanish page '{slug}'")
        return page

    def translated_snippet(self, source, fields: dict):
        """The Spanish translation of a translatable snippet (Person, Topic, taxonomy terms),
        created or updated with ``fields``."""
        locale = Locale.objects.get(language_code="es")
        snippet = source.get_translation_or_none(locale)
        if snippet is None:
            snippet = source.copy_for_translation(locale)
        for name, value in fields.items():
            setattr(snippet, name, value)
        snippet.save()
        return snippet

    def after_finish(self, step) -> None:
        """Run ``step(loader)`` once every page exists and every page link is resolved."""
        self._after_finish.append(step)

    def finish(self):
        """Resolve links to pages that were created after the page that links to them, then
        run the steps registered with ``after_finish`` (in order)."""
        for item in self._deferred:
            page = item.page.specific_class.objects.get(pk=item.page.pk)
            with self.in_language(item.language):
                for name, source in item.fields.items():
                    setattr(page, name, stream_from_markdown(page, name, source, self._strict_find))
            page.save_revision().publish()
        self._deferred.clear()
        steps, self._after_finish = self._after_finish, []
        for step in steps:
            step(self)
        # The Spanish fixtures were written against the English ones loaded in this same run:
        # checked as of now, after every English page (and its link fixes) is published.
        now = timezone.now()
        for page in self._translated:
            type(page).objects.filter(pk=page.pk).update(source_checked_at=now)
        self._translated.clear()

    def _strict_find(self, slug):
        return self.find_page(slug)


class _Placeholder:
    pk = 0
    url = "#"


def _date(value):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def ensure_home(loader: ContentLoader, spec: dict) -> HomePage:
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    root = Page.get_first_root_node()
    if home is None:
        # Wagtail's install creates a plain "Welcome" page with the slug we want.
        for welcome in root.get_children().filter(slug="home"):
            if welcome.specific_class is Page:
                welcome.delete()
        root.refresh_from_db()
    fields = {
        "title": spec["title"],
        "summary": spec.get("summary", ""),
    }
    loader._missing.clear()
    if home is None:
        home = HomePage(slug="home", **fields)
        home.body = stream_from_markdown(home, "body", spec.get("body", ""), loader._lenient_find)
        root.add_child(instance=home)
        home.save_revision().publish()
        loader.log.append("created HomePage 'home'")
    elif loader.update:
        for key, value in fields.items():
            setattr(home, key, value)
        home.body = stream_from_markdown(home, "body", spec.get("body", ""), loader._lenient_find)
        home.save_revision().publish()
    if loader._missing:
        loader._deferred.append(_Deferred(home, {"body": spec.get("body", "")}))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        _, hostname, port = parse_site_url(public_root())
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=spec["site_name"],
        )
    elif site.root_page_id != home.pk or site.site_name != spec["site_name"]:
        site.root_page = home
        site.site_name = spec["site_name"]
        site.save()
    change = sync_default_site()
    if change:
        loader.log.append(change)
    return home


def load(loader: ContentLoader):
    """Core content: people, clinic settings, the home page and the standard pages."""
    spec = loader.read_yaml("site.yaml")
    locale = Locale.get_default()
    for person in spec["people"]:
        Person.objects.update_or_create(
            name=person["name"],
            locale=locale,
            defaults={k: v for k, v in person.items() if k != "name"},
        )
    home = ensure_home(loader, spec["home"])
    site = Site.objects.get(is_default_site=True)
    clinic = ClinicSettings.for_site(site)
    if loader.update or clinic.pk is None or not clinic.street_address:
        for key, value in spec["clinic"].items():
            setattr(clinic, key, value)
        clinic.save()
    for path in sorted((FIXTURES_DIR / "pages").glob("*.md")):
        meta, body = loader.read_markdown(path)
        loader.page(
            home,
            StandardPage,
            meta["slug"],
            {
                "title": meta["title"],
                "summary": meta.get("summary", ""),
                "show_in_menus": meta.get("show_in_menus", False),
            },
            markdown={"body": body},
        )
    # Footer links (Clinic settings): chosen once, then left to editors unless --update.
    chosen = []
    for setting, slug in spec.get("footer_links", {}).items():
        if loader.update or not getattr(clinic, f"{setting}_id"):
            page = loader.find_page(slug)
            if page is None:
                raise FixtureError(f"site.yaml footer_links: no page with the slug '{slug}'")
            setattr(clinic, setting, page)
            chosen.append(setting)
    if chosen:
        clinic.save(update_fields=chosen)
        loader.log.append(f"set the footer links: {', '.join(chosen)}")
    load_spanish(loader, home, clinic)


def load_spanish(loader: ContentLoader, home: HomePage, clinic: ClinicSettings) -> None:
    """The Spanish edition of the core content (fixtures/es/site.yaml, fixtures/pages/es/):
    people's credentials, the clinic's wording, the home page and the standard pages."""
    spec = loader.spanish_site()
    if spec is None:
        return
    default = Locale.get_default()
    for person in spec.get("people_en", []):
        Person.objects.get_or_create(
            name=person["name"],
            locale=default,
            defaults={k: v for k, v in person.items() if k != "name"},
        )
    for person in spec.get("people", []):
        english = Person.objects.filter(name=person["name"], locale=default).first()
        if english is None:
            raise FixtureError(f"es/site.yaml: no English person named '{person['name']}'")
        loader.translated_snippet(english, {k: v for k, v in person.items() if k != "name"})
    if loader.update or not clinic.crisis_text_es:
        for key, value in spec.get("clinic", {}).items():
            setattr(clinic, f"{key}_es", value)
        clinic.full_clean()
        clinic.save()
    translator = loader.spanish_translator()
    home_spec = spec["home"]
    loader.translation_of(
        home,
        home_spec.get("slug", "inicio"),
        {
            "title": home_spec["title"],
            "summary": home_spec.get("summary", ""),
            "translator": translator,
        },
        markdown={"body": home_spec.get("body", "")},
    )
    for es_path in loader.translation_files("pages"):
        meta, body = loader.read_markdown(es_path)
        source = loader.find_english(meta.get("source"), es_path)
        loader.translation_of(
            source,
            meta["slug"],
            {
                "title": meta["title"],
                "summary": meta.get("summary", ""),
                "translator": (
                    loader.person(meta["translator"], "es") if "translator" in meta else translator
                ),
            },
            markdown={"body": body},
        )


@transaction.atomic
def load_all(update: bool = False) -> list[str]:
    from django.apps import apps
    from django.utils.module_loading import import_string

    loader = ContentLoader(update=update)
    load(loader)
    for config in apps.get_app_configs():
        dotted = getattr(config, "initial_content_loader", None)
        if dotted:
            import_string(dotted)(loader)
    loader.finish()
    return loader.log


__all__ = ["ContentLoader", "FixtureError", "_date", "load_all"]
