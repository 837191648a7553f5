"""A process's own copies of values kept in the shared cache under a generation.

A value kept by `tasharuk.invalidation.kept` never changes under its key: the key carries the
generation, and a change advances the generation, so the next request asks for another key.
Such a value can therefore be copied into the process that read it and reused there until its
own deadline (when it was computed plus how long it is kept), with no round trip to the shared
cache: a search reads the category titles and the tool warnings, a resource page its menu,
footer and kept parts, every time. The generation itself is still read from the shared cache
once per request, which is what makes a change seen everywhere at once.

The copies are few and bounded (least recently used go first), per process, and never hold
anything a generation would not also hold.
"""

import threading
import time
from collections import OrderedDict

MAX_COPIES = 2048


class LocalCopies:
    """At most `size` values with deadlines (seconds since the epoch), least recently used
    dropped first. Thread-safe: a threaded server shares one."""

    def __init__(self, size=MAX_COPIES):
        self.size = size
        self._values = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        """(True, value) while `key` is held and before its deadline; (False, None) else."""
        with self._lock:
            held = self._values.get(key)
            if held is None:
                return False, None
            deadline, value = held
            if time.time() >= deadline:
                del self._values[key]
                return False, None
            self._values.move_to_end(key)
            return True, value

    def put(self, key, value, deadline):
        if deadline <= time.time():
            return
        with self._lock:
            self._values[key] = (deadline, value)
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def clear(self):
        with self._lock:
            self._values.clear()


copies = LocalCopies()
