"""The sections an editor arranges on the home page (``HomePage.body``).

Each section is a block with its own template in templates/blocks/home/. The topics and the
"Find care" panel point at pages chosen in the editor (the Learn page, the provider finder);
core reads those pages through their public attributes only (``topic_groups``), never by
importing their apps.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .blocks import CalloutBlock, CallToActionBlock, HeadingBlock, ParagraphBlock

SECTIONS = "Home page sections"
TEXT = "Text"

# The finder's query parameter for "ZIP code or city" (content/providers/forms.py).
FINDER_LOCATION_PARAM = "location"


class LeadBlock(blocks.TextBlock):
    """The first words a visitor reads: plain text, no links, reading grade 6 or below."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/home/lead_block.html"
        description = "One or two short sentences under the page title. Aim for reading grade 6."
        preview_value = "KAP uses a small, closely watched dose of ketamine with talk therapy."


class StartHereCardBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=80, help_text="The question, e.g. 'Is it safe?'")
    text = blocks.CharBlock(max_length=160, help_text="One short sentence about the answer.")
    page = blocks.PageChooserBlock(help_text="The page that answers the question.")


class StartHereBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Start here", max_length=80)
    cards = blocks.ListBlock(StartHereCardBlock(), min_num=1, max_num=6)

    class Meta:
        icon = "help"
        template = "blocks/home/start_here_block.html"
        description = "Cards for the first questions people ask, each linking to its answer."
        preview_value = {
            "heading": "Start here",
            "cards": [
                {"question": "What is KAP?", "text": "How ketamine and talk therapy work together."}
            ],
        }


class TopicsValue(blocks.StructValue):
    def topic_groups(self):
        """[{"topic": ..., "articles": [...]}] from the chosen page (one query)."""
        page = self.get("index")
        if page is None:
            return []
        groups = getattr(page.specific_deferred, "topic_groups", None)
        return groups() if callable(groups) else []


class TopicsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Learn by topic", max_length=80)
    index = blocks.PageChooserBlock(
        label="Articles from",
        help_text="Choose the 'Learn about KAP' page: its topics and articles are listed.",
    )

    def clean(self, value):
        value = super().clean(value)
        index = value.get("index")
        if index is not None and not callable(
            getattr(index.specific_deferred, "topic_groups", None)
        ):
            raise StructBlockValidationError(
                block_errors={
                    "index": ValidationError("Choose the page that lists the articles by topic.")
                }
            )
        return value

    class Meta:
        icon = "folder-open-inverse"
        template = "blocks/home/topics_block.html"
        value_class = TopicsValue
        description = "Every topic with links to its articles (kept up to date on its own)."
        preview_value = {"heading": "Learn by topic"}


class FindCareValue(blocks.StructValue):
    def location_param(self):
        return FINDER_LOCATION_PARAM


class FindCareBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Find care near you", max_length=80)
    text = blocks.CharBlock(
        max_length=200,
        required=False,
        help_text="One short sentence above the search box.",
    )
    finder = blocks.PageChooserBlock(
        label="Provider finder",
        help_text="The 'Find a provider' page: the ZIP code search opens its results.",
    )
    button_text = blocks.CharBlock(default="Search", max_length=40)

    class Meta:
        icon = "search"
        template = "blocks/home/find_care_block.html"
        value_class = FindCareValue
        description = "A ZIP code or city search that opens the provider finder's results."
        preview_value = {
            "heading": "Find care near you",
            "text": "Search for clinics near you or care by video.",
            "button_text": "Search",
        }


class CrisisHelpBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Need help now?", max_length=80)

    class Meta:
        icon = "warning"
        template = "blocks/home/crisis_help_block.html"
        description = "The crisis numbers (988 and 911), in the site's reviewed wording."
        preview_value = {"heading": "Need help now?"}


class ClinicDetailsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Contact the clinic", max_length=80)

    class Meta:
        icon = "home"
        template = "blocks/home/clinic_details_block.html"
        description = "The clinic's address, phone, email and hours (from Clinic settings)."
        preview_value = {"heading": "Contact the clinic"}


class HomeStreamBlock(blocks.StreamBlock):
    """The home page: sections in the order the editor puts them."""

    lead = LeadBlock(label="Lead", group=SECTIONS)
    start_here = StartHereBlock(label="Start here cards", group=SECTIONS)
    topics = TopicsBlock(label="Topics and their articles", group=SECTIONS)
    find_care = FindCareBlock(label="Find care (ZIP search)", group=SECTIONS)
    crisis_help = CrisisHelpBlock(label="Crisis help", group=SECTIONS)
    clinic_details = ClinicDetailsBlock(label="Clinic details", group=SECTIONS)
    heading = HeadingBlock(label="Heading", group=TEXT)
    paragraph = ParagraphBlock(label="Paragraph", group=TEXT)
    callout = CalloutBlock(label="Callout", group=TEXT)
    call_to_action = CallToActionBlock(label="Call to action", group=TEXT)

    class Meta:
        template = "blocks/body_stream_block.html"
