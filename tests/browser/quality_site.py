"""A small bilingual site with one page of every kind a reader or member meets, for the page
quality tests (accessibility, valid HTML, Lighthouse, right-to-left and phones)."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from wagtail.models import Locale

from community.models import Collection, CollectionItem
from library.models import CategoryPage
from library.translations import translate
from programs.models import WeekPage
from tests.factories import ResourcePageFactory
from tests.programs.conftest import build_program
from vocabulary.models import Concept

PASSWORD = "a long passphrase 42"
LANGUAGES = ("en", "ar")
# A query typed with the Latin layout on: the Arabic keyboard gives "تشفير" (encryption), which
# the Arabic resource's title holds, so the search offers it as a "did you mean".
MISTYPED_QUERY = "jatdv"


@dataclass
class QualitySite:
    """Paths (without the language prefix unless they are page URLs) of every page kind."""

    member: object
    public: dict = field(default_factory=dict)  # name -> {"en": path, "ar": path}
    members_only: dict = field(default_factory=dict)

    def public_urls(self, languages=LANGUAGES):
        return [(name, paths[code]) for name, paths in self.public.items() for code in languages]

    def member_urls(self, languages=LANGUAGES):
        return [
            (name, paths[code]) for name, paths in self.members_only.items() for code in languages
        ]


def _both(path):
    """A language-prefixed path in both languages."""
    return {code: f"/{code}/{path}" for code in LANGUAGES}


def build_quality_site():
    """Create the content and a signed-up member; return where every page kind lives."""
    arabic = Locale.objects.get(language_code="ar")
    Concept.objects.create(
        identifier="threat-modelling",
        label_en="threat modelling",
        label_ar="نمذجة التهديدات",
        variants_en="threat modeling",
    )
    privacy = CategoryPage.objects.get(locale__language_code="en", slug="privacy")
    link_out = ResourcePageFactory(
        slug="encryption-handbook",
        title="Encryption handbook",
        summary="How to encrypt files, messages and disks, step by step.",
        source_url="https://publisher.example.org/encryption/",
        languages=["en", "ar"],
    )
    link_out.categories.set([privacy])
    link_out.tags.add("threat-modeling", "ooni-probe")
    link_out.save_revision().publish()
    translate(
        link_out,
        arabic,
        fields={
            "title": "دليل التشفير",
            "summary": "كيف تشفّر الملفات والرسائل والأقراص خطوة بخطوة.",
        },
    )
    framable = ResourcePageFactory(
        slug="safety-video",
        title="Safety for field reporters",
        summary="A short course on staying safe while reporting.",
        source_url="https://framable.example.net/course",
        framable=True,
        media_format="video",
    )
    framable.categories.set([privacy])
    framable.save_revision().publish()
    translate(
        framable,
        arabic,
        fields={
            "title": "السلامة للمراسلين الميدانيين",
            "summary": "دورة قصيرة عن السلامة أثناء التغطية.",
        },
    )
    for number in range(3):
        resource = ResourcePageFactory(
            slug=f"guide-{number}", title=f"Digital safety guide {number}", languages=["en"]
        )
        translate(resource, arabic, fields={"title": f"دليل السلامة الرقمية {number}"})

    program = build_program(weeks=2, slug="advocacy", arabic=True)
    arabic_program = program.get_translation(arabic)
    week = WeekPage.objects.child_of(program).order_by("path").first()
    arabic_week = week.get_translation(arabic)

    member = get_user_model().objects.create_user(
        username="quality_member", password=PASSWORD, email="member@example.org"
    )
    public_collection = Collection.objects.create(
        owner=member, name="Reading list", description="What to read first.", is_public=True
    )
    CollectionItem.objects.create(
        collection=public_collection, translation_key=link_out.translation_key, note="Start here."
    )

    site = QualitySite(member=member)
    site.public = {
        "home": _both(""),
        "library index": _both("library/"),
        "category index": _both("categories/"),
        "category page": _both("categories/privacy/"),
        "resource (link-out, tags)": _both("library/encryption-handbook/"),
        "resource (framable)": _both("library/safety-video/"),
        "search with facets": {
            "en": "/en/search/?q=guide&format=guide",
            "ar": "/ar/search/?q=%D8%AF%D9%84%D9%8A%D9%84&format=guide",
        },
        "search, nothing found, did you mean": _both(f"search/?q={MISTYPED_QUERY}"),
        "standard page (about)": _both("about/"),
        "standard page (privacy)": _both("privacy/"),
        "guide page": _both("how-to-use/"),
        "feedback": _both("feedback/"),
        "sign in": _both("accounts/login/"),
        "sign up": _both("accounts/signup/"),
        "programs index": {"en": program.get_parent().url, "ar": arabic_program.get_parent().url},
        "program": {"en": program.url, "ar": arabic_program.url},
        "program week": {"en": week.url, "ar": arabic_week.url},
        "public collection": _both(f"collections/{public_collection.pk}/"),
        "embed builder": _both("embed/"),
        "embed widget": _both("embed/widget/?category=privacy"),
    }
    editing = Collection.objects.create(owner=member, name="Being edited")
    CollectionItem.objects.create(collection=editing, translation_key=framable.translation_key)
    site.members_only = {
        "account": _both("accounts/me/"),
        "profile and privacy choices": _both("accounts/me/profile/"),
        "two-factor setup": _both("accounts/2fa/setup/"),
        "my library": _both("my/library/"),
        "collection being edited": _both(f"collections/{editing.pk}/edit/"),
        "submit": _both("submit/"),
        "my submissions": _both("my/submissions/"),
        "delete account": _both("accounts/me/delete/"),
    }
    return site
