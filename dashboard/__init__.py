"""The Slim WM situation dashboard (Plotly Dash): national overview and region views.

Start it with ``python -m dashboard``; in production ``gunicorn 'dashboard.wsgi:server'``. Tests build a
fresh app with :func:`create_app`. The dashboard reads the engine's results and never computes a phase.
"""
from __future__ import annotations


def create_app(config=None):
    """Build a new Dash app (see :func:`dashboard.app.create_app`)."""
    from dashboard.app import create_app as _create_app

    return _create_app(config)


__all__ = ["create_app"]
