"""Turn a reviewable Markdown file into StreamField block data.

Fixture files are plain Markdown so a clinician can review them in a diff. Besides headings
(`##`, `###`) and ordinary paragraphs and lists, a few fenced directives map to the block
library:

    ::: callout warning Do not drive after a session
    Plan a ride home.
    :::

    ::: faq                  (each `### Question` and the text under it is one FAQ item)
    ::: steps                (each `### Step title` and the text under it is one step)
    ::: keyfacts Key facts   (a `- ` list)
    ::: dodont               (`+ ` lines are "do", `- ` lines are "don't")
    ::: quote                (text; a last line starting `-- ` is the attribution)
    ::: table Caption        (a Markdown pipe table; the first row is the header)
    ::: cta Find a provider  (one line: page:SLUG or a URL)

Home page sections (``HomePage.body``, content/core/home_blocks.py):

    ::: lead                 (plain text: the first words under the title)
    ::: starthere Start here (each `### Question` is a card: a `page:SLUG` line, then one sentence)
    ::: topics Learn by topic        (one line: page:SLUG of the article index)
    ::: findcare Find care near you  (a `page:SLUG` line for the provider finder, then one sentence)
    ::: crisis Need help now?
    ::: clinic Contact the clinic

Links written `[text](page:SLUG)` become Wagtail page links; `[text](page:SLUG#anchor)`
becomes a link to that page's URL with the anchor. Unknown slugs raise ``FixtureError`` so a
broken internal link never reaches the site.

A claim is cited with a reference marker right after it, `[^KEY]` (several: `[^a][^b]`), where
KEY is the `key:` of one of the article's references. In rich text the marker becomes the page
editor's citation entity; in plain-text blocks (table cells, list items) it stays as typed. Either
way the page shows it as a numbered link to the reference (content.core.citations).
"""

import re
from collections.abc import Callable

import markdown as md

from .citations import MARKER_RE

PAGE_LINK = re.compile(r'href="page:([a-z0-9-]+)(#[\w-]+)?"')


class FixtureError(ValueError):
    pass


PageLookup = Callable[[str], "object | None"]


def render_inline(text: str, find_page: PageLookup) -> str:
    """Markdown to Wagtail rich-text HTML, resolving page: links."""
    html = md.markdown(text.strip(), output_format="html")
    html = html.replace("<strong>", "<b>").replace("</strong>", "</b>")
    html = html.replace("<em>", "<i>").replace("</em>", "</i>")

    def replace(match):
        slug, anchor = match.group(1), match.group(2)
        page = find_page(slug)
        if page is None:
            raise FixtureError(f"link to unknown page slug '{slug}'")
        if anchor:
            return f'href="{page.url}{anchor}"'
        return f'linktype="page" id="{page.pk}"'

    html = PAGE_LINK.sub(replace, html)
    return MARKER_RE.sub(r'<a linktype="citation" key="\1">[^\1]</a>', html)


def _subsections(lines):
    """Split directive content on `### ` lines into (title, text) pairs."""
    items, title, buf = [], None, []
    for line in lines:
        if line.startswith("### "):
            if title is not None:
                items.append((title, "\n".join(buf)))
            title, buf = line[4:].strip(), []
        else:
            buf.append(line)
    if title is not None:
        items.append((title, "\n".join(buf)))
    return items


def _table(lines, caption):
    rows = []
    for line in lines:
        line = line.strip()
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if all(re.fullmatch(r":?-{3,}:?", cell) for cell in cells):
            continue
        rows.append(cells)
    if len(rows) < 2:
        raise FixtureError("a table needs a header row and at least one data row")
    return {
        "data": rows,
        "first_row_is_table_header": True,
        "first_col_is_header": True,
        "table_caption": caption,
    }


def _page_pk(target: str, find_page) -> int:
    """The id of the page named by a `page:SLUG` line."""
    target = target.strip()
    if not target.startswith("page:"):
        raise FixtureError(f"expected a line 'page:SLUG', not '{target}'")
    page = find_page(target[5:])
    if page is None:
        raise FixtureError(f"link to unknown page slug '{target[5:]}'")
    return page.pk


def _first_line_and_rest(text: str) -> tuple[str, str]:
    lines = text.strip().splitlines()
    if not lines:
        raise FixtureError("expected a line 'page:SLUG'")
    return lines[0], " ".join(" ".join(lines[1:]).split())


def _home_directive(name, arg, lines, find_page):
    text = "\n".join(lines)
    if name == "lead":
        return [("lead", " ".join(text.split()))]
    if name == "starthere":
        cards = []
        for question, body in _subsections(lines):
            target, sentence = _first_line_and_rest(body)
            cards.append(
                {"question": question, "text": sentence, "page": _page_pk(target, find_page)}
            )
        return [("start_here", {"heading": arg or "Start here", "cards": cards})]
    if name == "topics":
        return [
            ("topics", {"heading": arg or "Learn by topic", "index": _page_pk(text, find_page)})
        ]
    if name == "findcare":
        target, sentence = _first_line_and_rest(text)
        return [
            (
                "find_care",
                {
                    "heading": arg or "Find care near you",
                    "text": sentence,
                    "finder": _page_pk(target, find_page),
                    "button_text": "Search",
                },
            )
        ]
    if name == "crisis":
        return [("crisis_help", {"heading": arg or "Need help now?"})]
    if name == "clinic":
        return [("clinic_details", {"heading": arg or "Contact the clinic"})]
    return None


def _directive(name, arg, lines, find_page):
    text = "\n".join(lines)
    home_blocks = _home_directive(name, arg, lines, find_page)
    if home_blocks is not None:
        return home_blocks
    if name == "callout":
        variant, _, title = arg.partition(" ")
        if variant not in {"info", "warning", "urgent"}:
            raise FixtureError(f"callout variant must be info, warning or urgent, not '{variant}'")
        return [
            (
                "callout",
                {"variant": variant, "title": title, "body": render_inline(text, find_page)},
            )
        ]
    if name == "faq":
        return [
            ("faq_item", {"question": q, "answer": render_inline(a, find_page)})
            for q, a in _subsections(lines)
        ]
    if name == "steps":
        steps = [{"title": t, "body": render_inline(b, find_page)} for t, b in _subsections(lines)]
        return [("steps", {"steps": steps})]
    if name == "keyfacts":
        facts = [line[2:].strip() for line in lines if line.startswith("- ")]
        return [("key_facts", {"title": arg or "Key facts", "facts": facts})]
    if name == "dodont":
        return [
            (
                "do_dont",
                {
                    "do_title": "Do",
                    "do_items": [line[2:].strip() for line in lines if line.startswith("+ ")],
                    "dont_title": "Don't",
                    "dont_items": [line[2:].strip() for line in lines if line.startswith("- ")],
                },
            )
        ]
    if name == "quote":
        attribution = ""
        if lines and lines[-1].startswith("-- "):
            attribution = lines[-1][3:].strip()
            lines = lines[:-1]
        return [("quote", {"quote": "\n".join(lines).strip(), "attribution": attribution})]
    if name == "table":
        return [("table", _table(lines, arg))]
    if name == "cta":
        target = text.strip()
        if target.startswith("page:"):
            page = find_page(target[5:])
            if page is None:
                raise FixtureError(f"call to action to unknown page slug '{target[5:]}'")
            return [("call_to_action", {"text": arg, "page": page.pk, "url": ""})]
        return [("call_to_action", {"text": arg, "page": None, "url": target})]
    raise FixtureError(f"unknown directive '::: {name}'")


def markdown_to_blocks(source: str, find_page: PageLookup) -> list[dict]:
    """Return BodyStreamBlock data in Wagtail's raw JSON form ({"type", "value"} dicts)."""
    blocks = []
    paragraph: list[str] = []

    def flush():
        text = "\n".join(paragraph).strip()
        if text:
            blocks.append(("paragraph", render_inline(text, find_page)))
        paragraph.clear()

    lines = source.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("## ") or line.startswith("### "):
            flush()
            level = "h2" if line.startswith("## ") else "h3"
            blocks.append(("heading", {"text": line.lstrip("#").strip(), "level": level}))
        elif line.startswith(":::"):
            flush()
            name, _, arg = line[3:].strip().partition(" ")
            body = []
            i += 1
            while i < len(lines) and lines[i].strip() != ":::":
                body.append(lines[i])
                i += 1
            if i == len(lines):
                raise FixtureError(f"'::: {name}' is never closed")
            blocks.extend(_directive(name, arg.strip(), body, find_page))
        else:
            paragraph.append(line)
        i += 1
    flush()
    return [{"type": kind, "value": value} for kind, value in blocks]


def split_front_matter(text: str) -> tuple[str, str]:
    if not text.startswith("---\n"):
        raise FixtureError("the file must start with YAML front matter between '---' lines")
    end = text.find("\n---\n", 4)
    if end == -1:
        raise FixtureError("the front matter is never closed with '---'")
    return text[4:end], text[end + 5 :]
