"""Sentences built from the engine's result records, in the user's language.

The engine's :class:`~indicators.result.Reason` carries the numbers (value, threshold, margins) and
an English sentence; the dashboard words them again from those numbers so a Dutch user reads Dutch.
Nothing is decided here: the kind of reason (drives / next / unknown) and every number come from
the engine.
"""
from __future__ import annotations

from dashboard.i18n import local_time, national_word, quantity, t
from indicators.models import ReasoningLine
from indicators.result import Expected, IndicatorState, LineSituation, Reason


def series_name(series_id: str, catalogue) -> str:
    """The catalogue's readable name of a series (``Rijn bij Lobith, afvoer``), or its id."""
    entry = catalogue.get(series_id) if catalogue is not None else None
    return entry.name if entry is not None else series_id


def phase_words(line: ReasoningLine | None, level: int | None, lang: str) -> str:
    """``fase 2 · oranje · Inzet KWA``: the line's level, the national colour word and the step's name."""
    if level is None:
        return t("unknown", lang)
    phase = line.phase(level) if line is not None else None
    if phase is None:
        return t("phase_n", lang, n=level)
    return f"{t('phase_n', lang, n=level)} · {national_word(phase.national_phase, lang)} · {getattr(phase.name, lang)}"


STATISTICS = {"mean": ("gemiddelde", "mean"), "median": ("mediaan", "median"), "min": ("minimum", "minimum"),
              "max": ("maximum", "maximum")}
UNITS_OF_TIME = {"min": ("min", "min"), "h": ("uur", "hours"), "D": ("dagen", "days"), "W": ("weken", "weeks")}


def smoothing_text(smoothing, lang: str) -> str | None:
    """``7-daags gemiddelde`` style words for an indicator's smoothing (``mean 7D``), or None without one."""
    if smoothing is None:
        return None
    window = smoothing.window.strip()
    number = window.rstrip("minhDW").strip()
    unit = window[len(number):].strip()
    i = 0 if lang == "nl" else 1
    unit_word = UNITS_OF_TIME.get(unit, (unit, unit))[i]
    if number == "1" and unit in ("D", "W", "h"):
        unit_word = {"D": ("dag", "day"), "W": ("week", "week"), "h": ("uur", "hour")}[unit][i]
    return f"{STATISTICS.get(smoothing.statistic, (smoothing.statistic,) * 2)[i]} {number} {unit_word}"


def source_text(source: str, lang: str) -> str:
    """A source reference; the word ``illustrative`` in the user's language."""
    return t("illustrative", lang) if source.strip().lower() == "illustrative" else source


def _state_for(ls: LineSituation, reason: Reason) -> IndicatorState | None:
    return next((s for s in ls.indicators if s.id == reason.indicator), None)


def reason_sentence(reason: Reason, ls: LineSituation, line: ReasoningLine | None, catalogue, lang: str) -> str:
    """One reason as a sentence with the value against the boundary (and the margin for ``next``).

    Parameters
    ----------
    reason
        The engine's reason.
    ls
        The line situation the reason belongs to (for the indicator's direction and exit value).
    line
        The reasoning line (for phase names); may be None.
    catalogue
        The series catalogue (for readable series names).
    lang
        ``nl`` or ``en``.
    """
    state = _state_for(ls, reason)
    name = series_name(reason.series, catalogue)
    if state is not None and state.synthetic:
        name = f"{name} ({t('synthetic', lang)})"
    if reason.kind == "unknown":
        when = t("reason_unknown_when", lang, when=local_time(state.value_at, lang)) if state and state.value_at is not None else ""
        return t("reason_unknown", lang, name=name, when=when)
    direction = state.direction if state is not None else "rising"
    word = "≥" if direction == "rising" else "≤"
    value = quantity(reason.value, reason.unit, lang)
    if reason.kind == "next":
        next_phase = state.next_phase if state is not None else None
        return t(f"reason_next_{direction}", lang, name=name, value=value, phase=phase_words(line, next_phase, lang),
                 threshold=f"{word} {quantity(reason.threshold, reason.unit, lang)}",
                 margin=quantity(reason.margin_next, reason.unit, lang))
    exit_value = state.previous_threshold if state is not None else None
    text = t(f"reason_drives_{direction}", lang, name=name, value=value, phase=phase_words(line, reason.phase, lang),
             threshold=f"{word} {quantity(reason.threshold, reason.unit, lang)}",
             exit=quantity(exit_value, reason.unit, lang))
    beyond = (reason.value is not None and reason.threshold is not None
              and (reason.value - reason.threshold) * (1 if direction == "rising" else -1) >= 0)
    return text if beyond else text + t("reason_held", lang)


def driving_reason(ls: LineSituation) -> Reason | None:
    """The reason that drives the line's phase (the first ``drives``), or None at phase 0."""
    return next((r for r in ls.reasons if r.kind == "drives"), None)


def next_reason(ls: LineSituation) -> Reason | None:
    """The engine's closest step to the next phase, or None."""
    return next((r for r in ls.reasons if r.kind == "next"), None)


def data_status(ls: LineSituation, catalogue, lang: str) -> list[tuple[str, str]]:
    """What is wrong or special with the inputs: ``(kind, text)`` with kind stale, missing, synthetic, ok.

    Stale and missing inputs are named with the time of their last value; synthetic series are named
    so a demo value is never mistaken for a measurement.
    """
    out: list[tuple[str, str]] = []
    for state in ls.indicators:
        name = series_name(state.series, catalogue)
        if state.status == "stale":
            when = local_time(state.value_at, lang)
            out.append(("stale", t("data_stale", lang, what=f"{name} ({when})")))
        elif state.status == "missing":
            out.append(("missing", t("data_missing", lang, what=name)))
    synthetic = sorted({series_name(s.series, catalogue) for s in ls.indicators if s.synthetic})
    if synthetic:
        out.append(("synthetic", t("data_synthetic", lang, what=", ".join(synthetic))))
    if not any(kind in ("stale", "missing") for kind, _ in out):
        out.insert(0, ("ok", t("data_ok", lang)))
    return out


def expected_sentence(expected: Expected, line: ReasoningLine | None, lang: str) -> str:
    """The engine's expected phase from a forecast, said apart from the observed phase."""
    if expected.phase is None:
        return t("expected_unknown", lang)
    return t("expected_text", lang, phase=phase_words(line, expected.phase, lang), when=local_time(expected.reached_at, lang),
             issued=local_time(expected.issued, lang), until=local_time(expected.until, lang))
