"""Every page renders on the demo data in both languages, offline, with texts in the chosen language."""
from __future__ import annotations

import json

import plotly
import plotly.graph_objects as go
import pytest

from dashboard import ids
from dashboard.app import create_app
from dashboard.callbacks.overview import overview_outputs
from dashboard.callbacks.region import region_outputs
from dashboard.config import DashboardConfig
from dashboard.i18n import TEXTS, local_time, number, t
from dashboard.view import make_view
from tests.unit.dash_text import text_of

CONFIG = DashboardConfig()


@pytest.fixture(scope="module")
def app():
    return create_app(CONFIG)



def graphs_in(component) -> list:
    """Every dcc.Graph figure in a component tree."""
    found = []
    if isinstance(component, list | tuple):
        for c in component:
            found += graphs_in(c)
    elif component is not None and not isinstance(component, str | int | float):
        if getattr(component, "figure", None) is not None:
            found.append(component.figure)
        found += graphs_in(getattr(component, "children", None))
    return found


def test_every_text_exists_in_dutch_and_english():
    for key, texts in TEXTS.items():
        assert set(texts) == {"nl", "en"}, key
        assert texts["nl"] and texts["en"], key


def test_numbers_and_times_follow_the_language():
    assert number(1100.0, "nl") == "1.100" and number(1100.0, "en") == "1,100"
    assert number(-0.32, "nl") == "-0,32"
    from dashboard.state import parse_as_of
    assert local_time(parse_as_of("2018-08-15T12:00"), "nl") == "15 aug 2018 12:00"
    assert local_time(parse_as_of("2018-10-15T12:00"), "en") == "15 Oct 2018 12:00"


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("at", ["2018-08-15T12:00", "2021-07-15T12:00"])
def test_overview_renders_with_a_valid_map_in_each_language(app, lang, at):
    view = make_view(app.service, "/", f"?t={at}&lang={lang}")
    from dashboard.geo import load_map_geometry
    outputs = overview_outputs(view, load_map_geometry(CONFIG.assets_dir), CONFIG)
    go.Figure(outputs[1])
    text = text_of(list(outputs[4:]))
    assert (t("regions", lang)) in text
    other = "en" if lang == "nl" else "nl"
    assert t("worst_phase", other) not in text


@pytest.mark.parametrize("code", ["WMCN", "RMM", "VZM", "IJG", "ARKNZK", "RG", "ZN", "ZON"])
def test_every_region_view_renders_with_valid_charts(app, code):
    view = make_view(app.service, f"/regio/{code}", "?t=2018-08-15T12:00")
    style, content = region_outputs(view, CONFIG)
    assert style == {"display": "block"}
    figures = graphs_in(content)
    assert figures, "a region view shows indicator charts"
    for fig in figures:
        go.Figure(fig)
    text = text_of(content)
    assert code in text and t("ladder", "nl") in text


def test_region_view_shows_the_expected_phase_apart_when_a_forecast_exists(app):
    view = make_view(app.service, "/regio/WMCN", "?t=2018-08-15T12:00")
    text = text_of(region_outputs(view, CONFIG)[1])
    assert "Verwachting" in text and "los van de gemeten fase" in text


def test_unknown_region_gives_a_message_not_an_error(app):
    view = make_view(app.service, "/regio/XYZ", "")
    _, content = region_outputs(view, CONFIG)
    assert "XYZ" in text_of(content)


def test_region_payload_is_small(app):
    view = make_view(app.service, "/regio/WMCN", "?t=2018-08-15T12:00")
    size = len(json.dumps(region_outputs(view, CONFIG), cls=plotly.utils.PlotlyJSONEncoder))
    assert size < 1_000_000


def test_no_stylesheet_or_script_comes_from_the_internet(app):
    client = app.server.test_client()
    page = client.get("/").get_data(as_text=True)
    assert "cdn" not in page.lower() and "https://" not in page
    assert "00-bootstrap-5.3.6.min.css" in page and "dashboard.css" in page
    assert client.get("/assets/00-bootstrap-5.3.6.min.css").status_code == 200
    assert '<html lang="nl">' in page


def test_layout_has_the_controls_and_both_pages(app):
    layout = app.server.test_client().get("/_dash-layout").get_data(as_text=True)
    for component_id in (ids.URL, ids.ASOF_DATE, ids.ASOF_SLIDER, ids.ASOF_LATEST, ids.MAP_GRAPH, ids.REGION_PAGE,
                         ids.LANGUAGE_BUTTON, ids.HAZARD_TOGGLE):
        assert f'"{component_id}"' in layout


def test_without_a_hazard_in_the_url_the_map_shows_the_hazard_with_the_highest_phase(app):
    assert make_view(app.service, "/", "?t=2018-08-15T12:00").hazard == "drought"
    assert make_view(app.service, "/", "?t=2021-07-15T12:00").hazard == "flood"  # the Meuse flood
    assert make_view(app.service, "/", "?t=2021-07-15T12:00&hazard=drought").hazard == "drought"
