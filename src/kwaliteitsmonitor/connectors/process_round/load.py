# SPDX-License-Identifier: EUPL-1.2
"""Write an imported process round: every name checked against the monitor (unknown region, theme,
sub-theme or question, a label that is not the dashboard's: a Dutch error naming file, row and column,
with the valid labels), then per region in the file its statuses and answers replaced, and its
submission set to ``ingediend`` (or ``goedgekeurd`` with ``--approve``), marked as imported. All or
nothing: the pipeline's transaction."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from kwaliteitsmonitor.analysis.vocabulary import ANSWERS
from kwaliteitsmonitor.indicators.records import LoadResult, RecordError
from kwaliteitsmonitor.processes.models import (
    ProcessAnswer,
    ProcessMonitor,
    ProcessRound,
    Submission,
    SubmissionState,
    SubThemeStatus,
)

from .parse import ProcessRoundParse


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def resolve(options: dict[str, Any], file: str) -> tuple[ProcessMonitor, ProcessRound] | RecordError:
    monitor = ProcessMonitor.objects.filter(slug=options.get("monitor") or "").first()
    if monitor is None:
        known = ", ".join(ProcessMonitor.objects.values_list("slug", flat=True)) or "geen"
        return RecordError(f"geef --monitor met een bestaande procesmonitor (bekend: {known})", file)
    found = ProcessRound.objects.filter(monitor=monitor, slug=options.get("round") or "").first()
    if found is None:
        known = ", ".join(monitor.rounds.values_list("slug", flat=True)) or "geen"
        return RecordError(f"geef --round met een ronde van {monitor.name} (bekend: {known})", file)
    return monitor, found


def load_process_round(parsed: ProcessRoundParse, options: dict[str, Any]) -> tuple[LoadResult, list[str]]:
    result = LoadResult()
    resolved = resolve(options, parsed.file)
    if isinstance(resolved, RecordError):
        result.errors = [resolved]
        return result, []
    monitor, round_ = resolved
    regions = {}
    for region in monitor.regions.select_related("area"):
        for name in (region.name, region.slug, region.area.code, region.area.name):
            regions[_key(name)] = region
    subs = {
        (_key(s.theme.name), _key(s.name)): s
        for s in (x for t in monitor.themes.all() for x in t.sub_themes.select_related("theme"))
    }
    questions = {
        (_key(q.theme.name), _key(q.text)): q
        for t in monitor.themes.all()
        for q in t.questions.select_related("theme")
    }
    file = parsed.file
    statuses, replies, errors = _check(parsed, monitor, regions, subs, questions)
    touched = {r for r, _s in statuses} | {r for r, _q in replies}
    locked = Submission.objects.filter(round=round_, region_id__in=touched, state=SubmissionState.APPROVED)
    for found in locked.select_related("region"):
        errors.append(
            RecordError(f"{found.region.name} is al goedgekeurd in {round_.label}; niets ingelezen", file)
        )
    if errors:
        result.errors = errors
        return result, []
    for region_id in sorted(touched):
        _write_region(round_, region_id, statuses, replies, result, approve=bool(options.get("approve")))
    word = "goedgekeurd" if options.get("approve") else "ingediend"
    return result, [f"{len(touched)} regio('s) in {round_.label} als {word} ingelezen"]


def _check(
    parsed: ProcessRoundParse, monitor: ProcessMonitor, regions: dict, subs: dict, questions: dict
) -> tuple[dict[tuple[int, int], tuple[str, str]], dict[tuple[int, int], str], list[RecordError]]:
    labels = {_key(monitor.label(s)): s for s in monitor.statuses}
    answers = {_key(text): code for code, text in ANSWERS.items()} | {code: code for code in ANSWERS}
    file, errors = parsed.file, []
    statuses: dict[tuple[int, int], tuple[str, str]] = {}
    replies: dict[tuple[int, int], str] = {}
    for row in parsed.rows:
        region = regions.get(_key(row.region))
        if region is None:
            errors.append(
                RecordError(f"onbekende regio '{row.region}' in {monitor.name}", file, row.row, "regio")
            )
            continue
        if row.sub_theme:
            sub = subs.get((_key(row.theme), _key(row.sub_theme)))
            status = labels.get(_key(row.status))
            if sub is None:
                errors.append(
                    RecordError(
                        f"onbekend subthema '{row.sub_theme}' bij thema '{row.theme}'",
                        file,
                        row.row,
                        "subthema",
                    )
                )
            if status is None:
                valid = ", ".join(monitor.label(s) for s in monitor.statuses)
                errors.append(
                    RecordError(
                        f"onbekend label '{row.status}'; {monitor.name} kent: {valid}",
                        file,
                        row.row,
                        "status",
                    )
                )
            if sub is not None and status is not None:
                if (region.pk, sub.pk) in statuses:
                    errors.append(
                        RecordError(
                            f"{row.sub_theme} staat twee keer in het bestand voor {region.name}",
                            file,
                            row.row,
                            "subthema",
                        )
                    )
                statuses[(region.pk, sub.pk)] = (status, row.explanation)
        else:
            question = questions.get((_key(row.theme), _key(row.question)))
            answer = answers.get(_key(row.answer))
            if question is None:
                errors.append(
                    RecordError(
                        f"onbekende vraag '{row.question}' bij thema '{row.theme}'", file, row.row, "vraag"
                    )
                )
            if answer is None:
                errors.append(
                    RecordError(
                        f"onbekend antwoord '{row.answer}'; kies uit: {', '.join(ANSWERS.values())}",
                        file,
                        row.row,
                        "antwoord",
                    )
                )
            if question is not None and answer is not None:
                replies[(region.pk, question.pk)] = answer
    return statuses, replies, errors


def _write_region(
    round_: ProcessRound,
    region_id: int,
    statuses: dict[tuple[int, int], tuple[str, str]],
    replies: dict[tuple[int, int], str],
    result: LoadResult,
    *,
    approve: bool,
) -> None:
    old = {s.sub_theme_id: s for s in SubThemeStatus.objects.filter(round=round_, region_id=region_id)}
    for (r, sub_id), (status, explanation) in statuses.items():
        if r != region_id:
            continue
        row = old.pop(sub_id, None)
        if row is None:
            SubThemeStatus.objects.create(
                round=round_, region_id=r, sub_theme_id=sub_id, status=status, explanation=explanation
            )
            result.added += 1
        elif (row.status, row.explanation, row.carried_over) != (status, explanation, False):
            row.status, row.explanation, row.carried_over = status, explanation, False
            row.save()
            result.changed += 1
        else:
            result.unchanged += 1
    old_answers = {a.question_id: a for a in ProcessAnswer.objects.filter(round=round_, region_id=region_id)}
    for (r, question_id), answer in replies.items():
        if r != region_id:
            continue
        item = old_answers.pop(question_id, None)
        if item is None:
            ProcessAnswer.objects.create(round=round_, region_id=r, question_id=question_id, answer=answer)
            result.added += 1
        elif (item.answer, item.carried_over) != (answer, False):
            item.answer, item.carried_over = answer, False
            item.save()
            result.changed += 1
        else:
            result.unchanged += 1
    state = SubmissionState.APPROVED if approve else SubmissionState.SUBMITTED
    submission, _created = Submission.objects.get_or_create(round=round_, region_id=region_id)
    if (submission.state, submission.via_import) != (state, True):
        submission.state, submission.via_import, submission.returned = state, True, {}
        submission.submitted_at = submission.submitted_at or timezone.now()
        if state == SubmissionState.APPROVED:
            submission.reviewed_at = timezone.now()
        submission.save()
