"""Time what `make run` does after installing: `migrate` and `load_demo_data` (the figures in
docs/benchmarks/demo-load.md).

Each step runs as `make run` runs it (a `manage.py` process, dev settings, SQLite) in a scratch
database file, so the working tree's db.sqlite3 is left alone. CPU time (user + sys of the
process) is printed beside wall time: on a shared, busy machine the wall clock mostly measures
the other processes, the CPU time measures the work. The load average before and after says how
busy the machine was.

  .venv/bin/python benchmarks/demo_load.py            # migrate + first load
  .venv/bin/python benchmarks/demo_load.py --again    # ... + a second, idempotent load
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO_FILE = ROOT / "library" / "demo_data" / "resources.jsonl"


def timed(label, args, env):
    """Run `manage.py args` and print its wall and CPU time; returns (wall, cpu)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"{label:<22} wall {wall:7.1f} s   CPU {cpu:7.1f} s   load {_load()}")
    return wall, cpu


def _load():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--again", action="store_true", help="also time a second load (nothing new to create)"
    )
    options = parser.parse_args()
    resources = sum(1 for line in DEMO_FILE.open(encoding="utf-8") if line.strip())
    with tempfile.TemporaryDirectory(prefix="tasharuk-demo-load-") as scratch:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tasharuk.settings.dev",
            "TASHARUK_SQLITE_PATH": str(Path(scratch) / "db.sqlite3"),
        }
        env.pop("DATABASE_URL", None)  # `make run` uses SQLite
        env.pop("TASHARUK_SEARCH_URL", None)  # ... and the database search
        print(f"{time.strftime('%Y-%m-%d %H:%M %Z')}, {resources} resources, load {_load()}")
        timed("migrate", ["migrate", "--noinput"], env)
        wall, cpu = timed("load_demo_data", ["load_demo_data"], env)
        print(f"{'':<22} per resource: wall {wall / resources:.3f} s, CPU {cpu / resources:.3f} s")
        if options.again:
            wall, cpu = timed("load_demo_data again", ["load_demo_data"], env)
            print(
                f"{'':<22} per resource: wall {wall / resources:.3f} s, CPU {cpu / resources:.3f} s"
            )


if __name__ == "__main__":
    main()
