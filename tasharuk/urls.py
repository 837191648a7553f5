"""URL map: language-neutral endpoints first, then everything public under /en/ and /ar/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.sitemap import sitemap as open_sitemap
from community.urls import short_link_patterns as community_short_links
from users.wagtail_frontend import document_patterns

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(document_patterns)),  # page passwords rate limited
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("api.urls")),  # the open API (django-ninja), its schema and docs
    path("sitemap.xml", open_sitemap),  # both languages' pages
    path("", include(community_short_links)),  # /s/<code>: stable short links, no tracking
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# "/" has no prefix: LocaleMiddleware redirects it to /en/ or /ar/ by the browser's language.
urlpatterns += i18n_patterns(
    path("accounts/", include("users.urls")),  # allauth + 2FA + profile, before the catch-all
    path("", include("search.urls")),  # /en/search/, /ar/search/
    path("", include("library.urls")),  # publishers' and authors' pages
    path("", include("community.urls")),  # members: submit, rate, comment, collections, feedback
    path("", include("users.wagtail_frontend")),  # Wagtail's _util/ routes, under our rules
    path("", include("programs.urls")),  # training programs: enrol, answer, discuss, certificates
    path("", include("trainers.urls")),  # workshop planner, offline packs, pack signing key
    path(
        "", include("paths.urls")
    ),  # learning paths: ticking steps done  # workshop planner, offline packs, pack signing key
    path("", include("api.site_urls")),  # feeds, the embed builder and the widget
    path("", include("safety.urls")),  # members dismiss notices about tool warnings
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
