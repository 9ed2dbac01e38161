# SPDX-License-Identifier: EUPL-1.2
"""The goal tree of a Maatschappelijke Agenda and the progress of its inspanningen (DOMAIN.md §8)."""
