"""The dashboard in a real browser: pages load cleanly and the main interactions do what a user expects.

On the demo data the national drought line (WMCN) is normal (phase 0) on 1 June 2018 and at least
phase 1 on 15 August 2018; these tests move the as-of time between the two with the controls a user
has, and check the map and the WMCN card follow.
"""
from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.keys import Keys

from dashboard import ids

REGIONS = ["WMCN", "RMM", "VZM", "IJG", "ARKNZK", "RG", "ZN", "ZON"]
TIMEOUT = 20

MAP_TRACES_JS = """
const gd = document.querySelector('#%s .js-plotly-plot');
if (!gd || !gd.data) { return null; }
return gd.data.map(t => ({name: t.name, meta: t.meta || null, fillcolor: t.fillcolor || null,
                          line: t.line ? t.line.color : null}));
""" % ids.MAP_GRAPH


def map_traces(dash_duo) -> dict:
    """Traces of the map figure as drawn in the browser, by name."""
    traces = dash_duo.driver.execute_script(MAP_TRACES_JS) or []
    return {t["name"]: t for t in traces}


def wait_for_map(dash_duo, as_of_text: str | None = None) -> dict:
    """Wait until the map is drawn (for the given as-of label, when given) and return its traces."""
    dash_duo.wait_for_element(f"#{ids.MAP_GRAPH} .js-plotly-plot", timeout=TIMEOUT)
    if as_of_text:
        dash_duo.wait_for_contains_text(f"#{ids.ASOF_SHOWN}", as_of_text, timeout=TIMEOUT)
    dash_duo.wait_for_element(f"#{ids.region_card('WMCN')}", timeout=TIMEOUT)
    wait_until(dash_duo, lambda: "region-points" in map_traces(dash_duo))
    return map_traces(dash_duo)


def wait_until(dash_duo, condition, timeout: float = TIMEOUT):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(dash_duo.driver, timeout).until(lambda _driver: condition())


def wmcn_drought_phase(dash_duo) -> int | None:
    """The national phase the map shows for WMCN (drought is the default map hazard)."""
    return (map_traces(dash_duo).get("region:WMCN") or {}).get("meta", {}).get("national_phase")


def card_text(dash_duo, code: str) -> str:
    return dash_duo.find_element(f"#{ids.region_card(code)}").text


def card_phase(dash_duo, code: str) -> str:
    """The text of the phase chip of the map hazard's line on a region card."""
    return dash_duo.find_element(f"#{ids.region_card(code)} .card-body .phase-chip").text


def test_overview_loads_without_console_errors_and_shows_every_region(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?t=2018-08-15T12:00")
    traces = wait_for_map(dash_duo, "15 aug 2018 12:00")
    for code in REGIONS:
        assert f"region:{code}" in traces, f"no map layer for {code}"
        dash_duo.find_element(f"#{ids.region_card(code)}")
    labels = dash_duo.driver.execute_script(
        f"return Array.from(document.querySelectorAll('#{ids.MAP_GRAPH} .annotation-text')).map(e => e.textContent)")
    for code in REGIONS:
        assert any(label.startswith(code) for label in labels), f"no label for {code} on the map"
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("code", REGIONS)
def test_every_region_view_loads_without_console_errors(dash_duo, demo_app, code):
    dash_duo.start_server(demo_app)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/regio/{code}?t=2018-08-15T12:00")
    dash_duo.wait_for_contains_text(f"#{ids.REGION_CONTENT} h1", code, timeout=TIMEOUT)
    dash_duo.wait_for_element(f"#{ids.REGION_CONTENT} .indicator-chart .js-plotly-plot", timeout=TIMEOUT)
    assert dash_duo.find_element(f"#{ids.OVERVIEW_PAGE}").value_of_css_property("display") == "none"
    assert dash_duo.get_logs() == []


def test_moving_the_as_of_date_changes_the_wmcn_drought_phase_on_map_and_card(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?t=2018-06-01T12:00")
    wait_for_map(dash_duo, "1 jun 2018 12:00")
    assert wmcn_drought_phase(dash_duo) == 0
    assert card_phase(dash_duo, "WMCN").startswith("0 groen")

    date_input = dash_duo.find_element(f"#{ids.ASOF_DATE}")
    date_input.send_keys(Keys.CONTROL, "a")
    date_input.send_keys("15-08-2018", Keys.ENTER)
    dash_duo.wait_for_contains_text(f"#{ids.ASOF_SHOWN}", "15 aug 2018 12:00", timeout=TIMEOUT)
    wait_until(dash_duo, lambda: (wmcn_drought_phase(dash_duo) or 0) >= 1)
    wait_until(dash_duo, lambda: card_phase(dash_duo, "WMCN")[:1] in ("1", "2", "3"))
    assert "t=2018-08-15T12:00" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_step_buttons_move_by_a_day_and_a_week(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?t=2018-08-15T12:00")
    wait_for_map(dash_duo, "15 aug 2018 12:00")
    dash_duo.find_element(f"#{ids.ASOF_PLUS_WEEK}").click()
    dash_duo.wait_for_contains_text(f"#{ids.ASOF_SHOWN}", "22 aug 2018 12:00", timeout=TIMEOUT)
    dash_duo.find_element(f"#{ids.ASOF_MINUS_DAY}").click()
    dash_duo.wait_for_contains_text(f"#{ids.ASOF_SHOWN}", "21 aug 2018 12:00", timeout=TIMEOUT)
    assert dash_duo.find_element(f"#{ids.ASOF_DATE}").get_attribute("value") == "21-08-2018"
    assert "t=2018-08-21T12:00" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def scroll_into_view(dash_duo, element) -> None:
    """Bring an element to the middle of the window (clear of the sticky as-of bar)."""
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element)


def click(dash_duo, selector: str) -> None:
    """Click an element the way a user would: scrolled into view first."""
    element = dash_duo.find_element(selector)
    scroll_into_view(dash_duo, element)
    element.click()


def _click_map_at(dash_duo, lon: float, lat: float) -> None:
    """Move the mouse to a longitude/latitude on the map and click there (real mouse events via CDP).

    The pixel position comes from Plotly's own axes, so the test clicks where the region is drawn.
    """
    graph = dash_duo.find_element(f"#{ids.MAP_GRAPH} .js-plotly-plot")
    scroll_into_view(dash_duo, graph)
    x, y = dash_duo.driver.execute_script(
        """const gd = arguments[0], L = gd._fullLayout, r = gd.getBoundingClientRect();
           return [r.left + L._size.l + L.xaxis.l2p(arguments[1]), r.top + L._size.t + L.yaxis.l2p(arguments[2])];""",
        graph, lon, lat)
    mouse = {"x": x, "y": y, "button": "left", "clickCount": 1}
    dash_duo.driver.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
    time.sleep(0.4)
    dash_duo.driver.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": "mousePressed", **mouse})
    dash_duo.driver.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": "mouseReleased", **mouse})


def test_clicking_a_region_on_the_map_opens_its_view(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?t=2018-08-15T12:00")
    wait_for_map(dash_duo, "15 aug 2018 12:00")
    _click_map_at(dash_duo, 4.45, 51.88)  # the RMM point (regios.yaml)
    dash_duo.wait_for_contains_text(f"#{ids.REGION_CONTENT} h1", "RMM", timeout=TIMEOUT)
    assert "/regio/RMM" in dash_duo.driver.current_url
    assert "t=2018-08-15T12:00" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_clicking_inside_a_region_outline_opens_its_view(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?t=2018-08-15T12:00")
    wait_for_map(dash_duo, "15 aug 2018 12:00")
    _click_map_at(dash_duo, 6.6, 52.6)  # inside ZON (Overijssel), away from its label point
    dash_duo.wait_for_contains_text(f"#{ids.REGION_CONTENT} h1", "ZON", timeout=TIMEOUT)
    assert dash_duo.get_logs() == []


def test_clicking_a_region_card_opens_its_view_and_back_keeps_time_and_region(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?t=2018-08-15T12:00")
    wait_for_map(dash_duo, "15 aug 2018 12:00")
    click(dash_duo, f"#{ids.region_card_link('ZN')}")
    dash_duo.wait_for_contains_text(f"#{ids.REGION_CONTENT} h1", "ZN", timeout=TIMEOUT)
    click(dash_duo, f"#{ids.REGION_CONTENT} .back-link")
    wait_for_map(dash_duo, "15 aug 2018 12:00")
    wait_until(dash_duo, lambda: "selected" in dash_duo.find_element(f"#{ids.region_card('ZN')}").get_attribute("class"))
    assert "regio=ZN" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_language_toggle_switches_the_labels(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?t=2018-08-15T12:00")
    wait_for_map(dash_duo, "15 aug 2018 12:00")
    assert dash_duo.find_element(f"#{ids.ASOF_LABEL}").text == "Situatie op"
    dash_duo.find_element(f"#{ids.LANGUAGE_BUTTON}").click()
    dash_duo.wait_for_text_to_equal(f"#{ids.ASOF_LABEL}", "Situation at", timeout=TIMEOUT)
    dash_duo.wait_for_contains_text(f"#{ids.MAP_TITLE}", "Map", timeout=TIMEOUT)
    dash_duo.wait_for_contains_text(f"#{ids.ASOF_SHOWN}", "15 Aug 2018 12:00", timeout=TIMEOUT)
    assert dash_duo.find_element(f"#{ids.LANGUAGE_BUTTON}").text == "Nederlands"
    assert "lang=en" in dash_duo.driver.current_url
    assert "t=2018-08-15T12:00" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_shared_region_url_restores_time_and_region(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/regio/RMM?t=2018-08-15T18:30")
    dash_duo.wait_for_contains_text(f"#{ids.REGION_CONTENT} h1", "RMM", timeout=TIMEOUT)
    dash_duo.wait_for_contains_text(f"#{ids.ASOF_SHOWN}", "15 aug 2018 18:30", timeout=TIMEOUT)
    assert dash_duo.find_element(f"#{ids.ASOF_DATE}").get_attribute("value") == "15-08-2018"
    assert dash_duo.find_element(f"#{ids.ASOF_TIME}").get_attribute("value") == "18:30"
    assert dash_duo.get_logs() == []


def test_a_long_phase_name_stays_inside_its_column(dash_duo, demo_app):
    """RMM phase 2 in English ("Climate-proof water supply (KWA) in use") once ran over the measures beside it."""
    dash_duo.start_server(demo_app)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/regio/RMM?t=2018-08-15&lang=en")
    badge = f"#{ids.line_phase_badge('RMM-droogte')}"
    dash_duo.wait_for_contains_text(badge, "Climate-proof water supply", timeout=TIMEOUT)
    overflow = dash_duo.driver.execute_script(
        "const chip = document.querySelector(arguments[0]);"
        "return chip.getBoundingClientRect().right - chip.parentElement.getBoundingClientRect().right;", badge)
    assert overflow <= 0.5, f"the phase chip sticks out of its column by {overflow:.0f} px"


def test_shared_overview_url_restores_time_and_selected_region(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?t=2018-08-15T12:00&regio=RMM&hazard=flood")
    traces = wait_for_map(dash_duo, "15 aug 2018 12:00")
    assert "selected:RMM" in traces
    assert "selected" in dash_duo.find_element(f"#{ids.region_card('RMM')}").get_attribute("class")
    assert traces["region:RMM"]["meta"]["national_phase"] == 0  # the flood line colours the map
    dash_duo.wait_for_contains_text(f"#{ids.MAP_TITLE}", "hoogwater", timeout=TIMEOUT)
    assert dash_duo.get_logs() == []


def test_hazard_toggle_switches_the_map_to_flood(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?t=2018-08-15T12:00")
    wait_for_map(dash_duo, "15 aug 2018 12:00")
    dash_duo.wait_for_contains_text(f"#{ids.MAP_TITLE}", "droogte", timeout=TIMEOUT)
    click(dash_duo, f"#{ids.HAZARD_TOGGLE} label:nth-of-type(2), #{ids.HAZARD_TOGGLE} .form-check:nth-child(2) label")
    dash_duo.wait_for_contains_text(f"#{ids.MAP_TITLE}", "hoogwater", timeout=TIMEOUT)
    assert "hazard=flood" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_a_broken_data_file_gives_a_calm_notice_and_the_map_still_shows(dash_duo, tmp_path):
    import shutil

    from dashboard.app import create_app
    from dashboard.config import DashboardConfig
    from indicators import DEFAULT_DATA_DIR

    for name in ("LOBI.Q.csv", "SINT.Q.csv"):
        shutil.copy(DEFAULT_DATA_DIR / name, tmp_path / name)
    (tmp_path / "kapot.csv").write_bytes(b"\x00\x01 dit is geen tijdreeks")
    dash_duo.start_server(create_app(DashboardConfig(data_dir=tmp_path)))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?t=2018-08-15T12:00")
    wait_for_map(dash_duo, "15 aug 2018 12:00")
    dash_duo.wait_for_contains_text(f"#{ids.NOTICE}", "konden niet", timeout=TIMEOUT)
    assert "kapot.csv" in dash_duo.find_element(f"#{ids.NOTICE} details").get_attribute("textContent")
    assert (wmcn_drought_phase(dash_duo) or 0) >= 1  # Lobith and Sint Pieter still evaluated
    assert dash_duo.get_logs() == []


def test_a_bookmarked_moment_sets_the_time_and_the_hazard(dash_duo, demo_app):
    """The demo's momenten.yaml links land on the events: one click on 'Maashoogwater jul 2021'."""
    dash_duo.start_server(demo_app)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?t=2018-06-01T12:00")
    wait_for_map(dash_duo, "1 jun 2018 12:00")
    link = dash_duo.driver.find_element("link text", "Maashoogwater jul 2021")
    link.click()
    dash_duo.wait_for_contains_text(f"#{ids.ASOF_SHOWN}", "15 jul 2021 12:00", timeout=TIMEOUT)
    assert "hazard=flood" in dash_duo.driver.current_url
    wait_until(dash_duo, lambda: (map_traces(dash_duo).get("region:ZN") or {}).get("meta", {}).get("national_phase") == 3)
    assert dash_duo.get_logs() == []
