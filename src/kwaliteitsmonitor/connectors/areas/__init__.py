# SPDX-License-Identifier: EUPL-1.2
"""Area reference data: gemeenten, wijken, buurten and regions with vintages, boundaries and memberships."""
