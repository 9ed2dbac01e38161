# SPDX-License-Identifier: EUPL-1.2
"""Operator commands: serving the site (and later backup/restore)."""
