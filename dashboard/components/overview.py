"""The national overview's parts: roll-ups per hazard, the legend, the region list and the region cards.

All content is read from the engine's :class:`~indicators.result.Situation`; the order of regions is
the order of ``regios.yaml`` in the cards (stable places on a wall screen) and by severity in the
short list (what needs attention first).
"""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.components.common import chip, expected_chip, line_chip, since_text, status_text, synthetic_badge
from dashboard.i18n import hazard_word, local_time, national_word, t
from dashboard.phases import Rollup, impacts, impacts_from, impacts_on, map_label, region_line
from dashboard.state import ViewState, href_of
from dashboard.wording import data_status, driving_reason, expected_sentence, next_reason, reason_sentence
from indicators.reasoning import LineSet
from indicators.result import LineSituation, Situation

LEVELS: tuple[int | None, ...] = (0, 1, 2, 3, None)


def rollup_tile(roll: Rollup, lang: str, shown_on_map: bool) -> dbc.Card:
    """One hazard's national picture: the highest national phase and chips counting regions per phase."""
    hazard = roll.hazard
    headline = [_headline_chip(roll, lang)]
    if roll.unknown and roll.worst is not None:
        headline.append(chip(None, f"+ {roll.unknown} {t('unknown', lang)}", unknown=True, large=True,
                             chip_id=f"rollup-{hazard}-unknown-headline"))
    counts = []
    for level in LEVELS:
        word = national_word(level, lang)
        regions = ", ".join(roll.regions[level]) or "–"
        counts.append(chip(level, f"{roll.counts[level]} {word}", unknown=level is None, title=f"{word}: {regions}",
                           chip_id=f"rollup-{hazard}-{'unknown' if level is None else level}",
                           muted=roll.counts[level] == 0))
    footer = []
    if roll.without_line:
        footer.append(html.Div(t("regions_without_line", lang, n=len(roll.without_line), hazard=hazard_word(hazard, lang).lower())
                               + f": {', '.join(roll.without_line)}", className="small text-muted mt-1"))
    committee = "LCW" if hazard == "drought" else "LCO"
    header = [html.Span(hazard_word(hazard, lang), className="fw-bold"),
              html.Span(f" · {committee}", className="text-muted me-2", title=t(f"{hazard}_committee", lang))]
    if shown_on_map:
        header.append(dbc.Badge(t("map", lang), color="primary", className="ms-auto"))
    return dbc.Card(dbc.CardBody([
        html.Div(header + [html.Span(headline, className="ms-2 d-inline-flex gap-1 flex-wrap")],
                 className="d-flex align-items-center mb-1 flex-wrap"),
        html.Div([html.Span(t("regions_per_phase", lang) + ":", className="small me-1")] + counts,
                 className="d-flex flex-wrap align-items-center gap-1"),
        *footer,
    ], className="py-2 px-2"), id=ids.rollup(hazard), className=f"rollup-tile h-100 {'rollup-active' if shown_on_map else ''}")


def _headline_chip(roll: Rollup, lang: str) -> html.Span:
    """The highest national phase; ``≥`` when some regions are unknown (they could be higher), and
    ``onbekend`` when nothing is known: missing data is never shown as all clear."""
    chip_id = f"rollup-{roll.hazard}-worst"
    if roll.worst is None:
        return chip(None, t("unknown", lang), unknown=True, large=True, chip_id=chip_id)
    prefix = "≥ " if roll.unknown and roll.worst < 3 else ""
    return chip(roll.worst, f"{prefix}{roll.worst} {national_word(roll.worst, lang)}", large=True, chip_id=chip_id)


def rollups(rolls: list[Rollup], hazard_on_map: str, lang: str) -> html.Div:
    """Both hazards' roll-ups side by side (drought first: the LCW view)."""
    return dbc.Row([dbc.Col(rollup_tile(r, lang, r.hazard == hazard_on_map), md=6, className="mb-2") for r in rolls],
                   className="g-2")


def legend(lang: str) -> html.Div:
    """The map legend: colours with their words, the hatch for unknown, the affected outline, links."""
    items = [chip(level, f"{level} {national_word(level, lang)}") for level in (0, 1, 2, 3)]
    items.append(chip(None, t("legend_unknown", lang), unknown=True))
    items.append(html.Span(t("legend_no_line", lang), className="phase-chip phase-none"))
    items.append(html.Span([html.Span(className="swatch-affected"), t("legend_affected", lang)], className="legend-item"))
    items.append(html.Span([html.Span(className="swatch-link"), t("legend_link", lang)], className="legend-item"))
    items.append(html.Span([html.Span(className="swatch-river"), t("legend_wmcn", lang)], className="legend-item"))
    items.append(html.Span(f"{t('outlines_indicative', lang).capitalize()} · {t('map_click_hint', lang)}",
                           className="legend-item text-muted"))
    return html.Div(items, className="d-flex flex-wrap align-items-center gap-2 small")


def _severity(ls: LineSituation | None) -> float:
    """Sort key, most urgent first: rood, oranje, then unknown (never read as normal), geel, groen, no line."""
    if ls is None:
        return 9.0
    if ls.phase is None:
        return -1.5
    return -float(ls.national_phase or 0)


def _changed_expectation(situation: Situation, ls: LineSituation | None, lang: str):
    """The expected-phase chip, only when the forecast expects another national phase than now."""
    expected = situation.expected_for(ls.line) if ls is not None else None
    if expected is None or expected.national_phase == ls.national_phase:
        return None
    return expected_chip(expected, lang)


def _short_since(ls: LineSituation | None, lang: str) -> str:
    """Since when, as a date only (``4 aug 2018``); for an unknown phase the time of the last known one."""
    if ls is None:
        return ""
    if ls.phase is None:
        return t("last_known", lang, phase=t("phase_n", lang, n=ls.last_known_phase), when=local_time(ls.last_known_at, lang, False)) \
            if ls.last_known_phase is not None else ""
    return local_time(ls.since, lang, False) if ls.since is not None else ""


def region_list(situation: Situation, line_set: LineSet, state: ViewState, hazard: str, lang: str,
                default_lang: str) -> dbc.Card:
    """A short table of all regions, most severe first: code (a link to its view), phase, since."""
    rows = []
    regions = sorted(line_set.regions.regions, key=lambda r: _severity(region_line(situation, r.code, hazard)))
    for region in regions:
        ls = region_line(situation, region.code, hazard)
        name = region.name if lang == "nl" else region.name_en
        href = href_of(state.but(page="region", region=region.code), default_lang)
        since = _short_since(ls, lang)
        rows.append(html.Tr([
            html.Td(dcc.Link(html.B(region.code), href=href, title=t("open_region_named", lang, name=name),
                             className="region-list-link")),
            html.Td([line_chip(ls, lang), " ", _changed_expectation(situation, ls, lang)]),
            html.Td(since, className="small text-muted"),
        ], className="selected" if state.region == region.code else None))
    return dbc.Card([
        dbc.CardHeader(html.H2(f"{t('regions', lang)} — {hazard_word(hazard, lang)}", className="h6 mb-0"), className="py-1"),
        dbc.CardBody(html.Table([
            html.Thead(html.Tr([html.Th(t("regions", lang)), html.Th(t("phase", lang).capitalize()),
                                html.Th(t("since", lang, when="").strip().capitalize())]), className="visually-hidden"),
            html.Tbody(rows),
        ], className="table table-sm mb-0 region-list"), className="py-1 px-2"),
    ])


def impacts_card(situation: Situation, line_set: LineSet, hazard: str, lang: str) -> dbc.Card:
    """Who affects whom now (the map's dashed layer as a list): per causing line its neighbours, with reasons."""
    by_cause: dict[str, list] = {}
    for impact in impacts(situation, hazard):
        by_cause.setdefault(impact.affected.line, []).append(impact)
    rows = []
    for line_id, items in by_cause.items():
        cause = situation.line(line_id)
        targets = _joined([html.Span(i.affected.region, title=i.affected.reason, className="neighbour") for i in items])
        rows.append(html.Li([html.B(cause.region, className="me-1"), line_chip(cause, lang), html.Span(" → ", className="mx-1")]
                            + targets, className="mb-1"))
    body = html.Ul(rows, className="list-unstyled small mb-0") if rows else html.P(t("nothing", lang), className="small text-muted mb-0")
    return dbc.Card([
        dbc.CardHeader(html.H2(f"{t('impacts_now', lang)} — {hazard_word(hazard, lang)}", className="h6 mb-0"), className="py-1"),
        dbc.CardBody(body, className="py-2 px-2"),
    ], className="mt-2", id="impacts-card")


def _indicator_line(ls: LineSituation, line_set: LineSet, lang: str) -> list:
    """The driving indicator (or the closest step to the next phase) as one sentence."""
    line = line_set.line(ls.line)
    out = []
    reason = driving_reason(ls)
    if reason is not None:
        out.append(html.Div([html.Span(t("drives", lang) + ": ", className="fw-semibold"),
                             reason_sentence(reason, ls, line, line_set.catalogue, lang)], className="small"))
    step = next_reason(ls)
    if step is not None:
        out.append(html.Div([html.Span(t("next_step", lang) + ": ", className="fw-semibold"),
                             reason_sentence(step, ls, line, line_set.catalogue, lang)], className="small"))
    elif ls.phase is not None and ls.next_phase is None and ls.phase > 0:
        out.append(html.Div(t("top_phase_reached", lang), className="small text-muted"))
    return out


def _data_lines(ls: LineSituation, line_set: LineSet, lang: str) -> html.Div:
    parts = []
    for kind, text in data_status(ls, line_set.catalogue, lang):
        css = {"ok": "text-success", "stale": "data-problem", "missing": "data-problem", "synthetic": "data-synthetic"}[kind]
        parts.append(html.Span(text, className=f"{css} me-2"))
    return html.Div([html.Span(t("data_status", lang) + ": ", className="fw-semibold")] + parts, className="small")


def _neighbour_lines(situation: Situation, code: str, lang: str) -> list:
    """Compact: the codes of the regions this one affects and is affected by; the reasons in the tooltip."""
    out = []
    for label, items, other in ((t("affects", lang), impacts_from(situation, code), lambda a: a.region),
                                (t("affected_by", lang), impacts_on(situation, code), lambda a: a.by)):
        if not items:
            continue
        names = []
        for i in items:
            cause = situation.line(i.affected.line)
            text = f"{other(i.affected)} ({hazard_word(i.hazard, lang).lower()}, {map_label(cause, lang)})"
            names.append(html.Span(text, title=i.affected.reason, className="neighbour"))
        out.append(html.Div([html.Span(label + ": ", className="fw-semibold")] + _joined(names), className="small"))
    if not out:
        out.append(html.Div([html.Span(f"{t('affects', lang)} / {t('affected_by', lang).lower()}: ", className="fw-semibold"),
                             t("nothing", lang)], className="small text-muted"))
    return out


def _joined(items: list) -> list:
    out = []
    for i, item in enumerate(items):
        if i:
            out.append(", ")
        out.append(item)
    return out


def region_card(code: str, situation: Situation, line_set: LineSet, state: ViewState, hazard: str, lang: str,
                default_lang: str) -> dbc.Card:
    """One region: the map hazard's line in full (phase, since, driver, next step, data status),
    the other hazard in one line, and what the region affects and is affected by."""
    region = line_set.regions.get(code)
    name = region.name if lang == "nl" else region.name_en
    ls = region_line(situation, code, hazard)
    other_hazard = "flood" if hazard == "drought" else "drought"
    other = region_line(situation, code, other_hazard)
    href = href_of(state.but(page="region", region=code), default_lang)
    body: list = [html.Div([html.Span(hazard_word(hazard, lang), className="hazard-label me-2"), line_chip(ls, lang)],
                           className="mb-1")]
    if ls is None:
        body.append(html.Div(t("no_line_long", lang, hazard=hazard_word(hazard, lang).lower()), className="small text-muted"))
    else:
        body.append(html.Div(since_text(ls, lang), className="small"))
        explanation = status_text(ls, lang)
        if explanation:
            body.append(html.Div(explanation, className="small data-problem"))
        body += _indicator_line(ls, line_set, lang)
        expected = situation.expected_for(ls.line)
        if expected is not None:
            body.append(html.Div([html.Span(t("expected", lang) + ": ", className="fw-semibold"), expected_chip(expected, lang),
                                  " ", expected_sentence(expected, line_set.line(ls.line), lang)], className="small expected"))
        body.append(_data_lines(ls, line_set, lang))
    body.append(html.Div([html.Span(hazard_word(other_hazard, lang), className="hazard-label me-2"), line_chip(other, lang)],
                         className="mt-2 mb-1 other-hazard"))
    body += _neighbour_lines(situation, code, lang)
    synthetic = ls is not None and any(s.synthetic for s in ls.indicators)
    header = html.Div([
        dcc.Link([html.B(code, className="me-2"), name], href=href, id=ids.region_card_link(code),
                 className="card-title-link stretched-link-none", title=t("open_region_named", lang, name=name)),
        synthetic_badge(lang) if synthetic else None,
    ], className="d-flex align-items-center justify-content-between")
    selected = state.region == code
    return dbc.Card([dbc.CardHeader(header, className="py-1"), dbc.CardBody(body, className="py-2")],
                    id=ids.region_card(code), className="region-card h-100" + (" selected" if selected else ""))


def region_cards(situation: Situation, line_set: LineSet, state: ViewState, hazard: str, lang: str,
                 default_lang: str) -> dbc.Row:
    """A responsive grid of region cards (1 to 4 per row, by screen width)."""
    return dbc.Row([
        dbc.Col(region_card(r.code, situation, line_set, state, hazard, lang, default_lang), xs=12, md=6, xl=4, xxl=3,
                className="mb-2")
        for r in line_set.regions.regions
    ], className="g-2")
