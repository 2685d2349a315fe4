"""Write reports as report text in the official layout, with optional, deterministic extraction damage.

Used for round-trip property tests of the readers and for the example report bundled with the package.
"""

from gov_disclosure.render.damage import SEPARATORS, Damage, Separator
from gov_disclosure.render.text import render_text

__all__ = ["SEPARATORS", "Damage", "Separator", "render_text"]
