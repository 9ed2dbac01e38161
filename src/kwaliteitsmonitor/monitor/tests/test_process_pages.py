# SPDX-License-Identifier: EUPL-1.2
"""Procesmonitor pages: the list, the overview over all regions and one region with its dataroos,
worked out by hand on a small monitor; JSON twins, round choice, empty monitors and Dutch 404s."""

from __future__ import annotations

import datetime as dt
import html
import json

import pytest
from django.http import Http404

from kwaliteitsmonitor.analysis.vocabulary import DONE_ON_TRACK, IN_PROGRESS, NO_DATA, NOT_STARTED
from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.monitor import charts
from kwaliteitsmonitor.monitor.pages.processen import procesmonitor_page, procesregio_page
from kwaliteitsmonitor.processes.models import (
    ProcessAnswer,
    ProcessMonitor,
    ProcessQuestion,
    ProcessRegion,
    ProcessRound,
    ProcessSubTheme,
    ProcessTheme,
    SubThemeStatus,
)
from kwaliteitsmonitor.processes.testing import approve_filled

from .tables import assert_download_matches, captioned_tables, read_csv

pytestmark = pytest.mark.django_db

LIST = "/processen/"
MONITOR = "/processen/beschermd-thuis/"
REGION = "/processen/beschermd-thuis/ankerstad/"
DONE, PROGRESS = DONE_ON_TRACK, IN_PROGRESS

# Voorjaar 2026 (latest) per region: (1.1 Regiovisie, 1.2 Woningcorporaties, 2.1 Passend palet);
# None = not filled in.
LATEST = {
    "Ankerstad": (DONE, DONE, DONE),
    "Brugdam": (DONE, PROGRESS, PROGRESS),
    "Cranendonk": (DONE, None, PROGRESS),
    "Dijkveen": (PROGRESS, None, PROGRESS),
    "Eikenrode": (PROGRESS, None, PROGRESS),
}
# Najaar 2025 for Ankerstad only: 1.1 was in progress (now further), 1.2 the same, 2.1 not filled in.
EARLIER = {"Ankerstad": (PROGRESS, DONE, None)}
ANSWERS = {"Ankerstad": "ja", "Brugdam": "ja", "Cranendonk": "nee", "Dijkveen": "onbekend"}  # Eikenrode: none


@pytest.fixture
def monitor(db):
    nl = Area.objects.create(code="NL00", name="Nederland", level=Level.NL)
    bt = ProcessMonitor.objects.create(
        slug="beschermd-thuis", name="Beschermd Thuis", label_set="beschermd_thuis",
        description="Voortgang op **beschermd thuis**.", order=1, is_fictitious=True,
    )  # fmt: skip
    visie = ProcessTheme.objects.create(monitor=bt, order=1, name="Regiovisie", slug="regiovisie")
    zorg = ProcessTheme.objects.create(monitor=bt, order=2, name="Beschikbaarheid van zorg", slug="zorg")
    subs = [
        ProcessSubTheme.objects.create(theme=visie, order=1, name="Regiovisie"),
        ProcessSubTheme.objects.create(theme=visie, order=2, name="Afspraken met woningcorporaties"),
        ProcessSubTheme.objects.create(theme=zorg, order=1, name="Passend palet"),
    ]
    question = ProcessQuestion.objects.create(theme=visie, order=1, text="Is de regiovisie vastgesteld?")
    earlier = ProcessRound.objects.create(
        monitor=bt, label="Najaar 2025", slug="najaar-2025", reference_date=dt.date(2025, 12, 1)
    )
    latest = ProcessRound.objects.create(
        monitor=bt, label="Voorjaar 2026", slug="voorjaar-2026", reference_date=dt.date(2026, 6, 1)
    )
    regions = {}
    for i, name in enumerate(LATEST, start=1):
        area = Area.objects.create(code=f"GM90{i:02d}", name=name, level=Level.GM, parent=nl)
        regions[name] = ProcessRegion.objects.create(monitor=bt, area=area, name=name, slug=name.lower())
    for item, table in [(latest, LATEST), (earlier, EARLIER)]:
        for name, statuses in table.items():
            for sub, status in zip(subs, statuses, strict=True):
                if status:
                    SubThemeStatus.objects.create(
                        round=item, region=regions[name], sub_theme=sub, status=status,
                        explanation="Vastgesteld door alle raden." if item == latest and sub == subs[0] else "",
                    )  # fmt: skip
    for name, answer in ANSWERS.items():
        ProcessAnswer.objects.create(round=latest, region=regions[name], question=question, answer=answer)
    ProcessAnswer.objects.create(round=earlier, region=regions["Ankerstad"], question=question, answer="nee")
    approve_filled()
    # A second, empty monitor with another label set.
    ProcessMonitor.objects.create(
        slug="aanpak-dakloosheid", name="Aanpak Dakloosheid", label_set="dakloosheid"
    )
    return bt


def text_of(response) -> str:
    return html.unescape(response.content.decode("utf-8"))


@pytest.mark.parametrize("url", [LIST, MONITOR, REGION, "/processen/aanpak-dakloosheid/"])
def test_pages_answer_in_dutch_without_inline_code(monitor, client, url):
    response = client.get(url)
    assert response.status_code == 200
    raw = response.content.decode("utf-8")
    assert '<html lang="nl"' in raw and "monitor/processen.css" in raw
    assert "style=" not in raw and "<script" not in raw


@pytest.mark.parametrize(
    ("url", "twin"),
    [
        (LIST, "/processen.json"),
        (MONITOR, "/processen/beschermd-thuis.json"),
        (REGION, "/processen/beschermd-thuis/ankerstad.json"),
        (MONITOR + "?ronde=najaar-2025", "/processen/beschermd-thuis.json?ronde=najaar-2025"),
    ],
)
def test_json_twins_hold_the_page_data(monitor, client, url, twin):
    data = json.loads(client.get(twin).content)
    assert data["url"] == url.split("?")[0]
    assert data["json_url"] == twin.split("?")[0]
    assert data["breadcrumbs"][1]["label"] == "Procesmonitors"
    assert data["breadcrumbs"][1]["url"] == (None if url == LIST else LIST)  # the current page: no link
    assert client.get(url).status_code == 200
    if "ronde" in twin:
        assert data["round"]["label"] == "Najaar 2025"


def test_list_names_both_monitors_in_order_with_their_labels(monitor, client):
    data = json.loads(client.get("/processen.json").content)
    assert [m["name"] for m in data["monitors"]] == ["Aanpak Dakloosheid", "Beschermd Thuis"]  # order 0, 1
    bt = data["monitors"][1]
    assert (bt["regions"], bt["themes"], bt["latest_round"]["label"]) == (5, 2, "Voorjaar 2026")
    assert [s["label"] for s in bt["legend"]] == ["Gereed", "In ontwikkeling"]
    nad = data["monitors"][0]
    assert [s["label"] for s in nad["legend"]] == [
        "Op koers", "In ontwikkeling", "Nog niet opgepakt", "Niet voldoende data beschikbaar",
    ]  # fmt: skip
    assert nad["latest_round"] is None
    assert "nog geen ronde ingevuld" in text_of(client.get(LIST))


def test_overview_counts_regions_per_status_per_sub_theme(monitor):
    data = procesmonitor_page("beschermd-thuis")
    assert data["round"]["label"] == "Voorjaar 2026"
    assert data["previous_round"]["label"] == "Najaar 2025"
    table = data["sub_themes"]
    # Three statuses are not filled in for 1.2, so the table has a column for them.
    assert table["columns"] == ["Subthema", "Gereed", "In ontwikkeling", "niet ingevuld"]
    rows = {r["header"]: r for r in table["rows"]}
    assert [c["text"] for c in rows["1.1 Regiovisie"]["cells"]] == ["3", "2", "0"]
    assert rows["1.1 Regiovisie"]["summary"] == [
        "3 van de 5 regio’s: Gereed",
        "2 van de 5 regio’s: In ontwikkeling",
    ]
    assert rows["1.2 Afspraken met woningcorporaties"]["summary"] == [
        "1 van de 5 regio’s: Gereed", "1 van de 5 regio’s: In ontwikkeling", "3 van de 5 regio’s: niet ingevuld",
    ]  # fmt: skip
    assert [c["text"] for c in rows["2.1 Passend palet"]["cells"]] == ["1", "4", "0"]


def test_overview_matrix_regions_by_theme_as_text_and_symbols(monitor, client):
    data = procesmonitor_page("beschermd-thuis")
    matrix = data["matrix"]
    assert matrix["columns"] == ["Regio", "Regiovisie", "Beschikbaarheid van zorg"]
    rows = {r["header"]: r for r in matrix["rows"]}
    assert list(rows) == ["Ankerstad", "Brugdam", "Cranendonk", "Dijkveen", "Eikenrode"]
    assert [c["text"] for c in rows["Ankerstad"]["cells"]] == ["2 Gereed", "1 Gereed"]
    assert [c["text"] for c in rows["Brugdam"]["cells"]] == [
        "1 Gereed, 1 In ontwikkeling",
        "1 In ontwikkeling",
    ]
    assert rows["Dijkveen"]["cells"][0]["text"] == "1 In ontwikkeling, 1 niet ingevuld"
    assert [s["symbol"] for s in rows["Dijkveen"]["cells"][0]["sub_themes"]] == ["◐", "·"]
    assert rows["Ankerstad"]["url"] == REGION
    body = text_of(client.get(MONITOR))
    assert "1 Gereed, 1 In ontwikkeling" in body
    assert f'href="{REGION}"' in body
    assert "tabel-1.csv" in body  # the shared table downloads find these tables


def test_overview_yes_no_counts(monitor):
    (table,) = procesmonitor_page("beschermd-thuis")["questions"]
    assert table["columns"] == ["Vraag", "Ja", "Nee", "Onbekend", "Niet ingevuld"]
    (row,) = table["rows"]
    assert [c["text"] for c in row["cells"]] == ["2", "1", "1", "1"]
    assert row["summary"][0] == "Ja: 2 van de 5 regio’s"


def test_round_choice_by_get(monitor, client):
    data = procesmonitor_page("beschermd-thuis", "najaar-2025")
    assert data["round"]["label"] == "Najaar 2025" and data["previous_round"] is None
    rows = {r["header"]: r for r in data["matrix"]["rows"]}
    assert [c["text"] for c in rows["Ankerstad"]["cells"]] == [
        "1 Gereed, 1 In ontwikkeling",
        "1 niet ingevuld",
    ]
    assert rows["Brugdam"]["cells"][0]["text"] == "2 niet ingevuld"
    assert [r["selected"] for r in data["rounds"]] == [False, True]  # latest first
    body = text_of(client.get(MONITOR + "?ronde=najaar-2025"))
    assert '<option value="najaar-2025" selected>' in body
    assert f'href="{REGION}?ronde=najaar-2025"' in body  # region links keep the chosen round


def test_region_page_statuses_changes_and_answers(monitor, client):
    data = procesregio_page("beschermd-thuis", "ankerstad")
    assert data["title"] == "Beschermd Thuis: Ankerstad"
    assert data["region"]["area"] == {"code": "GM9001", "name": "Ankerstad"}
    visie, zorg = data["themes"]
    first, second = visie["sub_themes"]
    assert (first["label"], first["symbol"], first["explanation"]) == (
        "Gereed",
        "●",
        "Vastgesteld door alle raden.",
    )
    assert first["change"]["code"] == "up" and first["change"]["text"] == "vooruit (was In ontwikkeling)"
    assert second["change"]["text"] == "gelijk"
    assert zorg["sub_themes"][0]["change"]["text"] == "nieuw"
    assert [(c["label"], c["count"]) for c in data["counts"]] == [("Gereed", 3), ("In ontwikkeling", 0)]
    answers = visie["questions"]
    assert answers["columns"] == ["Vraag", "Antwoord Voorjaar 2026", "Vorige ronde"]
    assert [c["text"] for c in answers["rows"][0]["cells"]] == ["Ja", "Nee"]
    assert zorg["questions"] is None
    assert [r["name"] for r in data["other_regions"]] == ["Brugdam", "Cranendonk", "Dijkveen", "Eikenrode"]
    body = text_of(client.get(REGION))
    assert "(vooruit sinds Najaar 2025; was In ontwikkeling)" in body
    assert "(gelijk sinds Najaar 2025)" in body and "(nieuw sinds Najaar 2025)" in body
    table = data["figure"]["table"]
    assert table["columns"] == ["Subthema", "Thema", "Status", "Verandering sinds Najaar 2025"]
    assert [c["text"] for c in table["rows"][0]["cells"]] == [
        "Regiovisie",
        "Gereed",
        "vooruit (was In ontwikkeling)",
    ]
    assert "Toelichting: Vastgesteld door alle raden." in body


def test_region_with_missing_statuses(monitor):
    data = procesregio_page("beschermd-thuis", "dijkveen")
    labels = [s["label"] for t in data["themes"] for s in t["sub_themes"]]
    assert labels == ["In ontwikkeling", "niet ingevuld", "In ontwikkeling"]
    assert [(c["label"], c["count"]) for c in data["counts"]] == [
        ("Gereed", 0), ("In ontwikkeling", 2), ("niet ingevuld", 1),
    ]  # fmt: skip
    # Dijkveen has no approved earlier round (it filled in nothing in Najaar 2025): nothing to compare with.
    assert data["previous_round"] is None and [r["label"] for r in data["rounds"]] == ["Voorjaar 2026"]
    assert [s["change"]["code"] for t in data["themes"] for s in t["sub_themes"]] == ["", "", ""]


def test_dataroos_has_one_sector_per_sub_theme(monitor, settings, tmp_path):
    settings.KM_CHART_CACHE_DIR = tmp_path
    figure = procesregio_page("beschermd-thuis", "dijkveen")["figure"]
    spec = json.loads((tmp_path / f"{figure['chart']['hash']}.json").read_text())
    background, status, ring, labels = spec["layer"]
    assert [s["key"] for s in background["data"]["values"]] == ["1.1", "1.2", "2.1"]
    assert [(s["start"], s["end"]) for s in status["data"]["values"]] == [(0, 1), (1, 2), (2, 3)]
    # The radius follows the status order: In ontwikkeling is half-way in Beschermd Thuis, missing is 0.
    assert [s["fraction"] for s in status["data"]["values"]] == [0.5, 0.0, 0.5]
    assert status["mark"]["type"] == "arc" and "radius" in status["encoding"]
    assert ring["data"]["values"] == [{"start": 0, "end": 2}, {"start": 2, "end": 3}]  # one arc per theme
    assert [s["text"] for s in labels["data"]["values"]] == ["1.1 ◐", "1.2 ·", "2.1 ◐"]
    assert status["encoding"]["color"]["scale"]["domain"] == ["● Gereed", "◐ In ontwikkeling"]
    assert figure["alt"].startswith(
        "Dataroos van Beschermd Thuis voor Dijkveen in Voorjaar 2026: 3 subthema’s"
    )
    assert "2 In ontwikkeling, 1 niet ingevuld" in figure["alt"]
    assert [r["header"] for r in figure["table"]["rows"]] == [
        "1.1 Regiovisie", "1.2 Afspraken met woningcorporaties", "2.1 Passend palet",
    ]  # fmt: skip
    svg = charts.render_cached(figure["chart"]["hash"], "svg").decode()
    assert svg.startswith("<svg") and "1.2 ·" in svg


def test_dataroos_no_data_is_a_stub_and_round_without_previous_has_no_change(monitor, settings, tmp_path):
    settings.KM_CHART_CACHE_DIR = tmp_path
    nad = ProcessMonitor.objects.get(slug="aanpak-dakloosheid")
    theme = ProcessTheme.objects.create(monitor=nad, order=1, name="Wonen Eerst", slug="wonen-eerst")
    subs = [ProcessSubTheme.objects.create(theme=theme, order=i, name=f"Actie {i}") for i in range(1, 5)]
    item = ProcessRound.objects.create(
        monitor=nad, label="Najaar 2025", slug="n", reference_date=dt.date(2025, 12, 1)
    )
    region = ProcessRegion.objects.create(
        monitor=nad, area=Area.objects.get(code="GM9001"), name="A", slug="a"
    )
    for sub, status in zip(subs, [DONE_ON_TRACK, IN_PROGRESS, NOT_STARTED, NO_DATA], strict=True):
        SubThemeStatus.objects.create(round=item, region=region, sub_theme=sub, status=status)
    approve_filled()
    data = procesregio_page("aanpak-dakloosheid", "a")
    spec = json.loads((tmp_path / f"{data['figure']['chart']['hash']}.json").read_text())
    fractions = [s["fraction"] for s in spec["layer"][1]["data"]["values"]]
    assert fractions == [1.0, pytest.approx(2 / 3), pytest.approx(1 / 3), 0.12]
    assert data["figure"]["table"]["columns"] == ["Subthema", "Thema", "Status"]  # no earlier round
    assert [s["change"]["text"] for s in data["themes"][0]["sub_themes"]] == ["", "", "", ""]


def test_empty_monitor_and_round_say_so(monitor, client):
    data = procesmonitor_page("aanpak-dakloosheid")
    assert data["message"] == "Voor Aanpak Dakloosheid is nog geen ronde ingevuld."
    assert data["matrix"] is None and data["sub_themes"] is None
    ProcessRound.objects.create(
        monitor=monitor, label="Najaar 2026", slug="najaar-2026", reference_date=dt.date(2026, 12, 1)
    )
    # A round no region has had approved is not public: the pages stay on the last approved round.
    data = procesregio_page("beschermd-thuis", "ankerstad")
    assert data["round"]["label"] == "Voorjaar 2026" and data["figure"] is not None
    body = text_of(client.get(MONITOR))
    assert "Najaar 2026" not in body


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: procesmonitor_page("bestaat-niet"), "Deze procesmonitor bestaat niet."),
        (lambda: procesmonitor_page("beschermd-thuis", "zomer-1999"), "Deze ronde bestaat niet."),
        (
            lambda: procesregio_page("beschermd-thuis", "nergens"),
            "Deze regio bestaat niet in deze procesmonitor.",
        ),
        (
            lambda: procesregio_page("aanpak-dakloosheid", "ankerstad"),
            "Deze regio bestaat niet in deze procesmonitor.",
        ),
    ],
)
def test_unknown_monitor_region_or_round_is_a_dutch_404(monitor, call, message):
    with pytest.raises(Http404, match=message):
        call()


@pytest.mark.parametrize(
    "url",
    [
        "/processen/bestaat-niet/",
        "/processen/bestaat-niet.json",
        "/processen/beschermd-thuis/nergens/",
        "/processen/beschermd-thuis/nergens.json",
        "/processen/beschermd-thuis/?ronde=zomer-1999",
    ],
)
def test_unknown_pages_answer_404(monitor, client, url):
    response = client.get(url)
    assert response.status_code == 404
    if not url.endswith(".json"):
        assert "Pagina niet gevonden" in response.content.decode()


def test_section_link_on_home_and_header(monitor, client):
    body = text_of(client.get(LIST))
    assert 'href="/processen/" aria-current="page">Procesmonitors</a>' in body


def test_region_tables_download_in_page_order(monitor, client):
    """The shared table downloads find these tables; the dataroos table is the first, as on the page."""
    text = client.get(REGION + "tabel-1.csv").content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "Subthema;Thema;Status;Verandering sinds Najaar 2025"
    assert lines[1] == "1.1 Regiovisie;Regiovisie;Gereed;vooruit (was In ontwikkeling)"
    answers = client.get(REGION + "tabel-2.csv?ronde=najaar-2025").content.decode("utf-8-sig").splitlines()
    assert answers[:2] == ["Vraag;Antwoord Najaar 2025", "Is de regiovisie vastgesteld?;Nee"]


def test_every_process_table_downloads_with_the_words_of_the_page(monitor, client):
    """Standard data tables: the symbols are for the eye (hidden from screen readers, as the words say
    the same), the words are in the cells and in the files; a question's group stands under it."""
    ProcessQuestion.objects.filter(text="Is de regiovisie vastgesteld?").update(group="Wonen")
    body = client.get(MONITOR).content.decode()
    tables = captioned_tables(body)
    assert [caption for caption, *_ in tables] == [
        "Status per regio en thema, Voorjaar 2026: per thema het aantal subthema’s met elke status.",
        "Aantal regio’s (van de 5) per status, per subthema, Voorjaar 2026.",
        "Regiovisie: aantal regio’s (van de 5) per antwoord, Voorjaar 2026.",
    ]
    for number, (_, rows, csv_url, xlsx_url) in enumerate(tables, start=1):
        assert csv_url == f"{MONITOR}tabel-{number}.csv"
        assert_download_matches(client, rows, csv_url, xlsx_url)
    matrix, counts, questions = (rows for _, rows, *_ in tables)
    assert matrix[4] == ["Dijkveen", "1 In ontwikkeling, 1 niet ingevuld", "1 In ontwikkeling"]
    assert (
        '<span class="km-marks km-marks--row" aria-hidden="true">'
        f'<span class="km-status km-status--{PROGRESS}"><span class="km-status__symbol">◐</span></span>'
        '<span class="km-status km-status--missing"><span class="km-status__symbol">·</span></span>'
        "</span> 1 In ontwikkeling, 1 niet ingevuld</td>"
    ) in body
    assert counts[1] == ["1.1 Regiovisie", "3", "2", "0"]
    # Ja: Ankerstad and Brugdam; Nee: Cranendonk; Onbekend: Dijkveen; Eikenrode answered nothing.
    assert questions[1] == ["Is de regiovisie vastgesteld? (Wonen)", "2", "1", "1", "1"]
    got, _ = read_csv(client.get(f"{MONITOR}tabel-3.csv").content)
    assert got[1] == ["Is de regiovisie vastgesteld? (Wonen)", "2", "1", "1", "1"]

    body = client.get(REGION).content.decode()
    tables = captioned_tables(body)
    assert [caption for caption, *_ in tables] == [
        "Status per subthema, Ankerstad in Voorjaar 2026.",
        "Ja/nee-vragen bij Regiovisie, Ankerstad, Voorjaar 2026.",
        "Status per subthema in elke goedgekeurde ronde, Ankerstad.",
    ]
    for _, rows, csv_url, xlsx_url in tables:
        assert_download_matches(client, rows, csv_url, xlsx_url)
    rose, answers, history = (rows for _, rows, *_ in tables)
    assert history[:2] == [
        ["Subthema", "Najaar 2025", "Voorjaar 2026"],
        ["1.1 Regiovisie", "In ontwikkeling", "Gereed"],
    ]
    assert rose[1] == ["1.1 Regiovisie", "Regiovisie", "Gereed", "vooruit (was In ontwikkeling)"]
    assert rose[3] == ["2.1 Passend palet", "Beschikbaarheid van zorg", "Gereed", "nieuw"]
    assert answers == [
        ["Vraag", "Antwoord Voorjaar 2026", "Vorige ronde"],
        ["Is de regiovisie vastgesteld? (Wonen)", "Ja", "Nee"],
    ]
    assert (
        '<span class="km-marks" aria-hidden="true"><span class="km-answer km-answer--ja">'
        '<span class="km-answer__symbol">✔</span></span></span> Ja</td>'
    ) in body
    # Words in start-aligned columns: no number alignment for text tables.
    assert body.count('class="utrecht-table utrecht-table--html-table km-table km-table--text"') == 3
    assert "km-num" not in body.split('<div class="utrecht-table-container')[1].split("</table>")[0]


def test_a_status_outside_the_label_set_is_still_counted(monitor):
    """Entered around the admin's check (e.g. an import): shown under its generic label, never lost."""
    latest = ProcessRound.objects.get(slug="voorjaar-2026")
    sub = ProcessSubTheme.objects.get(name="Afspraken met woningcorporaties")
    region = ProcessRegion.objects.get(slug="eikenrode")
    SubThemeStatus.objects.create(round=latest, region=region, sub_theme=sub, status=NOT_STARTED)
    approve_filled()
    table = procesmonitor_page("beschermd-thuis")["sub_themes"]
    assert table["columns"] == ["Subthema", "Gereed", "In ontwikkeling", "Nog niet gestart", "niet ingevuld"]
    rows = {r["header"]: [int(c["text"]) for c in r["cells"]] for r in table["rows"]}
    assert rows["1.2 Afspraken met woningcorporaties"] == [1, 1, 1, 2]
    assert all(sum(counts) == 5 for counts in rows.values())
    page = procesregio_page("beschermd-thuis", "eikenrode")
    assert [(c["label"], c["count"]) for c in page["counts"]] == [
        ("Gereed", 0), ("In ontwikkeling", 2), ("Nog niet gestart", 1),
    ]  # fmt: skip
