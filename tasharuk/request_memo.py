"""Values a request looks up many times, kept for that request only.

A page of twenty result cards asks for each card's tool warning, and every lookup reads the
shared cache twice (the PAGES generation, then the warnings under it): on Redis, about forty
round trips for one search results page, a third of its rendering time. Within one request
the answer cannot change unless the request itself changes it, so the first answer is kept
until the response is made; `forget()` (called whenever a generation advances) drops it at
once. Outside a request (tasks, commands) nothing is kept: every lookup asks again.
"""

from contextvars import ContextVar

_memo = ContextVar("tasharuk_request_memo", default=None)


def remembered(key, compute):
    """`compute()`, or what it gave earlier in this request."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def forget():
    """Drop what this request kept (something it depends on just changed)."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()


class RequestMemoMiddleware:
    """Keeps `remembered` values from the start of a request to its response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
