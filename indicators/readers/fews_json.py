"""Reader for Delft-FEWS PI-JSON time series: the same content as PI-XML, as JSON.

``{"timeZone": "1.0", "timeSeries": [{"header": {...}, "events": [{"date", "time", "value", "flag"}]}]}``.
The header and event fields carry the same names as in PI-XML, so both go through
:func:`indicators.readers.fews_xml.pi_to_raw`. JSON gives no line per event: a rejected event has line
0 and its series and position in the reason.
"""
from __future__ import annotations

import json
from typing import Any

from indicators.catalogue import Catalogue
from indicators.readers.common import build_all
from indicators.readers.fews_xml import PiHeader, PiSeries, pi_to_raw, time_zone_hours
from indicators.series import ReadError, ReadResult, RejectedRow

FORMAT = "Delft-FEWS PI-JSON"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _header(raw: dict[str, Any]) -> PiHeader:
    forecast = raw.get("forecastDate")
    qualifiers = raw.get("qualifierId") or []
    if isinstance(qualifiers, str):
        qualifiers = [qualifiers]
    return PiHeader(
        location_id=_text(raw.get("locationId")),
        parameter_id=_text(raw.get("parameterId")),
        station_name=_text(raw.get("stationName")),
        units=_text(raw.get("units")),
        miss_val=_text(raw.get("missVal")),
        series_type=_text(raw.get("type")),
        qualifiers=[_text(q) for q in qualifiers],
        forecast_date=(_text(forecast.get("date")), _text(forecast.get("time") or "00:00:00"))
        if isinstance(forecast, dict) else None,
    )


def load_pi_json(path: str) -> dict[str, Any]:
    """Parse the JSON document; ReadError with the line of a syntax error (e.g. a truncated file)."""
    try:
        with open(path, "rb") as fh:
            doc = json.loads(fh.read().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ReadError(path, f"PI-JSON must be UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        hint = " (the file ends too early: truncated?)" if exc.pos >= len(exc.doc) - 1 else ""
        raise ReadError(path, f"invalid JSON: {exc.msg}{hint}", line=exc.lineno) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("timeSeries"), list):
        raise ReadError(path, "JSON is not Delft-FEWS PI-JSON: expected an object with a 'timeSeries' list",
                        line=1)
    return doc


def read_fews_json(path: str, catalogue: Catalogue) -> ReadResult:
    """Read a Delft-FEWS PI-JSON file into catalogue series (forecasts via ``forecastDate``).

    Raises
    ------
    ReadError
        When the file is not valid JSON or not PI-JSON.
    """
    doc = load_pi_json(path)
    offset = time_zone_hours(path, _text(doc.get("timeZone")))
    rejected: list[RejectedRow] = []
    warnings: list[str] = []
    raws = []
    for i, item in enumerate(doc["timeSeries"]):
        if not isinstance(item, dict) or not isinstance(item.get("header"), dict):
            warnings.append(f"{path}: timeSeries[{i}] has no header; skipped")
            continue
        pi = PiSeries(_header(item["header"]))
        for event in item.get("events") or []:
            pi.dates.append(_text(event.get("date")))
            pi.times.append(_text(event.get("time")))
            value = event.get("value")
            pi.values.append(None if value is None else str(value))
            flag = event.get("flag")
            pi.flags.append(None if flag is None else str(flag))
        raw = pi_to_raw(path, pi, offset, rejected)
        if raw is not None:
            raws.append(raw)
    series = build_all(raws, catalogue, file=path, fmt=FORMAT, rejected=rejected, warnings=warnings)
    return ReadResult(file=path, format=FORMAT, series=series, rejected=rejected, warnings=warnings)
