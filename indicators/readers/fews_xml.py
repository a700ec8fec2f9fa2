"""Reader for Delft-FEWS PI-XML time series (``<TimeSeries xmlns="http://www.wldelft.nl/fews/PI">``).

The exchange format of the forecasting systems that RWS and the water boards run. The namespace may be
the default one or carry a ``pi:`` prefix; ``<timeZone>`` is one hour offset for the whole file; each
``<series>`` has a ``<header>`` (locationId, parameterId, missVal, units, stationName, optional
``forecastDate``) and ``<event date time value flag>`` elements.

Parsing goes through :mod:`defusedxml`, which refuses entity declarations and DTDs: an XML bomb
(billion laughs) is refused at once with a clear :class:`ReadError`, it never expands. The parser
streams the file into a small target object that keeps only what we use (and the line of every event,
so a rejected event can be named by its line).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

import numpy as np
import pandas as pd
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from indicators.catalogue import Catalogue
from indicators.readers.common import RawSeries, SeriesRejectedRow, build_all, marks_synthetic, raw_key
from indicators.series import ReadError, ReadResult, RejectedRow

FORMAT = "Delft-FEWS PI-XML"
PI_NAMESPACE = "http://www.wldelft.nl/fews/PI"


@dataclass
class PiHeader:
    """What we keep of a PI ``<header>`` (the same fields in PI-XML and PI-JSON)."""

    location_id: str = ""
    parameter_id: str = ""
    station_name: str = ""
    units: str = ""
    miss_val: str = ""
    series_type: str = ""
    qualifiers: list[str] = field(default_factory=list)
    forecast_date: tuple[str, str] | None = None
    line: int | None = None


@dataclass
class PiSeries:
    """One PI series as text: header plus the event attributes (and their lines, when known)."""

    header: PiHeader
    dates: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    values: list[str | None] = field(default_factory=list)
    flags: list[str | None] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _PiTarget:
    """Parser target that collects series and events while expat streams the document."""

    _HEADER_TEXT = {"locationId": "location_id", "parameterId": "parameter_id", "stationName": "station_name",
                    "units": "units", "missVal": "miss_val", "type": "series_type"}

    def __init__(self) -> None:
        self.parser: DefusedXMLParser | None = None
        self.root: str | None = None
        self.time_zone: str | None = None
        self.series: list[PiSeries] = []
        self._in_header = False
        self._text: list[str] = []

    def _line(self) -> int:
        return self.parser.parser.CurrentLineNumber if self.parser is not None else 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = _local(tag)
        self._text = []
        if self.root is None:
            self.root = name
        elif name == "series":
            self.series.append(PiSeries(PiHeader()))
        elif name == "header" and self.series:
            self._in_header = True
            self.series[-1].header.line = self._line()
        elif name == "event" and self.series:
            s = self.series[-1]
            s.dates.append(attrib.get("date", ""))
            s.times.append(attrib.get("time", ""))
            s.values.append(attrib.get("value"))
            s.flags.append(attrib.get("flag"))
            s.lines.append(self._line())
        elif name == "forecastDate" and self._in_header:
            self.series[-1].header.forecast_date = (attrib.get("date", ""), attrib.get("time", "00:00:00"))

    def end(self, tag: str) -> None:
        name = _local(tag)
        text = "".join(self._text).strip()
        if name == "header":
            self._in_header = False
        elif self._in_header and name in self._HEADER_TEXT:
            setattr(self.series[-1].header, self._HEADER_TEXT[name], text)
        elif self._in_header and name == "qualifierId":
            self.series[-1].header.qualifiers.append(text)
        elif name == "timeZone" and not self.series:
            self.time_zone = text
        self._text = []

    def data(self, text: str) -> None:
        self._text.append(text)

    def close(self) -> None:
        return None


def parse_pi_xml(path: str) -> tuple[str | None, list[PiSeries]]:
    """Stream a PI-XML file safely; returns the ``timeZone`` text and the series.

    Raises
    ------
    ReadError
        For an XML bomb / DTD / entity declaration, a document that is not well-formed (naming the
        line), or a root element other than PI ``TimeSeries``.
    """
    target = _PiTarget()
    parser = DefusedXMLParser(target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    target.parser = parser
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                parser.feed(chunk)
                if target.root is not None and target.root != "TimeSeries":
                    raise ReadError(path, f"XML root element is <{target.root}>, expected a Delft-FEWS PI "
                                          "<TimeSeries>", line=1)
        parser.close()
    except DefusedXmlException as exc:
        line = target._line() or None
        raise ReadError(path, "XML declares a DTD or entities, which PI-XML never needs; refused as a "
                              f"possible XML bomb ({type(exc).__name__})", line=line) from None
    except ParseError as exc:
        line, _col = exc.position
        msg = str(exc).split(":", 1)[0]
        if "no element found" in msg or "unclosed token" in msg:
            msg += " (the file ends before the XML is complete: truncated?)"
        raise ReadError(path, f"XML is not well-formed: {msg}", line=line) from None
    except OSError as exc:
        raise ReadError(path, f"cannot read: {exc.strerror or exc}") from None
    if target.root != "TimeSeries":
        raise ReadError(path, f"XML root element is <{target.root}>, expected a Delft-FEWS PI <TimeSeries>", line=1)
    return target.time_zone, target.series


def time_zone_hours(path: str, text: str | None) -> float:
    """The PI ``timeZone`` as hours east of UTC (absent = 0, GMT, as the PI schema says)."""
    if text is None or text == "":
        return 0.0
    try:
        return float(text)
    except ValueError:
        raise ReadError(path, f"timeZone {text!r} is not an hour offset such as 0.0 or 1.0") from None


def pi_to_raw(path: str, pi: PiSeries, offset_hours: float, rejected: list[RejectedRow]) -> RawSeries | None:
    """Convert one PI series (XML or JSON) into a :class:`RawSeries` in UTC.

    Values equal to ``missVal`` or ``NaN`` become missing; events with an unreadable date/time or
    value are rejected with their line (0 when the format gives no lines, as in JSON).
    """
    h = pi.header
    key = raw_key(h.location_id, h.parameter_id)
    n = len(pi.dates)
    lines = np.asarray(pi.lines if pi.lines else [0] * n, dtype="int64")
    stamp = pd.Series(pi.dates, dtype="str") + " " + pd.Series(pi.times, dtype="str")
    naive = pd.to_datetime(stamp, format="%Y-%m-%d %H:%M:%S", errors="coerce")
    value_text = pd.Series([v if v is not None else "" for v in pi.values], dtype="str")
    values = pd.to_numeric(value_text, errors="coerce").to_numpy(dtype="float64", na_value=np.nan, copy=True)
    bad_value = np.isnan(values) & (value_text.str.strip() != "").to_numpy() \
        & ~value_text.str.strip().str.lower().isin(["nan", "-nan"]).to_numpy()
    bad_time = naive.isna().to_numpy()
    where = f"series {h.location_id}/{h.parameter_id}"
    for i in np.flatnonzero(bad_time | bad_value):
        if bad_time[i]:
            reason = f"{where}: event date/time {pi.dates[i]!r} {pi.times[i]!r} is not yyyy-mm-dd hh:mm:ss"
        else:
            reason = f"{where}: event value {pi.values[i]!r} is not a number"
        rejected.append(SeriesRejectedRow(path, int(lines[i]), reason, series_key=key))
    miss = _miss_value(h.miss_val)
    if miss is not None:
        values[values == miss] = np.nan
    keep = ~bad_time & ~bad_value
    if not keep.any() and n:
        return None
    utc = (pd.DatetimeIndex(naive[keep]) - pd.Timedelta(hours=offset_hours)).tz_localize("UTC")
    flags = pd.Series(pi.flags, dtype=object)[keep]
    quality = None
    if flags.notna().any():
        quality = pd.Categorical(np.where(flags.notna(), "flag=" + flags.fillna("").astype(str), ""))
    issued = None
    if h.forecast_date is not None:
        issued = pd.to_datetime(f"{h.forecast_date[0]} {h.forecast_date[1]}", format="%Y-%m-%d %H:%M:%S",
                                errors="coerce")
        if pd.isna(issued):
            raise ReadError(path, f"{where}: forecastDate {h.forecast_date!r} is not a date and time",
                            line=h.line)
        issued = (issued - pd.Timedelta(hours=offset_hours)).tz_localize("UTC")
    notes = [f"PI timeZone {offset_hours:+g} h"]
    if h.qualifiers:
        notes.append("qualifier " + ", ".join(h.qualifiers))
    return RawSeries(
        location=h.location_id,
        quantity=h.parameter_id,
        unit=h.units,
        times=utc,
        values=values[keep],
        quality=quality,
        station_name=h.station_name,
        first_line=h.line,
        forecast_issued=issued,
        notes=tuple(notes),
        synthetic=marks_synthetic(h.qualifiers),
    )


def _miss_value(text: str) -> float | None:
    if not text or text.strip().lower() == "nan":
        return None  # NaN values are already missing
    try:
        return float(text)
    except ValueError:
        return None


def read_fews_xml(path: str, catalogue: Catalogue) -> ReadResult:
    """Read a Delft-FEWS PI-XML file into catalogue series.

    A series with a ``forecastDate`` becomes a forecast (``Series.forecast_issued`` set), kept apart
    from observations; units come from ``<units>`` (``mNAP``, ``m``, ``cm`` ...) and are converted to
    the catalogue unit (water levels to m NAP).

    Raises
    ------
    ReadError
        When the file is not well-formed PI-XML or is refused as unsafe.
    """
    tz_text, pis = parse_pi_xml(path)
    offset = time_zone_hours(path, tz_text)
    rejected: list[RejectedRow] = []
    warnings: list[str] = []
    raws = [r for r in (pi_to_raw(path, pi, offset, rejected) for pi in pis) if r is not None]
    if not pis:
        warnings.append(f"{path}: PI-XML without any <series>")
    series = build_all(raws, catalogue, file=path, fmt=FORMAT, rejected=rejected, warnings=warnings)
    return ReadResult(file=path, format=FORMAT, series=series, rejected=rejected, warnings=warnings)
