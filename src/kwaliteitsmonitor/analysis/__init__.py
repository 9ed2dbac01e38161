# SPDX-License-Identifier: EUPL-1.2
"""Pure computation: no Django imports here (enforced by tests/test_architecture.py)."""
