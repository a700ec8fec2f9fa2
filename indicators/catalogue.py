"""The series catalogue: which series exist, under which codes they arrive, and their units and ranges.

A reasoning line may only ask for a series that is in the catalogue (checked by ``validate``), and
every reader maps what it finds in a file (location code or name + quantity) onto a catalogue id here.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# Unit conversion factors into the catalogue unit: (from, to) -> multiply by.
_UNIT_FACTORS: dict[tuple[str, str], float] = {
    ("cm", "m"): 0.01,
    ("m", "cm"): 100.0,
    ("mm", "m"): 0.001,
    ("l/s", "m3/s"): 0.001,
    ("g/l", "mg/l"): 1000.0,
}

_UNIT_SYNONYMS = {
    "m3/s": "m3/s", "m³/s": "m3/s", "m3s": "m3/s", "m^3/s": "m3/s",
    "mg/l": "mg/l", "mg/l cl": "mg/l", "mgl": "mg/l",
    "g/l": "g/l",
    "cm": "cm", "cm nap": "cm", "cmnap": "cm", "cm t.o.v. nap": "cm",
    "m": "m", "m nap": "m", "mnap": "m", "m+nap": "m", "m t.o.v. nap": "m",
    "mm": "mm", "l/s": "l/s",
}


def normalise_unit(unit: str) -> str:
    """Reduce the many spellings of a unit (``m NAP``, ``mNAP``, ``m³/s``) to one key."""
    key = re.sub(r"\s+", " ", unit.strip().lower())
    return _UNIT_SYNONYMS.get(key, key)


class UnitError(ValueError):
    """A source unit that cannot be converted into the catalogue unit."""


def conversion_factor(source_unit: str, target_unit: str) -> float:
    """Factor that turns values in ``source_unit`` into ``target_unit``; raises :class:`UnitError`."""
    src, dst = normalise_unit(source_unit), normalise_unit(target_unit)
    if src == dst:
        return 1.0
    try:
        return _UNIT_FACTORS[(src, dst)]
    except KeyError:
        raise UnitError(f"cannot convert unit {source_unit!r} to {target_unit!r}") from None


def normalise_code(code: str) -> str:
    """Compare location codes and names case- and punctuation-insensitively (``Sint Pieter`` = ``sint-pieter``)."""
    return re.sub(r"[^0-9a-z]", "", code.lower())


class Location(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    name: str
    lat: float = Field(ge=50.0, le=54.0)
    lon: float = Field(ge=3.0, le=7.5)


class PlausibleRange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min: float
    max: float


class CatalogueSeries(BaseModel):
    """One series the information system can supply."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[A-Z0-9]+\.[A-Z]+$")
    name: str
    location: Location
    aliases: list[str] = []
    quantity: str
    parameter: str | None = None
    unit: str
    plausible: PlausibleRange
    max_jump: float | None = Field(default=None, gt=0)
    kind: Literal["measured", "synthetic"]
    description: str = ""

    @property
    def synthetic(self) -> bool:
        return self.kind == "synthetic"


class Catalogue(BaseModel):
    """All catalogue series, with lookup by id and by (location code or alias, quantity)."""

    model_config = ConfigDict(extra="forbid")
    version: int = 1
    series: list[CatalogueSeries]

    def get(self, series_id: str) -> CatalogueSeries | None:
        return self._by_id().get(series_id)

    def __contains__(self, series_id: str) -> bool:
        return series_id in self._by_id()

    def ids(self) -> list[str]:
        return [s.id for s in self.series]

    def _by_id(self) -> dict[str, CatalogueSeries]:
        return {s.id: s for s in self.series}

    def resolve(self, location: str, quantity: str) -> CatalogueSeries | None:
        """Find the series for a location code, dotted service code or station name plus a quantity.

        ``quantity`` is an Aquo code (``Q``, ``WATHTE``, ``CONCTTE``); FEWS-style parameter ids such
        as ``H.meting`` or ``WATHTE [m] [NAP] [OW]`` are reduced to their Aquo code first.
        """
        want_loc = normalise_code(location)
        want_qty = aquo_quantity(quantity)
        for entry in self.series:
            if entry.quantity != want_qty:
                continue
            names = [entry.location.code, entry.location.name, *entry.aliases]
            if any(normalise_code(n) == want_loc for n in names):
                return entry
        return None


# FEWS and Waterinfo spell quantities in several ways; map them onto Aquo codes.
_QUANTITY_PREFIXES = {
    "WATHTE": "WATHTE", "H": "WATHTE", "WATERHOOGTE": "WATHTE", "WATHTBRKD": "WATHTBRKD",
    "Q": "Q", "AFVOER": "Q", "DEBIET": "Q",
    "CONCTTE": "CONCTTE", "CL": "CONCTTE", "CHLORIDE": "CONCTTE",
}


def aquo_quantity(code: str) -> str:
    """Reduce a quantity or FEWS parameter id (``H.meting``, ``Q.berekend``, ``WATHTE [m]``) to an Aquo code."""
    head = re.split(r"[.\s\[]", code.strip(), maxsplit=1)[0].upper()
    return _QUANTITY_PREFIXES.get(head, head)


def load_catalogue(path: str | Path) -> Catalogue:
    """Load and validate a catalogue YAML file (errors carry file, line and key path)."""
    from indicators.yamlsource import load_model

    return load_model(Path(path), Catalogue)
