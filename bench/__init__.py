# SPDX-License-Identifier: EUPL-1.2
"""Benchmarks of the Kwaliteitsmonitor (DESIGN.md §6): workloads, load and page benchmarks."""
