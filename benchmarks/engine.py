"""Benchmark: the full shipped set of reasoning lines on 10 years of 10-minute data for 50 series.

Prints the evaluation time, the peak memory the evaluation allocates (tracemalloc, which sees numpy
and pandas buffers) and the process peak RSS, and the ratio to one plain numpy comparison pass over
the same values measured in the same run. Targets (issue 2): ratio <= 15, peak memory <= 2 GB.

    python benchmarks/engine.py [--years 10] [--series 50] [--repeat 3]
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indicators import DEFAULT_LINES_DIR  # noqa: E402
from indicators.engine import evaluate_set  # noqa: E402
from indicators.reasoning import load_valid_line_set  # noqa: E402


def synthetic_inputs(line_set, years: int, n_series: int, seed: int = 1) -> dict[str, pd.Series]:
    """A seasonal wave plus noise per series, scaled so every line's thresholds are crossed now and then."""
    rng = np.random.default_rng(seed)
    index = pd.date_range("2013-01-01", periods=years * 365 * 144, freq="10min", tz="UTC")
    t = np.arange(len(index), dtype="float64") / (365 * 144)
    used = line_set.series_ids()
    ids = used + [f"EXTRA{n:02d}.Q" for n in range(n_series - len(used))]
    inputs = {}
    for series_id in ids:
        entry = line_set.catalogue.get(series_id)
        low, high = (entry.plausible.min, entry.plausible.max) if entry else (0.0, 1000.0)
        centre, spread = low + 0.2 * (high - low), 0.2 * (high - low)
        wave = centre + spread * np.sin(2 * np.pi * t + rng.uniform(0, 6)) + 0.02 * spread * rng.standard_normal(len(t))
        wave[rng.random(len(t)) < 0.001] = np.nan  # a few missing values, as in real feeds
        inputs[series_id] = pd.Series(wave, index=index)
    return inputs


def numpy_baseline(inputs: dict[str, pd.Series]) -> float:
    """One plain comparison of every value against a threshold: the floor any engine must pay."""
    arrays = [s.to_numpy() for s in inputs.values()]
    start = time.perf_counter()
    for values in arrays:
        np.greater_equal(values, 250.0)
    return time.perf_counter() - start


def timed_evaluation(line_set, inputs) -> tuple[float, int]:
    tracemalloc.start()
    start = time.perf_counter()
    evaluation = evaluate_set(line_set, inputs)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(evaluation.lines) == len(line_set.lines)
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--series", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    line_set = load_valid_line_set(DEFAULT_LINES_DIR)
    inputs = synthetic_inputs(line_set, args.years, args.series)
    n_values = sum(len(s) for s in inputs.values())
    print(f"data: {len(inputs)} series x {len(next(iter(inputs.values()))):,} values = {n_values:,} values "
          f"({args.years} years, 10 minutes); {len(line_set.lines)} lines, "
          f"{sum(len(ln.indicators) for ln in line_set.lines)} indicators on {len(line_set.series_ids())} series")

    baseline = min(numpy_baseline(inputs) for _ in range(max(args.repeat, 3)))
    runs = [timed_evaluation(line_set, inputs) for _ in range(args.repeat)]
    best = min(r[0] for r in runs)
    peak = max(r[1] for r in runs)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"numpy comparison pass (baseline): {baseline * 1000:8.1f} ms")
    print(f"engine, full shipped set:         {best * 1000:8.1f} ms (best of {args.repeat})")
    print(f"ratio engine / baseline:          {best / baseline:8.1f}   (target <= 15)")
    print(f"peak memory allocated by engine:  {peak / 2**20:8.1f} MiB (target <= 2048)")
    print(f"process peak RSS incl. test data: {rss:8.1f} MiB")


if __name__ == "__main__":
    main()
