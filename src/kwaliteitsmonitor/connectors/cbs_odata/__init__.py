# SPDX-License-Identifier: EUPL-1.2
"""CBS StatLine OData connector (v3 ODataFeed and v4 datasets). See README.md in this folder."""
