"""Settings of «Наставник», read from the environment (every variable is listed in README.md)."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)
# Production mode is the default: a missing SECRET_KEY refuses to start unless DEBUG is on.
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off (see README.md).")
    SECRET_KEY = "insecure-development-key"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "nastavnik.admin_site.SuperuserAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "ninja",  # serves the Swagger page from its own static files, not a CDN
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "utilities",
    "organizations",
    "accounts",
    "people",
    "audit",
    "programmes",
    "pairs",
    "matching",
    "documents",
    "logins",
    "meetings",
    "monitoring",
    "roadmaps",
    "reports",
    "surveys",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.sessions.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.time_zones.TimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nastavnik.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
            ],
        },
    },
]

WSGI_APPLICATION = "nastavnik.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Log-in throttling by the client's address, never by the username alone, so nobody can lock
# somebody else's account: AXES_FAILURE_LIMIT failures from one address lock that address for
# AXES_COOLOFF_MINUTES, whatever usernames it tried. A success does not reset the count, or an
# attacker with an account of their own could interleave its log-ins with guesses.
AXES_FAILURE_LIMIT = int(env_str("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env_str("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"


def ipware_settings(trusted_proxy_count: int) -> dict:
    """How django-axes finds the client's address (through django-ipware). Behind
    `trusted_proxy_count` reverse proxies it is the address the outermost proxy appended to
    X-Forwarded-For: the header's `trusted_proxy_count`-th entry from the right, whatever the client
    wrote to the left of it. With 0 the header is ignored and REMOTE_ADDR counts."""
    if not trusted_proxy_count:
        return {"AXES_IPWARE_META_PRECEDENCE_ORDER": ("REMOTE_ADDR",), "AXES_IPWARE_PROXY_COUNT": None}
    return {
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
        "AXES_IPWARE_PROXY_COUNT": trusted_proxy_count - 1,  # ipware counts the proxies listed in the header
        "IPWARE_STRICT": False,  # entries left of the client's are the client's own invention, not an error
    }


TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "0"))
globals().update(ipware_settings(TRUSTED_PROXY_COUNT))
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)

LANGUAGE_CODE = "ru"
TIME_ZONE = env_str("TIME_ZONE", "Europe/Moscow")
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"  # never served as a folder: files go out through views that check access
# Who sends a protected file after the view's check: "django", "nginx" (X-Accel-Redirect to
# PROTECTED_MEDIA_LOCATION, an internal location aliased to MEDIA_ROOT) or "apache" (X-Sendfile).
PROTECTED_MEDIA_SERVER = env_str("PROTECTED_MEDIA_SERVER", "django")
PROTECTED_MEDIA_LOCATION = env_str("PROTECTED_MEDIA_LOCATION", "/protected-media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads: every file field refuses files over UPLOAD_MAX_MB (utilities/forms.py); the proxy in front
# should refuse bodies a little larger (README). Django keeps an upload over 2.5 MB in a temporary
# file rather than in memory, and the other fields of a request to 2.5 MB.
UPLOAD_MAX_MB = int(env_str("UPLOAD_MAX_MB", "10"))
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Rows of data an imported sheet may hold (people/xlsx.py bounds the rest of a file).
IMPORT_MAX_ROWS = int(env_str("IMPORT_MAX_ROWS", "50000"))

EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "nastavnik@localhost")
# How long an invitation (an e-mail link or a code on a slip) may be used, in days.
INVITATION_DAYS = int(env_str("INVITATION_DAYS", "14"))

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "nastavnik@localhost")
# The site's address for links in e-mails (reminders), without a trailing slash.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Background work: the database queue needs no extra server; REDIS_URL switches to RQ.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    INSTALLED_APPS.append("django_rq")
else:
    TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
# A session ends after SESSION_IDLE_HOURS without a request (accounts/sessions.py moves it on).
SESSION_COOKIE_AGE = int(float(env_str("SESSION_IDLE_HOURS", "8")) * 3600)
# Only the site's own scripts, styles and images (django-csp): no inline script, no inline
# <style> element; style="" attributes (bar widths) are allowed, they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# The API's lists: a caller may ask for at most this many rows a page.
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 500
