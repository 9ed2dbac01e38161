# SPDX-License-Identifier: EUPL-1.2
"""Kwaliteitsmonitor Sociaal Domein."""

__version__ = "0.1.0"
