# SPDX-License-Identifier: EUPL-1.2
"""Login security: lockout per account and client address, TOTP with recovery codes, a spoofed
X-Forwarded-For that neither unlocks nor locks out, body limits before reading, absolute sessions."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from kwaliteitsmonitor.accounts.clientip import client_ip
from kwaliteitsmonitor.accounts.middleware import LOGIN_AT
from kwaliteitsmonitor.accounts.testing import PASSWORD, login_verified, make_user

pytestmark = pytest.mark.django_db
LOGIN = "/werkplek/inloggen/"


def _password(client, username, password, **extra):
    return client.post(
        LOGIN,
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": password},
        **extra,
    )


def _token(client, user, **extra):
    device = TOTPDevice.objects.get(user=user)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    return client.post(LOGIN, {"login_view-current_step": "token", "token-otp_token": code}, **extra)


def test_password_and_totp_code_log_in_and_the_workspace_opens(client):
    user = make_user("redactie", "beheerder")
    response = _password(client, "redactie", PASSWORD)
    assert response.status_code == 200 and "authenticator-app" in response.content.decode()
    # after the password alone the workspace is still closed
    assert client.get("/werkplek/").status_code == 302
    response = _token(client, user)
    assert response.status_code == 302
    assert client.get("/werkplek/").status_code == 200


def test_a_recovery_code_logs_in_once(client):
    user = make_user("herstel", "beheerder")
    device = StaticDevice.objects.create(user=user, name="backup")
    device.token_set.create(token="abcd1234")
    _password(client, "herstel", PASSWORD)
    client.post(LOGIN, {"wizard_goto_step": "backup", "login_view-current_step": "token"})
    response = client.post(LOGIN, {"login_view-current_step": "backup", "backup-otp_token": "abcd1234"})
    assert response.status_code == 302
    assert client.get("/werkplek/").status_code == 200
    assert not device.token_set.exists()  # used up


def test_without_a_device_the_workspace_sends_to_two_factor_setup(client):
    user = make_user("nieuw", "beheerder")
    TOTPDevice.objects.filter(user=user).delete()
    client.force_login(user)
    response = client.get("/werkplek/")
    assert response.status_code == 302 and response["Location"] == "/werkplek/tweestaps/"


def test_ten_wrong_passwords_then_the_right_one_is_refused(client, caplog):
    make_user("doelwit", "redacteur")
    for _ in range(10):
        _password(client, "doelwit", "verkeerd-wachtwoord")
    response = _password(client, "doelwit", PASSWORD)
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()
    text = caplog.text
    assert 'event="login_failed" account="doelwit"' in text
    assert 'event="login_locked"' in text
    assert "verkeerd-wachtwoord" not in text and PASSWORD not in text


def test_a_spoofed_forwarded_address_neither_unlocks_nor_locks_out_someone_else(client, settings):
    settings.KM_TRUSTED_PROXY_COUNT = 0
    make_user("slachtoffer", "redacteur")
    # an attacker from 10.0.0.66 tries to lock the account out while claiming to be 10.0.0.5
    for _ in range(10):
        _password(client, "slachtoffer", "fout", REMOTE_ADDR="10.0.0.66", HTTP_X_FORWARDED_FOR="10.0.0.5")
    # ... and, locked, tries a new forwarded address to get more attempts: still locked
    locked = _password(
        client, "slachtoffer", PASSWORD, REMOTE_ADDR="10.0.0.66", HTTP_X_FORWARDED_FOR="1.2.3.4"
    )
    assert locked.status_code == 429
    # the real user at 10.0.0.5 can still log in
    other = type(client)()
    response = _password(other, "slachtoffer", PASSWORD, REMOTE_ADDR="10.0.0.5")
    assert response.status_code == 200 and "authenticator-app" in response.content.decode()


def test_client_ip_trusts_only_the_configured_proxies(rf, settings):
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.KM_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "192.0.2.1"
    settings.KM_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # what our proxy saw, not what the client wrote
    settings.KM_TRUSTED_PROXY_COUNT = 3  # fewer entries than proxies: the header is not ours
    assert client_ip(request) == "192.0.2.1"
    settings.KM_TRUSTED_PROXY_COUNT = 1
    garbage = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="<script>")
    assert client_ip(garbage) == "192.0.2.1"


def test_the_api_throttle_counts_per_trusted_address_in_the_shared_store(client, settings):
    from django.core.cache import caches

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/hour"}}
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    api_settings.reload()
    SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        caches["shared"].clear()
        codes = [
            client.get(
                "/api/v1/areas", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}"
            ).status_code
            for i in range(5)
        ]
        assert codes[:3] != [429] * 3 and codes[3:] == [429, 429]
        assert any(k for k in ["throttle_anon_198.51.100.7"] if caches["shared"].get(k) is not None)
    finally:
        SimpleRateThrottle.THROTTLE_RATES = {"anon": "5000/hour"}
        caches["shared"].clear()


def test_an_anonymous_body_over_64_kb_is_refused_before_it_is_read(client):
    body = b"a" * (65 * 1024)
    response = client.generic("POST", LOGIN, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    # a logged-in member of staff may send an upload-sized body
    user = make_user("groot", "beheerder")
    login_verified(client, user)
    response = client.generic("POST", "/werkplek/importeren/", body, content_type="application/octet-stream")
    assert response.status_code != 413


def test_the_session_ends_eight_hours_after_login_however_active(client, settings):
    user = make_user("lang", "beheerder")
    login_verified(client, user)
    assert client.get("/werkplek/").status_code == 200
    session = client.session
    # logged in 8 hours and a minute ago, active a minute ago
    session[LOGIN_AT] = time.time() - settings.SESSION_COOKIE_AGE - 60
    session["km_last_seen"] = time.time() - 60
    session.save()
    response = client.get("/werkplek/")
    assert response.status_code == 302 and "/werkplek/inloggen/" in response["Location"]


def test_activity_does_not_extend_the_session_expiry(client):
    user = make_user("actief", "beheerder")
    login_verified(client, user)
    client.get("/werkplek/")
    first = client.session.get_expiry_date()
    time.sleep(0.05)
    client.get("/werkplek/")
    assert client.session.get_expiry_date() == first


def test_logout_is_a_post_with_csrf(client):
    user = make_user("uit", "beheerder")
    login_verified(client, user)
    assert client.get("/werkplek/uitloggen/").status_code == 405
    csrf_client = type(client)(enforce_csrf_checks=True)
    login_verified(csrf_client, user)
    assert csrf_client.post("/werkplek/uitloggen/").status_code == 403
    assert client.post("/werkplek/uitloggen/").status_code == 302
    assert client.get("/werkplek/").status_code == 302


def test_check_deploy_is_clean_under_the_documented_production_settings(tmp_path):
    """The production settings of docs/configuration.md ("Productie"): HTTPS behind one proxy, a secret
    key of its own, a host name. Run as an operator would, in a fresh process."""
    env = {
        **os.environ,
        "KM_DATA_DIR": str(tmp_path),
        "KM_HTTPS": "1",
        "KM_TRUSTED_PROXY_COUNT": "1",
        "SECRET_KEY": "k7#Qv9-production-only-" + "x" * 30 + "-Zr2!pW",
        "ALLOWED_HOSTS": "monitor.example.nl",
        "CSRF_TRUSTED_ORIGINS": "https://monitor.example.nl",
        "DEBUG": "0",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "kwaliteitsmonitor.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
