"""Admin menu entries of the curation tools."""

from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    """A menu entry shown only to holders of one permission."""

    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)
