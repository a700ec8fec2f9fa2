"""The chart of one indicator: its series against every phase boundary of the line, around the as-of time.

What is drawn, and why:

- **every** boundary of the indicator (enter solid, exit dashed) and the band of each phase, also the
  ones the data never reach, so a user sees how far the next phase is; month-dependent boundaries
  are steps over time (``Threshold.enter_by_month()`` per calendar month in Amsterdam time);
- the observed values (``Series.values``) thin, and the smoothed values the engine compared
  (``IndicatorTimeline.times/values``) bold;
- suspect values (``Series.suspect``) as red crosses (kept off the evaluation by the engine); a suspect
  value far off the chart is pinned to its edge with a triangle, its value in the hover;
- a forecast apart, dashed and labelled "verwachting", only when it was issued by the as-of time;
- a vertical marker at the as-of time.

Only a window around the as-of time is sent (``data_days`` each side, downsampled to at most
``max_points`` per trace keeping minima and maxima), so 30 years of daily data never reach the browser.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.figures.plain import Figure, Trace, figure, scatter
from dashboard.i18n import AMSTERDAM, local_time, national_word, number, quantity, t, unit_text
from dashboard.wording import smoothing_text
from indicators.engine import IndicatorTimeline
from indicators.models import Indicator, ReasoningLine
from indicators.series import Series

OBSERVED_COLOUR = "#78909c"
USED_COLOUR = "#0d47a1"
FORECAST_COLOUR = "#6a1b9a"
SUSPECT_COLOUR = "#d50000"
BAND_ALPHA = 0.16


def local_naive(index: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """UTC times as Amsterdam wall-clock times without zone (what the x-axis shows)."""
    return index.tz_convert(AMSTERDAM).tz_localize(None)


def downsample(values: pd.Series, max_points: int) -> pd.Series:
    """At most ``max_points`` values, keeping the minimum and maximum of each bucket (peaks survive).

    Missing values are kept as gaps: the line breaks where data is missing.
    """
    if len(values) <= max_points or max_points < 4:
        return values
    n_buckets = max_points // 2
    edges = np.linspace(0, len(values), n_buckets + 1).astype(int)
    data = values.to_numpy(dtype="float64")
    keep = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        chunk = data[lo:hi]
        if not len(chunk) or np.all(np.isnan(chunk)):
            keep.append(lo)
            continue
        keep.extend(sorted({lo + int(np.nanargmin(chunk)), lo + int(np.nanargmax(chunk))}))
    return values.iloc[sorted(set(keep))]


def _window(values: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> pd.Series:
    if values is None or values.empty:
        return pd.Series(dtype="float64")
    return values.loc[(values.index >= start) & (values.index <= end)]


def month_steps(start: pd.Timestamp, end: pd.Timestamp) -> tuple[pd.DatetimeIndex, np.ndarray]:
    """The starts of the calendar months (Amsterdam) covering ``[start, end]`` and their month numbers.

    The first step begins at ``start`` itself and one extra point closes the last step at ``end``.
    """
    local_start = start.tz_convert(AMSTERDAM)
    local_end = end.tz_convert(AMSTERDAM)
    firsts = pd.date_range(local_start.normalize().replace(day=1), local_end, freq="MS", tz=AMSTERDAM)
    firsts = firsts[firsts > local_start]
    edges = pd.DatetimeIndex([local_start]).append(firsts).append(pd.DatetimeIndex([local_end]))
    months = np.append(edges[:-1].month.to_numpy(), edges[-2].month)
    return edges.tz_convert("UTC"), months


def threshold_path(by_month: tuple[float, ...], start: pd.Timestamp, end: pd.Timestamp) -> tuple[pd.DatetimeIndex, list[float]]:
    """A threshold over ``[start, end]`` as a step line (one value per calendar month, drawn ``hv``)."""
    edges, months = month_steps(start, end)
    return edges, [float(by_month[m - 1]) for m in months]


def _boundaries(indicator: Indicator, start: pd.Timestamp, end: pd.Timestamp, as_of: pd.Timestamp) -> list[dict]:
    """Per threshold of the indicator (ascending phase): its enter and exit step lines over the window,
    and the enter value in force at the as-of time (``now``)."""
    month_now = as_of.tz_convert(AMSTERDAM).month
    out = []
    for threshold in sorted(indicator.thresholds, key=lambda th: th.phase):
        x, enter = threshold_path(threshold.enter_by_month(), start, end)
        _, exit_ = threshold_path(threshold.exit_by_month(), start, end)
        out.append({"phase": threshold.phase, "x": x, "enter": enter, "exit": exit_,
                    "now": float(threshold.enter_by_month()[month_now - 1]),
                    "monthly": len(set(threshold.enter_by_month())) > 1,
                    "has_exit": threshold.exit is not None,
                    "illustrative": indicator.is_illustrative(threshold)})
    return out


def _y_range(arrays: list[np.ndarray]) -> tuple[float, float]:
    finite = np.concatenate([a[np.isfinite(a)] for a in arrays if len(a)]) if arrays else np.array([])
    if not len(finite):
        return 0.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    pad = (hi - lo) * 0.08 or max(abs(hi) * 0.1, 1.0)
    return lo - pad, hi + pad


def indicator_figure(indicator: Indicator, line: ReasoningLine, timeline: IndicatorTimeline | None,
                     observed: Series | None, forecast: Series | None, as_of: pd.Timestamp, lang: str = "nl",
                     *, unit: str = "", view_days: int = 120, data_days: int = 240,
                     max_points: int = 1500) -> Figure:
    """The chart of one indicator of one line around ``as_of``.

    Parameters
    ----------
    indicator, line
        The indicator and its reasoning line (phase names and colours).
    timeline
        The engine's timeline of this indicator (smoothed values it compared), or None.
    observed
        The observed series (``LoadedData.observations[indicator.series]``), or None when absent.
    forecast
        The latest forecast of the series, or None. Shown only when issued at or before ``as_of``.
    as_of
        The as-of time (UTC).
    lang
        ``nl`` or ``en``.
    unit
        The series unit (for the axis and the hover).
    view_days, data_days
        Half width of the initial x-range and of the data sent, in days.
    max_points
        Largest number of points per trace.

    Returns
    -------
    dict
        The figure (Plotly JSON). Boundary traces are named ``enter:<phase>`` and ``exit:<phase>``; data traces ``observed``,
        ``used``, ``suspect``, ``forecast``.
    """
    as_of = pd.Timestamp(as_of).tz_convert("UTC")
    start, end = as_of - pd.Timedelta(days=data_days), as_of + pd.Timedelta(days=data_days)
    worse = indicator.worse
    traces: list[Trace] = []
    y_arrays: list[np.ndarray] = []

    boundaries = _boundaries(indicator, start, end, as_of)
    for b in boundaries:
        y_arrays += [np.asarray(b["enter"]), np.asarray(b["exit"])]

    obs_window = _window(observed.values, start, end) if observed is not None else pd.Series(dtype="float64")
    suspect_mask = (_window(observed.suspect.reindex(observed.values.index, fill_value=False), start, end)
                    if observed is not None and observed.suspect is not None else pd.Series(False, index=obs_window.index))
    usable = obs_window.mask(suspect_mask.to_numpy()) if len(obs_window) else obs_window
    view_start, view_end = as_of - pd.Timedelta(days=view_days), as_of + pd.Timedelta(days=view_days)
    y_arrays.append(_window(usable, view_start, view_end).to_numpy(dtype="float64"))

    used = pd.Series(dtype="float64")
    if timeline is not None and len(timeline.times):
        used = pd.Series(timeline.values, index=pd.DatetimeIndex(timeline.times, tz="UTC"))
        used = _window(used, start, end)
        y_arrays.append(_window(used, view_start, view_end).to_numpy(dtype="float64"))

    fc_window = pd.Series(dtype="float64")
    if forecast is not None and (forecast.forecast_issued is None or forecast.forecast_issued <= as_of):
        fc_window = _window(forecast.values, start, end).dropna()
        y_arrays.append(_window(fc_window, view_start, view_end).to_numpy(dtype="float64"))

    y_lo, y_hi = _y_range(y_arrays)
    edge = y_hi if worse > 0 else y_lo

    # Phase bands: from each boundary to the next more severe one (or the chart edge), in the phase colour.
    for i, b in enumerate(boundaries):
        phase = line.phase(b["phase"])
        outer = boundaries[i + 1]["enter"] if i + 1 < len(boundaries) else [edge] * len(b["enter"])
        band_colour = _rgba(phase.colour if phase else "#9e9e9e", BAND_ALPHA)
        x = local_naive(b["x"])
        traces.append(scatter(x=x, y=outer, mode="lines", line=dict(width=0, shape="hv"), hoverinfo="skip",
                                 showlegend=False, name=f"band-edge:{b['phase']}"))
        traces.append(scatter(x=x, y=b["enter"], mode="lines", line=dict(width=0, shape="hv"), fill="tonexty",
                                 fillcolor=band_colour, hoverinfo="skip", showlegend=False, name=f"band:{b['phase']}"))
    for b in boundaries:
        phase = line.phase(b["phase"])
        line_colour = _darker(phase.colour) if phase else "#616161"
        label = _phase_short(line, b["phase"], lang)
        word = "≥" if worse > 0 else "≤"
        x = local_naive(b["x"])
        traces.append(scatter(
            x=x, y=b["enter"], mode="lines", line=dict(color=line_colour, width=1.8, shape="hv"), showlegend=False,
            name=f"enter:{b['phase']}", hovertemplate=f"{t('boundary_enter', lang, phase=label)} {word} %{{y:,.4~g}} {unit_text(unit)}<extra></extra>",
        ))
        if b["has_exit"]:
            traces.append(scatter(
                x=x, y=b["exit"], mode="lines", line=dict(color=line_colour, width=1.2, dash="dash", shape="hv"),
                showlegend=False, name=f"exit:{b['phase']}",
                hovertemplate=f"{t('boundary_exit', lang, phase=label)}: %{{y:,.4~g}} {unit_text(unit)}<extra></extra>",
            ))

    if len(obs_window):
        shown = downsample(obs_window, max_points)
        traces.append(scatter(x=local_naive(shown.index), y=shown.to_numpy(), mode="lines", name=t("observed", lang),
                                 line=dict(color=OBSERVED_COLOUR, width=1), connectgaps=False,
                                 hovertemplate=f"%{{y:,.4~g}} {unit_text(unit)}"))
    if len(used):
        shown = downsample(used, max_points)
        smoothing = smoothing_text(indicator.smoothing, lang)
        name = t("used_by_line", lang, smoothing=smoothing) if smoothing else t("used_by_line_raw", lang)
        traces.append(scatter(x=local_naive(shown.index), y=shown.to_numpy(), mode="lines", name=name,
                                 line=dict(color=USED_COLOUR, width=2.4), hovertemplate=f"%{{y:,.4~g}} {unit_text(unit)}"))
    suspects = obs_window[suspect_mask.to_numpy()] if len(obs_window) else obs_window
    if len(suspects):
        traces.append(_suspect_trace(suspects, y_lo, y_hi, unit, lang))
    if len(fc_window):
        shown = downsample(fc_window, max_points)
        issued = local_time(forecast.forecast_issued, lang) if forecast.forecast_issued is not None else "?"
        label = t("forecast_issued", lang, when=issued)
        if forecast.synthetic:
            label = f"{label} ({t('synthetic', lang)})"
        traces.append(scatter(x=local_naive(shown.index), y=shown.to_numpy(), mode="lines",
                                 name=label,
                                 line=dict(color=FORECAST_COLOUR, width=2.2, dash="dash"),
                                 hovertemplate=f"{t('forecast', lang)} %{{y:,.4~g}} {unit_text(unit)}<extra></extra>"))

    layout = _layout(indicator, line, boundaries, as_of, view_days, (y_lo, y_hi), unit, lang,
                     synthetic=bool(observed is not None and observed.synthetic), has_data=bool(len(obs_window) or len(used)))
    return figure(traces, layout)


def _suspect_trace(suspects: pd.Series, y_lo: float, y_hi: float, unit: str, lang: str) -> Trace:
    """Suspect values as red crosses; those outside the chart pinned to its edge as triangles."""
    values = suspects.to_numpy(dtype="float64")
    shown = np.clip(values, y_lo, y_hi)
    symbols = np.where(values > y_hi, "triangle-up", np.where(values < y_lo, "triangle-down", "x"))
    texts = [t("suspect_outside", lang, value=quantity(v, unit, lang)) if (v > y_hi or v < y_lo)
             else f"{t('suspect', lang)}: {quantity(v, unit, lang)}" for v in values]
    return scatter(x=local_naive(suspects.index), y=shown, mode="markers", name=t("suspect", lang),
                      marker=dict(color=SUSPECT_COLOUR, symbol=list(symbols), size=9, line=dict(width=1.5, color=SUSPECT_COLOUR)),
                      text=texts, hovertemplate="%{text}<extra></extra>")


def _layout(indicator: Indicator, line: ReasoningLine, boundaries: list[dict], as_of: pd.Timestamp,
            view_days: int, y_range: tuple[float, float], unit: str, lang: str, synthetic: bool, has_data: bool) -> None:
    local_as_of = local_naive(pd.DatetimeIndex([as_of]))[0]
    view = [local_as_of - pd.Timedelta(days=view_days), local_as_of + pd.Timedelta(days=view_days)]
    annotations = [dict(x=local_as_of, y=1.0, xref="x", yref="paper", yanchor="bottom", showarrow=False,
                        text=f"{t('asof_marker', lang)} {local_time(as_of, lang)}", font=dict(size=11, color="#1a1a1a"),
                        bgcolor="rgba(255,255,255,0.85)")]
    annotations += _boundary_labels(indicator, line, boundaries, y_range, lang)
    if synthetic:
        annotations.append(dict(x=0.0, y=1.0, xref="paper", yref="paper", xanchor="left", yanchor="top", showarrow=False,
                                text=f"<b>{t('synthetic', lang).upper()}</b>", font=dict(size=12, color="#6a1b9a"),
                                bgcolor="rgba(255,255,255,0.85)", bordercolor="#6a1b9a", borderwidth=1))
    if not has_data:
        annotations.append(dict(x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, text=t("no_values", lang),
                                font=dict(size=14, color="#616161")))
    return dict(
        margin=dict(l=56, r=150, t=26, b=30), height=300, paper_bgcolor="#ffffff", plot_bgcolor="#ffffff",
        xaxis=dict(range=view, showgrid=True, gridcolor="#eeeeee", type="date"),
        yaxis=dict(range=list(y_range), title=dict(text=unit_text(unit)), showgrid=True, gridcolor="#eeeeee",
                   zeroline=False, separatethousands=True),
        shapes=[dict(type="line", x0=local_as_of, x1=local_as_of, y0=0, y1=1, yref="paper",
                     line=dict(color="#1a1a1a", width=1.6, dash="dot"))],
        annotations=annotations, hovermode="x unified", showlegend=True,
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0, font=dict(size=11)),
        separators=",." if lang == "nl" else ".,", uirevision=f"{line.id}:{indicator.id}",
    )


def _boundary_labels(indicator: Indicator, line: ReasoningLine, boundaries: list[dict],
                     y_range: tuple[float, float], lang: str) -> list[dict]:
    """Labels right of the chart at each boundary's last value, nudged apart so they never overlap."""
    word = "≥" if indicator.worse > 0 else "≤"
    gap = (y_range[1] - y_range[0]) * 0.08
    items = sorted(((b["now"], b) for b in boundaries if y_range[0] <= b["now"] <= y_range[1]),
                   key=lambda item: item[0])
    labels, last_y = [], None
    for value, b in items:
        y = value if last_y is None else max(value, last_y + gap)
        last_y = y
        phase = line.phase(b["phase"])
        marks = ("*" if b["monthly"] else "") + ("†" if b["illustrative"] else "")
        labels.append(dict(x=1.0, xref="paper", xanchor="left", y=y, yref="y", showarrow=False,
                           text=f"{_phase_short(line, b['phase'], lang)} {word} {number(value, lang)}{marks}",
                           font=dict(size=11, color=_darker(phase.colour) if phase else "#616161")))
    return labels


def _phase_short(line: ReasoningLine, level: int, lang: str) -> str:
    phase = line.phase(level)
    if phase is None:
        return t("phase_n", lang, n=level)
    return f"{t('phase_n', lang, n=level)} {national_word(phase.national_phase, lang)}"


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _darker(hex_colour: str, factor: float = 0.8) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(int(h[i:i + 2], 16) * factor) for i in (0, 2, 4))
    return f"#{r:02x}{g:02x}{b:02x}"
