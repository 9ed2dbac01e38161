# SPDX-License-Identifier: EUPL-1.2
import os
from importlib import import_module

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kwaliteitsmonitor.settings")
application = get_wsgi_application()

# Import the heavy statistics library (projections on doel pages, ~2 s) while the worker starts, so
# no visitor waits for it; management commands keep importing it only when they need it.
import_module("statsmodels.tsa.exponential_smoothing.ets")
