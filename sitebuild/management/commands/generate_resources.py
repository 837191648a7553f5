"""Generate synthetic bilingual resources for benchmarks (deterministic for a seed)."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from library.synthetic import PROFILES, generate_resources
from sitebuild.site_structure import ensure_site


class Command(BaseCommand):
    help = (
        "Create N synthetic resources, each in English and Arabic, with realistic text lengths "
        "and rating histories. The same --seed gives the same resources. --profile realistic "
        "(the default) writes text with a long tail of word forms clustered by category; "
        "--profile stress writes every resource from the same 55 words per language."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="how many resources")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--profile",
            choices=PROFILES,
            default="realistic",
            help="realistic (default) or stress",
        )

    def handle(self, *args, count, seed, profile, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        ensure_site()
        with tqdm(total=count, desc="Generating", unit="resource") as bar:
            made = generate_resources(count, seed, progress=bar.update, profile=profile)
        self.stdout.write(
            self.style.SUCCESS(f"Generated {made} resources (seed {seed}, profile {profile}).")
        )
