"""Health checks for process supervisors and load balancers: /healthz and /readyz.

/healthz  The process answers. Touches nothing else (no database), so a supervisor restarts
          only processes that are stuck, never all of them because a shared service is down.
/readyz   The process can serve: the database and the shared cache answer (503 when either
          does not: send the traffic elsewhere), and whether the search engine does. The engine
          down is not "not ready": search answers from the database meanwhile, so the status
          is "reduced" with HTTP 200.

Both answer JSON holding one status per part and nothing else: no versions, host names,
addresses or error texts, which would tell a stranger what to attack. They are answered by
the outermost middleware, before host checking, the HTTPS redirect, sessions, language
redirects, rate limits and the page cache, so that a probe over plain HTTP from the load
balancer, with whatever Host header it sends, gets an honest answer that is never cached.
"""

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse

LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"
# A probe runs every few seconds: the engine gets a short time to answer.
ENGINE_TIMEOUT_SECONDS = 2


def database_status():
    """Whether the database answers a query: "ok" or "down"."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "down"
    return "ok"


def cache_status():
    """Whether the shared cache server answers: "ok" (a cache in process memory always does)
    or "down"."""
    ping = getattr(cache, "ping", None)  # tasharuk.shared_cache.SharedRedisCache
    if ping is None:
        return "ok"
    return "ok" if ping() else "down"


def engine_status():
    """Whether the engine answers and has the index: "ok", "down", or "off" when the site is
    configured without one (database search by design)."""
    from search import engine

    if not engine.configured():
        return "off"
    try:
        found = engine.client().indices.exists_alias(
            name=engine.alias_name(), request_timeout=ENGINE_TIMEOUT_SECONDS
        )
    except Exception:  # noqa: BLE001 — any failure to answer means search falls back
        return "down"
    return "ok" if found else "down"


def readiness():
    """(status, parts): status "ready", "reduced" (the engine is down: database search) or
    "unavailable" (the database or the cache is down)."""
    parts = {"database": database_status(), "cache": cache_status(), "engine": engine_status()}
    if parts["database"] != "ok" or parts["cache"] != "ok":
        status = "unavailable"
    elif parts["engine"] == "down":
        status = "reduced"
    else:
        status = "ready"
    return status, parts


def _answer(body, status_code=200):
    response = JsonResponse(body, status=status_code)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class HealthCheckMiddleware:
    """Answer GET and HEAD /healthz and /readyz before anything else runs (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            if request.path == LIVENESS_PATH:
                return _answer({"status": "ok"})
            if request.path == READINESS_PATH:
                status, parts = readiness()
                return _answer({"status": status, **parts}, 503 if status == "unavailable" else 200)
        return self.get_response(request)
