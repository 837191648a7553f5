"""Import concepts from a CSV or SKOS (JSON-LD) file: all or nothing."""

from django.core.management.base import BaseCommand, CommandError

from vocabulary.exchange import VocabularyImportError, import_file


class Command(BaseCommand):
    help = (
        "Import vocabulary concepts from CSV (identifier, category, label_en, variants_en, "
        "label_ar, variants_ar, broader; variants separated by '|') or SKOS JSON-LD. A known "
        "identifier updates its concept. Any bad line is reported and nothing is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--format", choices=["csv", "skos"], help="default: from the file extension"
        )

    def handle(self, *args, file, format=None, **options):
        try:
            created, updated = import_file(file, format=format)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        except VocabularyImportError as error:
            for line, message in error.problems:
                self.stderr.write(f"{file}:{line}: {message}")
            raise CommandError(
                f"{len(error.problems)} problem(s) found; nothing was imported."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(f"Vocabulary imported: {created} created, {updated} updated.")
        )
