"""Tree rules: which page types may be created where."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from content.articles.models import ArticleIndexPage, ArticlePage
from content.core.models import HomePage, StandardPage


class PageTreeRulesTest(WagtailPageTestCase):
    def test_home_page_only_at_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_standard_pages(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(ArticleIndexPage, StandardPage)

    def test_articles_live_under_the_index(self):
        self.assertAllowedParentPageTypes(ArticleIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})
        self.assertAllowedParentPageTypes(ArticlePage, {ArticleIndexPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertCanNotCreateAt(HomePage, ArticlePage)

    def test_only_one_article_index(self):
        # The initial content already has one, so no second index may be added.
        home = HomePage.objects.get(locale__language_code="en")
        self.assertTrue(ArticleIndexPage.objects.exists())
        self.assertFalse(ArticleIndexPage.can_create_at(home))
