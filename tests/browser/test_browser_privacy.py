"""What a signed-out reader's browser does on every public page type, in both languages: it
asks nothing of any host but Tasharuk (pages, frames, scripts, styles, fonts, images), and it
is given no cookie at all, except the CSRF cookie on pages that hold a form to post; and the
browser refuses nothing the page asks for (no Content-Security-Policy violation, no script error).

A session cookie for an anonymous reader would tie their visits together on the server;
a request to another host would tell that host who reads what."""

import pytest

from community import shortlinks
from community.models import Collection, CollectionItem
from programs.models import ProgramIndexPage
from tests.programs.conftest import build_program, make_member

from . import steps

pytestmark = [pytest.mark.browser, pytest.mark.engine, pytest.mark.django_db(transaction=True)]

CSRF_COOKIE = "csrftoken"


def public_pages():
    """{locale: [(name, path)]}: one page of every public type in each language, built for
    the test where needed (short links follow the reader's language)."""
    manual, _workbook = steps.publish_library()
    owner = make_member("collector")
    collection = Collection.objects.create(owner=owner, name="Travel kit", is_public=True)
    CollectionItem.objects.create(
        collection=collection, translation_key=manual.english.translation_key
    )
    program = build_program(weeks=1, arabic=True)
    resource_code = shortlinks.resource_short_link(manual.english.translation_key).code
    collection_code = shortlinks.collection_short_link(collection).code
    return {
        locale: pages_in(locale, manual, program, collection, resource_code, collection_code)
        for locale in ("ar", "en")
    }


def pages_in(locale, manual, program, collection, resource_code, collection_code):
    programs_index = ProgramIndexPage.objects.get(locale__language_code=locale)
    return [
        ("home", f"/{locale}/"),
        ("library index", f"/{locale}/library/"),
        ("category index", f"/{locale}/categories/"),
        ("category page", f"/{locale}/categories/digital-security/"),
        ("resource page", manual.url_in(locale)),
        ("search results", f"/{locale}/search/?q={steps.QUERY[locale]}"),
        ("search with filters", f"/{locale}/search/?q={steps.QUERY[locale]}&format=manual"),
        ("search with no results", f"/{locale}/search/?q=zzqqxxnothing"),
        ("standard page (about)", f"/{locale}/about/"),
        ("standard page (privacy)", f"/{locale}/privacy/"),
        ("guide page", f"/{locale}/how-to-use/"),
        ("programs index", programs_index.url),
        ("program page", steps.translation_of(program, locale).url),
        ("public collection", f"/{locale}/collections/{collection.pk}/"),
        ("short link to a resource", f"/s/{resource_code}"),
        ("short link to a collection", f"/s/{collection_code}"),
        ("feedback", f"/{locale}/feedback/"),
        ("sign in", f"/{locale}/accounts/login/"),
        ("sign up", f"/{locale}/accounts/signup/"),
    ]


def test_signed_out_readers_browser_talks_only_to_tasharuk_and_keeps_no_session(
    live_site, live_search, new_context, screenshot
):
    base = live_site.url
    problems = []
    for locale, pages in public_pages().items():
        context = new_context(1280, locale=locale)
        outside = steps.record_outside_requests(context, base)
        script_errors = steps.record_script_errors(context)
        page = context.new_page()
        for name, path in pages:
            context.clear_cookies()
            where = f"{locale} {name} ({path})"
            response = page.goto(f"{base}{path}", wait_until="networkidle")
            if response is None or response.status != 200:
                problems.append(f"{where}: answered {response and response.status}")
                continue
            if page.evaluate("document.documentElement.lang") != locale:
                problems.append(f"{where}: not in {locale}")
            posts = page.locator("form[method=post i]").count()
            cookies = sorted(cookie["name"] for cookie in context.cookies())
            allowed = [CSRF_COOKIE] if posts else []
            if cookies != allowed:
                problems.append(
                    f"{where}: cookies {cookies}, expected {allowed} ({posts} form(s) that post)"
                )
            if outside:
                problems.append(f"{where}: requests to other hosts {outside}")
                outside.clear()
            if script_errors:  # a refused script or style is a broken CSP promise
                problems.append(f"{where}: browser errors {script_errors}")
                script_errors.clear()
            screenshot(page, f"{locale}-{name}")
        context.close()
    assert problems == []
