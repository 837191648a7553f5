"""Rating aggregates. The Bayesian average pulls scarce ratings toward a prior, so one 5-star
rating never outranks forty 4.6 ratings, and many poor ratings sink below unrated resources."""

# An unrated resource counts as PRIOR_WEIGHT ratings of PRIOR_MEAN stars.
PRIOR_MEAN = 3.0
PRIOR_WEIGHT = 5


def bayesian_rating(count, total):
    """(C·m + Σr) / (C + n): the rating used for ranking; PRIOR_MEAN when unrated."""
    return (PRIOR_WEIGHT * PRIOR_MEAN + total) / (PRIOR_WEIGHT + count)
