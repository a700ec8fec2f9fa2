"""Plotly figures as plain dictionaries, the JSON that ``dcc.Graph`` takes.

``plotly.graph_objects`` validates every property as it is set, which costs about 0.1 s per chart:
too slow for a callback that redraws a map and a dozen charts on every step of the as-of time. The
builders therefore return plain dicts; the unit tests pass each one through ``go.Figure(...)``, so a
misspelt property still fails a test.
"""
from __future__ import annotations

Trace = dict
Figure = dict


def scatter(**props) -> Trace:
    """A scatter trace (lines, markers, filled polygons)."""
    return {"type": "scatter", **props}


def bar(**props) -> Trace:
    """A bar trace."""
    return {"type": "bar", **props}


def figure(traces: list[Trace], layout: dict) -> Figure:
    """A figure from its traces and layout."""
    return {"data": traces, "layout": layout}
