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


def generate_resources(count, seed, progress=None):
    """Create `count` resources in English with their Arabic translations; returns count."""
    rng = random.Random(seed)
    english, arabic = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="ar")
    indexes = {
        english.pk: LibraryIndexPage.objects.get(locale=english),
        arabic.pk: LibraryIndexPage.objects.get(locale=arabic),
    }
    category_ids = dict(CategoryPage.objects.filter(locale=english).values_list("slug", "pk"))
    slugs = [slug for slug, _en, _ar in CATEGORIES]
    content_type = ContentType.objects.get_for_model(ResourcePage)
    tag_ids = {
        word: Tag.objects.get_or_create(name=word, defaults={"slug": word})[0].pk
        for word in EN_WORDS[:30]
    }
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        rows = [_resource_data(rng, seed, done + i) for i in range(size)]
        with transaction.atomic():
            for locale_id, index in indexes.items():
                _insert_batch(rows, index, locale_id, content_type, category_ids, slugs, tag_ids)
        done += size
        if progress:
            progress(size)
    return done


def _resource_data(rng, seed, number):
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
        "categories": rng.sample(range(40), rng.randint(1, 3)),
        "tags": rng.sample(range(30), rng.randint(1, 4)),
        "rating": (count, total),
        "published": timezone.now() - timedelta(minutes=number),
    }


def _insert_batch(rows, index, locale_id, content_type, category_ids, slugs, tag_ids):
    language = "ar" if index.locale.language_code == "ar" else "en"
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
    table = ResourcePage._meta.db_table
    columns = [
        "page_ptr_id",
        "summary",
        "source_url",
        "normalized_url",
        "languages",
        "media_format",
        "regions",
        "license",
        "author",
        "publisher",
        "year",
        "framable",
        "link_status",
        "details",
        "rating_count",
        "rating_sum",
        "rating_average",
        "rating_bayesian",
    ]
    values = []
    for page, row in zip(pages, rows, strict=True):
        count, total = row["rating"]
        values.append(
            (
                page.pk,
                row[f"summary_{language}"],
                row["url"],
                row["url"],
                json.dumps(row["languages"]),
                row["format"],
                json.dumps(row["regions"]),
                row["license"],
                "Synthetic author",
                "Synthetic publisher",
                row["year"],
                False,
                "unknown",
                json.dumps(
                    [
                        {
                            "type": "text",
                            "value": f"<p>{row[f'body_{language}']}</p>",
                            "id": str(uuid.UUID(int=page.pk, version=4)),
                        }
                    ]
                ),
                count,
                total,
                (total / count) if count else 0.0,
                bayesian_rating(count, total),
            )
        )
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", values
        )
    m2m = ResourcePage.categories.through
    m2m.objects.bulk_create(
        m2m(resourcepage_id=page.pk, categorypage_id=category_ids[slugs[i]])
        for page, row in zip(pages, rows, strict=True)
        for i in row["categories"]
        if slugs[i] in category_ids
    )
    tag_names = list(tag_ids)
    ResourceTag.objects.bulk_create(
        ResourceTag(content_object_id=page.pk, tag_id=tag_ids[tag_names[i]])
        for page, row in zip(pages, rows, strict=True)
        for i in row["tags"]
    )
