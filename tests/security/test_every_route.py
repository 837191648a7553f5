"""Every route the site answers, its own and those its libraries add, walked the way a probe
walks them: anonymously, in both languages, with odd values in every parameter. None may
answer with a server error, and none may sign anyone in."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

SAMPLE_VALUES = {
    "int": "999999",
    "slug": "no-such-thing",
    "uuid": "00000000-0000-0000-0000-000000000000",
}
ODD_VALUES = ["x", "%2F%2Fevil.example", "..%2F..", "'\"<svg>", "٣"]


def walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def concrete_paths(route, odd):
    """Paths that match `route`, its converters filled with sample or odd values; regex routes
    (Wagtail's page serving) get a plain segment."""
    route = route.replace("^", "").replace("$", "")
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "x", route)  # named regex groups
    route = re.sub(r"\(\(\?:[^)]*\)\*\)", "x/", route)  # Wagtail's serve pattern
    route = re.sub(r"\([^)]*\)[*?+]?", "x", route)

    def fill(match):
        converter = match.group(1) or "str"
        return SAMPLE_VALUES.get(converter, odd)

    path = "/" + re.sub(r"<(?:(\w+):)?\w+>", fill, route)
    return path.replace("\\", "").replace("//", "/x/")


def all_paths():
    paths = set()
    for route in walk(get_resolver()):
        for odd in ODD_VALUES:
            path = concrete_paths(route, odd)
            for lang in ("en", "ar"):
                paths.add(re.sub(r"^/(en|ar)/", f"/{lang}/", path))
    return sorted(paths)


def test_the_walk_sees_the_libraries_routes():
    paths = all_paths()
    for expected in ("/en/_util/login/", "/ar/accounts/login/", "/admin/", "/api/v1/search/"):
        assert any(path.startswith(expected) for path in paths), expected


def test_no_route_answers_a_server_error_to_a_stranger():
    client = Client(raise_request_exception=False)
    failures = []
    for path in all_paths():
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            if response.status_code >= 500:
                failures.append((method.upper(), path, response.status_code))
    assert failures == []


def test_no_route_signs_a_stranger_in():
    from users.models import User

    User.objects.create_user(username="nadia", password="correct horse battery staple 42")
    for path in all_paths():
        client = Client()
        client.post(
            path,
            {"login": "nadia", "username": "nadia", "password": "correct horse battery staple 42"},
        )
        if "/accounts/login/" in path:
            continue  # the real login: its limits and second factor are tested in tests/users
        assert "_auth_user_id" not in client.session, path
