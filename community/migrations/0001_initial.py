# Members' contributions moved here from library/ (and feedback from home/) without touching a
# row: the tables keep their names (Meta.db_table), so this only tells Django's model state that
# community/ now owns them. library 0003 and home 0003 drop them from their own state.

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('home', '0002_feedback_message'),
        ('library', '0002_member_contributions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='ResourceIdentity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('normalized_url', models.CharField(max_length=2000, unique=True)),
                        ('translation_key', models.UUIDField(db_index=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        'verbose_name': 'resource identity',
                        'verbose_name_plural': 'resource identities',
                        'db_table': 'library_resourceidentity',
                    },
                ),
                migrations.CreateModel(
                    name='Collection',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120, verbose_name='name')),
                        ('description', models.TextField(blank=True, max_length=2000, verbose_name='description')),
                        ('is_public', models.BooleanField(default=False, help_text='Anyone with the link can see a public collection. Private ones only you.', verbose_name='public')),
                        ('is_default', models.BooleanField(default=False, editable=False)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('owner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='resource_collections', to=settings.AUTH_USER_MODEL, verbose_name='owner')),
                    ],
                    options={
                        'verbose_name': 'collection',
                        'verbose_name_plural': 'collections',
                        'db_table': 'library_collection',
                        'ordering': ['-is_default', 'name', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='CollectionItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(verbose_name='resource')),
                        ('note', models.TextField(blank=True, max_length=2000, verbose_name='personal note')),
                        ('position', models.PositiveIntegerField(default=0)),
                        ('added_at', models.DateTimeField(auto_now_add=True)),
                        ('collection', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='community.collection')),
                    ],
                    options={
                        'verbose_name': 'collection item',
                        'verbose_name_plural': 'collection items',
                        'db_table': 'library_collectionitem',
                        'ordering': ['position', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Comment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(db_index=True, verbose_name='resource')),
                        ('language', models.CharField(blank=True, max_length=10, verbose_name='language')),
                        ('body', models.TextField(max_length=4000, verbose_name='comment')),
                        ('status', models.CharField(choices=[('published', 'Published'), ('held', 'Held for review'), ('hidden', 'Hidden by a curator')], default='published', max_length=10, verbose_name='status')),
                        ('report_count', models.PositiveIntegerField(default=0, verbose_name='reports')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='written')),
                        ('edited_at', models.DateTimeField(blank=True, null=True, verbose_name='edited')),
                        ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='resource_comments', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                    ],
                    options={
                        'verbose_name': 'comment',
                        'verbose_name_plural': 'comments',
                        'db_table': 'library_comment',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='CommentReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reason', models.CharField(blank=True, max_length=500, verbose_name='reason')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('comment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='community.comment')),
                        ('reporter', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'comment report',
                        'verbose_name_plural': 'comment reports',
                        'db_table': 'library_commentreport',
                    },
                ),
                migrations.CreateModel(
                    name='FeedbackMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('message', models.TextField(max_length=5000, verbose_name='message')),
                        ('contact', models.CharField(blank=True, help_text='An email address or another way to reach you, only if you want an answer.', max_length=255, verbose_name='contact (optional)')),
                        ('page_url', models.CharField(blank=True, max_length=500, verbose_name='page')),
                        ('language', models.CharField(blank=True, max_length=10, verbose_name='language')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='received')),
                        ('resolved', models.BooleanField(default=False, verbose_name='resolved')),
                        ('resolved_at', models.DateTimeField(blank=True, null=True, verbose_name='resolved at')),
                        ('curator_note', models.TextField(blank=True, verbose_name="curator's note")),
                        ('member', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='member')),
                    ],
                    options={
                        'verbose_name': 'feedback message',
                        'verbose_name_plural': 'feedback messages',
                        'db_table': 'home_feedbackmessage',
                        'ordering': ['resolved', '-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Rating',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(db_index=True, verbose_name='resource')),
                        ('stars', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='stars')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='resource_ratings', to=settings.AUTH_USER_MODEL, verbose_name='member')),
                    ],
                    options={
                        'verbose_name': 'rating',
                        'verbose_name_plural': 'ratings',
                        'db_table': 'library_rating',
                    },
                ),
                migrations.CreateModel(
                    name='ShortLink',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=16, unique=True)),
                        ('translation_key', models.UUIDField(blank=True, null=True, unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('collection', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='short_link', to='community.collection')),
                    ],
                    options={
                        'verbose_name': 'short link',
                        'verbose_name_plural': 'short links',
                        'db_table': 'library_shortlink',
                    },
                ),
                migrations.CreateModel(
                    name='Submission',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(db_index=True)),
                        ('source_url', models.CharField(max_length=2000, verbose_name='URL')),
                        ('title', models.CharField(max_length=255, verbose_name='title')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='submitted')),
                        ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published')),
                        ('publication_seen', models.BooleanField(default=False)),
                        ('member', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='resource_submissions', to=settings.AUTH_USER_MODEL, verbose_name='member')),
                        ('page', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='library.resourcepage', verbose_name='resource page')),
                    ],
                    options={
                        'verbose_name': 'submission',
                        'verbose_name_plural': 'submissions',
                        'db_table': 'library_submission',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='collection',
                    constraint=models.UniqueConstraint(condition=models.Q(('is_default', True)), fields=('owner',), name='library_collection_one_default'),
                ),
                migrations.AddConstraint(
                    model_name='collectionitem',
                    constraint=models.UniqueConstraint(fields=('collection', 'translation_key'), name='library_collection_item_once'),
                ),
                migrations.AddConstraint(
                    model_name='commentreport',
                    constraint=models.UniqueConstraint(fields=('comment', 'reporter'), name='library_comment_report_once'),
                ),
                migrations.AddConstraint(
                    model_name='rating',
                    constraint=models.UniqueConstraint(fields=('user', 'translation_key'), name='library_rating_one_per_member'),
                ),
                migrations.AddConstraint(
                    model_name='rating',
                    constraint=models.CheckConstraint(condition=models.Q(('stars__gte', 1), ('stars__lte', 5)), name='library_rating_1_to_5'),
                ),
                migrations.AddConstraint(
                    model_name='shortlink',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('collection__isnull', True), ('translation_key__isnull', False)), models.Q(('collection__isnull', False), ('translation_key__isnull', True)), _connector='OR'), name='library_shortlink_one_target'),
                ),
    
            ],
        ),
    ]
