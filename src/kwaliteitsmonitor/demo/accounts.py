# SPDX-License-Identifier: EUPL-1.2
"""Demo accounts: one per role, with a documented password and a fixed TOTP key, so anyone trying the
demo can log in to the workspace (docs/werkplek.md). Only on a database with demo data alone: never
next to real data (``kwaliteitsmonitor demo --force``), where a known password would be a way in."""

from __future__ import annotations

import base64

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from kwaliteitsmonitor.accounts.models import Profile, Role
from kwaliteitsmonitor.agenda.models import Agenda, Effort, Organisation
from kwaliteitsmonitor.processes.models import ProcessRegion

PASSWORD = "demo-Voorbeeldstad-2026"  # noqa: S105 - fictitious demo accounts, documented
# RFC 6238's test key; in an authenticator app: the base32 text below.
TOTP_KEY_HEX = "3132333435363738393031323334353637383930"
TOTP_KEY_BASE32 = base64.b32encode(bytes.fromhex(TOTP_KEY_HEX)).decode()
RECOVERY_CODES = ("demo0001", "demo0002", "demo0003")


def create_demo_accounts() -> list[tuple[str, str, str]]:
    """(account, role, scope) of each demo account, (re)made with the documented password and key."""
    agenda = Agenda.objects.filter(is_fictitious=True).select_related("area").first()
    gemeente = None
    if agenda is not None:
        gemeente, _ = Organisation.objects.get_or_create(
            name=f"Gemeente {agenda.area.name}", defaults={"kind": "gemeente", "area": agenda.area}
        )
    partner_id = (
        Effort.objects.filter(goal__theme__agenda=agenda, partner__isnull=False)
        .order_by("goal__theme__order", "goal__order", "order", "id")
        .values_list("partner_id", flat=True)
        .first()
    )
    partner = Organisation.objects.filter(pk=partner_id).first()
    region = (
        ProcessRegion.objects.filter(monitor__is_fictitious=True)
        .select_related("area")
        .order_by("name")
        .first()
    )
    plan = [
        ("demo-beheerder", Role.BEHEERDER, None, None),
        ("demo-redacteur", Role.REDACTEUR, gemeente, None),
        ("demo-partner", Role.PARTNER, partner, None),
        ("demo-regio", Role.REGIO, None, region.area if region else None),
        ("demo-raadslid", Role.RAADSLID, None, None),
    ]
    User = get_user_model()
    hashed = make_password(PASSWORD)  # once: hashing is deliberately slow
    made = []
    with transaction.atomic():
        for username, role, organisation, area in plan:
            User.objects.filter(username=username).delete()
            beheerder = role == Role.BEHEERDER
            user = User.objects.create(
                username=username, password=hashed, is_staff=beheerder, is_superuser=beheerder
            )
            Profile.objects.create(user=user, role=role, organisation=organisation, region=area)
            TOTPDevice.objects.create(user=user, name="default", key=TOTP_KEY_HEX, confirmed=True)
            static = StaticDevice.objects.create(user=user, name="backup")
            static.token_set.bulk_create(
                [static.token_set.model(device=static, token=t) for t in RECOVERY_CODES]
            )
            scope = str(organisation) if organisation else (f"regio {region.name}" if area and region else "")
            made.append((username, Role(role).label, scope))
    return made
