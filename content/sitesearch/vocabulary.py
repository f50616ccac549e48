"""The spelling vocabulary and "Did you mean" suggestions.

Known words come from the titles and headings (glossary terms and FAQ questions included) of
the searchable page types, and from the names of snippets that set
``site_search_vocabulary_field`` (topics, treatments, conditions...). They are stored per locale
in ``SearchTerm`` and rebuilt in the background when pages are published or those snippets change.

A misspelt word is matched to the closest known word: on PostgreSQL by trigram similarity
(pg_trgm), elsewhere by edit distance in Python over the same words.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict

from django.apps import apps
from django.db import connection, transaction
from wagtail.fields import StreamField

from content.core.blocks import FAQItemBlock, HeadingBlock

from .models import SearchTerm
from .searchable import searchable_models
from .words import DEFAULT_LANGUAGE, edit_distance, stop_words, words

MIN_WORD_LENGTH = 4
MAX_WORD_LENGTH = 60
# PostgreSQL: the lowest trigram similarity for a suggestion ("sprvato" ~ "spravato" is 0.45).
MIN_SIMILARITY = 0.3
CANDIDATES = 5
MAX_CORRECTED_WORDS = 4
# When this process last started a rebuild: a rebuild requested before then has nothing left
# to do (publishing many pages in one transaction queues one rebuild per page).
LAST_REBUILD = {"started": 0.0}


def max_edits(word: str) -> int:
    """How many edits a suggestion may be from the word typed: 1 for short words, 2 from 6
    letters, 3 from 10."""
    return 1 if len(word) < 6 else 2 if len(word) < 10 else 3


def vocabulary_models() -> list:
    return [
        model for model in apps.get_models() if getattr(model, "site_search_vocabulary_field", None)
    ]


def _heading_texts(page) -> list[str]:
    """Heading and FAQ question texts in a page's StreamFields, from the stored data (no
    queries for images or snippets the blocks refer to)."""
    texts = []
    for field in page._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        blocks = field.stream_block.child_blocks
        for item in getattr(page, field.name).raw_data:
            block = blocks.get(item.get("type"))
            value = item.get("value") or {}
            if isinstance(block, HeadingBlock):
                texts.append(value.get("text", ""))
            elif isinstance(block, FAQItemBlock):
                texts.append(value.get("question", ""))
    return texts


def _add_words(counter: Counter, text: str, language: str) -> None:
    ignored = stop_words(language)
    for word in words(text):
        if (
            MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH
            and word.isalpha()
            and word not in ignored
        ):
            counter[word] += 1


def collect() -> dict[int, Counter]:
    """Known words and their frequencies, per locale id."""
    from wagtail.models import Locale

    languages = dict(Locale.objects.values_list("pk", "language_code"))
    counters: dict[int, Counter] = defaultdict(Counter)
    for model in searchable_models():
        for page in model.objects.live().public().select_related(None):
            language = languages.get(page.locale_id, DEFAULT_LANGUAGE)
            _add_words(counters[page.locale_id], page.title, language)
            for text in _heading_texts(page):
                _add_words(counters[page.locale_id], text, language)
    default_locale = Locale.get_default().pk
    for model in vocabulary_models():
        field = model.site_search_vocabulary_field
        has_locale = any(f.name == "locale" for f in model._meta.get_fields())
        rows = model.objects.values_list(field, "locale_id" if has_locale else field)
        for text, locale_id in rows:
            locale_id = locale_id if has_locale else default_locale
            _add_words(counters[locale_id], text, languages.get(locale_id, DEFAULT_LANGUAGE))
    return counters


def rebuild() -> int:
    """Replace the stored vocabulary with the words in the content now. Returns the count."""
    LAST_REBUILD["started"] = time.time()
    counters = collect()
    terms = [
        SearchTerm(locale_id=locale_id, word=word, frequency=count)
        for locale_id, counter in counters.items()
        for word, count in counter.items()
    ]
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchTerm.objects.bulk_create(terms)
    return len(terms)


def _closest_by_trigrams(terms, word: str) -> list[tuple[str, int]]:
    from django.contrib.postgres.search import TrigramSimilarity

    rows = (
        terms.annotate(similarity=TrigramSimilarity("word", word))
        .filter(similarity__gte=MIN_SIMILARITY)
        .order_by("-similarity", "-frequency", "word")
        .values_list("word", "frequency")[:CANDIDATES]
    )
    return list(rows)


def _closest_by_edits(terms, word: str, known_words=None) -> list[tuple[str, int]]:
    """``known_words``: (word, frequency) pairs already loaded, to scan without a query."""
    limit = max_edits(word)
    scored = []
    if known_words is None:
        known_words = terms.values_list("word", "frequency")
    for known, frequency in known_words:
        distance = edit_distance(word, known, limit)
        if distance <= limit:
            scored.append((distance, -frequency, known))
    return [(known, -neg) for _, neg, known in sorted(scored)[:CANDIDATES]]


def closest_words(words_typed: list[str], locale=None) -> dict[str, list[str]]:
    """For each word that is not a known word: the known words it may be a misspelling of,
    best first (at most ``max_edits`` edits away). Known and short words map to []."""
    terms = SearchTerm.objects.all()
    if locale is not None:
        terms = terms.filter(locale=locale)
    candidates = [w for w in dict.fromkeys(words_typed) if len(w) >= MIN_WORD_LENGTH]
    candidates = [w for w in candidates if w.isalpha()][:MAX_CORRECTED_WORDS]
    found: dict[str, list[str]] = {w: [] for w in words_typed}
    if not candidates:
        return found
    trigrams = connection.vendor == "postgresql"
    if trigrams:
        known = set(terms.filter(word__in=candidates).values_list("word", flat=True))
    else:  # one query: every known word, scanned in Python
        all_words = list(terms.values_list("word", "frequency"))
        known = {w for w, _ in all_words}
    for word in candidates:
        if word in known:
            continue
        if trigrams:
            rows = _closest_by_trigrams(terms, word)
        else:
            rows = _closest_by_edits(terms, word, all_words)
        limit = max_edits(word)
        # Trigram similarity finds candidates; the edit limit keeps the suggestion close.
        found[word] = [w for w, _ in rows if edit_distance(word, w, limit) <= limit]
    return found
