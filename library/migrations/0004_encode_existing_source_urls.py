"""Source URLs stored before they were percent-encoded on the way in (a raw quote, space or
Arabic path) are rewritten in the encoded form every new URL gets, with their identity."""

from django.db import migrations

from library.resource_urls import encode_resource_url, normalize_url


def encode_source_urls(apps, schema_editor):
    ResourcePage = apps.get_model("library", "ResourcePage")
    for page in ResourcePage.objects.only("pk", "source_url", "normalized_url").iterator():
        encoded = encode_resource_url(page.source_url) if page.source_url else page.source_url
        if encoded != page.source_url:
            ResourcePage.objects.filter(pk=page.pk).update(
                source_url=encoded, normalized_url=normalize_url(encoded)
            )


class Migration(migrations.Migration):
    dependencies = [("library", "0003_member_contributions_moved_to_community")]

    operations = [migrations.RunPython(encode_source_urls, migrations.RunPython.noop)]
