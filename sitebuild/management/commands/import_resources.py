"""Import resources from a JSON Lines file (format: DESIGN.md, "Import format")."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from library.importer import import_lines
from sitebuild.site_structure import ensure_site


class Command(BaseCommand):
    help = (
        "Import resources from FILE.jsonl, one JSON object per line. Bad lines are reported "
        "with their number and reason and the rest is imported; a resource already in the "
        "library (same normalised URL) is updated, never duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON Lines file, or - for standard input")
        parser.add_argument(
            "--dry-run", action="store_true", help="validate and report, write nothing"
        )
        parser.add_argument(
            "--strict", action="store_true", help="import nothing if any line is bad"
        )

    def handle(self, *args, file, dry_run, strict, **options):
        try:
            stream = sys.stdin if file == "-" else open(file, encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        ensure_site()
        with stream:
            try:
                lines = stream.readlines()
            except UnicodeDecodeError:
                raise CommandError(f"{file} is not UTF-8 text.") from None
            report = import_lines(
                lines,
                dry_run=dry_run,
                strict=strict,
                progress=lambda items: tqdm(items, desc="Importing", unit="resource"),
            )
        for number, message in report.errors:
            self.stderr.write(f"line {number}: {message}")
        if dry_run:
            summary = (
                f"Dry run: {report.created} would be created, {report.updated} updated, "
                f"{len(report.errors)} bad line(s). Nothing was written."
            )
        elif strict and report.errors:
            summary = f"Strict mode: {len(report.errors)} bad line(s), nothing was imported."
        else:
            summary = (
                f"Imported: {report.created} created, {report.updated} updated, "
                f"{len(report.errors)} bad line(s) skipped."
            )
        style = self.style.WARNING if report.errors else self.style.SUCCESS
        self.stdout.write(style(summary))
        if strict and report.errors:
            raise CommandError("Strict import failed.")
