"""From a URL to what a page shows: the view state, the data version, the as-of time and the situation.

Every page callback starts with :func:`make_view`, so all of them resolve the URL the same way:
no ``t`` means the newest data ("live"), an unreadable ``t`` falls back to the newest data with a
notice, and the situation is the engine's lookup at that moment.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.phases import rollup
from dashboard.service import SituationService, Snapshot
from dashboard.state import ViewState, parse_as_of, parse_url
from indicators.result import Situation


@dataclass(frozen=True)
class View:
    """Everything a page callback needs for one request.

    Attributes
    ----------
    state
        The view state read from the URL.
    snapshot
        The consistent version of lines, data and evaluation.
    as_of
        The resolved as-of time (UTC).
    live
        True when the URL has no time: the page shows and follows the newest data.
    bad_time
        The URL's time text when it could not be read (the newest data is shown instead), else None.
    situation
        The engine's situation at ``as_of``.
    """

    state: ViewState
    snapshot: Snapshot
    as_of: pd.Timestamp
    live: bool
    bad_time: str | None
    situation: Situation

    @property
    def lang(self) -> str:
        return self.state.lang

    @property
    def hazard(self) -> str:
        """The hazard the map colours: the URL's, or else the one with the higher national phase."""
        return self.state.hazard or map_hazard(self.situation, self.snapshot.line_set.regions.codes())

    @property
    def hazard_is_automatic(self) -> bool:
        return self.state.hazard is None


def map_hazard(situation: Situation, region_codes: list[str]) -> str:
    """Flood when its highest national phase is above drought's, else drought (the LCW view).

    A crisis room opening the dashboard without choosing sees the hazard that matters most now.
    """
    drought = rollup(situation, "drought", region_codes).worst
    flood = rollup(situation, "flood", region_codes).worst
    return "flood" if (flood if flood is not None else -1) > (drought if drought is not None else -1) else "drought"


def resolve_as_of(state: ViewState, snapshot: Snapshot) -> tuple[pd.Timestamp, bool, str | None]:
    """The as-of time of a state: its ``t`` if readable, else the newest data time (live)."""
    parsed = parse_as_of(state.t)
    if parsed is not None:
        return parsed, False, None
    return snapshot.latest_or_now(), True, state.t


def make_view(service: SituationService, pathname: str | None, search: str | None) -> View:
    """Read the URL, take the current snapshot and look up the situation at the as-of time."""
    state = parse_url(pathname, search, service.config.language)
    snapshot = service.snapshot()
    as_of, live, bad_time = resolve_as_of(state, snapshot)
    return View(state, snapshot, as_of, live, bad_time, snapshot.situation(as_of))
