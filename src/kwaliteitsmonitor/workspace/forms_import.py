# SPDX-License-Identifier: EUPL-1.2
"""The import form: a source kind, a file, and the connector's options as form fields.

The fields are made from the connector's own command-line options (one definition, no drift), minus
options that name a server path (``upload.PATH_OPTIONS``) and, for anyone but a beheerder, options that
set or change an indicator's definition (its protection rule among them) or choose an agenda outside
the user's scope."""

from __future__ import annotations

import argparse
from typing import Any

from django import forms
from django.conf import settings

from kwaliteitsmonitor.accounts.permissions import allowed, scoped
from kwaliteitsmonitor.agenda.models import Agenda
from kwaliteitsmonitor.connectors import upload

# Import kind → the permission it needs (each kind its own).
KIND_PERMISSIONS = {
    "tabular": "indicators.import_observations",
    "goal-tree": "indicators.import_goal_tree",
    "indicators": "indicators.import_definitions",
    "areas": "areas.import_areas",
    "process-round": "processes.review_round",  # the regio-adviseur (docs/processen.md)
}
# Options that create or change indicator definitions (and with them the protection rule).
DEFINITION_OPTIONS = frozenset(
    {"create_indicators", "indicator_prefix", "provider", "unit", "decimals", "set"}
)
NEW_AGENDA_OPTIONS = frozenset({"organisation", "area", "start_year", "end_year"})


def kinds_for(user: Any) -> list[tuple[str, str]]:
    return [(k, label) for k, label in upload.UPLOADABLE.items() if allowed(user, KIND_PERMISSIONS[k])]


def _field(action: argparse.Action) -> forms.Field:
    label = (action.help or action.dest).split(";")[0].strip()
    label = label[:1].upper() + label[1:]
    flag = action.option_strings[0]
    help_text = f"Op de opdrachtregel: {flag}."
    if isinstance(action, argparse._StoreTrueAction):
        return forms.BooleanField(label=label, required=False, help_text=help_text)
    if isinstance(action, argparse._AppendAction):
        return forms.CharField(
            label=label,
            required=False,
            help_text=f"Eén per regel. {help_text}",
            widget=forms.Textarea(attrs={"rows": 2}),
        )
    if action.choices:
        choices = [("", "— standaard —"), *[(str(c), str(c)) for c in action.choices]]
        return forms.ChoiceField(label=label, required=False, choices=choices, help_text=help_text)
    return forms.CharField(label=label, required=False, max_length=200, help_text=help_text)


class ImportForm(forms.Form):
    file = forms.FileField(label="Bestand")

    def __init__(self, *args: Any, user: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.actions: dict[str, argparse.Action] = {}
        beheerder = allowed(user, "indicators.change_protection")
        for action in upload.option_actions(kind):
            if not beheerder and action.dest in DEFINITION_OPTIONS | NEW_AGENDA_OPTIONS:
                continue
            if action.dest == "agenda":
                agendas = scoped(user, "agenda.change_agenda", Agenda.objects.all())
                self.fields["opt_agenda"] = forms.ModelChoiceField(
                    agendas, label="Agenda", required=not beheerder, empty_label="— een nieuwe agenda —"
                )
            else:
                self.fields[f"opt_{action.dest}"] = _field(action)
            self.actions[action.dest] = action

    def clean_file(self) -> Any:
        uploaded = self.cleaned_data["file"]
        if uploaded.size > settings.KM_MAX_UPLOAD_BYTES:
            limit = settings.KM_MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"Het bestand is groter dan {limit} MB.")
        return uploaded

    def options(self) -> dict[str, Any]:
        options: dict[str, Any] = {}
        for dest, action in self.actions.items():
            value = self.cleaned_data.get(f"opt_{dest}")
            if dest == "agenda":
                value = value.pk if value is not None else None
            elif isinstance(action, argparse._AppendAction):
                value = [line.strip() for line in str(value or "").splitlines() if line.strip()]
            elif action.type is int and value not in (None, ""):
                value = int(value)
            options[dest] = value
        return upload.check_options(self.kind, options)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for dest, action in self.actions.items():
            value = data.get(f"opt_{dest}")
            if action.type is int and value not in (None, ""):
                try:
                    int(value)
                except (TypeError, ValueError):
                    self.add_error(f"opt_{dest}", "Vul een geheel getal in.")
        return data
