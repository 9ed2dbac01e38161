# SPDX-License-Identifier: EUPL-1.2
"""The opgaven of the demo agenda; see :mod:`.agenda_content` for the building blocks."""

from __future__ import annotations

from datetime import date

from kwaliteitsmonitor.analysis.vocabulary import DONE_ON_TRACK, IN_PROGRESS, NO_DATA, NOT_STARTED

from .agenda_content import (
    DE_BRUG,
    INKOMEN,
    LOKAAL_TEAM,
    ONTMOETEN,
    OPENBARE_RUIMTE,
    SAMENLEVING,
    SOCIALE_BASIS,
    ZORG,
    EffortSpec,
    GoalSpec,
    ResultSpec,
    ThemeSpec,
    steady,
)  # fmt: skip

LOKAAL_TEAM_GOAL = GoalSpec(
    "doorontwikkeling-lokaal-team", "3", "Doorontwikkeling lokaal team Voorbeeldstad",
    "Het lokaal team is de eerste plek voor inwoners met een vraag over zorg, ondersteuning, werk of geld. "
    "Het team werkt outreachend en zoekt eerst naar oplossingen in het eigen netwerk en de sociale basis.",
    [
        ResultSpec(
            "In 2027 voelen inwoners zich beter in staat hun eigen leven te regelen",
            ["dim_zelfredzaamheid", "wmo_clienten_per_1000"], 8.4,
        ),
    ],
    [
        EffortSpec(
            "Eén toegang voor Wmo, jeugd en schulden", ZORG, LOKAAL_TEAM,
            date(2023, 1, 1), date(2025, 12, 31),
            steady(70, 15, ("Gezamenlijk intakeformulier in gebruik.", "Eén telefoonnummer en één loket.",
                            "Afgerond; werkwijze vastgelegd.")),
            result=0,
        ),
        EffortSpec(
            "Wijkgericht werken met vaste gezichten", ZORG, LOKAAL_TEAM, date(2024, 1, 1), date(2027, 12, 31),
            [(IN_PROGRESS, 25, "Vacatures voor wijkcoaches moeilijk te vervullen."),
             (IN_PROGRESS, 40, "Vier van de acht wijken hebben een vaste wijkcoach."),
             (DONE_ON_TRACK, 60, "Zes wijken bemand; planning weer op schema.")],
            result=0,
        ),
    ],
)  # fmt: skip

ZORG_GOAL = GoalSpec(
    "geindiceerde-zorg", "4", "Geïndiceerde zorg en ondersteuning bieden",
    "Inwoners die het zelf of met hun netwerk niet redden, krijgen passende zorg en ondersteuning. "
    "Lichtere hulp in de sociale basis waar dat kan, geïndiceerde zorg waar dat nodig is.",
    [
        ResultSpec(
            "In 2027 is het gebruik van Wmo-maatwerkvoorzieningen niet verder gestegen",
            ["wmo_clienten_per_1000", "wmo_clienten"], 55.0, direction="decrease",
        ),
        ResultSpec(
            "In 2027 heeft een kleiner deel van de jongeren jeugdhulp",
            ["jeugd_jeugdhulp_pct", "jeugd_jeugdhulp"], 10.5, direction="decrease",
        ),
        ResultSpec(
            "In 2027 krijgen inwoners binnen 42 dagen een besluit op hun Wmo-aanvraag",
            ["wmo_doorlooptijd_dagen"], 42.0, direction="decrease",
            description="Gemiddelde doorlooptijd van melding tot beschikking; de wettelijke termijn is "
            "acht weken.",
        ),
    ],
    [
        EffortSpec(
            "Algemene voorziening huishoudelijke ondersteuning", ZORG, "Thuiszorg Samen (fictief)",
            date(2024, 1, 1), date(2026, 12, 31),
            [(IN_PROGRESS, 20, "Aanbesteding loopt."), (IN_PROGRESS, 35, "Gegund; start uitgesteld."),
             (NOT_STARTED, 35, "Start opnieuw uitgesteld: bezwaar tegen de gunning.")],
            result=0, indicators=["wmo_clienten"],
        ),
        EffortSpec(
            "Praktijkondersteuner jeugd bij alle huisartsen", ZORG, "Huisartsen Voorbeeldstad (fictief)",
            date(2023, 1, 1), date(2026, 12, 31),
            steady(60, 15, ("Bij vijf van de zeven praktijken.", "Bij zes praktijken.",
                            "Bij alle praktijken.")),
            result=1, indicators=["jeugd_jeugdhulp"],
        ),
        EffortSpec(
            "Jongerenwerk op scholen", ZORG, "Jongerenwerk Op Koers (fictief)", date(2024, 8, 1),
            date(2027, 7, 31),
            steady(30, 20, ("Gestart op twee scholen.", "Op drie scholen.", "Op alle vier de scholen.")),
            result=1,
        ),
    ],
)  # fmt: skip

INRICHTING = ThemeSpec(
    "inrichting-sociaal-domein", "Inrichting sociaal domein",
    "Hoe we het sociaal domein organiseren: een sterke sociale basis, ontmoetingsplaatsen, een lokaal team "
    "dat dichtbij werkt en geïndiceerde zorg voor wie dat nodig heeft.",
    [SOCIALE_BASIS, ONTMOETEN, LOKAAL_TEAM_GOAL, ZORG_GOAL],
)  # fmt: skip

RONDKOMEN = GoalSpec(
    "rondkomen-en-meedoen", "1", "Inwoners kunnen rondkomen en doen mee",
    "Minder inwoners hebben geldzorgen; meer jongeren doen mee via school, werk of vrijwilligerswerk.",
    [
        ResultSpec("In 2027 is de financiële zelfredzaamheid gestegen", ["dim_fin_zelfredzaamheid"], 7.8),
        ResultSpec(
            "In 2027 doen meer jongeren (16 tot 35 jaar) mee", ["dim_participatie"], 8.5,
            breakdown="leeftijd=16-34",
        ),
    ],
    [
        EffortSpec(
            "Vroegsignalering van betalingsachterstanden", INKOMEN, "Schuldhulp Voorbeeldstad (fictief)",
            date(2023, 1, 1), None,
            steady(70, 10, ("Afspraken met woningcorporatie en energieleverancier.",
                            "Ook de zorgverzekeraar is aangesloten.", "Loopt; 240 huishoudens bereikt.")),
            result=0,
        ),
        EffortSpec(
            "Jongerenloket werk en studie", INKOMEN, "Jongerenwerk Op Koers (fictief)", date(2024, 9, 1),
            date(2026, 12, 31),
            [(NO_DATA, 0, ""), (IN_PROGRESS, 30, "Loket geopend; nog weinig bezoekers."),
             (IN_PROGRESS, 50, "Bereik gegroeid via de scholen.")],
            result=1,
        ),
    ],
)  # fmt: skip

EENZAAMHEID = GoalSpec(
    "minder-eenzaamheid", "1", "Minder inwoners voelen zich eenzaam",
    "Eenzaamheid komt in alle leeftijden voor. We willen dat inwoners iemand hebben om op terug te vallen.",
    [
        ResultSpec(
            "In 2027 is het aandeel eenzame inwoners gedaald tot 40%", ["ggd_eenzaam", "dim_eenzaamheid"],
            40.0, direction="decrease",
        ),
    ],
    [
        EffortSpec(
            "Week tegen Eenzaamheid en maatjesprojecten", SAMENLEVING, DE_BRUG, date(2023, 9, 1), None,
            steady(60, 10, ("120 maatjeskoppels.", "150 maatjeskoppels.", "170 maatjeskoppels.")),
            result=0,
        ),
        EffortSpec(
            "Signaleren van eenzaamheid door huisartsen en apotheken", SAMENLEVING,
            "GGD Duin en Klei (fictief)", date(2024, 1, 1), date(2026, 12, 31),
            [(NOT_STARTED, 0, "Nog geen capaciteit bij de GGD."), (IN_PROGRESS, 20, "Training gepland."),
             (IN_PROGRESS, 40, "Eerste twee trainingen gegeven.")],
            result=0,
        ),
    ],
)  # fmt: skip

ZELFSTANDIG = GoalSpec(
    "langer-zelfstandig", "2", "Ouderen wonen langer zelfstandig en vitaal",
    "Ouderen blijven zo lang mogelijk thuis wonen, met steun van hun netwerk en de buurt.",
    [
        ResultSpec(
            "In 2027 is de zelfredzaamheid van 75-plussers gestegen", ["dim_zelfredzaamheid"], 7.8,
            breakdown="leeftijd=75+",
        ),
    ],
    [
        EffortSpec(
            "Preventief huisbezoek bij 75-plussers", ZORG, DE_BRUG, date(2023, 4, 1), date(2027, 12, 31),
            steady(40, 15, ("Alle 75-plussers in Tuinstad bezocht.", "Ook in de Binnenstad.",
                            "Bezoeken in de kernen gestart.")),
            result=0, indicators=["bev_75plus"],
        ),
        EffortSpec(
            "Beweegaanbod voor ouderen in de wijk", SAMENLEVING, "Sportservice Voorbeeldstad (fictief)",
            date(2024, 1, 1), date(2026, 12, 31),
            steady(50, 15, ("Vier groepen gestart.", "Zeven groepen.", "Tien groepen, ook in de kernen.")),
            result=0,
        ),
    ],
)  # fmt: skip

VEILIG = GoalSpec(
    "veilige-leefbare-wijken", "1", "Wijken en kernen zijn veilig en leefbaar",
    "Minder overlast en meer contact tussen buren, vooral in de wijken waar het nu minder goed gaat.",
    [
        ResultSpec(
            "In 2027 is de overlast gedaald tot 25 meldingen per 1.000 inwoners",
            ["pol_overlast_per_1000", "dim_veiligheid", "dim_leefbaarheid"], 25.0, direction="decrease",
        ),
        ResultSpec("In 2027 is de sociale samenhang in de buurt gestegen", ["dim_sociale_samenhang"], 7.0),
    ],
    [
        EffortSpec(
            "Wijkaanpak Schilderskwartier", OPENBARE_RUIMTE, "Woningcorporatie Thuisbasis (fictief)",
            date(2022, 1, 1), date(2027, 12, 31),
            steady(55, 10, ("Buurtpreventie en jongerenwerk op straat.", "Speelplein vernieuwd.",
                            "Overlast duidelijk gedaald.")),
            result=0, indicators=["pol_overlast_per_1000"],
        ),
        EffortSpec(
            "Bewonersbudget voor buurtinitiatieven", SAMENLEVING, "Stichting Buurtkracht (fictief)",
            date(2024, 1, 1), date(2027, 12, 31),
            [(IN_PROGRESS, 20, "Regeling vastgesteld."), (IN_PROGRESS, 35, "Twaalf aanvragen gehonoreerd."),
             (IN_PROGRESS, 45, "Weinig aanvragen uit de Binnenstad; extra werving.")],
            result=1, indicators=["dim_sociale_samenhang"],
        ),
        EffortSpec(
            "Cameratoezicht en verlichting bij het station", OPENBARE_RUIMTE,
            "Politie, basisteam Duinmarken (fictief)", date(2024, 6, 1), date(2025, 12, 31),
            steady(40, 30, ("Verlichting vernieuwd.", "Camera's geplaatst.", "Afgerond.")),
            result=0,
        ),
    ],
)  # fmt: skip

KANSRIJK = ThemeSpec(
    "kansrijk-voorbeeldstad",
    "Kansrijk Voorbeeldstad",
    "Iedereen krijgt de kans om mee te doen: met werk, opleiding en genoeg geld om rond te komen.",
    [RONDKOMEN],
)
GEZOND = ThemeSpec(
    "gezond-en-vitaal-voorbeeldstad",
    "Gezond en vitaal Voorbeeldstad",
    "Inwoners voelen zich gezond en verbonden en kunnen lang zelfstandig blijven.",
    [EENZAAMHEID, ZELFSTANDIG],
)
LEEFBAAR = ThemeSpec(
    "leefbaar-en-ondernemend-voorbeeldstad",
    "Leefbaar en ondernemend Voorbeeldstad",
    "Wijken en kernen waar het prettig en veilig wonen is en waar bewoners samen de buurt maken.",
    [VEILIG],
)

THEMES = [INRICHTING, KANSRIJK, GEZOND, LEEFBAAR]
