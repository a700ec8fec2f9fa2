"""Load the published set of reasoning lines and check that it is consistent and can be supplied.

The set lives in one folder (default ``redeneerlijnen/``): ``regios.yaml`` (regions and hydrological
links), ``catalogus.yaml`` (the series the information system can supply), ``lijnen/*.yaml`` (the
published lines, one per region and hazard) and ``archief/`` (earlier versions, kept for reference
and validated too, but never evaluated). Every problem is reported with file, line and key path.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from indicators.catalogue import Catalogue
from indicators.models import ReasoningLine, RegionSet
from indicators.yamlsource import PositionedYaml, Problem, ProblemsError, read_yaml, validate_document

REGIONS_FILE = "regios.yaml"
CATALOGUE_FILE = "catalogus.yaml"
LINES_DIR = "lijnen"
ARCHIVE_DIR = "archief"


@dataclass
class LineSet:
    """The published set: lines, regions, catalogue, and where each line was read from."""

    folder: Path
    lines: list[ReasoningLine]
    regions: RegionSet
    catalogue: Catalogue
    files: dict[str, Path] = field(default_factory=dict)
    archive: list[ReasoningLine] = field(default_factory=list)

    def line(self, line_id: str) -> ReasoningLine | None:
        return next((ln for ln in self.lines if ln.id == line_id), None)

    def lines_for(self, region: str) -> list[ReasoningLine]:
        return [ln for ln in self.lines if ln.region == region]

    def series_ids(self) -> list[str]:
        """Every catalogue id some line asks for, in order of first use."""
        return list(dict.fromkeys(i.series for ln in self.lines for i in ln.indicators))


def _load(doc_or_problems, model, problems):
    try:
        return validate_document(doc_or_problems, model)
    except ProblemsError as exc:
        problems.extend(exc.problems)
        return None


def _read(file: Path, problems: list[Problem]) -> PositionedYaml | None:
    try:
        return read_yaml(file)
    except ProblemsError as exc:
        problems.extend(exc.problems)
        return None


def check_line(line: ReasoningLine, doc: PositionedYaml, regions: RegionSet | None, catalogue: Catalogue | None) -> list[Problem]:
    """Everything about one line that pydantic cannot see alone: ladder, thresholds, references."""
    problems: list[Problem] = []
    problems += _check_ladder(line, doc)
    problems += _check_indicators(line, doc, catalogue)
    problems += _check_rules(line, doc)
    if regions is not None:
        problems += _check_references(line, doc, regions)
    return problems


def _check_ladder(line: ReasoningLine, doc: PositionedYaml) -> list[Problem]:
    problems = []
    levels = [p.level for p in line.phases]
    if levels != list(range(len(levels))):
        problems.append(doc.problem(("phases",), f"phase levels must be 0, 1, 2, ... in order (got {levels})"))
    keys = [p.key for p in line.phases]
    for i, key in enumerate(keys):
        if keys.index(key) != i:
            problems.append(doc.problem(("phases", i, "key"), f"phase key {key!r} is used twice"))
    if line.phases[0].national_phase != 0:
        problems.append(doc.problem(("phases", 0, "national_phase"), "phase 0 (normal) must map to national phase 0"))
    for i in range(1, len(line.phases)):
        if line.phases[i].national_phase < line.phases[i - 1].national_phase:
            problems.append(doc.problem(("phases", i, "national_phase"), "national phases must not decrease up the ladder"))
    return problems


def _check_indicators(line: ReasoningLine, doc: PositionedYaml, catalogue: Catalogue | None) -> list[Problem]:
    problems = []
    ids = [i.id for i in line.indicators]
    top = line.top_level
    for n, ind in enumerate(line.indicators):
        base = ("indicators", n)
        if ids.index(ind.id) != n:
            problems.append(doc.problem(base + ("id",), f"indicator id {ind.id!r} is used twice"))
        if catalogue is not None and ind.series not in catalogue:
            problems.append(doc.problem(base + ("series",), f"series {ind.series!r} is not in the data catalogue ({CATALOGUE_FILE}); the information system cannot supply it"))
        phases_seen: list[int] = []
        for t, thr in enumerate(ind.thresholds):
            where = base + ("thresholds", t)
            if thr.phase > top:
                problems.append(doc.problem(where + ("phase",), f"phase {thr.phase} does not exist (the ladder goes up to {top})"))
            if thr.phase in phases_seen:
                problems.append(doc.problem(where + ("phase",), f"two thresholds into phase {thr.phase}"))
            phases_seen.append(thr.phase)
            bad_months = [m for m in thr.illustrative_months if not 1 <= m <= 12]
            if bad_months:
                problems.append(doc.problem(where + ("illustrative_months",), f"months must be 1-12 (got {bad_months})"))
            problems += _check_exit(ind.worse, thr, doc, where)
        problems += _check_order(ind, doc, base)
    return problems


def _check_exit(worse: int, thr, doc: PositionedYaml, where) -> list[Problem]:
    if thr.exit is None:
        return []
    side = "below" if worse > 0 else "above"
    for month, (enter, exit_) in enumerate(zip(thr.enter_by_month(), thr.exit_by_month()), start=1):
        if (exit_ - enter) * worse > 0:
            return [doc.problem(where + ("exit",), f"the exit value must lie on the normal side of the enter value ({side} or equal to it; month {month}: enter {enter:g}, exit {exit_:g})")]
    return []


def _check_order(ind, doc: PositionedYaml, base) -> list[Problem]:
    """Boundaries into higher phases must be more severe: rising indicators higher, falling lower."""
    ordered = sorted(enumerate(ind.thresholds), key=lambda it: it[1].phase)
    for (_, low), (t_high, high) in zip(ordered, ordered[1:]):
        for month, (a, b) in enumerate(zip(low.enter_by_month(), high.enter_by_month()), start=1):
            if (b - a) * ind.worse <= 0:
                word = "higher" if ind.worse > 0 else "lower"
                return [doc.problem(base + ("thresholds", t_high, "enter"), f"thresholds out of order: the boundary into phase {high.phase} must be {word} than into phase {low.phase} ({ind.direction} indicator; month {month}: {b:g} vs {a:g})")]
    return []


def _check_rules(line: ReasoningLine, doc: PositionedYaml) -> list[Problem]:
    problems = []
    for n, phase in enumerate(line.phases):
        if phase.level == 0:
            continue
        count = len(line.participants(phase.level))
        if count == 0:
            problems.append(doc.problem(("phases", n), f"no indicator has a threshold into phase {phase.level}: the phase can never be reached"))
        k = getattr(phase.rule, "k_of_n", None)
        if k is not None and k > count:
            problems.append(doc.problem(("phases", n, "rule", "k_of_n"), f"k_of_n is {k} but only {count} indicators have a threshold into phase {phase.level}"))
    return problems


def _check_references(line: ReasoningLine, doc: PositionedYaml, regions: RegionSet) -> list[Problem]:
    problems = []
    if regions.get(line.region) is None:
        problems.append(doc.problem(("region",), f"unknown region {line.region!r} (known: {', '.join(regions.codes())})"))
    for n, impact in enumerate(line.impacts):
        base = ("impacts", n)
        if regions.get(impact.to) is None:
            problems.append(doc.problem(base + ("to",), f"unknown region {impact.to!r} (known: {', '.join(regions.codes())})"))
        elif impact.to == line.region:
            problems.append(doc.problem(base + ("to",), "a line cannot affect its own region"))
        if impact.from_phase > line.top_level:
            problems.append(doc.problem(base + ("from_phase",), f"phase {impact.from_phase} does not exist (the ladder goes up to {line.top_level})"))
        link = regions.link(impact.link)
        if link is None:
            problems.append(doc.problem(base + ("link",), f"unknown hydrological link {impact.link!r} (see {REGIONS_FILE})"))
        elif (link.from_, link.to) != (line.region, impact.to):
            problems.append(doc.problem(base + ("link",), f"link {impact.link!r} runs from {link.from_} to {link.to}, not from {line.region} to {impact.to}"))
    return problems


def _check_regions(regions: RegionSet, doc: PositionedYaml) -> list[Problem]:
    problems = []
    codes = regions.codes()
    for n, link in enumerate(regions.links):
        for key, code in (("from", link.from_), ("to", link.to)):
            if code not in codes:
                problems.append(doc.problem(("links", n, key), f"unknown region {code!r}"))
    return problems


def _check_set(lines: list[tuple[ReasoningLine, PositionedYaml]]) -> list[Problem]:
    problems = []
    seen_ids: dict[str, str] = {}
    seen_pairs: dict[tuple[str, str], str] = {}
    for line, doc in lines:
        if line.id in seen_ids:
            problems.append(doc.problem(("id",), f"line id {line.id!r} is also used in {seen_ids[line.id]}"))
        seen_ids.setdefault(line.id, str(doc.file))
        pair = (line.region, line.hazard)
        if pair in seen_pairs:
            problems.append(doc.problem(("hazard",), f"region {line.region} already has a published {line.hazard} line in {seen_pairs[pair]}"))
        seen_pairs.setdefault(pair, str(doc.file))
    return problems


def load_line_set(folder: str | Path) -> tuple[LineSet | None, list[Problem]]:
    """Load and check the whole set; returns the set (None when unusable) and every problem found."""
    folder = Path(folder)
    problems: list[Problem] = []
    regions_doc = _read(folder / REGIONS_FILE, problems)
    catalogue_doc = _read(folder / CATALOGUE_FILE, problems)
    regions = _load(regions_doc, RegionSet, problems) if regions_doc else None
    catalogue = _load(catalogue_doc, Catalogue, problems) if catalogue_doc else None
    if regions is not None:
        problems += _check_regions(regions, regions_doc)

    published = _load_lines(sorted((folder / LINES_DIR).glob("*.yaml")), regions, catalogue, problems)
    if not published and not (folder / LINES_DIR).is_dir():
        problems.append(Problem(str(folder / LINES_DIR), 1, "", "folder with the published lines is missing"))
    problems += _check_set(published)
    archive = _load_lines(sorted((folder / ARCHIVE_DIR).rglob("*.yaml")), regions, catalogue, problems)

    if regions is None or catalogue is None:
        return None, problems
    line_set = LineSet(
        folder=folder,
        lines=[ln for ln, _ in published],
        regions=regions,
        catalogue=catalogue,
        files={ln.id: doc.file for ln, doc in published},
        archive=[ln for ln, _ in archive],
    )
    return line_set, problems


def _load_lines(files, regions, catalogue, problems) -> list[tuple[ReasoningLine, PositionedYaml]]:
    loaded = []
    for file in files:
        doc = _read(file, problems)
        line = _load(doc, ReasoningLine, problems) if doc else None
        if line is None:
            continue
        line_problems = check_line(line, doc, regions, catalogue)
        problems.extend(line_problems)
        if not line_problems:
            loaded.append((line, doc))
    return loaded


def load_valid_line_set(folder: str | Path) -> LineSet:
    """The set for evaluation; raises :class:`ProblemsError` when anything is wrong (never evaluate a broken set)."""
    line_set, problems = load_line_set(folder)
    if problems or line_set is None:
        raise ProblemsError(problems)
    return line_set
