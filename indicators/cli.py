"""``python -m indicators``: the command line over the same functions the dashboard uses.

Anything seen on screen can be reproduced here without a browser:

- ``validate``  check the published set of reasoning lines against the regions and the data catalogue;
- ``situation`` the phase of every line at one moment, with reasons and affected regions;
- ``timeline``  the phase of every line over a period, as CSV;
- ``inspect``   what the readers find in data files (format, series, quality);
- ``schema``    the JSON Schema of the reasoning-line format, for editors.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from indicators import DEFAULT_DATA_DIR, DEFAULT_LINES_DIR
from indicators.allocator import keep_freed_memory

EXIT_OK, EXIT_ERROR, EXIT_INVALID = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m indicators", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check the reasoning lines; exit 2 and one line per problem when invalid")
    p.add_argument("--lines", default=str(DEFAULT_LINES_DIR), help="folder with regios.yaml, catalogus.yaml, lijnen/")

    for name, helptext in (("situation", "the situation at one moment"), ("timeline", "phases over a period as CSV")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("--lines", default=str(DEFAULT_LINES_DIR))
        p.add_argument("--data", action="append", default=[], metavar="PATH", help="data file or folder (repeatable); default: the demo data")
        p.add_argument("--series", action="append", default=[], metavar="ID=FILE", help="bind a two-column CSV (time,value) to a catalogue id")
        if name == "situation":
            p.add_argument("--at", required=True, help="time, e.g. 2018-08-15 or 2018-08-15T12:00+02:00 (no offset: Amsterdam time)")
            p.add_argument("--format", choices=["json", "table"], default="json")
        else:
            p.add_argument("--from", dest="start", required=True)
            p.add_argument("--to", dest="end", required=True)
            p.add_argument("--step", default="1D", help="grid step, e.g. 1D, 6h")

    p = sub.add_parser("inspect", help="what the readers find in data files")
    p.add_argument("files", nargs="+")
    p.add_argument("--lines", default=str(DEFAULT_LINES_DIR))

    p = sub.add_parser("schema", help="write the JSON Schema of a reasoning line")
    p.add_argument("--out", default="-", help="file to write, or - for standard output")
    return parser


def _print_problems(problems) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def cmd_validate(args) -> int:
    from indicators.reasoning import load_line_set

    line_set, problems = load_line_set(args.lines)
    if problems:
        _print_problems(problems)
        print(f"{len(problems)} problem(s) in {args.lines}", file=sys.stderr)
        return EXIT_INVALID
    n_indicators = sum(len(ln.indicators) for ln in line_set.lines)
    print(f"OK: {len(line_set.lines)} lines, {n_indicators} indicators, {len(line_set.regions.regions)} regions, "
          f"{len(line_set.catalogue.series)} catalogue series; every indicator can be supplied by the catalogue")
    return EXIT_OK


def _bindings(pairs: list[str]) -> dict[str, str]:
    bindings = {}
    for pair in pairs:
        if "=" not in pair:
            raise SystemExit(f"--series expects ID=FILE, got {pair!r}")
        series_id, file = pair.split("=", 1)
        bindings[series_id.strip()] = file.strip()
    return bindings


def evaluate_from_args(args):
    """Load the line set and the data named on the command line (or the demo data) and evaluate.

    Returns the evaluation and the loaded data (whose forecasts give the expected phases).
    """
    from indicators.datafolder import load_paths
    from indicators.engine import evaluate_set
    from indicators.reasoning import load_valid_line_set

    line_set = load_valid_line_set(args.lines)
    bindings = _bindings(args.series)
    paths = args.data or ([] if bindings else [str(DEFAULT_DATA_DIR)])
    for series_id in bindings:
        if series_id not in line_set.catalogue:
            raise SystemExit(f"--series {series_id}=...: {series_id!r} is not a catalogue id (see {args.lines}/catalogus.yaml)")
    loaded = load_paths(paths, line_set.catalogue, bindings)
    for problem in loaded.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return evaluate_set(line_set, loaded.evaluation_inputs()), loaded


def _table(situation) -> str:
    rows = [f"{'line':<16} {'phase':<34} {'nat':>3}  {'status':<8} {'since':<17} main reason"]
    for ls in situation.lines:
        name = f"{ls.phase} {ls.phase_name['nl']}" if ls.phase is not None else "? onbekend"
        since = ls.since.tz_convert("Europe/Amsterdam").strftime("%Y-%m-%d %H:%M") if ls.since is not None else "-"
        reason = ls.reasons[0].text if ls.reasons else ""
        nat = "-" if ls.national_phase is None else str(ls.national_phase)
        rows.append(f"{ls.line:<16} {name[:34]:<34} {nat:>3}  {ls.status:<8} {since:<17} {reason}")
    for exp in situation.expected:
        if exp.phase is not None:
            rows.append(f"expected {exp.line}: phase {exp.phase} {exp.phase_name['nl']} from "
                        f"{exp.reached_at.tz_convert('Europe/Amsterdam'):%Y-%m-%d %H:%M} (forecast {', '.join(exp.series)} "
                        f"issued {exp.issued.tz_convert('Europe/Amsterdam'):%Y-%m-%d %H:%M}, until {exp.until.tz_convert('Europe/Amsterdam'):%Y-%m-%d %H:%M})")
    if situation.affected:
        rows.append("")
        rows.append("affected regions:")
        rows += [f"  {a.region:<7} by {a.by:<6} ({a.line}, link {a.link}): {a.reason}" for a in situation.affected]
    return "\n".join(rows)


def cmd_situation(args) -> int:
    from indicators.forecast import expected_phases
    from indicators.situation import situation_at

    evaluation, loaded = evaluate_from_args(args)
    expected = expected_phases(evaluation.line_set, loaded.evaluation_inputs(), loaded.forecasts, args.at)
    situation = situation_at(evaluation, args.at, expected)
    if args.format == "json":
        json.dump(situation.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print(f"situation at {situation.as_of.tz_convert('Europe/Amsterdam'):%Y-%m-%d %H:%M %Z}")
        print(_table(situation))
    return EXIT_OK


def cmd_timeline(args) -> int:
    from indicators.situation import timeline_table

    evaluation, _ = evaluate_from_args(args)
    table = timeline_table(evaluation, args.start, args.end, args.step)
    table.to_csv(sys.stdout, index=False, lineterminator="\n")
    return EXIT_OK


def cmd_inspect(args) -> int:
    from indicators.catalogue import load_catalogue
    from indicators.inspect import inspect_files

    return inspect_files(args.files, load_catalogue(Path(args.lines) / "catalogus.yaml"))


def cmd_schema(args) -> int:
    from indicators.models import ReasoningLine

    text = json.dumps(ReasoningLine.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.out == "-":
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    from indicators.yamlsource import ProblemsError

    args = _parser().parse_args(argv)
    keep_freed_memory()
    command = {"validate": cmd_validate, "situation": cmd_situation, "timeline": cmd_timeline,
               "inspect": cmd_inspect, "schema": cmd_schema}[args.command]
    try:
        return command(args)
    except ProblemsError as exc:
        _print_problems(exc.problems)
        print("the reasoning lines are not valid; run 'python -m indicators validate' for the full list", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:  # the reader stopped early (``| head``): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit flush stays quiet
        return EXIT_OK
