"""Export the vocabulary as CSV or SKOS (JSON-LD), to a file or standard output."""

import io
import json

from django.core.management.base import BaseCommand

from vocabulary.exchange import export_csv, export_skos


class Command(BaseCommand):
    help = (
        "Export every concept as CSV (the import format) or as a SKOS concept scheme in "
        "JSON-LD, to --output or standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "skos"], default="csv")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, format, output=None, **options):
        if format == "csv":
            buffer = io.StringIO()
            export_csv(buffer)
            text = buffer.getvalue()
        else:
            text = json.dumps(export_skos(), ensure_ascii=False, indent=2) + "\n"
        if output:
            with open(output, "w", encoding="utf-8", newline="") as out:
                out.write(text)
        else:
            self.stdout.write(text, ending="")
