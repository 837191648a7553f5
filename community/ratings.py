"""Members' star ratings and the rating aggregates of resources: the services views share.

Rating aggregates live on every translation of the resource (ResourcePage.rating_*). They are
changed only by one UPDATE with F() expressions, in the transaction that writes the rating,
so concurrent ratings can never lose an increment; the averages are computed in the same
statement from the updated count and sum.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, F, FloatField, Value, When
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from library.models import ResourcePage
from library.ratings import bayesian_rating

from .models import Rating

STARS = range(1, 6)


def _schedule_reindex(translation_key):
    try:
        from search.indexing import resource_changed
    except ImportError:  # the search gateway is optional for this module
        return
    resource_changed(translation_key)


def _apply_delta(translation_key, count_delta, sum_delta):
    """Add the deltas to every translation's aggregates and recompute both averages, in one
    UPDATE so the row locks make concurrent changes add up exactly."""
    pages = ResourcePage.objects.filter(translation_key=translation_key)
    # Lock in a fixed order first, so two transactions never wait on each other's rows.
    list(pages.select_for_update(of=("self",)).order_by("pk").values_list("pk", flat=True))
    new_count = F("rating_count") + count_delta
    new_sum = F("rating_sum") + sum_delta
    pages.update(
        rating_count=new_count,
        rating_sum=new_sum,
        rating_average=Case(
            When(
                rating_count__gt=-count_delta,
                then=Cast(new_sum, FloatField()) / Cast(new_count, FloatField()),
            ),
            default=Value(0.0),
            output_field=FloatField(),
        ),
        rating_bayesian=bayesian_rating(Cast(new_count, FloatField()), Cast(new_sum, FloatField())),
    )
    _schedule_reindex(translation_key)


def _resource_exists(translation_key):
    return ResourcePage.objects.live().filter(translation_key=translation_key).exists()


@transaction.atomic
def rate_resource(user, translation_key, stars):
    """Set `user`'s rating of the resource to `stars` (1–5); create or change it.

    Raise ValidationError for stars outside 1–5 and ResourcePage.DoesNotExist for an unknown
    or unpublished resource; nothing is changed in either case.
    """
    if isinstance(stars, bool) or not isinstance(stars, int) or stars not in STARS:
        raise ValidationError(_("A rating is a whole number of stars from 1 to 5."))
    if not _resource_exists(translation_key):
        raise ResourcePage.DoesNotExist
    rating = (
        Rating.objects.select_for_update()
        .filter(user=user, translation_key=translation_key)
        .first()
    )
    if rating is None:
        try:
            with transaction.atomic():
                Rating.objects.create(user=user, translation_key=translation_key, stars=stars)
        except IntegrityError:  # the same member rated in another tab a moment ago
            rating = Rating.objects.select_for_update().get(
                user=user, translation_key=translation_key
            )
        else:
            _apply_delta(translation_key, 1, stars)
            return
    if rating.stars != stars:
        delta = stars - rating.stars
        rating.stars = stars
        rating.save(update_fields=["stars", "updated_at"])
        _apply_delta(translation_key, 0, delta)


@transaction.atomic
def remove_rating(user, translation_key):
    """Withdraw `user`'s rating of the resource, if any."""
    rating = (
        Rating.objects.select_for_update()
        .filter(user=user, translation_key=translation_key)
        .first()
    )
    if rating is not None:
        rating.delete()
        _apply_delta(translation_key, -1, -rating.stars)


@transaction.atomic
def recount_ratings(translation_key):
    """Rewrite the aggregates from the Rating rows (after a revision is published, whose
    stored copy of the aggregates may be older than the ratings)."""
    list(
        ResourcePage.objects.filter(translation_key=translation_key)
        .select_for_update(of=("self",))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    stars = list(Rating.objects.filter(translation_key=translation_key).values_list("stars"))
    count, total = len(stars), sum(s for (s,) in stars)
    ResourcePage.objects.filter(translation_key=translation_key).update(
        rating_count=count,
        rating_sum=total,
        rating_average=total / count if count else 0.0,
        rating_bayesian=bayesian_rating(count, total),
    )


def rating_distribution(translation_key):
    """[(stars, count, percent)] from 5 down to 1."""
    counts = dict(
        Rating.objects.filter(translation_key=translation_key)
        .values_list("stars")
        .annotate(n=Count("id"))
        .values_list("stars", "n")
    )
    total = sum(counts.values())
    return [
        (stars, counts.get(stars, 0), round(100 * counts.get(stars, 0) / total) if total else 0)
        for stars in reversed(STARS)
    ]


def _on_published(sender, instance, **kwargs):
    """A published revision carries the aggregates as they were when it was saved; put the
    current ones back (only when there are ratings, so imports stay cheap)."""
    if Rating.objects.filter(translation_key=instance.translation_key).exists():
        recount_ratings(instance.translation_key)


def connect():
    from wagtail.signals import page_published

    page_published.connect(_on_published, dispatch_uid="library_ratings_recount")
