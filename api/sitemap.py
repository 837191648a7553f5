"""sitemap.xml with both languages: Wagtail's sitemap lists one site root's tree, and each
locale has its own root (the HomePage translations), so every translation's tree is listed."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from library.visibility import listed


class BilingualSitemap(Sitemap):
    def items(self):
        from wagtail.models import Page

        root = self.get_wagtail_site().root_page
        roots = [root, *root.get_translations()]
        in_trees = Q()
        for tree in roots:
            in_trees |= Q(path__startswith=tree.path, depth__gte=tree.depth)
        return (
            listed(Page.objects.filter(in_trees)).order_by("path").defer_streamfields().specific()
        )


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": BilingualSitemap(request)})
