"""Factories for content used by tests (wagtail-factories builds real pages in the tree)."""

import factory
import wagtail_factories

from library.models import LibraryIndexPage, ResourcePage


class ResourcePageFactory(wagtail_factories.PageFactory):
    """A live English resource under the English library index, unless `parent` is given."""

    title = factory.Sequence(lambda n: f"Resource number {n}")
    slug = factory.Sequence(lambda n: f"resource-{n}")
    summary = "A practical guide for people who need it."
    source_url = factory.Sequence(lambda n: f"https://publisher.example.org/guides/{n}/")
    media_format = "guide"
    license = "CC-BY-4.0"
    languages = factory.LazyFunction(lambda: ["en"])
    regions = factory.LazyFunction(lambda: ["global"])
    parent = factory.LazyFunction(lambda: LibraryIndexPage.objects.get(locale__language_code="en"))

    class Meta:
        model = ResourcePage
