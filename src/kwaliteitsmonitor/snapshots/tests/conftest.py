# SPDX-License-Identifier: EUPL-1.2
"""The monitor's small fictitious world (one agenda, two indicators, published) for the snapshot tests."""

from kwaliteitsmonitor.monitor.tests.conftest import _plain_static, world  # noqa: F401
