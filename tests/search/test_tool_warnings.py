"""Tool warnings in search, on the engine and on the database fallback: unsafe tools rank last
unless the query names them, the `warning` facet counts and filters, the API filter answers
400 for bad values."""

import pytest
from django.core.cache import cache

from safety.statuses import set_status
from search import services

from .conftest import index, make_resource

pytestmark = pytest.mark.django_db


def titles(response):
    return [result["title"] for result in response["results"]]


def warn(page, status, **fields):
    set_status(page, status, note_en="Note.", note_ar="ملاحظة.", **fields)


class WarningSearch:
    backend = None

    @pytest.fixture(autouse=True)
    def _backend(self, request):
        cache.clear()
        request.getfixturevalue(f"{self.backend}_backend")
        yield
        cache.clear()

    @pytest.fixture
    def tools(self):
        # The unsafe tool matches best (title and summary), so only the rule can sink it.
        leaky = make_resource(
            "Leaky messenger for encrypted messaging",
            "Encrypted messaging, encrypted messaging, encrypted messaging.",
            rating=(40, 5.0),
        )
        old = make_resource("Old encrypted messaging app", "Encrypted messaging.")
        good = make_resource("Signal guide", "Encrypted messaging for organisers.")
        other = make_resource("Secure messaging handbook", "Encrypted messaging at work.")
        index(leaky, old, good, other)
        warn(leaky, "unsafe")
        warn(old, "unmaintained")
        return leaky, old, good, other

    def test_unsafe_tools_rank_last(self, tools):
        found = titles(services.search("encrypted messaging", "en"))
        assert len(found) == 4
        assert found[-1] == "Leaky messenger for encrypted messaging"
        # Unmaintained is shown with its warning but not sunk.
        assert "Old encrypted messaging app" in found[:3]

    def test_unsafe_tool_ranks_first_when_asked_for_by_name(self, tools):
        found = titles(services.search("leaky messenger", "en"))
        assert found[0] == "Leaky messenger for encrypted messaging"
        named = services.search("leaky messenger", "en", filters={"warning": ["unsafe"]})
        assert titles(named) == ["Leaky messenger for encrypted messaging"]

    def test_unsafe_last_on_every_page(self, tools):
        pages = [
            titles(services.search("encrypted messaging", "en", page=number, page_size=1))
            for number in (1, 2, 3, 4, 5)
        ]
        assert pages[3] == ["Leaky messenger for encrypted messaging"]
        assert pages[4] == []
        assert services.search("encrypted messaging", "en", page_size=1)["count"] == 4

    def test_warning_facet_counts_and_filters(self, tools):
        response = services.search("encrypted messaging", "en")
        counts = {bucket["value"]: bucket["count"] for bucket in response["facets"]["warning"]}
        assert counts == {"unsafe": 1, "unmaintained": 1, "none": 2}
        unsafe = services.search("encrypted messaging", "en", filters={"warning": ["unsafe"]})
        assert titles(unsafe) == ["Leaky messenger for encrypted messaging"]
        # The facet counts under the other filters, not its own.
        assert {b["value"] for b in unsafe["facets"]["warning"]} == {
            "unsafe",
            "unmaintained",
            "none",
        }
        any_warning = services.search("encrypted messaging", "en", filters={"warning": ["any"]})
        assert sorted(titles(any_warning)) == [
            "Leaky messenger for encrypted messaging",
            "Old encrypted messaging app",
        ]
        none = services.search("encrypted messaging", "en", filters={"warning": ["none"]})
        assert sorted(titles(none)) == ["Secure messaging handbook", "Signal guide"]
        assert none["count"] == 2
        # Other facets count the filtered works only.
        assert sum(b["count"] for b in none["facets"]["format"]) == 2

    def test_a_cleared_tool_ranks_by_relevance_again(self, tools):
        leaky = tools[0]
        warn(leaky, "cleared")
        found = titles(services.search("encrypted messaging", "en"))
        assert found[-1] != "Leaky messenger for encrypted messaging"
        assert services.search("encrypted messaging", "en")["facets"]["warning"][0]["count"] == 3


class TestOnTheEngine(WarningSearch):
    backend = "engine"


class TestOnTheDatabaseFallback(WarningSearch):
    backend = "database"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_search_page_shows_the_warning_facet_and_filters_by_it(client, database_backend, lang):
    cache.clear()
    leaky = make_resource("Leaky messenger", "Messaging.")
    good = make_resource("Signal guide", "Messaging.")
    index(leaky, good)
    warn(leaky, "unsafe")
    page = client.get(f"/{lang}/search/", {"q": "messaging"}).content.decode()
    assert 'name="warning" value="unsafe"' in page
    assert ("Tool warnings" if lang == "en" else "تحذيرات الأدوات") in page
    filtered = client.get(f"/{lang}/search/", {"q": "messaging", "warning": "none"})
    assert "Signal guide" in filtered.content.decode()
    assert "Leaky messenger" not in filtered.content.decode()
    cache.clear()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_api_warning_filter_and_its_400s(client, database_backend, lang):
    cache.clear()
    leaky = make_resource("Leaky messenger", "Messaging.")
    good = make_resource("Signal guide", "Messaging.")
    index(leaky, good)
    warn(leaky, "unsafe")
    for endpoint in ("/api/v1/search/", "/api/v1/resources/"):
        unsafe = client.get(endpoint, {"warning": "unsafe", "locale": lang}).json()
        assert [item["title"] for item in unsafe["results"]] == ["Leaky messenger"]
        assert unsafe["results"][0]["warning"]["status"] == "unsafe"
        none = client.get(endpoint, {"warning": "none", "locale": lang}).json()
        assert "Leaky messenger" not in [item["title"] for item in none["results"]]
        assert "Signal guide" in [item["title"] for item in none["results"]]
        both = client.get(endpoint, {"warning": ["any", "none"]}).json()
        assert both["count"] == 2
        for bad in ("dangerous", "UNSAFE", "x" * 300):
            response = client.get(endpoint, {"warning": bad, "locale": lang})
            assert response.status_code == 400, bad
            assert "warning" in response.json()["error"]
    facets = client.get("/api/v1/search/", {"q": "messaging"}).json()["facets"]
    assert {b["value"]: b["count"] for b in facets["warning"]} == {"unsafe": 1, "none": 1}
    cache.clear()
