# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor export-site``: the static export of the public monitor (monitor/export.py)."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kwaliteitsmonitor.monitor.export import MARKER, broken_links, file_for, relative

pytestmark = pytest.mark.django_db

THEME = "opgave/inrichting-sociaal-domein/"
DOEL = THEME + "sterke-sociale-basis/"


def export(target: Path, *args: str) -> str:
    out = StringIO()
    call_command("export-site", str(target), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def exported(world, tmp_path) -> tuple[Path, str]:
    target = tmp_path / "site"
    return target, export(target)


def test_relative_links():
    assert relative("/", "/") == "./"
    assert relative("/indicator/x/", "/") == "indicator/x/"
    assert relative("/", "/opgave/a/") == "../../"
    assert relative("/indicator/x/", "/opgave/a/b/") == "../../../indicator/x/"
    assert relative("/opgave/a/b.json", "/opgave/a/b/") == "../b.json"
    assert relative("/opgave/a/#doelen", "/opgave/a/") == "./#doelen"
    assert relative("/static/monitor/site.css", "/statische-versie/") == "../static/monitor/site.css"
    assert file_for("/") == "index.html" and file_for("/indicator/x/") == "indicator/x/index.html"
    assert file_for("/indicator/x.json") == "indicator/x.json"


def test_the_public_monitor_is_written(exported):
    target, output = exported
    for name in (
        "index.html",
        "index.json",
        THEME + "index.html",
        DOEL + "index.html",
        "indicator/participatie/index.html",
        "indicator/participatie.json",
        "indicator/wmo-clienten/index.html",
        "toegankelijkheid/index.html",
        "statische-versie/index.html",
        MARKER,
    ):
        assert (target / name).is_file(), name
    assert not (target / "beheer").exists() and not (target / "api").exists()
    # The JSON twin is the page's data, as the live site serves it.
    data = json.loads((target / "indicator/participatie.json").read_text())
    assert data["page"] == "indicator" and data["url"] == "/indicator/participatie/"
    # Charts as files, referenced relatively from the page that shows them.
    charts = list((target / "grafiek").glob("*.svg"))
    assert charts and all(c.read_bytes().startswith(b"<svg") for c in charts)
    page = (target / "indicator/participatie/index.html").read_text()
    assert re.search(r'src="\.\./\.\./grafiek/[0-9a-f]{40}\.svg"', page)
    assert 'href="../../static/monitor/site.css"' in page
    assert 'href="/' not in page and 'src="/' not in page  # every internal link is relative
    assert (target / "static/monitor/site.css").is_file()
    assert not (target / "static/admin").exists()  # only the static files the pages use
    assert "pagina's" in output and "grafieken" in output and "Klaar:" in output


def test_every_link_and_image_in_the_export_resolves(exported):
    target, _ = exported
    assert broken_links(target) == []


def test_the_link_check_finds_a_broken_link(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text(
        '<a href="../b/">b</a> <img src="../grafiek/x.svg" alt=""> <a href="https://example.nl/">x</a>'
        ' <img srcset="../c.png 1x, ../d.png 2x" alt=""> <a href="#boven">boven</a>'
    )
    (tmp_path / "c.png").write_bytes(b"png")
    assert broken_links(tmp_path) == [
        "a/index.html: ../b/",
        "a/index.html: ../grafiek/x.svg",
        "a/index.html: ../d.png",
    ]


def test_get_forms_say_they_do_not_work_in_the_static_version(exported):
    target, _ = exported
    page = (target / "ontdekken/index.html").read_text()
    assert "In de statische versie werkt deze keuze niet" in page
    # The form and the header search submit to the explanation, not to a page that ignores the query.
    actions = re.findall(r'<form[^>]*action="([^"]*)"', page)
    assert actions and set(actions) == {"../statische-versie/"}
    assert "?" not in "".join(re.findall(r'href="([^"]*)"', page))
    home = (target / "index.html").read_text()
    assert "In de statische versie werkt" not in home  # only the header search: no note
    assert re.findall(r'<form[^>]*action="([^"]*)"', home) == ["statische-versie/"]
    assert "gemaakt op" in (target / "statische-versie/index.html").read_text()


def test_with_a_live_url_the_choices_go_to_the_live_monitor(world, tmp_path):
    target = tmp_path / "site"
    export(target, "--live-url", "https://monitor.example.nl/")
    page = (target / "ontdekken/index.html").read_text()
    assert 'action="https://monitor.example.nl/ontdekken/"' in page
    assert 'href="https://monitor.example.nl/api/v1/docs/"' in page
    assert 'href="https://monitor.example.nl">Naar de live monitor</a>' in page


def test_a_directory_that_is_not_empty_is_refused(world, tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "mijn-bestand.txt").write_text("niet weggooien")
    with pytest.raises(CommandError, match=r"is niet leeg\. Kies een lege map, of gebruik --force") as exc:
        export(target)
    assert exc.value.returncode == 1
    with pytest.raises(CommandError, match="bevat geen eerdere export"):
        export(target, "--force")
    assert (target / "mijn-bestand.txt").read_text() == "niet weggooien"


def test_force_replaces_an_earlier_export(world, tmp_path):
    target = tmp_path / "site"
    export(target)
    (target / "oud.html").write_text("van een eerdere export")
    with pytest.raises(CommandError, match="is niet leeg"):
        export(target)
    export(target, "--force")
    assert not (target / "oud.html").exists() and (target / "index.html").is_file()


def test_a_file_instead_of_a_directory_and_a_bad_live_url(world, tmp_path):
    (tmp_path / "bestand").write_text("x")
    with pytest.raises(CommandError, match="bestaat al en is geen map"):
        export(tmp_path / "bestand")
    with pytest.raises(CommandError, match="--live-url moet met https:// of http:// beginnen"):
        export(tmp_path / "leeg", "--live-url", "monitor.example.nl")


def test_a_failing_page_is_reported_with_exit_code_3(world, tmp_path, monkeypatch):
    from kwaliteitsmonitor.monitor.export import Exporter

    fetch = Exporter.fetch

    def failing(self, path):
        return (500, b"", "text/html") if path == "/indicator/participatie/" else fetch(self, path)

    monkeypatch.setattr(Exporter, "fetch", failing)
    err = StringIO()
    with pytest.raises(CommandError, match="onvolledig") as exc:
        call_command("export-site", str(tmp_path / "site"), stdout=StringIO(), stderr=err)
    assert exc.value.returncode == 3
    assert "/indicator/participatie/ gaf status 500" in err.getvalue()
    # The pages that link to it now have a broken link, and the check says so.
    assert "verwijzing werkt niet: " + DOEL + "index.html: ../../../indicator/participatie/" in err.getvalue()
