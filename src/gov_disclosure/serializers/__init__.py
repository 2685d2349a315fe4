"""Serializers at the boundary of the library: the model never knows about them.

* :mod:`gov_disclosure.serializers.json` — JSON documents and their JSON Schema.
"""
