"""How members are named to other people: the one rule every page, API response, feed and
widget uses, so that a member's privacy choices hold wherever their contributions appear.

A member is named by their pseudonym (username), or by their display name when they chose to
show it. Comments are signed (a comment without an author reads as the site speaking); every
other contribution names its member only when the member chose to show that kind of
contribution: collections (`show_collections`), ratings (`show_ratings`) and submissions
(`show_submissions`). Credit for curation work (accepted suggestions, published volunteer
translations, the contributor page) follows `show_contributions`.
"""

COMMENT = "comment"
COLLECTION = "collection"
RATING = "rating"
SUBMISSION = "submission"
CONTRIBUTION = "contribution"

_CHOICE_FOR = {
    COMMENT: None,  # always signed
    COLLECTION: "show_collections",
    RATING: "show_ratings",
    SUBMISSION: "show_submissions",
    CONTRIBUTION: "show_contributions",
}


def may_be_named(member, context):
    """True when `member` may be named beside a contribution of kind `context`."""
    if member is None or not getattr(member, "is_active", False):
        return False
    choice = _CHOICE_FOR[context]
    return choice is None or bool(getattr(member, choice, False))


def public_name(member, context):
    """The name other people see for `member` beside a `context` contribution, or None when
    the member is not to be named there (callers then say "a member" or nothing)."""
    if not may_be_named(member, context):
        return None
    if member.show_display_name and member.display_name:
        return member.display_name
    return member.get_username()
