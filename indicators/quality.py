"""Data quality as a first-class result: what is wrong with a series, where, and what the engine skips.

:func:`assess` fills ``Series.suspect`` and returns a :class:`QualityReport` per series. A suspect value
stays in ``Series.values`` (the dashboard shows it, marked) but ``Series.evaluation_values()`` turns it
into a missing value, so a spike or a dead sensor can never drive a phase: the indicator becomes
*unknown* instead (design.md, semantics 4).

A value is suspect when

1. it lies outside the catalogue's plausible range (``plausible.min``/``max``): e.g. Lobith below
   500 m³/s is a sensor or processing fault, never a drought;
2. it jumps from the previous accepted value by more than the catalogue's ``max_jump`` while the two
   are at most one day apart (a spike, not a flood wave). The comparison is with the last *accepted*
   value, so the return from a spike is not flagged again. A real level shift larger than ``max_jump``
   is flagged until a day has passed, then the new level is accepted;
3. the source itself says the value is bad (see :func:`source_verdict`).

Source quality, decided as follows (documented here because it changes what the engine sees):

- **Waterinfo** ``KWALITEITSOORDEEL_CODE``: ``Normale waarde`` / ``00`` is good; ``25`` (a value
  interpolated in space and time by RWS) is usable but counted as *doubtful*; ``99`` (hiaatwaarde,
  a gap filler) and every other judgement (e.g. ``Onbetrouwbaar``, ``Afwijkende waarde``, ``50``) is
  bad, so suspect: a value the source does not call normal must not move a phase. ``STATUSWAARDE``
  (Ongecontroleerd / Gecontroleerd / Definitief) says how far validation got, not that a value is
  wrong: near-real-time data is always *Ongecontroleerd*, so it never makes a value suspect.
- **Delft-FEWS** ``flag``: 0-2 (original / corrected / completed, *reliable*) good; 3-5 (*doubtful*)
  usable but counted, as Delft-FEWS itself uses doubtful values; 6-8 (*unreliable*) and 9 (missing)
  suspect; an unknown flag is counted as doubtful.
- **Tidy CSV** ``quality`` column: empty, ``good``/``ok``/``goed``/``normal``/``reliable``/``0`` good;
  words such as ``bad``, ``suspect``, ``unreliable``, ``invalid``, ``verdacht``, ``onbetrouwbaar``,
  ``afgekeurd`` suspect; anything else doubtful.

Duplicates are resolved by the readers (the last occurrence in the file wins) and counted here; rejected
rows (with line and reason) are listed under the series they belong to.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from indicators.catalogue import Catalogue, CatalogueSeries
from indicators.series import RejectedRow, Series

#: A gap is an interval between consecutive values longer than this many typical steps.
GAP_FACTOR = 1.5
#: Jumps are only judged between values at most this far apart.
JUMP_WINDOW = pd.Timedelta(days=1)
#: How many suspect values a report keeps as examples.
EXAMPLES = 5

_GOOD_WORDS = {"", "good", "ok", "goed", "normal", "normale waarde", "reliable", "betrouwbaar", "valid",
               "0", "00", "geldig"}
_BAD_WORDS = ("bad", "suspect", "unreliable", "invalid", "verdacht", "onbetrouwbaar", "afgekeurd", "fout",
              "error", "ongeldig", "afwijkend", "hiaat", "missing")


@dataclass(frozen=True)
class Gap:
    """An interval without values: from the last value before it to the first value after it."""

    start: pd.Timestamp
    end: pd.Timestamp

    @property
    def duration(self) -> pd.Timedelta:
        return self.end - self.start


@dataclass(frozen=True)
class SuspectValue:
    """One suspect value with the reason it is suspect."""

    time: pd.Timestamp
    value: float
    reason: str


@dataclass
class QualityReport:
    """What a water manager needs to know about the quality of one series.

    ``count`` is the number of timestamps with a value, ``missing`` those without (NaN, e.g. a
    sentinel); ``first``/``last`` are the first and last time with a value (UTC). ``step`` is the
    typical interval (median); ``gaps`` are intervals longer than ``GAP_FACTOR`` x ``step``.
    ``suspect`` counts values excluded from evaluation, by reason in ``suspect_reasons``, with a few
    ``suspect_examples``. ``doubtful`` counts values the source calls doubtful but usable.
    """

    series_id: str
    name: str
    unit: str
    is_forecast: bool
    in_catalogue: bool
    count: int = 0
    missing: int = 0
    first: pd.Timestamp | None = None
    last: pd.Timestamp | None = None
    step: pd.Timedelta | None = None
    gaps: list[Gap] = field(default_factory=list)
    duplicates: int = 0
    suspect: int = 0
    suspect_reasons: dict[str, int] = field(default_factory=dict)
    suspect_examples: list[SuspectValue] = field(default_factory=list)
    doubtful: int = 0
    source_labels: dict[str, int] = field(default_factory=dict)
    rejected: list[RejectedRow] = field(default_factory=list)

    @property
    def usable(self) -> int:
        """Values the engine may use (present and not suspect)."""
        return self.count - self.suspect


# ----------------------------------------------------------------------------------------------
# Source quality


def _pairs(label: str) -> dict[str, str]:
    out = {}
    for part in label.split(";"):
        key, sep, value = part.partition("=")
        if sep:
            out[key.strip().lower()] = value.strip()
        elif part.strip():
            out["text"] = part.strip()
    return out


def source_verdict(label: str) -> str:
    """``good``, ``doubtful`` or ``bad`` for one source quality label (see the module docstring)."""
    if label is None or (isinstance(label, float) and np.isnan(label)):
        return "good"
    pairs = _pairs(str(label))
    if "kwaliteit" in pairs:
        code = pairs["kwaliteit"].strip().lower()
        if code in ("normale waarde", "00", "0", ""):
            return "good"
        if code == "25" or "interpol" in code:
            return "doubtful"
        return "bad"
    if "flag" in pairs:
        flag = pairs["flag"].strip()
        if flag in ("", "0", "1", "2"):
            return "good"
        if flag in ("3", "4", "5"):
            return "doubtful"
        if flag in ("6", "7", "8", "9"):
            return "bad"
        return "doubtful"
    text = pairs.get("text", "").lower() if pairs else str(label).strip().lower()
    if text in _GOOD_WORDS:
        return "good"
    if any(word in text for word in _BAD_WORDS):
        return "bad"
    return "doubtful"


def _source_masks(series: Series) -> tuple[np.ndarray, np.ndarray, dict[str, int], dict[str, str]]:
    """Per value: bad by source, doubtful by source; counts of non-good labels; verdict per label."""
    n = len(series.values)
    if series.quality is None or n == 0:
        return np.zeros(n, bool), np.zeros(n, bool), {}, {}
    labels = series.quality.astype("category")
    cats = [str(c) for c in labels.cat.categories]
    verdicts = {c: source_verdict(c) for c in cats}
    codes = labels.cat.codes.to_numpy()
    verdict_of_code = np.array([verdicts[c] for c in cats] + ["good"], dtype=object)
    per_value = verdict_of_code[codes]  # code -1 (no label) maps to the appended "good"
    counts = {c: int(k) for c, k in labels.value_counts().items() if verdicts.get(str(c)) != "good" and k}
    return per_value == "bad", per_value == "doubtful", counts, verdicts


# ----------------------------------------------------------------------------------------------
# Range and jumps


def _range_reasons(values: np.ndarray, entry: CatalogueSeries | None, unit: str) -> tuple[np.ndarray, np.ndarray]:
    low = np.zeros(len(values), bool)
    high = np.zeros(len(values), bool)
    if entry is None:
        return low, high
    with np.errstate(invalid="ignore"):
        low = values < entry.plausible.min
        high = values > entry.plausible.max
    return low, high


def _jump_mask(times_ns: np.ndarray, values: np.ndarray, excluded: np.ndarray, max_jump: float) -> np.ndarray:
    """Values that jump more than ``max_jump`` from the last accepted value at most one day earlier."""
    n = len(values)
    out = np.zeros(n, bool)
    usable = ~np.isnan(values) & ~excluded
    idx = np.flatnonzero(usable)
    if len(idx) < 2:
        return out
    v = values[idx]
    t = times_ns[idx]
    window = JUMP_WINDOW.value
    naive = (np.abs(np.diff(v)) > max_jump) & (np.diff(t) <= window)
    if not naive.any():
        return out  # fast path: no consecutive pair jumps at all
    last_v, last_t = float(v[0]), int(t[0])
    vl, tl = v.tolist(), t.tolist()
    for k in range(1, len(vl)):
        if tl[k] - last_t <= window and abs(vl[k] - last_v) > max_jump:
            out[idx[k]] = True
            continue
        last_v, last_t = vl[k], tl[k]
    return out


# ----------------------------------------------------------------------------------------------
# Gaps


def typical_step(times: pd.DatetimeIndex) -> pd.Timedelta | None:
    """Median interval between consecutive timestamps; None with fewer than two."""
    if len(times) < 2:
        return None
    return pd.Timedelta(int(np.median(np.diff(times.as_unit("ns").asi8))), unit="ns")


def find_gaps(times: pd.DatetimeIndex, step: pd.Timedelta | None) -> list[Gap]:
    """Intervals between consecutive values longer than ``GAP_FACTOR`` x the typical step."""
    if step is None or step <= pd.Timedelta(0) or len(times) < 3:
        return []
    diffs = np.diff(times.as_unit("ns").asi8)
    where = np.flatnonzero(diffs > GAP_FACTOR * step.value)
    return [Gap(times[i], times[i + 1]) for i in where]


# ----------------------------------------------------------------------------------------------
# The report


def rejected_for(series: Series, rejected: Iterable[RejectedRow]) -> list[RejectedRow]:
    """The rejected rows (of the file or files the series came from) that belong to this series.

    Rows are matched on their ``series_key`` (set by the readers) against the series id and the raw
    ``<location>.<quantity>`` key of its source; rows without a series key stay at file level.
    """
    from indicators.readers.common import raw_key

    keys = {series.series_id, raw_key(series.provenance.location_code, series.provenance.quantity)}
    return [r for r in rejected if getattr(r, "series_key", None) in keys]


def _describe_jump(delta: float, unit: str, entry: CatalogueSeries) -> str:
    return f"jump of {delta:+.6g} {unit} from the previous value (max {entry.max_jump:g})"


def assess(series: Series, catalogue: Catalogue | None = None,
           rejected: Iterable[RejectedRow] = ()) -> QualityReport:
    """Judge one series: fill ``series.suspect`` and return its :class:`QualityReport`.

    Parameters
    ----------
    series
        The series to judge (values on a sorted unique UTC index). Its ``suspect`` mask is replaced.
    catalogue
        Gives the plausible range and ``max_jump`` of catalogue series; without it only the source
        quality makes values suspect.
    rejected
        Rejected rows of the file(s) the series came from; those belonging to this series are listed.
    """
    values = series.values.to_numpy(dtype="float64", na_value=np.nan)
    index = pd.DatetimeIndex(series.values.index).as_unit("ns")  # asi8 below must be nanoseconds
    entry = catalogue.get(series.series_id) if (catalogue is not None and series.in_catalogue) else None
    present = ~np.isnan(values)

    source_bad, doubtful, labels, _ = _source_masks(series)
    source_bad &= present
    low, high = _range_reasons(values, entry, series.unit)
    jump = np.zeros(len(values), bool)
    if entry is not None and entry.max_jump is not None:
        jump = _jump_mask(index.asi8, values, source_bad | low | high, entry.max_jump)
    suspect = source_bad | low | high | jump
    series.suspect = pd.Series(suspect, index=series.values.index, name="suspect")

    reasons: Counter[str] = Counter()
    if entry is not None:
        reasons[f"below plausible minimum {entry.plausible.min:g} {series.unit}"] = int(low.sum())
        reasons[f"above plausible maximum {entry.plausible.max:g} {series.unit}"] = int(high.sum())
        if entry.max_jump is not None:
            reasons[f"jump larger than {entry.max_jump:g} {series.unit} within a day"] = int(jump.sum())
    reasons["source quality says bad"] = int(source_bad.sum())
    examples = _examples(index, values, source_bad, low, high, jump, series, entry)

    times_present = index[present]
    step = typical_step(times_present)
    return QualityReport(
        series_id=series.series_id,
        name=entry.name if entry is not None else series.location,
        unit=series.unit,
        is_forecast=series.is_forecast,
        in_catalogue=series.in_catalogue,
        count=int(present.sum()),
        missing=int((~present).sum()),
        first=times_present[0] if len(times_present) else None,
        last=times_present[-1] if len(times_present) else None,
        step=step,
        gaps=find_gaps(times_present, step),
        duplicates=series.duplicates,
        suspect=int(suspect.sum()),
        suspect_reasons={k: v for k, v in reasons.items() if v},
        suspect_examples=examples,
        doubtful=int((doubtful & present & ~suspect).sum()),
        source_labels=labels,
        rejected=rejected_for(series, rejected),
    )


def _examples(index, values, source_bad, low, high, jump, series: Series,
              entry: CatalogueSeries | None) -> list[SuspectValue]:
    out: list[SuspectValue] = []
    any_suspect = np.flatnonzero(source_bad | low | high | jump)
    for i in any_suspect[:EXAMPLES]:
        if low[i]:
            reason = f"below plausible minimum {entry.plausible.min:g} {series.unit}"
        elif high[i]:
            reason = f"above plausible maximum {entry.plausible.max:g} {series.unit}"
        elif jump[i]:
            prev = values[:i][~np.isnan(values[:i]) & ~(source_bad | low | high | jump)[:i]]
            delta = values[i] - prev[-1] if len(prev) else float("nan")
            reason = _describe_jump(delta, series.unit, entry)
        else:
            label = series.quality.iloc[i] if series.quality is not None else ""
            reason = f"source quality: {label}"
        out.append(SuspectValue(index[i], float(values[i]), reason))
    return out


def assess_result(result, catalogue: Catalogue | None = None) -> dict[str, QualityReport]:
    """Assess every series of a :class:`~indicators.series.ReadResult`, keyed by :func:`report_key`."""
    return {report_key(s): assess(s, catalogue, result.rejected) for s in result.series}


def report_key(series: Series) -> str:
    """Key of a series' report: its id, with `` (forecast)`` for a forecast."""
    return f"{series.series_id} (forecast)" if series.is_forecast else series.series_id


def format_duration(delta: pd.Timedelta) -> str:
    """``3 d 4 h``, ``2 h 10 min``, ``10 min``: a duration as a water manager reads it."""
    total = int(delta.total_seconds())
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [(days, "d"), (hours, "h"), (minutes, "min")]
    text = " ".join(f"{v} {u}" for v, u in parts if v)
    if not text:
        text = f"{seconds} s"
    return re.sub(r"\s+", " ", text)
