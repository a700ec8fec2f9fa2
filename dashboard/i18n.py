"""Every text the dashboard shows, in Dutch (default) and English, plus number and time formatting.

Texts are looked up by key with :func:`t`; a missing key raises at once (a test renders every page in
both languages), so a label can never silently appear in the wrong language. Times are shown in
Europe/Amsterdam, numbers in the user's convention (Dutch: ``1.100,5``; English: ``1,100.5``).
"""
from __future__ import annotations

import math

import pandas as pd

AMSTERDAM = "Europe/Amsterdam"

TEXTS: dict[str, dict[str, str]] = {
    # Shell
    "app_title": {"nl": "Slim Watermanagement — situatiebeeld", "en": "Smart Water Management — situation"},
    "app_subtitle": {"nl": "Redeneerlijnen droogte en hoogwater, landelijk en per regio",
                     "en": "Reasoning lines for drought and flood, national and per region"},
    "overview": {"nl": "Landelijk overzicht", "en": "National overview"},
    "language_switch": {"nl": "English", "en": "Nederlands"},
    "language_switch_label": {"nl": "Switch to English", "en": "Schakel naar Nederlands"},
    "about": {"nl": "Over deze kaart en de bronnen", "en": "About this map and the sources"},
    "about_short": {"nl": "Over", "en": "About"},
    "close": {"nl": "Sluiten", "en": "Close"},
    "asof": {"nl": "Situatie op", "en": "Situation at"},
    "time": {"nl": "Tijd (uu:mm)", "en": "Time (hh:mm)"},
    "date": {"nl": "Datum", "en": "Date"},
    "minus_week": {"nl": "−1 week", "en": "−1 week"},
    "minus_day": {"nl": "−1 dag", "en": "−1 day"},
    "plus_day": {"nl": "+1 dag", "en": "+1 day"},
    "plus_week": {"nl": "+1 week", "en": "+1 week"},
    "latest": {"nl": "Laatste", "en": "Latest"},
    "latest_title": {"nl": "Toon de nieuwste gegevens en volg ze (live)",
                     "en": "Show the newest data and follow it (live)"},
    "shown_live": {"nl": "laatste gegevens (volgt nieuwe data)", "en": "latest data (follows new data)"},
    "shown_fixed": {"nl": "vast tijdstip (deelbare link)", "en": "fixed time (shareable link)"},
    "times_in": {"nl": "NL-tijd", "en": "Amsterdam time"},
    "slider_label": {"nl": "Tijdlijn van de gegevens", "en": "Data period"},
    # Notices
    "notice_problems": {"nl": "{n} gegevensbestand(en) konden niet (volledig) worden gelezen. De overige gegevens worden gewoon gebruikt.",
                        "en": "{n} data file(s) could not be read (completely). All other data is used as usual."},
    "notice_details": {"nl": "Details", "en": "Details"},
    "notice_lines": {"nl": "De redeneerlijnen zijn gewijzigd maar bevatten fouten; de vorige geldige versie blijft in gebruik.",
                     "en": "The reasoning lines changed but contain errors; the previous valid version stays in use."},
    "moments": {"nl": "Momenten", "en": "Moments"},
    "moments_title": {"nl": "Gebeurtenissen in deze gegevens: één klik zet het tijdstip", "en": "Events in this data: one click sets the time"},
    "notice_moments": {"nl": "Het bestand met momenten kon niet worden gelezen.", "en": "The file with moments could not be read."},
    "notice_data_age": {"nl": "De nieuwste meting is van {when} ({days} dagen geleden). Het getoonde beeld is niet actueel.",
                        "en": "The newest measurement is from {when} ({days} days ago). The picture shown is not current."},
    "notice_no_data": {"nl": "Er zijn (nog) geen gegevens gevonden in {path}. Alle fasen zijn onbekend.",
                       "en": "No data found (yet) in {path}. All phases are unknown."},
    "notice_synthetic": {"nl": "Deze set bevat synthetische demoreeksen; ze zijn overal gemarkeerd als ‘synthetisch’. Gebruik ze nooit voor een besluit.",
                         "en": "This data set contains synthetic demo series, marked ‘synthetic’ everywhere. Never use them for a decision."},
    "notice_no_map": {"nl": "Kaartcontouren niet gevonden in assets/; de kaart toont alleen de regiopunten.",
                      "en": "Map outlines not found in assets/; the map shows region points only."},
    "notice_before_data": {"nl": "Het gekozen tijdstip ligt buiten de periode met gegevens ({start} – {end}).",
                           "en": "The chosen time lies outside the period with data ({start} – {end})."},
    "notice_bad_time": {"nl": "Het tijdstip ‘{text}’ in de link is niet te lezen; de laatste gegevens worden getoond.",
                        "en": "The time ‘{text}’ in the link cannot be read; the latest data is shown."},
    "notice_bad_region": {"nl": "Regio ‘{code}’ bestaat niet. Kies een regio op de kaart.",
                          "en": "Region ‘{code}’ does not exist. Pick a region on the map."},
    # Hazards and phases
    "drought": {"nl": "Droogte", "en": "Drought"},
    "flood": {"nl": "Hoogwater", "en": "Flood"},
    "drought_committee": {"nl": "LCW — waterverdeling en droogte", "en": "LCW — water distribution and drought"},
    "flood_committee": {"nl": "LCO — hoogwater en overstromingsdreiging", "en": "LCO — high water and flood threat"},
    "national_0": {"nl": "groen", "en": "green"},
    "national_1": {"nl": "geel", "en": "yellow"},
    "national_2": {"nl": "oranje", "en": "orange"},
    "national_3": {"nl": "rood", "en": "red"},
    "unknown": {"nl": "onbekend", "en": "unknown"},
    "no_line": {"nl": "geen lijn", "en": "no line"},
    "no_line_long": {"nl": "geen {hazard}lijn", "en": "no {hazard} line"},
    "phase": {"nl": "fase", "en": "phase"},
    "phase_n": {"nl": "fase {n}", "en": "phase {n}"},
    "national_phase_n": {"nl": "landelijk {word}", "en": "national {word}"},
    "status_partial": {"nl": "deels onbekend: minstens deze fase", "en": "partly unknown: at least this phase"},
    "status_unknown": {"nl": "onbekend: onvoldoende actuele gegevens", "en": "unknown: not enough current data"},
    "status_partial_short": {"nl": "deels onbekend", "en": "partly unknown"},
    "last_known": {"nl": "laatst bekend: {phase} op {when}", "en": "last known: {phase} at {when}"},
    "since": {"nl": "sinds {when}", "en": "since {when}"},
    "since_unknown": {"nl": "sinds: onbekend", "en": "since: unknown"},
    "synthetic": {"nl": "synthetisch", "en": "synthetic"},
    "forecast": {"nl": "verwachting", "en": "forecast"},
    "expected": {"nl": "Verwachting", "en": "Forecast"},
    "expected_chip": {"nl": "verwacht {phase}", "en": "expected {phase}"},
    "expected_text": {"nl": "{phase} vanaf {when} volgens de verwachting van {issued} (tot {until}); los van de gemeten fase",
                      "en": "{phase} from {when} according to the forecast of {issued} (until {until}); apart from the observed phase"},
    "expected_unknown": {"nl": "verwachting geeft geen bruikbare fase", "en": "the forecast gives no usable phase"},
    "map_expected": {"nl": "verw.", "en": "fc."},
    # Overview
    "national_picture": {"nl": "Landelijk beeld", "en": "National picture"},
    "worst_phase": {"nl": "Hoogste landelijke fase", "en": "Highest national phase"},
    "regions_per_phase": {"nl": "Regio's per fase", "en": "Regions per phase"},
    "regions_without_line": {"nl": "{n} regio('s) zonder {hazard}lijn", "en": "{n} region(s) without a {hazard} line"},
    "rollup_show_map": {"nl": "Toon {hazard} op de kaart", "en": "Show {hazard} on the map"},
    "map": {"nl": "Kaart", "en": "Map"},
    "map_title": {"nl": "Kaart: {hazard}", "en": "Map: {hazard}"},
    "map_auto": {"nl": "(automatisch: het gevaar met de hoogste landelijke fase)",
                 "en": "(automatic: the hazard with the highest national phase)"},
    "map_colour_note": {"nl": "regio's gekleurd naar landelijke fase", "en": "regions coloured by national phase"},
    "map_shows": {"nl": "Kaart toont", "en": "Map shows"},
    "outlines_indicative": {"nl": "contouren indicatief", "en": "outlines indicative"},
    "map_click_hint": {"nl": "Klik op een regio voor de regioweergave.", "en": "Click a region to open its view."},
    "legend_affected": {"nl": "beïnvloed door buurregio (kleur van de oorzaak)",
                        "en": "affected by a neighbour (colour of the cause)"},
    "legend_unknown": {"nl": "onbekend (gearceerd)", "en": "unknown (hatched)"},
    "legend_no_line": {"nl": "geen lijn voor dit gevaar", "en": "no line for this hazard"},
    "legend_link": {"nl": "hydrologische verbinding (donker: nu van invloed)",
                    "en": "hydrological link (dark: active now)"},
    "legend_wmcn": {"nl": "WMCN: hoofdrivieren in de kleur van de landelijke lijn",
                    "en": "WMCN: main rivers in the colour of the national line"},
    "regions": {"nl": "Regio's", "en": "Regions"},
    "impacts_now": {"nl": "Doorwerking naar buurregio's", "en": "Impacts on neighbours"},
    "open_region": {"nl": "Open regio", "en": "Open region"},
    "open_region_named": {"nl": "Open de regioweergave van {name}", "en": "Open the region view of {name}"},
    "drives": {"nl": "Bepalend", "en": "Driving"},
    "next_step": {"nl": "Naar volgende fase", "en": "To next phase"},
    "data_status": {"nl": "Gegevens", "en": "Data"},
    "data_ok": {"nl": "alle invoer actueel", "en": "all inputs current"},
    "data_stale": {"nl": "verouderd: {what}", "en": "stale: {what}"},
    "data_missing": {"nl": "ontbreekt: {what}", "en": "missing: {what}"},
    "data_synthetic": {"nl": "synthetisch: {what}", "en": "synthetic: {what}"},
    "affects": {"nl": "Beïnvloedt", "en": "Affects"},
    "affected_by": {"nl": "Beïnvloed door", "en": "Affected by"},
    "nothing": {"nl": "niets op dit moment", "en": "nothing at this moment"},
    "other_hazard": {"nl": "{hazard}: {phase}", "en": "{hazard}: {phase}"},
    "selected": {"nl": "geselecteerd", "en": "selected"},
    # Reasons (built from the engine's Reason fields)
    "reason_drives_rising": {"nl": "{name}: {value} — boven de grens van {phase} ({threshold}); terug onder {exit}",
                             "en": "{name}: {value} — above the boundary of {phase} ({threshold}); leaves below {exit}"},
    "reason_drives_falling": {"nl": "{name}: {value} — onder de grens van {phase} ({threshold}); terug boven {exit}",
                              "en": "{name}: {value} — below the boundary of {phase} ({threshold}); leaves above {exit}"},
    "reason_held": {"nl": " (grens eerder bereikt; blijft door hysterese)", "en": " (boundary reached earlier; held by hysteresis)"},
    "reason_next_rising": {"nl": "{name}: {value}; {phase} vanaf {threshold} (nog {margin})",
                           "en": "{name}: {value}; {phase} from {threshold} ({margin} to go)"},
    "reason_next_falling": {"nl": "{name}: {value}; {phase} vanaf {threshold} (nog {margin})",
                            "en": "{name}: {value}; {phase} from {threshold} ({margin} to go)"},
    "reason_unknown": {"nl": "{name}: geen bruikbare waarde{when}; telt als onbekend, niet als normaal",
                       "en": "{name}: no usable value{when}; counted as unknown, not as normal"},
    "reason_unknown_when": {"nl": " (laatste {when})", "en": " (last {when})"},
    "top_phase_reached": {"nl": "hoogste fase van de lijn", "en": "highest phase of the line"},
    # Region view
    "back_to_overview": {"nl": "← Landelijk overzicht", "en": "← National overview"},
    "participants": {"nl": "Deelnemers", "en": "Participants"},
    "line_meta": {"nl": "versie {version} · {status} · eigenaar: {owner}", "en": "version {version} · {status} · owner: {owner}"},
    "status_vastgesteld": {"nl": "vastgesteld", "en": "adopted"},
    "status_concept": {"nl": "concept", "en": "draft"},
    "ladder": {"nl": "Redeneerlijn", "en": "Reasoning line"},
    "current_phase": {"nl": "huidige fase", "en": "current phase"},
    "why": {"nl": "Waarom", "en": "Why"},
    "measures_current": {"nl": "Maatregelen nu — {phase}", "en": "Measures now — {phase}"},
    "measures_next": {"nl": "Maatregelen in de volgende fase — {phase}", "en": "Measures in the next phase — {phase}"},
    "no_measures": {"nl": "geen maatregelen vastgelegd", "en": "no measures recorded"},
    "measure": {"nl": "Maatregel", "en": "Measure"},
    "who": {"nl": "Wie", "en": "Who"},
    "category": {"nl": "Verdringingsreeks", "en": "Priority category"},
    "category_n": {"nl": "cat. {n}", "en": "cat. {n}"},
    "information_needs": {"nl": "Informatiebehoefte", "en": "Information needs"},
    "none_recorded": {"nl": "niets vastgelegd", "en": "none recorded"},
    "indicators": {"nl": "Indicatoren", "en": "Indicators"},
    "phase_timeline": {"nl": "Fasen in de getoonde periode", "en": "Phases in the period shown"},
    "phase_changes": {"nl": "Faseovergangen", "en": "Phase changes"},
    "change_time": {"nl": "Tijd", "en": "Time"},
    "change_line": {"nl": "Lijn", "en": "Line"},
    "change_from": {"nl": "Van", "en": "From"},
    "change_to": {"nl": "Naar", "en": "To"},
    "no_changes": {"nl": "geen faseovergangen in de getoonde periode", "en": "no phase changes in the period shown"},
    "neighbours": {"nl": "Buurregio's", "en": "Neighbours"},
    "links_out": {"nl": "Hydrologische verbindingen vanuit deze regio", "en": "Hydrological links from this region"},
    "links_in": {"nl": "Hydrologische verbindingen naar deze regio", "en": "Hydrological links into this region"},
    "affected_line": {"nl": "{region} — via {link}: {reason} (vanaf {phase} van {line})",
                      "en": "{region} — via {link}: {reason} (from {phase} of {line})"},
    "no_lines_region": {"nl": "Deze regio heeft (nog) geen gepubliceerde redeneerlijn.",
                        "en": "This region has no published reasoning line (yet)."},
    # Charts
    "observed": {"nl": "gemeten", "en": "observed"},
    "used_by_line": {"nl": "gebruikt door de lijn ({smoothing})", "en": "used by the line ({smoothing})"},
    "used_by_line_raw": {"nl": "gebruikt door de lijn", "en": "used by the line"},
    "suspect": {"nl": "verdacht (niet gebruikt)", "en": "suspect (not used)"},
    "suspect_outside": {"nl": "verdacht, buiten beeld: {value}", "en": "suspect, off the chart: {value}"},
    "boundary_enter": {"nl": "grens {phase}", "en": "boundary {phase}"},
    "boundary_exit": {"nl": "uit {phase}", "en": "leave {phase}"},
    "forecast_issued": {"nl": "verwachting (uitgegeven {when})", "en": "forecast (issued {when})"},
    "asof_marker": {"nl": "situatie op", "en": "situation at"},
    "no_values": {"nl": "geen gegevens in deze periode", "en": "no data in this period"},
    "threshold_monthly": {"nl": "grenswaarde per maand", "en": "threshold per month"},
    "illustrative": {"nl": "illustratief", "en": "illustrative"},
    "illustrative_thresholds": {"nl": "grenswaarde illustratief (niet openbaar vastgesteld)",
                                "en": "illustrative threshold (not publicly adopted)"},
    "source": {"nl": "bron", "en": "source"},
    "chart_hint": {"nl": "Gekleurde banden: de fasen van de lijn (doorgetrokken: in, gestreept: uit).",
                   "en": "Coloured bands: the phases of the line (solid: enter, dashed: leave)."},
    # About
    "about_text": {
        "nl": ("Het situatiebeeld toont per regio de fase van elke redeneerlijn zoals de rekenkern die bepaalt; "
               "het dashboard berekent zelf geen fase. Regiocontouren zijn indicatief: een Slim WM-regio is geen "
               "bestuurlijke eenheid. Onbekend (gearceerd) betekent: te weinig actuele gegevens; nooit ‘normaal’."),
        "en": ("The situation shows, per region, the phase of each reasoning line as the engine determines it; the "
               "dashboard computes no phase itself. Region outlines are indicative: a Slim WM region is not an "
               "administrative unit. Unknown (hatched) means: not enough current data; never ‘normal’."),
    },
    "about_sources": {"nl": "Bronnen van de kaart", "en": "Map sources"},
    "about_data": {"nl": "Gegevens", "en": "Data"},
    "about_data_text": {"nl": "Gegevensmap: {path} ({n} reeksen; versie {fingerprint}).",
                        "en": "Data folder: {path} ({n} series; version {fingerprint})."},
}

MONTHS = {
    "nl": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}

UNITS = {"m3/s": "m³/s", "m NAP": "m NAP", "mg/l": "mg/l", "m": "m", "cm": "cm"}


def t(key: str, lang: str, **values) -> str:
    """The text ``key`` in language ``lang`` (``nl`` or ``en``), with ``{placeholders}`` filled in.

    Raises
    ------
    KeyError
        When the key does not exist: a label without a translation is a bug, not a fallback.
    """
    text = TEXTS[key][lang if lang in ("nl", "en") else "nl"]
    return text.format(**values) if values else text


def national_word(national_phase: int | None, lang: str) -> str:
    """The national colour word of a phase (``groen``, ``geel``, ``oranje``, ``rood``) or ``onbekend``."""
    if national_phase is None:
        return t("unknown", lang)
    return t(f"national_{national_phase}", lang)


def hazard_word(hazard: str, lang: str) -> str:
    """``Droogte`` / ``Hoogwater`` (``Drought`` / ``Flood``)."""
    return t(hazard, lang)


def unit_text(unit: str) -> str:
    """A unit as it reads on screen (``m3/s`` becomes ``m³/s``)."""
    return UNITS.get(unit, unit)


def number(value: float | None, lang: str, decimals: int | None = None) -> str:
    """A number in the user's convention, with as many decimals as its size needs.

    Parameters
    ----------
    value
        The number; None or NaN gives ``–``.
    lang
        ``nl`` (``1.100,5``) or ``en`` (``1,100.5``).
    decimals
        Fixed number of decimals. By default 0 from 100 upwards, 1 from 10, else 2, and trailing
        zeros dropped (``60``, ``43,5``, ``-0,32``).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    fixed = decimals is not None
    if decimals is None:
        decimals = 0 if abs(value) >= 100 else (1 if abs(value) >= 10 else 2)
    text = f"{value:,.{decimals}f}"
    if not fixed and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "-0.0"):
        text = "0"
    if lang == "nl":
        text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text


def quantity(value: float | None, unit: str, lang: str) -> str:
    """A value with its unit, e.g. ``1.100 m³/s``."""
    return f"{number(value, lang)} {unit_text(unit)}".strip()


def local_time(ts: pd.Timestamp | None, lang: str, with_time: bool = True) -> str:
    """A moment as a Dutch user reads it: ``15 aug 2018 12:00`` in Europe/Amsterdam time."""
    if ts is None or pd.isna(ts):
        return "–"
    local = pd.Timestamp(ts).tz_convert(AMSTERDAM)
    text = f"{local.day} {MONTHS[lang][local.month - 1]} {local.year}"
    return f"{text} {local:%H:%M}" if with_time else text


def other_language(lang: str) -> str:
    """The language the toggle switches to."""
    return "en" if lang == "nl" else "nl"
