# SPDX-License-Identifier: EUPL-1.2
"""Snapshots (rapportages): a named, pinned publication whose public pages are frozen as bytes at a P&C
moment and served from the database at ``/rapportages/<slug>/`` (docs/rapportages.md)."""
