# SPDX-License-Identifier: EUPL-1.2
"""The P&C cycle around a publication (docs/duiding.md).

* :class:`Interpretation` — a duidingssessie on one doel (or one indicator within a doel) of one
  publication: the four steps herkennen, verklaren, waarderen, verbeteren, session date and participants;
  concept → ter goedkeuring → goedgekeurd. Bound to that publication's frozen figures: it never moves to
  another. Approving freezes what is published (``published``), so a snapshot shows the same text forever.
* :class:`Action` — a verbeteractie from a session: owner, due date, an inspanning (existing or created in
  the doel); open until closed, and shown in every later session on the same subject until then.
* :class:`Question` — a raadsvraag on a doel or indicator of a draft or named publication, with the
  deadline the reglement van orde sets (``KM_QUESTION_DEADLINES``) and a redacteur's answer.
* :class:`Reminder` — a reminder e-mail sent for a report period (one per period, person and step).

Deleting a publication, doel or indicator deletes what hangs on it (as the agenda's own inspanningen do);
only the demo deletes publications, and every deletion is in the audit log.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from kwaliteitsmonitor.audit.queryset import AuditedManager


class SessionState(models.TextChoices):
    CONCEPT = "concept", "Concept"
    REVIEW = "review", "Ter goedkeuring"
    APPROVED = "approved", "Goedgekeurd"


STEPS = (
    ("herkennen", "Herkennen", "Wat zien we in de cijfers? Wat herkennen we uit de praktijk?"),
    ("verklaren", "Verklaren", "Hoe komt het? Welke verklaringen zien de deelnemers?"),
    ("waarderen", "Waarderen", "Is dit goed genoeg? Hoe waarderen de deelnemers de ontwikkeling?"),
    ("verbeteren", "Verbeteren", "Wat gaan we anders doen? (De verbeteracties staan hieronder.)"),
)


class Interpretation(models.Model):
    publication = models.ForeignKey(
        "publications.Publication", verbose_name="publicatie", on_delete=models.CASCADE,
        related_name="interpretations",
    )  # fmt: skip
    goal = models.ForeignKey(
        "agenda.Goal", verbose_name="doel", on_delete=models.CASCADE, related_name="interpretations"
    )
    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name="indicator", null=True, blank=True, on_delete=models.CASCADE,
        related_name="interpretations", help_text="Leeg: de duiding gaat over het hele doel.",
    )  # fmt: skip
    session_date = models.DateField("datum van de sessie", null=True, blank=True)
    participants = models.TextField("deelnemers", blank=True, help_text="Namen en rollen, één per regel.")
    herkennen = models.TextField("herkennen", blank=True)
    verklaren = models.TextField("verklaren", blank=True)
    waarderen = models.TextField("waarderen", blank=True)
    verbeteren = models.TextField("verbeteren", blank=True)
    state = models.CharField(
        "stand", max_length=10, choices=SessionState.choices, default=SessionState.CONCEPT
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="geschreven door", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    updated_at = models.DateTimeField("bijgewerkt", auto_now=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="goedgekeurd door", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    approved_at = models.DateTimeField("goedgekeurd op", null=True, blank=True)
    published = models.JSONField("vastgelegd bij goedkeuring", default=dict, blank=True)

    objects = AuditedManager()

    class Meta:
        verbose_name = "duiding"
        verbose_name_plural = "duidingen"
        ordering = ["publication__number", "goal_id", "indicator_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "goal"], condition=models.Q(indicator__isnull=True),
                name="interpretation_one_per_goal",
            ),
            models.UniqueConstraint(
                fields=["publication", "goal", "indicator"], condition=models.Q(indicator__isnull=False),
                name="interpretation_one_per_indicator",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"Duiding {self.subject_title} (publicatie {self.publication.number})"

    @property
    def subject(self) -> str:
        return "indicator" if self.indicator_id else "doel"

    @property
    def subject_title(self) -> str:
        return self.indicator.name if self.indicator is not None else str(self.goal)

    @property
    def is_approved(self) -> bool:
        return self.state == SessionState.APPROVED


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Afgerond"


class Action(models.Model):
    interpretation = models.ForeignKey(
        Interpretation, verbose_name="duiding", on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField("verbeteractie", max_length=300)
    owner = models.CharField("eigenaar", max_length=200)
    due_date = models.DateField("uiterlijk klaar")
    effort = models.ForeignKey(
        "agenda.Effort", verbose_name="inspanning", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="improvement_actions",
    )  # fmt: skip
    status = models.CharField("status", max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    closed_at = models.DateField("afgerond op", null=True, blank=True)
    created_at = models.DateTimeField("gemaakt", auto_now_add=True)

    objects = AuditedManager()

    class Meta:
        verbose_name = "verbeteractie"
        verbose_name_plural = "verbeteracties"
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def overdue(self) -> bool:
        return self.status == ActionStatus.OPEN and self.due_date < timezone.localdate()


class QuestionKind(models.TextChoices):
    TECHNICAL = "technisch", "Technische vraag"
    WRITTEN = "schriftelijk", "Schriftelijke vraag"


class Question(models.Model):
    publication = models.ForeignKey(
        "publications.Publication", verbose_name="publicatie", on_delete=models.CASCADE,
        related_name="questions",
    )  # fmt: skip
    goal = models.ForeignKey(
        "agenda.Goal", verbose_name="doel", on_delete=models.CASCADE, related_name="questions"
    )
    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name="indicator", null=True, blank=True, on_delete=models.CASCADE,
        related_name="questions",
    )  # fmt: skip
    kind = models.CharField("soort vraag", max_length=12, choices=QuestionKind.choices)
    question = models.TextField("vraag")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="gesteld door", null=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    asked_at = models.DateTimeField("gesteld op", default=timezone.now)
    deadline = models.DateField("beantwoorden vóór of op")
    answer = models.TextField("antwoord", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="beantwoord door", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    answered_at = models.DateTimeField("beantwoord op", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="antwoord vastgesteld door", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    approved_at = models.DateTimeField("antwoord vastgesteld op", null=True, blank=True)

    objects = AuditedManager()

    class Meta:
        verbose_name = "raadsvraag"
        verbose_name_plural = "raadsvragen"
        ordering = ["-asked_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"

    @property
    def subject_title(self) -> str:
        return self.indicator.name if self.indicator is not None else str(self.goal)

    @property
    def is_answered(self) -> bool:
        """Answered means: the answer is vastgesteld (approved), not only drafted."""
        return self.approved_at is not None

    @property
    def on_time(self) -> bool | None:
        """Answered by the deadline (None while unanswered)."""
        if self.approved_at is None:
            return None
        return timezone.localdate(self.approved_at) <= self.deadline

    @property
    def overdue(self) -> bool:
        return self.approved_at is None and self.deadline < timezone.localdate()


class Reminder(models.Model):
    """A reminder e-mail sent: one per report period, person and step (days before the deadline)."""

    report_period = models.ForeignKey(
        "agenda.ReportPeriod", verbose_name="rapportageperiode", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="aan", on_delete=models.CASCADE, related_name="+"
    )
    days_before = models.PositiveSmallIntegerField("dagen voor de uiterste datum")
    efforts = models.PositiveIntegerField("inspanningen zonder rapportage")
    sent_at = models.DateTimeField("verstuurd", auto_now_add=True)

    class Meta:
        verbose_name = "herinnering"
        verbose_name_plural = "herinneringen"
        constraints = [
            models.UniqueConstraint(
                fields=["report_period", "user", "days_before"], name="reminder_once_per_step"
            )
        ]

    def __str__(self) -> str:
        return f"Herinnering {self.report_period} aan {self.user} ({self.days_before} dagen)"
