# SPDX-License-Identifier: EUPL-1.2
"""A database that is down, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.utils import OperationalError


class DatabaseSwitch:
    """Takes the database away and gives it back. PostgreSQL: the connection really goes to a database
    that does not exist. SQLite (the tests' database lives in memory and is never closed): every new
    cursor fails the way an unreadable database file does."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch
        self.name = connection.settings_dict["NAME"]
        self.is_down = False

    def down(self) -> None:
        if connection.vendor == "postgresql":
            connection.close()
            connection.settings_dict["NAME"] = "km_bestaat_niet"
        else:

            def unreachable() -> None:
                raise OperationalError("unable to open database file")

            self.monkeypatch.setattr(connection, "ensure_connection", unreachable)
        self.is_down = True

    def up(self) -> None:
        if not self.is_down:
            return
        if connection.vendor == "postgresql":
            connection.close()
            connection.settings_dict["NAME"] = self.name
        else:
            self.monkeypatch.undo()
        self.is_down = False


@pytest.fixture
def database(monkeypatch):
    switch = DatabaseSwitch(monkeypatch)
    yield switch
    switch.up()
