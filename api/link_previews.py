"""What a link to a page shows when it is pasted into a chat or a social network: Open Graph
and Twitter card metadata, and the share image of resource, category, program and collection
pages (drawn by api.share_images, served from this site).

Addresses are absolute and name settings.TASHARUK_SITE_URL (pages: their Wagtail Site, which
the demo loader points at the same address), never the host a request happened to use.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page

from home.templatetags.page_description import describe, site_description
from library import services as library_services
from library.models import CategoryPage, ResourcePage
from library.visibility import listed
from programs.models import ProgramPage

from . import members
from .share_images import HEIGHT, WIDTH, Card, can_draw, stored_image

# Open Graph names locales language_TERRITORY.
OG_LOCALES = {"en": "en_US", "ar": "ar_AR"}
# Share images are made for these pages only (by kind in the image's URL), when listed.
PAGE_KINDS = {"resource": ResourcePage, "category": CategoryPage, "program": ProgramPage}


def site_url(path):
    """`path` on the public address of the site."""
    return settings.TASHARUK_SITE_URL + path


def og_locale(language_code):
    return OG_LOCALES.get(language_code, language_code)


def shared_page(kind, pk):
    """The live, public page of `kind` with this id, or None."""
    model = PAGE_KINDS.get(kind)
    if model is None:
        return None
    return listed(model.objects.filter(pk=pk)).first()


def _kind_of(page):
    for kind, model in PAGE_KINDS.items():
        if isinstance(page, model):
            return kind
    return None


def page_card(page):
    """The share card of a resource, category or program page, in the page's own language."""
    kind = _kind_of(page)
    language = page.locale.language_code
    with override(language):
        if kind == "resource":
            categories = library_services.localized(page.categories.all().order_by("title"))
            line = " · ".join(category.title for category in categories[:2])
        elif kind == "category":
            line = _("Category")
        else:
            line = _("Training program")
        return Card(f"{kind}-{page.pk}", page.title, line, _("Tasharuk"), language)


def collection_card(collection, language):
    """The share card of a public collection, in the reader's language."""
    with override(language):
        return Card(
            f"collection-{collection.pk}-{language}",
            collection.name,
            _("Member collection"),
            _("Tasharuk"),
            language,
        )


def image_url(kind, pk, card, language):
    """Absolute address of the card's image (its hash in the name: a new title, a new URL)."""
    with override(language):
        path = reverse("api_share_image", args=[kind, pk, card.digest()])
    return site_url(path)


def _shared_collection(request):
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "community_collection":
        return None
    return members.public_collection(match.kwargs["pk"])


def metadata(context):
    """[(attribute, name, content)] of the <meta> tags describing the page being shown: a
    Wagtail `page`, a public collection, or a view that gives `preview_title` (and
    `preview_description`) in its context; any other view is described as the site."""
    page, request = context.get("page"), context["request"]
    language = get_language()
    image = None
    collection = _shared_collection(request)
    if isinstance(page, Page):
        page = page.specific
        title = page.seo_title or page.title
        description = describe(page)
        url = page.get_full_url(request)
        alternates = [
            translation.locale.language_code
            for translation in page.get_translations().live().select_related("locale")
        ]
        kind = _kind_of(page)
        # A page behind a view restriction (seen by those allowed) gets no image: the image
        # address would tell others its title, and it is refused to them anyway.
        if kind and shared_page(kind, page.pk) is not None:
            card = page_card(page)
            if can_draw(card):
                image = (image_url(kind, page.pk, card, language), card.title)
    else:
        title = context.get("preview_title") or _("Tasharuk")
        description = context.get("preview_description") or site_description()
        url = site_url(request.path)
        alternates = [code for code, _name in settings.LANGUAGES if code != language]
        if collection is not None:
            title = collection.name
            description = collection.description[:300] or description
            card = collection_card(collection, language)
            if can_draw(card):
                image = (image_url("collection", collection.pk, card, language), card.title)
    tags = [
        ("property", "og:site_name", _("Tasharuk")),
        ("property", "og:type", "article" if isinstance(page, ResourcePage) else "website"),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:locale", og_locale(language)),
        *(("property", "og:locale:alternate", og_locale(code)) for code in alternates),
        ("name", "twitter:card", "summary_large_image" if image else "summary"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
    ]
    if image:
        image_address, alt = image
        tags += [
            ("property", "og:image", image_address),
            ("property", "og:image:type", "image/png"),
            ("property", "og:image:width", str(WIDTH)),
            ("property", "og:image:height", str(HEIGHT)),
            ("property", "og:image:alt", alt),
            ("name", "twitter:image", image_address),
        ]
    return tags


@require_GET
def share_image(request, kind, pk, digest):
    """The PNG of a page's share card, drawn the first time and stored. An old hash (the title
    changed since the link was shared) redirects to the current image."""
    language = get_language()
    if kind == "collection":
        collection = members.public_collection(pk) if 0 < pk < 10**12 else None
        card = collection_card(collection, language) if collection else None
    else:
        page = shared_page(kind, pk) if 0 < pk < 10**12 else None
        card = page_card(page.specific) if page else None
    if card is None or not can_draw(card):
        raise Http404
    if digest != card.digest():
        return redirect(reverse("api_share_image", args=[kind, pk, card.digest()]))
    response = HttpResponse(stored_image(card), content_type="image/png")
    # The hash in the address changes with the content, so the image itself never does.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
