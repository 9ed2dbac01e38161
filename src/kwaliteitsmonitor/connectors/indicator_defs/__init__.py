# SPDX-License-Identifier: EUPL-1.2
"""Indicator definitions from YAML or CSV (code, name, unit, polarity, numerator/denominator, disclosure)."""
