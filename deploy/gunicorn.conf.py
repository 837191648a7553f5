"""gunicorn's configuration for Tasharuk (deploy/systemd/tasharuk-web.service loads it).

Everything a machine may want to change comes from the environment file the unit reads
(deploy/tasharuk.env.template lists it); the rest is fixed here for a reason given beside it.
"""

import multiprocessing
import os

# Loopback only: nginx on the same machine terminates TLS and is the only client. A web machine
# behind a load balancer on another host binds its private address instead (TASHARUK_BIND).
bind = os.environ.get("TASHARUK_BIND", "127.0.0.1:8000")
# Sync workers: each request holds one worker while it renders and talks to PostgreSQL and the
# engine; two per core keeps the CPU busy while others wait on those.
workers = int(os.environ.get("TASHARUK_WEB_WORKERS", "") or 2 * multiprocessing.cpu_count())
timeout = 60
graceful_timeout = 30
# A worker is replaced after this many requests (with jitter, so not all at once): a slow leak
# in a dependency never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# Only the local proxy may say a request came over TLS (X-Forwarded-Proto); Django trusts it
# only when TASHARUK_TRUST_X_FORWARDED_PROTO is set too.
forwarded_allow_ips = os.environ.get("TASHARUK_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Privacy: no access log (its lines carry the client's address); errors go to the journal.
accesslog = None
errorlog = "-"
loglevel = "warning"
# Workers' heartbeat files in memory, not on a disk that may stall under load.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
