"""The one object that gives every callback a consistent, evaluated version of the lines and the data.

:class:`SituationService` is created by ``create_app`` and lives on the app, never at module level.
It holds only caches of immutable results, keyed on content, so any number of users can share it:

- the reasoning-line set, reloaded when a file in the lines folder changes (an invalid change is
  reported and the previous valid set stays in use);
- the live :class:`~indicators.datafolder.DataFolder`, re-checked on every call (cheap: a stat of the
  files; only new or changed files are read), so new files appear without a restart;
- the engine's :class:`~indicators.engine.Evaluation`, computed once per (data fingerprint, lines
  fingerprint) by :func:`~indicators.engine.evaluate_set`. Every as-of change is then only a lookup
  with :func:`~indicators.situation.situation_at`.

If the data folder cannot be read at all, the last good data stays in use and the problem is shown;
the dashboard never crashes on data and never drops data it already had.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.config import DashboardConfig
from indicators.datafolder import DataFolder, LoadedData
from indicators.engine import Evaluation, evaluate_set
from indicators.forecast import expected_phases
from indicators.reasoning import LineSet, load_line_set, load_valid_line_set
from indicators.result import Situation
from indicators.situation import as_utc, situation_at

#: How many evaluated versions are kept (the current one and the one before, for pages mid-request).
EVALUATIONS_KEPT = 2


@dataclass(frozen=True)
class Snapshot:
    """One consistent version of lines, data and evaluation; never changed after it is made.

    Attributes
    ----------
    line_set
        The reasoning lines, regions, links and catalogue in use.
    data
        The loaded observations and forecasts.
    evaluation
        The engine's timelines for every line on ``data``.
    inputs
        The values the engine evaluated (suspect values masked), per catalogue id.
    version
        ``<data fingerprint>-<lines fingerprint>``: changes whenever anything shown could change.
    problems
        Data files that could not be read (from the data folder), for the notice.
    lines_problems
        Problems with a changed but invalid lines folder (the previous valid set is in use).
    first, latest
        Time of the first and the newest observed value (None without data).
    """

    line_set: LineSet
    data: LoadedData
    evaluation: Evaluation
    inputs: dict
    version: str
    problems: tuple[str, ...] = ()
    lines_problems: tuple[str, ...] = ()
    first: pd.Timestamp | None = None
    latest: pd.Timestamp | None = None

    def situation(self, at: pd.Timestamp) -> Situation:
        """The engine's situation at ``at``: a lookup in the evaluated timelines, plus the expected
        phases of lines whose series have a forecast issued by then (kept apart by the engine)."""
        at = as_utc(at)
        expected = expected_phases(self.line_set, self.inputs, self.data.forecasts, at) if self.data.forecasts else []
        return situation_at(self.evaluation, at, expected)

    def latest_or_now(self) -> pd.Timestamp:
        """The newest observation time, or now when there is no data at all."""
        return self.latest if self.latest is not None else pd.Timestamp.now(tz="UTC").floor("min")

    @property
    def has_synthetic(self) -> bool:
        return any(s.synthetic for s in self.data.observations.values())


def lines_fingerprint(folder: Path) -> str:
    """A short hash of the names, sizes and modification times of every YAML file in the lines folder."""
    h = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*.yaml")):
        try:
            st = path.stat()
        except OSError:
            continue
        h.update(f"{path.relative_to(folder)}\0{st.st_mtime_ns}\0{st.st_size}\n".encode())
    return h.hexdigest()[:12]


def data_period(data: LoadedData) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """First value and newest usable value over all observed series."""
    firsts = [s.values.index[0] for s in data.observations.values() if len(s.values)]
    lasts = [s.last_value_at for s in data.observations.values() if s.last_value_at is not None]
    return (min(firsts) if firsts else None, max(lasts) if lasts else None)


@dataclass
class _Cache:
    """What the service remembers between calls (guarded by the service's lock)."""

    line_set: LineSet
    lines_fp: str
    folder: DataFolder
    data: LoadedData | None = None
    data_problem: str | None = None
    lines_problems: tuple[str, ...] = ()
    evaluations: OrderedDict = field(default_factory=OrderedDict)
    last_good: tuple | None = None


class SituationService:
    """Lines, data and evaluations for the dashboard, shared safely by all users of one app.

    Parameters
    ----------
    config
        Where the lines and the data live.

    Raises
    ------
    indicators.yamlsource.ProblemsError
        When the lines folder is invalid at start: a dashboard must not start on a broken set.
    """

    def __init__(self, config: DashboardConfig):
        self.config = config
        self._lock = threading.Lock()
        line_set = load_valid_line_set(config.lines_dir)
        self._cache = _Cache(line_set=line_set, lines_fp=lines_fingerprint(config.lines_dir),
                             folder=DataFolder(config.data_dir, line_set.catalogue))

    def snapshot(self) -> Snapshot:
        """The current version: re-checks the lines and the data folder, evaluates only what is new."""
        with self._lock:
            self._refresh_lines()
            data = self._refresh_data()
            key = (data.fingerprint, self._cache.lines_fp)
            try:
                evaluation, inputs = self._evaluation(key, data)
                self._cache.last_good = (data, evaluation, inputs, key)
                evaluation_problem = None
            except Exception as exc:  # noqa: BLE001 - keep showing the last evaluated version
                if self._cache.last_good is None:
                    raise
                evaluation_problem = f"evaluation failed on the new data ({type(exc).__name__}: {exc}); showing the previous version"
                data, evaluation, inputs, key = self._cache.last_good
            first, latest = data_period(data)
            problems = list(data.problems)
            for problem in (self._cache.data_problem, evaluation_problem):
                if problem:
                    problems.insert(0, problem)
            return Snapshot(
                line_set=self._cache.line_set, data=data, evaluation=evaluation, inputs=inputs,
                version=f"{key[0]}-{key[1]}", problems=tuple(problems),
                lines_problems=self._cache.lines_problems, first=first, latest=latest,
            )

    def _refresh_lines(self) -> None:
        fingerprint = lines_fingerprint(self.config.lines_dir)
        if fingerprint == self._cache.lines_fp:
            return
        line_set, problems = load_line_set(self.config.lines_dir)
        if problems or line_set is None:
            self._cache.lines_problems = tuple(str(p) for p in problems) or ("lines folder unreadable",)
            return
        self._cache.line_set, self._cache.lines_fp, self._cache.lines_problems = line_set, fingerprint, ()
        self._cache.folder = DataFolder(self.config.data_dir, line_set.catalogue)
        self._cache.data = None

    def _refresh_data(self) -> LoadedData:
        try:
            data = self._cache.folder.load()
            self._cache.data, self._cache.data_problem = data, None
        except Exception as exc:  # noqa: BLE001 - a broken folder must never take the dashboard down
            self._cache.data_problem = f"{self.config.data_dir}: {type(exc).__name__}: {exc}"
            if self._cache.data is None:
                self._cache.data = LoadedData(fingerprint="empty")
        return self._cache.data

    def _evaluation(self, key: tuple[str, str], data: LoadedData) -> tuple[Evaluation, dict]:
        """The evaluation of one (data, lines) version and its inputs, computed once and then cached."""
        cached = self._cache.evaluations.get(key)
        if cached is not None:
            self._cache.evaluations.move_to_end(key)
            return cached
        inputs = data.evaluation_inputs()
        cached = (evaluate_set(self._cache.line_set, inputs), inputs)
        self._cache.evaluations[key] = cached
        while len(self._cache.evaluations) > EVALUATIONS_KEPT:
            self._cache.evaluations.popitem(last=False)
        return cached

    @property
    def evaluations_computed(self) -> int:
        """How many evaluated versions the cache holds (for tests and diagnostics)."""
        return len(self._cache.evaluations)
