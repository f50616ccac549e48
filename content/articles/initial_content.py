"""Load topics and articles from fixtures/articles/ (one Markdown file per article)."""

from wagtail.models import Locale

from content.core.citations import EVIDENCE_LEVELS, KEY_RE, duplicate_keys, unknown_keys
from content.core.initial_content import FIXTURES_DIR, ContentLoader, FixtureError, _date
from content.core.models import HomePage

from .models import ArticleIndexPage, ArticlePage, RelatedArticle, Topic
from .sample_image import add_sample_image


def _references(items):
    refs = []
    for ref in items or []:
        refs.append(
            {
                "type": "reference",
                "value": {
                    "key": str(ref.get("key", "") or ""),
                    "evidence": ref.get("evidence", ""),
                    "title": ref["title"],
                    "source": ref["source"],
                    "year": int(ref["year"]),
                    "kind": ref.get("kind", "paper"),
                    "url": ref.get("url", ""),
                    "doi": ref.get("doi", ""),
                    "pmid": str(ref.get("pmid", "") or ""),
                },
            }
        )
    return refs


def _check_citations(filename, references, body):
    """Every reference has a unique key and a known evidence level; every marker names one."""
    keys = [ref["value"]["key"] for ref in references]
    evidence_levels = {value for value, _ in EVIDENCE_LEVELS}
    for ref in references:
        value = ref["value"]
        if value["key"] and not KEY_RE.match(value["key"]):
            raise FixtureError(
                f"{filename}: reference key '{value['key']}' is not a lowercase slug"
            )
        if value["evidence"] and value["evidence"] not in evidence_levels:
            raise FixtureError(
                f"{filename}: evidence '{value['evidence']}' is not one of "
                + ", ".join(sorted(evidence_levels))
            )
    duplicates = duplicate_keys(keys)
    if duplicates:
        raise FixtureError(f"{filename}: reference keys used twice: {', '.join(duplicates)}")
    unknown = unknown_keys(body, keys)
    if unknown:
        raise FixtureError(
            f"{filename}: markers with no reference of that key: "
            + ", ".join(f"[^{key}]" for key in unknown)
        )


def load(loader: ContentLoader):
    loader.after_finish(add_sample_image)
    spec = loader.read_yaml("articles/index.yaml")
    locale = Locale.get_default()
    topics = {}
    for position, item in enumerate(spec["topics"]):
        topic, _ = Topic.objects.update_or_create(
            slug=item["slug"],
            locale=locale,
            defaults={
                "name": item["name"],
                "description": item.get("description", ""),
                "sort_order": position,
            },
        )
        topics[topic.slug] = topic

    home = HomePage.objects.get(locale=Locale.get_default())
    index = loader.page(
        home,
        ArticleIndexPage,
        spec["slug"],
        {
            "title": spec["title"],
            "summary": spec.get("summary", ""),
            "intro": spec.get("intro", ""),
            "show_in_menus": True,
        },
    )

    created = []
    for path in sorted((FIXTURES_DIR / "articles").glob("*.md")):
        meta, body = loader.read_markdown(path)
        try:
            fields = {
                "title": meta["title"],
                "summary": meta["summary"],
                "topic": topics[meta["topic"]],
                "main_points": [{"type": "point", "value": point} for point in meta["main_points"]],
                "author": loader.person(meta["author"]),
                "clinical_reviewer": loader.person(meta["reviewer"]),
                "last_reviewed": _date(meta["last_reviewed"]),
                "next_review_due": _date(meta["next_review_due"]),
                "references": _references(meta.get("references")),
                "search_description": meta.get("search_description", ""),
            }
        except KeyError as exc:
            raise FixtureError(f"{path.name}: missing or unknown {exc}") from exc
        _check_citations(path.name, fields["references"], body)
        page = loader.page(index, ArticlePage, meta["slug"], fields, markdown={"body": body})
        created.append((page, meta.get("related", [])))

    # Related links are set once every article exists, as part of a published revision so
    # the page editor shows them.
    for page, related_slugs in created:
        if not related_slugs or (page.related_links.exists() and not loader.update):
            continue
        links = []
        for order, slug in enumerate(related_slugs):
            target = ArticlePage.objects.filter(slug=slug).first()
            if target is None:
                raise FixtureError(f"{page.slug}: related article '{slug}' does not exist")
            links.append(RelatedArticle(related_page=target, sort_order=order))
        page = ArticlePage.objects.get(pk=page.pk)
        page.related_links = links
        page.save_revision().publish()

    load_spanish(loader, index, topics)


def load_spanish(loader: ContentLoader, index: ArticleIndexPage, topics: dict) -> None:
    """The Spanish Learn index and articles (fixtures/articles/es/): their text is written in
    Spanish; references, topic and related articles come from the English page they translate."""
    files = loader.translation_files("articles")
    if not files:
        return
    spec = loader.read_yaml("articles/es/index.yaml")
    spanish_topics = {}
    for item in spec["topics"]:
        if item["slug"] not in topics:
            raise FixtureError(f"articles/es/index.yaml: no English topic '{item['slug']}'")
        spanish_topics[item["slug"]] = loader.translated_snippet(
            topics[item["slug"]],
            {"name": item["name"], "description": item.get("description", "")},
        )
    translator = loader.person(spec["translator"], "es")
    loader.translation_of(
        index,
        spec["slug"],
        {
            "title": spec["title"],
            "summary": spec.get("summary", ""),
            "intro": spec.get("intro", ""),
            "translator": translator,
        },
    )
    translated = []
    for path in files:
        meta, body = loader.read_markdown(path)
        source = loader.find_english(meta.get("source"), path)
        try:
            fields = {
                "title": meta["title"],
                "summary": meta["summary"],
                "topic": spanish_topics[source.topic.slug] if source.topic_id else None,
                "main_points": [{"type": "point", "value": point} for point in meta["main_points"]],
                "author": loader.person(source.author.name, "es") if source.author_id else None,
                "clinical_reviewer": loader.person(meta["reviewer"], "es"),
                "translator": loader.person(meta["translator"], "es"),
                "last_reviewed": _date(meta["last_reviewed"]),
                "next_review_due": _date(meta["next_review_due"]),
                "search_description": meta.get("search_description", ""),
            }
        except KeyError as exc:
            raise FixtureError(f"es/{path.name}: missing or unknown {exc}") from exc
        _check_citations(f"es/{path.name}", source.references.raw_data, body)
        page = loader.translation_of(source, meta["slug"], fields, markdown={"body": body})
        translated.append((page, source))

    # Related articles lead to their Spanish translations.
    spanish = Locale.objects.get(language_code="es")
    for page, source in translated:
        page = ArticlePage.objects.get(pk=page.pk)
        current = [link.related_page.locale_id for link in page.related_links.all()]
        if current and all(locale_id == spanish.pk for locale_id in current):
            continue
        links = []
        for order, link in enumerate(source.related_links.all()):
            target = link.related_page.get_translation_or_none(spanish) or link.related_page
            links.append(RelatedArticle(related_page=target.specific, sort_order=order))
        page.related_links = links
        page.save_revision().publish()
