"""The narrative of a report: its six sections, the facts it states, and their agreement with the tables."""

from gov_disclosure.narrative.checks import NARRATIVE_RULES, NarratedReport, check_facts
from gov_disclosure.narrative.facts import FactKind, NarrativeFact, extract_facts
from gov_disclosure.narrative.sections import (
    SectionHeading,
    SectionSpan,
    SplitText,
    Title,
    find_title,
    section_bodies,
    section_headings,
    sections_of,
    split_sections,
)

__all__ = [
    "NARRATIVE_RULES",
    "FactKind",
    "NarratedReport",
    "NarrativeFact",
    "SectionHeading",
    "SectionSpan",
    "SplitText",
    "Title",
    "check_facts",
    "extract_facts",
    "find_title",
    "section_bodies",
    "section_headings",
    "sections_of",
    "split_sections",
]
