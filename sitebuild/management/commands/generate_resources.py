"""Generate synthetic bilingual resources for benchmarks (deterministic for a seed)."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from library.synthetic import generate_resources
from sitebuild.site_structure import ensure_site


class Command(BaseCommand):
    help = (
        "Create N synthetic resources, each in English and Arabic, with realistic text lengths "
        "and rating histories. The same --seed gives the same resources."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="how many resources")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")

    def handle(self, *args, count, seed, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        ensure_site()
        with tqdm(total=count, desc="Generating", unit="resource") as bar:
            made = generate_resources(count, seed, progress=bar.update)
        self.stdout.write(self.style.SUCCESS(f"Generated {made} resources (seed {seed})."))
