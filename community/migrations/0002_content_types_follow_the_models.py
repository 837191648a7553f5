# The moved models' content types change app label (library/home -> community) in place, so the
# permissions, admin log entries and anything else that points at them stay attached.

from django.db import migrations

MOVED = {
    'library': [
        'collection',
        'collectionitem',
        'comment',
        'commentreport',
        'rating',
        'resourceidentity',
        'shortlink',
        'submission',
    ],
    'home': ['feedbackmessage'],
}


def _relabel(apps, to_community):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    for old_label, models in MOVED.items():
        source, target = (old_label, 'community') if to_community else ('community', old_label)
        for model in models:
            if ContentType.objects.filter(app_label=target, model=model).exists():
                continue  # already there (created after the move): leave both rows alone
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def forwards(apps, schema_editor):
    _relabel(apps, to_community=True)


def backwards(apps, schema_editor):
    _relabel(apps, to_community=False)


class Migration(migrations.Migration):

    dependencies = [
        ('community', '0001_initial'),
        ('library', '0003_member_contributions_moved_to_community'),
        ('home', '0003_feedback_moved_to_community'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
