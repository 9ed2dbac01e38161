# SPDX-License-Identifier: EUPL-1.2
"""The fictitious Maatschappelijke Agenda 2023–2027 of Voorbeeldstad, after the Woerden example.

Opgave "Inrichting sociaal domein" has the four doelen of the Woerden seed; the other opgaven have a
few doelen each. The streefwaarden are chosen so that the demo shows a mix: some results on track,
some not, and one with too little data to say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kwaliteitsmonitor.analysis.vocabulary import DONE_ON_TRACK, IN_PROGRESS, NOT_STARTED

REPORT_PERIODS = [
    ("2024-najaarsnota", date(2024, 10, 15)),
    ("2025-voorjaarsnota", date(2025, 4, 15)),
    ("2025-najaarsnota", date(2025, 10, 15)),
]

INTRO = """\
**Welkom bij de Kwaliteitsmonitor Sociaal Domein van de gemeente Voorbeeldstad.**

> Dit is een demonstratie met **fictieve gegevens**. Voorbeeldstad, haar wijken en buurten en de \
andere gemeenten bestaan niet. Alle cijfers zijn door de software bedacht, naar het model van echte \
bronnen zoals het CBS, de GGD en de Monitor Sociale Kracht.

In de kwaliteitsmonitor geven we de voortgang van de uitvoering van de Maatschappelijke Agenda weer.

De structuur van de kwaliteitsmonitor komt overeen met de Maatschappelijke Agenda 2023-2027 en de \
programmabegroting 2024-2027. Er zijn aparte secties gemaakt voor elke opgave van de Maatschappelijke \
Agenda. Binnen de opgaven is er voor elke doelstelling een aparte pagina. Voor elke doelstelling wordt \
weergegeven:

- welke resultaten we willen bereiken;
- wat de voortgang is van de inspanningen die zijn gedaan om deze resultaten te bereiken;
- aan de hand van de indicatoren in hoeverre de resultaten bereikt zijn. Bij elke indicator is een \
toelichting opgenomen en wordt vermeld wat de bron is van de cijfers.

De monitor is een hulpmiddel voor het gesprek over de voortgang en voor bijsturing; hij geeft zelf \
geen oordeel. Bij de voorjaarsnota en de najaarsnota worden de cijfers en de voortgang bijgewerkt.
"""

SAMENLEVING = "Team Samenleving, gemeente Voorbeeldstad"
ZORG = "Team Zorg en Jeugd, gemeente Voorbeeldstad"
INKOMEN = "Team Werk en Inkomen, gemeente Voorbeeldstad"
OPENBARE_RUIMTE = "Team Openbare Ruimte en Veiligheid, gemeente Voorbeeldstad"
DE_BRUG = "Welzijnsorganisatie De Brug (fictief)"
LOKAAL_TEAM = "Lokaal team Voorbeeldstad (fictief)"

MSK_SCORES = [
    "dim_participatie", "dim_zelfredzaamheid", "dim_eenzaamheid", "dim_fin_zelfredzaamheid",
    "dim_sociale_samenhang", "dim_leefbaarheid", "dim_veiligheid",
]  # fmt: skip


@dataclass(frozen=True)
class ResultSpec:
    title: str
    indicators: list[str]  # the first carries the streefwaarde
    target: float | None
    direction: str = "increase"
    breakdown: str = ""  # of the first indicator, e.g. leeftijd=75+
    description: str = ""
    target_year: int = 2027
    baseline_period: str = "2022JJ00"


@dataclass(frozen=True)
class EffortSpec:
    title: str
    owner: str
    partner: str
    start: date
    end: date | None
    reports: list[tuple[str, int, str]]  # per report period: status, progress %, toelichting
    result: int | None = None  # index of the result of the same doel it contributes to
    indicators: list[str] = field(default_factory=list)
    description: str = ""


@dataclass(frozen=True)
class GoalSpec:
    slug: str
    number: str
    title: str
    description: str
    results: list[ResultSpec]
    efforts: list[EffortSpec]


@dataclass(frozen=True)
class ThemeSpec:
    slug: str
    title: str
    summary: str
    goals: list[GoalSpec]


def steady(start: int, step: int, texts: tuple[str, str, str]) -> list[tuple[str, int, str]]:
    """Three reports of an effort that runs as planned."""
    return [(DONE_ON_TRACK, min(100, start + i * step), text) for i, text in enumerate(texts)]


SOCIALE_BASIS = GoalSpec(
    "sterke-sociale-basis", "1", "Er is een sterke sociale basis",
    "De sociale basis: vrij toegankelijke formele en informele activiteiten en voorzieningen waar inwoners "
    "elkaar ontmoeten en ondersteunen, zich ontplooien en ontspannen. Het gaat om het omzien naar elkaar in "
    "de wijken, buurten en kernen, en om het zelf regie kunnen houden over het eigen leven met een netwerk "
    "vanuit die basis. Drie kernelementen: persoonlijk, gemeenschappelijk en institutioneel.",
    [
        ResultSpec(
            "In 2027 is de sociale kracht gestegen en de participatie gestegen",
            ["dim_sociale_kracht", *MSK_SCORES], 7.6,
            description="Stijging in alle wijken en kernen van de indicatoren in de Monitor Sociale Kracht.",
        ),
        ResultSpec(
            "In 2027 is de sociale basis bekend en goed bereikbaar",
            ["dim_bekendheid_voorzieningen"], 70.0,
            description="Stijging van de indicator bekendheid voorzieningen in de Monitor Sociale Kracht.",
        ),
    ],
    [
        EffortSpec(
            "Buurtverbinders in elke wijk en kern", SAMENLEVING, DE_BRUG,
            date(2023, 1, 1), date(2027, 12, 31),
            steady(40, 15, ("In zes van de acht wijken is een buurtverbinder actief.",
                            "Ook in Kern Hazelaar gestart; Buitengebied volgt.",
                            "In alle wijken en kernen actief.")),
            result=0, indicators=["dim_sociale_samenhang"],
            description="Buurtverbinders leggen contact met bewoners en helpen initiatieven op weg.",
        ),
        EffortSpec(
            "Campagne 'Weet wat er is' over welzijnsvoorzieningen", SAMENLEVING, DE_BRUG, date(2024, 3, 1),
            date(2025, 12, 31),
            [(IN_PROGRESS, 30, "Start vertraagd door wisseling van communicatiebureau."),
             (IN_PROGRESS, 45, "Eerste ronde huis-aan-huis verspreid; digitale sociale kaart nog niet af."),
             (IN_PROGRESS, 60, "Sociale kaart online; bereik onder jongeren blijft achter.")],
            result=1, indicators=["dim_bekendheid_voorzieningen"],
        ),
        EffortSpec(
            "Vrijwilligerscentrale versterken", SAMENLEVING, "Vrijwilligerscentrale Voorbeeldstad (fictief)",
            date(2023, 6, 1), date(2026, 12, 31),
            steady(50, 10, ("Matchingsplatform vernieuwd.", "Meer matches dan vorig jaar.",
                            "Samenwerking met sportverenigingen gestart.")),
            result=0, indicators=["dim_participatie"],
        ),
    ],
)  # fmt: skip

ONTMOETEN = GoalSpec(
    "ontmoetingsplaatsen", "2", "Er zijn laagdrempelige en gastvrije ontmoetingsplaatsen",
    "In elke wijk en kern is een plek waar inwoners zonder drempel binnenlopen, elkaar ontmoeten en "
    "hulp kunnen vinden.",
    [
        ResultSpec(
            "In 2027 bezoeken jaarlijks 3.000 inwoners een ontmoetingsplaats",
            ["prt_bezoekers_ontmoetingsplaatsen", "dim_eenzaamheid"], 3000.0, baseline_period="2025JJ00",
            description="De welzijnsorganisatie registreert het aantal bezoekers sinds 2025.",
        ),
    ],
    [
        EffortSpec(
            "Huiskamer van de wijk in Schilderskwartier en Tuinstad", SAMENLEVING, DE_BRUG, date(2023, 9, 1),
            date(2027, 12, 31),
            steady(50, 15, ("Huiskamer Schilderskwartier open, vijf dagen per week.",
                            "Locatie in Tuinstad gevonden.", "Beide huiskamers open.")),
            result=0, indicators=["prt_bezoekers_ontmoetingsplaatsen"],
        ),
        EffortSpec(
            "Ontmoetingsplek in Kern Vliethoven", SAMENLEVING, "Dorpshuis Vliethoven (fictief)",
            date(2025, 1, 1), date(2026, 6, 30),
            [(NOT_STARTED, 0, "Wacht op besluit over de verbouwing van het dorpshuis."),
             (NOT_STARTED, 0, "Besluit uitgesteld naar het najaar."),
             (IN_PROGRESS, 15, "Verbouwing gegund; opening verwacht in 2026.")],
            result=0,
        ),
    ],
)  # fmt: skip
