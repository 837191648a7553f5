"""Which resource page a URL on this site names (for oEmbed): host checked, path routed."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from wagtail.models import Locale, Site

from library.models import ResourcePage
from library.visibility import is_listed

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def our_hosts(request):
    """The host names this site answers to: the request's, Wagtail's sites' and the base URL's."""
    hosts = {request.get_host().lower()}
    for hostname, port in Site.objects.values_list("hostname", "port"):
        hosts.add(hostname.lower())
        hosts.add(f"{hostname.lower()}:{port}")
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if base.netloc:
        hosts.add(base.netloc.lower())
    return hosts


def resource_page_for_url(request, url):
    """The listed ResourcePage at `url` (an address on this site), or None."""
    if not url or len(url) > 2000:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc.lower() not in our_hosts(request):
        return None
    components = [part for part in parts.path.split("/") if part]
    if not components or components[0] not in LANGUAGE_CODES:
        return None
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    locale = Locale.objects.filter(language_code=components[0]).first()
    root = site.root_page.get_translation_or_none(locale) if site and locale else None
    if root is None:
        return None
    try:
        page, _args, _kwargs = root.specific.route(request, components[1:])
    except Http404:
        return None
    page = page.specific
    # Listed, not merely live: a page behind a view restriction is nobody's to unfurl.
    return page if isinstance(page, ResourcePage) and is_listed(page) else None
