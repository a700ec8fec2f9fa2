"""``python -m dashboard``: serve the dashboard (default http://127.0.0.1:8050 on the embedded demo data)."""
from __future__ import annotations

import argparse

from indicators import DEFAULT_DATA_DIR, DEFAULT_LINES_DIR


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command-line options."""
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    parser.add_argument("--data", default=str(DEFAULT_DATA_DIR), help="live data folder (default: the demo data)")
    parser.add_argument("--lines", default=str(DEFAULT_LINES_DIR), help="folder with regios.yaml, catalogus.yaml, lijnen/")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8050)
    parser.add_argument("--lang", choices=["nl", "en"], default="nl", help="default language")
    parser.add_argument("--debug", action="store_true", help="Dash debug mode (reloader, error overlay)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Build the app from the options and serve it."""
    from dashboard.app import create_app
    from dashboard.config import DashboardConfig
    from indicators.allocator import keep_freed_memory

    args = parse_args(argv)
    keep_freed_memory()  # re-evaluations (new data, scenarios) reuse memory instead of faulting it in again
    app = create_app(DashboardConfig(lines_dir=args.lines, data_dir=args.data, language=args.lang))
    app.run(host=args.host, port=args.port, debug=args.debug)


if __name__ == "__main__":
    main()
