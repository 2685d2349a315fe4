"""A copy-me template of a third-party format adapter and input reader (see ``docs/adapters.md``).

Copy this directory into your own package, rename the classes, and declare them as entry points. Nothing here is
registered: the template is not used by :func:`gov_disclosure.load` until you register your copy.
"""
