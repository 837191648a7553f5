"""Compressed text responses and the anonymous page cache (tasharuk/public_responses.py): what
signed-out visitors share, members never get, and how fast a change shows."""

import gzip
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import Client, RequestFactory

from community.models import FeedbackMessage
from library.models import ResourcePage
from tasharuk.public_responses import TextCompressionMiddleware, public_page_cache
from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The cache as production has it, empty before and after each test."""
    settings.TASHARUK_PUBLIC_CACHE = {**settings.TASHARUK_PUBLIC_CACHE, "SECONDS": 30}
    public_page_cache().clear()
    yield
    public_page_cache().clear()


@pytest.fixture
def resource(db):
    return ResourcePageFactory(title="Protecting sources", slug="protecting-sources")


@pytest.fixture
def member(db):
    return get_user_model().objects.create_user(
        username="night-owl", password="a long passphrase 42"
    )


def text_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser").get_text(" ")


def change_title_quietly(page, title):
    """Change the stored title without publishing (no signal), as another process would."""
    ResourcePage.objects.filter(pk=page.pk).update(title=title)


def test_signed_out_visitors_share_a_page_until_it_is_published_again(resource):
    first, second = Client(), Client()
    assert "Protecting sources" in text_of(first.get(resource.url))
    change_title_quietly(resource, "Renamed without publishing")
    # The second visitor gets the page rendered for the first: it was reused.
    assert "Protecting sources" in text_of(second.get(resource.url))

    page = ResourcePage.objects.get(pk=resource.pk)
    page.title = "Protecting sources, second edition"
    page.save_revision().publish()
    assert "Protecting sources, second edition" in text_of(second.get(resource.url))


def test_an_unpublished_resource_is_gone_for_the_next_visitor(resource):
    Client().get(resource.url)
    ResourcePage.objects.get(pk=resource.pk).unpublish()
    assert Client().get(resource.url).status_code == 404


def test_a_member_never_receives_the_page_cached_for_signed_out_visitors(resource, member):
    anonymous = Client().get(resource.url)
    assert "Sign In" in text_of(anonymous)
    signed_in = Client()
    signed_in.force_login(member)
    page = text_of(signed_in.get(resource.url))
    assert "Sign Out" in page and "My library" in page
    assert "Sign In" not in page
    # The rating form is the member's own, with a CSRF token for their session.
    assert signed_in.get(resource.url).content.count(b"csrfmiddlewaretoken") >= 1


def test_a_signed_out_visitor_never_receives_a_members_page(resource, member):
    signed_in = Client()
    signed_in.force_login(member)
    signed_in.post(f"/en/r/{resource.translation_key}/comment/", {"body": "Owl comment"})
    assert "Sign Out" in text_of(signed_in.get(resource.url))
    for visitor in (Client(), Client()):
        page = visitor.get(resource.url)
        assert "Sign In" in text_of(page)
        assert b"Sign Out" not in page.content and b"csrfmiddlewaretoken" not in page.content
        assert b"My library" not in page.content


def test_a_rating_shows_to_signed_out_visitors_at_once(resource, member):
    visitor = Client()
    assert "Not rated yet" in text_of(visitor.get(resource.url))
    signed_in = Client()
    signed_in.force_login(member)
    signed_in.post(f"/en/r/{resource.translation_key}/rate/", {"stars": "4"})
    assert "4.0 out of 5 (1 rating)" in text_of(visitor.get(resource.url))


def test_a_visitor_with_a_session_or_messages_gets_a_fresh_page(resource):
    Client().get(resource.url)
    change_title_quietly(resource, "Fresh title")
    with_messages = Client()
    with_messages.cookies["messages"] = "anything"
    assert "Fresh title" in text_of(with_messages.get(resource.url))
    with_session = Client()
    with_session.cookies["sessionid"] = "unknown-session"
    assert "Fresh title" in text_of(with_session.get(resource.url))
    other_parameters = Client().get(resource.url, {"utm_source": "x"})
    assert "Fresh title" in text_of(other_parameters)


def test_cached_pages_vary_on_cookie_and_language(resource):
    Client().get(resource.url)
    cached = Client().get(resource.url)
    vary = {value.strip() for value in cached["Vary"].split(",")}
    assert {"Cookie", "Accept-Language"} <= vary
    # The Arabic address is another page, never the English one.
    assert Client().get("/ar/").content != Client().get("/en/").content


def csrf_token(response):
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.content)[1].decode()


def test_the_feedback_forms_token_works_for_two_signed_out_visitors(resource):
    first = Client(enforce_csrf_checks=True)
    second = Client(enforce_csrf_checks=True)
    for visitor in (first, second):
        visitor.get(resource.url)  # a cached page first: it must not hand out a token
        assert visitor.cookies.get("csrftoken") is None
    first_form, second_form = first.get("/en/feedback/"), second.get("/en/feedback/")
    first_token, second_token = csrf_token(first_form), csrf_token(second_form)
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    # Each visitor's own token is accepted; the other's is refused.
    refused = second.post("/en/feedback/", {"message": "x", "csrfmiddlewaretoken": first_token})
    assert refused.status_code == 403
    for visitor, token in ((first, first_token), (second, second_token)):
        sent = visitor.post("/en/feedback/", {"message": "Works", "csrfmiddlewaretoken": token})
        assert sent.status_code == 302
    assert FeedbackMessage.objects.filter(message="Works").count() == 2


def test_a_password_protected_page_is_never_shared(resource):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=resource, restriction_type="password", password="pw")
    first, second = Client(), Client()
    first_form, second_form = first.get(resource.url), second.get(resource.url)
    assert csrf_token(first_form) != csrf_token(second_form)
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def test_html_is_compressed_for_browsers_that_accept_it(resource):
    plain = Client().get(resource.url)
    sizes = set()
    for _ in range(5):
        compressed = Client().get(resource.url, headers={"Accept-Encoding": "gzip, br"})
        assert compressed["Content-Encoding"] == "gzip"
        assert gzip.decompress(compressed.content) == plain.content
        sizes.add(len(compressed.content))
    # Random padding in every response's gzip header (BREACH): the same page, other lengths.
    assert len(sizes) > 1
    assert len(compressed.content) < len(plain.content) / 2


def test_images_and_pdfs_are_sent_as_they_are():
    request = RequestFactory().get("/", headers={"Accept-Encoding": "gzip"})
    middleware = TextCompressionMiddleware(lambda request: None)
    for content_type in ("image/png", "application/pdf", "application/zip"):
        response = HttpResponse(b"\0" * 2000, content_type=content_type)
        assert not middleware.process_response(request, response).has_header("Content-Encoding")
    for content_type in ("text/css", "application/json", "application/rss+xml"):
        response = HttpResponse(b"a" * 2000, content_type=content_type)
        assert middleware.process_response(request, response)["Content-Encoding"] == "gzip"
