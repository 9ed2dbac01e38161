# SPDX-License-Identifier: EUPL-1.2
"""Cross-cutting test configuration."""
