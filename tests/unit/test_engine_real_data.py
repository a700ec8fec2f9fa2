"""The WMCN drought line on the real 2018 Rhine and Meuse series (RWS daily means, MET calendar days)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from indicators.engine import evaluate_line
from indicators.situation import line_situation

DATA = Path(__file__).parent.parent / "data" / "rws"


def met_daily(name: str) -> pd.Series:
    """Daily means stamped at the start of their MET day (UTC+1 all year), in UTC."""
    frame = pd.read_csv(DATA / name)
    index = pd.to_datetime(frame["timestamp"]).dt.tz_localize("Etc/GMT-1").dt.tz_convert("UTC")
    return pd.Series(frame["Q"].to_numpy(dtype=float), index=pd.DatetimeIndex(index))


@pytest.fixture(scope="module")
def wmcn_2018(line_set):
    inputs = {"LOBI.Q": met_daily("Q_Lobith_2017-10_2018-12.csv"), "SINT.Q": met_daily("Q_StPieter_2017-10_2018-12.csv")}
    return evaluate_line(line_set.line("WMCN-droogte"), inputs), inputs


def at(day: str) -> pd.Timestamp:
    return pd.Timestamp(f"{day}T12:00", tz="Europe/Amsterdam").tz_convert("UTC")


def test_early_june_2018_is_normal(wmcn_2018):
    tl, _ = wmcn_2018
    situation = line_situation(tl, at("2018-06-01"), None)
    assert (situation.phase, situation.status) == (0, "ok")


def test_mid_august_2018_is_a_water_shortage_driven_by_lobith(wmcn_2018):
    tl, inputs = wmcn_2018
    situation = line_situation(tl, at("2018-08-15"), None)
    assert situation.phase >= 1 and situation.status == "ok"
    drivers = [r.indicator for r in situation.reasons if r.kind == "drives"]
    assert drivers == ["lobith_afvoer"]
    assert situation.indicators[0].value == pytest.approx(inputs["LOBI.Q"][at("2018-08-15").floor("D") - pd.Timedelta(hours=1)])


def test_phase_one_starts_on_the_first_summer_day_under_the_month_criterion(wmcn_2018):
    tl, inputs = wmcn_2018
    lobith = inputs["LOBI.Q"]
    local = lobith.index.tz_convert("Europe/Amsterdam")
    criterion = pd.Series(local.month, index=lobith.index).map({5: 1400, 6: 1300, 7: 1200, 8: 1100})
    summer = lobith[(local.month >= 5) & (local.month <= 8) & (local.year == 2018)]
    first_under = summer[summer <= criterion[summer.index]].index[0]
    phase_one_start = tl.frame().query("phase >= 1").index[0]
    assert phase_one_start == first_under
    assert first_under.tz_convert("Europe/Amsterdam").month == 7  # the 2018 drought crossed in July
