"""Take an empty database to the whole demo site, in English and Arabic. Safe to run again."""

from pathlib import Path

from django.core.management.base import BaseCommand
from tqdm import tqdm

from library.importer import import_lines
from library.models import ResourcePage
from paths.demo import ensure_demo_paths
from programs.demo import ensure_demo_program
from sitebuild.bulk_loading import deferred_page_indexing
from sitebuild.site_structure import ensure_site
from vocabulary.demo import load_demo_vocabulary

DEMO_FILE = Path(__file__).resolve().parents[3] / "library" / "demo_data" / "resources.jsonl"


class Command(BaseCommand):
    help = (
        "Create the bilingual site skeleton (home, library, the 40 categories, guide, about) "
        "and import the demo resources. Idempotent: a second run updates instead of duplicating."
    )

    def handle(self, *args, **options):
        self.stdout.write("Building the site skeleton in English and Arabic…")
        ensure_site()
        created, updated = load_demo_vocabulary()
        self.stdout.write(f"Vocabulary: {created} concepts created, {updated} updated.")
        with DEMO_FILE.open(encoding="utf-8") as lines, deferred_page_indexing(ResourcePage):
            report = import_lines(
                lines,
                progress=lambda items: tqdm(items, desc="Demo resources", unit="resource"),
            )
        ensure_demo_program()  # the four-week training program, built from these resources
        ensure_demo_paths()  # learning paths through these resources
        for number, message in report.errors:
            self.stderr.write(f"{DEMO_FILE.name}:{number}: {message}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {report.created} resources created, {report.updated} updated."
            )
        )
