"""A resource behind a view restriction is not named by the pages that point at it from
elsewhere: a training week's reading list, a stable short link (/s/<code>) and a member's
public contributor page. Each is walked signed out in both languages, with an open resource
beside the restricted one so each surface is shown to work."""

import pytest
from wagtail.models import PageViewRestriction

from community import shortlinks
from community.models import Suggestion
from library.translations import translate
from programs.models import WeekPage
from tests.factories import ResourcePageFactory
from tests.programs.conftest import build_program, make_member, translate_program

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ar"]


@pytest.fixture
def resources(arabic):
    """An open and a to-be-restricted resource, each published in English and Arabic."""
    made = {}
    for name, title, title_ar in [
        ("open", "Open shelter map", "خريطة الملاجئ المفتوحة"),
        ("secret", "Sealed shelter list", "قائمة الملاجئ المختومة"),
    ]:
        english = ResourcePageFactory(title=title, slug=f"{name}-shelters")
        english.save_revision().publish()
        translate(english, arabic, fields={"title": title_ar})
        made[name] = english
    return made


def _restrict(page, kind):
    if kind == "password":
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="opensesame"
        )
    else:
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def _on_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("kind", ["login", "password"])
def test_a_training_week_leaves_out_a_restricted_resource(client, resources, kind):
    program = build_program(weeks=1)
    week = WeekPage.objects.child_of(program).get()
    week.resources = [
        ("resource", {"resource": resources["secret"], "note": "Read the sealed list"}),
        ("resource", {"resource": resources["open"], "note": "Read the open map"}),
    ]
    week.save_revision().publish()
    translate_program(program)  # the Arabic week takes the same reading list
    _restrict(resources["secret"], kind)
    for week_version in week.get_translations(inclusive=True):
        page = _on_page(client, week_version.url)
        assert "shelter map" in page or "خريطة الملاجئ" in page
        assert "Sealed shelter list" not in page and "قائمة الملاجئ المختومة" not in page
        assert "sealed-shelters" not in page


@pytest.mark.parametrize("kind", ["login", "password"])
def test_a_short_link_to_a_restricted_resource_leads_nowhere(client, resources, kind):
    secret = shortlinks.resource_short_link(resources["secret"].translation_key)
    shown = shortlinks.resource_short_link(resources["open"].translation_key)
    _restrict(resources["secret"].get_translations().get(), kind)  # the Arabic translation
    for language in LANGUAGES:
        opened = client.get(f"/s/{shown.code}", HTTP_ACCEPT_LANGUAGE=language)
        assert opened.status_code == 302 and "open-shelters" in opened["Location"]
        sealed = client.get(f"/s/{secret.code}", HTTP_ACCEPT_LANGUAGE=language, follow=True)
        assert sealed.status_code == 404
        assert not any("sealed-shelters" in hop for hop, _status in sealed.redirect_chain)


@pytest.mark.parametrize("kind", ["login", "password"])
def test_a_contributor_page_does_not_name_a_restricted_resource(client, resources, kind):
    member = make_member(display_name="Rana", show_display_name=True)
    member.show_contributions = True
    member.save()
    for resource in resources.values():
        Suggestion.objects.create(
            member=member,
            translation_key=resource.translation_key,
            language="en",
            changes={"media_format": "guide"},
            status=Suggestion.ACCEPTED,
        )
    _restrict(resources["secret"], kind)
    for language in LANGUAGES:
        page = _on_page(client, f"/{language}/members/{member.username}/contributions/")
        assert "Open shelter map" in page or "خريطة الملاجئ المفتوحة" in page
        assert "Sealed shelter list" not in page and "قائمة الملاجئ المختومة" not in page
