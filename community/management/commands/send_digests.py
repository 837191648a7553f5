"""`manage.py send_digests`: send the e-mail digests that are due (for a timer to call)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Send the daily and weekly digests that are due to members with a confirmed e-mail "
        "address. Safe to run as often as wanted (hourly is a good rhythm): each member gets "
        "at most one digest per period."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the run as a background task instead of running it here.",
        )

    def handle(self, *args, **options):
        from community.tasks import send_digests

        if options["enqueue"]:
            result = send_digests.enqueue()
            self.stdout.write(f"Queued digests {result.id} ({result.status}).")
            return
        sent = send_digests.call()
        self.stdout.write(f"Digests sent: {sent}")
