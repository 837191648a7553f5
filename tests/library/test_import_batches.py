"""The importer's bulk path: lines committed in batches, and lines that would change nothing
skipped (every `make run` imports the demo file again)."""

import json

import pytest
from wagtail.models import Revision
from wagtail_localize.models import Translation

from library.importer import import_lines
from library.models import ResourcePage

pytestmark = pytest.mark.django_db

LINE = {
    "url": "https://securityinabox.org/en/guide/passwords/",
    "title": {"en": "Create and maintain strong passwords", "ar": "إنشاء كلمات مرور قوية"},
    "summary": {"en": "How to make passwords.", "ar": "كيف تصنع كلمات مرور."},
    "body": {"en": "First paragraph.\n\nSecond one.", "ar": "الفقرة الأولى.\n\nالفقرة الثانية."},
    "categories": ["digital-security"],
    "languages": ["ar", "en"],
    "tags": ["passwords"],
}


def line(**changes):
    return json.dumps({**LINE, **changes}, ensure_ascii=False)


def both_pages(url=LINE["url"]):
    pages = ResourcePage.objects.filter(source_url=url)
    return pages.get(locale__language_code="en"), pages.get(locale__language_code="ar")


def revisions(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def test_importing_the_same_line_again_keeps_both_pages_as_they_were(client):
    import_lines([line()])
    english, arabic = both_pages()
    before = [(revisions(page), page.last_published_at) for page in (english, arabic)]

    report = import_lines([line()])

    assert (report.created, report.updated, report.errors) == (0, 1, [])
    english, arabic = both_pages()
    assert [(revisions(page), page.last_published_at) for page in (english, arabic)] == before
    assert english.live and arabic.live
    assert arabic.title == "إنشاء كلمات مرور قوية"
    # Still wagtail-localize's translation, so the translators' editor opens it.
    assert Translation.objects.filter(
        source__object_id=english.translation_key, target_locale=arabic.locale
    ).exists()
    html = client.get(arabic.url).content.decode()
    assert "الفقرة الثانية." in html and "Second one." not in html


def test_a_change_in_the_other_language_alone_is_imported():
    import_lines([line()])
    report = import_lines(
        [
            line(
                title={"en": LINE["title"]["en"], "ar": "كلمات مرور قوية"},
                body={"en": LINE["body"]["en"], "ar": "الفقرة الأولى.\n\nفقرة ثانية منقحة."},
            )
        ]
    )
    assert report.updated == 1
    _english, arabic = both_pages()
    assert arabic.title == "كلمات مرور قوية"
    assert "فقرة ثانية منقحة." in "".join(str(block.value) for block in arabic.details)


def test_a_changed_tag_or_category_is_imported():
    import_lines([line()])
    import_lines([line(tags=["passwords", "two-factor"], categories=["privacy"])])
    english, arabic = both_pages()
    assert sorted(english.tags.names()) == ["passwords", "two-factor"]
    assert [c.slug for c in english.categories.all()] == ["privacy"]
    assert sorted(arabic.tags.names()) == ["passwords", "two-factor"]


def test_a_draft_saved_by_a_curator_is_replaced_by_the_imported_line():
    import_lines([line()])
    english, _arabic = both_pages()
    english.title = "A curator's draft title"
    english.save_revision()
    import_lines([line()])
    english, _arabic = both_pages()
    assert english.title == LINE["title"]["en"]
    assert english.live and not english.has_unpublished_changes


def test_every_batch_is_imported_including_a_last_partial_one():
    urls = [f"https://securityinabox.org/en/guide/{name}/" for name in ("a", "b", "c")]
    report = import_lines([line(url=url) for url in urls], batch_size=2)
    assert (report.created, report.errors) == (3, [])
    for url in urls:
        english, arabic = both_pages(url)
        assert english.live and arabic.live


def test_a_change_of_trainer_metadata_alone_is_imported():
    import_lines([line()])
    report = import_lines(
        [
            line(
                level="beginner",
                time_minutes=45,
                audience=["journalists"],
                safety_note={"en": "Blocked in some countries.", "ar": "محجوبة في بعض البلدان."},
            )
        ]
    )
    assert report.errors == []
    english, arabic = both_pages()
    assert (english.level, english.time_minutes, english.audience) == (
        "beginner",
        45,
        ["journalists"],
    )
    assert arabic.safety_note == "محجوبة في بعض البلدان."
