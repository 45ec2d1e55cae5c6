#!/usr/bin/env python3
"""The sweep headline of `accord report` names where the lowest and the highest probability of agreement
occur; when several design points tie at that probability it must not name one of them as if the other
parameter mattered. The reference scenario's sweep (the Pentagon's reservation x Germany's capability,
README.md) agrees equally often at Germany's capability 10, 19 and 30 for every reservation ("Germany's
weight changes nothing"): the headline said "at reservation ... = 0.8, capability of Germany = 10".

    python3 tests/python/test_report_sweep_ties.py SOURCE_DIR ACCORD    (ctest -R python.test_report_sweep_ties)
"""
import os
import unittest

import pandas as pd

from report_work import NATO, accord_ok, scenario_work
import report_headline  # analysis/, on the path through report_work
import results


class SweepHeadlineTies(unittest.TestCase):
    def test_a_tie_over_a_parameter_names_all_its_values(self):
        with scenario_work() as work:
            accord_ok(work, "sweep", NATO, "--runs", "40", "-q", "-o", "sweep")
            points = pd.read_csv(os.path.join(work, "sweep", "points.csv"))
            # The premise: at each reservation the three capabilities of Germany give the same probability.
            spread = points.groupby("actors.USA_DOD.reservation")["p_agree"].agg(lambda p: p.max() - p.min())
            self.assertEqual(spread.max(), 0)
            text = "".join(report_headline.sweep_headline(results.Results(os.path.join(work, "sweep"))))
            self.assertIn("reservation of United States: Pentagon = 0.96, any capability of Germany (10, 19, 30))", text)
            self.assertNotIn("capability of Germany = 10", text)

    def test_a_single_extreme_point_is_named_as_before(self):
        self.assertEqual(report_headline.where_extreme(
            pd.DataFrame({"a": [1, 2, 3], "b": [5, 5, 6], "p_agree": [0.1, 0.5, 0.9]}), ["a", "b"], 0.9, str),
            "a = 3, b = 6")
        # Two of three values of a tie, b fixed: both values of a are named.
        self.assertEqual(report_headline.where_extreme(
            pd.DataFrame({"a": [1, 2, 3], "b": [5, 5, 5], "p_agree": [0.9, 0.9, 0.1]}), ["a", "b"], 0.9, str),
            "a = 1 or 2, b = 5")


if __name__ == "__main__":
    unittest.main(verbosity=2)
