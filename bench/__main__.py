"""`python -m bench [NAME …]`: runs `run()` of every module in bench/ (or of the named ones) in a throwaway
database, migrated first, so db.sqlite3 is never touched: SQLite in a temporary folder, or, when
BENCH_POSTGRES_URL names a PostgreSQL server, a fresh database on it that is dropped afterwards.

A benchmark run alone whose module sets KEEPS_ITS_DATA (its data depend on the code only, e.g. the million
participants of bench/indicators.py) leaves a copy of its database on the server, named by a digest of the
migrations and of the module (and by the database of BENCH_POSTGRES_URL): the next run starts from that copy
and skips the load. A change of either names another copy; the older ones of the same database are dropped. `DROP DATABASE` the nastavnik_bench_* copies to reclaim the space."""

import contextlib
import hashlib
import importlib
import os
import pkgutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def kept_copy(names: list[str]) -> str | None:
    """The name of the kept database of a run of one benchmark that keeps its data, else None; it names the
    database of BENCH_POSTGRES_URL too, so that runs against different databases of one server keep their own."""
    server = os.environ.get("BENCH_POSTGRES_URL")
    if not server or len(names) != 1:
        return None
    module = importlib.import_module(f"bench.{names[0]}")
    if not getattr(module, "KEEPS_ITS_DATA", False):
        return None
    digest = hashlib.sha256()
    for path in [*sorted(ROOT.glob("*/migrations/*.py")), Path(module.__file__)]:
        digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    return f"nastavnik_bench_{names[0]}_{server.rsplit('/', 1)[-1]}_{digest.hexdigest()[:12]}"


@contextlib.contextmanager
def throwaway_database(kept: str | None = None):
    """The DATABASE_URL of a database that exists only while the benchmarks run (on PostgreSQL, made from the
    database `kept` when there is one, and kept as it when there was none and the run went through)."""
    server = os.environ.get("BENCH_POSTGRES_URL")
    if not server:
        with tempfile.TemporaryDirectory(prefix="nastavnik-bench-") as directory:
            yield f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
        return
    import psycopg

    name = f"nastavnik_bench_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as connection:
        found = kept and connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [kept]).fetchone()
        connection.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{kept}"' if found else ""))
    went_through = False
    try:
        yield f"{server.rsplit('/', 1)[0]}/{name}"
        went_through = True
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            if kept and not found and went_through:
                stem = kept.rsplit("_", 1)[0] + "_"
                for (old,) in connection.execute("SELECT datname FROM pg_database WHERE starts_with(datname, %s)",
                                                 [stem]).fetchall():
                    connection.execute(f'DROP DATABASE "{old}" WITH (FORCE)')
                connection.execute(f'CREATE DATABASE "{kept}" TEMPLATE "{name}"')
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(names: list[str]) -> None:
    with throwaway_database(kept_copy(names)) as url:
        os.environ["DATABASE_URL"] = url
        os.environ.setdefault("DEBUG", "1")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nastavnik.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        print(f"--- база данных: {connection.vendor}", flush=True)
        import bench

        for module in pkgutil.iter_modules(bench.__path__):
            if module.name.startswith("_"):
                continue
            benchmark = importlib.import_module(f"bench.{module.name}")
            if callable(getattr(benchmark, "run", None)) and (not names or module.name in names):
                print(f"=== {module.name}", flush=True)
                benchmark.run()
        connection.close()


if __name__ == "__main__":
    main(sys.argv[1:])
