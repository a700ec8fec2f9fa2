"""Callback of the region view: renders the view of the region in the URL at its as-of time.

:func:`region_outputs` is the plain function behind it. An unknown region code shows a short message
(and the notice names it); on the overview the region page is hidden and nothing else is sent.
"""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, dcc, no_update

from dashboard import ids
from dashboard.components.region import region_view
from dashboard.config import DashboardConfig
from dashboard.i18n import t
from dashboard.service import SituationService
from dashboard.state import href_of
from dashboard.view import View, make_view

SHOWN = {"display": "block"}
HIDDEN = {"display": "none"}


def region_outputs(view: View, config: DashboardConfig) -> tuple:
    """The region page's style and content for one view."""
    code = view.state.region
    if code is None or view.snapshot.line_set.regions.get(code) is None:
        back = href_of(view.state.but(page="overview", region=None), config.language)
        return SHOWN, dbc.Alert([t("notice_bad_region", view.lang, code=code or "?"), " ",
                                 dcc.Link(t("back_to_overview", view.lang), href=back)], color="light")
    return SHOWN, region_view(view, code, config)


def register(app: Dash, service: SituationService, config: DashboardConfig) -> None:
    """Register the region view callback on ``app``."""

    @app.callback(
        Output(ids.REGION_PAGE, "style"), Output(ids.REGION_CONTENT, "children"),
        Input(ids.URL, "pathname"), Input(ids.URL, "search"), Input(ids.DATA_VERSION, "data"),
    )
    def render_region(pathname, search, _version):
        view = make_view(service, pathname, search)
        if view.state.page != "region":
            return HIDDEN, no_update
        return region_outputs(view, config)
