"""Learning paths over HTTP in both languages: published and translated, listed on the home
page, the path index and their categories (never when restricted), members ticking steps done
(shared across the two languages), and steps whose resource went away shown as unavailable."""

import pytest
from wagtail.models import PageViewRestriction

from library.models import CategoryPage
from library.translations import translate
from paths.models import StepDone
from safety.statuses import set_status

from .conftest import NOTES, PASSWORD, build_path, in_language, make_member, step_ids

pytestmark = pytest.mark.django_db

LANGS = ["en", "ar"]
ARABIC_TITLE = "ابدأ من هنا: الأمن الرقمي للصحفيين"


def _title(lang):
    return ARABIC_TITLE if lang == "ar" else "Start here: digital security for journalists"


def _get(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def _category(slug, lang):
    return CategoryPage.objects.get(slug=slug, locale__language_code=lang)


def _tick(client, path, step, done="1"):
    return client.post(
        f"/{path.locale.language_code}/paths/{path.pk}/steps/{step}/", {"done": done}
    )


def test_a_published_path_reads_in_english_and_its_translation_in_arabic(client):
    path, resources = build_path()
    english = _get(client, path)
    assert path.title in english
    for (note, _ar), resource in zip(NOTES, resources, strict=True):
        assert note in english
        assert resource.title in english
    arabic_path = in_language(path, "ar")
    assert arabic_path.live and arabic_path.url.startswith("/ar/")
    arabic = _get(client, arabic_path)
    assert ARABIC_TITLE in arabic
    for note, note_ar in NOTES:
        assert note_ar in arabic and note not in arabic
    # The steps (and so the ticks) are the same in both languages.
    assert step_ids(arabic_path) == step_ids(path)


def test_steps_show_the_resource_in_the_readers_language_when_translated(client, arabic):
    path, resources = build_path(arabic=False)
    translate(resources[0], arabic, fields={"title": "نموذج التهديدات بالعربية"})
    translated = translate(path, arabic, fields={"title": ARABIC_TITLE}, segments=dict(NOTES))
    page = _get(client, translated)
    assert "نموذج التهديدات بالعربية" in page
    assert resources[1].title in page  # not translated: shown in English rather than dropped


@pytest.mark.parametrize("lang", LANGS)
def test_paths_are_listed_on_the_home_page_and_the_path_index(client, lang):
    path, _ = build_path()
    home = client.get(f"/{lang}/").content.decode()
    assert _title(lang) in home
    assert in_language(path, lang).url in home
    index = _get(client, in_language(path.get_parent(), lang))
    assert _title(lang) in index


@pytest.mark.parametrize("lang", LANGS)
def test_paths_are_listed_on_their_categories_only(client, lang):
    build_path(categories=("digital-security", "privacy"))
    for slug in ("digital-security", "privacy"):
        assert _title(lang) in _get(client, _category(slug, lang))
    assert _title(lang) not in _get(client, _category("fact-checking", lang))


@pytest.mark.parametrize("lang", LANGS)
def test_a_restricted_path_is_listed_nowhere(client, lang):
    path, _ = build_path()
    PageViewRestriction.objects.create(page=path, restriction_type=PageViewRestriction.LOGIN)
    for body in (
        client.get(f"/{lang}/").content.decode(),
        _get(client, _category("digital-security", lang)),
        _get(client, in_language(path.get_parent(), lang)),
        client.get("/sitemap.xml").content.decode(),
    ):
        assert _title(lang) not in body
        assert f"/{lang}/paths/{path.slug}/" not in body


@pytest.mark.parametrize("lang", LANGS)
def test_an_unpublished_path_is_listed_nowhere(client, lang):
    path, _ = build_path()
    in_language(path, lang).unpublish()
    assert _title(lang) not in client.get(f"/{lang}/").content.decode()
    assert _title(lang) not in _get(client, _category("digital-security", lang))


@pytest.mark.parametrize("lang", LANGS)
def test_a_member_ticks_a_step_and_sees_the_progress(client, lang):
    path, _ = build_path()
    path = in_language(path, lang)
    member = make_member()
    client.force_login(member)
    first = step_ids(path)[0]
    response = _tick(client, path, first)
    assert response.status_code == 302
    assert response["Location"] == f"{path.url}#step-{first}"
    page = _get(client, path)
    assert ("1 من 3" if lang == "ar" else "1 of 3 steps done") in page
    assert '<progress class="path-progress__bar" max="3" value="1"' in page
    # Ticking again is harmless; unticking takes it back.
    _tick(client, path, first)
    assert StepDone.objects.filter(member=member).count() == 1
    _tick(client, path, first, done="0")
    assert 'max="3" value="0"' in _get(client, path)


@pytest.mark.parametrize("lang", LANGS)
def test_signed_out_visitors_are_sent_to_sign_in_and_nothing_is_stored(client, lang):
    path, _ = build_path()
    path = in_language(path, lang)
    response = _tick(client, path, step_ids(path)[0])
    assert response.status_code == 302
    assert f"/{lang}/accounts/login/" in response["Location"]
    assert not StepDone.objects.exists()
    page = _get(client, path)
    assert "path-step__tick" not in page  # no tick form, a sign-in link instead
    assert f"/{lang}/accounts/login/?next=" in page


def test_the_sign_in_form_brings_the_member_back_to_the_path(client):
    path, _ = build_path()
    path = in_language(path, "ar")
    member = make_member()
    response = client.post(
        f"/ar/accounts/login/?next={path.url}",
        {"login": member.username, "password": PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == path.url


def test_progress_is_shared_across_the_two_languages(client):
    path, _ = build_path()
    client.force_login(make_member())
    arabic_path = in_language(path, "ar")
    for step in step_ids(arabic_path)[:2]:
        assert _tick(client, arabic_path, step).status_code == 302
    assert "2 of 3 steps done" in _get(client, path)
    _tick(client, path, step_ids(path)[2])
    assert "3 من 3" in _get(client, arabic_path)


def test_progress_is_each_members_own(client):
    path, _ = build_path()
    client.force_login(make_member())
    _tick(client, path, step_ids(path)[0])
    client.force_login(make_member())
    assert "0 of 3 steps done" in _get(client, path)


@pytest.mark.parametrize("lang", LANGS)
def test_unpublished_and_restricted_resources_show_as_no_longer_available(client, lang):
    path, resources = build_path()
    resources[0].unpublish()
    PageViewRestriction.objects.create(
        page=resources[1], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    path = in_language(path, lang)
    client.force_login(make_member())
    page = _get(client, path)
    gone = "لم يعد هذا المصدر متاحًا" if lang == "ar" else "This resource is no longer available."
    assert page.count(gone) == 2
    assert resources[0].title not in page and resources[1].title not in page
    assert resources[2].title in page
    # Only the step still available counts, and only it can be ticked.
    assert ("0 من 1" if lang == "ar" else "0 of 1 step done") in page
    response = _tick(client, path, step_ids(path)[1])
    assert response.status_code == 302 and response["Location"] == path.url
    assert not StepDone.objects.exists()


@pytest.mark.parametrize("lang", LANGS)
def test_a_deleted_resource_is_unavailable_not_an_error(client, lang):
    path, resources = build_path()
    resources[2].delete()
    page = _get(client, in_language(path, lang))
    assert resources[0].title in page
    assert page.count("path-step__gone") == 1


@pytest.mark.parametrize("lang", LANGS)
def test_a_step_of_a_restricted_path_cannot_be_ticked_by_outsiders(client, lang):
    path, _ = build_path()
    PageViewRestriction.objects.create(
        page=path, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    client.force_login(make_member())
    assert _tick(client, in_language(path, lang), step_ids(path)[0]).status_code == 404
    assert not StepDone.objects.exists()


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_step_is_refused_with_a_message(client, lang):
    path, _ = build_path()
    path = in_language(path, lang)
    client.force_login(make_member())
    response = _tick(client, path, "00000000-0000-0000-0000-000000000000")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    message = "لم تعد هذه الخطوة جزءًا من المسار" if lang == "ar" else "no longer part of the path"
    assert message in page
    assert not StepDone.objects.exists()
    assert client.post(f"/{lang}/paths/{path.pk}/steps/not-a-step/").status_code == 404
    assert client.get(f"/{lang}/paths/{path.pk}/steps/{step_ids(path)[0]}/").status_code == 405


def test_ticked_steps_are_in_the_members_data_export():
    from users.data_export import export_user_data

    path, _ = build_path()
    member = make_member()
    StepDone.objects.create(member=member, path_key=path.translation_key, step=step_ids(path)[0])
    exported = export_user_data(member)
    assert exported["learning_paths"][0]["step"] == step_ids(path)[0]


@pytest.mark.parametrize("lang", LANGS)
def test_a_step_whose_tool_is_marked_unsafe_carries_the_warning(client, lang):
    path, resources = build_path()
    note = {"en": "The company servers were seized.", "ar": "صودرت خوادم الشركة."}
    set_status(resources[2], "unsafe", note_en=note["en"], note_ar=note["ar"])
    page = _get(client, in_language(path, lang))
    assert page.count('class="tool-warning') >= 1
    assert note[lang] in page
