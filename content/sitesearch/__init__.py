"""Site search (/search/): Wagtail's database search backend with stemming on both databases,
editors' synonyms and promoted results, "Did you mean" suggestions and a ranking that puts
health articles before practice listings.

Modules: ``words`` (cleaning, stop words, light stem, edit distance), ``searchable`` (which page
types: those with ``site_search_label``), ``query`` (synonym units, backend queries, ranking),
``vocabulary`` (known words and suggestions), ``listings`` (practices offering a named
treatment), ``views`` (the page). Nothing a visitor types is stored or logged.

Languages: English only today. Another language needs its own stop words (``words.STOP_WORDS``),
synonym groups (``SearchSynonym`` is translatable), and vocabulary (stored per locale). The
PostgreSQL text search configuration is one per backend (``SEARCH_CONFIG`` in settings, e.g.
"spanish"), and SQLite's porter stemmer is English-only, so a Spanish edition also needs a
search configuration per locale, e.g. a second backend alias whose index holds only Spanish pages.
"""
