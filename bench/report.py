# SPDX-License-Identifier: EUPL-1.2
"""Render a benchmark report (from ``run.py``) as a Markdown section: each figure next to its reference."""

from __future__ import annotations

from typing import Any


def _n(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"


def _ms(value: float | None) -> str:
    return f"{value:.1f}" if value is not None else "–"


def _ok(flag: bool) -> str:
    return "**voldoet**" if flag else "**voldoet niet**"


def machine_line(m: dict[str, Any]) -> str:
    load = ", ".join(f"{v:.2f}" for v in m.get("load_avg") or [])
    return (
        f"{m['nproc']} cores ({m['cpu']}), {m['memory_gb']} GB RAM, load average at start {load}; "
        f"Python {m['python']}, SQLite {m['sqlite']}, PostgreSQL {m['postgresql']}; {m['platform']}"
    )


def _workload(w: dict[str, Any]) -> str:
    order = ["NL", "PV", "CR", "JZ", "GG", "GM", "WK", "BU"]
    counts = sorted(w.get("areas", {}).items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)
    areas = ", ".join(f"{level} {count:,}" for level, count in counts)
    years = w.get("years", ["?", "?"])
    return (
        f"{areas}; {w.get('indicators')} indicators; {years[0]}–{years[1]}; "
        f"{w.get('observations', 0):,} observations (generated in {w.get('seconds')} s, generator v{w.get('version')})"
    )


def _load_rows(engine: str, r: dict[str, Any]) -> list[str]:
    rb, rm = r["rate_best"], r["rate_median"]
    lv, rv = r["load_vs_raw"], r["reimport_vs_load"]
    return [
        f"| {engine} | {_n(r['rows'])} | {_n(rb['raw'])} / {_n(rm['raw'])} rows/s ({r['median']['raw']:.3f} s) "
        f"| {_n(rb['load'])} / {_n(rm['load'])} rows/s ({r['median']['load']:.3f} s) "
        f"| {lv['best']:.0%} / {lv['median']:.0%} | {_ok(lv['pass'])} "
        f"| {r['median']['reimport']:.3f} s, 0 rows written | {rv['best']:.0%} / {rv['median']:.0%} | {_ok(rv['pass'])} |"
    ]


def _phases(engine: str, r: dict[str, Any]) -> str:
    parts = [f"{name.replace('._', ' ')} {sec:.3f} s" for name, sec in r["phases_median"].items()]
    extra = f"; profile: `{r['profile']}`" if r.get("profile") else ""
    return f"- {engine}: {', '.join(parts)} (median of {r['repeat']}; peak RSS {r['max_rss_mb']} MB{extra})"


def _page_rows(engine: str, r: dict[str, Any]) -> list[str]:
    rows = []
    for item in r["results"]:
        p, s = item["page"], item["static_file"]
        ratio = f"{item['p50_ratio']:.1f}×" if item["p50_ratio"] else "–"
        mode = item.get("mode", "uncached")
        first = _ms(item.get("first_ms")) if "first_ms" in item else "–"
        rows.append(
            f"| {engine} | {item['kind']} `{item['path']}` | {mode} | {_n(item['bytes'])} "
            f"| {p['p50_ms']:.1f} / {p['p95_ms']:.1f} / {p['p99_ms']:.1f} | {p['rps']:.0f} "
            f"| {s['p50_ms']:.1f} / {s['p95_ms']:.1f} / {s['p99_ms']:.1f} | {s['rps']:.0f} "
            f"| {ratio} {_ok(item['ratio_pass'])} | {_ok(item['p95_pass'])} "
            f"| {_ms(p.get('serial_p50_ms'))} / {_ms(s.get('serial_p50_ms'))} | {first} "
            f"| {p['requests']} / {s['requests']} | {p['errors']} |"
        )
    return rows


def _weight_rows(engine: str, r: dict[str, Any]) -> list[str]:
    seen, rows = set(), []
    for item in r["results"]:
        w = item.get("weight")
        if not w or item["kind"] in seen:
            continue
        seen.add(item["kind"])
        rows.append(
            f"| {engine} | {item['kind']} `{item['path']}` | {_n(w['html'])} | {_n(w['css_js'])} ({w['files']} files) "
            f"| {_n(w['total'])} | {_ok(item.get('weight_pass', False))} |"
        )
    return rows


def render_section(report: dict[str, Any]) -> str:
    lines = [
        f"## {report['date']} — workload `{report['workload']}`",
        "",
        f"- Machine: {machine_line(report['machine'])}",
        f"- Code: git `{report['git']}` (working tree as it was at the time of the run)",
    ]
    for engine, entry in report["engines"].items():
        lines.append(f"- Workload on {engine}: {_workload(entry['workload'])}")
    loads = [(e, x["load"]) for e, x in report["engines"].items() if "load" in x]
    if loads:
        lines += [
            "",
            "### Bulk load against raw inserts",
            "",
            "KWB-shaped batch: every area × the KWB-like indicators × one new year, imported through "
            "`load_observations` into the workload's table, against the same rows bulk-inserted raw "
            "(sqlite3 `executemany` in one transaction / PostgreSQL `COPY`) into the same table. "
            "The batch is deleted before every measurement. Figures are best / median.",
            "",
            "| DB | rows | raw insert (reference) | load step | load/raw (≥ 40%) | | identical re-import | re-import/first import (≤ 50%) | |",
            "|---|---:|---:|---:|---:|---|---:|---:|---|",
        ]
        for engine, r in loads:
            lines += _load_rows(engine, r)
        lines += ["", "Where the load step's time goes (seconds per phase):", ""]
        lines += [_phases(engine, r) for engine, r in loads]
    pages = [(e, x["pages"]) for e, x in report["engines"].items() if "pages" in x]
    if pages:
        first = pages[0][1]
        lines += [
            "",
            "### Page latency against a static file of the same size",
            "",
            f"{first['server']}, loopback, {first['concurrency']} concurrent clients (Python threads; keep-alive where the "
            "server keeps the connection, a new connection per request from a synchronous worker), "
            f"{first['requests_per_url']} measured requests per URL (at most {first.get('max_seconds_per_url', '∞')} s "
            f"per URL; see the counts) in {first['rounds']} alternating rounds after "
            "a warm-up; the static file has the page's exact byte size and is served by the same server. "
            "Each page in a fresh server with the page cache off (`uncached`: every request renders) and on "
            "(`cached`: after the warm-up every request is a hit); `first` is the first request to the page "
            "in that fresh server. Latencies in ms (p50 / p95 / p99).",
            "",
            "| DB | page | cache | bytes | page p50 / p95 / p99 | page req/s | static p50 / p95 / p99 | static req/s "
            "| p50 page/static (≤ 4×) | p95 ≤ 150 ms | 1 client p50 page / static | first | requests page / static "
            "| errors |",
            "|---|---|---|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|",
        ]
        for engine, r in pages:
            lines += _page_rows(engine, r)
        weights = [row for engine, r in pages for row in _weight_rows(engine, r)]
        if weights:
            lines += [
                "",
                "Page weight: the HTML plus the stylesheets and scripts it links (target ≤ 300 KB = 307,200 bytes).",
                "",
                "| DB | page | HTML bytes | CSS + JS bytes | total | ≤ 300 KB |",
                "|---|---|---:|---:|---:|---|",
                *weights,
            ]
        for engine, r in pages:
            lines += [f"- {engine}: {note}" for note in r["notes"]]
    notes = list(report.get("notes", []))
    if notes:
        lines += ["", "Notes:", ""] + [f"- {n}" for n in notes]
    return "\n".join(lines) + "\n\n"


def render_table(report: dict[str, Any]) -> str:
    return render_section(report)
