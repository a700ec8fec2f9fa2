"""Reader for Rijkswaterstaat Waterinfo CSV exports, in the three layouts that occur.

(a) 2020 bulk layout: 41 columns, ``MEETPUNT_IDENTIFICATIE`` (the station name), ``GROOTHEID_ CODE``
    (with a space), ``WAARNEMINGDATUM;WAARNEMINGTIJD``; times in MET.
(b) current bulk layout: adds ``LOCATIE_CODE`` (3rd column), ``CAS_NR``, ``REFERENTIE``, ``NOTITIE_*``,
    ``GROEPERING_*`` and names the time column ``WAARNEMINGTIJD (MET/CET)``; times in MET.
(c) direct download: ``Datum;Tijd;Parameter;Locatie;Meting;Verwachting;Astronomisch getijden;Eenheid;...``
    with ``d-m-yyyy`` dates in Amsterdam legal time (CET/CEST).

MET means UTC+1 all year, no daylight saving: converting it with the Amsterdam zone would put every
summer value one hour off (a known bug in other tools), so (a) and (b) subtract exactly one hour.

All layouts: ``;`` separated, decimal comma, latin-1 or UTF-8, CR / CRLF / LF line endings, an optional
trailing ``;``, several series (location x quantity) per file, and the sentinels ``999999999``,
``-999999999`` and ``9.99999E+37`` for a missing value.
"""
from __future__ import annotations

import csv
import re
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.catalogue import Catalogue
from indicators.readers.common import (
    NAT,
    RawSeries,
    amsterdam_to_utc,
    nonexistent_reason,
    SeriesRejectedRow,
    build_all,
    first_line,
    guess_encoding,
    mask_sentinels,
    raw_key,
    read_head,
)
from indicators.series import ReadError, ReadResult, RejectedRow

FORMAT_BULK_2020 = "Waterinfo CSV (2020 bulk layout, MET = UTC+1)"
FORMAT_BULK = "Waterinfo CSV (current bulk layout, MET = UTC+1)"
FORMAT_DIRECT = "Waterinfo CSV (direct download, Amsterdam legal time)"

# Columns of the bulk layouts we use, by their name with spaces removed ("GROOTHEID_ CODE").
_BULK_COLUMNS = {
    "station": "MEETPUNT_IDENTIFICATIE",
    "code": "LOCATIE_CODE",
    "quantity": "GROOTHEID_CODE",
    "parameter": "PARAMETER_CODE",
    "unit": "EENHEID_CODE",
    "reference": "HOEDANIGHEID_CODE",
    "date": "WAARNEMINGDATUM",
    "time": "WAARNEMINGTIJD",
    "value": "NUMERIEKEWAARDE",
    "judgement": "KWALITEITSOORDEEL_CODE",
    "status": "STATUSWAARDE",
}
_BULK_REQUIRED = ("station", "quantity", "date", "time", "value")

_DIRECT_COLUMNS = {
    "date": "Datum",
    "time": "Tijd",
    "parameter": "Parameter",
    "station": "Locatie",
    "measured": "Meting",
    "forecast": "Verwachting",
    "astronomical": "Astronomisch getijden",
    "unit": "Eenheid",
}

# Direct downloads name the quantity in words; map the words onto Aquo codes (first match wins).
_DIRECT_QUANTITIES = (
    ("waterhoogte", "WATHTE", ""),
    ("waterstand", "WATHTE", ""),
    ("debiet", "Q", ""),
    ("afvoer", "Q", ""),
    ("chloride", "CONCTTE", "Cl"),
    ("geleidendheid", "GELDHD", ""),
    ("temperatuur", "T", ""),
)

MET_OFFSET = pd.Timedelta(hours=1)


@dataclass(frozen=True)
class Layout:
    """Which Waterinfo layout a header is, and the file's actual column name for each role."""

    kind: str  # "bulk2020", "bulk" or "direct"
    columns: dict[str, str]
    n_columns: int

    @property
    def format(self) -> str:
        return {"bulk2020": FORMAT_BULK_2020, "bulk": FORMAT_BULK, "direct": FORMAT_DIRECT}[self.kind]


def _squash(name: str) -> str:
    return re.sub(r"\s+", "", name).upper()


def detect_layout(header: str) -> Layout | None:
    """Recognise a Waterinfo header line; None when it is not one of the three layouts."""
    names = [n.strip() for n in header.rstrip(";").split(";")]
    by_squashed = {_squash(n): n for n in names}
    if "NUMERIEKEWAARDE" in by_squashed and "MEETPUNT_IDENTIFICATIE" in by_squashed:
        cols: dict[str, str] = {}
        for role, wanted in _BULK_COLUMNS.items():
            if wanted in by_squashed:
                cols[role] = by_squashed[wanted]
            elif role == "time":
                # current layout: "WAARNEMINGTIJD (MET/CET)"
                match = [n for s, n in by_squashed.items() if s.startswith("WAARNEMINGTIJD")]
                if match:
                    cols[role] = match[0]
        kind = "bulk" if "code" in cols else "bulk2020"
        return Layout(kind, cols, len(names))
    lower = {n.lower(): n for n in names}
    if all(k.lower() in lower for k in ("Datum", "Tijd", "Locatie", "Meting")):
        cols = {role: lower[c.lower()] for role, c in _DIRECT_COLUMNS.items() if c.lower() in lower}
        return Layout("direct", cols, len(names))
    return None


def looks_like_waterinfo(header: str) -> bool:
    """True when a first line carries Waterinfo column names (whatever the separator)."""
    upper = header.upper()
    return "NUMERIEKEWAARDE" in upper or ("DATUM" in upper and "LOCATIE" in upper and "METING" in upper)


def read_waterinfo(path: str, catalogue: Catalogue) -> ReadResult:
    """Read a Waterinfo CSV export (any of the three layouts) into catalogue series.

    Parameters
    ----------
    path
        The CSV file.
    catalogue
        Maps location code / station name + quantity onto catalogue ids and units.

    Returns
    -------
    ReadResult
        One series per (location, quantity[, parameter]) found; for the direct download also a
        forecast series (``Verwachting``) and an astronomical series (quantity ``WATHTBRKD``).
        Rows that cannot be used are in ``rejected`` with their line and reason.

    Raises
    ------
    ReadError
        When the file is not a Waterinfo export or misses a needed column.
    """
    head = read_head(path)
    encoding = guess_encoding(head)
    header = first_line(head, encoding)
    layout = detect_layout(header)
    if layout is None:
        if looks_like_waterinfo(header):
            raise ReadError(path, "Waterinfo column names found, but the header is not ';'-separated "
                                  "(Waterinfo exports use ';' with a decimal comma)", line=1)
        raise ReadError(path, "not a Waterinfo export: no NUMERIEKEWAARDE/MEETPUNT_IDENTIFICATIE or "
                              "Datum;Tijd;...;Locatie;Meting columns in the header", line=1)
    required = _BULK_REQUIRED if layout.kind != "direct" else ("date", "time", "station", "measured")
    missing = [(_BULK_COLUMNS if layout.kind != "direct" else _DIRECT_COLUMNS)[r]
               for r in required if r not in layout.columns]
    if missing:
        raise ReadError(path, f"Waterinfo header lacks column(s) {', '.join(missing)}", line=1)
    frame, rejected = _read_frame(path, encoding, layout)
    warnings_: list[str] = []
    if layout.kind == "direct":
        raws = _direct_series(path, frame, layout, rejected)
    else:
        raws = _bulk_series(path, frame, layout, rejected)
    if not raws and not rejected:
        warnings_.append(f"{path}: no data rows")
    if not _ends_with_newline(path) and len(frame):
        warnings_.append(f"{path}:{int(frame['line'].iat[-1])}: the file does not end with a line break; "
                         "the last line may be cut off (truncated download?)")
    series = build_all(raws, catalogue, file=path, fmt=layout.format, rejected=rejected, warnings=warnings_)
    rejected = _one_per_line(rejected)
    return ReadResult(file=path, format=layout.format, series=series, rejected=rejected, warnings=warnings_)


# ----------------------------------------------------------------------------------------------
# Reading the table


def _one_per_line(rows: list[RejectedRow]) -> list[RejectedRow]:
    """Sorted by line, at most one rejected row per line (the first reason found); unit errors kept."""
    seen: set[int] = set()
    out = []
    for row in sorted(rows, key=lambda r: r.line):
        if row.line in seen and "cannot convert unit" not in row.reason:
            continue
        seen.add(row.line)
        out.append(row)
    return out


def _ends_with_newline(path: str) -> bool:
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        if fh.tell() == 0:
            return True
        fh.seek(-1, 2)
        return fh.read(1) in (b"\n", b"\r")


def _count_fields(path: str) -> tuple[int, int, int]:
    """Total ';' count, number of lines and ';' count of the header, with C-speed ``bytes.count``."""
    seps = lf = cr = crlf = 0
    last = b""
    header_seps = None
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 24):
            if header_seps is None:
                header = re.split(rb"\r\n|\r|\n", chunk, maxsplit=1)[0]
                header_seps = header.count(b";")
            seps += chunk.count(b";")
            lf += chunk.count(b"\n")
            cr += chunk.count(b"\r")
            crlf += chunk.count(b"\r\n") + (last == b"\r" and chunk[:1] == b"\n")
            last = chunk[-1:]
    lines = lf + cr - crlf + (0 if last in (b"\n", b"\r", b"") else 1)
    return seps, lines, header_seps or 0


def _field_count_mismatches(path: str, encoding: str) -> dict[int, int]:
    """Lines (1-based) whose number of fields differs from the header's: line -> fields found.

    Such a line has a ';' inside a value or is cut off, so its columns cannot be trusted. A fast
    check on totals comes first; only when it fails are the lines looked at one by one.
    """
    seps, lines, header_seps = _count_fields(path)
    if seps == lines * header_seps:
        return {}
    bad: dict[int, int] = {}
    with open(path, encoding=encoding, errors="replace", newline=None) as fh:
        fh.readline()
        for number, line in enumerate(fh, start=2):
            n = line.count(";")
            if n != header_seps and line.strip():
                bad[number] = n + 1
    return bad


def _read_frame(path: str, encoding: str, layout: Layout) -> tuple[pd.DataFrame, list[RejectedRow]]:
    """Read only the needed columns; text columns as categories (fast, and few distinct values).

    Lines with more fields than the header are skipped by pandas; we catch its warnings to report
    them as rejected rows with their line numbers. ``line`` (file line of each row) is added.
    """
    value_roles = ("value",) if layout.kind != "direct" else ("measured", "forecast", "astronomical")
    usecols = list(dict.fromkeys(layout.columns.values()))
    dtypes = {c: "category" for role, c in layout.columns.items() if role not in value_roles}
    # value columns: let the C parser convert decimal-comma numbers itself (fast); a column with a
    # non-number in it stays text and goes through the slower checked path in _parse_numbers.
    rejected: list[RejectedRow] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            frame = _read_csv(path, encoding, usecols, dtypes)
    except UnicodeDecodeError:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            frame = _read_csv(path, "latin-1", usecols, dtypes)
    for w in caught:
        m = re.search(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)", str(w.message))
        if m:
            rejected.append(RejectedRow(path, int(m.group(1)),
                                        f"{m.group(3)} fields where the header has {m.group(2)}"))
    frame["line"] = np.arange(2, len(frame) + 2)
    mismatched = _field_count_mismatches(path, encoding)
    frame["fields_ok"] = True
    n_header = layout.n_columns + (1 if header_has_trailing_separator(path, encoding) else 0)
    for line, found in mismatched.items():
        if 0 <= line - 2 < len(frame):
            frame.iat[line - 2, frame.columns.get_loc("fields_ok")] = False
            what = ("the line is cut off (truncated file?)" if found < n_header
                    else "a value contains ';' or the line has extra fields")
            rejected.append(RejectedRow(path, line, f"{found} fields where the header has {n_header}: {what}"))
    return frame, rejected


def header_has_trailing_separator(path: str, encoding: str) -> bool:
    header = first_line(read_head(path, 16384), encoding)
    return header.endswith(";")


def _read_csv(path: str, encoding: str, usecols: list[str], dtypes: dict[str, str]) -> pd.DataFrame:
    try:
        return pd.read_csv(
            path, sep=";", encoding=encoding, usecols=usecols, dtype=dtypes, index_col=False,
            quoting=csv.QUOTE_NONE, skip_blank_lines=False, on_bad_lines="warn", engine="c",
            keep_default_na=False, na_values=[""], decimal=",", low_memory=False,
        )
    except pd.errors.ParserError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise ReadError(path, f"cannot parse CSV: {exc}", line=int(line.group(1)) if line else None) from None
    except ValueError as exc:  # e.g. usecols not found
        raise ReadError(path, f"cannot read Waterinfo columns: {exc}", line=1) from None


def _parse_numbers(path: str, frame: pd.DataFrame, column: str, rejected: list[RejectedRow],
                   key_of_row) -> np.ndarray:
    """Decimal-comma numbers to float64; non-numbers become NaN and a rejected row; sentinels NaN."""
    text = frame[column]
    if pd.api.types.is_numeric_dtype(text):
        return mask_sentinels(text.to_numpy(dtype="float64", na_value=np.nan))
    text = text.astype("str")
    numbers = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce").to_numpy(
        dtype="float64", na_value=np.nan)
    bad = np.isnan(numbers) & text.notna().to_numpy() & frame["fields_ok"].to_numpy()
    for pos in np.flatnonzero(bad)[:10000]:
        rejected.append(SeriesRejectedRow(path, int(frame["line"].iat[pos]),
                                          f"{column} {text.iat[pos]!r} is not a number",
                                          series_key=key_of_row(pos)))
    return mask_sentinels(numbers)


def _parse_category_times(col: pd.Series, fmt: str) -> np.ndarray:
    """Parse a categorical text column once per distinct value; returns int64 ns (NaT for bad)."""
    cat = col.astype("category")
    cats = cat.cat.categories.astype(str)
    if fmt == "time":
        parsed = pd.to_timedelta(cats, errors="coerce")
        retry = parsed.isna() & cats.str.fullmatch(r"\d{1,2}:\d{2}")
        if retry.any():
            parsed = parsed.where(~retry, pd.to_timedelta(cats + ":00", errors="coerce"))
        values = parsed.as_unit("ns").asi8
    else:
        values = pd.to_datetime(cats, format=fmt, errors="coerce").as_unit("ns").asi8
    codes = cat.cat.codes.to_numpy()
    nat = NAT
    out = np.where(codes >= 0, values[np.maximum(codes, 0)] if len(values) else nat, nat)
    return out


def _naive_times(frame: pd.DataFrame, layout: Layout) -> np.ndarray:
    """Naive local timestamps (int64 ns, NaT = int64 min) from the date and time columns."""
    nat = NAT
    dates = _parse_category_times(frame[layout.columns["date"]], "%d-%m-%Y")
    times = _parse_category_times(frame[layout.columns["time"]], "time")
    ok = (dates != nat) & (times != nat)
    return np.where(ok, dates + np.where(ok, times, 0), nat)


def _reject_bad_times(path: str, frame: pd.DataFrame, layout: Layout, naive: np.ndarray,
                      rejected: list[RejectedRow], key_of_row) -> np.ndarray:
    """Rejected rows for unreadable date/time (a truncated last line shows up here); returns the good mask."""
    nat = NAT
    fields_ok = frame["fields_ok"].to_numpy()
    bad = np.flatnonzero((naive == nat) & fields_ok)
    date_col, time_col = layout.columns["date"], layout.columns["time"]
    for pos in bad[:10000]:
        d, t = frame[date_col].iat[pos], frame[time_col].iat[pos]
        if pd.isna(d) and pd.isna(t):
            reason = "row without date and time (truncated or incomplete line)"
        else:
            reason = f"cannot read date/time {d!s} {t!s}: expected dd-mm-yyyy and hh:mm:ss"
        rejected.append(SeriesRejectedRow(path, int(frame["line"].iat[pos]), reason,
                                          series_key=key_of_row(pos)))
    return (naive != nat) & fields_ok


# ----------------------------------------------------------------------------------------------
# Bulk layouts (a) and (b): MET


def _quality_labels(frame: pd.DataFrame, layout: Layout) -> pd.Categorical | None:
    """Per row ``kwaliteit=<KWALITEITSOORDEEL_CODE>; status=<STATUSWAARDE>`` as a categorical.

    Built once per distinct combination (a handful), not per row: cheap for a million rows.
    """
    parts = [(name, frame[layout.columns[role]].astype("category"))
             for role, name in (("judgement", "kwaliteit"), ("status", "status")) if role in layout.columns]
    if not parts:
        return None
    combined = np.zeros(len(frame), dtype="int64")
    for _, cat in parts:
        combined = combined * (len(cat.cat.categories) + 1) + (cat.cat.codes.to_numpy().astype("int64") + 1)
    uniq, inverse = np.unique(combined, return_inverse=True)
    labels = []
    for value in uniq:
        items = []
        for name, cat in reversed(parts):
            n = len(cat.cat.categories) + 1
            value, code = divmod(int(value), n)
            if code > 0:
                items.append(f"{name}={cat.cat.categories[code - 1]}")
        labels.append("; ".join(reversed(items)))
    return pd.Categorical.from_codes(inverse.ravel(), categories=labels)


def _group_keys(frame: pd.DataFrame, roles: list[str], layout: Layout) -> dict[tuple, np.ndarray]:
    cols = [layout.columns[r] for r in roles if r in layout.columns]
    groups = frame.groupby(cols, observed=True, sort=False, dropna=False).indices
    return {k if isinstance(k, tuple) else (k,): v for k, v in groups.items()}


def _bulk_series(path: str, frame: pd.DataFrame, layout: Layout, rejected: list[RejectedRow]) -> list[RawSeries]:
    cols = layout.columns
    roles = [r for r in ("code", "station", "quantity", "parameter", "unit", "reference") if r in cols]
    row_key = np.empty(len(frame), dtype=object)
    groups = _group_keys(frame, roles, layout)
    described = []
    for key, pos in groups.items():
        d = dict(zip(roles, ("" if pd.isna(k) else str(k) for k in key)))
        location = d.get("code") or d.get("station", "")
        described.append((d, location, pos))
        row_key[pos] = raw_key(location, d.get("quantity", ""), d.get("parameter", ""))
    values = _parse_numbers(path, frame, cols["value"], rejected, lambda p: row_key[p])
    naive = _naive_times(frame, layout)
    good = _reject_bad_times(path, frame, layout, naive, rejected, lambda p: row_key[p])
    utc = naive - MET_OFFSET.value
    quality = _quality_labels(frame, layout)
    lines = frame["line"].to_numpy()
    raws = []
    for d, location, pos in described:
        if not location and not d.get("quantity"):
            continue  # blank lines
        pos = pos[good[pos]]
        if not len(pos):
            continue
        reference = d.get("reference", "")
        unit = d.get("unit", "")
        if reference and reference.upper() not in ("NVT", ""):
            unit = f"{unit} {reference}"
        raws.append(RawSeries(
            location=location,
            quantity=d.get("quantity", ""),
            parameter=d.get("parameter", "") if d.get("parameter", "").upper() != "NVT" else "",
            unit=unit,
            times=pd.DatetimeIndex(utc[pos], dtype="datetime64[ns]").tz_localize("UTC"),
            values=values[pos],
            quality=None if quality is None else quality.take(pos),
            station_name=d.get("station", ""),
            first_line=int(lines[pos[0]]),
        ))
    return raws


# ----------------------------------------------------------------------------------------------
# Direct download (c): Amsterdam legal time


def _direct_quantity(parameter: str) -> tuple[str, str]:
    low = parameter.lower()
    for word, quantity, substance in _DIRECT_QUANTITIES:
        if word in low:
            return quantity, substance
    return parameter.split(" ")[0] if parameter else "?", ""


def _direct_unit(unit: str, parameter: str) -> str:
    if "normaal amsterdams peil" in parameter.lower() or "nap" in parameter.lower().split():
        return f"{unit} NAP"
    return unit


def _localise_amsterdam(path: str, frame: pd.DataFrame, naive: np.ndarray, good: np.ndarray,
                        group_of_row: np.ndarray, rejected: list[RejectedRow], key_of_row) -> np.ndarray:
    """Amsterdam legal time to UTC (int64 ns); the nonexistent spring hour becomes a rejected row."""
    utc = amsterdam_to_utc(np.where(good, naive, NAT), group_of_row)
    for pos in np.flatnonzero((utc == NAT) & good):
        rejected.append(SeriesRejectedRow(path, int(frame["line"].iat[pos]), nonexistent_reason(naive[pos]),
                                          series_key=key_of_row(pos)))
    return utc


def _direct_series(path: str, frame: pd.DataFrame, layout: Layout, rejected: list[RejectedRow]) -> list[RawSeries]:
    cols = layout.columns
    roles = [r for r in ("station", "parameter", "unit") if r in cols]
    groups = _group_keys(frame, roles, layout)
    group_of_row = np.zeros(len(frame), dtype="int64")
    row_key = np.empty(len(frame), dtype=object)
    described = []
    for i, (key, pos) in enumerate(groups.items()):
        d = dict(zip(roles, ("" if pd.isna(k) else str(k) for k in key)))
        quantity, substance = _direct_quantity(d.get("parameter", ""))
        group_of_row[pos] = i
        row_key[pos] = raw_key(d.get("station", ""), quantity, substance)
        described.append((d, quantity, substance, pos))
    naive = _naive_times(frame, layout)
    good = _reject_bad_times(path, frame, layout, naive, rejected, lambda p: row_key[p])
    utc = _localise_amsterdam(path, frame, naive, good, group_of_row, rejected, lambda p: row_key[p])
    good &= utc != NAT
    columns = {role: _parse_numbers(path, frame, cols[role], rejected, lambda p: row_key[p])
               for role in ("measured", "forecast", "astronomical") if role in cols}
    present = {role: frame[cols[role]].notna().to_numpy() for role in columns}
    lines = frame["line"].to_numpy()
    raws: list[RawSeries] = []
    for d, quantity, substance, pos in described:
        if not d.get("station") and not d.get("parameter"):
            continue
        pos = pos[good[pos]]
        if not len(pos):
            continue
        unit = _direct_unit(d.get("unit", ""), d.get("parameter", ""))
        times = pd.DatetimeIndex(utc[pos], dtype="datetime64[ns]").tz_localize("UTC")
        base = dict(location=d.get("station", ""), unit=unit, station_name=d.get("station", ""),
                    parameter=substance, first_line=int(lines[pos[0]]))
        measured_at = None
        if "measured" in columns and present["measured"][pos].any():
            sel = present["measured"][pos]
            raws.append(RawSeries(quantity=quantity, times=times[sel], values=columns["measured"][pos][sel], **base))
            measured_at = times[sel].max()
        if "astronomical" in columns and present["astronomical"][pos].any():
            sel = present["astronomical"][pos]
            raws.append(RawSeries(quantity="WATHTBRKD", times=times[sel],
                                  values=columns["astronomical"][pos][sel],
                                  notes=("astronomical tide (Astronomisch getijden column)",), **base))
        if "forecast" in columns and present["forecast"][pos].any():
            sel = present["forecast"][pos]
            issued = measured_at if measured_at is not None else times[sel].min()
            raws.append(RawSeries(
                quantity=quantity, times=times[sel], values=columns["forecast"][pos][sel],
                forecast_issued=issued,
                notes=("forecast (Verwachting column); the file gives no issue time, so the time of the last "
                       "measured value is used" if measured_at is not None else
                       "forecast (Verwachting column); the file gives no issue time, so its first time is used",),
                **base))
    return raws
