"""JSON documents for reports: a cattrs converter at the boundary, lossless cells, exact money, a JSON Schema.

>>> from gov_disclosure.model import Report, Table4
>>> r = Report(format_version="2021", table4=Table4.from_rows({"review": [1, 0, 0, 1, 2]}))
>>> loads(dumps(r)) == r
True
"""

from gov_disclosure.serializers.json.converter import make_json_converter
from gov_disclosure.serializers.json.document import (
    READABLE_SCHEMA_VERSIONS,
    SCHEMA_VERSION,
    dumps,
    findings_to_list,
    from_dict,
    from_dict_with_findings,
    loads,
    loads_with_findings,
    to_dict,
)
from gov_disclosure.serializers.json.errors import JSONFormatError
from gov_disclosure.serializers.json.schema import SCHEMA_ID, json_schema, schema_text

__all__ = [
    "READABLE_SCHEMA_VERSIONS",
    "SCHEMA_ID",
    "SCHEMA_VERSION",
    "JSONFormatError",
    "dumps",
    "findings_to_list",
    "from_dict",
    "from_dict_with_findings",
    "json_schema",
    "loads",
    "loads_with_findings",
    "make_json_converter",
    "schema_text",
    "to_dict",
]
