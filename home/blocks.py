"""StreamField blocks for standard pages and the "How to use Tasharuk" guide."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from library.blocks import TEXT_FEATURES


class StepBlock(blocks.StructBlock):
    """One step of the "How to use Tasharuk" guide."""

    icon = blocks.ChoiceBlock(
        choices=[
            ("signup", _("Sign up")),
            ("search", _("Search")),
            ("add", _("Add")),
            ("collect", _("Collect")),
            ("share", _("Share")),
            ("rate", _("Rate")),
        ],
        label=_("Icon"),
    )
    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    text = blocks.RichTextBlock(features=TEXT_FEATURES, label=_("Text"))

    class Meta:
        icon = "list-ol"
        template = "home/blocks/step.html"
        label = _("Step")
        description = _("A numbered step with an icon.")
        preview_value = {"icon": "search", "heading": "Search", "text": "<p>Type a word.</p>"}


class StandardStreamBlock(blocks.StreamBlock):
    """Body of standard pages (about, privacy, terms)."""

    heading = blocks.CharBlock(
        max_length=120, label=_("Heading"), icon="title", template="home/blocks/heading.html"
    )
    text = blocks.RichTextBlock(
        features=TEXT_FEATURES, label=_("Text"), icon="pilcrow", template="library/blocks/text.html"
    )
