# SPDX-License-Identifier: EUPL-1.2
"""Spreadsheet data (CSV and XLSX) in the long or the wide template; see docs/import/spreadsheet.md."""
