# SPDX-License-Identifier: EUPL-1.2
"""A fictitious beeld (thematic picture) for each opgave of the demo agenda, in the spirit of Zwolle's
"Sociaal domein in beeld": interventies, mechanismen, verwachte effecten, monitoringsinformatie (linked to
the demo indicators), externe factoren, stuurknoppen, the role of the lokaal team (Voorbeeldstad's
wijkteam) and the other parties and money flows. Interventions link to the demo's inspanningen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kwaliteitsmonitor.agenda.models import Agenda, Effort, Goal, Picture, PictureItem
from kwaliteitsmonitor.agenda.models import PictureItemKind as K
from kwaliteitsmonitor.indicators.models import Indicator


@dataclass(frozen=True)
class Part:
    kind: str
    title: str
    text: str = ""
    effort: str = ""  # title of an inspanning of the same opgave
    indicator: str = ""  # code of a demo indicator
    goal: str = ""  # slug of a doel of the same opgave


@dataclass(frozen=True)
class PictureSpec:
    theme: str  # slug of the opgave
    summary: str
    participants: str
    reflection: str
    drawn_up_on: date
    parts: list[Part] = field(default_factory=list)


INRICHTING = PictureSpec(
    "inrichting-sociaal-domein",
    "Van zware naar lichte ondersteuning: wat de sociale basis en het lokaal team moeten opleveren, en "
    "hoe we zien of dat lukt.",
    "Twee werksessies met beleidsmedewerkers Samenleving en Zorg, twee coaches van het lokaal team, "
    "Welzijnsorganisatie De Brug, een huisarts en een raadslid dat vragen had gesteld over de wachttijden "
    "(allen fictief).",
    "De sessies lieten zien dat _lichter_ niet vanzelf _goedkoper_ is: de algemene voorziening "
    "huishoudelijke ondersteuning start later dan gedacht. Nieuw inzicht: niemand registreert hoeveel "
    "vragen het lokaal team zelf afhandelt, terwijl dat de kern van het beeld is.",
    date(2025, 3, 12),
    [
        Part(K.INTERVENTION, "Buurtverbinders", "Contact leggen met bewoners en initiatieven op weg helpen.",
             effort="Buurtverbinders in elke wijk en kern"),
        Part(K.INTERVENTION, "Huiskamers van de wijk", "Een plek om zonder afspraak binnen te lopen.",
             effort="Huiskamer van de wijk in Schilderskwartier en Tuinstad"),
        Part(K.INTERVENTION, "Eén toegang", "Eén loket en één intake voor Wmo, jeugd en schulden.",
             effort="Eén toegang voor Wmo, jeugd en schulden"),
        Part(K.INTERVENTION, "Algemene voorziening huishoudelijke ondersteuning",
             "Hulp in het huishouden zonder indicatie, voor wie alleen dat nodig heeft.",
             effort="Algemene voorziening huishoudelijke ondersteuning"),
        Part(K.MECHANISM, "Vroeg erbij, dan blijft het klein",
             "Wie een vraag vroeg stelt, heeft vaker genoeg aan lichte hulp of aan het eigen netwerk."),
        Part(K.MECHANISM, "Bekend maakt bemind",
             "Inwoners die weten wat er in de wijk is, vinden het zelf; het lokaal team hoeft minder door te "
             "verwijzen."),
        Part(K.MECHANISM, "Verschuiven is niet verdwijnen",
             "Een deel van de vraag schuift van maatwerk naar de algemene voorziening. Dat is de bedoeling, "
             "maar het kost ook geld."),
        Part(K.EFFECT, "Sterkere sociale basis", "Inwoners helpen elkaar vaker en doen meer mee.",
             goal="sterke-sociale-basis"),
        Part(K.EFFECT, "Minder maatwerk waar lichtere hulp volstaat",
             "Het gebruik van Wmo-maatwerk stijgt niet verder, ondanks de vergrijzing.",
             goal="geindiceerde-zorg"),
        Part(K.EFFECT, "Inwoners regelen hun eigen leven", goal="doorontwikkeling-lokaal-team"),
        Part(K.MONITORING, "Sociale kracht", "Monitor Sociale Kracht, elke twee jaar.",
             indicator="dim_sociale_kracht"),
        Part(K.MONITORING, "Bekendheid met welzijnsvoorzieningen", indicator="dim_bekendheid_voorzieningen"),
        Part(K.MONITORING, "Gebruik van Wmo-maatwerk", "Uit de eigen Wmo-registratie.",
             indicator="wmo_clienten_per_1000"),
        Part(K.MONITORING, "Doorlooptijd van een Wmo-aanvraag", indicator="wmo_doorlooptijd_dagen"),
        Part(K.MONITORING, "Bezoekers van de ontmoetingsplaatsen", "Geteld door de welzijnsorganisatie.",
             indicator="prt_bezoekers_ontmoetingsplaatsen"),
        Part(K.INFORMATION_NEED, "Vragen die het lokaal team zelf afhandelt",
             "Hoeveel vragen eindigen zonder indicatie, met hulp uit de sociale basis? Wordt niet geteld."),
        Part(K.INFORMATION_NEED, "Ervaringen met de toegang per wijk",
             "Het cliëntervaringsonderzoek is te klein om per wijk te kunnen uitsplitsen."),
        Part(K.EXTERNAL_FACTOR, "Vergrijzing", "Het aantal 75-plussers groeit elk jaar.",
             indicator="bev_75plus"),
        Part(K.EXTERNAL_FACTOR, "Landelijk abonnementstarief Wmo",
             "Een vaste lage eigen bijdrage maakt maatwerk aantrekkelijker dan de algemene voorziening."),
        Part(K.EXTERNAL_FACTOR, "Krapte op de arbeidsmarkt", "Vacatures bij aanbieders en in het team."),
        Part(K.LEVER, "Subsidie en opdracht aan de welzijnsorganisatie",
             "De raad stelt het budget vast, het college de prestatieafspraken."),
        Part(K.LEVER, "Verordening maatschappelijke ondersteuning",
             "De raad bepaalt wanneer een algemene voorziening voorgaat op maatwerk."),
        Part(K.LEVER, "Inkoop en tarieven", "Het college koopt maatwerk in, samen met de regio."),
        Part(K.TEAM_ROLE, "Toegang en regie",
             "Het lokaal team is de voordeur: het praat eerst over netwerk en sociale basis, en houdt regie "
             "als er meerdere hulpverleners zijn."),
        Part(K.TEAM_ROLE, "Signaleren", "Het team meldt wat in de wijk ontbreekt aan de gemeente."),
        Part(K.PARTY, "Welzijnsorganisatie De Brug (fictief)", "Subsidie van de gemeente.",
             effort="Buurtverbinders in elke wijk en kern"),
        Part(K.PARTY, "Zorgaanbieders", "Via de inkoop onder de Wmo en de Jeugdwet."),
        Part(K.PARTY, "Huisartsen en zorgverzekeraar",
             "De praktijkondersteuner jeugd wordt deels betaald uit de zorgverzekering.",
             effort="Praktijkondersteuner jeugd bij alle huisartsen"),
    ],
)  # fmt: skip

KANSRIJK = PictureSpec(
    "kansrijk-voorbeeldstad",
    "Rondkomen en meedoen: schulden eerder in beeld, jongeren op weg naar school of werk.",
    "Twee werksessies met Team Werk en Inkomen, Schuldhulp Voorbeeldstad, het jongerenwerk, de "
    "woningcorporatie en twee ervaringsdeskundigen (allen fictief).",
    "Ervaringsdeskundigen wezen erop dat schaamte de grootste drempel is. Open punt: het bereik van het "
    "jongerenloket is niet te volgen zolang bezoekers niet worden geteld.",
    date(2025, 6, 4),
    [
        Part(K.INTERVENTION, "Vroegsignalering",
             "Woningcorporatie, energieleverancier en zorgverzekeraar melden betalingsachterstanden.",
             effort="Vroegsignalering van betalingsachterstanden"),
        Part(K.INTERVENTION, "Jongerenloket werk en studie", effort="Jongerenloket werk en studie"),
        Part(K.MECHANISM, "Eerder contact, kleinere schuld",
             "Een achterstand van twee maanden is op te lossen; na een jaar is het vaak een zware schuld."),
        Part(K.MECHANISM, "Vertrouwen via bekende gezichten",
             "Jongeren komen via het jongerenwerk en de school, niet via een brief van de gemeente."),
        Part(K.EFFECT, "Minder geldzorgen", goal="rondkomen-en-meedoen"),
        Part(K.EFFECT, "Meer jongeren doen mee", "Via school, werk of vrijwilligerswerk.",
             goal="rondkomen-en-meedoen"),
        Part(K.MONITORING, "Financiële zelfredzaamheid", indicator="dim_fin_zelfredzaamheid"),
        Part(K.MONITORING, "Participatie", "Ook uitgesplitst naar leeftijd op de indicatorpagina.",
             indicator="dim_participatie"),
        Part(K.INFORMATION_NEED, "Bereik van de vroegsignalering",
             "Hoeveel gemelde huishoudens nemen hulp aan, en hoeveel zijn een jaar later schuldenvrij?"),
        Part(K.EXTERNAL_FACTOR, "Prijzen van energie en boodschappen",
             "Bepalen meer dan het lokale beleid hoeveel huishoudens krap zitten."),
        Part(K.EXTERNAL_FACTOR, "Toeslagen en landelijke regels",
             "Terugvorderingen raken juist krappe huishoudens."),
        Part(K.LEVER, "Minimaregelingen", "De raad bepaalt de inkomensgrens en de hoogte van de regelingen."),
        Part(K.LEVER, "Beleidsplan schuldhulpverlening", "Vastgesteld door de raad, elke vier jaar."),
        Part(K.TEAM_ROLE, "Warme overdracht",
             "Het lokaal team brengt inwoners met geldzorgen persoonlijk in contact met schuldhulp."),
        Part(K.PARTY, "Schuldhulp Voorbeeldstad (fictief)", "Uitvoering in opdracht van de gemeente."),
        Part(K.PARTY, "Woningcorporatie en energieleverancier", "Melden achterstanden; geen eigen geld."),
        Part(K.PARTY, "Rijk", "Bijstand en re-integratie worden betaald uit de rijksuitkering."),
    ],
)  # fmt: skip

GEZOND = PictureSpec(
    "gezond-en-vitaal-voorbeeldstad",
    "Langer zelfstandig wonen en minder eenzaamheid: wat de gemeente doet, wat anderen doen en wat we "
    "ervan kunnen zien.",
    "Twee werksessies met Team Zorg en Jeugd, De Brug, de GGD, de wijkverpleging, de ouderenbond en de "
    "woningcorporatie (allen fictief).",
    "Veel effecten liggen buiten de invloed van de gemeente: de wijkverpleging en het aanbod van geschikte "
    "woningen bepalen mee of ouderen thuis kunnen blijven. Afgesproken is dat de corporatie cijfers over "
    "geschikte woningen deelt.",
    date(2025, 9, 23),
    [
        Part(K.INTERVENTION, "Preventief huisbezoek", "Een gesprek aan de keukentafel bij 75-plussers.",
             effort="Preventief huisbezoek bij 75-plussers"),
        Part(K.INTERVENTION, "Maatjes en de Week tegen Eenzaamheid",
             effort="Week tegen Eenzaamheid en maatjesprojecten"),
        Part(K.INTERVENTION, "Beweegaanbod in de wijk", effort="Beweegaanbod voor ouderen in de wijk"),
        Part(K.INTERVENTION, "Signaleren via huisarts en apotheek",
             effort="Signaleren van eenzaamheid door huisartsen en apotheken"),
        Part(K.MECHANISM, "Op tijd aanpassen",
             "Wie op tijd hulpmiddelen, een andere woning of een netwerk regelt, valt minder snel terug."),
        Part(K.MECHANISM, "Contact dat blijft",
             "Een maatje of een vaste beweeggroep geeft een reden om de deur uit te gaan."),
        Part(K.EFFECT, "Minder inwoners voelen zich eenzaam", goal="minder-eenzaamheid"),
        Part(K.EFFECT, "Ouderen wonen langer zelfstandig", goal="langer-zelfstandig"),
        Part(K.MONITORING, "Eenzaamheid volgens de Gezondheidsmonitor", indicator="ggd_eenzaam"),
        Part(K.MONITORING, "(Niet-)eenzaamheid in de Monitor Sociale Kracht", indicator="dim_eenzaamheid"),
        Part(K.MONITORING, "Zelfredzaamheid", "Op de indicatorpagina ook voor 75-plussers.",
             indicator="dim_zelfredzaamheid"),
        Part(K.INFORMATION_NEED, "Wachtenden op een geschikte woning",
             "Hoeveel ouderen wachten op een gelijkvloerse woning? De corporatie gaat dit delen."),
        Part(K.INFORMATION_NEED, "Overbelaste mantelzorgers", "Nu alleen bekend uit gesprekken."),
        Part(K.EXTERNAL_FACTOR, "Aanbod van geschikte woningen"),
        Part(K.EXTERNAL_FACTOR, "Wijkverpleging en Wet langdurige zorg",
             "Wie wanneer naar een verpleeghuis kan, bepalen zorgkantoor en landelijke regels."),
        Part(K.EXTERNAL_FACTOR, "Vergrijzing", indicator="bev_75plus"),
        Part(K.LEVER, "Subsidie voor welzijn ouderen", "De raad bepaalt het budget."),
        Part(K.LEVER, "Woonvisie en prestatieafspraken", "Hoeveel levensloopgeschikte woningen erbij komen."),
        Part(K.TEAM_ROLE, "Verbinden met de wijkverpleging",
             "Het lokaal team en de wijkverpleegkundige bespreken samen kwetsbare ouderen."),
        Part(K.PARTY, "Zorgverzekeraar", "Betaalt de wijkverpleging (Zorgverzekeringswet)."),
        Part(K.PARTY, "Zorgkantoor", "Betaalt zorg met verblijf (Wet langdurige zorg)."),
        Part(K.PARTY, "GGD Duin en Klei (fictief)", "Meet eenzaamheid en traint huisartsen en apothekers."),
    ],
)  # fmt: skip

LEEFBAAR = PictureSpec(
    "leefbaar-en-ondernemend-voorbeeldstad",
    "Veilige en leefbare wijken: de wijkaanpak in het Schilderskwartier als voorbeeld voor andere wijken.",
    "Twee werksessies met Team Openbare Ruimte en Veiligheid, de wijkagent, de woningcorporatie, "
    "Stichting Buurtkracht en bewoners van het Schilderskwartier (allen fictief).",
    "De wijkagent waarschuwde dat meer meldingen ook kunnen betekenen dat bewoners meer vertrouwen hebben. "
    "Daarom kijken we naar meldingen én naar de beleving van bewoners.",
    date(2025, 11, 5),
    [
        Part(K.INTERVENTION, "Wijkaanpak Schilderskwartier", effort="Wijkaanpak Schilderskwartier"),
        Part(K.INTERVENTION, "Bewonersbudget", effort="Bewonersbudget voor buurtinitiatieven"),
        Part(K.INTERVENTION, "Verlichting en camera's bij het station",
             effort="Cameratoezicht en verlichting bij het station"),
        Part(K.MECHANISM, "Buren kennen elkaar",
             "Wie zijn buren kent, spreekt ze eerder aan en voelt zich veiliger."),
        Part(K.MECHANISM, "Zichtbare aandacht",
             "Een opgeknapte buurt en aanwezige professionals laten zien dat de buurt ertoe doet."),
        Part(K.EFFECT, "Minder overlast", goal="veilige-leefbare-wijken"),
        Part(K.EFFECT, "Meer sociale samenhang", goal="veilige-leefbare-wijken"),
        Part(K.MONITORING, "Meldingen van overlast", "Let op: meer meldingen is niet altijd meer overlast.",
             indicator="pol_overlast_per_1000"),
        Part(K.MONITORING, "Beleving van veiligheid", indicator="dim_veiligheid"),
        Part(K.MONITORING, "Sociale samenhang in de buurt", indicator="dim_sociale_samenhang"),
        Part(K.INFORMATION_NEED, "Meldingen van verward gedrag per wijk",
             "De politie registreert ze, maar deelt ze nog niet per wijk."),
        Part(K.EXTERNAL_FACTOR, "Woningtoewijzing", "Veel kwetsbare nieuwe huurders in dezelfde straten."),
        Part(K.EXTERNAL_FACTOR, "Minder plekken in beschermd wonen",
             "Meer mensen met psychische problemen wonen zelfstandig, soms zonder genoeg begeleiding."),
        Part(K.LEVER, "Algemene plaatselijke verordening", "De raad stelt regels voor de openbare ruimte."),
        Part(K.LEVER, "Prestatieafspraken met de corporatie", "Over toewijzing en beheer van de buurt."),
        Part(K.TEAM_ROLE, "Zorg bij overlast",
             "Het lokaal team zit bij het zorg- en veiligheidsoverleg als overlast met zorg samenhangt."),
        Part(K.PARTY, "Woningcorporatie Thuisbasis (fictief)", "Investeert in de buurt en het speelplein."),
        Part(K.PARTY, "Politie en openbaar ministerie", "Handhaving; eigen budget, geen gemeentelijk geld."),
    ],
)  # fmt: skip

PICTURES = [INRICHTING, KANSRIJK, GEZOND, LEEFBAAR]


def create_pictures(agenda: Agenda, indicators: dict[str, Indicator]) -> int:
    """One beeld per opgave in ``PICTURES``; returns the number of parts written. A title or code that
    does not exist is an error in the demo content (KeyError), not something to skip silently."""
    count = 0
    for spec in PICTURES:
        theme = agenda.themes.get(slug=spec.theme)
        picture = Picture.objects.create(
            theme=theme, summary=spec.summary, participants=spec.participants, reflection=spec.reflection,
            drawn_up_on=spec.drawn_up_on,
        )  # fmt: skip
        efforts = {e.title: e for e in Effort.objects.filter(goal__theme=theme)}
        goals = {g.slug: g for g in Goal.objects.filter(theme=theme)}
        orders: dict[str, int] = {}
        items = []
        for part in spec.parts:
            orders[part.kind] = orders.get(part.kind, 0) + 1
            items.append(
                PictureItem(
                    picture=picture,
                    kind=part.kind,
                    order=orders[part.kind],
                    title=part.title,
                    text=part.text,
                    effort=efforts[part.effort] if part.effort else None,
                    indicator=indicators[part.indicator] if part.indicator else None,
                    goal=goals[part.goal] if part.goal else None,
                )
            )
        PictureItem.objects.bulk_create(items)
        count += len(items)
    return count
