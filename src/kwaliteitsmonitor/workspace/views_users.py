# SPDX-License-Identifier: EUPL-1.2
"""Users (beheerders only): invite (a link to set a password), set role and scope, deactivate.
And the audit log, searchable, per object."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views.decorators.http import require_POST

from kwaliteitsmonitor.accounts import security_log
from kwaliteitsmonitor.accounts.models import Profile, Role
from kwaliteitsmonitor.agenda.models import Organisation
from kwaliteitsmonitor.areas.models import Area

from .access import requires
from .pages import page

User = get_user_model()


class ProfileForm(forms.Form):
    username = forms.CharField(label="Accountnaam", max_length=150)
    email = forms.EmailField(label="E-mailadres", required=False)
    role = forms.ChoiceField(label="Rol", choices=Role.choices)
    organisation = forms.ModelChoiceField(
        Organisation.objects.order_by("name"), label="Organisatie", required=False,
        help_text="Verplicht voor een redacteur (de gemeente) en een partner (de eigen organisatie).",
    )  # fmt: skip
    region = forms.ModelChoiceField(
        Area.objects.filter(level="GM", process_regions__isnull=False).distinct().order_by("name"),
        label="Regio (centrumgemeente)", required=False, help_text="Verplicht voor een regio-gebruiker.",
    )  # fmt: skip

    def __init__(self, *args: Any, instance: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance = instance
        if instance is not None:
            self.fields["username"].disabled = True

    def clean_username(self) -> str:
        name = self.cleaned_data["username"].strip()
        if self.instance is None and User.objects.filter(username__iexact=name).exists():
            raise forms.ValidationError("Deze accountnaam bestaat al.")
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        role = data.get("role")
        if role in {Role.REDACTEUR, Role.PARTNER} and not data.get("organisation"):
            self.add_error("organisation", "Kies de organisatie van deze redacteur of partner.")
        if role == Role.REGIO and not data.get("region"):
            self.add_error("region", "Kies de regio van deze gebruiker.")
        return data

    def save(self) -> Any:
        data = self.cleaned_data
        with transaction.atomic():
            user = self.instance or User(username=data["username"])
            if self.instance is None:
                user.set_unusable_password()
            user.email = data.get("email") or ""
            beheerder = data["role"] == Role.BEHEERDER
            user.is_staff = user.is_superuser = beheerder  # the Django admin is for beheerders only
            user.save()
            Profile.objects.update_or_create(
                user=user,
                defaults={
                    "role": data["role"],
                    "organisation": data.get("organisation")
                    if data["role"] in {Role.REDACTEUR, Role.PARTNER}
                    else None,
                    "region": data.get("region") if data["role"] == Role.REGIO else None,
                },
            )
        return user


def invite_link(request: HttpRequest, user: Any) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return request.build_absolute_uri(reverse("workspace:set_password", args=[uid, token]))


@requires("accounts.manage_users")
def users(request: HttpRequest) -> HttpResponse:
    rows = User.objects.select_related("profile__organisation", "profile__region").order_by("username")
    return page(request, "workspace/users.html", "gebruikers", "Gebruikers", rows=rows)


@requires("accounts.manage_users")
def user_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = get_object_or_404(User, pk=pk) if pk else None
    initial = {}
    if instance is not None:
        profile = Profile.objects.filter(user=instance).first()
        initial = {"username": instance.username, "email": instance.email}
        if profile:
            initial.update(role=profile.role, organisation=profile.organisation, region=profile.region)
        elif instance.is_superuser:
            initial["role"] = Role.BEHEERDER
    form = ProfileForm(request.POST or None, instance=instance, initial=initial)
    link = ""
    if request.method == "POST" and form.is_valid():
        user = form.save()
        security_log.event(
            "account_changed", request, target=user.get_username(), role=form.cleaned_data["role"]
        )
        if instance is None:
            link = invite_link(request, user)
            messages.success(
                request, f"{user.get_username()} is uitgenodigd. Stuur deze persoon de link hieronder."
            )
        else:
            messages.success(request, f"{user.get_username()} is bijgewerkt.")
            return redirect("workspace:users")
    title = f"Gebruiker {instance.get_username()}" if instance else "Gebruiker uitnodigen"
    return page(
        request, "workspace/user_edit.html", "gebruikers", title, form=form, target=instance, link=link
    )


@require_POST
@requires("accounts.manage_users")
def user_active(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(User, pk=pk)
    if target.pk == request.user.pk:
        messages.error(request, "U kunt uw eigen account niet blokkeren.")
        return redirect("workspace:users")
    target.is_active = request.POST.get("active") == "1"
    target.save(update_fields=["is_active"])
    link = ""
    if request.POST.get("invite") == "1" and target.is_active:
        link = invite_link(request, target)
    security_log.event(
        "account_active" if target.is_active else "account_blocked", request, target=target.get_username()
    )
    if link:
        messages.success(request, f"Nieuwe uitnodigingslink voor {target.get_username()}: {link}")
    else:
        messages.success(
            request, f"{target.get_username()} is {'weer actief' if target.is_active else 'geblokkeerd'}."
        )
    return redirect("workspace:users")


ACTIONS = {0: "aangemaakt", 1: "gewijzigd", 2: "verwijderd", 3: "bekeken"}


@requires("audit.view_log")
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    query = request.GET.get("q", "").strip()[:100]
    target = request.GET.get("object", "").strip()[:100]
    if query:
        entries = entries.filter(
            Q(object_repr__icontains=query) | Q(actor__username__icontains=query)
            | Q(content_type__model__icontains=query)
        )  # fmt: skip
    if target and ":" in target:
        label, _, pk = target.partition(":")
        app_label, _, model = label.partition(".")
        entries = entries.filter(
            content_type__app_label=app_label, content_type__model=model.lower(), object_pk=pk
        )
    rows = [
        {"entry": e, "action": ACTIONS.get(e.action, str(e.action)), "changes": _changes(e)}
        for e in entries[:200]
    ]
    return page(request, "workspace/audit.html", "logboek", "Logboek", rows=rows, query=query, target=target)


def _changes(entry: LogEntry) -> list[tuple[str, str, str]]:
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    out = []
    for field, pair in list(changes.items())[:20]:
        if isinstance(pair, list | tuple) and len(pair) == 2:
            out.append((str(field), str(pair[0])[:120], str(pair[1])[:120]))
    return out
