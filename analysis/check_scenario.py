#!/usr/bin/env python3
"""Checks scenario files against docs/scenario.schema.json, as an editor does (docs/editors.md).

    python3 analysis/check_scenario.py FILE...

Prints FILE:PATH: MESSAGE for every problem and exits 1 when there is one (2 when a file cannot be read).
`accord validate` remains the reference: it also checks what spans the file.
Needs Debian's python3-yaml and python3-jsonschema.
"""
import json
import os
import sys

import jsonschema
import yaml

import yaml12

SCHEMA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs", "scenario.schema.json")


def problems(validator, path):
    """(place, message) of every problem of the file, in the order of the file."""
    found = sorted(validator.iter_errors(yaml12.load(path)), key=lambda e: [str(p) for p in e.absolute_path])
    return [("/".join(str(p) for p in e.absolute_path) or "(top)", e.message) for e in found]


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    with open(SCHEMA, encoding="utf-8") as f:
        validator = jsonschema.Draft202012Validator(json.load(f))
    status = 0
    for path in argv[1:]:
        try:
            found = problems(validator, path)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
            print(f"{path}: cannot read: {e}".splitlines()[0], file=sys.stderr)
            status = 2
            continue
        for place, message in found:
            print(f"{path}:{place}: {message}")
        if found and status == 0:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
