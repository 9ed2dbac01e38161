# SPDX-License-Identifier: EUPL-1.2
"""OpenAPI descriptions (Dutch) of the analysis answers. They name the fields a client can rely on;
the answers may carry more (v1 only grows)."""

from __future__ import annotations

from typing import Any


def _s(description: str, kind: str = "string", *, nullable: bool = False, **extra: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": kind, "description": description, **extra}
    if nullable:
        schema["nullable"] = True
    return schema


def _obj(description: str, properties: dict[str, Any], *, nullable: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "description": description, "properties": properties}
    if nullable:
        schema["nullable"] = True
    return schema


def _list(description: str, item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "description": description, "items": item}


AREA = _obj("Gebied.", {"code": _s("CBS-code."), "name": _s("Naam.")})
PROJECTION = _obj(
    "Projectie naar het streefjaar, of null als er te weinig metingen zijn.",
    {
        "target_year": _s("Streefjaar.", "integer"),
        "method": _s("theil_sen (robuuste trend) of holt_damped (gedempte trend)."),
        "reason": _s("Waarom deze methode, in gewone taal."),
        "level": _s("Zekerheid van de bandbreedte (0,8 = 80%).", "number"),
        "value": _s("Verwachte waarde in het streefjaar.", "number"),
        "low": _s("Ondergrens van de bandbreedte.", "number"),
        "high": _s("Bovengrens van de bandbreedte.", "number"),
        "text": _s("De projectie in woorden."),
    },
    nullable=True,
)
STATUS_SCHEMA = _obj(
    "Status van een resultaat tegenover zijn streefwaarde.",
    {
        "result_id": _s("Nummer van het resultaat.", "integer"),
        "title": _s("Het resultaat."),
        "area": _s("CBS-code van de gemeente van de agenda."),
        "indicator": _s("Code van de indicator waar de streefwaarde bij hoort."),
        "code": _s(
            "Status: achieved, on_track, off_track, no_reliable_signal of insufficient_data.",
            enum=["achieved", "on_track", "off_track", "no_reliable_signal", "insufficient_data"],
        ),
        "label": _s("Status in woorden: behaald, op koers, niet op koers, ..."),
        "symbol": _s("Teken bij de status, zodat die niet alleen aan de kleur te zien is."),
        "reasoning": _s("De redenering in gewone taal."),
        "rule": _s("De regel die de status bepaalde (R0–R8, zie de methodebeschrijving)."),
        "target": _obj(
            "Streefwaarde.",
            {
                "value": _s("Streefwaarde.", "number"),
                "year": _s("Streefjaar.", "integer"),
                "direction": _s("increase, decrease of maintain."),
            },
        ),
        "projection": PROJECTION,
    },
)
COMPARISON = _obj(
    "Vergelijking met één groep.",
    {
        "kind": _s("Soort groep: nederland, provincie, corop, jeugdzorgregio, ggd_regio, ..."),
        "code": _s("Code van de groep (of de vingerafdruk van de vergelijkingsgroep)."),
        "name": _s("Naam van de groep."),
        "label": _s(
            "Welke groep en welke waarde precies, zoals de pagina's die tonen: 'Gemeenten met 50.000 tot "
            "100.000 inwoners (mediaan van 43 gemeenten, indeling 2024)'."
        ),
        "members": _s("Aantal gemeenten in de groep.", "integer"),
        "membership_year": _s(
            "Jaar van de indeling waaruit de leden komen: het laatste tot en met het jaar van de periode, "
            "anders het eerste daarna; null voor Nederland en de vergelijkingsgroep.",
            "integer",
            nullable=True,
        ),
        "statistic": _s(
            "Hoe de waarde van de groep is bepaald: gepubliceerd (eigen cijfer van de groep), berekend "
            "(door de monitor uit al haar gemeenten), som (uit opgetelde tellers en noemers) of mediaan "
            "(van de gemeenten met een cijfer).",
            enum=["gepubliceerd", "berekend", "som", "mediaan"],
        ),
        "statistic_text": _s("De waarde van de groep in woorden: 'mediaan van 41 van de 43 gemeenten'."),
        "used": _s(
            "Aantal gemeenten waarvan het cijfer meetelt (geheim of ontbrekend telt niet).", "integer"
        ),
        "expected": _s("Aantal gemeenten in de groep.", "integer"),
        "reference": _s("Vergelijkingswaarde.", "number", nullable=True),
        "reference_source": _s("'gepubliceerd', 'berekend', 'som' of 'mediaan van de groep'."),
        "difference": _s("Eigen waarde min vergelijkingswaarde.", "number", nullable=True),
        "rank": _s(
            "Plaats in de groep (1 = beste, of hoogste bij neutrale indicatoren).", "integer", nullable=True
        ),
        "ranked": _s("Aantal gemeenten met een waarde.", "integer"),
        "percentile": _s(
            "Percentiel van de eigen waarde (0 = laagste, 100 = hoogste).", "number", nullable=True
        ),
        "significant": _s("Alleen bij enquêtes: is het verschil significant?", "boolean", nullable=True),
        "text": _s("De vergelijking in gewone taal."),
    },
)
COMPARISONS_SCHEMA = _obj(
    "Vergelijkingen van één indicator voor één gemeente.",
    {
        "indicator": _s("Code van de indicator."),
        "area": AREA,
        "period": _s("Periode van de vergelijking.", nullable=True),
        "survey": _s("Enquêtecijfer (dan telt significantie).", "boolean"),
        "comparisons": _list("Per groep de vergelijking.", COMPARISON),
        "note": _s("Toelichting, bijvoorbeeld waarom er niets te vergelijken is."),
        "peer_note": _s(
            "Waarom de vergelijkingsgroep ontbreekt of anders is gekozen: een groep die mede op deze "
            "indicator is gekozen, telt niet."
        ),
    },
)
SIMILAR_SCHEMA = _obj(
    "Gemeenten die op deze gemeente lijken.",
    {
        "area": AREA,
        "k": _s("Gevraagd aantal.", "integer"),
        "method_version": _s("Versie van de methode."),
        "fingerprint": _s("Vingerafdruk van instellingen en leden."),
        "inputs": _list(
            "Alle indicatoren die de groep mee kozen; een vergelijking op een van deze indicatoren "
            "gebruikt deze groep niet.",
            {"type": "string"},
        ),
        "characteristics": _list(
            "Gebruikte kenmerken.",
            _obj(
                "Kenmerk.",
                {
                    "code": _s("Code: een indicatorcode, of teller/noemer voor een aandeel."),
                    "label": _s("Naam."),
                    "weight": _s("Gewicht.", "number"),
                    "log": _s("Als logaritme vergeleken (aantallen).", "boolean"),
                    "indicator": _s("Code van de indicator."),
                    "per": _s("Code van de noemer van een aandeel.", nullable=True),
                    "inputs": _list("Indicatoren waaruit dit kenmerk bestaat.", {"type": "string"}),
                    "own_text": _s("Waarde van de gemeente zelf."),
                    "used": _s("Telt mee in de afstand.", "boolean"),
                },
            ),
        ),
        "matches": _list(
            "De gevonden gemeenten, meest gelijkend eerst.",
            _obj(
                "Gelijkende gemeente.",
                {
                    "rank": _s("Plaats.", "integer"),
                    "area": _s("CBS-code."),
                    "name": _s("Naam."),
                    "distance": _s("Afstand (0 = gelijk).", "number"),
                    "explanation": _s("Waarop de gemeente vooral lijkt en waarin ze het meest verschilt."),
                },
            ),
        ),
    },
)
FORECAST_SCHEMA = _obj(
    "Prognose van het aantal Wmo-cliënten.",
    {
        "area": AREA,
        "category": _s("Wmo-categorie."),
        "forecast": _list(
            "Per jaar het verwachte aantal, afgerond op vijftallen.",
            _obj(
                "Jaar.",
                {
                    "year": _s("Jaar.", "integer"),
                    "value": _s("Verwacht aantal (beveiligd); null als geheim.", "number", nullable=True),
                    "text": _s("Het aantal zoals getoond."),
                },
            ),
        ),
        "rates": _list("Gebruik per leeftijdsgroep (per 1.000 inwoners) en het gewicht.", {"type": "object"}),
        "population": _list(
            "Bevolking per jaar en leeftijdsgroep (waargenomen of doorgetrokken).", {"type": "object"}
        ),
        "population_method": _s("Hoe de bevolking is voorspeld."),
        "backtest": _obj(
            "Terugtoets op de laatste waargenomen jaren.",
            {"mape": _s("Gemiddelde absolute fout in procenten.", "number", nullable=True)},
            nullable=True,
        ),
    },
)
CORRELATION_SCHEMA = _obj(
    "Samenhang tussen twee indicatoren.",
    {
        "level": _s("WK (wijken) of GM (gemeenten)."),
        "period": _s("Jaar van de vergelijking.", nullable=True),
        "warning": _s("Samenhang is geen oorzaak."),
        "message": _s("Waarom er geen uitkomst is (te weinig gebieden); leeg als die er wel is."),
        "result": _obj(
            "Uitkomst, of null.",
            {
                "n": _s("Aantal gebieden.", "integer"),
                "r": _s("Pearson-correlatie.", "number"),
                "spearman": _s("Spearman-rangcorrelatie.", "number"),
                "summary": _s("De samenhang in gewone taal."),
                "outliers": _list("Gebieden die sterk afwijken van de lijn.", {"type": "string"}),
                "points": _list("De punten van de spreidingsgrafiek.", {"type": "object"}),
            },
            nullable=True,
        ),
    },
)
