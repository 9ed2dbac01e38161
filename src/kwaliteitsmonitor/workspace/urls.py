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
    views_duiding,
    views_imports,
    views_outcomes,
    views_periods,
    views_process_review,
    views_processes,
    views_questions,
    views_reports,
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
    path("rapportageperioden/", views_periods.periods, name="periods"),
    path("rapportageperioden/nieuw/", views_periods.period_edit, name="period_new"),
    path("rapportageperioden/<int:pk>/", views_periods.period_edit, name="period_edit"),
    path("duiding/", views_duiding.duiding, name="duiding"),
    path("duiding/<int:number>/", views_duiding.duiding_publication, name="duiding_publication"),
    path("duiding/<int:number>/<int:goal>/", views_duiding.duiding_session, name="duiding_session"),
    path(
        "duiding/<int:number>/<int:goal>/<int:indicator>/",
        views_duiding.duiding_session,
        name="duiding_indicator",
    ),
    path("verbeteracties/", views_duiding.actions, name="actions"),
    path("verbeteracties/<int:pk>/status/", views_duiding.action_status, name="action_status"),
    path("vragen/", views_questions.question_list, name="questions"),
    path("vragen/nieuw/<int:number>/<int:goal>/", views_questions.question_new, name="question_new"),
    path("vragen/<int:pk>/", views_questions.question, name="question"),
    path("importeren/", views_imports.imports, name="imports"),
    path("publicaties/", views.publications, name="publications"),
    path("publicaties/<int:number>/publiceren/", views.publish, name="publish"),
    path("publicaties/<int:number>/voorbeeld/", views.preview, name="preview"),
    path("publicaties/<int:number>/raadsrapportage/", views_reports.report, name="report"),
    path(
        "publicaties/<int:number>/raadsrapportage/<str:fmt>/maken/",
        views_reports.report_make,
        name="report_make",
    ),
    path(
        "publicaties/<int:number>/raadsrapportage/<str:fmt>/",
        views_reports.report_download,
        name="report_download",
    ),
    path("rapportages/", views_snapshots.snapshots, name="snapshots"),
    path("rapportages/<slug:slug>/openbaar/", views_snapshots.make_public, name="snapshot_public"),
    path("rapportages/<slug:slug>/correctie/", views_snapshots.amendment, name="snapshot_amend"),
    path("processen/", views_processes.processes, name="processes"),
    path("processen/nieuwe-ronde/", views_process_review.round_new, name="process_round_new"),
    path("processen/ronde/<int:round_>/", views_process_review.overview, name="process_overview"),
    path("processen/<int:region>/<int:round_>/", views_processes.round_page, name="process_round"),
    path(
        "processen/<int:region>/<int:round_>/beoordelen/", views_process_review.review, name="process_review"
    ),
    path(
        "processen/<int:region>/<int:round_>/<int:theme>/", views_processes.theme_form, name="process_theme"
    ),
    path("uitkomsten/", views_outcomes.overview, name="outcomes"),
    path("uitkomsten/sjabloon/", views_outcomes.template, name="outcome_template"),
    path("uitkomsten/aanleveren/", views_outcomes.upload, name="outcome_upload"),
    path("uitkomsten/invullen/", views_outcomes.entry, name="outcome_form"),
    path("uitkomsten/<int:pk>/", views_outcomes.submission, name="outcome_submission"),
    path("uitkomsten/<int:pk>/beoordelen/", views_outcomes.review, name="outcome_review"),
    path("voorzieningen/nieuw/", views_outcomes.voorziening, name="voorziening_new"),
    path("voorzieningen/<int:pk>/", views_outcomes.voorziening, name="voorziening_edit"),
    path("logboek/", views_users.audit_log, name="audit"),
    path("gebruikers/", views_users.users, name="users"),
    path("gebruikers/nieuw/", views_users.user_edit, name="user_new"),
    path("gebruikers/<int:pk>/", views_users.user_edit, name="user_edit"),
    path("gebruikers/<int:pk>/actief/", views_users.user_active, name="user_active"),
]

urls = [path("werkplek/", include(two_factor_urls)), path("werkplek/", include((urlpatterns, app_name)))]
