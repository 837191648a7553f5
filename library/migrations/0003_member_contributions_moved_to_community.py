# Members' contributions now belong to community/ (its 0001 takes them over); their tables stay
# where they are, so this only removes them from library/'s model state.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('library', '0002_member_contributions'),
        ('community', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                # Models that point at others go first, so the state never holds a dangling key.
                migrations.DeleteModel(name='CommentReport'),
                migrations.DeleteModel(name='Comment'),
                migrations.DeleteModel(name='CollectionItem'),
                migrations.DeleteModel(name='ShortLink'),
                migrations.DeleteModel(name='Collection'),
                migrations.DeleteModel(name='Rating'),
                migrations.DeleteModel(name='Submission'),
                migrations.DeleteModel(name='ResourceIdentity'),
            ],
        ),
    ]
