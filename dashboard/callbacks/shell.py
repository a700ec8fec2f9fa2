"""Callbacks of the shell: labels in the chosen language, the as-of line, notices, about dialog, new data.

:func:`notices` decides which calm notices a view needs: unreadable data files, an invalid change of
the lines, missing map outlines, an unreadable time or region in the link, a time outside the data,
old data in live mode, and synthetic series in use.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from dash import Dash, Input, Output, State, dcc, html, no_update

from dashboard import ids
from dashboard.components.common import notice
from dashboard.config import DashboardConfig
from dashboard.geo import MapGeometry
from dashboard.i18n import local_time, t
from dashboard.moments import Moment, load_moments
from dashboard.service import SituationService
from dashboard.state import href_of
from dashboard.view import View, make_view

#: In live mode, data older than this is called out (the picture is not current).
STALE_DATA_AFTER = pd.Timedelta(days=2)


def notices(view: View, geometry: MapGeometry, data_dir: Path, now: pd.Timestamp | None = None) -> tuple[list[str], list[str]]:
    """Sentences for the notice area and the detail lines folded under them.

    Parameters
    ----------
    view
        The resolved view.
    geometry
        The map geometry (its absence is noted).
    data_dir
        The data folder (named when it holds no data).
    now
        The wall-clock time to judge old data by (default: now).
    """
    lang = view.lang
    snapshot = view.snapshot
    messages: list[str] = []
    details: list[str] = []
    if snapshot.problems:
        messages.append(t("notice_problems", lang, n=len(snapshot.problems)))
        details += list(snapshot.problems)
    if snapshot.lines_problems:
        messages.append(t("notice_lines", lang))
        details += list(snapshot.lines_problems)
    if not geometry.has_outlines:
        messages.append(t("notice_no_map", lang))
    if view.bad_time:
        messages.append(t("notice_bad_time", lang, text=view.bad_time))
    if view.state.region and snapshot.line_set.regions.get(view.state.region) is None:
        messages.append(t("notice_bad_region", lang, code=view.state.region))
    if snapshot.latest is None:
        messages.append(t("notice_no_data", lang, path=str(data_dir)))
    elif snapshot.first is not None and not (snapshot.first <= view.as_of <= snapshot.latest + pd.Timedelta(days=1)):
        messages.append(t("notice_before_data", lang, start=local_time(snapshot.first, lang, False),
                          end=local_time(snapshot.latest, lang, False)))
    now = now or pd.Timestamp.now(tz="UTC")
    if view.live and snapshot.latest is not None and now - snapshot.latest > STALE_DATA_AFTER:
        messages.append(t("notice_data_age", lang, when=local_time(snapshot.latest, lang), days=(now - snapshot.latest).days))
    if snapshot.has_synthetic:
        messages.append(t("notice_synthetic", lang))
    return messages, details


def moment_links(view: View, moments: list[Moment], default_lang: str) -> list:
    """Links to the data folder's bookmarked moments; the one shown now is marked."""
    if not moments:
        return []
    lang = view.lang
    items: list = [html.Span(f"{t('moments', lang)}:", className="me-2 fw-semibold", title=t("moments_title", lang))]
    for moment in moments:
        state = view.state.but(t=moment.time, hazard=moment.hazard or view.state.hazard)
        current = view.state.t == moment.time
        items.append(dcc.Link(moment.label(lang), href=href_of(state, default_lang),
                              className="moment-link me-3" + (" fw-bold" if current else "")))
    return items


def shown_text(view: View) -> list:
    """The as-of line: the moment shown, live or fixed, and the time zone."""
    lang = view.lang
    mode = t("shown_live", lang) if view.live else t("shown_fixed", lang)
    return [html.B(local_time(view.as_of, lang)), f" · {mode} · {t('times_in', lang)}"]


def credits_markdown(assets_dir: Path) -> str:
    """The credits section of ``assets/GEO_SOURCES.md`` (or a short fallback when it is missing)."""
    try:
        text = (Path(assets_dir) / "GEO_SOURCES.md").read_text(encoding="utf-8")
    except OSError:
        return "Waterschapsgrenzen: Het Waterschapshuis / PDOK · Gemeente- en provinciegrenzen: CBS / Kadaster, via PDOK · Made with Natural Earth"
    start = text.find("## Credits")
    if start < 0:
        return text
    end = text.find("\n## ", start + 5)
    return text[start:end if end > 0 else None].replace("## Credits", "").strip()


def about_body(view: View, credits: str, data_dir: Path) -> list:
    """What the dashboard shows, the map credits and which data version is in use."""
    lang = view.lang
    snapshot = view.snapshot
    return [
        html.P(t("about_text", lang)),
        html.H3(t("about_sources", lang), className="h6"),
        dcc.Markdown(credits, className="small"),
        html.H3(t("about_data", lang), className="h6"),
        html.P(t("about_data_text", lang, path=str(data_dir), n=len(snapshot.data.observations),
                 fingerprint=snapshot.version), className="small"),
    ]


def register(app: Dash, service: SituationService, config: DashboardConfig, geometry: MapGeometry) -> None:
    """Register the shell callbacks on ``app``."""
    credits = credits_markdown(config.assets_dir)

    @app.callback(
        Output(ids.APP_ROOT, "lang"),
        Output(ids.NAV_TITLE, "children"), Output(ids.NAV_SUBTITLE, "children"), Output(ids.NAV_OVERVIEW_LINK, "href"),
        Output(ids.LANGUAGE_BUTTON, "children"), Output(ids.LANGUAGE_BUTTON, "title"), Output(ids.ABOUT_BUTTON, "children"),
        Output(ids.ASOF_LABEL, "children"), Output(ids.ASOF_TIME_LABEL, "children"),
        Output(ids.ASOF_MINUS_WEEK, "children"), Output(ids.ASOF_MINUS_DAY, "children"),
        Output(ids.ASOF_PLUS_DAY, "children"), Output(ids.ASOF_PLUS_WEEK, "children"),
        Output(ids.ASOF_LATEST, "children"), Output(ids.ASOF_LATEST, "title"),
        Output(ids.ASOF_SHOWN, "children"), Output(ids.NOTICE, "children"), Output(ids.MOMENTS, "children"),
        Output(ids.HAZARD_LABEL, "children"), Output(ids.HAZARD_TOGGLE, "options"),
        Output(ids.ABOUT_TITLE, "children"), Output(ids.ABOUT_BODY, "children"), Output(ids.ABOUT_CLOSE, "children"),
        Input(ids.URL, "pathname"), Input(ids.URL, "search"), Input(ids.DATA_VERSION, "data"),
    )
    def render_shell(pathname, search, _version):
        view = make_view(service, pathname, search)
        lang = view.lang
        messages, details = notices(view, geometry, config.data_dir)
        moments, moment_problems = load_moments(config.data_dir)
        if moment_problems:
            messages.append(t("notice_moments", lang))
            details += moment_problems
        overview_href = href_of(view.state.but(page="overview"), config.language)
        return (
            lang, t("app_title", lang), t("app_subtitle", lang), overview_href,
            t("language_switch", lang), t("language_switch_label", lang), t("about_short", lang),
            t("asof", lang), t("time", lang),
            t("minus_week", lang), t("minus_day", lang), t("plus_day", lang), t("plus_week", lang),
            t("latest", lang), t("latest_title", lang),
            shown_text(view), notice(messages, details, lang), moment_links(view, moments, config.language),
            t("map_shows", lang), [{"label": t("drought", lang), "value": "drought"}, {"label": t("flood", lang), "value": "flood"}],
            t("about", lang), about_body(view, credits, config.data_dir), t("close", lang),
        )

    @app.callback(
        Output(ids.ABOUT_MODAL, "is_open"),
        Input(ids.ABOUT_BUTTON, "n_clicks"), Input(ids.ABOUT_CLOSE, "n_clicks"), State(ids.ABOUT_MODAL, "is_open"),
        prevent_initial_call=True,
    )
    def toggle_about(_open, _close, is_open):
        return not is_open

    @app.callback(
        Output(ids.DATA_VERSION, "data"),
        Input(ids.LIVE_TIMER, "n_intervals"), State(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def check_data_version(_n, current):
        version = service.snapshot().version
        return no_update if version == current else version


__all__ = ["register", "notices", "shown_text", "credits_markdown"]
