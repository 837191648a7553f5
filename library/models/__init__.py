"""The catalogue's models; imported here so Django finds them all."""

from .pages import (  # noqa: F401
    CategoryIndexPage,
    CategoryPage,
    LibraryIndexPage,
    ResourcePage,
    ResourceTag,
)
