"""Entry point for ``python -m indicators``."""
import sys

from indicators.cli import main

sys.exit(main())
