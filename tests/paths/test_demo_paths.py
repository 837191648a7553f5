"""load_demo_data's learning paths: built from the demo library's resources in both languages,
listed on both home pages, and a second run adds nothing."""

import json

import pytest
from django.utils.html import escape

from library.importer import import_lines
from paths.demo import PATHS, ensure_demo_paths
from paths.models import LearningPathPage
from sitebuild.management.commands.load_demo_data import DEMO_FILE

pytestmark = pytest.mark.django_db


def _import_demo_resources_of_the_paths():
    wanted = {url for spec in PATHS for url, _en, _ar in spec["steps"]}
    with DEMO_FILE.open(encoding="utf-8") as lines:
        chosen = [line for line in lines if json.loads(line)["url"] in wanted]
    assert len(chosen) == len(wanted)  # the demo paths name resources the demo library has
    import_lines(chosen)


def test_demo_paths_are_built_in_both_languages_once(client):
    _import_demo_resources_of_the_paths()
    ensure_demo_paths()
    ensure_demo_paths()
    assert LearningPathPage.objects.filter(locale__language_code="en").count() == len(PATHS)
    assert LearningPathPage.objects.filter(locale__language_code="ar").count() == len(PATHS)
    for spec in PATHS:
        for lang, index in (("en", 0), ("ar", 1)):
            path = LearningPathPage.objects.get(slug=spec["slug"], locale__language_code=lang)
            page = client.get(path.url).content.decode()
            assert escape(spec["title"][index]) in page
            for _url, note_en, note_ar in spec["steps"]:
                assert escape(note_ar if lang == "ar" else note_en) in page
            assert "path-step__gone" not in page  # every step's resource is there
            assert escape(spec["title"][index]) in client.get(f"/{lang}/").content.decode()
