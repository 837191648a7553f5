"""Puts the site together from its rooms (home pages, the library): skeleton and loaders."""
