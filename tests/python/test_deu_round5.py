#!/usr/bin/env python3
"""The pieces of analysis/deu_round5.py, the fifth round's variance-reduced choice model (docs/validation.md,
"Fifth round: pre-registered"), on hand-computed cases: the three ways of reducing the move (shrink, cap,
gate), the clustered standard error and the rules that choose a step by inner CV.

    python3 tests/python/test_deu_round5.py SOURCE_DIR ACCORD    (ctest -R python.test_deu_round5)
"""
import math
import os
import sys
import unittest
from types import SimpleNamespace

ARGS, sys.argv[1:] = sys.argv[1:], []  # SOURCE_DIR ACCORD, as ctest gives them; unittest takes no argument
SOURCE = os.path.abspath(ARGS[0])
sys.path.insert(0, os.path.join(SOURCE, "analysis"))
import numpy as np  # noqa: E402
import deu_round5 as r5  # noqa: E402


class Moves(unittest.TestCase):
    def test_shrink_cap_gate(self):
        c, m = np.array([40.0, 40.0, 40.0]), np.array([60.0, 20.0, 43.0])
        # shrink w = 0.3: 40 + 0.3 * 20 = 46, 40 - 0.3 * 20 = 34, 40 + 0.3 * 3 = 40.9
        np.testing.assert_allclose(r5.shrink(c, m, 0.3), [46, 34, 40.9])
        # cap D = 5: the moves +20, -20, +3 become +5, -5, +3
        np.testing.assert_allclose(r5.cap(c, m, 5.0), [45, 35, 43])
        np.testing.assert_array_equal(r5.cap(c, m, 0.0), c)
        np.testing.assert_array_equal(r5.cap(c, m, 100.0), m)
        # gate t = 0.5: only the issues whose top option has probability above 0.5 move
        np.testing.assert_array_equal(r5.gate(c, m, np.array([0.6, 0.5, 0.2]), 0.5), [60, 40, 40])

    def test_top_probability_per_issue(self):
        opts = SimpleNamespace(issue=np.array([0, 0, 1, 1, 1]), n=2)
        np.testing.assert_array_equal(r5.pmax_of(opts, np.array([0.2, 0.5, 0.1, 0.3, 0.25])), [0.5, 0.3])


class Clustered(unittest.TestCase):
    def test_standard_error_by_hand(self):
        # d = 1, 3, -2, 0 in clusters a, a, b, c: mean 0.5, deviations 0.5, 2.5, -2.5, -0.5, cluster sums
        # 3, -2.5, -0.5, squares 15.5; G = 3: sqrt(3/2 * 15.5) / 4 = sqrt(23.25) / 4 = 1.2054563
        d, cl = np.array([1.0, 3, -2, 0]), np.array(["a", "a", "b", "c"])
        se = math.sqrt(23.25) / 4
        self.assertAlmostEqual(r5.clustered_se(d, cl), se, places=12)
        self.assertAlmostEqual(r5.t_ratio(d, cl), -0.5 / se, places=12)
        self.assertAlmostEqual(r5.upper(d, cl), 0.5 + 1.96 * se, places=12)
        self.assertAlmostEqual(se, 1.2054563, places=7)
        self.assertEqual(r5.t_ratio(np.zeros(4), cl), 0.0)


class Choose(unittest.TestCase):
    """Nine issues, each its own proposal; the compromise model says 0 and the choice model 10 on all.
    The outcome is 10 on seven (the move is right), 0 on one (wrong) and 1 on one (overshot)."""
    c, m = np.zeros(9), np.full(9, 10.0)
    y, cl = np.array([10.0] * 7 + [0, 1]), np.arange(9)

    def pick(self, grid, move, rule):
        return r5.choose(grid, [move(self.c, self.m, v) for v in grid], self.y, self.c, self.cl, rule)

    def test_rules(self):
        # A step s (points) gives d = -s on the seven, +s on the wrong one, |s - 1| - 1 on the last:
        # s = 1: d = -1 (x8), +1: mean -7/9, deviations -2/9 (x8), 16/9, sum of squares 288/81,
        #   se = sqrt(9/8 * 288/81) / 9 = 2/9, t = 3.5;
        # s = 2: d = -2 (x7), +2, 0: mean -4/3, squares 16, se = sqrt(18) / 9, t = 2.83; the t-ratio falls
        #   as the step grows, so the t rule takes the smallest step of the grid.
        # upper = mean + 1.96 se: s = 2: -4/3 + 1.96 sqrt(18)/9 = -0.40938;
        #   s = 3: d = -3 (x7), +3, +1, mean -17/9, squares 3312/81, se = sqrt(46)/9, upper -0.41185;
        #   s = 4: mean -22/9, squares 6336/81, se = sqrt(88)/9, upper -0.40151: the minimum is s = 3.
        # MAE falls all the way to s = 10 (19/9 = 2.11): the MAE rule takes the full move.
        self.assertEqual(self.pick(r5.SHRINK, r5.shrink, "t"), 0.1)
        self.assertEqual(self.pick(r5.SHRINK, r5.shrink, "upper"), 0.3)
        self.assertEqual(self.pick(r5.SHRINK, r5.shrink, "mae"), 1.0)
        self.assertEqual(self.pick(r5.CAPS, r5.cap, "t"), 2.0)
        self.assertEqual(self.pick(r5.CAPS, r5.cap, "mae"), 10.0)
        d3 = np.abs(r5.shrink(self.c, self.m, 0.3) - self.y) - np.abs(self.c - self.y)
        self.assertAlmostEqual(r5.upper(d3, self.cl), -17 / 9 + 1.96 * math.sqrt(46) / 9, places=12)
        self.assertAlmostEqual(r5.t_ratio(np.abs(r5.shrink(self.c, self.m, 0.1) - self.y) - np.abs(self.y), self.cl),
                               3.5, places=12)

    def test_ties_go_to_the_first_value(self):
        # Every step predicts the same: the first grid value (the compromise model itself) is kept.
        grid = [0.0, 2.0, 5.0]
        self.assertEqual(r5.choose(grid, [self.c] * 3, self.y, self.c, self.cl, "mae"), 0.0)
        self.assertEqual(r5.choose(grid, [self.c] * 3, self.y, self.c, self.cl, "t"), 0.0)


if __name__ == "__main__":
    unittest.main()
