"""Callback of the national overview: the map, the roll-ups, the region list and the region cards.

:func:`overview_outputs` is the plain function behind the callback (the benchmark and tests call it
directly); the callback only wires it to the URL. On the region page it hides the overview and sends
nothing else.
"""
from __future__ import annotations

from dash import Dash, Input, Output, html, no_update

from dashboard import ids
from dashboard.components.overview import impacts_card, legend, region_cards, region_list, rollups
from dashboard.config import DashboardConfig
from dashboard.figures.nlmap import national_map_figure, trace_regions
from dashboard.geo import MapGeometry
from dashboard.i18n import hazard_word, t
from dashboard.phases import rollup
from dashboard.service import SituationService
from dashboard.view import View, make_view

SHOWN = {"display": "block"}
HIDDEN = {"display": "none"}
N_OUTPUTS = 9


def overview_outputs(view: View, geometry: MapGeometry, config: DashboardConfig) -> tuple:
    """Everything the overview shows for one view, in the order of the callback's outputs."""
    lang, hazard = view.lang, view.hazard
    situation, line_set = view.situation, view.snapshot.line_set
    codes = line_set.regions.codes()
    selected = view.state.region if line_set.regions.get(view.state.region or "") else None
    figure = national_map_figure(situation, line_set, geometry, hazard, lang, selected)
    rolls = [rollup(situation, h, codes) for h in ("drought", "flood")]
    return (
        SHOWN,
        figure,
        trace_regions(figure),
        _map_title(view),
        legend(lang),
        rollups(rolls, hazard, lang),
        [region_list(situation, line_set, view.state, hazard, lang, config.language),
         impacts_card(situation, line_set, hazard, lang)],
        t("regions", lang),
        region_cards(situation, line_set, view.state, hazard, lang, config.language),
    )


def _map_title(view: View) -> list:
    """``Kaart: hoogwater`` and, when the view chose it, why."""
    lang = view.lang
    title = [t("map_title", lang, hazard=hazard_word(view.hazard, lang).lower())]
    if view.hazard_is_automatic:
        title.append(html.Span(t("map_auto", lang), className="small text-muted ms-2 fw-normal"))
    return title


def register(app: Dash, service: SituationService, config: DashboardConfig, geometry: MapGeometry) -> None:
    """Register the overview callback on ``app``."""

    @app.callback(
        Output(ids.OVERVIEW_PAGE, "style"), Output(ids.MAP_GRAPH, "figure"), Output(ids.MAP_TRACE_REGIONS, "data"),
        Output(ids.MAP_TITLE, "children"), Output(ids.MAP_LEGEND, "children"), Output(ids.ROLLUPS, "children"),
        Output(ids.REGION_LIST, "children"), Output(ids.REGIONS_TITLE, "children"), Output(ids.REGION_CARDS, "children"),
        Input(ids.URL, "pathname"), Input(ids.URL, "search"), Input(ids.DATA_VERSION, "data"),
    )
    def render_overview(pathname, search, _version):
        view = make_view(service, pathname, search)
        if view.state.page != "overview":
            return (HIDDEN,) + (no_update,) * (N_OUTPUTS - 1)
        return overview_outputs(view, geometry, config)
