"""Dash callbacks, grouped per page: navigation (URL and controls), shell, overview, region view."""
from __future__ import annotations

from dash import Dash

from dashboard.callbacks import navigation, overview, region, shell
from dashboard.config import DashboardConfig
from dashboard.geo import MapGeometry
from dashboard.service import SituationService


def register_callbacks(app: Dash, service: SituationService, config: DashboardConfig, geometry: MapGeometry) -> None:
    """Register every callback of the dashboard on ``app`` (closures over this app's service only)."""
    navigation.register(app, service, config)
    shell.register(app, service, config, geometry)
    overview.register(app, service, config, geometry)
    region.register(app, service, config)
