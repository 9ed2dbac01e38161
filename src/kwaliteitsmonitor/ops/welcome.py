# SPDX-License-Identifier: EUPL-1.2
"""What a newcomer needs after ``make demo`` or ``kwaliteitsmonitor serve``: where the site is, where
the staff pages are and how to make a login."""

from __future__ import annotations


def next_steps(address: str = "127.0.0.1:8000") -> list[str]:
    base = f"http://{address}"
    return [
        f"  De website:               {base}/",
        f"  Werkplek (medewerkers):   {base}/werkplek/",
        f"  Beheer (alleen beheerders): {base}/beheer/",
        "  Een login maken:          kwaliteitsmonitor createsuperuser (een beheerder;",
        "                            die nodigt anderen uit in de werkplek)",
    ]
