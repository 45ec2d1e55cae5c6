#!/usr/bin/env python3
"""The words of the report's sensitivity headline: the output's name as the scenario writes it (capitalize()
lowercased "Investor protection"), the verb agreeing with "the terms", and a total Sobol index above 1, which
only sampling error gives, flagged as such rather than read as the strongest effect.

    python3 tests/python/test_report_headline_words.py SOURCE_DIR ACCORD    (ctest -R python.test_report_headline_words)
"""
import unittest

import pandas as pd

import report_work  # noqa: F401  (puts analysis/ on the path)
import report_headline


class Names:
    def quantity(self, column):
        return "terms on Investor protection" if column.startswith("terms.") else "probability of agreement"

    def parameter(self, path):
        return "capability of France"


class Results:
    names = Names()

    def __init__(self, table):
        self.table = table


def headline(output, value, method="sobol"):
    table = pd.DataFrame({"method": [method], "output": [output], "index": ["ST" if method == "sobol" else "mu_star"],
                          "value": [value], "parameter": ["actors.FRA.capability"]})
    saved = report_headline.needed
    report_headline.needed = lambda results, name: results.table
    try:
        return report_headline.sensitivity_headline(Results(table))[0]
    finally:
        report_headline.needed = saved


class SensitivityHeadlineWords(unittest.TestCase):
    def test_the_terms_depend_on_names_as_written(self):
        text = headline("terms.isds", 0.62)
        self.assertIn("The terms on Investor protection depend most on <b>capability of France</b> "
                      "(total Sobol index 0.62).", text)

    def test_agreement_depends(self):
        self.assertIn("The probability of agreement depends most on", headline("agreed", 0.4))

    def test_a_total_index_above_one_is_flagged(self):
        self.assertIn("(total Sobol index 1.05 — an estimate above 1, which only sampling error gives: take more "
                      "samples)", headline("terms.isds", 1.05))
        self.assertNotIn("above 1", headline("terms.isds", 3.2, method="morris"))  # μ* has no bound


if __name__ == "__main__":
    unittest.main(verbosity=2)
