"""The block library shared by every page type that has a body.

Modelled on NHS.UK's health content components. Every block has an icon, a template in
templates/blocks/, a description and a preview value for the editor's block picker.
"""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .citations import EVIDENCE_LEVELS, KEY_PATTERN, MARKER_RE, duplicate_keys

# "citation" is the reference marker (content.core.citations), registered in wagtail_hooks.py.
INLINE_FEATURES = ["bold", "italic", "link", "citation"]
PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "citation"]


def heading_anchor(text: str) -> str:
    """The id a heading renders with (and the "On this page" link to it). A citation marker in
    a heading (e.g. a glossary term) is not part of its address."""
    return slugify(MARKER_RE.sub("", text or ""))[:60]


def section_headings(stream_value) -> list[dict]:
    """The main (h2) headings of a body, in order, as {"text", "anchor"}; read from the raw
    data, so no block is converted (a body that is not rendered costs no query)."""
    return [
        {
            "text": MARKER_RE.sub("", item["value"]["text"]).strip(),
            "anchor": heading_anchor(item["value"]["text"]),
        }
        for item in stream_value.raw_data
        if item.get("type") == "heading" and (item["value"].get("level") or "h2") == "h2"
    ]


class HeadingValue(blocks.StructValue):
    def anchor(self):
        return heading_anchor(self.get("text", ""))


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading (h2)"), ("h3", "Sub-heading (h3)")],
        default="h2",
        required=False,
        help_text="Use h2 for main sections and h3 inside them.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        value_class = HeadingValue
        description = "A section heading. Phrase it as the question it answers."
        preview_value = {"text": "What happens during a session?", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        description = "Body text: short sentences, written to 'you'."
        preview_value = "<p>Most people feel the effects for about an hour.</p>"


class CalloutBlock(blocks.StructBlock):
    variant = blocks.ChoiceBlock(
        choices=[
            ("info", "Information"),
            ("warning", "Important"),
            ("urgent", "Urgent: get help now"),
        ],
        default="info",
    )
    title = blocks.CharBlock(max_length=120)
    body = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        description = "A highlighted box: information, an important warning, or urgent help."
        preview_value = {
            "variant": "warning",
            "title": "Do not drive after a session",
            "body": "<p>Plan a ride home. Wait until the next day to drive.</p>",
        }


class DoDontBlock(blocks.StructBlock):
    do_title = blocks.CharBlock(default="Do", max_length=80)
    do_items = blocks.ListBlock(blocks.CharBlock(max_length=240), min_num=1)
    dont_title = blocks.CharBlock(default="Don't", max_length=80)
    dont_items = blocks.ListBlock(blocks.CharBlock(max_length=240), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/do_dont_block.html"
        description = "Two short lists: what to do and what not to do."
        preview_value = {
            "do_title": "Do",
            "do_items": ["arrange a ride home"],
            "dont_title": "Don't",
            "dont_items": ["drive until the next day"],
        }


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    body = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)


class StepsBlock(blocks.StructBlock):
    steps = blocks.ListBlock(StepBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "blocks/steps_block.html"
        description = "Numbered steps, in the order they happen."
        preview_value = {
            "steps": [
                {"title": "Assessment", "body": "<p>You meet the team.</p>"},
                {"title": "Dosing session", "body": "<p>You rest while staff watch over you.</p>"},
            ]
        }


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "help"
        template = "blocks/faq_item_block.html"
        description = "A question that opens to show its answer."
        preview_value = {
            "question": "Is ketamine approved for depression?",
            "answer": "<p>One form, esketamine nasal spray, is approved.</p>",
        }


class KeyFactsBlock(blocks.StructBlock):
    title = blocks.CharBlock(default="Key facts", max_length=80)
    facts = blocks.ListBlock(blocks.CharBlock(max_length=240), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/key_facts_block.html"
        description = "A short list of the most important facts."
        preview_value = {
            "title": "Key facts",
            "facts": ["Ketamine has been used in surgery since 1970."],
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe what the image shows for people who cannot see it.",
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text="Tick only if the image adds no information (screen readers will skip it).",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        "Add alt text, or tick 'decorative' if the image adds no information."
                    )
                }
            )
        return value

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        description = "An image with alt text and an optional caption."


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = "A short quote with who said it."
        preview_value = {"quote": "Ask every question you have.", "attribution": "A clinician"}


class CallToActionValue(blocks.StructValue):
    def href(self):
        page = self.get("page")
        if page:
            return page.url
        return self.get("url")


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=80, help_text="What the link does, e.g. 'Find a provider'.")
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = "Choose a page or enter a web address, but not both."
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"
        value_class = CallToActionValue
        description = "A prominent link to the next step."
        preview_value = {"text": "Find a provider", "url": "https://example.org/providers/"}


REFERENCE_KINDS = [
    ("fda", "FDA label, safety communication or guidance"),
    ("guideline", "Clinical guideline or consensus statement"),
    ("paper", "Peer-reviewed paper"),
    ("official", "Official public-health source"),
    ("other", "Other source"),
]
PRIMARY_REFERENCE_KINDS = {"fda", "guideline", "paper"}


class ReferenceValue(blocks.StructValue):
    def evidence_label(self):
        return dict(EVIDENCE_LEVELS).get(self.get("evidence"), "")

    def is_primary(self):
        return self.get("kind") in PRIMARY_REFERENCE_KINDS

    def link(self):
        if self.get("doi"):
            return f"https://doi.org/{self['doi']}"
        if self.get("pmid"):
            return f"https://pubmed.ncbi.nlm.nih.gov/{self['pmid']}/"
        return self.get("url") or ""


class ReferenceBlock(blocks.StructBlock):
    key = blocks.RegexBlock(
        regex=rf"^{KEY_PATTERN}$",
        max_length=60,
        help_text=(
            "A short name for this source, unique on the page, e.g. spravato-label-2025. "
            "Cite it in the text by typing [^spravato-label-2025] after the claim, or with the "
            "editor's reference marker button."
        ),
        error_messages={
            "invalid": "Use lowercase letters, numbers and hyphens, e.g. spravato-label-2025."
        },
    )
    title = blocks.CharBlock(max_length=300)
    source = blocks.CharBlock(max_length=200, help_text="Journal, agency or organization.")
    year = blocks.IntegerBlock(min_value=1950, max_value=2100)
    kind = blocks.ChoiceBlock(choices=REFERENCE_KINDS, default="paper")
    evidence = blocks.ChoiceBlock(
        choices=EVIDENCE_LEVELS,
        help_text="What kind of evidence this is; readers see it next to the reference.",
    )
    url = blocks.URLBlock(required=False)
    doi = blocks.RegexBlock(
        regex=r"^10\.\d{4,9}/\S+$",
        required=False,
        error_messages={"invalid": "A DOI looks like 10.1176/appi.ajp.2018.17060720."},
    )
    pmid = blocks.RegexBlock(
        regex=r"^\d{1,9}$",
        required=False,
        error_messages={"invalid": "A PubMed ID is a number, e.g. 29945463."},
    )

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("url") or value.get("doi") or value.get("pmid")):
            message = "Give a web address, a DOI or a PubMed ID so readers can find the source."
            raise StructBlockValidationError(block_errors={"url": ValidationError(message)})
        return value

    class Meta:
        icon = "doc-full"
        template = "blocks/reference_block.html"
        value_class = ReferenceValue
        description = "A source: title, publisher, year and a DOI, PubMed ID or web address."
        preview_value = {
            "key": "spravato-approval-2019",
            "evidence": "regulator",
            "title": "FDA approves new nasal spray medication for treatment-resistant depression",
            "source": "US Food and Drug Administration",
            "year": 2019,
            "kind": "fda",
            "url": "https://www.fda.gov/",
        }


class ReferencesBlock(blocks.StreamBlock):
    reference = ReferenceBlock()

    def clean(self, value):
        value = super().clean(value)
        duplicates = set(duplicate_keys(child.value.get("key") for child in value))
        errors = {
            index: StructBlockValidationError(
                block_errors={
                    "key": ValidationError(
                        f"Another reference on this page already uses the key "
                        f"'{child.value.get('key')}'. Give each reference its own key."
                    )
                }
            )
            for index, child in enumerate(value)
            if child.value.get("key") in duplicates
        }
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "doc-full"


TEXT = "Text"
HEALTH = "Health information"
MEDIA = "Media"
LINKS = "Links"


class BodyStreamBlock(blocks.StreamBlock):
    """The one body block set used by every content page type."""

    # Labels and groups are what editors see in the block picker (Text, Health information,
    # Media, Links); the field names stay as they are because stored pages use them.
    heading = HeadingBlock(label="Heading", group=TEXT)
    paragraph = ParagraphBlock(label="Paragraph", group=TEXT)
    quote = QuoteBlock(label="Quote", group=TEXT)
    table = TableBlock(
        label="Table",
        group=TEXT,
        template="blocks/table_block.html",
        icon="table",
        description="A simple comparison table with a header row.",
        preview_value={
            "first_row_is_table_header": True,
            "data": [["Option", "How it is given"], ["Esketamine", "Nasal spray"]],
        },
    )
    callout = CalloutBlock(label="Callout", group=HEALTH)
    do_dont = DoDontBlock(label="Do and don't list", group=HEALTH)
    steps = StepsBlock(label="Numbered steps", group=HEALTH)
    faq_item = FAQItemBlock(label="Question and answer", group=HEALTH)
    key_facts = KeyFactsBlock(label="Key facts", group=HEALTH)
    # A dated Fact snippet (FDA status, crisis numbers, prices) kept current in one place;
    # pages using a fact past its recheck date appear in the "Content due for review" report.
    fact = SnippetChooserBlock(
        "core.Fact",
        label="Dated fact",
        group=HEALTH,
        icon="calendar-check",
        template="blocks/fact_block.html",
        description="A fact that changes over time (kept in Snippets with its source and dates).",
    )
    image = ImageBlock(label="Image", group=MEDIA)
    call_to_action = CallToActionBlock(label="Call to action", group=LINKS)

    class Meta:
        template = "blocks/body_stream_block.html"
