"""``{% numbered_citations page %}...{% end_numbered_citations %}``: the enclosed HTML (a page's
body) with its reference markers as numbered links (content.core.citations)."""

from django import template

register = template.Library()


class NumberedCitationsNode(template.Node):
    def __init__(self, page, nodelist):
        self.page = page
        self.nodelist = nodelist

    def render(self, context):
        page = self.page.resolve(context)
        html = self.nodelist.render(context)
        numbering = getattr(page, "citations", None)
        return numbering.number_markers(html) if numbering is not None else html


@register.tag
def numbered_citations(parser, token):
    try:
        _, page = token.split_contents()
    except ValueError as exc:
        raise template.TemplateSyntaxError(
            "numbered_citations takes one argument: the page"
        ) from exc
    nodelist = parser.parse(("end_numbered_citations",))
    parser.delete_first_token()
    return NumberedCitationsNode(parser.compile_filter(page), nodelist)
