"""The library's models, one module per concern; imported here so Django finds them all."""

from .collections import Collection, CollectionItem  # noqa: F401
from .comments import Comment, CommentReport  # noqa: F401
from .pages import (  # noqa: F401
    CategoryIndexPage,
    CategoryPage,
    LibraryIndexPage,
    ResourcePage,
    ResourceTag,
)
from .ratings import Rating  # noqa: F401
from .shortlinks import ShortLink  # noqa: F401
from .submissions import ResourceIdentity, Submission  # noqa: F401
