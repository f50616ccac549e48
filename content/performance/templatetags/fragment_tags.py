"""``{% fragment "name" vary_on... %}…{% endfragment %}``: a block rendered once per fragment
generation and shared by every page and instance (content.performance.fragments).

Only for markup that is the same for every visitor: no CSRF token, no CSP nonce, nothing
personal. Vary on whatever else the block shows (the current section, the page, the host).
"""

from django import template

from content.performance import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        name = self.name.resolve(context)
        vary_on = [value.resolve(context) for value in self.vary_on]
        key = fragments.key_for(name, *vary_on)
        # A node's output goes into the page as it is (like Django's {% cache %}): it is the
        # block's own rendered, auto-escaped markup.
        return fragments.cached(
            key, lambda: str(self.nodelist.render(context)), request=context.get("request")
        )


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'fragment' needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
