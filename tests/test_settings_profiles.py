"""The settings module's profiles, each read in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "broker": settings.CELERY_BROKER_URL,
    "engine": settings.DATABASES["default"]["ENGINE"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "secure_cookies": settings.SESSION_COOKIE_SECURE,
    "hsts": settings.SECURE_HSTS_SECONDS,
}))
"""


def run_python(code: str, **environment: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(environment, DJANGO_SETTINGS_MODULE="scr_platform.settings")
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def read_settings(**environment: str) -> dict:
    result = run_python(PRINT_SETTINGS, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_embedded_default_is_sqlite_with_tasks_in_process():
    values = read_settings(DJANGO_DEBUG="true")
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["eager"] is True
    assert values["broker"] == "memory://localhost/"
    assert values["cache"].endswith("LocMemCache")


def test_with_redis_configured_tasks_go_to_the_broker():
    values = read_settings(
        DJANGO_DEBUG="true",
        REDIS_URL="redis://127.0.0.1:6379/3",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/scr_platform",
    )
    assert values["eager"] is False
    assert values["broker"] == "redis://127.0.0.1:6379/3"
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["cache"].endswith("RedisCache")


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python(PRINT_SETTINGS)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_turns_on_secure_cookies_and_hsts():
    values = read_settings(DJANGO_SECRET_KEY="k" * 60, DJANGO_ALLOWED_HOSTS="scr.example.org")
    assert values["secure_cookies"] is True
    assert values["hsts"] >= 31_536_000


@pytest.mark.parametrize("debug", ["false"])
def test_production_profile_passes_check_deploy_without_warnings(debug):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_SETTINGS_MODULE": "scr_platform.settings",
            "DJANGO_DEBUG": debug,
            "DJANGO_SECRET_KEY": "a-long-random-production-key-" + "z9" * 30,
            "DJANGO_ALLOWED_HOSTS": "scr.example.org",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


PRINT_EMAIL = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps([settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT,
                  settings.EMAIL_HOST_USER, settings.EMAIL_USE_TLS, settings.DEFAULT_FROM_EMAIL]))
"""


def test_mail_goes_to_the_console_by_default_and_to_smtp_when_email_host_is_set():
    default = run_python(PRINT_EMAIL, DJANGO_DEBUG="true")
    assert default.returncode == 0, default.stderr
    assert json.loads(default.stdout.splitlines()[-1])[0].endswith("console.EmailBackend")

    smtp = run_python(
        PRINT_EMAIL,
        DJANGO_DEBUG="true",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="digests",
        EMAIL_HOST_PASSWORD="secret",
        EMAIL_USE_TLS="true",
        DEFAULT_FROM_EMAIL="SCR <digests@example.org>",
    )
    assert smtp.returncode == 0, smtp.stderr
    assert json.loads(smtp.stdout.splitlines()[-1]) == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        587,
        "digests",
        True,
        "SCR <digests@example.org>",
    ]
