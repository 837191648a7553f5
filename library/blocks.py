"""StreamField blocks for a resource's repeatable structured metadata and its body text."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from .vocabularies import format_choices, language_choices

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class EditionBlock(blocks.StructBlock):
    """One edition of the work: the same resource in another language or format."""

    language = blocks.ChoiceBlock(choices=language_choices, label=_("Language"))
    url = blocks.URLBlock(label=_("URL"))
    media_format = blocks.ChoiceBlock(choices=format_choices, required=False, label=_("Format"))
    title = blocks.CharBlock(required=False, max_length=255, label=_("Title of this edition"))

    class Meta:
        icon = "globe"
        template = "library/blocks/edition.html"
        label = _("Edition")
        description = _("The same work in another language or format, shown side by side.")
        preview_value = {
            "language": "ar",
            "url": "https://example.org/ar/",
            "media_format": "guide",
        }


CONTRIBUTOR_ROLES = {
    "author": _("Author"),
    "editor": _("Editor"),
    "translator": _("Translator"),
    "illustrator": _("Illustrator"),
    "producer": _("Producer"),
    "funder": _("Funder"),
}


class ContributorBlock(blocks.StructBlock):
    """A person or organisation that made the work, with their role."""

    name = blocks.CharBlock(max_length=255, label=_("Name"))
    role = blocks.ChoiceBlock(
        choices=list(CONTRIBUTOR_ROLES.items()),
        default="author",
        label=_("Role"),
    )

    class Meta:
        icon = "user"
        template = "library/blocks/contributor.html"
        label = _("Contributor")
        description = _("Someone who wrote, edited, translated or funded the work.")
        preview_value = {"name": "Tactical Tech", "role": "author"}


class RelatedLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=255, label=_("Title"))
    url = blocks.URLBlock(label=_("URL"))

    class Meta:
        icon = "link"
        template = "library/blocks/related_link.html"
        label = _("Related link")
        description = _("A page that helps readers of this resource.")
        preview_value = {"title": "Companion videos", "url": "https://example.org/videos/"}


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(required=False, max_length=255, label=_("Title"))

    class Meta:
        icon = "doc-full"
        template = "library/blocks/attachment.html"
        label = _("Attachment")
        description = _("A file kept on Tasharuk, such as a handout or worksheet.")


class ResourceDetailsBlock(blocks.StreamBlock):
    """The one stream used by ResourcePage for everything repeatable."""

    text = blocks.RichTextBlock(
        features=TEXT_FEATURES,
        label=_("Text"),
        icon="pilcrow",
        template="library/blocks/text.html",
    )
    edition = EditionBlock()
    contributor = ContributorBlock()
    related_link = RelatedLinkBlock()
    attachment = AttachmentBlock()
