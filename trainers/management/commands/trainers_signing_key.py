"""manage.py trainers_signing_key: create the site's pack-signing key once; show it after."""

from django.core.management.base import BaseCommand, CommandError

from trainers import signing


class Command(BaseCommand):
    help = (
        "Create the Ed25519 key (minisign format) that signs offline packs, in "
        "TASHARUK_PACK_SIGNING_KEY_DIR. Never overwrites an existing key; --show prints it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--show", action="store_true", help="print the existing public key")

    def handle(self, *args, **options):
        try:
            if not options["show"]:
                path = signing.generate_key()
                self.stdout.write(f"Key created. Public key: {path}")
        except signing.SigningError as error:
            raise CommandError(str(error)) from None
        public = signing.public_key()
        if not public:
            raise CommandError("No signing key yet.")
        self.stdout.write(f"Public key: {public}")
        self.stdout.write(f"Key id: {signing.key_id(public)}")
        self.stdout.write(f"Fingerprint: {signing.fingerprint(public)}")
