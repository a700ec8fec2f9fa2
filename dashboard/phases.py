"""Reading the engine's situation for display: national colours, words, roll-ups and neighbour impacts.

Nothing here decides a phase. These helpers only look up what :mod:`indicators.situation` returned
(per region and hazard: the line's national phase, its status, who affects it) and say how to show
it: the national colour, the colour word, and a hatch pattern for *unknown*, so a phase is never told
by colour alone.
"""
from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n import national_word, t
from indicators.result import Affected, LineSituation, Situation

#: National phase -> colour of the national scale (groen, geel, oranje, rood).
NATIONAL_COLOURS = {0: "#2e7d32", 1: "#f2c200", 2: "#ef6c00", 3: "#c62828"}
#: Text colour with enough contrast on each national colour.
TEXT_ON_COLOUR = {0: "#ffffff", 1: "#1a1a1a", 2: "#1a1a1a", 3: "#ffffff"}
UNKNOWN_COLOUR = "#9e9e9e"
UNKNOWN_TEXT = "#1a1a1a"
NO_LINE_COLOUR = "#f4f4f4"
#: Plotly fill pattern for an unknown phase (hatched grey, never a colour alone).
UNKNOWN_PATTERN = "/"
#: CSS class that gives the same hatch in HTML (see assets/dashboard.css).
UNKNOWN_CSS = "phase-unknown"


def colour(national_phase: int | None) -> str:
    """Fill colour of a national phase; grey for unknown."""
    return NATIONAL_COLOURS.get(national_phase, UNKNOWN_COLOUR) if national_phase is not None else UNKNOWN_COLOUR


def text_colour(national_phase: int | None) -> str:
    """Readable text colour on :func:`colour`."""
    return TEXT_ON_COLOUR.get(national_phase, UNKNOWN_TEXT) if national_phase is not None else UNKNOWN_TEXT


def region_line(situation: Situation, region: str, hazard: str) -> LineSituation | None:
    """The region's line for one hazard, or None when the region has no such line."""
    return next((ls for ls in situation.for_region(region) if ls.hazard == hazard), None)


def phase_label(ls: LineSituation | None, lang: str, hazard: str | None = None) -> str:
    """Short text of a line's phase on the national scale: ``2 oranje · Inzet KWA``, ``onbekend``, ``geen lijn``.

    The number is the *national* phase (comparable between regions); the name is the line's own step.
    """
    if ls is None:
        return t("no_line", lang)
    if ls.phase is None:
        return t("unknown", lang)
    name = ls.phase_name[lang] if ls.phase_name else ""
    prefix = "≥ " if ls.status == "partial" else ""
    return f"{prefix}{ls.national_phase} {national_word(ls.national_phase, lang)} · {name}"


def map_label(ls: LineSituation | None, lang: str) -> str:
    """The word on the map next to a region code: ``oranje``, ``≥ geel``, ``onbekend``, ``geen lijn``."""
    if ls is None:
        return t("no_line", lang)
    if ls.phase is None:
        return t("unknown", lang)
    prefix = "≥ " if ls.status == "partial" else ""
    return prefix + national_word(ls.national_phase, lang)


@dataclass(frozen=True)
class Impact:
    """One affected-neighbour record with the national phase of the line that causes it."""

    affected: Affected
    hazard: str
    cause_phase: int | None

    @property
    def colour(self) -> str:
        return colour(self.cause_phase)


def impacts(situation: Situation, hazard: str | None = None) -> list[Impact]:
    """Every affected record of the situation (optionally of one hazard), with its cause's national phase."""
    out = []
    for record in situation.affected:
        cause = situation.line(record.line)
        if cause is None or (hazard is not None and cause.hazard != hazard):
            continue
        out.append(Impact(record, cause.hazard, cause.national_phase))
    return out


def impacts_on(situation: Situation, region: str, hazard: str | None = None) -> list[Impact]:
    """Impacts that reach ``region`` (it is affected by a neighbour)."""
    return [i for i in impacts(situation, hazard) if i.affected.region == region]


def impacts_from(situation: Situation, region: str, hazard: str | None = None) -> list[Impact]:
    """Impacts that ``region`` causes in its neighbours."""
    return [i for i in impacts(situation, hazard) if i.affected.by == region]


def worst_impact(items: list[Impact]) -> Impact | None:
    """The impact whose cause has the highest national phase (unknown counts lowest)."""
    return max(items, key=lambda i: -1 if i.cause_phase is None else i.cause_phase, default=None)


@dataclass(frozen=True)
class Rollup:
    """The national picture of one hazard: the highest national phase and regions counted per phase.

    ``counts`` has keys 0, 1, 2, 3 and None (unknown); ``worst`` is the highest known national phase
    (None when every line of the hazard is unknown or there is none).
    """

    hazard: str
    worst: int | None
    counts: dict[int | None, int]
    regions: dict[int | None, list[str]]
    without_line: list[str]

    @property
    def unknown(self) -> int:
        return self.counts[None]


def rollup(situation: Situation, hazard: str, region_codes: list[str]) -> Rollup:
    """Count each region with a line of ``hazard`` once, at its line's national phase."""
    regions: dict[int | None, list[str]] = {0: [], 1: [], 2: [], 3: [], None: []}
    without = []
    for code in region_codes:
        ls = region_line(situation, code, hazard)
        if ls is None:
            without.append(code)
            continue
        regions[ls.national_phase if ls.phase is not None else None].append(code)
    known = [p for p in (0, 1, 2, 3) if regions[p]]
    return Rollup(hazard, max(known) if known else None, {k: len(v) for k, v in regions.items()}, regions, without)
