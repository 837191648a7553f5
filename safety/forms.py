"""The curators' form for setting a status: it records who set it."""

from wagtail.admin.forms import WagtailAdminModelForm


class ToolStatusForm(WagtailAdminModelForm):
    """Sets `set_by` to the curator saving the form (never chosen in the form)."""

    def save(self, commit=True):
        if self.for_user is not None and self.instance.set_by_id is None:
            self.instance.set_by = self.for_user
        return super().save(commit=commit)
