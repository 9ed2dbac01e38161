# SPDX-License-Identifier: EUPL-1.2
"""One data function per page. Each returns a plain, JSON-serialisable dict that both the HTML
template and the JSON twin render, so the two always show the same figures."""
