# SPDX-License-Identifier: EUPL-1.2
"""Browser tests reuse the small fictitious world of the monitor's page tests."""

from kwaliteitsmonitor.monitor.tests.conftest import _plain_static, world  # noqa: F401
