"""Initial content step: the Clinical review workflow and page permissions on the article index."""

from django.apps import apps

from content.articles.models import ArticleIndexPage

from . import setup


def load(loader):
    setup.ensure_groups(apps)
    for index in ArticleIndexPage.objects.all():
        setup.assign_to_article_index(apps, index)
    loader.log.append("assigned the Clinical review workflow to the article index")
