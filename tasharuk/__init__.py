"""Tasharuk: the project package (named so because a package called `site` cannot be imported)."""
