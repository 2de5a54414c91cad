"""Finding 4: a strict CSP everywhere, no caching of personal pages, HTTPS from the env."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.test import Client

from warmnet.network.models import Network

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_carries_a_strict_content_security_policy(
    network_a: Network, alice: Any, alice_client: Client
) -> None:
    for url in ("/login/", f"/n/{network_a.slug}/", f"/n/{network_a.slug}/members/"):
        policy = alice_client.get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'none'" in policy


def test_no_template_has_inline_script_or_event_handlers() -> None:
    offenders = []
    for path in (ROOT / "warmnet").rglob("*.html"):
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+=", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_network_pages_and_exports_are_never_stored_by_caches(
    network_a: Network, alice: Any, alice_client: Client
) -> None:
    for url in (
        f"/n/{network_a.slug}/",
        f"/n/{network_a.slug}/members/",
        f"/n/{network_a.slug}/transfer/export/csv/",
    ):
        response = alice_client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url


def _deploy_check(extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    skip = ("WARMNET_", "SECRET", "DJANGO_", "ALLOWED_HOSTS")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    env |= {"WARMNET_DATA_DIR": "/tmp/wn-deploy-check", "DJANGO_SETTINGS_MODULE": ""} | extra
    env.pop("DJANGO_SETTINGS_MODULE")
    command = [sys.executable, "-m", "warmnet.cli", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)


PRODUCTION = {
    "SECRET_KEY": "k" * 20 + "-production-secret-with-enough-variety-0123456789",
    "ALLOWED_HOSTS": "warmnet.example.org",
    "WARMNET_SECURE_COOKIES": "true",
    "WARMNET_SSL_REDIRECT": "true",
    "WARMNET_HSTS_SECONDS": "31536000",
    "WARMNET_HSTS_INCLUDE_SUBDOMAINS": "true",
    "WARMNET_HSTS_PRELOAD": "true",
    # the shared cache production needs with PostgreSQL (the check only reads the setting)
    "REDIS_URL": "redis://127.0.0.1:6379/14",
}


def test_check_deploy_is_clean_with_the_documented_production_settings() -> None:
    result = _deploy_check(PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_names_what_is_missing_without_them() -> None:
    result = _deploy_check({})
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stdout + result.stderr
