"""Bookmarked moments (*momenten*) a data folder may ship: past events to replay, exercise moments.

``<data folder>/momenten.yaml`` lists moments with a time (Amsterdam time, as the URL writes it), an
optional map hazard and a label in Dutch and English. The dashboard shows them as links, so a user
of the demo or an exercise lands on the moments that matter in one click. A broken file is reported,
never fatal.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from dashboard.state import parse_as_of

MOMENTS_FILE = "momenten.yaml"


@dataclass(frozen=True)
class Moment:
    """One bookmarked moment: ``time`` as the URL writes it (``2018-08-15T12:00``)."""

    time: str
    label_nl: str
    label_en: str
    hazard: str | None = None

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_nl


def _moment(item, index: int, file: Path) -> Moment:
    if not isinstance(item, dict):
        raise ValueError(f"{file}: moments.{index}: expected a mapping with time, nl and en")
    time, nl, en, hazard = (item.get(k) for k in ("time", "nl", "en", "hazard"))
    if not isinstance(time, str) or parse_as_of(time) is None:
        raise ValueError(f"{file}: moments.{index}.time: expected a time like 2018-08-15T12:00, got {time!r}")
    if not nl or not en:
        raise ValueError(f"{file}: moments.{index}: a label in Dutch (nl) and English (en) is required")
    if hazard not in (None, "drought", "flood"):
        raise ValueError(f"{file}: moments.{index}.hazard: expected drought or flood, got {hazard!r}")
    return Moment(time=time, label_nl=str(nl), label_en=str(en), hazard=hazard)


def load_moments(data_dir: str | Path) -> tuple[list[Moment], list[str]]:
    """The moments of a data folder (none when it has no ``momenten.yaml``) and any problems with the file."""
    file = Path(data_dir) / MOMENTS_FILE
    if not file.is_file():
        return [], []
    try:
        doc = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        items = doc.get("moments", []) if isinstance(doc, dict) else None
        if not isinstance(items, list):
            raise ValueError(f"{file}: expected a list under 'moments'")
        return [_moment(item, i, file) for i, item in enumerate(items)], []
    except (OSError, yaml.YAMLError, ValueError) as exc:
        return [], [str(exc).strip()]
