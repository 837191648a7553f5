"""manage.py verify_pack FILE.zip: check an offline pack's signature and every file's hash."""

from django.core.management.base import BaseCommand, CommandError

from trainers.packs.verify import PackInvalid, verify_pack
from trainers.signing import SigningError


class Command(BaseCommand):
    help = "Check an offline pack: the manifest's signature by the site's key, then every file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the pack (.zip)")
        parser.add_argument(
            "--public-key", default="", help="a minisign public key (base64) instead of the site's"
        )

    def handle(self, *args, **options):
        try:
            count = verify_pack(options["file"], options["public_key"] or None)
        except (PackInvalid, SigningError) as error:
            raise CommandError(f"NOT VALID: {error}") from None
        self.stdout.write(f"OK: signature good, {count} files match the manifest.")
