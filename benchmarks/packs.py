#!/usr/bin/env python
"""Offline-pack benchmark (not a test): build the signed pack of a 50-resource public
collection, in English and in Arabic, and print the time and the ZIP's size.

Give it a database of its own; it migrates, builds the site skeleton, generates resources if
there are fewer than --resources (each
with an Arabic translation), and adds one member with one public collection:

  DATABASE_URL=postgres://postgres@127.0.0.1:54329/tasharuk_bench_packs \\
  .venv/bin/python benchmarks/packs.py

A throwaway signing key is made in a temporary folder (minisign must be installed), so the
timing includes signing. Each build runs --repeat times from the source (no kept pack is
reused); the output gives the median and the slowest, the ZIP size, how many files it holds,
the PDF's share of it, and `uptime`'s load average.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from io import BytesIO, StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tasharuk.settings.dev")


SUMMARY_EN = (
    "A practical guide for journalists and activists: how to assess risks, protect sources, "
    "encrypt devices and messages, and recover accounts after an incident. "
) * 3
SUMMARY_AR = (
    "دليل عملي للصحفيين والناشطين: كيف تقيّم المخاطر وتحمي مصادرك وتشفّر أجهزتك ورسائلك "
    "وتستعيد حساباتك بعد حادث. "
) * 3


def add_resource(number):
    """One published resource in English with its Arabic translation, as curators make them."""
    from wagtail.models import Locale

    from library.models import ResourcePage
    from library.services import add_to_library
    from library.translations import translate

    page = add_to_library(
        ResourcePage(
            title=f"Digital safety guide {number}",
            summary=SUMMARY_EN,
            source_url=f"https://publisher.example.org/guides/{number}/",
            media_format="guide",
            license="CC-BY-4.0",
            license_evidence="",
            languages=["en", "ar"],
            regions=["global"],
            author="Example Collective",
            publisher="Example Press",
            year=2025,
            locale=Locale.objects.get(language_code="en"),
        )
    )
    page.save_revision().publish()
    translate(
        page,
        Locale.objects.get(language_code="ar"),
        fields={"title": f"دليل الأمان الرقمي {number}", "summary": SUMMARY_AR},
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--resources", type=int, default=50, help="resources in the collection")
    parser.add_argument("--repeat", type=int, default=5, help="timed builds per language")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from community.models import Collection, CollectionItem
    from library.models import ResourcePage
    from sitebuild.site_structure import ensure_site
    from trainers.packs.build import build_zip
    from trainers.packs.sources import load

    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    ensure_site()
    have = ResourcePage.objects.filter(locale__language_code="en").live().count()
    for number in range(have, args.resources):
        add_resource(number)
    keys = list(
        ResourcePage.objects.filter(locale__language_code="en")
        .live()
        .order_by("pk")
        .values_list("translation_key", flat=True)[: args.resources]
    )
    owner, _ = get_user_model().objects.get_or_create(username="pack-benchmark")
    collection, _ = Collection.objects.get_or_create(
        owner=owner, name="Benchmark pack", defaults={"is_public": True}
    )
    collection.items.all().delete()
    CollectionItem.objects.bulk_create(
        CollectionItem(collection=collection, translation_key=key, position=n)
        for n, key in enumerate(keys)
    )

    with tempfile.TemporaryDirectory() as keys_dir:
        settings.TASHARUK_PACK_SIGNING_KEY_DIR = keys_dir
        call_command("trainers_signing_key", verbosity=0, stdout=StringIO())
        for language in ("en", "ar"):
            times, data = [], b""
            for _ in range(args.repeat):
                started = time.perf_counter()
                source = load("collection", collection.pk, language)
                data = build_zip(source)
                times.append(time.perf_counter() - started)
            with zipfile.ZipFile(BytesIO(data)) as archive:
                infos = archive.infolist()
                pdf = next(i.compress_size for i in infos if i.filename == "pack.pdf")
            print(
                f"{language}: {len(source.resources())} resources, {len(infos)} files, "
                f"ZIP {len(data) / 1024:.0f} KiB (PDF {pdf / 1024:.0f} KiB compressed); "
                f"build median {statistics.median(times):.2f} s, slowest {max(times):.2f} s "
                f"({args.repeat} builds)"
            )
    print("load:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    main()
