# SPDX-License-Identifier: EUPL-1.2
"""The indicator definitions of the demo. Every source text says the figures are fictitious."""

from __future__ import annotations

from typing import Any

from kwaliteitsmonitor.analysis.units import UNITS
from kwaliteitsmonitor.indicators.models import Indicator

from .common import SOURCE_PREFIX

MSK = f"{SOURCE_PREFIX} de Monitor Sociale Kracht (Dimensus)"
KWB = f"{SOURCE_PREFIX} CBS Kerncijfers wijken en buurten"
WMO = f"{SOURCE_PREFIX} de Wmo-registratie van de gemeente (CBS Monitor Sociaal Domein Wmo)"
JEUGD = f"{SOURCE_PREFIX} CBS Beleidsinformatie Jeugd"
GGD = f"{SOURCE_PREFIX} de GGD Gezondheidsmonitor Volwassenen en Ouderen"
POLITIE = f"{SOURCE_PREFIX} de open data van de politie (meldingen van overlast)"
PARTNER = f"{SOURCE_PREFIX} de registratie van een welzijnsorganisatie"
WMO_REGISTER = f"{SOURCE_PREFIX} de eigen Wmo-registratie van een gemeente"

_SURVEY = {
    "provider": "survey", "count_method": "survey", "period_type": "year", "category": "Sociale kracht",
}  # fmt: skip
_MSK_SCORE = {
    **_SURVEY, "unit": "score_0_10", "decimals": 1, "polarity": "higher_is_better", "nature": "perception",
    "source": MSK, "source_table": "Monitor Sociale Kracht (fictief)", "area_levels": ["NL", "GM", "WK"],
    "unit_label": "score (0–10, hoger is beter)",
}  # fmt: skip
_MSK_NOTE = (
    "Score van 0 tot 10; hoe hoger, hoe beter. De scores zijn relatieve waarden en geen rapportcijfers: ze "
    "laten verschillen zien tussen groepen, wijken en jaren. Uitkomsten van minder dan 30 respondenten "
    "worden niet getoond. Dit zijn fictieve demogegevens."
)
_POPULATION = {
    "provider": "cbs", "count_method": "on_reference_date", "period_type": "year", "unit": "count",
    "decimals": 0, "polarity": "neutral", "nature": "fact", "source": KWB, "category": "Bevolking",
    "source_table": "Kerncijfers wijken en buurten (fictief)", "area_levels": ["NL", "GM", "WK", "BU"],
}  # fmt: skip
# The Wmo categories of the GMSD wijkdashboard: (code part, label in a sentence).
WMO_CATEGORIES = [
    ("huishoudelijke_hulp", "hulp bij het huishouden"),
    ("ondersteuning_thuis", "ondersteuning thuis"),
    ("hulpmiddelen", "hulpmiddelen en diensten"),
]
_REGISTER = {
    "provider": "own", "count_method": "during_period", "period_type": "year_halfyear", "nature": "fact",
}  # fmt: skip
_HALF_YEARS = (
    "Personen die op enig moment in de periode ondersteuning hadden. Een jaar is daarom niet de som van de "
    "twee halfjaren: het jaarcijfer is hoger dan elk halfjaar. Dit zijn fictieve demogegevens."
)


def msk(code: str, name: str, short: str, definition: str, nature: str = "perception") -> dict[str, Any]:
    return {**_MSK_SCORE, "code": code, "name": name, "short_name": short, "definition": definition,
            "explanation": _MSK_NOTE, "nature": nature}  # fmt: skip


def population(code: str, name: str, short: str, definition: str) -> dict[str, Any]:
    explanation = "Aantal inwoners op 1 januari volgens de basisregistratie personen (fictief)."
    return {**_POPULATION, "code": code, "name": name, "short_name": short, "definition": definition,
            "explanation": explanation}  # fmt: skip


DEFINITIONS: list[dict[str, Any]] = [
    msk("dim_sociale_kracht", "Sociale kracht (totaalscore)", "Sociale kracht",
        "Gemiddelde van de zeven onderdelen van de Monitor Sociale Kracht."),
    msk("dim_zelfredzaamheid", "Individuele zelfredzaamheid", "Zelfredzaamheid",
        "Zelfzorgend en zelforganiserend vermogen en weerbaarheid van inwoners van 16 jaar en ouder."),
    msk("dim_participatie", "Participatie", "Participatie",
        "Mate waarin inwoners deelnemen aan de samenleving: werk, opleiding, mantelzorg, "
        "vrijwilligerswerk en verenigingsleven.", nature="fact"),
    msk("dim_eenzaamheid", "Mate van (niet-)eenzaamheid", "(Niet-)eenzaamheid",
        "Zes vragen over sociale en emotionele eenzaamheid; een hogere score betekent minder eenzaamheid."),
    msk("dim_fin_zelfredzaamheid", "Financiële zelfredzaamheid", "Financiële zelfredzaamheid",
        "Mate waarin inwoners rondkomen en hun geldzaken zelf kunnen regelen."),
    msk("dim_sociale_samenhang", "Sociale samenhang in de buurt", "Sociale samenhang",
        "Mate waarin buurtbewoners elkaar kennen, vertrouwen en voor elkaar klaarstaan."),
    msk("dim_leefbaarheid", "Beleving van leefbaarheid", "Leefbaarheid",
        "Oordeel van inwoners over hun woonomgeving en voorzieningen in de buurt."),
    msk("dim_veiligheid", "Beleving van veiligheid", "Veiligheid",
        "Mate waarin inwoners zich veilig voelen in hun buurt, overdag en 's avonds."),
    {
        **_MSK_SCORE, "code": "dim_bekendheid_voorzieningen", "name": "Bekendheid met welzijnsvoorzieningen",
        "short_name": "Bekendheid voorzieningen", "unit": "pct", "decimals": 0,
        "unit_label": "% van de inwoners",
        "category": "Sociale basis",
        "definition": "Percentage inwoners van 16 jaar en ouder dat bekend is met ten minste één van de "
                      "welzijnsvoorzieningen (sociaal werk in de wijk, maatschappelijk werk, "
                      "vrijwilligerscentrale, jongerenwerk).",
        "explanation": "Gevraagd in de Monitor Sociale Kracht. Uitkomsten van minder dan 30 respondenten "
                       "worden niet getoond. Dit zijn fictieve demogegevens.",
    },
    population("bev_inwoners", "Inwoners", "Inwoners", "Aantal inwoners op 1 januari."),
    population("bev_0_17", "Inwoners van 0 tot 18 jaar", "Inwoners 0–17",
               "Aantal inwoners jonger dan 18 jaar op 1 januari."),
    population("bev_12_22", "Inwoners van 12 tot 23 jaar", "Inwoners 12–22",
               "Aantal inwoners van 12 tot en met 22 jaar op 1 januari."),
    population("bev_75plus", "Inwoners van 75 jaar of ouder", "Inwoners 75+",
               "Aantal inwoners van 75 jaar of ouder op 1 januari."),
    population("bev_18plus", "Inwoners van 18 jaar of ouder", "Inwoners 18+",
               "Aantal inwoners van 18 jaar of ouder op 1 januari: de doelgroep van de Wmo."),
    {
        **_REGISTER, "code": "wmo_clienten", "name": "Wmo-cliënten met een maatwerkvoorziening",
        "short_name": "Wmo-cliënten", "unit": "count", "decimals": 0, "polarity": "neutral",
        "category": "Zorg en ondersteuning", "source": WMO, "source_table": "Wmo-registratie (fictief)",
        "definition": "Aantal inwoners met ten minste één Wmo-maatwerkvoorziening gedurende de periode.",
        "explanation": _HALF_YEARS, "area_levels": ["NL", "GM", "WK", "BU"],
    },
    {
        **_REGISTER, "code": "wmo_clienten_per_1000", "name": "Wmo-cliënten per 1.000 inwoners",
        "short_name": "Wmo-cliënten per 1.000", "unit": "per_1000", "decimals": 1, "polarity": "neutral",
        "category": "Zorg en ondersteuning", "source": WMO, "source_table": "Wmo-registratie (fictief)",
        "factor": 1000.0, "numerator": "wmo_clienten", "denominator": "bev_inwoners",
        "definition": "Wmo-cliënten met een maatwerkvoorziening per 1.000 inwoners (alle leeftijden).",
        "explanation": _HALF_YEARS + " De noemer is het aantal inwoners op 1 januari van het jaar; voor een "
                       "halfjaar waarvan dat nog niet bekend is, het laatst bekende aantal.",
        "area_levels": ["NL", "GM", "WK", "BU"],
    },
    {
        **_REGISTER, "code": "wmo_clienten_per_1000_18plus",
        "name": "Wmo-cliënten per 1.000 inwoners van 18 jaar en ouder",
        "short_name": "Wmo-cliënten per 1.000 (18+)", "unit": "per_1000", "decimals": 1,
        "polarity": "neutral",
        "category": "Zorg en ondersteuning", "source": WMO, "source_table": "Wmo-registratie (fictief)",
        "factor": 1000.0, "numerator": "wmo_clienten", "denominator": "bev_18plus",
        "definition": "Wmo-cliënten met een maatwerkvoorziening per 1.000 inwoners van 18 jaar en "
                      "ouder, de doelgroep van de Wmo (zoals het wijkdashboard van GMSD).",
        "explanation": _HALF_YEARS + " Berekend door de monitor uit het aantal cliënten en het aantal "
                       "inwoners van 18 jaar en ouder op 1 januari.",
        "area_levels": ["NL", "GM", "WK", "BU"],
    },
    *[
        entry
        for code, label in WMO_CATEGORIES
        for entry in (
            {
                **_REGISTER, "code": f"wmo_{code}", "name": f"Wmo-cliënten met {label}",
                "short_name": f"Wmo: {label}", "unit": "count", "decimals": 0, "polarity": "neutral",
                "category": "Zorg en ondersteuning", "source": WMO, "period_type": "year",
                "source_table": "Wmo-registratie, per soort voorziening (fictief)",
                "definition": f"Aantal inwoners met {label} als Wmo-maatwerkvoorziening in het jaar.",
                "explanation": "Een cliënt kan meer soorten voorzieningen hebben: de soorten tellen niet op "
                               "tot het totaal. Dit zijn fictieve demogegevens.",
                "area_levels": ["NL", "GM", "WK", "BU"],
            },
            {
                **_REGISTER, "code": f"wmo_{code}_per_1000_18plus",
                "name": f"Wmo-cliënten met {label} per 1.000 inwoners van 18 jaar en ouder",
                "short_name": f"Wmo: {label} per 1.000 (18+)", "unit": "per_1000", "decimals": 1,
                "polarity": "neutral", "category": "Zorg en ondersteuning", "source": WMO,
                "period_type": "year",
                "source_table": "Wmo-registratie, per soort voorziening (fictief)",
                "factor": 1000.0, "numerator": f"wmo_{code}", "denominator": "bev_18plus",
                "definition": f"Inwoners met {label} per 1.000 inwoners van 18 jaar en ouder.",
                "explanation": "Berekend door de monitor uit het aantal cliënten van deze soort en het "
                               "aantal inwoners van 18 jaar en ouder. Dit zijn fictieve demogegevens.",
                "area_levels": ["NL", "GM", "WK", "BU"],
            },
        )
    ],
    {
        **_REGISTER, "code": "jeugd_jeugdhulp", "name": "Jongeren met jeugdhulp",
        "short_name": "Jongeren met jeugdhulp",
        "unit": "count", "decimals": 0, "polarity": "neutral", "category": "Jeugd", "source": JEUGD,
        "source_table": "Beleidsinformatie Jeugd (fictief)",
        "definition": "Aantal jongeren tot 18 jaar met jeugdhulp (zonder en met verblijf) gedurende de "
                      "periode.",
        "explanation": _HALF_YEARS, "area_levels": ["NL", "GM", "WK", "BU"],
    },
    {
        **_REGISTER, "code": "jeugd_jeugdhulp_pct",
        "name": "Jongeren met jeugdhulp (% van alle jongeren tot 18 jaar)",
        "short_name": "Jongeren met jeugdhulp (%)", "unit": "pct", "decimals": 1, "polarity": "neutral",
        "category": "Jeugd", "source": JEUGD, "source_table": "Beleidsinformatie Jeugd (fictief)",
        "factor": 100.0, "numerator": "jeugd_jeugdhulp", "denominator": "bev_0_17",
        "definition": "Jongeren tot 18 jaar met jeugdhulp als percentage van alle jongeren tot 18 jaar.",
        "explanation": _HALF_YEARS, "area_levels": ["NL", "GM", "WK", "BU"],
    },
    {
        "code": "ggd_eenzaam", "name": "Eenzaam (matig of sterk), 18 jaar en ouder", "short_name": "Eenzaam",
        "category": "Gezondheid", "provider": "survey", "count_method": "survey", "period_type": "year",
        "unit": "pct", "decimals": 1, "polarity": "lower_is_better", "nature": "perception", "source": GGD,
        "source_table": "Gezondheidsmonitor Volwassenen en Ouderen (fictief)", "area_levels": ["NL", "GM"],
        "unit_label": "% van de inwoners van 18 jaar en ouder",
        "definition": "Percentage inwoners van 18 jaar en ouder dat matig of sterk eenzaam is volgens de "
                      "eenzaamheidsschaal van De Jong-Gierveld.",
        "explanation": "Lager is beter. Om de twee tot vier jaar gemeten; met 95%-betrouwbaarheidsinterval. "
                       "Dit zijn fictieve demogegevens.",
    },
    {
        "code": "pol_overlast_per_1000", "name": "Meldingen van overlast per 1.000 inwoners",
        "short_name": "Overlastmeldingen per 1.000", "category": "Veiligheid en leefbaarheid",
        "provider": "cbs",
        "count_method": "during_period", "period_type": "year", "unit": "per_1000", "decimals": 1,
        "polarity": "lower_is_better", "nature": "fact", "source": POLITIE,
        "source_table": "Politie, geregistreerde meldingen (fictief)", "area_levels": ["NL", "GM", "WK"],
        "definition": "Bij de politie geregistreerde meldingen van overlast (jeugd, verward gedrag, "
                      "burengerucht, drugs en drank) per 1.000 inwoners.",
        "explanation": "Lager is beter. Niet elke overlast wordt gemeld. Dit zijn fictieve demogegevens.",
    },
    {
        "code": "wmo_doorlooptijd_dagen", "name": "Gemiddelde doorlooptijd van een Wmo-aanvraag",
        "short_name": "Doorlooptijd Wmo-aanvraag", "category": "Zorg en ondersteuning", "provider": "own",
        "count_method": "during_period", "period_type": "halfyear", "unit": "days", "decimals": 0,
        "polarity": "lower_is_better", "nature": "fact", "source": WMO_REGISTER,
        "source_table": "Wmo-registratie, afgehandelde aanvragen (fictief)", "area_levels": ["GM"],
        "disclosure": "none",
        "definition": "Gemiddeld aantal kalenderdagen van melding tot beschikking, over de aanvragen die in "
                      "het halfjaar zijn afgehandeld.",
        "explanation": "Lager is beter. Een gemiddelde over honderden aanvragen: geen aantal personen, dus "
                       "niet afgerond. Dit zijn fictieve demogegevens.",
    },
    {
        "code": "prt_bezoekers_ontmoetingsplaatsen", "name": "Unieke bezoekers van de ontmoetingsplaatsen",
        "short_name": "Bezoekers ontmoetingsplaatsen", "category": "Sociale basis", "provider": "partner",
        "count_method": "during_period", "period_type": "year", "unit": "count", "decimals": 0,
        "polarity": "higher_is_better", "nature": "fact", "source": PARTNER,
        "source_table": "Registratie Welzijnsorganisatie De Brug (fictief)", "area_levels": ["GM", "WK"],
        "definition": "Aantal verschillende inwoners dat in het jaar ten minste één keer een "
                      "ontmoetingsplaats bezocht, naar de wijk waar zij wonen.",
        "explanation": "De registratie is in 2025 begonnen; een trend is er nog niet. De Brug levert "
                       "aantallen per wijk; het cijfer voor de hele gemeente is de som daarvan, berekend "
                       "door de monitor. Dit zijn fictieve demogegevens.",
    },
]  # fmt: skip

CODES = [d["code"] for d in DEFINITIONS]
_LINKS = ("numerator", "denominator")


def ensure_indicators() -> dict[str, Indicator]:
    """Create or update the demo indicators; returns them by code."""
    found: dict[str, Indicator] = {}
    for definition in DEFINITIONS:
        fields = {k: v for k, v in definition.items() if k not in {"code", *_LINKS}}
        assert fields["unit"] in UNITS, fields["unit"]
        fields.setdefault("factor", None)
        for key in ("short_name", "unit_label", "source_url", "disclosure"):
            fields.setdefault(key, "")
        indicator, _ = Indicator.objects.update_or_create(code=definition["code"], defaults=fields)
        found[indicator.code] = indicator
    for definition in DEFINITIONS:
        links = {k: found[definition[k]] if k in definition else None for k in _LINKS}
        Indicator.objects.filter(pk=found[definition["code"]].pk).update(
            numerator=links["numerator"], denominator=links["denominator"]
        )
    return Indicator.objects.in_bulk(CODES, field_name="code")
