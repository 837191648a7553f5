"""Partial indexes on Wagtail's page table for the library and category listings
(library/listing.py): the ids of one locale's live pages of one type in listing order, so a
deep page (`?page=2000`) walks an index instead of reading, joining and sorting the rows it
skips. On Wagtail's table, hence SQL rather than a model Meta.indexes entry."""

from django.db import migrations

INDEXES = {
    "library_listing_newest": "(locale_id, content_type_id, first_published_at DESC, id DESC)",
    "library_listing_title": "(locale_id, content_type_id, title, id)",
}


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0007_license_evidence"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON wagtailcore_page {columns} WHERE live",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, columns in INDEXES.items()
    ]
