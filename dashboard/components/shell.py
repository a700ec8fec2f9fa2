"""The page shell: navigation bar, as-of bar, notice area, both page containers and the about dialog.

The shell is built once per page load and stays: its buttons keep keyboard focus while the as-of
time moves, and the map keeps its zoom. Callbacks only change texts, values and the pages' contents.
"""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.config import DashboardConfig
from dashboard.i18n import t

MAP_CONFIG = {"displaylogo": False, "scrollZoom": False,
              "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toImage"]}


def navbar(lang: str) -> dbc.Navbar:
    """Title (a link to the overview), language switch and the about button."""
    return dbc.Navbar(
        dbc.Container([
            dcc.Link([html.Span(t("app_title", lang), id=ids.NAV_TITLE, className="app-title"),
                      html.Span(t("app_subtitle", lang), id=ids.NAV_SUBTITLE, className="app-subtitle d-none d-md-inline")],
                     href="/", id=ids.NAV_OVERVIEW_LINK, className="navbar-brand text-white text-decoration-none"),
            html.Div([
                dbc.Button(t("about_short", lang), id=ids.ABOUT_BUTTON, color="light", outline=True, size="sm",
                           className="me-2", n_clicks=0),
                dbc.Button(t("language_switch", lang), id=ids.LANGUAGE_BUTTON, color="light", size="sm", n_clicks=0,
                           title=t("language_switch_label", lang)),
            ], className="d-flex align-items-center"),
        ], fluid=True),
        color="#12355b", dark=True, className="app-navbar py-1",
    )


def asof_bar(lang: str) -> html.Section:
    """The as-of control: date, time, step buttons, "latest", the moment shown, and a slider over the data."""
    step_button = dict(color="secondary", outline=True, size="sm", n_clicks=0, className="me-1")
    return html.Section([
        html.Div([
            html.Label(t("asof", lang), id=ids.ASOF_LABEL, htmlFor=ids.ASOF_DATE, className="asof-label me-1"),
            html.Div(dcc.DatePickerSingle(id=ids.ASOF_DATE, display_format="DD-MM-YYYY", first_day_of_week=1,
                                          clearable=False, placeholder="dd-mm-jjjj"), className="asof-date me-1"),
            html.Label(t("time", lang), id=ids.ASOF_TIME_LABEL, htmlFor=ids.ASOF_TIME, className="visually-hidden"),
            dbc.Input(id=ids.ASOF_TIME, type="text", debounce=True, size="sm", className="asof-time me-2", value="12:00",
                      placeholder="uu:mm", pattern="[0-2][0-9]:[0-5][0-9]", maxlength=5, autocomplete="off"),
            html.Div([
                dbc.Button(t("minus_week", lang), id=ids.ASOF_MINUS_WEEK, **step_button),
                dbc.Button(t("minus_day", lang), id=ids.ASOF_MINUS_DAY, **step_button),
                dbc.Button(t("plus_day", lang), id=ids.ASOF_PLUS_DAY, **step_button),
                dbc.Button(t("plus_week", lang), id=ids.ASOF_PLUS_WEEK, **step_button),
                dbc.Button(t("latest", lang), id=ids.ASOF_LATEST, color="primary", size="sm", n_clicks=0,
                           title=t("latest_title", lang)),
            ], className="d-flex flex-nowrap me-3", role="group", **{"aria-label": t("asof", lang)}),
            html.Div(id=ids.ASOF_SHOWN, className="asof-shown", **{"aria-live": "polite"}),
        ], className="d-flex flex-wrap align-items-center gap-1"),
        html.Div(dcc.Slider(id=ids.ASOF_SLIDER, min=0, max=1, step=1, value=0, updatemode="mouseup",
                            allow_direct_input=False, className="asof-slider",
                            tooltip={"placement": "bottom", "always_visible": False, "transform": "dayNumberToDate"}),
                 className="asof-slider-wrap", title=t("slider_label", lang)),
    ], className="asof-bar container-fluid", **{"aria-label": t("asof", lang)})


def overview_page(lang: str) -> html.Div:
    """The national overview's fixed frame; the callback fills the map, roll-ups, list and cards."""
    return html.Div([
        dbc.Row([
            dbc.Col(dbc.Card([
                dbc.CardHeader(html.Div([
                    html.H2(id=ids.MAP_TITLE, className="h6 mb-0 me-3"),
                    html.Div([
                        html.Span(t("map_shows", lang), id=ids.HAZARD_LABEL, className="me-2 small"),
                        dbc.RadioItems(id=ids.HAZARD_TOGGLE, value="drought", inline=True,
                                       options=[{"label": t("drought", lang), "value": "drought"},
                                                {"label": t("flood", lang), "value": "flood"}],
                                       class_name="btn-group hazard-toggle", input_class_name="btn-check",
                                       label_class_name="btn btn-outline-primary btn-sm",
                                       label_checked_class_name="active"),
                    ], className="d-flex align-items-center"),
                ], className="d-flex flex-wrap align-items-center justify-content-between"), className="py-1"),
                dbc.CardBody([
                    dcc.Graph(id=ids.MAP_GRAPH, config=MAP_CONFIG, className="map-graph", responsive=True),
                    html.Div(id=ids.MAP_LEGEND, className="map-legend"),
                ], className="p-1"),
            ]), lg=7, className="mb-2"),
            dbc.Col([
                html.Div(id=ids.ROLLUPS, className="mb-2"),
                html.Div(id=ids.REGION_LIST),
            ], lg=5, className="mb-2"),
        ], className="g-2"),
        html.H2(id=ids.REGIONS_TITLE, className="h5 mt-2"),
        html.Div(id=ids.REGION_CARDS),
        dcc.Store(id=ids.MAP_TRACE_REGIONS),
    ], id=ids.OVERVIEW_PAGE)


def region_page() -> html.Div:
    """The region view's frame; the callback fills it."""
    return html.Div(html.Div(id=ids.REGION_CONTENT), id=ids.REGION_PAGE, style={"display": "none"})


def about_modal(lang: str) -> dbc.Modal:
    """The about dialog: what the dashboard shows, and the credits of the map sources."""
    return dbc.Modal([
        dbc.ModalHeader(dbc.ModalTitle(t("about", lang), id=ids.ABOUT_TITLE)),
        dbc.ModalBody(id=ids.ABOUT_BODY),
        dbc.ModalFooter(dbc.Button(t("close", lang), id=ids.ABOUT_CLOSE, n_clicks=0)),
    ], id=ids.ABOUT_MODAL, is_open=False, size="lg", scrollable=True)


def app_layout(config: DashboardConfig, data_version: str) -> html.Div:
    """The whole page. ``data_version`` seeds the store that triggers a re-render when data changes."""
    lang = config.language
    return html.Div([
        dcc.Location(id=ids.URL, refresh="callback-nav"),
        dcc.Interval(id=ids.LIVE_TIMER, interval=config.live_check_seconds * 1000, n_intervals=0),
        dcc.Store(id=ids.DATA_VERSION, data=data_version),
        dcc.Store(id=ids.SCROLL_SINK),
        navbar(lang),
        asof_bar(lang),
        html.Main([
            html.Nav(id=ids.MOMENTS, className="moments small"),
            html.Div(id=ids.NOTICE, **{"aria-live": "polite"}),
            overview_page(lang),
            region_page(),
        ], className="container-fluid app-main"),
        about_modal(lang),
    ], id=ids.APP_ROOT, lang=lang, className="app-root")
