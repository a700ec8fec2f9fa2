"""Benchmark: server time of the dashboard's as-of callbacks and the size of the initial page, on the demo data.

Every step of the as-of time re-renders the overview (map, roll-ups, list, cards) or a region view
(ladder, measures, charts). This script posts those callbacks through Flask's test client to
``/_dash-update-component``, exactly as a browser does (routing, the callback, JSON serialisation),
for 50 different as-of times, and prints the median and the 95th percentile. As a baseline measured
in the same run it times the engine lookup alone (``situation_at``), so the ratio says what the
dashboard adds. It also sums the initial page payload: the HTML, the layout, the dependency list and
the outputs of the callbacks that run on first load (scripts and CSS, cached by the browser, are
listed apart). Targets (issue 4): median <= 300 ms, payload <= 3 MB.

    python benchmarks/dashboard.py [--calls 50] [--region RMM]
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard import ids  # noqa: E402
from dashboard.app import create_app  # noqa: E402
from dashboard.config import DashboardConfig  # noqa: E402
from dashboard.state import url_time  # noqa: E402

TARGET_MEDIAN_MS = 300.0
TARGET_PAYLOAD_MB = 3.0


def as_of_times(n: int, seed: int = 4) -> list[str]:
    """``n`` different as-of times spread over the demo period (1995-2024), as the URL writes them."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("1995-01-01", tz="UTC").value
    end = pd.Timestamp("2024-12-01", tz="UTC").value
    return [url_time(pd.Timestamp(int(v), tz="UTC").floor("h")) for v in np.sort(rng.integers(start, end, n))]


def callback_key(app, output: str) -> str:
    """The callback-map key of the callback that has ``output`` (``id.property``) among its outputs."""
    return next(key for key in app.callback_map
                if re.search(rf"(^|\.){re.escape(output)}(\.|$)", key))


def payload(app, key: str, pathname: str, search: str, version: str) -> dict:
    """The JSON body the browser posts for a callback with inputs url.pathname, url.search, data-version."""
    outputs = [{"id": part.split(".")[0], "property": part.split(".")[1]}
               for part in re.findall(r"[\w-]+\.[\w]+", key)]
    return {
        "output": key,
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": [{"id": ids.URL, "property": "pathname", "value": pathname},
                   {"id": ids.URL, "property": "search", "value": search},
                   {"id": ids.DATA_VERSION, "property": "data", "value": version}],
        "changedPropIds": [f"{ids.URL}.search"],
        "state": [],
    }


def post(client, body: dict) -> tuple[float, int]:
    """Post one callback; returns the server time in seconds and the response size in bytes."""
    started = time.perf_counter()
    response = client.post("/_dash-update-component", json=body)
    elapsed = time.perf_counter() - started
    if response.status_code not in (200, 204):
        raise RuntimeError(f"callback failed ({response.status_code}): {response.get_data(as_text=True)[:500]}")
    return elapsed, len(response.get_data())


def summarise(name: str, seconds: list[float], sizes: list[int] | None = None) -> float:
    ms = np.array(seconds) * 1000
    median, p95 = float(np.median(ms)), float(np.percentile(ms, 95))
    extra = f"   response median {statistics.median(sizes) / 1024:.0f} kB" if sizes else ""
    print(f"{name:<44} median {median:7.1f} ms   p95 {p95:7.1f} ms   max {ms.max():7.1f} ms{extra}")
    return median


def measure_callbacks(app, times: list[str], region: str) -> dict[str, float]:
    client = app.server.test_client()
    version = app.service.snapshot().version
    overview_key = callback_key(app, f"{ids.MAP_GRAPH}.figure")
    region_key = callback_key(app, f"{ids.REGION_CONTENT}.children")
    post(client, payload(app, overview_key, "/", f"?t={times[0]}", version))  # warm-up (imports, first lookups)

    lookup = []
    snapshot = app.service.snapshot()
    for t in times:
        started = time.perf_counter()
        snapshot.situation(t)
        lookup.append(time.perf_counter() - started)

    results = {}
    for name, key, path in (("overview (map, roll-ups, cards)", overview_key, "/"),
                            (f"region view {region} (charts, ladder)", region_key, f"/regio/{region}")):
        seconds, sizes = [], []
        for t in times:
            elapsed, size = post(client, payload(app, key, path, f"?t={t}", version))
            seconds.append(elapsed)
            sizes.append(size)
        results[name] = summarise(f"as-of callback: {name}", seconds, sizes)
    results["baseline"] = summarise("baseline: engine lookup situation_at()", lookup)
    return results


def measure_initial_payload(app) -> tuple[int, int]:
    """Bytes of the first page load: HTML + layout + dependencies + initial callback outputs; and the bundles."""
    client = app.server.test_client()
    html = client.get("/").get_data()
    layout = client.get("/_dash-layout").get_data()
    dependencies = client.get("/_dash-dependencies").get_data()
    version = app.service.snapshot().version
    parts = {"HTML page": len(html), "layout JSON": len(layout), "dependencies JSON": len(dependencies)}
    for name, output in (("shell texts and notices", f"{ids.NAV_TITLE}.children"),
                         ("overview (map, cards)", f"{ids.MAP_GRAPH}.figure"),
                         ("region page (hidden)", f"{ids.REGION_CONTENT}.children"),
                         ("as-of controls", f"{ids.ASOF_SLIDER}.value")):
        _, size = post(client, payload(app, callback_key(app, output), "/", "", version))
        parts[f"initial callback: {name}"] = size
    total = sum(parts.values())
    for name, size in parts.items():
        print(f"  {name:<42} {size / 1024:9.1f} kB")
    bundles = 0
    for src in re.findall(r'src="([^"]+)"', html.decode()) + re.findall(r'href="([^"]+\.css[^"]*)"', html.decode()):
        bundles += len(client.get(src).get_data())
    return total, bundles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=50, help="number of as-of times (default 50)")
    parser.add_argument("--region", default="RMM", help="region whose view is timed (default RMM)")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")

    started = time.perf_counter()
    app = create_app(DashboardConfig())
    app.service.snapshot()
    print(f"app start incl. reading the demo data and the first evaluation: {time.perf_counter() - started:.2f} s")
    print(f"\n{args.calls} as-of times, through Flask's test client (/_dash-update-component):")
    results = measure_callbacks(app, as_of_times(args.calls), args.region)
    overview = results["overview (map, roll-ups, cards)"]
    print(f"ratio overview callback / engine lookup: {overview / max(results['baseline'], 1e-6):.1f}")

    print("\ninitial page payload (live mode, '/'):")
    total, bundles = measure_initial_payload(app)
    print(f"  {'total':<42} {total / 1024:9.1f} kB  ({total / 1e6:.2f} MB)")
    print(f"  (scripts and CSS, cached by the browser, not counted: {bundles / 1e6:.2f} MB)")

    ok_time = overview <= TARGET_MEDIAN_MS
    ok_size = total / 1e6 <= TARGET_PAYLOAD_MB
    print(f"\ntargets: median <= {TARGET_MEDIAN_MS:.0f} ms: {'met' if ok_time else 'NOT met'}; "
          f"payload <= {TARGET_PAYLOAD_MB:.0f} MB: {'met' if ok_size else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
