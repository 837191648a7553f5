"""Synthetic bilingual resources for benchmarks: realistic lengths, deterministic for a seed.

Pages are written in bulk (tree paths computed here, child rows inserted directly) because
Wagtail's one-page-at-a-time API would take an hour for 100,000 resources. The result is
ordinary live ResourcePages in both locales, sharing a translation_key, as imports make them.
"""

import json
import random
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Locale, Page

from . import vocabularies
from .categories import CATEGORIES
from .models import CategoryPage, LibraryIndexPage, ResourcePage, ResourceTag
from .ratings import bayesian_rating

EN_WORDS = [
    "digital",
    "security",
    "privacy",
    "encryption",
    "journalists",
    "activists",
    "guide",
    "training",
    "safety",
    "online",
    "harassment",
    "surveillance",
    "censorship",
    "circumvention",
    "open",
    "data",
    "transparency",
    "rights",
    "freedom",
    "expression",
    "community",
    "mapping",
    "video",
    "advocacy",
    "campaign",
    "research",
    "verification",
    "mobile",
    "phones",
    "passwords",
    "accounts",
    "threats",
    "risk",
    "assessment",
    "protection",
    "sources",
    "reporting",
    "elections",
    "monitoring",
    "accessibility",
    "women",
    "youth",
    "refugees",
    "health",
    "environment",
    "law",
    "access",
    "information",
    "governance",
    "internet",
    "social",
    "media",
    "storytelling",
    "fundraising",
    "nonprofit",
]
AR_WORDS = [
    "الأمن",
    "الرقمي",
    "الخصوصية",
    "التشفير",
    "الصحفيين",
    "الناشطين",
    "دليل",
    "تدريب",
    "السلامة",
    "التحرش",
    "الإلكتروني",
    "المراقبة",
    "الرقابة",
    "تجاوز",
    "البيانات",
    "المفتوحة",
    "الشفافية",
    "الحقوق",
    "حرية",
    "التعبير",
    "المجتمع",
    "الخرائط",
    "الفيديو",
    "المناصرة",
    "الحملات",
    "البحث",
    "التحقق",
    "الهواتف",
    "كلمات",
    "المرور",
    "الحسابات",
    "التهديدات",
    "تقييم",
    "المخاطر",
    "حماية",
    "المصادر",
    "التقارير",
    "الانتخابات",
    "مراقبة",
    "إمكانية",
    "الوصول",
    "المرأة",
    "الشباب",
    "اللاجئين",
    "الصحة",
    "البيئة",
    "القانون",
    "المعلومات",
    "الحوكمة",
    "الإنترنت",
    "وسائل",
    "التواصل",
    "الاجتماعي",
    "السرد",
    "التمويل",
    "المنظمات",
    "غير",
    "الربحية",
]
REGIONS = ["global", "mena", "lb", "eg", "tn", "jo", "ps", "sy", "ma", "iq", "ye", "sd"]
LANGUAGE_SETS = [["ar"], ["en"], ["ar", "en"], ["ar", "en", "fr"], ["fr"], ["en", "es"]]
LICENCES = [code for code in vocabularies.LICENCES if code != "LicenseRef-All-Rights-Reserved"]
BATCH = 500


def _sentence(rng, words, low, high):
    return " ".join(rng.choice(words) for _ in range(rng.randint(low, high)))


def _text(rng, words, sentences):
    return ". ".join(_sentence(rng, words, 8, 16) for _ in range(sentences)) + "."


def _rating(rng):
    """A plausible rating history: most resources unrated, some heavily rated."""
    count = rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 13, 40])
    total = sum(rng.choice([2, 3, 4, 4, 5, 5]) for _ in range(count))
    return count, total


PROFILES = ("realistic", "stress")


def generate_resources(count, seed, progress=None, profile="stress"):
    """Create `count` resources in English with their Arabic translations; returns count.

    `profile` "realistic" writes text from a vocabulary of tens of thousands of word forms that
    cluster by category (library.synthetic_corpus: most searches match a few percent of the
    library); "stress" writes every resource from the same 55 words per language (any search
    matches nearly everything: the worst case for scoring and counting)."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}")
    rng = random.Random(seed)
    english, arabic = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="ar")
    indexes = {
        english.pk: LibraryIndexPage.objects.get(locale=english),
        arabic.pk: LibraryIndexPage.objects.get(locale=arabic),
    }
    category_ids = dict(CategoryPage.objects.filter(locale=english).values_list("slug", "pk"))
    content_type = ContentType.objects.get_for_model(ResourcePage)
    tag_ids = {}
    make = _realistic_data if profile == "realistic" else _resource_data
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        rows = [make(rng, seed, done + i) for i in range(size)]
        for name in {name for row in rows for name in row["tags"]} - set(tag_ids):
            tag_ids[name] = Tag.objects.get_or_create(name=name, defaults={"slug": name})[0].pk
        with transaction.atomic():
            for index in indexes.values():
                _insert_batch(rows, index, content_type, category_ids, tag_ids)
        done += size
        if progress:
            progress(size)
    return done


def _resource_data(rng, seed, number):
    """One resource of the stress profile."""
    count, total = _rating(rng)
    return {
        "key": uuid.UUID(int=rng.getrandbits(128), version=4),
        "slug": f"synthetic-{seed}-{number}",
        "title_en": _sentence(rng, EN_WORDS, 4, 9).capitalize(),
        "title_ar": _sentence(rng, AR_WORDS, 4, 9),
        "summary_en": _text(rng, EN_WORDS, 3),
        "summary_ar": _text(rng, AR_WORDS, 3),
        "body_en": _text(rng, EN_WORDS, 10),
        "body_ar": _text(rng, AR_WORDS, 10),
        "url": f"https://resources.example.org/{seed}/{number}",
        "languages": rng.choice(LANGUAGE_SETS),
        "format": rng.choice(list(vocabularies.FORMATS)),
        "regions": rng.sample(REGIONS, rng.randint(1, 2)),
        "license": rng.choice(LICENCES),
        "year": rng.randint(2005, 2026),
        "categories": [CATEGORIES[i][0] for i in rng.sample(range(40), rng.randint(1, 3))],
        "tags": [EN_WORDS[i] for i in rng.sample(range(30), rng.randint(1, 4))],
        "rating": (count, total),
        "published": timezone.now() - timedelta(minutes=number),
    }


def _realistic_data(rng, seed, number):
    """One resource of the realistic profile (library.synthetic_corpus)."""
    from .synthetic_corpus import corpus

    count, total = _rating(rng)
    data = corpus().resource(rng)
    data.update(
        key=uuid.UUID(int=rng.getrandbits(128), version=4),
        slug=f"synthetic-{seed}-{number}",
        url=f"https://resources.example.org/{seed}/{number}",
        rating=(count, total),
        published=timezone.now() - timedelta(minutes=number),
    )
    return data


def _insert_batch(rows, index, content_type, category_ids, tag_ids):
    language = "ar" if index.locale.language_code == "ar" else "en"
    locale_id = index.locale_id
    index.refresh_from_db(fields=["numchild"])
    first_step = index.numchild + 1
    pages = []
    for offset, row in enumerate(rows):
        title = row[f"title_{language}"]
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=row["slug"],
                content_type=content_type,
                path=Page._get_path(index.path, index.depth + 1, first_step + offset),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{row['slug']}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=row["published"],
                last_published_at=row["published"],
                locale_id=locale_id,
                translation_key=row["key"],
            )
        )
    Page.objects.bulk_create(pages)
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(rows))
    _insert_resource_rows(pages, rows, language)
    m2m = ResourcePage.categories.through
    m2m.objects.bulk_create(
        m2m(resourcepage_id=page.pk, categorypage_id=category_ids[slug])
        for page, row in zip(pages, rows, strict=True)
        for slug in row["categories"]
        if slug in category_ids
    )
    ResourceTag.objects.bulk_create(
        ResourceTag(content_object_id=page.pk, tag_id=tag_ids[name])
        for page, row in zip(pages, rows, strict=True)
        for name in row["tags"]
    )


def _insert_resource_rows(pages, rows, language):
    """The ResourcePage rows of `pages`, one INSERT per batch. Every column of the model is
    written (its default where the generator has nothing to say), so a field added to the
    model later does not break the generator."""
    values_of = []
    for page, row in zip(pages, rows, strict=True):
        count, total = row["rating"]
        values_of.append(
            {
                "page_ptr": page.pk,
                "summary": row[f"summary_{language}"],
                "source_url": row["url"],
                "normalized_url": row["url"],
                "languages": row["languages"],
                "media_format": row["format"],
                "regions": row["regions"],
                "license": row["license"],
                "author": "Synthetic author",
                "publisher": "Synthetic publisher",
                "year": row["year"],
                "framable": False,
                "link_status": "unknown",
                # Stored as it is: the StreamField's own preparation wants block objects.
                "details": json.dumps(
                    [
                        {
                            "type": "text",
                            "value": f"<p>{row[f'body_{language}']}</p>",
                            "id": str(uuid.UUID(int=page.pk, version=4)),
                        }
                    ]
                ),
                "rating_count": count,
                "rating_sum": total,
                "rating_average": (total / count) if count else 0.0,
                "rating_bayesian": bayesian_rating(count, total),
            }
        )
    fields = list(ResourcePage._meta.local_concrete_fields)
    values = [
        tuple(
            given["details"]
            if field.name == "details"
            else field.get_db_prep_save(
                given[field.name] if field.name in given else field.get_default(), connection
            )
            for field in fields
        )
        for given in values_of
    ]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {ResourcePage._meta.db_table} ({columns}) VALUES ({placeholders})",
            values,
        )
