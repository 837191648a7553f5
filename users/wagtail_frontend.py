"""Wagtail's own front-end account routes, brought under the site's rules: the login for
private pages is the site's allauth login (its rate limits and second factor), and the shared
password of a password-protected page cannot be guessed without limit."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import urlencode
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as document_views

from tasharuk.ratelimit import rate_limited


def private_page_login(request):
    """`_util/login/` only sends the visitor to the site's login, keeping where they were going;
    it never authenticates anyone itself (whatever the method)."""
    url = reverse("account_login")
    next_url = request.GET.get("next")
    if next_url:
        url = f"{url}?{urlencode({'next': next_url})}"  # allauth checks it is a same-site path
    return redirect(url)


# Listed before `wagtail.urls` in tasharuk/urls.py, so these win over Wagtail's routes of the
# same path and name.
urlpatterns = [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        rate_limited("page_password")(wagtail_views.authenticate_with_password),
        name="wagtailcore_authenticate_with_password",
    ),
    path("_util/login/", private_page_login, name="wagtailcore_login"),
]

# The same for password-protected document collections, under /documents/.
document_patterns = [
    path(
        "authenticate_with_password/<int:restriction_id>/",
        rate_limited("page_password")(document_views.authenticate_with_password),
        name="wagtaildocs_authenticate_with_password",
    ),
]
