"""`manage.py check_links`: check resources' source URLs now, with a progress bar."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from curation import link_health


class Command(BaseCommand):
    help = (
        "Check the source URLs of published resources through the safe fetcher (politely: "
        "per-host delay, retries with backoff), record the results and mark links broken after "
        "repeated failures. Links checked recently are skipped unless --all is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Check every link, even recently checked ones."
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the check as a background task instead of running it here.",
        )

    def handle(self, *args, **options):
        if options["enqueue"]:
            from curation.tasks import check_links

            result = check_links.enqueue(force=options["all"])
            self.stdout.write(f"Queued link check {result.id} ({result.status}).")
            return
        due = len(link_health.targets(force=options["all"]))
        with tqdm(total=due, unit="link", disable=due == 0 or options["verbosity"] == 0) as bar:
            summary = link_health.check_links(
                force=options["all"], progress=lambda _r: bar.update()
            )
        if not summary:
            self.stdout.write("No links are due for a check.")
            return
        for outcome, count in sorted(summary.items()):
            self.stdout.write(f"{outcome}: {count}")
