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


    def test_a_tie_that_is_not_every_combination_names_points(self):
        # 11 of 12 grid points at 100%, the twelfth at (0.87, 40): the per-parameter words read "any reservation
        # (...), any capability (...)", every combination, though the same sentence put 0% at (0.87, 40).
        grid = pd.DataFrame([(r, c) for r in (0.78, 0.81, 0.84, 0.87) for c in (5, 20, 40)], columns=["r", "c"])
        grid["p_agree"] = [0.0 if (r, c) == (0.87, 40) else 1.0 for r, c in zip(grid["r"], grid["c"])]
        self.assertEqual(report_headline.where_extreme(grid, ["r", "c"], 1.0, str),
                         "11 of the 12 design points: every one but (r = 0.87, c = 40)")
        self.assertEqual(report_headline.where_extreme(grid, ["r", "c"], 0.0, str), "r = 0.87, c = 40")
        # Every point tied, in a design that is not a grid: the sentence read "every one but )".
        everywhere = pd.DataFrame({"r": [0.1, 0.5, 0.7], "c": [3, 1, 2], "p_agree": [1.0, 1.0, 1.0]})
        self.assertEqual(report_headline.where_extreme(everywhere, ["r", "c"], 1.0, str),
                         "every one of the 3 design points")
        # Two random points tied: "r = 0.86 or 0.89, c = 18.8 or 36.2" read as four points.
        random = pd.DataFrame({"r": [0.86, 0.89, 0.8, 0.81, 0.82, 0.83], "c": [18.8, 36.2, 1, 2, 3, 4],
                               "p_agree": [0, 0, 0.5, 0.6, 0.7, 0.8]})
        self.assertEqual(report_headline.where_extreme(random, ["r", "c"], 0, str),
                         "2 of the 6 design points: (r = 0.86, c = 18.8) and (r = 0.89, c = 36.2)")
        # Whole numbers in full, as points.csv writes model.rounds.
        rounds = pd.DataFrame({"model.rounds": [20, 100000, 3000000], "p_agree": [0.1, 0.2, 0.3]})
        self.assertEqual(report_headline.where_extreme(rounds, ["model.rounds"], 0.3, str), "model.rounds = 3000000")


if __name__ == "__main__":
    unittest.main(verbosity=2)
