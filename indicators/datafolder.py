"""The live data folder: drop series files in a folder and the dashboard picks them up without restart.

:class:`DataFolder` reads every supported file under a folder (recursively; hidden files and folders
and README files are ignored) and caches each file's result by ``(mtime_ns, size)``. A later
:meth:`DataFolder.load` re-reads only files that were added or replaced, and forgets removed ones.

A file that fails to parse is reported in :attr:`LoadedData.problems` (file, line, reason) and
skipped; if an earlier good version of that same file was loaded, that earlier version stays in use
(and the problem says so): a half-written or broken upload never blanks a series that was fine.

Series with the same catalogue id from several files are merged into one observation series; on
overlapping timestamps the most recently modified file wins. Forecasts are kept apart (per id the
latest issued), and series the catalogue does not know are listed as uncatalogued, used by no line.

:func:`load_paths` gives the same result for an explicit list of files (the CLI), with
``--series ID=FILE`` bindings for plain two-column CSV files.
"""
from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from indicators.catalogue import Catalogue
from indicators.quality import QualityReport, assess, report_key
from indicators.readers import SUPPORTED_EXTENSIONS, read_file
from indicators.series import Provenance, ReadError, ReadResult, RejectedRow, Series


@dataclass
class LoadedData:
    """Everything the folder (or the given files) holds right now, ready for the engine and the dashboard.

    Attributes
    ----------
    observations
        Catalogue id -> observed series, merged over files (most recently modified file wins).
    forecasts
        Catalogue id -> the latest issued forecast for that id, never mixed with observations.
    uncatalogued
        Series whose location/quantity the catalogue does not know: shown, used by no line.
    results
        The read result of every file in use (for a broken file: its earlier good version).
    problems
        ``FILE[:LINE]: reason`` for every file that could not be read (and series that were skipped).
    quality
        Quality report per series: observation id, ``"<id> (forecast)"``, or uncatalogued id.
    fingerprint
        Changes whenever any loaded content changes: cache evaluations on it.
    ignored
        Files under the folder that are not a supported series format (by extension).
    """

    observations: dict[str, Series] = field(default_factory=dict)
    forecasts: dict[str, Series] = field(default_factory=dict)
    uncatalogued: list[Series] = field(default_factory=list)
    results: list[ReadResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    quality: dict[str, QualityReport] = field(default_factory=dict)
    fingerprint: str = ""
    ignored: list[str] = field(default_factory=list)

    def evaluation_inputs(self) -> dict[str, pd.Series]:
        """Catalogue id -> values the engine may use (suspect values masked), observations only."""
        return {sid: s.evaluation_values() for sid, s in self.observations.items()}


@dataclass
class _Version:
    """One read of one file: its stat key, content digest and result."""

    key: tuple[int, int]
    digest: str
    result: ReadResult
    mtime_ns: int


@dataclass
class _FileState:
    """The cache entry of one file: the version seen last, and the last version that read well."""

    key: tuple[int, int]
    good: _Version | None
    problem: str | None


def _stat_key(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def _digest(path: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _is_wanted(path: Path, root: Path) -> bool:
    rel = path.relative_to(root)
    if any(part.startswith(".") for part in rel.parts):
        return False
    return not path.name.lower().startswith("readme")


def _read_version(path: Path, key: tuple[int, int], catalogue: Catalogue, bind: str | None) -> _Version:
    """Read one file (ReadError when it cannot be read); the digest identifies its content."""
    digest = _digest(path)
    result = read_file(str(path), catalogue, bind=bind)
    return _Version(key=key, digest=digest, result=result, mtime_ns=key[0])


class _FileCache:
    """Per-file results keyed by (mtime_ns, size); re-reads a file only when its key changes."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.states: dict[Path, _FileState] = {}

    def refresh(self, files: dict[Path, tuple[int, int]], binds: dict[Path, str]) -> None:
        for gone in set(self.states) - set(files):
            del self.states[gone]
        for path, key in files.items():
            state = self.states.get(path)
            if state is not None and state.key == key:
                continue
            good = state.good if state is not None else None
            try:
                version = _read_version(path, key, self.catalogue, binds.get(path))
                self.states[path] = _FileState(key=key, good=version, problem=None)
            except (ReadError, OSError) as exc:
                text = str(exc) if isinstance(exc, ReadError) else f"{path}: cannot read: {exc}"
                if good is not None:
                    text += (" -- still using the earlier version of this file (modified "
                             f"{pd.Timestamp(good.mtime_ns, tz='UTC'):%Y-%m-%d %H:%M:%S} UTC)")
                self.states[path] = _FileState(key=key, good=good, problem=text)

    def versions(self) -> list[_Version]:
        """Versions in use, oldest modification first (so later files win when merging)."""
        used = [s.good for s in self.states.values() if s.good is not None]
        return sorted(used, key=lambda v: (v.mtime_ns, v.result.file))

    def problems(self) -> list[str]:
        return [s.problem for p, s in sorted(self.states.items()) if s.problem]


class DataFolder:
    """A folder of series files that is re-read incrementally on every :meth:`load`.

    Parameters
    ----------
    path
        The folder (read recursively).
    catalogue
        The series catalogue.
    bindings
        Optional catalogue id -> file (relative to ``path`` or absolute) for two-column CSV files
        whose name does not say which series they hold.

    Notes
    -----
    Thread-safe enough for a Dash server with several worker threads: one lock guards the cache and
    each :meth:`load`; there is no module-level state, so two folders (or two apps) never share it.
    A file replaced within the same nanosecond with the same size is not noticed (its stat key does
    not change).
    """

    def __init__(self, path: str | Path, catalogue: Catalogue, bindings: dict[str, str] | None = None):
        self.path = Path(path)
        self.catalogue = catalogue
        self._binds = {self._abs(f): sid for sid, f in (bindings or {}).items()}
        self._cache = _FileCache(catalogue)
        self._lock = threading.Lock()
        self._last_keys: dict[Path, tuple[int, int]] | None = None
        self._last: LoadedData | None = None

    def _abs(self, name: str) -> Path:
        p = Path(name)
        return p if p.is_absolute() else self.path / p

    def scan(self) -> tuple[dict[Path, tuple[int, int]], list[str]]:
        """The supported files under the folder with their stat keys, and the ignored ones."""
        files: dict[Path, tuple[int, int]] = {}
        ignored: list[str] = []
        if not self.path.is_dir():
            return files, ignored
        for dirpath, dirnames, filenames in os.walk(self.path):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                p = Path(dirpath) / name
                if not _is_wanted(p, self.path):
                    continue
                if p.suffix.lower() not in SUPPORTED_EXTENSIONS:
                    ignored.append(str(p))
                    continue
                key = _stat_key(p)
                if key is not None:
                    files[p] = key
        return files, ignored

    def load(self) -> LoadedData:
        """Everything in the folder now; re-reads only files that were added or changed.

        Returns the same :class:`LoadedData` object as the previous call when no file changed.
        """
        with self._lock:
            files, ignored = self.scan()
            if self._last is not None and files == self._last_keys:
                return self._last
            self._cache.refresh(files, self._binds)
            data = assemble(self._cache.versions(), self._cache.problems(), self.catalogue)
            if not self.path.is_dir():
                data.problems.insert(0, f"{self.path}: data folder does not exist")
            data.ignored = ignored
            self._last_keys, self._last = files, data
            return data


def load_paths(paths: list[str], catalogue: Catalogue, bindings: dict[str, str] | None = None) -> LoadedData:
    """Load explicit files (and folders) plus ``--series ID=FILE`` bindings, as the CLI does.

    Parameters
    ----------
    paths
        Files or folders (folders are read like a :class:`DataFolder`).
    catalogue
        The series catalogue.
    bindings
        Catalogue id -> two-column ``time,value`` CSV file holding that series.
    """
    files: dict[Path, tuple[int, int]] = {}
    binds: dict[Path, str] = {}
    problems: list[str] = []
    ignored: list[str] = []
    for name in paths:
        p = Path(name)
        if p.is_dir():
            found, skipped = DataFolder(p, catalogue).scan()
            files.update(found)
            ignored.extend(skipped)
            continue
        key = _stat_key(p)
        if key is None:
            problems.append(f"{name}: no such file")
        else:
            files[p] = key
    for sid, name in (bindings or {}).items():
        p = Path(name)
        key = _stat_key(p)
        if key is None:
            problems.append(f"{name}: no such file (bound to {sid} with --series)")
            continue
        files[p] = key
        binds[p] = sid
    cache = _FileCache(catalogue)
    cache.refresh(files, binds)
    data = assemble(cache.versions(), problems + cache.problems(), catalogue)
    data.ignored = ignored
    return data


# ----------------------------------------------------------------------------------------------
# Assembling the loaded data


def assemble(versions: list[_Version], problems: list[str], catalogue: Catalogue) -> LoadedData:
    """Merge the series of all file versions (oldest first) into one :class:`LoadedData`."""
    data = LoadedData(results=[v.result for v in versions], problems=list(problems))
    observed: dict[str, list[tuple[Series, list[RejectedRow]]]] = {}
    forecasts: dict[str, tuple[Series, list[RejectedRow]]] = {}
    for version in versions:
        result = version.result
        data.problems.extend(f"{r.file}:{r.line}: {r.reason}" if r.line else f"{r.file}: {r.reason}"
                             for r in result.rejected if "cannot convert unit" in r.reason)
        for series in result.series:
            if not series.in_catalogue:
                data.uncatalogued.append(series)
                _put_report(data.quality, series, assess(series, catalogue, result.rejected))
            elif series.is_forecast:
                current = forecasts.get(series.series_id)
                if current is None or series.forecast_issued >= current[0].forecast_issued:
                    forecasts[series.series_id] = (series, result.rejected)
            else:
                observed.setdefault(series.series_id, []).append((series, result.rejected))
    for sid, parts in observed.items():
        merged = merge_series([s for s, _ in parts])
        rows = [r for _, rejected in parts for r in rejected]
        data.observations[sid] = merged
        data.quality[sid] = assess(merged, catalogue, rows)
    for sid, (series, rejected) in forecasts.items():
        data.forecasts[sid] = series
        data.quality[report_key(series)] = assess(series, catalogue, rejected)
    data.fingerprint = _fingerprint(versions)
    return data


def _put_report(reports: dict[str, QualityReport], series: Series, report: QualityReport) -> None:
    key = report_key(series)
    if key in reports:
        key = f"{key} [{series.provenance.file}]"
    reports[key] = report


def merge_series(parts: list[Series]) -> Series:
    """One series from several files' series with the same id (given oldest file first).

    On overlapping timestamps the later part (the most recently modified file) wins; duplicates
    counted by the readers are summed.
    """
    if len(parts) == 1:
        return parts[0]
    values = pd.concat([p.values for p in parts])
    keep = ~values.index.duplicated(keep="last")
    order = values.index[keep].argsort(kind="stable")
    merged_values = values[keep].iloc[order]
    quality = None
    if any(p.quality is not None for p in parts):
        qualities = [p.quality.astype(object) if p.quality is not None
                     else pd.Series("", index=p.values.index, dtype=object) for p in parts]
        quality = pd.concat(qualities)[keep].iloc[order]
    newest = parts[-1]
    files = [p.provenance.file for p in parts]
    overlap = int((~keep).sum())
    notes = [f"merged from {len(parts)} files: {', '.join(files)}"]
    if overlap:
        notes.append(f"{overlap} overlapping timestamp(s): the most recently modified file's values were kept")
    return Series(
        series_id=newest.series_id,
        in_catalogue=newest.in_catalogue,
        values=merged_values.rename(newest.series_id),
        unit=newest.unit,
        location=newest.location,
        provenance=Provenance(
            file=newest.provenance.file,
            format=newest.provenance.format,
            location_code=newest.provenance.location_code,
            quantity=newest.provenance.quantity,
            source_unit=newest.provenance.source_unit,
            source_name=newest.provenance.source_name,
            first_line=newest.provenance.first_line,
        ),
        quality=quality,
        synthetic=newest.synthetic,
        duplicates=sum(p.duplicates for p in parts),
        notes=notes + [n for p in parts for n in p.notes],
    )


def _fingerprint(versions: list[_Version]) -> str:
    h = hashlib.sha256()
    for v in sorted(versions, key=lambda v: v.result.file):
        h.update(f"{v.result.file}\0{v.digest}\n".encode())
    return h.hexdigest()[:16]
