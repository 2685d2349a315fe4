"""The fuzzing campaign: damage report inputs, read them, and judge whether the library kept its promise.

* :mod:`~gov_disclosure.testing.fuzz.operators` — deterministic mutation operators over text, markdown and HTML,
  truth-preserving or truth-changing, each saying what it did;
* :mod:`~gov_disclosure.testing.fuzz.oracle` — the oracle: every number returned is the truth, or the cell is left
  without a value and flagged; under truth-changing damage, every changed cell an identity covers is caught;
* :mod:`~gov_disclosure.testing.fuzz.subjects` — what is damaged: real reports with their truth files, and
  generated reports rendered as text, markdown and HTML;
* :mod:`~gov_disclosure.testing.fuzz.minimise` — greedy reduction of a failing input;
* :mod:`~gov_disclosure.testing.fuzz.hostile` — hostile files (bombs, entity expansion, deep nesting …);
* :mod:`~gov_disclosure.testing.fuzz.sweep` — every single damage of a text, once (the exhaustive counterpart).

``scripts/fuzz.py`` runs the campaign on all cores and ``scripts/sweep.py`` the sweep; ``tests/test_fuzz.py`` runs
the campaign under Hypothesis and sweeps the real reports' tables.
"""
