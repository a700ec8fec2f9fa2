"""Readers for simple tabular series files that are not an agency export.

- **Two-column CSV** ``time,value``: any header names (or no header), ``;`` or ``,`` (or tab)
  separated, decimal comma allowed with ``;``, empty values allowed (missing). The file does not say
  which series it is, so it is *bound* to a catalogue id: ``bind="LOBI.Q"`` (the CLI's
  ``--series LOBI.Q=file.csv``); without a binding the value column's header or the file name must be a
  catalogue id or ``<location>.<quantity>`` alias (``Lobith.Q``).
- **Tidy long format** ``series,time,value`` with optional ``unit`` and ``quality`` columns, as CSV or
  Parquet; ``series`` is a catalogue id or an alias form ``<location code or name>.<quantity>``.

Times are ISO 8601. A time with an offset (``+01:00``, ``Z``) is taken as it says; a naive time is UTC
unless the time column's header states otherwise: ``MET`` / ``UTC+1`` (UTC+1 all year, like
Waterinfo) or ``Europe/Amsterdam`` / ``CET/CEST`` / ``lokale tijd`` (Amsterdam legal time). The value
column's header may carry the unit in brackets (``Q [m3/s]``, ``waterstand (cm)``); without one the
catalogue unit is assumed, and the series says so in its notes.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pandas as pd

from indicators.catalogue import Catalogue, CatalogueSeries, aquo_quantity
from indicators.readers.common import (
    NAT,
    RawSeries,
    SeriesRejectedRow,
    amsterdam_to_utc,
    build_all,
    first_line,
    guess_encoding,
    nonexistent_reason,
    read_head,
)
from indicators.series import ReadError, ReadResult, RejectedRow

FORMAT_PLAIN = "two-column CSV (time,value)"
FORMAT_TIDY_CSV = "tidy long CSV (series,time,value)"
FORMAT_TIDY_PARQUET = "tidy long Parquet (series,time,value)"

TIDY_REQUIRED = ("series", "time", "value")
_OFFSET_RE = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})\s*$", re.IGNORECASE)
_MET_RE = re.compile(r"\b(MET|UTC\s*\+\s*0?1(:?00)?|GMT\s*\+\s*0?1)\b", re.IGNORECASE)
_LEGAL_RE = re.compile(r"(europe/amsterdam|cet/cest|lokale tijd|local time|wettelijke tijd|legal)", re.IGNORECASE)
_UNIT_RE = re.compile(r"[\[(]([^\])]+)[\])]")


def sniff_separator(header: str) -> str | None:
    """The field separator of a header line: ``;``, tab or ``,`` (in that order of preference)."""
    for sep in (";", "\t", ","):
        if len([f for f in header.split(sep)]) >= 2:
            return sep
    return None


def header_fields(header: str, sep: str) -> list[str]:
    """The header names, stripped, without the empty name a trailing separator leaves."""
    fields = [f.strip().strip('"') for f in header.split(sep)]
    while fields and fields[-1] == "":
        fields.pop()
    return fields


def is_tidy_header(fields: list[str]) -> bool:
    lower = {f.lower() for f in fields}
    return all(c in lower for c in TIDY_REQUIRED)


def _looks_like_time(text: str) -> bool:
    return bool(re.match(r"^\s*\d{4}-\d{2}-\d{2}", text))


# ----------------------------------------------------------------------------------------------
# Times


def time_hint(header_name: str) -> str:
    """``met``, ``amsterdam`` or ``utc``: how naive times in a column are to be read, from its header."""
    if _MET_RE.search(header_name):
        return "met"
    if _LEGAL_RE.search(header_name):
        return "amsterdam"
    return "utc"


def parse_iso_times(text: pd.Series, hint: str) -> tuple[np.ndarray, np.ndarray]:
    """ISO 8601 strings to UTC int64 ns; returns (utc, nonexistent mask).

    Strings with an offset are converted by that offset; naive strings follow ``hint``. Unreadable
    strings give NAT (and are not in the nonexistent mask).
    """
    text = text.fillna("").astype(str).str.strip()
    has_offset = text.str.contains(_OFFSET_RE).to_numpy()
    utc = np.full(len(text), NAT, dtype="int64")
    nonexistent = np.zeros(len(text), dtype=bool)
    if has_offset.any():
        parsed = pd.to_datetime(text[has_offset], format="ISO8601", utc=True, errors="coerce")
        utc[has_offset] = pd.DatetimeIndex(parsed).as_unit("ns").asi8
    naive_mask = ~has_offset
    if naive_mask.any():
        parsed = pd.to_datetime(text[naive_mask], format="ISO8601", errors="coerce")
        naive = pd.DatetimeIndex(parsed).as_unit("ns").asi8
        if hint == "met":
            local = np.where(naive != NAT, naive - pd.Timedelta(hours=1).value, NAT)
        elif hint == "amsterdam":
            local = amsterdam_to_utc(naive)
            nonexistent[np.flatnonzero(naive_mask)[(local == NAT) & (naive != NAT)]] = True
        else:
            local = naive
        utc[naive_mask] = local
    return utc, nonexistent


def parse_values(text: pd.Series, decimal_comma: bool) -> tuple[np.ndarray, np.ndarray]:
    """Numbers (decimal comma allowed); returns (values, bad mask). Empty text is missing, not bad."""
    text = text.astype("str").str.strip()
    if decimal_comma:
        text = text.str.replace(",", ".", regex=False)
    empty = (text.isna() | (text == "") | text.str.lower().isin(["nan", "na", "null"])).to_numpy()
    values = pd.to_numeric(text.where(~empty), errors="coerce").to_numpy(dtype="float64", na_value=np.nan, copy=True)
    bad = np.isnan(values) & ~empty
    return values, bad


def _times_and_values(path: str, frame: pd.DataFrame, time_col: str, value_col: str, decimal_comma: bool,
                      rejected: list[RejectedRow], lines: np.ndarray, key_of_row) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Parse the time and value columns, adding rejected rows (``lines``: file line per row).

    Returns (utc int64 ns, values, good mask).
    """
    time_text = frame[time_col]
    if pd.api.types.is_datetime64_any_dtype(time_text):
        idx = pd.DatetimeIndex(time_text)
        idx = idx.tz_localize("UTC") if idx.tz is None else idx.tz_convert("UTC")
        utc = idx.as_unit("ns").asi8.copy()
        nonexistent = np.zeros(len(utc), dtype=bool)
    else:
        utc, nonexistent = parse_iso_times(time_text.astype("str"), time_hint(time_col))
    if pd.api.types.is_numeric_dtype(frame[value_col]):
        values = frame[value_col].to_numpy(dtype="float64", na_value=np.nan, copy=True)
        bad_value = np.zeros(len(values), dtype=bool)
    else:
        values, bad_value = parse_values(frame[value_col], decimal_comma)
    bad_time = utc == NAT
    for pos in np.flatnonzero(bad_time | bad_value)[:10000]:
        line = lines[pos]
        if nonexistent[pos]:
            reason = nonexistent_reason(pd.Timestamp(str(time_text.iat[pos])).value)
        elif bad_time[pos]:
            raw = time_text.iat[pos]
            reason = ("row without a time (truncated or incomplete line?)" if pd.isna(raw) or str(raw).strip() == ""
                      else f"time {str(raw)!r} is not an ISO 8601 date/time (yyyy-mm-dd[Thh:mm[:ss]][offset])")
        else:
            reason = f"value {frame[value_col].iat[pos]!r} is not a number"
        rejected.append(SeriesRejectedRow(path, int(line), reason, series_key=key_of_row(pos)))
    return utc, values, ~(bad_time | bad_value)


# ----------------------------------------------------------------------------------------------
# Binding a series


def entry_for_name(catalogue: Catalogue, name: str) -> CatalogueSeries | None:
    """A catalogue entry for ``LOBI.Q`` (an id) or ``<location code/name/alias>.<quantity>``."""
    name = name.strip()
    entry = catalogue.get(name)
    if entry is not None:
        return entry
    if "." in name:
        location, quantity = name.rsplit(".", 1)
        return catalogue.resolve(location, quantity)
    return None


def _unit_from_header(name: str) -> str:
    match = _UNIT_RE.search(name)
    return match.group(1).strip() if match else ""


def _bound_entry(path: str, catalogue: Catalogue, bind: str | None, value_header: str) -> CatalogueSeries:
    if bind is not None:
        entry = entry_for_name(catalogue, bind)
        if entry is None:
            raise ReadError(path, f"series binding {bind!r} is not a catalogue id (known: "
                                  f"{', '.join(catalogue.ids())})")
        return entry
    for candidate in (_UNIT_RE.sub("", value_header).strip(), Path(path).stem):
        entry = entry_for_name(catalogue, candidate) if candidate else None
        if entry is not None:
            return entry
    raise ReadError(path, "a two-column time,value CSV does not say which series it is: bind it to a "
                          "catalogue id (--series ID=FILE), or name the value column or the file after the id "
                          "(e.g. LOBI.Q)", line=1)


# ----------------------------------------------------------------------------------------------
# Reading


def _read_text_table(path: str, sep: str, encoding: str, has_header: bool) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, sep=sep, encoding=encoding, dtype="str", keep_default_na=False,
                            index_col=False, skip_blank_lines=False, header=0 if has_header else None,
                            quoting=csv.QUOTE_MINIMAL, engine="c", on_bad_lines="error")
    except UnicodeDecodeError:
        return _read_text_table(path, sep, "latin-1", has_header)
    except pd.errors.ParserError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise ReadError(path, f"cannot parse CSV: {str(exc).strip()}",
                        line=int(line.group(1)) if line else None) from None
    except pd.errors.EmptyDataError:
        raise ReadError(path, "empty file: no header and no rows") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.loc[:, [c for c in frame.columns if not (c.startswith("Unnamed:") and frame[c].eq("").all())]]


def read_plain(path: str, catalogue: Catalogue, bind: str | None = None) -> ReadResult:
    """Read a two-column ``time,value`` CSV and bind it to one catalogue series.

    Parameters
    ----------
    path
        The CSV file.
    catalogue
        The series catalogue.
    bind
        Catalogue id (or alias form) the values belong to; without it the value header or the file
        name must name the series.

    Raises
    ------
    ReadError
        When the separator cannot be found, the file does not have two columns, or the series is
        unknown.
    """
    head = read_head(path)
    encoding = guess_encoding(head)
    header = first_line(head, encoding)
    sep = sniff_separator(header)
    if sep is None:
        raise ReadError(path, f"cannot find a separator in the first line {header[:80]!r}: expected two "
                              "columns time,value separated by ';' or ','", line=1)
    fields = header_fields(header, sep)
    has_header = not _looks_like_time(fields[0]) if fields else True
    frame = _read_text_table(path, sep, encoding, has_header)
    if frame.shape[1] != 2:
        raise ReadError(path, f"expected two columns (time, value) separated by {sep!r}, found "
                              f"{frame.shape[1]}: {list(frame.columns)[:6]}", line=1)
    time_col, value_col = (str(c) for c in frame.columns)
    entry = _bound_entry(path, catalogue, bind, value_col if has_header else "")
    rejected: list[RejectedRow] = []
    key = entry.id
    offset = 2 if has_header else 1
    frame = frame[~(frame[time_col].eq("") & frame[value_col].eq(""))]  # blank lines
    lines = frame.index.to_numpy() + offset
    utc, values, good = _times_and_values(path, frame.reset_index(drop=True), time_col, value_col, sep == ";",
                                          rejected, lines, lambda p: key)
    unit = _unit_from_header(value_col) if has_header else ""
    raw = RawSeries(
        location=entry.location.code, quantity=entry.quantity, parameter=entry.parameter or "", unit=unit,
        times=pd.DatetimeIndex(utc[good], dtype="datetime64[ns]").tz_localize("UTC"),
        values=values[good], station_name=entry.location.name,
        first_line=int(lines[0]) if len(lines) else None,
        notes=(f"bound to {entry.id}" + (" by --series" if bind else " by its name"),),
    )
    warnings: list[str] = []
    series = build_all([raw], catalogue, file=path, fmt=FORMAT_PLAIN, rejected=rejected, warnings=warnings)
    return ReadResult(file=path, format=FORMAT_PLAIN, series=series, rejected=rejected, warnings=warnings)


def _tidy_frame_csv(path: str) -> pd.DataFrame:
    head = read_head(path)
    encoding = guess_encoding(head)
    header = first_line(head, encoding)
    sep = sniff_separator(header)
    if sep is None:
        raise ReadError(path, "cannot find a separator (';' or ',') in the header line", line=1)
    frame = _read_text_table(path, sep, encoding, True)
    frame.attrs["decimal_comma"] = sep == ";"
    return frame


def _tidy_frame_parquet(path: str) -> pd.DataFrame:
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise ReadError(path, f"cannot read Parquet: {exc}") from None
    frame.attrs["decimal_comma"] = False
    return frame


def read_tidy(path: str, catalogue: Catalogue, parquet: bool = False) -> ReadResult:
    """Read a tidy long ``series,time,value[,unit][,quality]`` table (CSV or Parquet).

    Each distinct ``series`` (and unit) becomes one series; names that are neither a catalogue id nor
    an alias form are read as uncatalogued series with that name as id.

    Raises
    ------
    ReadError
        When the columns ``series``, ``time`` and ``value`` are not all present.
    """
    frame = _tidy_frame_parquet(path) if parquet else _tidy_frame_csv(path)
    fmt = FORMAT_TIDY_PARQUET if parquet else FORMAT_TIDY_CSV
    by_lower = {str(c).strip().lower(): c for c in frame.columns}
    missing = [c for c in TIDY_REQUIRED if c not in by_lower]
    if missing:
        raise ReadError(path, f"tidy format needs columns series,time,value; missing {', '.join(missing)} "
                              f"(found {', '.join(map(str, frame.columns))})", line=1)
    decimal_comma = bool(frame.attrs.get("decimal_comma"))
    frame = frame.rename(columns={by_lower[c]: c for c in ("series", "time", "value", "unit", "quality")
                                  if c in by_lower}).reset_index(drop=True)
    if "unit" not in frame.columns:
        frame["unit"] = ""
    frame["series"] = frame["series"].fillna("").astype(str).str.strip()
    frame["unit"] = frame["unit"].fillna("").astype(str).str.strip()
    offset = 1 if parquet else 2  # Parquet: 'line' is the row number
    rejected: list[RejectedRow] = []
    key_of_name = {}
    for name in frame["series"].unique():
        entry = entry_for_name(catalogue, name)
        key_of_name[name] = entry.id if entry is not None else name
    series_of_row = frame["series"].map(key_of_name).to_numpy()
    utc, values, good = _times_and_values(path, frame, "time", "value", decimal_comma, rejected,
                                          np.arange(len(frame)) + offset, lambda p: series_of_row[p])
    quality = None
    if "quality" in frame.columns:
        quality = frame["quality"].astype("str").fillna("").astype("category")
    raws = []
    # group on the resolved series, so "LOBI.Q" and "Lobith.Q" rows form one series
    frame["_key"] = series_of_row
    for (_key, unit), pos in frame.groupby(["_key", "unit"], sort=False).indices.items():
        pos = pos[good[pos]]
        name = frame["series"].iat[pos[0]] if len(pos) else ""
        if not len(pos) or not name:
            continue
        entry = entry_for_name(catalogue, name)
        if entry is not None:
            location, quantity, parameter, station = (entry.location.code, entry.quantity,
                                                      entry.parameter or "", entry.location.name)
        else:
            location, _, quantity = name.rpartition(".")
            location, quantity, parameter, station = location or name, quantity or "?", "", ""
        raws.append(RawSeries(
            location=location, quantity=aquo_quantity(quantity) if quantity != "?" else quantity,
            parameter=parameter, unit=unit,
            times=pd.DatetimeIndex(utc[pos], dtype="datetime64[ns]").tz_localize("UTC"),
            values=values[pos], station_name=station,
            quality=None if quality is None else quality.iloc[pos].array,
            first_line=int(pos[0] + offset),
        ))
    warnings: list[str] = []
    series = build_all(raws, catalogue, file=path, fmt=fmt, rejected=rejected, warnings=warnings)
    return ReadResult(file=path, format=fmt, series=series, rejected=rejected, warnings=warnings)


