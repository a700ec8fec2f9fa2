"""Small building blocks shared by the pages: phase chips, badges, the data notice.

A phase is always shown as colour **and** words (``2 oranje · Inzet KWA``); unknown is a grey hatch
(CSS class ``phase-unknown``) with the word ``onbekend``.
"""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n import local_time, national_word, t
from dashboard.phases import UNKNOWN_CSS, colour, phase_label, text_colour
from indicators.result import Expected, LineSituation


def chip(national_phase: int | None, text: str, *, unknown: bool = False, large: bool = False,
         chip_id: str | None = None, title: str | None = None, muted: bool = False) -> html.Span:
    """A coloured chip with text; hatched grey when ``unknown``.

    Parameters
    ----------
    national_phase
        National phase 0-3 for the colour, or None.
    text
        The words on the chip (always give them: colour is never alone).
    unknown
        Draw the unknown hatch instead of a colour.
    large
        A bigger chip for headline numbers.
    muted
        Fade the chip (a count of zero), keeping its words readable.
    """
    classes = ["phase-chip"] + (["phase-chip-lg"] if large else []) + (["phase-chip-muted"] if muted else [])
    style = {}
    if unknown or national_phase is None:
        classes.append(UNKNOWN_CSS)
    else:
        style = {"backgroundColor": colour(national_phase), "color": text_colour(national_phase)}
    kwargs = {"id": chip_id} if chip_id else {}
    return html.Span(text, className=" ".join(classes), style=style, title=title or text, **kwargs)


def no_line_chip(text: str) -> html.Span:
    """A pale chip for "no line for this hazard"."""
    return html.Span(text, className="phase-chip phase-none", title=text)


def line_chip(ls: LineSituation | None, lang: str, *, large: bool = False, chip_id: str | None = None) -> html.Span:
    """The phase chip of a line: ``2 oranje · Inzet KWA``, ``onbekend`` (hatched) or ``geen lijn``."""
    if ls is None:
        return no_line_chip(t("no_line", lang))
    return chip(ls.national_phase, phase_label(ls, lang), unknown=ls.phase is None, large=large, chip_id=chip_id)


def expected_chip(expected: Expected | None, lang: str) -> html.Span | None:
    """A dashed chip with the forecast's expected phase (``verwacht 2 oranje``), or None without forecast."""
    if expected is None:
        return None
    if expected.phase is None:
        text = t("expected_chip", lang, phase=t("unknown", lang))
        return html.Span(text, className=f"phase-chip phase-chip-expected {UNKNOWN_CSS}", title=text)
    text = t("expected_chip", lang, phase=f"{expected.phase} {national_word(expected.national_phase, lang)}")
    return html.Span(text, className="phase-chip phase-chip-expected", title=text,
                     style={"borderColor": colour(expected.national_phase), "color": "#1a1a1a"})


def synthetic_badge(lang: str) -> dbc.Badge:
    """The label every synthetic series carries."""
    return dbc.Badge(t("synthetic", lang), color="secondary", className="badge-synthetic ms-1")


def since_text(ls: LineSituation, lang: str) -> str:
    """``sinds 6 aug 2018 01:00``, or the last known phase when the phase is unknown."""
    if ls.phase is None and ls.last_known_phase is not None:
        return t("last_known", lang, phase=t("phase_n", lang, n=ls.last_known_phase), when=local_time(ls.last_known_at, lang))
    if ls.since is None:
        return t("since_unknown", lang)
    return t("since", lang, when=local_time(ls.since, lang))


def status_text(ls: LineSituation, lang: str) -> str | None:
    """The explanation of a partial or unknown status, or None when all inputs are known."""
    if ls.status == "partial":
        return t("status_partial", lang)
    if ls.status == "unknown":
        return t("status_unknown", lang)
    return None


def notice(messages: list[str], details: list[str], lang: str) -> html.Div | None:
    """A calm notice: a few sentences, with the long list of file problems folded away."""
    if not messages and not details:
        return None
    body = [html.Div(m) for m in messages]
    if details:
        body.append(html.Details([html.Summary(t("notice_details", lang)),
                                  html.Ul([html.Li(d, className="small font-monospace") for d in details[:50]])]))
    return dbc.Alert(body, color="light", className="notice mb-2 py-2")
