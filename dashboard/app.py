"""The app factory: :func:`create_app` builds a fresh, self-contained Dash app.

Each app has its own :class:`~dashboard.service.SituationService` (lines, live data folder,
evaluation cache) and its own map geometry; nothing is shared through module-level state, so tests
build as many apps as they like and two users of one app only share immutable, versioned results.
Everything is served locally: Bootstrap CSS from ``assets/``, Plotly JS by Dash itself.
"""
from __future__ import annotations

from dash import Dash

from dashboard.callbacks import register_callbacks
from dashboard.components.shell import app_layout
from dashboard.config import DashboardConfig
from dashboard.geo import load_map_geometry
from dashboard.i18n import t
from dashboard.service import SituationService

INDEX_STRING = """<!DOCTYPE html>
<html lang="{lang}">
    <head>
        {{%metas%}}
        <title>{{%title%}}</title>
        {{%favicon%}}
        {{%css%}}
    </head>
    <body>
        {{%app_entry%}}
        <footer>
            {{%config%}}
            {{%scripts%}}
            {{%renderer%}}
        </footer>
    </body>
</html>"""


def create_app(config: DashboardConfig | None = None) -> Dash:
    """Build a new dashboard app.

    Parameters
    ----------
    config
        Folders and defaults; :class:`~dashboard.config.DashboardConfig` defaults (the embedded demo
        data, the published lines, Dutch) when omitted.

    Returns
    -------
    dash.Dash
        The app; ``app.server`` is the Flask server for a WSGI host, ``app.service`` the
        :class:`~dashboard.service.SituationService` behind its callbacks.
    """
    config = config or DashboardConfig()
    service = SituationService(config)
    geometry = load_map_geometry(config.assets_dir)
    app = Dash(
        __name__,
        assets_folder=str(config.assets_dir),
        external_stylesheets=[],
        serve_locally=True,
        suppress_callback_exceptions=True,
        title=t("app_title", config.language),
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.index_string = INDEX_STRING.format(lang=config.language)
    app.layout = lambda: app_layout(config, service.snapshot().version)
    register_callbacks(app, service, config, geometry)
    app.service = service
    return app
