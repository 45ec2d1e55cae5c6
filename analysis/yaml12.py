"""Scenario files read as editors read them: YAML 1.2's core schema, in JSON's data model.

PyYAML reads YAML 1.1, in which `start: 2002-04-01` is a date and `yes` a boolean; yaml-language-server
(docs/editors.md) and accord's loader read them as text. load() keeps dates as text, takes only
true/false as booleans, reads 1.0e308 as a number and turns every mapping key into text (a label's 0
becomes "0"), so that a JSON Schema sees what an editor sees.
"""
import re

import yaml


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2's core schema for plain scalars."""


REPLACED = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in REPLACED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                   list("tTfF"))
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+)$"),
                                   list("-+0123456789"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


def as_json(value):
    """The value as JSON holds it: every mapping key as text."""
    if isinstance(value, dict):
        return {str(k).lower() if isinstance(k, bool) else str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def load(path):
    """The document of the YAML file at path, as an editor reads it. Raises yaml.YAMLError and OSError."""
    with open(path, encoding="utf-8") as f:
        return as_json(yaml.load(f, Loader=Yaml12Loader))
