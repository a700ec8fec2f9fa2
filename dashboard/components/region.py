"""The region view (the water manager's view): per line the ladder, measures, needs and indicator charts,
then the phase timeline with its changes, then the neighbours.

Everything shown comes from the engine (:class:`~indicators.result.LineSituation`, the line and
indicator timelines) and the reasoning line itself (phases, measures, information needs).
"""
from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.components.common import chip, expected_chip, line_chip, since_text, status_text, synthetic_badge
from dashboard.config import DashboardConfig
from dashboard.figures.indicator import indicator_figure
from dashboard.figures.timeline import phase_changes, phase_timeline_figure
from dashboard.i18n import hazard_word, local_time, national_word, t
from dashboard.phases import impacts_from, impacts_on, map_label
from dashboard.state import href_of
from dashboard.view import View
from dashboard.wording import data_status, expected_sentence, phase_words, reason_sentence, series_name, source_text
from indicators.models import Phase, ReasoningLine
from indicators.result import LineSituation

CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"]}


def region_header(view: View, code: str, default_lang: str) -> html.Div:
    """Back link, region name and code, what the region is, who takes part."""
    lang = view.lang
    region = view.snapshot.line_set.regions.get(code)
    back = href_of(view.state.but(page="overview", region=code), default_lang)
    name = region.name if lang == "nl" else region.name_en
    return html.Div([
        dcc.Link(t("back_to_overview", lang), href=back, className="back-link small"),
        html.H1([html.Span(code, className="region-code me-2"), name], className="h3 mt-1 mb-1"),
        html.P(region.describe(lang), className="mb-1 text-muted"),
        html.P([html.Span(t("participants", lang) + ": ", className="fw-semibold"), ", ".join(region.participants)],
               className="small mb-2"),
    ], className="region-header")


def ladder(line: ReasoningLine, ls: LineSituation, lang: str) -> html.Ol:
    """The line's phases, highest first, the current one highlighted (colour, words and a marker)."""
    items = []
    for phase in sorted(line.phases, key=lambda p: -p.level):
        current = ls.phase == phase.level
        marker = html.Span(f"◀ {t('current_phase', lang)}", className="ladder-current-mark ms-2") if current else None
        items.append(html.Li([
            chip(phase.national_phase, national_word(phase.national_phase, lang)),
            html.Span(t("phase_n", lang, n=phase.level), className="ms-2 ladder-level"),
            html.Span(getattr(phase.name, lang), className="ms-2 ladder-name"),
            marker,
        ], className="ladder-step" + (" current" if current else ""), **({"aria-current": "step"} if current else {})))
    return html.Ol(items, className="ladder list-unstyled mb-0", **{"aria-label": t("ladder", lang)})


def measures_table(phase: Phase | None, title: str, lang: str) -> html.Div:
    """Measures of one phase: text, who, verdringingsreeks category."""
    if phase is None:
        return html.Div()
    if not phase.measures:
        rows = html.P(t("no_measures", lang), className="small text-muted mb-1")
    else:
        rows = dbc.Table([
            html.Thead(html.Tr([html.Th(t("measure", lang)), html.Th(t("who", lang)), html.Th(t("category", lang))])),
            html.Tbody([html.Tr([html.Td(m.text), html.Td(m.who),
                                 html.Td(t("category_n", lang, n=m.category) if m.category else "–")]) for m in phase.measures]),
        ], size="sm", bordered=False, striped=True, className="small mb-2 measures")
    return html.Div([html.H3(title, className="h6 mt-1"), rows])


def information_needs(phases: list[Phase], lang: str) -> html.Div:
    """The information needs of the current and the next phase."""
    items = [html.Li(f"{need} ({t('phase_n', lang, n=p.level)})") for p in phases if p is not None for need in p.information_needs]
    body = html.Ul(items, className="small mb-1") if items else html.P(t("none_recorded", lang), className="small text-muted")
    return html.Div([html.H3(t("information_needs", lang), className="h6 mt-1"), body])


def _status_block(view: View, ls: LineSituation, line: ReasoningLine) -> html.Div:
    lang = view.lang
    catalogue = view.snapshot.line_set.catalogue
    explanation = status_text(ls, lang)
    reasons = [html.Li(reason_sentence(r, ls, line, catalogue, lang), className=f"reason-{r.kind}") for r in ls.reasons]
    status_rows = data_status(ls, catalogue, lang)
    expected = view.situation.expected_for(ls.line)
    forecast_block = None
    if expected is not None:
        forecast_block = html.Div([html.Span(t("expected", lang) + ": ", className="fw-semibold"), expected_chip(expected, lang),
                                   html.Div(expected_sentence(expected, line, lang))], className="small mt-1 expected")
    return html.Div([
        line_chip(ls, lang, large=True, chip_id=ids.line_phase_badge(ls.line)),
        html.Div(since_text(ls, lang), className="small mt-1"),
        html.Div(explanation, className="small data-problem") if explanation else None,
        forecast_block,
        html.H3(t("why", lang), className="h6 mt-2 mb-1"),
        html.Ul(reasons, className="small mb-1 reasons") if reasons else html.P("–", className="small"),
        html.Div([html.Span(t("data_status", lang) + ": ", className="fw-semibold")]
                 + [html.Span(text, className=("data-problem " if kind in ("stale", "missing") else
                                               "data-synthetic " if kind == "synthetic" else "text-success ") + "me-2")
                    for kind, text in status_rows], className="small"),
    ])


def indicator_panel(view: View, line: ReasoningLine, indicator_id: str, config: DashboardConfig) -> html.Div:
    """One indicator: its description, series, source and synthetic label, and its chart."""
    lang = view.lang
    snapshot = view.snapshot
    indicator = next(i for i in line.indicators if i.id == indicator_id)
    observed = snapshot.data.observations.get(indicator.series)
    forecast = snapshot.data.forecasts.get(indicator.series)
    entry = snapshot.line_set.catalogue.get(indicator.series)
    unit = observed.unit if observed is not None else (entry.unit if entry else "")
    synthetic = bool((observed is not None and observed.synthetic) or (entry is not None and entry.synthetic))
    timeline = snapshot.evaluation.lines[line.id].indicators.get(indicator.id) if line.id in snapshot.evaluation.lines else None
    figure = indicator_figure(indicator, line, timeline, observed, forecast, view.as_of, lang, unit=unit,
                              view_days=config.chart_days, data_days=config.data_days, max_points=config.max_chart_points)
    monthly = any(len(set(th.enter_by_month())) > 1 for th in indicator.thresholds)
    notes = []
    if monthly:
        notes.append("* " + t("threshold_monthly", lang))
    if any(indicator.is_illustrative(th) for th in indicator.thresholds):
        notes.append("† " + t("illustrative_thresholds", lang))
    return html.Div([
        html.Div([
            html.H4([indicator.description], className="h6 mb-0"),
            synthetic_badge(lang) if synthetic else None,
        ], className="d-flex align-items-center flex-wrap gap-1"),
        html.Div(f"{series_name(indicator.series, snapshot.line_set.catalogue)} ({indicator.series}) · "
                 f"{t('source', lang)}: {source_text(indicator.source, lang)}"
                 + (f" · {' · '.join(notes)}" if notes else ""), className="small text-muted"),
        dcc.Graph(id=ids.indicator_chart(line.id, indicator.id), figure=figure, config=CHART_CONFIG,
                  className="indicator-chart"),
    ], className="indicator-panel mb-3")


def line_section(view: View, ls: LineSituation, config: DashboardConfig) -> dbc.Card:
    """Everything about one reasoning line of the region."""
    lang = view.lang
    line = view.snapshot.line_set.line(ls.line)
    current = line.phase(ls.phase) if ls.phase is not None else None
    upcoming = line.phase(ls.next_phase) if ls.next_phase is not None else (line.phase(1) if ls.phase is None else None)
    meta = t("line_meta", lang, version=line.version, status=t(f"status_{line.status}", lang), owner=line.owner)
    measures = []
    if current is not None:
        measures.append(measures_table(current, t("measures_current", lang, phase=phase_words(line, current.level, lang)), lang))
    if upcoming is not None:
        measures.append(measures_table(upcoming, t("measures_next", lang, phase=phase_words(line, upcoming.level, lang)), lang))
    return dbc.Card([
        dbc.CardHeader([
            html.H2([html.Span(hazard_word(line.hazard, lang), className="hazard-label me-2"), line.title], className="h5 mb-0"),
            html.Div(meta, className="small text-muted"),
        ]),
        dbc.CardBody([
            dbc.Row([
                dbc.Col([_status_block(view, ls, line), html.H3(t("ladder", lang), className="h6 mt-3 mb-1"), ladder(line, ls, lang)],
                        lg=5, xl=4, className="mb-2"),
                dbc.Col(measures + [information_needs([current, upcoming], lang)], lg=7, xl=8),
            ]),
            html.H3(t("indicators", lang), className="h6 mt-2"),
            html.P(t("chart_hint", lang), className="small text-muted mb-1"),
            dbc.Row([dbc.Col(indicator_panel(view, line, ind.id, config), xxl=6) for ind in line.indicators]),
        ]),
    ], id=ids.line_section(line.id), className="mb-3 line-section")


def timeline_section(view: View, code: str, config: DashboardConfig) -> dbc.Card:
    """The phase strip of every line of the region over the chart period, and the phase changes in it."""
    lang = view.lang
    start = view.as_of - pd.Timedelta(days=config.chart_days)
    end = view.as_of + pd.Timedelta(days=config.chart_days)
    timelines = [view.snapshot.evaluation.lines[ln.id] for ln in view.snapshot.line_set.lines_for(code)
                 if ln.id in view.snapshot.evaluation.lines]
    figure = phase_timeline_figure(timelines, start, end, view.as_of, lang)
    changes = sorted((c for tl in timelines for c in phase_changes(tl, start, end)), key=lambda c: c.time)
    line_names = {tl.line.id: hazard_word(tl.line.hazard, lang) for tl in timelines}
    lines = {tl.line.id: tl.line for tl in timelines}
    if changes:
        table = dbc.Table([
            html.Thead(html.Tr([html.Th(t("change_time", lang)), html.Th(t("change_line", lang)),
                                html.Th(t("change_from", lang)), html.Th(t("change_to", lang))])),
            html.Tbody([html.Tr([
                html.Td(local_time(c.time, lang)), html.Td(line_names[c.line]),
                html.Td(phase_words(lines[c.line], c.before, lang)), html.Td(phase_words(lines[c.line], c.after, lang)),
            ], className="change-row" + (" future" if c.time > view.as_of else "")) for c in changes]),
        ], size="sm", striped=True, className="small mb-0 changes-table")
    else:
        table = html.P(t("no_changes", lang), className="small text-muted mb-0")
    return dbc.Card([
        dbc.CardHeader(html.H2(t("phase_timeline", lang), className="h5 mb-0")),
        dbc.CardBody([
            dcc.Graph(id=ids.timeline_chart(code), figure=figure, config={"displaylogo": False, "displayModeBar": False}),
            html.H3(t("phase_changes", lang), className="h6 mt-2"),
            html.Div(table, className="changes-scroll"),
        ]),
    ], className="mb-3")


def neighbours_section(view: View, code: str) -> dbc.Card:
    """Which regions this one affects and is affected by now, and why; and all its hydrological links."""
    lang = view.lang
    situation = view.situation
    line_set = view.snapshot.line_set

    def impact_item(impact, other_code: str) -> html.Li:
        a = impact.affected
        cause = situation.line(a.line)
        link = line_set.regions.link(a.link)
        return html.Li([
            chip(impact.cause_phase, f"{other_code} · {hazard_word(impact.hazard, lang).lower()} {map_label(cause, lang)}",
                 unknown=impact.cause_phase is None),
            html.Span(f" {a.reason}", className="ms-1"),
            html.Div(f"{a.link}: {link.describe(lang) if link else ''} ({t('phase_n', lang, n=a.from_phase)}+ {a.line})",
                     className="text-muted"),
        ], className="mb-1")

    affects = [impact_item(i, i.affected.region) for i in impacts_from(situation, code)]
    affected = [impact_item(i, i.affected.by) for i in impacts_on(situation, code)]
    links_out = [html.Li(f"→ {ln.to}: {ln.describe(lang)} ({ln.id})") for ln in line_set.regions.links if ln.from_ == code]
    links_in = [html.Li(f"← {ln.from_}: {ln.describe(lang)} ({ln.id})") for ln in line_set.regions.links if ln.to == code]
    nothing = html.P(t("nothing", lang), className="text-muted small")
    return dbc.Card([
        dbc.CardHeader(html.H2(t("neighbours", lang), className="h5 mb-0")),
        dbc.CardBody(dbc.Row([
            dbc.Col([html.H3(t("affects", lang), className="h6"), html.Ul(affects, className="list-unstyled small") if affects else nothing,
                     html.H3(t("links_out", lang), className="h6 mt-2"), html.Ul(links_out, className="small") if links_out else nothing], md=6),
            dbc.Col([html.H3(t("affected_by", lang), className="h6"), html.Ul(affected, className="list-unstyled small") if affected else nothing,
                     html.H3(t("links_in", lang), className="h6 mt-2"), html.Ul(links_in, className="small") if links_in else nothing], md=6),
        ])),
    ], className="mb-3", id=f"neighbours-{code}")


def region_view(view: View, code: str, config: DashboardConfig) -> list:
    """The whole region view for ``code`` at the view's as-of time."""
    lang = view.lang
    # The most severe line first (unknown counts as severe: it needs attention), then drought before flood.
    lines = sorted(view.situation.for_region(code),
                   key=lambda ls: (-(ls.national_phase if ls.phase is not None else 2.5), ls.hazard))
    content: list = [region_header(view, code, config.language)]
    if not lines:
        content.append(dbc.Alert(t("no_lines_region", lang), color="light"))
    content += [line_section(view, ls, config) for ls in lines]
    if lines:
        content.append(timeline_section(view, code, config))
    content.append(neighbours_section(view, code))
    return content
