# SPDX-License-Identifier: EUPL-1.2
"""Test helpers: accounts per role, logged in with a verified second factor."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Profile, Role

PASSWORD = "Correct-paard-batterij-42"  # noqa: S105 - test accounts only


def make_user(username: str, role: str | None, *, organisation: Any = None, region: Any = None) -> Any:
    User = get_user_model()
    beheerder = role == Role.BEHEERDER
    user = User.objects.create_user(username, password=PASSWORD, is_staff=beheerder, is_superuser=beheerder)
    if role is not None:
        Profile.objects.create(user=user, role=role, organisation=organisation, region=region)
    TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    return user


def login_verified(client: Any, user: Any) -> Any:
    """Log ``user`` in as after password and TOTP code (the OTP device recorded in the session)."""
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="default", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
