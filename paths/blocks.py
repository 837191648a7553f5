"""The one block of a learning path: a library resource and the curator's note on it."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class PathStepBlock(blocks.StructBlock):
    """One step: a resource to read or use, and why or how (translated with the path).

    The block's id names the step for members' progress: wagtail-localize keeps block ids in
    translations, so a step ticked in Arabic is ticked in English too."""

    resource = blocks.PageChooserBlock(page_type="library.ResourcePage", label=_("Resource"))
    note = blocks.TextBlock(
        required=False,
        label=_("Note"),
        help_text=_("Why this step matters, or what to do with the resource."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")
        description = _("A library resource, in the order learners should take it, with a note.")
        preview_value = {"note": "Start with threat modelling."}
