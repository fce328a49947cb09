"""`python -m bench [NAME …]`: runs `run()` of every module in bench/ (or of the named ones) in a
throwaway SQLite database, migrated first, so db.sqlite3 is never touched."""

import importlib
import os
import pkgutil
import sys
import tempfile
from pathlib import Path


def main(names: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="nastavnik-bench-") as directory:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
        os.environ.setdefault("DEBUG", "1")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nastavnik.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
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
