"""Benchmark: our Waterinfo reader against a bare ``pandas.read_csv`` of the same file, in the same run.

Generates (into a temporary folder) a synthetic one-year, 10-minute Waterinfo export in the current
bulk layout (b): ``;`` separated, decimal comma, latin-1, 20 series (about 1 million rows, the size of
a real bulk download). Then times

- the baseline: ``pandas.read_csv(path, sep=';', encoding='latin-1')`` (parses, but does nothing a
  user needs: no times, no units, no series), and
- ours: :func:`indicators.readers.read_file` (times to UTC, units, catalogue mapping, quality,
  duplicates, rejected rows),

and prints both times and the ratio (target: ours / baseline <= 3). Never gates CI on wall time.

Run: ``python benchmarks/readers.py [--rows-per-series N] [--repeat R]``.
"""
from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from indicators.catalogue import load_catalogue  # noqa: E402
from indicators.readers import read_file  # noqa: E402

COLUMNS = (
    "MONSTER_IDENTIFICATIE;MEETPUNT_IDENTIFICATIE;LOCATIE_CODE;TYPERING_OMSCHRIJVING;TYPERING_CODE;"
    "GROOTHEID_OMSCHRIJVING;GROOTHEID_CODE;PARAMETER_OMSCHRIJVING;PARAMETER_CODE;CAS_NR;EENHEID_CODE;"
    "HOEDANIGHEID_OMSCHRIJVING;HOEDANIGHEID_CODE;COMPARTIMENT_OMSCHRIJVING;COMPARTIMENT_CODE;"
    "WAARDEBEWERKINGSMETHODE_OMSCHRIJVING;WAARDEBEWERKINGSMETHODE_CODE;WAARDEBEPALINGSMETHODE_OMSCHRIJVING;"
    "WAARDEBEPALINGSMETHODE_CODE;BEMONSTERINGSSOORT_OMSCHRIJVING;BEMONSTERINGSSOORT_CODE;WAARNEMINGDATUM;"
    "WAARNEMINGTIJD (MET/CET);LIMIETSYMBOOL;NUMERIEKEWAARDE;ALFANUMERIEKEWAARDE;KWALITEITSOORDEEL_CODE;"
    "STATUSWAARDE;OPDRACHTGEVENDE_INSTANTIE;MEETAPPARAAT_OMSCHRIJVING;MEETAPPARAAT_CODE;"
    "BEMONSTERINGSAPPARAAT_OMSCHRIJVING;BEMONSTERINGSAPPARAAT_CODE;PLAATSBEPALINGSAPPARAAT_OMSCHRIJVING;"
    "PLAATSBEPALINGSAPPARAAT_CODE;BEMONSTERINGSHOOGTE;REFERENTIEVLAK;EPSG;X;Y;ORGAAN_OMSCHRIJVING;ORGAAN_CODE;"
    "TAXON_NAME;GROEPERING_OMSCHRIJVING;GROEPERING_CODE;GROEPERING_KANAAL;GROEPERING_TYPE;REFERENTIE;"
    "NOTITIE_CODE;NOTITIE_OMSCHRIJVING"
).split(";")

# (station name, location code, quantity, parameter, unit, reference, typical value, amplitude)
_STATIONS = [
    ("Lobith", "LOBI", "Q", "NVT", "m3/s", "NVT", 2000.0, 800.0),
    ("Sint Pieter", "SINT", "Q", "NVT", "m3/s", "NVT", 200.0, 120.0),
    ("Tiel", "TIEL", "Q", "NVT", "m3/s", "NVT", 1400.0, 500.0),
    ("Hagestein boven", "HAGS", "Q", "NVT", "m3/s", "NVT", 300.0, 200.0),
    ("Olst", "OLST", "Q", "NVT", "m3/s", "NVT", 250.0, 100.0),
    ("Krimpen a/d IJssel", "KRY40", "CONCTTE", "Cl", "mg/l", "NVT", 150.0, 60.0),
    ("Lekhaven -7 m", "LEK70", "CONCTTE", "Cl", "mg/l", "NVT", 900.0, 500.0),
    ("Hoek van Holland", "HOEKVHLD", "WATHTE", "NVT", "cm", "NAP", 30.0, 90.0),
    ("Dordrecht", "DORDT", "WATHTE", "NVT", "cm", "NAP", 40.0, 50.0),
    ("Krimpen a/d IJssel", "KRIMPADIJSL", "WATHTE", "NVT", "cm", "NAP", 35.0, 60.0),
    ("Scheveningen", "SCHEVNGN", "WATHTE", "NVT", "cm", "NAP", 10.0, 90.0),
    ("Lemmer", "LIJM", "WATHTE", "NVT", "cm", "NAP", -20.0, 10.0),
    ("Vlissingen", "VLISSGN", "WATHTE", "NVT", "cm", "NAP", 20.0, 180.0),
    ("Den Helder", "DENHDR", "WATHTE", "NVT", "cm", "NAP", 0.0, 70.0),
    ("Harlingen", "HARLGN", "WATHTE", "NVT", "cm", "NAP", 5.0, 90.0),
    ("Delfzijl", "DELFZL", "WATHTE", "NVT", "cm", "NAP", 10.0, 140.0),
    ("IJmuiden buitenhaven", "IJMDBTHVN", "WATHTE", "NVT", "cm", "NAP", 5.0, 80.0),
    ("Nijmegen haven", "NIJM", "WATHTE", "NVT", "cm", "NAP", 800.0, 200.0),
    ("Eijsden grens", "EIJS", "Q", "NVT", "m3/s", "NVT", 190.0, 110.0),
    ("Andijk", "ANDK", "CONCTTE", "Cl", "mg/l", "NVT", 120.0, 30.0),
]


def _decimal_comma(values: np.ndarray, decimals: int) -> np.ndarray:
    text = np.char.mod(f"%.{decimals}f", np.round(values, decimals))
    return np.char.replace(text, ".", ",").astype(object)


def _row_parts(station: str, code: str, qty: str, par: str, unit: str, ref: str) -> tuple[str, str]:
    """The constant text of a row before the date and after the value, for one series."""
    fields = dict.fromkeys(COLUMNS, "")
    fields.update({
        "MEETPUNT_IDENTIFICATIE": station, "LOCATIE_CODE": code,
        "GROOTHEID_OMSCHRIJVING": {"Q": "Debiet", "WATHTE": "Waterhoogte", "CONCTTE": "Concentratie"}[qty],
        "GROOTHEID_CODE": qty, "PARAMETER_OMSCHRIJVING": "Chloride" if par == "Cl" else "",
        "PARAMETER_CODE": par, "EENHEID_CODE": unit,
        "HOEDANIGHEID_OMSCHRIJVING": "t.o.v. Normaal Amsterdams Peil" if ref == "NAP" else "Niet van toepassing",
        "HOEDANIGHEID_CODE": ref, "COMPARTIMENT_OMSCHRIJVING": "Oppervlaktewater", "COMPARTIMENT_CODE": "OW",
        "WAARDEBEPALINGSMETHODE_OMSCHRIJVING": "Rekenkundig gemiddelde waarde over vorige 10 minuten",
        "WAARDEBEPALINGSMETHODE_CODE": "other:F001", "BEMONSTERINGSSOORT_OMSCHRIJVING": "Rechtstreekse meting",
        "BEMONSTERINGSSOORT_CODE": "01", "KWALITEITSOORDEEL_CODE": "Normale waarde",
        "STATUSWAARDE": "Ongecontroleerd", "OPDRACHTGEVENDE_INSTANTIE": "RIKZMON_WAT",
        "MEETAPPARAAT_OMSCHRIJVING": "Vlotter", "MEETAPPARAAT_CODE": "127", "BEMONSTERINGSHOOGTE": "-999999999",
        "REFERENTIEVLAK": "NVT", "EPSG": "25831", "X": "586550,994420996", "Y": "5772806,43069697",
        "NOTITIE_OMSCHRIJVING": "Gegevens geleverd door Rijkswaterstaat, µS/cm n.v.t." if code == "LOBI" else "",
    })
    i_date = COLUMNS.index("WAARNEMINGDATUM")
    i_value = COLUMNS.index("NUMERIEKEWAARDE")
    before = ";".join(fields[c] for c in COLUMNS[:i_date]) + ";"
    after = ";" + ";".join(fields[c] for c in COLUMNS[i_value + 1:]) + ";\r\n"
    return before, after


def generate(path: Path, rows_per_series: int = 52_560, seed: int = 1) -> int:
    """Write a synthetic current-layout Waterinfo export; returns the number of data rows.

    52 560 rows per series is one year at 10 minutes. A few sentinels (999999999) are mixed in, as
    in real exports. Written latin-1, CRLF line endings, trailing ``;``.
    """
    rng = np.random.default_rng(seed)
    stamps = pd.date_range("2022-01-01 00:00", periods=rows_per_series, freq="10min")
    date_time = (pd.Series(stamps.strftime("%d-%m-%Y")) + ";" + pd.Series(stamps.strftime("%H:%M:%S"))
                 + ";;").to_numpy(dtype=object)
    with open(path, "w", encoding="latin-1", newline="") as fh:
        fh.write(";".join(COLUMNS) + ";\r\n")
        for station, code, qty, par, unit, ref, level, amp in _STATIONS:
            t = np.arange(rows_per_series)
            values = (level + amp * np.sin(2 * np.pi * t / 74.5 + rng.uniform(0, 2 * np.pi))
                      + rng.normal(0, amp * 0.02, rows_per_series))
            text = _decimal_comma(values, 1 if unit != "cm" else 0)
            text[rng.random(rows_per_series) < 0.001] = "999999999"
            before, after = _row_parts(station, code, qty, par, unit, ref)
            fh.write("".join(before + date_time + text + after))
    return rows_per_series * len(_STATIONS)


def _time(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows-per-series", type=int, default=52_560)
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs (default 3)")
    parser.add_argument("--keep", metavar="FILE", help="write the generated export to FILE (for profiling)")
    args = parser.parse_args(argv)
    catalogue = load_catalogue(ROOT / "redeneerlijnen" / "catalogus.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "waterinfo_current_layout_1y_10min.csv"
        t0 = time.perf_counter()
        rows = generate(path, args.rows_per_series)
        print(f"generated {rows:,} rows x {len(COLUMNS)} columns, {path.stat().st_size / 1e6:.0f} MB "
              f"in {time.perf_counter() - t0:.1f} s")
        result = read_file(str(path), catalogue)
        n_values = sum(len(s.values) for s in result.series)
        print(f"our reader: {len(result.series)} series, {n_values:,} values, {len(result.rejected)} rejected rows")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.DtypeWarning)  # mixed types: the bare call as asked
            baseline = _time(lambda: pd.read_csv(path, sep=";", encoding="latin-1"), args.repeat)
        ours = _time(lambda: read_file(str(path), catalogue), args.repeat)
    print(f"baseline pandas.read_csv : {baseline:7.2f} s")
    print(f"indicators read_file     : {ours:7.2f} s")
    print(f"ratio ours / baseline    : {ours / baseline:7.2f}  (target <= 3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
