"""Benchmark: the full shipped set of reasoning lines on 10 years of 10-minute data for 50 series.

Prints the evaluation time (best of ``--repeat`` runs after one warm-up run), with glibc's default
allocator settings and as the dashboard and CLI run (freed memory kept, indicators/allocator.py);
the ratio to one plain numpy comparison pass over the same values measured in the same run; the
peak memory one evaluation allocates (tracemalloc, which sees numpy and pandas buffers, in a
separate run because tracing slows every allocation); and the process peak RSS.
Targets (issue 2): ratio <= 15, peak memory <= 2 GB.

    python benchmarks/engine.py [--years 10] [--series 50] [--repeat 5]
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
from indicators.allocator import keep_freed_memory  # noqa: E402
from indicators.engine import evaluate_set  # noqa: E402
from indicators.reasoning import load_valid_line_set  # noqa: E402


def synthetic_inputs(line_set, years: int, n_series: int, seed: int = 1) -> dict[str, pd.Series]:
    """A seasonal wave plus noise per series, scaled so every line's thresholds are crossed now and then."""
    rng = np.random.default_rng(seed)
    # nanosecond UTC timestamps, as every reader delivers them (indicators.readers.common)
    index = pd.date_range("2013-01-01", periods=years * 365 * 144, freq="10min", tz="UTC", unit="ns")
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


def evaluation_time(line_set, inputs) -> float:
    """Wall time of one evaluation of the whole set (no memory tracing: it slows every allocation)."""
    start = time.perf_counter()
    evaluation = evaluate_set(line_set, inputs)
    elapsed = time.perf_counter() - start
    assert len(evaluation.lines) == len(line_set.lines)
    return elapsed


def best_evaluation_time(line_set, inputs, repeat: int) -> float:
    """Best wall time of ``repeat`` evaluations, after one warm-up run (first use of code and memory)."""
    evaluation_time(line_set, inputs)
    return min(evaluation_time(line_set, inputs) for _ in range(repeat))


def evaluation_peak_memory(line_set, inputs) -> int:
    """Peak bytes allocated during one evaluation (tracemalloc sees numpy and pandas buffers)."""
    tracemalloc.start()
    evaluate_set(line_set, inputs)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--series", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    line_set = load_valid_line_set(DEFAULT_LINES_DIR)
    inputs = synthetic_inputs(line_set, args.years, args.series)
    n_values = sum(len(s) for s in inputs.values())
    print(f"data: {len(inputs)} series x {len(next(iter(inputs.values()))):,} values = {n_values:,} values "
          f"({args.years} years, 10 minutes); {len(line_set.lines)} lines, "
          f"{sum(len(ln.indicators) for ln in line_set.lines)} indicators on {len(line_set.series_ids())} series")

    baseline = min(numpy_baseline(inputs) for _ in range(max(args.repeat, 3)))
    as_glibc_ships = best_evaluation_time(line_set, inputs, args.repeat)
    kept = keep_freed_memory()  # what the dashboard and the CLI do at start (indicators/allocator.py)
    as_the_app_runs = best_evaluation_time(line_set, inputs, args.repeat) if kept else as_glibc_ships
    peak = evaluation_peak_memory(line_set, inputs)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"numpy comparison pass (baseline):   {baseline * 1000:8.1f} ms")
    print(f"engine, allocator as glibc ships:   {as_glibc_ships * 1000:8.1f} ms (best of {args.repeat}), "
          f"ratio {as_glibc_ships / baseline:.1f}")
    if kept:
        print(f"engine, as the dashboard/CLI run:   {as_the_app_runs * 1000:8.1f} ms (best of {args.repeat}), "
              "freed memory kept for reuse")
    else:
        print("engine, as the dashboard/CLI run:   same (keep_freed_memory has no effect here: no glibc)")
    print(f"ratio engine / baseline:            {as_the_app_runs / baseline:8.1f}   (target <= 15)")
    print(f"peak memory allocated by engine:    {peak / 2**20:8.1f} MiB (target <= 2048)")
    print(f"process peak RSS incl. test data:   {rss:8.1f} MiB")


if __name__ == "__main__":
    main()
