"""Series readers: one module per file format, one common result (:class:`~indicators.series.ReadResult`).

:func:`read_file` looks at the file's first bytes (not only its extension) and hands it to the right
reader:

==========================  ==================================================================
format                      recognised by
==========================  ==================================================================
Waterinfo CSV (3 layouts)   ``NUMERIEKEWAARDE`` + ``MEETPUNT_IDENTIFICATIE``, or ``Datum;Tijd;..;Locatie;Meting``
Delft-FEWS PI-XML           XML (``<``) whose root is ``TimeSeries``
Delft-FEWS PI-JSON          JSON object with a ``timeSeries`` list
tidy long CSV / Parquet     columns ``series,time,value`` (Parquet: the ``PAR1`` magic)
two-column CSV              two columns ``time,value`` (bound to a catalogue id with ``bind``)
==========================  ==================================================================

A file that cannot be read at all raises :class:`~indicators.series.ReadError` (file, line when
known, reason); problems with single rows or single series are in the result instead, so the rest
of the file still loads.
"""
from __future__ import annotations

from pathlib import Path

from indicators.catalogue import Catalogue
from indicators.readers.common import first_line, guess_encoding, read_head
from indicators.readers.fews_json import read_fews_json
from indicators.readers.fews_xml import read_fews_xml
from indicators.readers.plain import (
    header_fields,
    is_tidy_header,
    read_plain,
    read_tidy,
    sniff_separator,
)
from indicators.readers.waterinfo import detect_layout, looks_like_waterinfo, read_waterinfo
from indicators.series import ReadError, ReadResult

#: Extensions the live data folder picks up (``read_file`` itself sniffs the content).
SUPPORTED_EXTENSIONS = frozenset({".csv", ".txt", ".xml", ".json", ".parquet", ".pq"})

__all__ = ["read_file", "sniff_format", "SUPPORTED_EXTENSIONS", "ReadError", "ReadResult"]


def _is_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    control = sum(1 for b in head[:4096] if b < 9 or 13 < b < 32)
    return control > 0.05 * max(1, len(head[:4096]))


def sniff_format(path: str) -> str:
    """Which reader a file needs: ``waterinfo``, ``fews-xml``, ``fews-json``, ``tidy``, ``tidy-parquet``
    or ``plain``.

    Raises
    ------
    ReadError
        For an empty or binary file, or a text file whose columns match no supported format.
    """
    head = read_head(path)
    if head.startswith(b"PAR1"):
        return "tidy-parquet"
    if not head.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ReadError(path, "empty file: no header and no data")
    if _is_binary(head):
        raise ReadError(path, "binary file, not a supported text format (Waterinfo CSV, PI-XML, PI-JSON, "
                              "CSV or Parquet)")
    encoding = guess_encoding(head)
    text = head.decode(encoding, errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        return "fews-xml"
    if text.startswith("{") or text.startswith("["):
        return "fews-json"
    header = first_line(text.encode("utf-8"), "utf-8")
    if detect_layout(header) is not None or looks_like_waterinfo(header):
        return "waterinfo"
    sep = sniff_separator(header)
    if sep is None:
        raise ReadError(path, f"no recognised columns in the first line {header[:100]!r}: expected a Waterinfo "
                              "export (';'), PI-XML, PI-JSON, a tidy CSV series,time,value or a two-column "
                              "time,value CSV (';' or ',' separated)", line=1)
    fields = header_fields(header, sep)
    if is_tidy_header(fields):
        return "tidy"
    if len(fields) == 2:
        return "plain"
    raise ReadError(path, f"no recognised columns: found {len(fields)} columns ({', '.join(fields[:8])}"
                          f"{', ...' if len(fields) > 8 else ''}) separated by {sep!r}; expected a Waterinfo "
                          "export, a tidy CSV with series,time,value, or a two-column time,value CSV", line=1)


def read_file(path: str | Path, catalogue: Catalogue, bind: str | None = None) -> ReadResult:
    """Read any supported series file into catalogue series.

    Parameters
    ----------
    path
        The file to read; its format is sniffed from its content.
    catalogue
        The series catalogue: maps what the file calls a series onto catalogue ids and units.
    bind
        For a two-column ``time,value`` CSV, the catalogue id the values belong to (``--series
        ID=FILE``). Ignored by the other formats, which name their series themselves.

    Returns
    -------
    ReadResult
        The series found (observations and forecasts), rejected rows with reasons, warnings.

    Raises
    ------
    ReadError
        When the file cannot be read at all; the message is ``FILE[:LINE]: reason``.
    """
    path = str(path)
    kind = sniff_format(path)
    try:
        if kind == "waterinfo":
            return read_waterinfo(path, catalogue)
        if kind == "fews-xml":
            return read_fews_xml(path, catalogue)
        if kind == "fews-json":
            return read_fews_json(path, catalogue)
        if kind == "tidy":
            return read_tidy(path, catalogue)
        if kind == "tidy-parquet":
            return read_tidy(path, catalogue, parquet=True)
        return read_plain(path, catalogue, bind=bind)
    except ReadError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise ReadError(path, f"file too large or too deeply nested to read ({type(exc).__name__})") from None
    except Exception as exc:  # a reader bug must not take the whole dashboard down: report it per file
        raise ReadError(path, f"unexpected error while reading as {kind}: {type(exc).__name__}: {exc}") from exc

