"""The realistic synthetic corpus reads like a library: a long tail of word forms, topics that
cluster by category, Arabic with clitics, and searches that match a few percent of it."""

import math
from collections import Counter
from random import Random

import pytest

from library.synthetic_corpus import MIN_FORMS, corpus, words_of

# Words of the benchmarks' queries (benchmarks/search.py), one per language and query.
QUERY_WORDS = {
    "en": ["encryption", "privacy", "surveillance", "journalists", "transparency"],
    "ar": ["التشفير", "الخصوصية", "الرقابة", "تدريب", "المفتوحة"],
}


@pytest.fixture(scope="module")
def resources():
    return [corpus().resource(Random(f"docs-{i}")) for i in range(1500)]


def text_words(resource, language):
    text = " ".join(resource[f"{part}_{language}"] for part in ("title", "summary", "body"))
    return words_of(text, language)


def test_the_same_seed_gives_the_same_resources_and_another_seed_others():
    first = [corpus().resource(Random(5)) for _ in range(3)]
    again = [corpus().resource(Random(5)) for _ in range(3)]
    other = [corpus().resource(Random(6)) for _ in range(3)]
    assert first == again
    assert [r["title_en"] for r in first] != [r["title_en"] for r in other]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_each_language_has_at_least_twenty_thousand_word_forms(language, resources):
    assert len(set(corpus().background[language].items)) >= MIN_FORMS
    # … and the generated text uses a good part of them, not a handful.
    assert len({w for r in resources for w in text_words(r, language)}) > 10_000


@pytest.mark.parametrize("language", ["en", "ar"])
def test_word_frequencies_fall_off_like_zipf(language, resources):
    counts = sorted(Counter(w for r in resources for w in text_words(r, language)).values())[::-1]
    # Slope of log frequency over log rank between ranks 10 and 1000: about -1 for Zipf.
    points = [(math.log(rank), math.log(counts[rank - 1])) for rank in range(10, 1001)]
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum(
        (x - mean_x) ** 2 for x, _ in points
    )
    assert -1.4 < slope < -0.6
    singletons = sum(1 for count in counts if count == 1)
    assert singletons > len(counts) * 0.3  # a long tail of rare forms


@pytest.mark.parametrize("language", ["en", "ar"])
def test_topic_words_cluster_in_their_categories(language, resources):
    topics = corpus().topics[language]
    lifts = []
    for slug in ("privacy", "digital-security", "refugees-migration", "elections"):
        top = topics[slug].items[0]
        inside = [r for r in resources if slug in r["categories"]]
        outside = [r for r in resources if slug not in r["categories"]]
        rate_in = sum(top in text_words(r, language) for r in inside) / len(inside)
        rate_out = sum(top in text_words(r, language) for r in outside) / len(outside)
        lifts.append(rate_in / max(rate_out, 1 / len(outside)))
    assert min(lifts) > 5, lifts


def test_concept_labels_weigh_more_in_their_category(resources):
    """ "encryption" (a concept of digital security) is written mostly in that category."""
    inside = [r for r in resources if "digital-security" in r["categories"]]
    outside = [r for r in resources if "digital-security" not in r["categories"]]
    rate_in = sum("encryption" in text_words(r, "en") for r in inside) / len(inside)
    rate_out = sum("encryption" in text_words(r, "en") for r in outside) / len(outside)
    assert rate_in > 4 * rate_out


def test_arabic_words_carry_clitics_plurals_and_derived_forms(resources):
    words = [w for r in resources for w in text_words(r, "ar")]
    vocabulary = set(corpus().background["ar"].items)
    for topic in corpus().topics["ar"].values():
        vocabulary.update(topic.items)
    with_clitic = [
        w
        for w in words
        if w not in vocabulary and w[:1] in "وفبلك" and (w[1:] in vocabulary or w[3:] in vocabulary)
    ]
    assert len(with_clitic) > 0.08 * len(words)
    assert {"والخصوصية", "بالخصوصية", "للخصوصية"} & set(words)
    generated = corpus().generated["ar"]
    assert sum(w.endswith("ات") for w in generated) > 1000  # sound feminine plurals
    assert sum(w.startswith("است") for w in generated) > 500  # derived (istif'al) forms


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_typical_query_word_is_in_a_few_percent_of_resources(language, resources):
    for word in QUERY_WORDS[language]:
        share = sum(word in text_words(r, language) for r in resources) / len(resources)
        assert 0.002 < share < 0.15, (word, share)


def test_facets_and_lengths_follow_the_demo_library(resources):
    formats = Counter(r["format"] for r in resources)
    assert formats.most_common(1)[0][0] == "article"  # as in the demo library (43 %)
    assert 0.3 < formats["article"] / len(resources) < 0.55
    assert Counter(len(r["categories"]) for r in resources).most_common(1)[0][0] == 2
    assert 0.4 < sum(r["year"] is None for r in resources) / len(resources) < 0.7
    titles = [len(r["title_en"].split()) for r in resources]
    assert 5 < sum(titles) / len(titles) < 11


@pytest.mark.django_db
def test_generated_resources_are_live_in_both_languages_and_deterministic(client):
    from library.models import ResourcePage
    from library.synthetic import _realistic_data, generate_resources

    generate_resources(20, seed=11, profile="realistic")
    generate_resources(20, seed=12, profile="stress")
    english = ResourcePage.objects.live().filter(locale__language_code="en")
    arabic = ResourcePage.objects.live().filter(locale__language_code="ar")
    assert english.count() == arabic.count() == 40
    realistic = english.get(slug="synthetic-11-0")
    # The same seed gives the same first resource again.
    assert realistic.title == _realistic_data(Random(11), 11, 0)["title_en"]
    assert realistic.categories.exists() and realistic.tags.exists()
    translation = arabic.get(translation_key=realistic.translation_key)
    assert client.get(realistic.url).status_code == 200
    assert client.get(translation.url).status_code == 200
