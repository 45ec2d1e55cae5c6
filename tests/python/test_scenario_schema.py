#!/usr/bin/env python3
"""docs/scenario.schema.json: generated from the loader's key tables and up to date; every valid scenario of
the repository validates; every file of tests/data/invalid/ refused for its structure (an unknown key, a wrong
type, a missing key, a value outside a choice) fails it.

    python3 tests/python/test_scenario_schema.py SOURCE_DIR [ACCORD]    (ctest -R python.test_scenario_schema)
"""
import glob
import json
import os
import re
import shutil
import sys
import tempfile
import unittest

import jsonschema
import yaml

ARGS, sys.argv[1:] = sys.argv[1:], []  # SOURCE_DIR [ACCORD], as ctest gives them; unittest takes no argument
SOURCE = os.path.abspath(ARGS[0] if ARGS else os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(SOURCE, "analysis"))
import scenario_schema  # noqa: E402
import yaml12  # noqa: E402

# The loader's messages for a file's structure (sim/loader/src/yaml_reader.cpp and the key tables).
STRUCTURAL = re.compile(r"unknown key|missing required key|must be a (number|list|mapping)|must be true or false"
                        r"|must be a whole number, found|must be one of|quoted text|file is empty"
                        r"|holds no scenario|keys must be plain names")
# Whole numbers in hexadecimal or octal are numbers to YAML 1.2, which editors use: only the loader refuses them.
NOT_IN_SCHEMA = re.compile(r"written in decimal")


def load(path):
    return yaml12.load(path)


def errors(validator, path):
    """The schema's complaints about the file; a file YAML cannot read counts as one complaint."""
    try:
        document = load(path)
    except (yaml.YAMLError, UnicodeDecodeError, ValueError, RecursionError) as e:
        return [f"not YAML: {type(e).__name__}"]
    return [e.message for e in validator.iter_errors(document)]


class Schema(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(os.path.join(SOURCE, "docs", "scenario.schema.json"), encoding="utf-8") as f:
            cls.schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(cls.schema)
        cls.validator = jsonschema.Draft202012Validator(cls.schema)

    def test_file_is_what_the_loader_tables_give(self):
        tables, choices, kinds = scenario_schema.read_sources(os.path.join(SOURCE, "sim", "loader", "src"),
                                                              os.path.join(SOURCE, "sim", "scenario", "src",
                                                                           "params.cpp"))
        self.assertGreaterEqual(len(tables), 14)
        self.assertEqual(tables["outcome"][:3], ["rule", "decision", "threshold"])
        self.assertEqual(choices["sweep.design"], ["grid", "random", "lhs", "sobol"])
        self.assertEqual(len(kinds), 16)
        with open(os.path.join(SOURCE, "docs", "scenario.schema.json"), encoding="utf-8") as f:
            self.assertEqual(f.read(), scenario_schema.render(scenario_schema.build(tables, choices, kinds)),
                             "docs/scenario.schema.json is out of date: run python3 analysis/scenario_schema.py")

    def test_every_table_of_the_loader_is_a_closed_mapping_of_its_keys(self):
        tables, _, _ = scenario_schema.read_sources(os.path.join(SOURCE, "sim", "loader", "src"),
                                                    os.path.join(SOURCE, "sim", "scenario", "src", "params.cpp"))
        self.assertEqual(list(self.schema["properties"]), tables["scenario"])
        for name, keys in tables.items():
            if name == "scenario":
                continue
            definition = self.schema["$defs"][scenario_schema.DEFINITION.get(name, name)]
            self.assertEqual(list(definition["properties"]), keys, name)
            self.assertIs(definition["additionalProperties"], False, name)

    def test_a_key_added_to_the_loader_stops_the_generator(self):
        work = tempfile.mkdtemp()
        try:
            loader = os.path.join(work, "loader")
            shutil.copytree(os.path.join(SOURCE, "sim", "loader", "src"), loader)
            calendar = os.path.join(loader, "calendar.cpp")
            with open(calendar, encoding="utf-8") as f:
                text = f.read()
            self.assertIn('{"start", "step", "snap"}', text)
            with open(calendar, "w", encoding="utf-8") as f:
                f.write(text.replace('{"start", "step", "snap"}', '{"start", "step", "snap", "time_zone"}'))
            tables = scenario_schema.read_sources(loader, os.path.join(SOURCE, "sim", "scenario", "src", "params.cpp"))
            with self.assertRaisesRegex(ValueError, "time_zone"):
                scenario_schema.build(*tables)
        finally:
            shutil.rmtree(work)

    def test_every_valid_scenario_validates(self):
        # scenarios/ and its folders (the case library, scenarios/cases/)
        files = sorted(glob.glob(os.path.join(SOURCE, "scenarios", "**", "*.yaml"), recursive=True)
                       + glob.glob(os.path.join(SOURCE, "tests", "data", "*.yaml"))
                       + glob.glob(os.path.join(SOURCE, "tests", "data", "legacy", "*.yaml")))
        self.assertGreaterEqual(len(files), 30)
        self.assertGreaterEqual(len([f for f in files if os.sep + "cases" + os.sep in f]), 10)
        for path in files:
            with self.subTest(file=os.path.relpath(path, SOURCE)):
                self.assertEqual(errors(self.validator, path), [])

    def test_every_structural_error_of_the_invalid_corpus_fails(self):
        structural = []
        for expected in sorted(glob.glob(os.path.join(SOURCE, "tests", "data", "invalid", "*.expected"))):
            with open(expected, encoding="utf-8", errors="replace") as f:
                lines = [line for line in f if ": error: " in line]
            path = expected[:-len(".expected")] + ".yaml"
            if not os.path.exists(path) or any(".csv:" in line for line in lines):
                continue  # actor-table errors are in the CSV file, which the schema does not see
            if any(STRUCTURAL.search(line) and not NOT_IN_SCHEMA.search(line) for line in lines):
                structural.append(path)
        self.assertGreaterEqual(len(structural), 40)
        for path in structural:
            with self.subTest(file=os.path.basename(path)):
                self.assertNotEqual(errors(self.validator, path), [])

    def test_the_rules_between_keys_of_one_mapping_hold(self):
        for name in ["sweep_no_parameters", "sweep_random_without_samples", "process_proposer_without_setter",
                     "process_setter_without_proposer", "process_temperature_without_logistic",
                     "counterfactual_with_observed"]:
            with self.subTest(file=name):
                self.assertNotEqual(errors(self.validator, os.path.join(SOURCE, "tests", "data", "invalid",
                                                                        name + ".yaml")), [])

    def test_check_scenario_exits_1_on_a_problem_and_0_without(self):
        import check_scenario
        import contextlib
        import io
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            bad = check_scenario.main(["check", os.path.join(SOURCE, "tests", "data", "invalid", "unknown_key_typo.yaml")])
            good = check_scenario.main(["check", os.path.join(SOURCE, "scenarios", "nato_russia_council_2002.yaml")])
        self.assertEqual((bad, good), (1, 0))
        self.assertIn("unknown_key_typo.yaml:actors/0: ", out.getvalue())
        self.assertIn("'capabilty' was unexpected", out.getvalue())

    def test_a_misspelt_key_is_named(self):
        document = load(os.path.join(SOURCE, "tests", "data", "invalid", "unknown_key_typo.yaml"))
        messages = [e.message for e in self.validator.iter_errors(document)]
        self.assertTrue(any("'capabilty' was unexpected" in m for m in messages), messages)


if __name__ == "__main__":
    unittest.main(verbosity=1)
