# SPDX-License-Identifier: EUPL-1.2
"""Sources with a schedule: CBS tables, file locations and deliveries by hand (docs/sources.md)."""
