"""Small reasoning lines built in code, so each engine rule can be tested on a few hand-made values."""
from __future__ import annotations

import pandas as pd

from indicators.models import ReasoningLine

COLOURS = ["#2e7d32", "#f2c200", "#ef6c00", "#c62828"]


def phases(n: int, rules: dict | None = None, requires_previous: set[int] = frozenset()) -> list[dict]:
    rules = rules or {}
    return [
        {"level": i, "key": f"p{i}", "name": {"nl": f"Fase {i}", "en": f"Phase {i}"}, "national_phase": min(i, 3),
         "colour": COLOURS[min(i, 3)], "rule": rules.get(i, "any"), "requires_previous": i in requires_previous}
        for i in range(n)
    ]


def indicator(ind_id: str, series: str, direction: str, thresholds: list[dict], **extra) -> dict:
    return {"id": ind_id, "series": series, "description": ind_id, "direction": direction,
            "max_age": extra.pop("max_age", "3D"), "source": "test", "thresholds": thresholds, **extra}


def line(indicators: list[dict], n_phases: int = 3, rules: dict | None = None, requires_previous=frozenset(),
         impacts: list[dict] | None = None, region: str = "RMM") -> ReasoningLine:
    return ReasoningLine.model_validate({
        "id": "TEST-line", "region": region, "hazard": "drought", "title": "test", "version": "1",
        "status": "concept", "owner": "test", "valid_from": "2024-01-01",
        "phases": phases(n_phases, rules, requires_previous), "indicators": indicators, "impacts": impacts or [],
    })


def daily(values: list[float | None], start: str = "2024-06-01") -> pd.Series:
    """Daily values at 00:00 UTC; None is a missing value."""
    index = pd.date_range(start, periods=len(values), freq="D", tz="UTC")
    return pd.Series([float("nan") if v is None else float(v) for v in values], index=index)
