"""Reading Dash component trees in tests the way a user reads the page."""
from __future__ import annotations


def text_of(component) -> str:
    """All text in a Dash component tree, in order (what a user reads)."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text_of(c) for c in component)
    return text_of(getattr(component, "children", None))
