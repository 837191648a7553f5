"""A curator publishes a learning path with the Wagtail admin's real add-page form, then it is
translated with wagtail-localize: the Arabic path has the same steps with translated notes."""

import pytest
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from library.models import CategoryPage
from library.translations import translate
from paths.models import LearningPathPage
from tests.factories import ResourcePageFactory

from .conftest import path_index

pytestmark = pytest.mark.django_db


def test_a_curator_publishes_a_path_in_the_admin_and_it_is_translated(curator_client, client):
    index = path_index()
    first, second = ResourcePageFactory(title="Threat modelling"), ResourcePageFactory()
    category = CategoryPage.objects.get(slug="digital-security", locale__language_code="en")
    url = f"/admin/pages/add/paths/learningpathpage/{index.pk}/"
    assert curator_client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Start here: digital security for journalists",
            "slug": "start-here",
            "summary": "Five steps to safer reporting.",
            "intro": rich_text(""),
            "steps": streamfield(
                [
                    ("step", {"resource": first.pk, "note": "Start with a threat model."}),
                    ("step", {"resource": second.pk, "note": "Then secure your accounts."}),
                ]
            ),
            "action-publish": "publish",
        }
    )
    data["categories"] = [str(category.pk)]  # a multiple choice: one POST value per category
    response = curator_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    path = LearningPathPage.objects.get(slug="start-here")
    assert path.live and [block.value["note"] for block in path.steps] == [
        "Start with a threat model.",
        "Then secure your accounts.",
    ]
    page = client.get("/en/paths/start-here/").content.decode()
    assert page.index("Threat modelling") < page.index(second.title)  # in the curator's order

    arabic = translate(
        path,
        Locale.objects.get(language_code="ar"),
        fields={"title": "ابدأ من هنا", "summary": "خمس خطوات"},
        segments={"Start with a threat model.": "ابدأ بتقييم التهديدات."},
    )
    assert [block.id for block in arabic.steps] == [block.id for block in path.steps]
    page = client.get("/ar/paths/start-here/").content.decode()
    assert "ابدأ بتقييم التهديدات." in page
    # A note not translated yet falls back to the source text rather than disappearing.
    assert "Then secure your accounts." in page
    assert list(path.categories.all()) == [category], list(path.categories.all())
    assert list(arabic.categories.all()) == [category], list(arabic.categories.all())
    assert "ابدأ من هنا" in client.get("/ar/categories/digital-security/").content.decode()
