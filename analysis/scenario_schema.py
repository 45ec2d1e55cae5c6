#!/usr/bin/env python3
"""Writes docs/scenario.schema.json, the JSON Schema of the scenario file, from the loader's own tables.

    python3 analysis/scenario_schema.py            # rewrites docs/scenario.schema.json
    python3 analysis/scenario_schema.py --check    # exit 1 when the file is not what the sources give

The key lists come from the sources, so that the schema and the loader cannot drift apart:
- every `check_map(node, "WHAT", {"key", ...})` of sim/loader/src/*.cpp: the keys a mapping accepts;
- every `choice(node["key"], "section.key", {"value", ...})`: the values of a choice;
- the parameter kinds of sim/scenario/src/params.cpp: the parameter paths (docs/interface.md section 3).
This file adds what the sources do not state as a table: the type, range and description of each key
(docs/scenario-format.md). Generation stops with an error when a table of the loader has a key this file
does not describe, or this file describes a key the loader does not accept.

A schema checks the structure of one file: unknown keys, types, required keys, choices and ranges. It
cannot check what spans the file (ids that must exist, positions inside an issue's scale, events in
order, the rules between process keys); `accord validate` checks those.
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA_PATH = os.path.join(ROOT, "docs", "scenario.schema.json")
LOADER_DIR = os.path.join(ROOT, "sim", "loader", "src")
PARAMS_CPP = os.path.join(ROOT, "sim", "scenario", "src", "params.cpp")

CHECK_MAP = re.compile(r'check_map\(\s*[\w\[\]"]+\s*,\s*("([^"]*)"|(\w+))\s*,\s*\{([^}]*)\}', re.S)
CHOICE = re.compile(r'choice\(\s*node\["(\w+)"\]\s*,\s*"([\w.]+)"\s*,\s*\{([^}]*)\}', re.S)
PARAM_KIND = re.compile(r'\{ParamKind::\w+,\s*Shape::(\w+),\s*"([\w.]+)"')
# A check_map whose name is a variable is named after its file.
NAME_OF_FILE = {"sweep.cpp": "sweep parameter", "uncertainty.cpp": "distribution"}


def strings(text):
    return re.findall(r'"([^"]*)"', text)


def read_sources(loader_dir=LOADER_DIR, params_cpp=PARAMS_CPP):
    """(key tables {name: [keys]}, choices {section.key: [values]}, [(shape, name)] of params.cpp)."""
    tables, choices = {}, {}
    for name in sorted(os.listdir(loader_dir)):
        if not name.endswith(".cpp") or name == "yaml_reader.cpp":
            continue
        with open(os.path.join(loader_dir, name), encoding="utf-8") as f:
            text = f.read()
        for match in CHECK_MAP.finditer(text):
            table = match.group(2) if match.group(2) is not None else NAME_OF_FILE.get(name)
            if table is None or table in tables:
                raise ValueError(f"{name}: cannot name the key table of '{match.group(0)[:60]}'")
            tables[table] = strings(match.group(4))
        for match in CHOICE.finditer(text):
            choices[match.group(2)] = strings(match.group(3))
    with open(params_cpp, encoding="utf-8") as f:
        kinds = PARAM_KIND.findall(f.read())
    return tables, choices, kinds


ID = "^[A-Za-z0-9_]{1,64}$"
ID_TEXT = "[A-Za-z0-9_]{1,64}"
DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
NUMBER = {"type": "number"}
UNIT = {"type": "number", "minimum": 0, "maximum": 1}
NON_NEGATIVE = {"type": "number", "minimum": 0}
# The loader reads any scalar but an empty one as text: `name: 2002` is the text "2002".
TEXT = {"type": ["string", "number", "boolean"]}
# An id is text of letters, digits and _ (`id: 123` and `id: true` read "123" and "true").
ID_VALUE = {"anyOf": [{"type": "string", "pattern": ID}, {"type": "integer", "minimum": 0}, {"type": "boolean"}]}
BOOLEAN = {"type": "boolean"}


def whole(low, high):
    return {"type": "integer", "minimum": low, "maximum": high}


def described(schema, text):
    return dict(schema, description=text)


def param_pattern(kinds):
    """The regular expression of every parameter path, from the kinds of params.cpp."""
    alternatives = []
    for shape, name in kinds:
        if shape == "actor":
            alternatives.append(rf"actors\.{ID_TEXT}\.{re.escape(name)}")
        elif shape == "actor_issue":
            alternatives.append(rf"actors\.{ID_TEXT}\.{re.escape(name)}\.{ID_TEXT}")
        elif shape == "influence":
            alternatives.append(rf"influence\.{ID_TEXT}->{ID_TEXT}\.{re.escape(name)}")
        elif shape == "issue":
            alternatives.append(rf"issues\.{ID_TEXT}\.{re.escape(name)}")
        elif shape == "global":
            alternatives.append(re.escape(name))
        else:
            raise ValueError(f"params.cpp: unknown parameter shape '{shape}'")
    return "^(" + "|".join(alternatives) + ")$"


VETO_PATH = r"^actors\.[A-Za-z0-9_]{1,64}\.veto$"
ROUNDS_PATH = r"^model\.rounds$"


def numbers(n):
    return {"type": "array", "items": NUMBER, "minItems": n, "maxItems": n}


def by_path(value_schema, veto_schema, rounds_schema=None):
    """A mapping of parameter path to value; veto paths (and model.rounds, when given) take their own type."""
    special = {VETO_PATH: veto_schema}
    if rounds_schema:
        special[ROUNDS_PATH] = rounds_schema
    return {"type": "object", "propertyNames": {"$ref": "#/$defs/parameter_path"},
            "patternProperties": special, "additionalProperties": value_schema}


def key_schemas(choices):
    """{table name: {key: schema}}: the type of every key of every table of the loader."""
    return {**file_keys(), **setting_keys(choices)}


def file_keys():
    """The top level, issues, actors and influence edges."""
    return {
        "scenario": {
            "accord": described({"const": 1}, "The format version: 1."),
            "name": described(TEXT, "The scenario's name, shown in summaries and pictures."),
            "description": TEXT,
            "sources": {"type": "array", "items": TEXT},
            "issues": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/issue"}},
            "actors": described({"if": {"type": "array"},
                                  "then": {"minItems": 1, "items": {"$ref": "#/$defs/actor"}},
                                  "else": {"$ref": "#/$defs/actor_table"}},
                                 "A list of actors, or {csv: FILE}."),
            "influence": described({"if": {"type": "array"},
                                     "then": {"items": {"$ref": "#/$defs/edge"}},
                                     "else": {"$ref": "#/$defs/edge_table"}},
                                    "A list of edges, or {csv: FILE}."),
            "model": {"$ref": "#/$defs/model"},
            "outcome": {"$ref": "#/$defs/outcome"},
            "calendar": {"$ref": "#/$defs/calendar"},
            "events": {"type": "array", "items": {"$ref": "#/$defs/event"}},
            "uncertainty": described(by_path({"$ref": "#/$defs/distribution"}, {"$ref": "#/$defs/distribution"}),
                                     "Parameter path -> distribution."),
            "monte_carlo": {"$ref": "#/$defs/monte_carlo"},
            "sweep": {"$ref": "#/$defs/sweep"},
            "observed": {"$ref": "#/$defs/observed"},
            "counterfactual_of": described({"type": "string", "minLength": 1},
                                           "The reference scenario's file, relative to this file's folder: this "
                                           "file is a counterfactual variant of it, has no 'observed' block and "
                                           "is never a backtest case."),
        },
        "issue": {
            "id": described(ID_VALUE, "Identifier: letters, digits and _."),
            "name": TEXT,
            "scale": described(numbers(2), "[lower, upper], lower < upper (default [0, 100])."),
            "labels": {"type": "object", "propertyNames": {"pattern": r"^-?[0-9.]+([eE][-+]?[0-9]+)?$"},
                       "additionalProperties": TEXT},
            "status_quo": described(NUMBER, "What holds without agreement, inside the scale."),
        },
        "actor": {
            "id": described(ID_VALUE, "Identifier: letters, digits and _."),
            "name": TEXT,
            "capability": NON_NEGATIVE,
            "positions": described({"type": "object", "propertyNames": {"pattern": ID},
                                    "additionalProperties": NUMBER}, "Issue id -> position, one per issue."),
            "salience": {"type": "object", "propertyNames": {"pattern": ID}, "additionalProperties": UNIT},
            "stubbornness": UNIT,
            "self_weight": NON_NEGATIVE,
            "veto": BOOLEAN,
            "reservation": described({"oneOf": [UNIT, {"const": "status-quo"}]},
                                     "Least acceptable utility in [0, 1] (0.8), or status-quo."),
            "ratifiers": {"type": "array", "items": ID_VALUE},
        },
        "actors": {"csv": described(TEXT, "The actor table, relative to the scenario file.")},
        "influence": {"csv": described(TEXT, "The influence table (from,to,weight), relative to the scenario file.")},
        "influence edge": {
            "from": ID_VALUE,
            "to": ID_VALUE,
            "weight": NON_NEGATIVE,
        },
    }


def setting_keys(choices):
    """The model, outcome, calendar, events, uncertainty, Monte Carlo, sweep and observed outcome."""
    def choice(path, text):
        return {"enum": choices[path], "description": text}

    distribution_values = {"type": "array", "items": {"type": ["number", "boolean"]}, "minItems": 1}
    return {
        "model": {
            "dynamics": choice("model.dynamics", "default friedkin-johnsen"),
            "weighting": choice("model.weighting", "default capability-salience"),
            "coupling": {"type": "array", "items": {"type": "array", "items": NUMBER}},
            "confidence": UNIT,
            "rounds": whole(0, 10_000_000),
            "tolerance": {"type": "number", "exclusiveMinimum": 0},
            "variant": choice("model.variant", "default bdm"),
            "q": UNIT,
            "t": UNIT,
            "step": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
        },
        "outcome": {
            "rule": choice("outcome.rule", "default weighted-mean"),
            "decision": choice("outcome.decision", "default veto-players when an actor has a veto, else unanimity"),
            "threshold": UNIT,
            "stop": choice("outcome.stop", "default on-agreement"),
            "decide": choice("outcome.decide", "default every-round"),
            "proposer": described(ID_VALUE, "An actor id, or random."),
            "acceptance": choice("outcome.acceptance", "default threshold"),
            "temperature": {"type": "number", "exclusiveMinimum": 0},
            "assurance": {"type": "number", "exclusiveMinimum": 0.5, "exclusiveMaximum": 1},
            "margin": {"type": "number", "minimum": -1, "maximum": 1},
        },
        "calendar": {
            "start": described({"type": "string", "pattern": DATE}, "The date of round 0, YYYY-MM-DD."),
            "step": described({"type": "string", "pattern": "^[1-9][0-9]*[dw]$"}, "Nd or Nw (default 1d)."),
            "snap": choice("calendar.snap", "exact (default): an event date must be a round's; nearest: moved to "
                           "the nearest round, with a warning."),
        },
        "event": {
            "at": described({"oneOf": [whole(0, 10_000_000), {"type": "string", "pattern": DATE}]},
                            "A round number, or the date of a round."),
            "name": TEXT,
            "set": described(by_path(NUMBER, BOOLEAN, whole(0, 10_000_000)), "Parameter path -> new value."),
            "meeting": BOOLEAN,
        },
        "distribution": {
            "normal": described(numbers(2), "[mean, sd]"),
            "uniform": described(numbers(2), "[low, high]"),
            "triangular": described(numbers(3), "[low, mode, high]"),
            "choice": described(distribution_values, "[v1, v2, ...], equally likely"),
        },
        "monte_carlo": {"runs": whole(1, 100_000_000), "seed": whole(0, 2**64 - 1)},
        "sweep": {
            "design": choice("sweep.design", "default grid"),
            "samples": whole(1, 100_000_000),
            "replications": whole(1, 100_000_000),
            "parameters": by_path({"$ref": "#/$defs/sweep_parameter"}, {"$ref": "#/$defs/sweep_parameter"}),
        },
        "sweep parameter": {
            "values": {"type": "array", "items": {"type": ["number", "boolean"]}, "minItems": 1},
            "range": numbers(2),
            "steps": whole(1, 1_000_000),
        },
        "observed": {
            "terms": {"type": "object", "propertyNames": {"pattern": ID}, "additionalProperties": NUMBER},
            "agreed": BOOLEAN,
            "note": TEXT,
        },
    }


# The required keys of each table, and the name of its definition in the schema.
REQUIRED = {"scenario": ["accord", "issues", "actors"], "issue": ["id"], "actor": ["id", "capability", "positions"],
            "actors": ["csv"], "influence": ["csv"], "influence edge": ["from", "to", "weight"], "calendar": ["start"],
            "event": ["at"],
            "sweep": ["parameters"]}
DEFINITION = {"actors": "actor_table", "influence": "edge_table", "influence edge": "edge", "sweep parameter": "sweep_parameter"}


def mapping(keys, required):
    schema = {"type": "object", "properties": keys, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def rules_within_a_mapping(definitions):
    """The rules between keys of one mapping (docs/scenario-format.md sections 10 and 15)."""
    def given(key, values=None):
        condition = {"required": [key]}
        if values is not None:
            condition["properties"] = {key: {"enum": values}}
        return condition

    outcome, sweep = definitions["outcome"], definitions["sweep"]
    outcome["allOf"] = [
        {"if": given("rule", ["setter"]), "then": {"required": ["proposer"]}, "else": {"not": given("proposer")}},
        {"if": given("acceptance", ["logistic"]), "else": {"not": given("temperature")}},
    ]
    sweep["properties"]["parameters"]["minProperties"] = 1
    sweep["if"] = given("design", ["random", "lhs", "sobol"])
    sweep["then"] = {"required": ["samples"]}


def build(tables, choices, kinds):
    """The schema, as a dict. Raises ValueError when the tables and this file disagree."""
    schemas = key_schemas(choices)
    if set(schemas) != set(tables):
        raise ValueError(f"key tables of the loader {sorted(tables)} != tables described here {sorted(schemas)}")
    for name, keys in tables.items():
        if set(keys) != set(schemas[name]):
            raise ValueError(f"table '{name}': the loader accepts {sorted(keys)}, the schema describes "
                             f"{sorted(schemas[name])}")
    definitions = {}
    for name, keys in tables.items():
        ordered = {key: schemas[name][key] for key in keys}  # the loader's order
        definitions[DEFINITION.get(name, name)] = mapping(ordered, REQUIRED.get(name, []))
    definitions["event"]["if"] = {"properties": {"meeting": {"const": True}}, "required": ["meeting"]}
    definitions["event"]["else"] = {"required": ["set"]}
    definitions["distribution"]["minProperties"] = 1
    rules_within_a_mapping(definitions)
    definitions["distribution"]["maxProperties"] = 1
    definitions["parameter_path"] = {"type": "string", "pattern": param_pattern(kinds),
                                     "description": "A parameter path (docs/interface.md section 3)."}
    # A counterfactual records no outcome of its own (sim/loader/src/counterfactual.cpp).
    definitions["scenario"]["not"] = {"required": ["counterfactual_of", "observed"]}
    root = definitions.pop("scenario")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "accord scenario (accord: 1)",
        "description": "Generated by analysis/scenario_schema.py from the loader's key tables; do not edit. "
                       "docs/scenario-format.md documents every key; docs/editors.md shows how to use this file.",
        **root,
        "$defs": definitions,
    }


def render(schema):
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv):
    text = render(build(*read_sources()))
    if argv[1:] == ["--check"]:
        with open(SCHEMA_PATH, encoding="utf-8") as f:
            if f.read() != text:
                print(f"{SCHEMA_PATH} is out of date: run python3 analysis/scenario_schema.py", file=sys.stderr)
                return 1
        return 0
    if argv[1:]:
        print("usage: python3 analysis/scenario_schema.py [--check]", file=sys.stderr)
        return 2
    with open(SCHEMA_PATH, "w", encoding="utf-8") as f:
        f.write(text)
    print(SCHEMA_PATH)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
