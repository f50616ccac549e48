"""Load the directory's taxonomies, the directory page and the sample providers from fixtures/.

The sample providers are read with the same code as `manage.py import_providers`, so the
fixture CSV files are also a worked example of the import format.
"""

import csv

from wagtail.models import Locale

from content.core.initial_content import FIXTURES_DIR, ContentLoader, FixtureError
from content.core.models import HomePage

from .csv_import import ImportFailed, ProviderImporter
from .models import (
    Condition,
    InsuranceOption,
    Language,
    ProviderDirectoryPage,
    ProviderPage,
    Treatment,
)

TAXONOMY_MODELS = {
    "treatments": Treatment,
    "conditions": Condition,
    "insurance": InsuranceOption,
    "languages": Language,
}

DIRECTORY = {
    "title": "Find a provider",
    "summary": "Find KAP providers near you, or ones who see you by video.",
    "intro": (
        "Search by ZIP code or city, the kind of care you want, your insurance and your language. "
        "The listings below are sample data for this demo site."
    ),
    "results_note": (
        "A listing is not a recommendation. Before you start, ask a provider about their "
        "training, how they watch over you during a session, and the full cost."
    ),
    "show_in_menus": True,
}

TAXONOMY_RELATIONS = (
    "treatments",
    "treatments_not_offered",
    "conditions",
    "insurance",
    "languages",
)


def load(loader: ContentLoader):
    spec = loader.read_yaml("providers/taxonomies.yaml")
    locale = Locale.get_default()
    for key, model in TAXONOMY_MODELS.items():
        for position, item in enumerate(spec[key]):
            defaults = {k: v for k, v in item.items() if k != "slug"}
            defaults["sort_order"] = position
            model.objects.update_or_create(slug=item["slug"], locale=locale, defaults=defaults)

    home = HomePage.objects.get(locale=Locale.get_default())
    directory = loader.page(home, ProviderDirectoryPage, "find-a-provider", DIRECTORY)
    importer = ProviderImporter(
        directory,
        FIXTURES_DIR / "providers" / "providers.csv",
        FIXTURES_DIR / "providers" / "clinicians.csv",
    )
    try:
        result = importer.run(skip_existing=not loader.update)
    except ImportFailed as exc:
        raise FixtureError("; ".join(str(e) for e in exc.errors)) from exc
    for slug in result.created:
        loader.log.append(f"created ProviderPage '{slug}'")
    for slug in result.updated:
        loader.log.append(f"updated ProviderPage '{slug}'")
    for slug in result.skipped:
        loader.log.append(f"kept ProviderPage '{slug}'")
    load_spanish(loader, directory)


def load_spanish(loader: ContentLoader, directory: ProviderDirectoryPage) -> None:
    """The Spanish directory and provider pages (fixtures/providers/es/): the providers' own
    words in Spanish; addresses, hours, clinicians and filters come from the English page."""
    es_dir = FIXTURES_DIR / "providers" / "es"
    if not es_dir.exists():
        return
    site = loader.spanish_site()
    if site is None:
        raise FixtureError("providers/es/ needs fixtures/es/site.yaml (the Spanish home page)")
    spec = loader.read_yaml("providers/es/taxonomies.yaml")
    default = Locale.get_default()
    for key, model in TAXONOMY_MODELS.items():
        for item in spec.get(key, []):
            english = model.objects.filter(slug=item["slug"], locale=default).first()
            if english is None:
                raise FixtureError(f"providers/es/taxonomies.yaml: no {key} '{item['slug']}'")
            fields = {k: v for k, v in item.items() if k in ("name", "description")}
            loader.translated_snippet(english, fields)
    spanish_terms = {
        term.translation_key: term
        for model in TAXONOMY_MODELS.values()
        for term in model.objects.filter(locale__language_code="es")
    }
    text = site["directory_page"]
    translator = loader.spanish_translator()
    spanish_directory = loader.translation_of(
        directory,
        text.get("slug", "buscar-proveedor"),
        {**{k: v for k, v in text.items() if k != "slug"}, "translator": translator},
    )
    with open(es_dir / "providers.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        source = ProviderPage.objects.child_of(directory).filter(slug=row["slug"]).first()
        if source is None:
            raise FixtureError(f"providers/es/providers.csv: no provider '{row['slug']}'")
        fields = {"title": row["name"], "translator": translator}
        for name in ("summary", "hours_note", "accessibility_notes"):
            if row.get(name):
                fields[name] = row[name]
        # The Spanish page's filters are the Spanish terms (the Spanish finder lists and
        # matches those).
        for relation in TAXONOMY_RELATIONS:
            fields[relation] = [
                spanish_terms[t.translation_key] for t in getattr(source, relation).all()
            ]
        loader.translation_of(source, row["slug"], fields)
    loader.log.append(f"Spanish directory '{spanish_directory.slug}': {len(rows)} providers")
