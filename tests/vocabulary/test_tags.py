"""Resource tags are shown through the vocabulary: the concept's label in the page's language,
linking to a search for that concept; tags the vocabulary does not know stay readable."""

import pytest

from library.translations import translate
from tests.factories import ResourcePageFactory
from vocabulary.models import Concept

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged_resource(arabic):
    Concept.objects.create(
        identifier="threat-modelling",
        label_en="threat modelling",
        label_ar="نمذجة التهديدات",
        variants_en="threat modeling",
    )
    page = ResourcePageFactory(title="Security planning")
    page.tags.add("threat-modeling", "ooni-probe")
    page.save_revision().publish()
    translated = translate(page, arabic, fields={"title": "التخطيط الأمني"})
    return page, translated


def test_arabic_resource_page_shows_arabic_tag_labels_linked_to_a_search(client, tagged_resource):
    _page, translated = tagged_resource
    html = client.get(translated.url).content.decode()
    assert '<a href="/ar/search/?q=%D9%86%D9%85%D8%B0%D8%AC%D8%A9' in html
    assert ">نمذجة التهديدات</a>" in html
    assert ">threat-modeling<" not in html
    assert ">ooni probe</a>" in html  # not in the vocabulary: shown as words


def test_english_resource_page_shows_english_labels(client, tagged_resource):
    page, _translated = tagged_resource
    html = client.get(page.url).content.decode()
    assert '<a href="/en/search/?q=threat+modelling">threat modelling</a>' in html
