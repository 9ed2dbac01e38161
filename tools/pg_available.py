# SPDX-License-Identifier: EUPL-1.2
"""Exit 0 when the PostgreSQL server in the given URL accepts connections, 1 otherwise."""

from __future__ import annotations

import sys

import dj_database_url
import psycopg


def main(url: str) -> int:
    cfg = dj_database_url.parse(url)
    try:
        with psycopg.connect(
            host=cfg["HOST"] or "127.0.0.1",
            port=cfg["PORT"] or 5432,
            user=cfg["USER"] or None,
            password=cfg["PASSWORD"] or None,
            dbname=cfg["NAME"],
            connect_timeout=3,
        ):
            return 0
    except psycopg.Error as exc:
        print(f"PostgreSQL niet bereikbaar: {exc}".strip(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "postgres://postgres@127.0.0.1:5432/test"))
