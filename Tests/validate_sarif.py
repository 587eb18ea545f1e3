#!/usr/bin/env python3
"""Validate a SARIF log against the SARIF 2.1.0 JSON schema.

Usage: validate_sarif.py SCHEMA FILE

Exit status: 0 valid, 1 invalid (each error printed with its JSON path), 3 the jsonschema
package is missing, 64 usage. FormatTests runs it; it never passes when it cannot check.
"""

import json
import sys

try:
    import jsonschema
except ImportError:
    print(
        "validate_sarif.py: the Python package jsonschema is missing; "
        "install it with: python3 -m pip install jsonschema",
        file=sys.stderr,
    )
    sys.exit(3)


def main(argv):
    if len(argv) != 3:
        print("usage: validate_sarif.py SCHEMA FILE", file=sys.stderr)
        return 64
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    with open(argv[2], encoding="utf-8") as f:
        log = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        where = "/".join(map(str, error.absolute_path)) or "(root)"
        print(f"{argv[2]}: {where}: {error.message}")
    if errors:
        return 1
    print(f"{argv[2]}: valid SARIF 2.1.0 ({validator_class.__name__})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
