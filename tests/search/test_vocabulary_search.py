"""Search through the vocabulary, on the engine and on the database fallback: a query in one
language finds resources written only in the other, exact-language matches rank first, and a
curator's change to the vocabulary shows in results without a manual rebuild."""

import pytest

from search import services, synonyms
from vocabulary.models import Concept

from .conftest import index, make_resource

pytestmark = pytest.mark.django_db


def titles(response):
    return [result["title"] for result in response["results"]]


CONCEPTS = [
    ("encryption", "encryption", "encrypt|encrypted|encrypting", "التشفير", "تشفير|مشفر"),
    ("blog", "blog", "blogs|blogging|blog post", "مدونة", "مدونات|التدوين|تدوينة"),
    (
        "freedom-of-expression",
        "freedom of expression",
        "free speech|free expression",
        "حرية التعبير",
        "حرية الرأي",
    ),
    ("vpn", "VPN", "VPNs|virtual private network", "الشبكة الافتراضية الخاصة", "في بي إن"),
]


class VocabularySearchBehaviour:
    backend = None
    stems = True

    @pytest.fixture(autouse=True)
    def _backend(self, request):
        request.getfixturevalue(f"{self.backend}_backend")
        for identifier, label_en, variants_en, label_ar, variants_ar in CONCEPTS:
            Concept.objects.create(
                identifier=identifier,
                label_en=label_en,
                variants_en=variants_en.replace("|", "\n"),
                label_ar=label_ar,
                variants_ar=variants_ar.replace("|", "\n"),
            )
        synonyms.refresh()  # the test's transaction never commits, so no signal-driven refresh

    def test_arabic_query_finds_an_english_only_resource(self):
        index(make_resource("How to Encrypt Your Email", summary="A step-by-step tutorial."))
        response = services.search("تشفير", "ar")
        assert titles(response) == ["How to Encrypt Your Email"]
        assert response["results"][0]["url"].startswith("/en/")  # no Arabic translation
        assert titles(services.search("والتشفير", "ar")) == ["How to Encrypt Your Email"]

    def test_what_the_other_language_matched_is_highlighted(self):
        index(make_resource("How to Encrypt Your Email", summary="Encrypted mail for sources."))
        highlight = services.search("تشفير", "ar")["results"][0]["highlight"]
        assert "<mark>Encrypt</mark>" in highlight["title"]
        assert "<mark>Encrypt" in highlight["snippet"]

    def test_english_query_finds_an_arabic_only_resource(self):
        index(make_resource("دليل التدوين للمبتدئين", locale="ar"))
        assert titles(services.search("blogging", "en")) == ["دليل التدوين للمبتدئين"]
        assert titles(services.search("blogs", "en")) == ["دليل التدوين للمبتدئين"]

    def test_exact_language_matches_rank_above_cross_language_ones(self):
        index(
            make_resource("أساسيات التشفير", locale="ar"),
            make_resource("Encryption basics"),
        )
        assert titles(services.search("encryption", "en")) == [
            "Encryption basics",
            "أساسيات التشفير",
        ]
        assert titles(services.search("التشفير", "ar")) == [
            "أساسيات التشفير",
            "Encryption basics",
        ]

    def test_multi_word_concepts_match_as_a_whole(self):
        index(
            make_resource("Freedom of expression online"),
            make_resource("Freedom to travel"),
            make_resource("التعبير الفني", locale="ar"),
        )
        found = titles(services.search("حرية التعبير", "ar"))
        assert "Freedom of expression online" in found
        assert "Freedom to travel" not in found  # "freedom" alone is not the concept

    def test_abbreviations_find_the_spelled_out_name(self):
        index(make_resource("كيف تستخدم الشبكة الافتراضية الخاصة", locale="ar"))
        assert titles(services.search("VPN", "en")) == ["كيف تستخدم الشبكة الافتراضية الخاصة"]

    def test_arabic_plurals_and_derived_forms_find_each_other(self):
        index(
            make_resource("التدوين للناشطين", locale="ar"),
            make_resource("تسجيل الصوت", locale="ar"),
        )
        assert titles(services.search("مدونات", "ar")) == ["التدوين للناشطين"]
        assert titles(services.search("مدونة", "ar")) == ["التدوين للناشطين"]

    def test_english_derived_forms_match_without_the_vocabulary(self):
        if not self.stems:
            pytest.skip("the database fallback does not stem (documented)")
        Concept.objects.all().delete()
        synonyms.refresh()
        index(make_resource("Encryption for beginners"), make_resource("Video basics"))
        for typed in ("encrypting", "encrypted", "encrypt"):
            assert titles(services.search(typed, "en")) == ["Encryption for beginners"], typed

    def test_vocabulary_change_shows_without_a_manual_rebuild(
        self, django_capture_on_commit_callbacks
    ):
        index(make_resource("Wiretapping explained", summary="How phone tapping works."))
        assert services.search("التنصت", "ar")["count"] == 0
        with django_capture_on_commit_callbacks(execute=True):
            Concept.objects.create(
                identifier="wiretapping",
                label_en="wiretapping",
                label_ar="التنصت",
                variants_ar="التنصت على المكالمات",
            )
        if self.backend == "engine":
            from search import engine

            engine.refresh()
        assert titles(services.search("التنصت", "ar")) == ["Wiretapping explained"]

    def test_arabic_typed_on_the_latin_layout_is_offered_in_arabic(self, client):
        index(make_resource("دليل التشفير", locale="ar"))
        response = services.search("jatdv", "en")
        assert response["count"] == 0
        assert response["suggestion"] == {"query": "تشفير", "reason": "keyboard"}
        html = client.get("/en/search/", {"q": "jatdv"}).content.decode()
        assert "Typed with the other keyboard layout?" in html
        assert 'href="?q=%D8%AA%D8%B4%D9%81%D9%8A%D8%B1" data-suggestion>تشفير</a>' in html
        api = client.get("/api/v1/search/", {"q": "jatdv"}).json()
        assert api["suggestion"]["query"] == "تشفير"

    def test_latin_typed_on_the_arabic_layout_is_offered_in_latin(self, client):
        index(make_resource("Privacy basics"))
        response = services.search("حقهرشؤغ", "ar")
        assert response["suggestion"] == {"query": "privacy", "reason": "keyboard"}
        html = client.get("/ar/search/", {"q": "حقهرشؤغ"}).content.decode()
        assert "هل كتبت بتخطيط لوحة المفاتيح الآخر؟" in html
        assert 'href="?q=privacy" data-suggestion>privacy</a>' in html

    def test_misspelt_query_gets_a_correction(self, client):
        index(make_resource("Encryption basics"), make_resource("Video basics"))
        response = services.search("encrpytion", "en")
        assert response["suggestion"] == {"query": "encryption", "reason": "spelling"}
        html = client.get("/ar/search/", {"q": "encrpytion"}).content.decode()
        assert "هل تقصد:" in html

    def test_no_suggestion_when_the_query_finds_plenty(self):
        index(*[make_resource(f"Encryption guide {n}") for n in range(3)])
        assert "suggestion" not in services.search("encryption", "en")


class TestEngineVocabularySearch(VocabularySearchBehaviour):
    backend = "engine"


class TestDatabaseVocabularySearch(VocabularySearchBehaviour):
    backend = "database"
    stems = False
