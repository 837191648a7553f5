"""What a resource page does with its session metadata (library.session_metadata): the rule on
prerequisites and the labels templates and the API show. The fields themselves are declared on
ResourcePage with the others, so its panels and translatable fields read in one place."""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .. import services, session_metadata
from ..visibility import listed_ids


class SessionMetadataMixin:
    """Mixed into ResourcePage (a plain class: it adds no fields)."""

    def clean_prerequisites(self):
        """A resource cannot be its own prerequisite, in any of its languages."""
        for block in self.prerequisites:
            other = block.value
            if other is None:
                continue
            if other.pk == self.pk or (
                self.translation_key and other.translation_key == self.translation_key
            ):
                raise ValidationError(
                    {"prerequisites": _("A resource cannot be its own prerequisite.")}
                )

    @cached_property
    def listed_prerequisites(self):
        """The prerequisites the public may see (library.visibility), in the editor's order and
        in the active language; unpublished or restricted ones are left out."""
        chosen = [block.value for block in self.prerequisites if block.value]
        pages = services.localized(chosen)
        shown = listed_ids(pages)
        return [page for page in pages if page.pk in shown]

    @property
    def level_label(self):
        return session_metadata.level_label(self.level) if self.level else ""

    @property
    def audience_labels(self):
        return [session_metadata.audience_label(code) for code in self.audience]

    @property
    def time_label(self):
        return session_metadata.duration_text(self.time_minutes) if self.time_minutes else ""
