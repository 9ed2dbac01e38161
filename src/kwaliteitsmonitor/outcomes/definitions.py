# SPDX-License-Identifier: EUPL-1.2
"""The geharmoniseerde outcome-indicatoren (NJi; VNG and the branche organisations) as the monitor asks
them per voorziening, and the columns of the template. Pure Python: the template, the intake and the
docs read the same text."""

from __future__ import annotations

from dataclasses import dataclass

MIN_N = 10  # fewer trajecten or respondents than this: the percentage is not published
SHEET = "Uitkomsten"
INFO_SHEET = "Gegevens"
DEFINITIONS_SHEET = "Definities"


@dataclass(frozen=True)
class OutcomeIndicator:
    code: str
    name: str
    unit: str
    disclosure: str
    polarity: str
    definition: str
    numerator: str
    denominator: str


INDICATORS = (
    OutcomeIndicator(
        "outcome_clienten",
        "Cliënten per voorziening",
        "count",
        "cbs-persons",
        "neutral",
        "Aantal cliënten dat in de periode hulp of ondersteuning kreeg van de voorziening.",
        "Unieke cliënten met hulp in de periode (ieder één keer geteld).",
        "—",
    ),
    OutcomeIndicator(
        "outcome_doelrealisatie",
        "Doelrealisatie",
        "pct",
        f"min-n:{MIN_N}",
        "higher_is_better",
        "Percentage afgesloten trajecten waarin de afgesproken doelen (geheel) zijn gerealiseerd "
        "(NJi outcome-indicator 3.4).",
        "Afgesloten trajecten met doelen geheel gerealiseerd.",
        "Afgesloten trajecten waarvoor doelen waren vastgelegd.",
    ),
    OutcomeIndicator(
        "outcome_uitval",
        "Uitval (niet-planmatige beëindiging)",
        "pct",
        f"min-n:{MIN_N}",
        "lower_is_better",
        "Percentage beëindigde trajecten dat niet volgens plan eindigde: voortijdig afgebroken door cliënt, "
        "aanbieder of omstandigheden (NJi outcome-indicator 1).",
        "Beëindigde trajecten met reden 'voortijdig afgesloten' (niet volgens plan).",
        "Alle beëindigde trajecten in de periode (zonder reden 'onbekend').",
    ),
    OutcomeIndicator(
        "outcome_tevredenheid",
        "Cliënttevredenheid",
        "pct",
        f"min-n:{MIN_N}",
        "higher_is_better",
        "Percentage cliënten (of ouders) dat (zeer) tevreden is over het nut van de hulp, rapportcijfer 7 "
        "of hoger (NJi outcome-indicator 2).",
        "Respondenten die (zeer) tevreden zijn of een 7 of hoger geven.",
        "Respondenten op de tevredenheidsvraag (n).",
    ),
)
BY_CODE = {i.code: i for i in INDICATORS}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str  # info | count | pct
    help: str


COLUMNS = (
    Column("code", "Code voorziening", "info", "Niet wijzigen: zo herkent de monitor de voorziening."),
    Column("naam", "Voorziening", "info", "Ter informatie."),
    Column("soort", "Soort", "info", "Ter informatie."),
    Column("clienten", "Cliënten", "count", "Heel getal, 0 of meer."),
    Column("doel_teller", "Doelrealisatie: doelen gerealiseerd", "count", "Teller; niet meer dan de noemer."),
    Column("doel_noemer", "Doelrealisatie: afgesloten trajecten met doelen", "count", "Noemer (n)."),
    Column(
        "uitval_teller", "Uitval: niet volgens plan beëindigd", "count", "Teller; niet meer dan de noemer."
    ),
    Column("uitval_noemer", "Uitval: beëindigde trajecten", "count", "Noemer (n)."),
    Column("tevreden_pct", "Tevredenheid: % (zeer) tevreden", "pct", "Percentage van 0 tot en met 100."),
    Column(
        "tevreden_n",
        "Tevredenheid: respondenten (n)",
        "count",
        "Aantal respondenten; verplicht bij een percentage.",
    ),
)
FIGURES = tuple(c for c in COLUMNS if c.kind != "info")
# (teller, noemer, indicator) pairs and the percentage with its n
RATIOS = (
    ("doel_teller", "doel_noemer", "outcome_doelrealisatie"),
    ("uitval_teller", "uitval_noemer", "outcome_uitval"),
)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
