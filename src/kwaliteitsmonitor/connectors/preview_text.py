# SPDX-License-Identifier: EUPL-1.2
"""The indicator preview of a dry run (``ImportOutcome.preview``) as lines for the command line."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kwaliteitsmonitor.indicators.preview import IndicatorPreview

MAX_INDICATORS = 40


def preview_lines(previews: Sequence[IndicatorPreview]) -> Iterator[str]:
    if not previews:
        return
    yield "Indicatoren (definitie die gebruikt wordt; geleverd → zoals gepubliceerd):"
    for preview in previews[:MAX_INDICATORS]:
        state = "nieuw" if preview.is_new else "gewijzigd" if preview.changes else "definitie ongewijzigd"
        yield f"  {preview.code} ({state}): {preview.name}"
        yield "    " + "; ".join(f"{label} {value}" for label, value in preview.definition[1:])
        yield f"    geheimhouding: {preview.rule} — {preview.rule_description}"
        if not preview.is_new:
            for change in preview.changes:
                yield f"    {change.label}: {change.old} → {change.new}"
        for sample in preview.samples:
            where = " ".join(p for p in (sample.area, sample.period, sample.breakdown) if p)
            note = f" ({sample.note})" if sample.note else ""
            yield f"    {where}: geleverd {sample.delivered} → getoond {sample.published}{note}"
        if preview.values > len(preview.samples):
            yield f"    … {preview.values} waarden in totaal"
    if len(previews) > MAX_INDICATORS:
        yield f"  … en nog {len(previews) - MAX_INDICATORS} indicatoren (alles met --json)"
