"""The view state a user can share: page, region, as-of time, language and map hazard, all in the URL.

Nothing about what one user looks at is kept on the server: ``/?t=2018-08-15T12:00&regio=RMM`` and
``/regio/RMM?t=2018-08-15T12:00&lang=en`` carry it all, so two browsers never see each other's state
and a copied link restores the view. ``t`` is Amsterdam wall-clock time (what users type; a bare date
means 12:00, see :func:`indicators.situation.as_utc`); without ``t`` the page shows, and follows, the
latest data.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import parse_qs, quote, urlencode

import pandas as pd

from dashboard.config import HAZARDS, LANGUAGES
from indicators.situation import as_utc

AMSTERDAM = "Europe/Amsterdam"
REGION_PREFIX = "/regio/"
EPOCH_DAY = pd.Timestamp("1970-01-01")

Page = Literal["overview", "region"]


@dataclass(frozen=True)
class ViewState:
    """What one browser tab shows.

    Attributes
    ----------
    page
        ``overview`` (the national picture) or ``region`` (one region's view).
    region
        The selected region: the region of the region view, or the highlighted region on the overview.
    t
        The as-of time as written in the URL (Amsterdam time), or None for "latest data".
    lang
        ``nl`` or ``en``.
    hazard
        The hazard the map colours: ``drought`` or ``flood``; None (no ``hazard`` in the URL) lets the
        view choose the hazard with the higher national phase (see :func:`dashboard.view.map_hazard`).
    """

    page: Page = "overview"
    region: str | None = None
    t: str | None = None
    lang: str = "nl"
    hazard: str | None = None

    def but(self, **changes) -> "ViewState":
        """A copy with some fields changed."""
        return replace(self, **changes)


def parse_url(pathname: str | None, search: str | None, default_lang: str = "nl") -> ViewState:
    """Read the view state from the URL; unknown or malformed parts fall back to defaults.

    Parameters
    ----------
    pathname
        ``/`` or ``/regio/<CODE>`` (anything before ``/regio/`` is ignored, so a path prefix works).
    search
        The query string, with or without the leading ``?``.
    default_lang
        The language when the URL does not name one.
    """
    query = parse_qs((search or "").lstrip("?"))

    def first(key: str) -> str | None:
        values = query.get(key)
        return values[0].strip() if values and values[0].strip() else None

    path = pathname or "/"
    page: Page = "overview"
    region = first("regio")
    if REGION_PREFIX in path:
        code = path.split(REGION_PREFIX, 1)[1].strip("/").split("/")[0]
        if code:
            page, region = "region", code.upper()
    lang = first("lang") or default_lang
    hazard = first("hazard")
    return ViewState(
        page=page,
        region=region.upper() if region else None,
        t=first("t"),
        lang=lang if lang in LANGUAGES else default_lang,
        hazard=hazard if hazard in HAZARDS else None,
    )


def search_of(state: ViewState, default_lang: str = "nl") -> str:
    """The query string of a state (``?t=...&regio=...``); defaults are left out to keep links short."""
    params: dict[str, str] = {}
    if state.t:
        params["t"] = state.t
    if state.region and state.page == "overview":
        params["regio"] = state.region
    if state.lang != default_lang:
        params["lang"] = state.lang
    if state.hazard:
        params["hazard"] = state.hazard
    return f"?{urlencode(params, safe=':')}" if params else ""


def path_of(state: ViewState) -> str:
    """``/`` for the overview, ``/regio/<CODE>`` for a region view."""
    if state.page == "region" and state.region:
        return f"{REGION_PREFIX}{quote(state.region)}"
    return "/"


def href_of(state: ViewState, default_lang: str = "nl") -> str:
    """Path and query string: a link that restores the state."""
    return path_of(state) + search_of(state, default_lang)


# ------------------------------------------------------------------------------------------------
# As-of time


def url_time(ts: pd.Timestamp) -> str:
    """A UTC moment as the URL writes it: Amsterdam wall-clock time to the minute, ``2018-08-15T12:00``."""
    return pd.Timestamp(ts).tz_convert(AMSTERDAM).strftime("%Y-%m-%dT%H:%M")


def parse_as_of(text: str | None) -> pd.Timestamp | None:
    """The UTC moment of a URL time, or None when the text is absent or cannot be read."""
    if not text:
        return None
    try:
        return as_utc(text)
    except (ValueError, TypeError, OverflowError):
        return None


def shift_local(ts: pd.Timestamp, days: int) -> pd.Timestamp:
    """Move a moment by whole calendar days in Amsterdam time (12:00 stays 12:00 across DST changes)."""
    local = pd.Timestamp(ts).tz_convert(AMSTERDAM).tz_localize(None) + pd.Timedelta(days=days)
    return local.tz_localize(AMSTERDAM, ambiguous=True, nonexistent="shift_forward").tz_convert("UTC")


def local_date(ts: pd.Timestamp) -> str:
    """The Amsterdam calendar date of a moment, ``YYYY-MM-DD`` (what the date picker holds)."""
    return pd.Timestamp(ts).tz_convert(AMSTERDAM).strftime("%Y-%m-%d")


def local_clock(ts: pd.Timestamp) -> str:
    """The Amsterdam wall-clock time of a moment, ``HH:MM`` (what the time field holds)."""
    return pd.Timestamp(ts).tz_convert(AMSTERDAM).strftime("%H:%M")


def day_number(ts: pd.Timestamp) -> int:
    """The Amsterdam calendar day of a moment as days since 1970-01-01 (the slider's unit)."""
    local = pd.Timestamp(ts).tz_convert(AMSTERDAM).tz_localize(None).normalize()
    return int((local - EPOCH_DAY).days)


def date_of_day_number(day: int) -> str:
    """The ``YYYY-MM-DD`` date of a slider day number."""
    return (EPOCH_DAY + pd.Timedelta(days=int(day))).strftime("%Y-%m-%d")


def combine_date_time(date: str | None, clock: str | None) -> str | None:
    """A URL time from the date picker and the time field (``12:00`` when the time is empty or odd)."""
    if not date:
        return None
    day = str(date)[:10]
    clock = (clock or "").strip()[:5]
    if len(clock) != 5 or clock[2] != ":" or not (clock[:2] + clock[3:]).isdigit():
        clock = "12:00"
    return f"{day}T{clock}"
