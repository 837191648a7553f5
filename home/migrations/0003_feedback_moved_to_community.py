# Feedback now belongs to community/ (its 0001 takes it over); the table stays where it is, so
# this only removes the model from home/'s model state.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0002_feedback_message'),
        ('community', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name='FeedbackMessage')],
        ),
    ]
