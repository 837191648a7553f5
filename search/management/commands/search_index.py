"""Manage the search index: rebuild, health, sync (replay the outbox), purge_zero_results."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from search import concept_tags, engine, indexing, services, synonyms
from search.documents import live_translation_keys
from search.models import PendingIndexUpdate, SearchDocument
from search.rebuild import rebuild


class Command(BaseCommand):
    help = (
        "rebuild: fill a new index and swap the alias to it (no downtime), and refresh the "
        "database fallback; health: engine, alias, document counts, pending updates; sync: "
        "replay updates queued while the engine was down, re-tag the database fallback's rows "
        "and rebuild the index if the vocabulary changed since; purge_zero_results: delete "
        "zero-result counts older than TASHARUK_SEARCH['ZERO_RESULT_RETENTION_DAYS']."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "health", "sync", "purge_zero_results"])
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (for logs)")

    def handle(self, *args, action, no_progress=False, **options):
        getattr(self, f"_{action}")(no_progress)

    def _rebuild(self, no_progress):
        total = live_translation_keys().count()
        with tqdm(total=total, desc="Indexing", unit="resource", disable=no_progress) as bar:
            try:
                count = rebuild(progress=bar.update)
            except engine.EngineUnavailable as error:
                raise CommandError(f"Search engine unavailable: {error}") from error
        where = engine.alias_name() if engine.configured() else "the database fallback"
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} resources into {where}."))

    def _health(self, no_progress):
        live = live_translation_keys().count()
        pending = PendingIndexUpdate.objects.count()
        lines = []
        healthy = pending == 0
        if engine.configured():
            try:
                info = engine.health()
            except Exception as error:  # noqa: BLE001 - report, don't crash
                lines.append(f"engine: UNREACHABLE at {engine.client().transport.hosts} ({error})")
                healthy = False
            else:
                lines += [
                    f"engine: {info['engine']} {info['version']}",
                    f"cluster: {info['status']}, {info['nodes']} nodes",
                    f"alias: {info['alias']} -> {info['index'] or 'MISSING'}",
                    f"index replicas: {info['replicas']} (configured: {engine.replicas()})",
                    f"engine documents: {info['documents']} (database: {live} live resources)",
                    f"engine synonyms: {'current' if synonyms.is_current() else 'OUT OF DATE'}",
                ]
                # Yellow (a replica missing, a node down) still answers every search: healthy.
                healthy = (
                    healthy
                    and info["status"] != "red"
                    and info["documents"] == live
                    and synonyms.is_current()
                )
        else:
            lines.append("engine: not configured (database search)")
        lines.append(f"database fallback documents: {SearchDocument.objects.count()}")
        if connection.vendor == "postgresql":
            # Not unhealthy: until re-tagged, the fallback matches those concepts by their forms.
            stale = concept_tags.stale()
            tags = f"{len(stale)} concepts OUT OF DATE (slower)" if stale else "current"
            lines.append(f"database fallback concept tags: {tags}")
        lines.append(f"pending updates (outbox): {pending}")
        for line in lines:
            self.stdout.write(line)
        if not healthy:
            raise CommandError("Search index is not healthy (see above).")
        self.stdout.write(self.style.SUCCESS("Search index is healthy."))

    def _sync(self, no_progress):
        # First: the fallback answers while the engine is down, which is when this matters.
        with tqdm(desc="Tagging", unit="step", disable=no_progress) as bar:

            def progress(done, total):
                bar.total = total
                bar.update(done - bar.n)

            tagged = concept_tags.sync(progress=progress)
        if tagged:
            self.stdout.write(self.style.SUCCESS(f"Re-tagged the fallback for {tagged} concepts."))
        pending = PendingIndexUpdate.objects.count()
        if not indexing.replay():
            raise CommandError("Search engine unavailable; updates stay queued.")
        self.stdout.write(self.style.SUCCESS(f"Replayed {pending} pending updates."))
        if engine.configured() and synonyms.refresh():
            self.stdout.write(self.style.SUCCESS("Rebuilt the index for the new vocabulary."))

    def _purge_zero_results(self, no_progress):
        deleted = services.purge_zero_results()
        self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} old zero-result counts."))
