"""Loaded by pytest before Django starts (see pyproject.toml): the test environment."""

import os
import tempfile

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("AXES_ENABLED", "0")
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
# Orders and scans written by tests (live-server ones too) never land in the project's media/.
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="nastavnik-test-media-"))
