"""Print word count, reading grades and reference count for every explainer article.

Run against a database that has the initial content loaded:
    .venv/bin/python scripts/article_report.py
The figures are taken from the rendered pages, as the content tests measure them.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kapsite.settings.dev")

import django  # noqa: E402

django.setup()

from bs4 import BeautifulSoup  # noqa: E402
from django.test import Client  # noqa: E402

from content.articles.models import ArticlePage  # noqa: E402
from content.core.readability import html_to_text, reading_grade  # noqa: E402


def main():
    client = Client(HTTP_HOST="localhost")
    print("| Article | Words | Body grade | Summary grade | Max FAQ grade | References |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for page in ArticlePage.objects.live().order_by("path"):
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        body = html_to_text(str(soup.select_one(".c-article__body")))
        faq = [reading_grade(html_to_text(str(a))) for a in soup.select(".c-faq__answer")]
        print(
            f"| {page.slug} | {len(body.split())} | {reading_grade(body):.1f} "
            f"| {reading_grade(page.summary):.1f} | {max(faq) if faq else 0:.1f} "
            f"| {len(page.references)} |"
        )


if __name__ == "__main__":
    main()
