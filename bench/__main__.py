# SPDX-License-Identifier: EUPL-1.2
"""``python -m bench``: see ``bench/run.py``."""

from .run import main

main()
