# SPDX-License-Identifier: EUPL-1.2
"""The one rule set: who may do what, on which objects.

Each rule names a permission and, per role, the scope in which that role holds it: a function from the
profile to a ``Q`` filter on the rule's model (``ALL``: every object). The same scope answers both
questions, so they cannot disagree:

* ``allowed(user, perm, obj)`` — the object check (views, forms, admin, API); also through Django's
  ``user.has_perm(perm, obj)`` because every rule is registered with ``rules``;
* ``scoped(user, perm, queryset)`` — the queryset filter (lists, choices in forms).

Deny unless granted: an unknown permission, a role without the rule, a missing scope (a redacteur
without organisation) or an inactive account all give ``False`` and an empty queryset.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import rules
from django.apps import apps
from django.db.models import Model, Q, QuerySet

from .models import Profile, Role

Scope = Callable[[Profile], Q | None]


def ALL(profile: Profile) -> Q:
    return Q()


def _own_gemeente(prefix: str) -> Scope:
    def scope(profile: Profile) -> Q | None:
        organisation = profile.organisation
        if organisation is None or organisation.area_id is None:
            return None
        return Q(**{f"{prefix}area_id": organisation.area_id})

    return scope


def _own_partner(prefix: str) -> Scope:
    def scope(profile: Profile) -> Q | None:
        return Q(**{f"{prefix}partner_id": profile.organisation_id}) if profile.organisation_id else None

    return scope


def _own_region(prefix: str) -> Scope:
    def scope(profile: Profile) -> Q | None:
        return Q(**{f"{prefix}area_id": profile.region_id}) if profile.region_id else None

    return scope


def _own_questions(profile: Profile) -> Q:
    return Q(asked_by_id=profile.user_id)


@dataclass(frozen=True)
class Rule:
    description: str
    grants: dict[str, Scope]
    model: str | None = None  # "app_label.Model" the scopes filter; None: not about objects
    extra: dict[str, Any] = field(default_factory=dict)


STAFF = (Role.BEHEERDER, Role.REDACTEUR, Role.PARTNER, Role.REGIO, Role.RAADSLID)
EDITORS = (Role.BEHEERDER, Role.REDACTEUR)

RULES: dict[str, Rule] = {
    "workspace.enter": Rule("De werkplek gebruiken", dict.fromkeys(STAFF, ALL)),
    "agenda.change_agenda": Rule(
        "Opgaven, doelen en resultaten van een agenda bewerken",
        {Role.BEHEERDER: ALL, Role.REDACTEUR: _own_gemeente("")},
        "agenda.Agenda",
    ),
    "agenda.change_result": Rule(
        "Een resultaat bewerken (streefwaarde, nulmeting, richting, indicatoren)",
        {Role.BEHEERDER: ALL, Role.REDACTEUR: _own_gemeente("goal__theme__agenda__")},
        "agenda.Result",
    ),
    "agenda.change_effort": Rule(
        "Een inspanning en haar voortgang bewerken",
        {
            Role.BEHEERDER: ALL,
            Role.REDACTEUR: _own_gemeente("goal__theme__agenda__"),
            Role.PARTNER: _own_partner(""),
        },
        "agenda.Effort",
    ),
    "agenda.change_report_period": Rule(
        "Rapportageperioden aanmaken en wijzigen", dict.fromkeys(EDITORS, ALL)
    ),
    "indicators.import_observations": Rule("Cijfers importeren (spreadsheet)", dict.fromkeys(EDITORS, ALL)),
    "indicators.import_goal_tree": Rule("Doelenboom en voortgang importeren", dict.fromkeys(EDITORS, ALL)),
    # Definitions carry the protection rule of an indicator: changing that is a beheerder's act.
    "indicators.import_definitions": Rule("Indicatordefinities importeren", {Role.BEHEERDER: ALL}),
    "indicators.change_protection": Rule("Beveiligingsregels wijzigen", {Role.BEHEERDER: ALL}),
    "areas.import_areas": Rule("Gebieden en grenzen importeren", {Role.BEHEERDER: ALL}),
    "areas.save_comparison_group": Rule("Vergelijkingsgroepen opslaan", {Role.BEHEERDER: ALL}),
    "processes.view_round": Rule(
        "Statussen van een procesmonitor bekijken",
        {Role.BEHEERDER: ALL, Role.REGIO: _own_region("")},
        "processes.ProcessRegion",
    ),
    "processes.change_status": Rule(
        "Statussen en antwoorden van een regio invullen",
        {Role.BEHEERDER: ALL, Role.REGIO: _own_region("")},
        "processes.ProcessRegion",
    ),
    "outcomes.view_voorziening": Rule(
        "Voorzieningen en hun aanleveringen bekijken",
        {Role.BEHEERDER: ALL, Role.REDACTEUR: _own_gemeente(""), Role.PARTNER: _own_partner("")},
        "outcomes.Voorziening",
    ),
    "outcomes.change_voorziening": Rule(
        "Voorzieningen aanmaken en bewerken",
        {Role.BEHEERDER: ALL, Role.REDACTEUR: _own_gemeente("")},
        "outcomes.Voorziening",
    ),
    "outcomes.submit": Rule(
        "Uitkomsten van de eigen voorzieningen aanleveren",
        {Role.BEHEERDER: ALL, Role.PARTNER: _own_partner("")},
        "outcomes.Submission",
    ),
    "outcomes.review": Rule(
        "Aanleveringen van uitkomsten beoordelen (accepteren of terugsturen)",
        {Role.BEHEERDER: ALL, Role.REDACTEUR: _own_gemeente("")},
        "outcomes.Submission",
    ),
    # The regio-adviseur is a beheerder (docs/processen.md): one role that opens rounds and reviews them.
    "processes.review_round": Rule(
        "Ingediende rondes van regio's beoordelen: terugsturen of goedkeuren; rondes openen en importeren",
        {Role.BEHEERDER: ALL},
        "processes.ProcessRegion",
    ),
    "publications.publish": Rule("Een concept publiceren", dict.fromkeys(EDITORS, ALL)),
    "publications.view_draft": Rule(
        "Het concept bekijken", dict.fromkeys((Role.BEHEERDER, Role.REDACTEUR, Role.RAADSLID), ALL)
    ),
    "publications.ask_question": Rule(
        "Een vraag stellen over een doel of indicator van een concept of publicatie",
        dict.fromkeys((Role.BEHEERDER, Role.RAADSLID), ALL),
    ),
    # Duiding (docs/duiding.md). The object is the doel the session, action or question is about.
    "interpretation.view": Rule(
        "Duidingssessies inzien (raadsleden: alleen goedgekeurde)",
        dict.fromkeys((Role.BEHEERDER, Role.REDACTEUR, Role.RAADSLID), ALL),
    ),
    "interpretation.write": Rule(
        "Duiding en verbeteracties van een doel schrijven",
        {Role.BEHEERDER: ALL, Role.REDACTEUR: _own_gemeente("theme__agenda__")},
        "agenda.Goal",
    ),
    "interpretation.approve": Rule(
        "Duiding van een doel goedkeuren",
        {Role.BEHEERDER: ALL, Role.REDACTEUR: _own_gemeente("theme__agenda__")},
        "agenda.Goal",
    ),
    "interpretation.answer_question": Rule(
        "Raadsvragen over een doel beantwoorden en het antwoord vaststellen",
        {Role.BEHEERDER: ALL, Role.REDACTEUR: _own_gemeente("theme__agenda__")},
        "agenda.Goal",
    ),
    "interpretation.view_question": Rule(
        "Raadsvragen en antwoorden inzien (raadsleden: de eigen vragen)",
        {
            Role.BEHEERDER: ALL,
            Role.REDACTEUR: _own_gemeente("goal__theme__agenda__"),
            Role.RAADSLID: _own_questions,
        },
        "interpretation.Question",
    ),
    "reports.download": Rule(
        "Een raadsrapportage (PDF of Word) van een publicatie maken en downloaden",
        dict.fromkeys((Role.BEHEERDER, Role.REDACTEUR, Role.RAADSLID), ALL),
    ),
    "snapshots.view_prerelease": Rule(
        "Een rapportage in voorinzage lezen (voordat ze openbaar is)",
        dict.fromkeys((Role.BEHEERDER, Role.REDACTEUR, Role.RAADSLID), ALL),
    ),
    "snapshots.manage": Rule(
        "Rapportages bevriezen, openbaar maken en corrigeren", dict.fromkeys(EDITORS, ALL)
    ),
    "audit.view_log": Rule("Het logboek inzien", dict.fromkeys(EDITORS, ALL)),
    "accounts.manage_users": Rule(
        "Gebruikers uitnodigen, rol en bereik zetten, blokkeren", {Role.BEHEERDER: ALL}
    ),
    "admin.use": Rule("Het Django-beheer gebruiken", {Role.BEHEERDER: ALL}),
}


def role_of(user: Any) -> str | None:
    """The role of an active account; a superuser counts as beheerder; no profile: no role."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return Role.BEHEERDER
    profile = _profile(user)
    return profile.role if profile else None


def _profile(user: Any) -> Profile | None:
    try:
        return user.profile  # type: ignore[no-any-return]
    except Profile.DoesNotExist:
        return None


def _scope(user: Any, perm: str) -> Q | None:
    rule = RULES.get(perm)
    role = role_of(user)
    if rule is None or role is None or role not in rule.grants:
        return None
    profile = _profile(user) or Profile(user=user, role=role)
    return rule.grants[role](profile)


def allowed(user: Any, perm: str, obj: Model | None = None) -> bool:
    q = _scope(user, perm)
    if q is None:
        return False
    if obj is None:
        return True
    rule = RULES[perm]
    if rule.model is None or obj._meta.label != rule.model:
        return False
    if not q:  # ALL
        return True
    return type(obj)._default_manager.filter(pk=obj.pk).filter(q).exists()


def scoped(user: Any, perm: str, queryset: QuerySet[Any]) -> QuerySet[Any]:
    rule = RULES.get(perm)
    q = _scope(user, perm)
    if q is None or rule is None or rule.model is None:
        return queryset.none()
    if queryset.model is not apps.get_model(rule.model):
        return queryset.none()
    return queryset.filter(q)


def register() -> None:
    """Every rule as a ``rules`` permission, so ``user.has_perm(name, obj)`` asks the same question."""
    for name in RULES:
        if not rules.perm_exists(name):
            rules.add_perm(name, rules.predicate(_predicate(name), name=name))


def _predicate(name: str) -> Callable[..., bool]:
    def check(user: Any, obj: Any = None) -> bool:
        return allowed(user, name, obj)

    return check
