"""Validation of reports: registered rules, accounting identities with a blank policy, culprit localisation.

>>> from gov_disclosure.model import Cell, Report, Table4
>>> report = Report(format_version="2021", table4=Table4.from_rows({
...     "review": [1, 0, 0, 1, 2], "litigation_direct": [0, 0, 0, 0, 0], "litigation_after_review": [0, 0, 0, 0, 0]}))
>>> [f.code for f in validate(report)]
['TABLE.MISSING', 'TABLE.MISSING']
>>> broken = report.with_cell("table4.review.total", Cell.of(3))
>>> [f.code for f in validate(broken)][2:]
['T4.GROUP_SUM', 'CULPRIT']
"""

from gov_disclosure.registry import BlankPolicy
from gov_disclosure.validation._arith import (
    Candidate,
    Evaluation,
    Identity,
    Status,
    Values,
    evaluate,
    localise,
    read_values,
)
from gov_disclosure.validation.catalogue import RuleInfo, catalogue_markdown, export_rules, write_catalogue
from gov_disclosure.validation.context import ValidationRun
from gov_disclosure.validation.culprit import CULPRIT
from gov_disclosure.validation.identities import IDENTITY_CODES, evaluate_identities, identities_for
from gov_disclosure.validation.run import DEFAULT_RULES, RULE_MODULES, validate

__all__ = [
    "CULPRIT",
    "DEFAULT_RULES",
    "IDENTITY_CODES",
    "RULE_MODULES",
    "BlankPolicy",
    "Candidate",
    "Evaluation",
    "Identity",
    "RuleInfo",
    "Status",
    "ValidationRun",
    "Values",
    "catalogue_markdown",
    "evaluate",
    "evaluate_identities",
    "export_rules",
    "identities_for",
    "localise",
    "read_values",
    "validate",
    "write_catalogue",
]
