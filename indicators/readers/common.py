"""Shared steps of every reader: from raw (times, values, quality) of one source series to a :class:`Series`.

Each format module only has to find, per series in its file, the location, the quantity, the unit and
the timestamped values. Everything that must be the same for every format lives here, so it is done
once and the same way:

- mapping location + quantity onto a catalogue id (``Catalogue.resolve``; the location code is tried
  first, then the station name);
- converting the source unit into the catalogue unit (water levels always into m NAP, also for series
  that are not in the catalogue);
- sorting by time and resolving duplicate timestamps (the last occurrence in the file wins, counted);
- the ``synthetic`` flag from the catalogue entry's ``kind``.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.catalogue import (
    Catalogue,
    CatalogueSeries,
    UnitError,
    aquo_quantity,
    conversion_factor,
    normalise_code,
    normalise_unit,
)
from indicators.series import Provenance, ReadError, RejectedRow, Series

# Quantities that are water levels: always converted to metres (relative to NAP unless the source says
# another reference), whatever the catalogue says, so that every level on screen is in m NAP.
WATER_LEVEL_QUANTITIES = frozenset({"WATHTE", "WATHTBRKD"})

# Values that Waterinfo and RWS services use for "no value".
SENTINELS = (999999999.0, -999999999.0, 9.99999e37)


@dataclass
class SeriesRejectedRow(RejectedRow):
    """A rejected row that belongs to one series (so the quality report can list it under that series).

    It is a :class:`RejectedRow` with the series key added; code that only knows ``RejectedRow`` keeps
    working. ``series_key`` is the raw ``<location>.<quantity>`` key of the source series.
    """

    series_key: str = ""


@dataclass
class RawSeries:
    """One series as found in a file, before catalogue mapping and unit conversion.

    ``times`` must already be tz-aware UTC; ``lines`` (optional) gives the file line of every value,
    used to name the line of a rejected or duplicate row.
    """

    location: str
    quantity: str
    unit: str
    times: pd.DatetimeIndex
    values: np.ndarray
    quality: np.ndarray | pd.Series | None = None
    station_name: str = ""
    parameter: str = ""
    first_line: int | None = None
    forecast_issued: pd.Timestamp | None = None
    notes: tuple[str, ...] = ()
    synthetic: bool = False  # the file itself says so (FEWS qualifierId "synthetic"), whatever the catalogue says

    @property
    def key(self) -> str:
        """The raw ``<location>.<quantity>`` key (plus ``.<parameter>`` for a concentration of another substance)."""
        return raw_key(self.location, self.quantity, self.parameter)


SYNTHETIC_QUALIFIERS = frozenset({"synthetic", "synthetisch"})


def marks_synthetic(qualifiers) -> bool:
    """A FEWS series whose qualifierId says it is synthetic (demo and exercise files) is labelled so."""
    return any(str(q).strip().lower() in SYNTHETIC_QUALIFIERS for q in qualifiers)


def raw_key(location: str, quantity: str, parameter: str = "") -> str:
    """The id of a series the catalogue does not know: ``<location>.<quantity>``."""
    qty = aquo_quantity(quantity) if quantity else "?"
    key = f"{location}.{qty}"
    if parameter and qty == "CONCTTE" and normalise_code(parameter) != "cl":
        key += f".{parameter}"
    return key


def find_entry(catalogue: Catalogue, raw: RawSeries) -> CatalogueSeries | None:
    """The catalogue entry for a raw series: by location code first, then by station name.

    A concentration only matches when the substance (``parameter``) agrees with the catalogue's,
    so nitrate at Krimpen is never taken for the chloride series.
    """
    for name in (raw.location, raw.station_name):
        if not name:
            continue
        entry = catalogue.resolve(name, raw.quantity)
        if entry is None:
            continue
        if entry.parameter and raw.parameter and normalise_code(entry.parameter) != normalise_code(raw.parameter):
            continue
        return entry
    return None


def target_unit(raw: RawSeries, entry: CatalogueSeries | None) -> str:
    """The unit a series is stored in: the catalogue unit, metres for any water level, else the source unit."""
    if entry is not None:
        return entry.unit
    if aquo_quantity(raw.quantity) in WATER_LEVEL_QUANTITIES:
        return water_level_unit(raw.unit)
    return raw.unit


def water_level_unit(source_unit: str) -> str:
    """``m NAP`` for a level in cm/m/mm (NAP assumed when no reference is given), else ``m <reference>``."""
    text = source_unit.strip()
    norm = normalise_unit(text)
    if norm in ("cm", "m", "mm") or not text:
        return "m NAP"
    # e.g. "cm MSL": keep the reference, change only the length unit.
    parts = text.split(None, 1)
    if len(parts) == 2 and normalise_unit(parts[0]) in ("cm", "m", "mm"):
        return f"m {parts[1]}"
    return text


def mask_sentinels(values: np.ndarray) -> np.ndarray:
    """Replace the Waterinfo / RWS 'no value' codes by NaN (returns a new float64 array)."""
    out = np.asarray(values, dtype="float64").copy()
    bad = np.isin(out, SENTINELS) | (np.abs(out) >= 9.9e37)
    out[bad] = np.nan
    return out


def sort_and_dedupe(
    times: pd.DatetimeIndex, values: np.ndarray, quality: pd.Series | np.ndarray | None
) -> tuple[pd.DatetimeIndex, np.ndarray, pd.api.extensions.ExtensionArray | None, int, np.ndarray]:
    """Sort by time and keep the last occurrence of every duplicated timestamp.

    Returns the sorted unique times, values, quality, the number of dropped duplicates and the
    positions (in the input) of the dropped rows, so a caller can name their lines.
    """
    order = np.argsort(times.asi8, kind="stable")
    t = times.asi8[order]
    dup_mask = np.zeros(len(t), dtype=bool)
    if len(t) > 1:
        # a row is dropped when the next row (in stable time order = file order) has the same time
        dup_mask[:-1] = t[:-1] == t[1:]
    keep = order[~dup_mask]
    dropped = order[dup_mask]
    q = None if quality is None else pd.Series(quality, copy=False).iloc[keep].array
    return times[keep], np.asarray(values, dtype="float64")[keep], q, int(dup_mask.sum()), dropped


def build_series(
    raw: RawSeries,
    catalogue: Catalogue,
    *,
    file: str,
    fmt: str,
) -> Series:
    """Turn a raw source series into a catalogue :class:`Series`.

    Raises
    ------
    UnitError
        When the source unit cannot be converted into the catalogue unit; the message names the
        file and the series, so a reader can report it and go on with the other series.
    """
    entry = find_entry(catalogue, raw)
    unit = target_unit(raw, entry)
    series_id = entry.id if entry is not None else raw.key
    source_unit = raw.unit
    notes = list(raw.notes)
    if not source_unit.strip():
        # No unit in the file: assume the catalogue unit, and say so.
        source_unit = unit
        notes.append(f"no unit in the file; assumed {unit}")
    try:
        factor = conversion_factor(source_unit, unit)
    except UnitError as exc:
        line = f" (from line {raw.first_line})" if raw.first_line else ""
        raise UnitError(
            f"{file}: series {series_id}{line}: cannot convert unit {source_unit!r} to {unit!r}; "
            "this series is skipped"
        ) from exc
    times, values, quality, n_dup, _ = sort_and_dedupe(raw.times, raw.values, raw.quality)
    if factor != 1.0:
        inverse = 1.0 / factor
        # divide by 100 rather than multiply by 0.01: -69 cm gives -0.69 m, not -0.6900000000000001
        values = values / inverse if inverse == round(inverse) else values * factor
    index = pd.DatetimeIndex(times, name="time").as_unit("ns")
    if n_dup:
        notes.append(f"{n_dup} duplicate timestamp(s): the last occurrence in the file was kept")
    provenance = Provenance(
        file=file,
        format=fmt,
        location_code=raw.location,
        quantity=aquo_quantity(raw.quantity),
        source_unit=raw.unit,
        source_name=raw.station_name,
        first_line=raw.first_line,
    )
    return Series(
        series_id=series_id,
        in_catalogue=entry is not None,
        values=pd.Series(values, index=index, name=series_id, dtype="float64"),
        unit=unit,
        location=entry.location.name if entry is not None else (raw.station_name or raw.location),
        provenance=provenance,
        quality=None if quality is None else pd.Series(quality, index=index, name="quality"),
        forecast_issued=raw.forecast_issued,
        synthetic=raw.synthetic or bool(entry is not None and entry.synthetic),
        duplicates=n_dup,
        notes=notes,
    )


def build_all(
    raws: Sequence[RawSeries],
    catalogue: Catalogue,
    *,
    file: str,
    fmt: str,
    rejected: list[RejectedRow],
    warnings: list[str],
) -> list[Series]:
    """Build every raw series; a series whose unit cannot be converted is reported and skipped.

    The skipped series becomes a rejected row at its first line (reason: file-independent text naming
    the series and both units), so inspect and the data folder show it, and the other series of the
    file still load. ``warnings`` is kept in the signature for readers that add file-level notes.
    """
    out: list[Series] = []
    for raw in combine_aliases(raws, catalogue):
        try:
            out.append(build_series(raw, catalogue, file=file, fmt=fmt))
        except UnitError as exc:
            rejected.append(
                SeriesRejectedRow(file=file, line=raw.first_line or 0, reason=str(exc).split(": ", 1)[1],
                                  series_key=raw.key)
            )
    return out


def combine_aliases(raws: Sequence[RawSeries], catalogue: Catalogue) -> list[RawSeries]:
    """Join raw series of one file that are the same catalogue series under two names.

    A Waterinfo export can hold ``LOBI`` and ``LOBH`` rows, or a station name and a dotted code, for
    one catalogue id; they must become one series, not two with the same id. Only series with the
    same source unit and forecast time are joined (else unit conversion or forecasts would mix);
    values keep file order, so on equal timestamps the later rows win as for any duplicate.
    """
    groups: dict[tuple, list[RawSeries]] = {}
    for raw in raws:
        entry = find_entry(catalogue, raw)
        key = (entry.id if entry is not None else raw.key, raw.unit, raw.forecast_issued)
        groups.setdefault(key, []).append(raw)
    out = []
    for parts in groups.values():
        if len(parts) == 1:
            out.append(parts[0])
            continue
        parts = sorted(parts, key=lambda r: r.first_line or 0)
        first = parts[0]
        quality = None
        if any(p.quality is not None for p in parts):
            quality = pd.concat([pd.Series(p.quality if p.quality is not None else [""] * len(p.values),
                                           dtype=object) for p in parts], ignore_index=True).to_numpy()
        names = sorted({p.location for p in parts})
        out.append(RawSeries(
            location=first.location, quantity=first.quantity, unit=first.unit,
            times=pd.DatetimeIndex(np.concatenate([p.times.as_unit("ns").asi8 for p in parts]),
                                   dtype="datetime64[ns]").tz_localize("UTC"),
            values=np.concatenate([np.asarray(p.values, dtype="float64") for p in parts]),
            quality=quality, station_name=first.station_name, parameter=first.parameter,
            first_line=first.first_line, forecast_issued=first.forecast_issued,
            notes=tuple(dict.fromkeys([*(n for p in parts for n in p.notes),
                                       f"rows under {', '.join(names)} joined into one series"])),
        ))
    return out


def utc_from_offset(naive: pd.DatetimeIndex, offset_hours: float) -> pd.DatetimeIndex:
    """Naive local times at a fixed offset from UTC (MET = +1, PI ``timeZone``) to tz-aware UTC."""
    shifted = naive - pd.Timedelta(hours=offset_hours)
    return shifted.tz_localize("UTC")


def read_head(path: str, size: int = 65536) -> bytes:
    """The first ``size`` bytes of a file (for sniffing); ReadError when it cannot be opened."""
    try:
        with open(path, "rb") as fh:
            return fh.read(size)
    except FileNotFoundError:
        raise ReadError(path, "no such file") from None
    except IsADirectoryError:
        raise ReadError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise ReadError(path, f"cannot open: {exc.strerror or exc}") from None


def guess_encoding(head: bytes) -> str:
    """``utf-8`` when the sample decodes as UTF-8 (or is plain ASCII), else ``latin-1`` (Waterinfo's)."""
    sample = head
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    # a cut in the middle of a multi-byte character at the end of the sample is not an error
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3 and exc.reason.startswith("unexpected end"):
            return "utf-8"
        return "latin-1"


def first_line(head: bytes, encoding: str) -> str:
    """The first line of a text sample, whatever its line ending (CR, LF or CRLF)."""
    text = head.decode(encoding, errors="replace")
    for sep in ("\r\n", "\n", "\r"):
        text = text.split(sep, 1)[0]
    return text.lstrip("\ufeff")


NAT = np.iinfo("int64").min


def amsterdam_to_utc(naive_ns: np.ndarray, group: np.ndarray | None = None) -> np.ndarray:
    """Naive Amsterdam legal times (int64 ns, NAT for unknown) to UTC int64 ns, explicit about DST.

    In October the hour 02:00-03:00 occurs twice: within each ``group`` (one series) the first
    occurrence of a local time is taken as summer time (CEST, UTC+2) and a later one as winter time
    (CET, UTC+1), following the order of the rows. In March 02:00-03:00 does not exist: those rows
    come back as NAT, for the caller to reject with a reason.
    """
    good = naive_ns != NAT
    idx = pd.DatetimeIndex(np.where(good, naive_ns, 0), dtype="datetime64[ns]")
    groups = np.zeros(len(idx), dtype="int64") if group is None else group
    occurrence = pd.DataFrame({"g": groups, "t": idx.asi8}).groupby(["g", "t"], sort=False).cumcount()
    first = occurrence.to_numpy() == 0
    local = idx.tz_localize("Europe/Amsterdam", ambiguous=first, nonexistent="NaT")
    utc = local.tz_convert("UTC").as_unit("ns").asi8.copy()
    utc[~good] = NAT
    return utc


def nonexistent_reason(naive_ns: int) -> str:
    """Why a local time was rejected: it falls in the spring-forward hour."""
    stamp = pd.Timestamp(naive_ns)
    return (f"{stamp:%d-%m-%Y %H:%M} does not exist in Amsterdam legal time "
            "(clocks go from 02:00 to 03:00 on the last Sunday of March)")
