"""Behind a reverse proxy, rate limits count each visitor, not the proxy."""

from django.test import RequestFactory, override_settings

from tasharuk.ratelimit import hashed_client_address


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_visitors_behind_a_trusted_proxy_get_their_own_counters():
    factory = RequestFactory()
    first = factory.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.7")
    second = factory.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert hashed_client_address(first) != hashed_client_address(second)
    assert "203.0.113.7" not in hashed_client_address(first)


def test_without_a_proxy_the_forwarded_header_is_not_trusted():
    factory = RequestFactory()
    spoofed = factory.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    direct = factory.get("/", REMOTE_ADDR="192.0.2.1")
    assert hashed_client_address(spoofed) == hashed_client_address(direct)
