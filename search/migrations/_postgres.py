"""The runner the search app's PostgreSQL-only migrations share (0002 onwards): the full-text
fallback's tables, triggers and indexes exist on PostgreSQL only, and SQLite (`make run`) keeps
the portable substring search. Django's migration loader skips modules named with a leading
underscore, so this is not a migration itself."""


def run(statements):
    """A RunPython function executing `statements` on PostgreSQL and nothing elsewhere."""

    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply
