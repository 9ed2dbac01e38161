# SPDX-License-Identifier: EUPL-1.2
"""The sections of the public monitor besides the agenda: one list, shown in the page header's second
navigation bar and on the home page, so every page type is reached by links from home.

Add a section by adding one ``Section`` here (URL name in the ``monitor`` namespace, no arguments)."""

from __future__ import annotations

from typing import NamedTuple

from django.urls import reverse


class Section(NamedTuple):
    url_name: str
    title: str
    description: str
    needs_agenda: bool = True  # the page shows the agenda's gemeente: without an agenda it is a 404
    namespace: str = "monitor"
    key: str = ""  # the page's ``data.page`` when it differs from the URL name


SECTIONS: list[Section] = [
    Section(
        "indicatoren",
        "Indicatoren",
        "Alle indicatoren, te filteren op opgave, bron en thema, met per indicator alle cijfers.",
        False,
    ),
    Section(
        "stand",
        "Stand van de gemeente",
        "Hoe de gemeente ervoor staat op de kernindicatoren, naast vergelijkbare gemeenten en Nederland.",
    ),
    Section(
        "wijken",
        "Wijken",
        "Alle wijken vergeleken op een indicator, en per wijk een profiel met al haar cijfers.",
    ),
    Section(
        "vergelijken",
        "Vergelijken",
        "Eén indicator door de jaren heen voor gemeenten en groepen gemeenten die u zelf kiest.",
    ),
    Section(
        "beelden",
        "Beelden per thema",
        "Per opgave de keten van interventies naar verwachte effecten, wie stuurt en wat we meten.",
    ),
    Section(
        "processen",
        "Procesmonitors",
        "Voortgang van de regio’s op Beschermd Thuis en Aanpak Dakloosheid: status per thema en dataroos.",
        False,
    ),
    Section(
        "list",
        "Rapportages",
        "De monitor zoals hij was bij elke voorjaars- en najaarsnota, met wat er sindsdien veranderde.",
        False,
        namespace="snapshots",
        key="rapportages",
    ),
    Section("prognose", "Prognose Wmo", "Hoeveel inwoners de komende vijf jaar Wmo-ondersteuning gebruiken."),
    Section("ontdekken", "Ontdekken", "Samenhang tussen indicatoren over wijken of gemeenten."),
    Section(
        "bouwer",
        "Zelf samenstellen",
        "Uw eigen tabel, grafiek of kaart: kies indicatoren, gebieden en perioden, en deel de weergave.",
    ),
]


def section_links(has_agenda: bool = True) -> list[dict[str, str]]:
    return [
        {
            "key": s.key or s.url_name,
            "title": s.title,
            "description": s.description,
            "url": reverse(f"{s.namespace}:{s.url_name}"),
        }
        for s in SECTIONS
        if has_agenda or not s.needs_agenda
    ]
