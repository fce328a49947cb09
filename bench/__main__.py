"""`python -m bench [NAME …]`: runs `run()` of every module in bench/ (or of the named ones) in a throwaway
database, migrated first, so db.sqlite3 is never touched: SQLite in a temporary folder, or, when
BENCH_POSTGRES_URL names a PostgreSQL server, a fresh database on it that is dropped afterwards."""

import contextlib
import importlib
import os
import pkgutil
import sys
import tempfile
from pathlib import Path


@contextlib.contextmanager
def throwaway_database():
    """The DATABASE_URL of a database that exists only while the benchmarks run."""
    server = os.environ.get("BENCH_POSTGRES_URL")
    if not server:
        with tempfile.TemporaryDirectory(prefix="nastavnik-bench-") as directory:
            yield f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
        return
    import psycopg

    name = f"nastavnik_bench_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(names: list[str]) -> None:
    with throwaway_database() as url:
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
