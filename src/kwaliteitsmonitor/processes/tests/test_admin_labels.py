# SPDX-License-Identifier: EUPL-1.2
"""The beheer shows a status in the dashboard's own label ('In ontwikkeling'), never the generic one."""

from __future__ import annotations

import html

import pytest

from kwaliteitsmonitor.accounts.testing import login_verified, make_user
from kwaliteitsmonitor.processes.models import SubThemeStatus
from kwaliteitsmonitor.processes.testing import small_monitor

pytestmark = pytest.mark.django_db


def test_admin_list_form_and_inline_use_the_dashboards_labels(client):
    m = small_monitor()
    login_verified(client, make_user("a-beheerder", "beheerder"))
    row = SubThemeStatus.objects.filter(status="in_progress").first()
    for url in (
        "/beheer/processes/subthemestatus/",
        f"/beheer/processes/subthemestatus/{row.pk}/change/",
        f"/beheer/processes/processround/{m['approved'].pk}/change/",
    ):
        body = html.unescape(client.get(url).content.decode())
        assert "In ontwikkeling" in body, url
        assert "In uitvoering, aandacht nodig" not in body and "Gereed of op schema" not in body, url
