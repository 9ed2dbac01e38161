# SPDX-License-Identifier: EUPL-1.2
"""Fictitious process monitors Beschermd Thuis and Aanpak Dakloosheid, after the VNG dashboards on
Waarstaatjegemeente: the themes and sub-themes as those dashboards show them, two rounds (so a change
shows) over five centrumgemeente-regio's (Voorbeeldstad's and four other demo gemeenten), and yes/no
questions per theme. Every status, answer and toelichting is made up; the monitors are marked fictitious.

The Aanpak Dakloosheid dashboard's four themes are known, its sub-themes are not in our sources: the
ones here are plausible actions from the Nationaal Actieplan Dakloosheid, for the demo only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.text import slugify

from kwaliteitsmonitor.analysis.vocabulary import (
    DONE_ON_TRACK,
    IN_PROGRESS,
    NO_DATA,
    NOT_STARTED,
    ordered_statuses,
)
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.processes import lifecycle
from kwaliteitsmonitor.processes.models import (
    ProcessAnswer,
    ProcessMonitor,
    ProcessQuestion,
    ProcessRegion,
    ProcessRound,
    ProcessSubTheme,
    ProcessTheme,
    Submission,
    SubmissionState,
    SubThemeStatus,
)

from .common import LAST_YEAR, rng
from .places import Land

REGION_COUNT = 5
ROUNDS = [
    (f"Najaar {LAST_YEAR}", dt.date(LAST_YEAR, 12, 1)),
    (f"Voorjaar {LAST_YEAR + 1}", dt.date(LAST_YEAR + 1, 6, 1)),
]
# The round open now: regio's fill it in and the adviser reviews it (docs/processen.md).
OPEN_ROUND = (f"Najaar {LAST_YEAR + 1}", dt.date(LAST_YEAR + 1, 12, 1), dt.date(LAST_YEAR + 1, 12, 18))
FICTITIOUS = "Fictieve demogegevens: de regio’s, statussen en antwoorden zijn verzonnen."


@dataclass(frozen=True)
class ThemeSpec:
    name: str
    sub_themes: tuple[str, ...]
    questions: tuple[str, ...] = ()
    question_group: str = ""


@dataclass(frozen=True)
class MonitorSpec:
    slug: str
    name: str
    label_set: str
    description: str
    themes: tuple[ThemeSpec, ...]


BESCHERMD_THUIS = MonitorSpec(
    "beschermd-thuis",
    "Beschermd Thuis",
    "beschermd_thuis",
    "Voortgang van de regio’s op de weg van beschermd wonen naar een beschermd thuis, naar het model van "
    "het VNG-dashboard Beschermd Thuis (vervolg op de Norm voor Opdrachtgeverschap). Regioadviseurs "
    "vullen het twee keer per jaar in. " + FICTITIOUS,
    (
        ThemeSpec(
            "Regiovisie",
            ("Regiovisie", "Afspraken met woningcoöperatie"),
            ("Is de regiovisie door alle gemeenteraden in de regio vastgesteld?",),
        ),
        ThemeSpec(
            "Beschikbaarheid van zorg",
            ("Passend palet", "Zicht op aantal cliënten", "Afspraken bovenregionale plaatsingen"),
            (
                "Is er een actueel overzicht van het aantal cliënten per gemeente?",
                "Is er een wachtlijst voor beschermd wonen?",
            ),
        ),
        ThemeSpec(
            "Toegang",
            ("Afspraken voor verwerving bovenregionale plekken", "Monitoring van bovenregionale plaatsing"),
            ("Is er één regionale toegang tot beschermd wonen?",),
        ),
        ThemeSpec(
            "Governance",
            ("Afspraken over financiering", "Afspraken noodzakelijke ondersteuning"),
            ("Is er een bestuurlijk overleg waarin alle regiogemeenten zitten?",),
        ),
        ThemeSpec(
            "Financiële afspraken",
            ("Toegang tot cliëntondersteuning", "Aanspreekpunt beschermd wonen"),
            ("Is er een verdeelsleutel voor de middelen na de doordecentralisatie?",),
        ),
        ThemeSpec(
            "Contracten",
            ("Contracten BW op uniforme voorwaarden", "Contracten BT op uniforme voorwaarden"),
            ("Koopt de regio beschermd wonen gezamenlijk in?",),
        ),
        ThemeSpec(
            "Meerjarige afspraken",
            ("Werkwijze voor geschillen", "Periodieke evaluatie"),
            ("Is er een geschillenregeling vastgesteld?",),
        ),
    ),
)

AANPAK_DAKLOOSHEID = MonitorSpec(
    "aanpak-dakloosheid",
    "Aanpak Dakloosheid",
    "dakloosheid",
    "Voortgang van de acties uit het Nationaal Actieplan Dakloosheid per regio, naar het model van het "
    "VNG-dashboard Aanpak Dakloosheid. Het is geen verantwoordingsinstrument: het laat zien waar het goed "
    "gaat en waar ondersteuning nodig is. " + FICTITIOUS,
    (
        ThemeSpec(
            "Beleidsvoorwaarden",
            (
                "Regionaal plan van aanpak",
                "Afspraken met woningcorporaties",
                "Inzet van ervaringsdeskundigen",
            ),
            (
                "Is er een regionaal plan van aanpak dakloosheid vastgesteld?",
                "Zijn er prestatieafspraken met woningcorporaties over huisvesting van dakloze mensen?",
            ),
        ),
        ThemeSpec(
            "Transformatie van de opvang",
            (
                "Kleinschalige opvang",
                "24-uursopvang in plaats van nachtopvang",
                "Opvang voor jongeren en gezinnen",
            ),
            (
                "Is de nachtopvang omgebouwd tot 24-uursopvang?",
                "Is er aparte opvang voor gezinnen met kinderen?",
            ),
        ),
        ThemeSpec(
            "Preventie van dakloosheid",
            ("Vroegsignalering van huurachterstanden", "Uitstroom uit zorg en detentie met woonplek"),
            (
                "Worden signalen van huurachterstand binnen een maand opgevolgd?",
                "Zijn er afspraken over wonen na detentie?",
            ),
        ),
        ThemeSpec(
            "Wonen Eerst",
            ("Score kernambitie Wonen Eerst", "Manieren van realisatie"),
            (
                "Het stimuleren van betaalbaar en flexibel wonen met flexwoningen",
                "Het transformeren van leegstaande panden zonder woonfunctie tot woningen",
                "Het toestaan van woningdelen, woningsplitsen, kamerverhuur en onderverhuur",
                "Het optoppen of stapelen van woningen door woningen op bestaande woningen te plaatsen",
                "Overige activiteiten en vormen",
            ),
            "Manieren van realisatie",
        ),
    ),
)

MONITORS = (BESCHERMD_THUIS, AANPAK_DAKLOOSHEID)

NOTES = {
    DONE_ON_TRACK: [
        "Vastgesteld en in uitvoering.",
        "Afspraken zijn vastgelegd en worden jaarlijks bekeken.",
    ],
    IN_PROGRESS: ["Concept ligt bij de regiogemeenten.", "Eerste afspraken gemaakt, uitwerking loopt."],
    NOT_STARTED: ["Staat op de planning voor volgend jaar.", "Nog geen capaciteit om dit op te pakken."],
    NO_DATA: ["De regio heeft hierover niets aangeleverd."],
}


def create_process_monitors(centres: list[Area]) -> list[ProcessMonitor]:
    """Both monitors over the regions of ``centres`` (the centrumgemeenten, Voorbeeldstad first)."""
    return [_create(spec, centres) for spec in MONITORS]


def clear_processes() -> None:
    """Remove the fictitious process monitors (with their rounds, regions, statuses and answers)."""
    ProcessMonitor.objects.filter(is_fictitious=True).delete()


def _create(spec: MonitorSpec, centres: list[Area]) -> ProcessMonitor:
    monitor = ProcessMonitor.objects.create(
        slug=spec.slug, name=spec.name, label_set=spec.label_set, description=spec.description,
        source="Fictief, naar het model van VNG / Platform Sociaal Domein (Waarstaatjegemeente)",
        order=MONITORS.index(spec), is_fictitious=True,
    )  # fmt: skip
    subs, questions = [], []
    for order, theme_spec in enumerate(spec.themes, start=1):
        theme = ProcessTheme.objects.create(
            monitor=monitor, order=order, name=theme_spec.name, slug=slugify(theme_spec.name)
        )
        subs += [
            ProcessSubTheme.objects.create(theme=theme, order=i, name=name)
            for i, name in enumerate(theme_spec.sub_themes, start=1)
        ]
        questions += [
            ProcessQuestion.objects.create(theme=theme, order=i, text=text, group=theme_spec.question_group)
            for i, text in enumerate(theme_spec.questions, start=1)
        ]
    regions = [
        ProcessRegion.objects.create(monitor=monitor, area=area, name=area.name, slug=slugify(area.name))
        for area in centres
    ]
    rounds = [
        ProcessRound.objects.create(monitor=monitor, label=label, slug=slugify(label), reference_date=day)
        for label, day in ROUNDS
    ]
    statuses = ordered_statuses(spec.label_set)
    rows, answers = [], []
    for region in regions:
        for sub in subs:
            history = _history(statuses, spec.slug, region.slug, sub.name)
            for item, status in zip(rounds, history, strict=True):
                note_rng = rng("proces-toelichting", spec.slug, region.slug, sub.name, item.slug)
                note = note_rng.choice(NOTES[status]) if note_rng.random() < 0.4 else ""
                rows.append(SubThemeStatus(round=item, region=region, sub_theme=sub, status=status,
                                           explanation=note))  # fmt: skip
        for question in questions:
            for item, answer in zip(rounds, _answers(spec.slug, region.slug, question.text), strict=True):
                answers.append(ProcessAnswer(round=item, region=region, question=question, answer=answer))
    SubThemeStatus.objects.bulk_create(rows)
    ProcessAnswer.objects.bulk_create(answers)
    Submission.objects.bulk_create(
        [
            Submission(round=item, region=region, state=SubmissionState.APPROVED)
            for item in rounds
            for region in regions
        ]
    )
    _open_round(monitor, regions, statuses)
    return monitor


def _open_round(monitor: ProcessMonitor, regions: list[ProcessRegion], statuses: list[str]) -> None:
    """The open round: the first region by name (the demo regio account's) has not started, the second
    submitted with a few changes (for the adviser to review), the third is a concept."""
    label, day, deadline = OPEN_ROUND
    item = ProcessRound.objects.create(
        monitor=monitor, label=label, slug=slugify(label), reference_date=day, deadline=deadline
    )
    by_name = sorted(regions, key=lambda r: r.name)
    for region, state in zip(by_name[1:3], (SubmissionState.SUBMITTED, SubmissionState.DRAFT), strict=False):
        lifecycle.start(item, region)
        rows = SubThemeStatus.objects.filter(round=item, region=region).order_by(
            "sub_theme__theme__order", "sub_theme__order"
        )
        r = rng("proces-open", monitor.slug, region.slug)
        for row in rows:
            index = statuses.index(row.status)
            if state == SubmissionState.SUBMITTED and index > 0 and r.random() < 0.3:
                row.status = statuses[index - 1]  # a step further
                row.explanation = "Sinds de vorige ronde een stap verder; zie het regionale plan."
            row.carried_over = False
            row.save()
        ProcessAnswer.objects.filter(round=item, region=region).update(carried_over=False)
        if state == SubmissionState.SUBMITTED:
            lifecycle.submit(lifecycle.start(item, region))


def _history(statuses: list[str], *key: object) -> list[str]:
    """A status per round: the later round a step further now and then, rarely a step back."""
    r = rng("proces-status", *key)
    steps = [s for s in statuses if s != NO_DATA]
    weights = [0.3, 0.45, 0.25][: len(steps)] if len(steps) > 2 else [0.25, 0.75]
    first = NO_DATA if NO_DATA in statuses and r.random() < 0.08 else r.choices(steps, weights)[0]
    if first == NO_DATA:
        return [first, NO_DATA if r.random() < 0.5 else r.choices(steps)[0]]
    index = steps.index(first)
    draw = r.random()
    if draw < 0.35 and index > 0:
        index -= 1  # a step further (steps run from furthest to least far)
    elif draw > 0.95 and index < len(steps) - 1:
        index += 1
    return [first, steps[index]]


def _answers(*key: object) -> list[str]:
    r = rng("proces-antwoord", *key)
    first = r.choices(["ja", "nee", "onbekend"], [0.5, 0.42, 0.08])[0]
    second = "ja" if first != "ja" and r.random() < 0.3 else first
    return [first, second]


def create_for_land(land: Land) -> list[ProcessMonitor]:
    """Both monitors for the demo land: Voorbeeldstad's region and those of the largest other gemeenten."""
    return create_process_monitors(centres_for(land))


def centres_for(land: Land) -> list[Area]:
    """The centrumgemeenten: Voorbeeldstad and the largest other demo gemeenten, in that order."""
    others = sorted(land.municipalities[1:], key=lambda p: (-p.population[LAST_YEAR], p.code))
    codes = [land.home.code, *[p.code for p in others[: REGION_COUNT - 1]]]
    areas = Area.objects.in_bulk(codes, field_name="code")
    return [areas[code] for code in codes]
