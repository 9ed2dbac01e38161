# SPDX-License-Identifier: EUPL-1.2
"""The workspace at /werkplek/, and the login with two-factor authentication (django-two-factor-auth,
under its own namespace ``two_factor`` because its views and templates name their URLs that way)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy
from two_factor import views as tf

from . import (
    views,
    views_agenda,
    views_imports,
    views_processes,
    views_results,
    views_snapshots,
    views_users,
)

two_factor_urls = (
    [
        path("inloggen/", tf.LoginView.as_view(), name="login"),
        path("tweestaps/", tf.SetupView.as_view(), name="setup"),
        path("tweestaps/qrcode/", tf.QRGeneratorView.as_view(), name="qr"),
        path("tweestaps/klaar/", tf.SetupCompleteView.as_view(), name="setup_complete"),
        path("tweestaps/herstelcodes/", tf.BackupTokensView.as_view(), name="backup_tokens"),
        path("tweestaps/account/", tf.ProfileView.as_view(), name="profile"),
    ],
    "two_factor",
)

app_name = "workspace"
urlpatterns = [
    path("", views.home, name="home"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord/",
        auth_views.PasswordChangeView.as_view(
            template_name="workspace/password.html", success_url=reverse_lazy("workspace:home")
        ),
        name="password_change",
    ),
    path(
        "wachtwoord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="workspace/password.html", success_url=reverse_lazy("two_factor:login")
        ),
        name="set_password",
    ),
    path("resultaten/", views_results.results, name="results"),
    path("resultaten/<int:pk>/", views_results.result, name="result"),
    path("inspanningen/", views_agenda.efforts, name="efforts"),
    path("inspanningen/<int:pk>/", views_agenda.effort, name="effort"),
    path("importeren/", views_imports.imports, name="imports"),
    path("publicaties/", views.publications, name="publications"),
    path("publicaties/<int:number>/publiceren/", views.publish, name="publish"),
    path("publicaties/<int:number>/voorbeeld/", views.preview, name="preview"),
    path("rapportages/", views_snapshots.snapshots, name="snapshots"),
    path("rapportages/<slug:slug>/openbaar/", views_snapshots.make_public, name="snapshot_public"),
    path("rapportages/<slug:slug>/correctie/", views_snapshots.amendment, name="snapshot_amend"),
    path("processen/", views_processes.processes, name="processes"),
    path(
        "processen/<int:region>/<int:round_>/<int:theme>/", views_processes.theme_form, name="process_theme"
    ),
    path("logboek/", views_users.audit_log, name="audit"),
    path("gebruikers/", views_users.users, name="users"),
    path("gebruikers/nieuw/", views_users.user_edit, name="user_new"),
    path("gebruikers/<int:pk>/", views_users.user_edit, name="user_edit"),
    path("gebruikers/<int:pk>/actief/", views_users.user_active, name="user_active"),
]

urls = [path("werkplek/", include(two_factor_urls)), path("werkplek/", include((urlpatterns, app_name)))]
