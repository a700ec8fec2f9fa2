"""``python -m indicators inspect FILE...``: what is in a series file, as a water manager wants to know it.

Per file: the format; per series: catalogue id and name (or *not in catalogue*), unit, number of
values, first and last time in UTC and in Amsterdam time, gaps, suspect values (count, reasons and a
few examples), rejected rows with their line and reason; a forecast is labelled with its issue time.
A file that cannot be read at all is reported as ``FILE:LINE: reason``; the other files are still
inspected, and the exit code is then 2 (0 when every file could be read).
"""
from __future__ import annotations

import sys
from typing import TextIO

import pandas as pd

from indicators.catalogue import Catalogue
from indicators.quality import QualityReport, assess, format_duration
from indicators.readers import read_file
from indicators.series import ReadError, ReadResult, RejectedRow, Series

EXIT_OK = 0
EXIT_UNREADABLE = 2
MAX_GAPS = 5
MAX_REJECTED = 10


def when(ts: pd.Timestamp | None) -> str:
    """``2020-05-06 23:00 UTC (2020-05-07 01:00 CEST)``: UTC and Amsterdam time side by side."""
    if ts is None:
        return "-"
    local = ts.tz_convert("Europe/Amsterdam")
    return f"{ts:%Y-%m-%d %H:%M} UTC ({local:%Y-%m-%d %H:%M} {local.tzname()})"


def where(row: RejectedRow) -> str:
    """``FILE:LINE`` (just ``FILE`` when the line is unknown, as for PI-JSON events)."""
    return f"{row.file}:{row.line}" if row.line else row.file


def _title(series: Series, report: QualityReport) -> str:
    if series.in_catalogue:
        title = f"{series.series_id}: {report.name}"
    else:
        title = f"{series.series_id}: not in catalogue (used by no reasoning line)"
    tags = [f"[{series.unit}]"]
    if series.is_forecast:
        tags.append(f"FORECAST issued {when(series.forecast_issued)}")
    if series.synthetic:
        tags.append("SYNTHETIC (demo data)")
    return f"{title} {' '.join(tags)}"


def _series_lines(series: Series, report: QualityReport) -> list[str]:
    p = series.provenance
    lines = [f"  {_title(series, report)}"]
    source = f"location {p.location_code or '?'}"
    if p.source_name and p.source_name != p.location_code:
        source += f" ({p.source_name})"
    source += f", quantity {p.quantity}, source unit {p.source_unit or '(none)'}"
    if p.first_line:
        source += f", from line {p.first_line}"
    lines.append(f"    source:   {source}")
    step = f", typical step {format_duration(report.step)}" if report.step is not None else ""
    lines.append(f"    values:   {report.count} ({report.missing} missing){step}")
    lines.append(f"    first:    {when(report.first)}")
    lines.append(f"    last:     {when(report.last)}")
    lines.extend(_gap_lines(report))
    lines.extend(_suspect_lines(report))
    if report.doubtful:
        lines.append(f"    doubtful: {report.doubtful} value(s) the source calls doubtful (still used)")
    if report.duplicates:
        lines.append(f"    duplicates: {report.duplicates} duplicate timestamp(s); the last occurrence was kept")
    lines.extend(_rejected_lines(report.rejected, indent="    "))
    for note in series.notes:
        lines.append(f"    note:     {note}")
    return lines


def _gap_lines(report: QualityReport) -> list[str]:
    if not report.gaps:
        return ["    gaps:     none"]
    lines = [f"    gaps:     {len(report.gaps)} (longer than 1.5 x the typical step)"]
    for gap in report.gaps[:MAX_GAPS]:
        lines.append(f"      {when(gap.start)} -> {when(gap.end)} ({format_duration(gap.duration)})")
    if len(report.gaps) > MAX_GAPS:
        lines.append(f"      ... and {len(report.gaps) - MAX_GAPS} more")
    return lines


def _suspect_lines(report: QualityReport) -> list[str]:
    if not report.suspect:
        return ["    suspect:  none"]
    reasons = "; ".join(f"{n} {reason}" for reason, n in report.suspect_reasons.items())
    lines = [f"    suspect:  {report.suspect} value(s), not used for evaluation ({reasons})"]
    for ex in report.suspect_examples:
        lines.append(f"      {when(ex.time)}: {ex.value:g} {report.unit}: {ex.reason}")
    return lines


def _rejected_lines(rows: list[RejectedRow], indent: str) -> list[str]:
    if not rows:
        return [f"{indent}rejected: none"]
    lines = [f"{indent}rejected: {len(rows)} row(s)"]
    for row in rows[:MAX_REJECTED]:
        lines.append(f"{indent}  {where(row)}: {row.reason}")
    if len(rows) > MAX_REJECTED:
        lines.append(f"{indent}  ... and {len(rows) - MAX_REJECTED} more")
    return lines


def describe_result(result: ReadResult, catalogue: Catalogue) -> list[str]:
    """The inspect text of one readable file."""
    lines = [f"{result.file}", f"  format: {result.format}", f"  series: {len(result.series)}"]
    claimed: set[int] = set()
    for series in result.series:
        report = assess(series, catalogue, result.rejected)
        claimed.update(id(r) for r in report.rejected)
        lines.extend(_series_lines(series, report))
    loose = [r for r in result.rejected if id(r) not in claimed]
    if loose:
        lines.append("  rejected rows not belonging to a series above:")
        lines.extend(_rejected_lines(loose, indent="    "))
    for warning in result.warnings:
        lines.append(f"  warning: {warning}")
    return lines


def inspect_files(paths: list[str], catalogue: Catalogue, out: TextIO = sys.stdout) -> int:
    """Print what is in each file; return the exit code (0 all readable, 2 when any file is not).

    Parameters
    ----------
    paths
        Files to inspect, in order. A file that cannot be read is reported as ``FILE:LINE: reason``
        and the next file is inspected.
    catalogue
        The series catalogue (ids, names, plausible ranges).
    out
        Where to print.
    """
    code = EXIT_OK
    for i, path in enumerate(paths):
        if i:
            print("", file=out)
        try:
            result = read_file(path, catalogue)
        except ReadError as exc:
            print(str(exc), file=out)
            code = EXIT_UNREADABLE
            continue
        print("\n".join(describe_result(result, catalogue)), file=out)
    return code
