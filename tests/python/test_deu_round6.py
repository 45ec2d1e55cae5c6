#!/usr/bin/env python3
"""The new pieces of analysis/deu_round6.py, the sixth round's capped choice model (docs/validation.md,
"Sixth round: pre-registered"), on hand-computed cases: the step rules between choice-cap's t-ratio
and the mean gain, the confident move, and the paired clustered bootstrap.

    python3 tests/python/test_deu_round6.py SOURCE_DIR ACCORD    (ctest -R python.test_deu_round6)
"""
import math
import os
import sys
import unittest

ARGS, sys.argv[1:] = sys.argv[1:], []  # SOURCE_DIR ACCORD, as ctest gives them; unittest takes no argument
SOURCE = os.path.abspath(ARGS[0])
sys.path.insert(0, os.path.join(SOURCE, "analysis"))
import numpy as np  # noqa: E402
import deu_round5 as r5  # noqa: E402
import deu_round6 as r6  # noqa: E402


class Steps(unittest.TestCase):
    """Nine issues, each its own proposal; the compromise model says 0 and the choice model 10 on all.
    The outcome is 10 on seven (the move is right), 0 on one (wrong) and 1 on one (overshot)
    (test_deu_round5's case). A step s gives d = -s on the seven, +s on the wrong one, |s - 1| - 1 on the
    last: s = 2: mean -4/3, se sqrt(18)/9 = 0.4714, t = 2.828; s = 5: d = -5 (x7), +5, +3, mean -27/9 = -3,
    deviations -2 (x7), 8, 6, squares 28 + 64 + 36 = 128, se = sqrt(9/8 * 128)/9 = 12/9 = 1.3333, t = 2.25;
    s = 10: d = -10 (x7), +10, +8, mean -52/9, deviations -38/9 (x7), 142/9, 124/9, squares
    (7 * 1444 + 20164 + 15376)/81 = 45648/81, se = sqrt(9/8 * 45648/81)/9 = 2.7977, t = 2.0652."""
    c, m = np.zeros(9), np.full(9, 10.0)
    y, cl = np.array([10.0] * 7 + [0, 1]), np.arange(9)
    grid = [0.0, 2.0, 5.0, 10.0]

    def preds(self):
        return [r5.cap(self.c, self.m, v) for v in self.grid]

    def test_score_by_hand(self):
        d5 = np.abs(r5.cap(self.c, self.m, 5.0) - self.y) - np.abs(self.y)
        self.assertAlmostEqual(r6.score_z(d5, self.cl, 2.0), -3 + 2 * 12 / 9, places=12)
        self.assertAlmostEqual(r5.t_ratio(d5, self.cl), 2.25, places=12)
        d10 = np.abs(self.m - self.y) - np.abs(self.y)
        se10 = math.sqrt(9 / 8 * 45648 / 81) / 9
        self.assertAlmostEqual(r5.clustered_se(d10, self.cl), se10, places=12)
        self.assertAlmostEqual(r5.t_ratio(d10, self.cl), 2.0651838, places=6)

    def test_z_rule(self):
        # mean + z se: z = 1: s = 2 -0.862, s = 5 -1.667, s = 10 -5.778 + 2.798 = -2.980: the full move;
        # z = 2.5: s = 2 -0.155, s = 5 +0.333, s = 10 +1.216, s = 0 0: s = 2;
        # z = 4.5: every step is above 0 (s = 2: -4/3 + 4.5 * 0.4714 = +0.788): the compromise model (0).
        self.assertEqual(r6.choose_z(self.grid, self.preds(), self.y, self.c, self.cl, 1.0), 10.0)
        self.assertEqual(r6.choose_z(self.grid, self.preds(), self.y, self.c, self.cl, 2.5), 2.0)
        self.assertEqual(r6.choose_z(self.grid, self.preds(), self.y, self.c, self.cl, 4.5), 0.0)

    def test_gain_subject_to_t(self):
        # t: s = 2 2.828, s = 5 2.25, s = 10 2.065. t >= 2.2: {2, 5}, the larger gain (-3 against -4/3)
        # is s = 5; t >= 2.5: {2}; t >= 3: none, the largest t-ratio's step, 2.
        self.assertEqual(r6.choose_gain_t(self.grid, self.preds(), self.y, self.c, self.cl, 2.2), 5.0)
        self.assertEqual(r6.choose_gain_t(self.grid, self.preds(), self.y, self.c, self.cl, 2.5), 2.0)
        self.assertEqual(r6.choose_gain_t(self.grid, self.preds(), self.y, self.c, self.cl, 3.0), 2.0)


    def test_candidate_grid_by_mae(self):
        # The candidate: D from {0, 2, 5, 10} by inner-CV MAE. MAE(s) = (7 (10 - s) + s + |s - 1|) / 9:
        # s = 0 71/9, 2 59/9, 5 44/9, 10 19/9: the full 10. Were the outcome at 0 on all nine, every step would
        # cost s points and the rule would keep the compromise model (0).
        self.assertEqual(r6.CAPS10, [0.0, 2.0, 5.0, 10.0])
        preds = [r5.cap(self.c, self.m, v) for v in r6.CAPS10]
        self.assertEqual(r5.choose(r6.CAPS10, preds, self.y, self.c, self.cl, "mae"), 10.0)
        self.assertAlmostEqual(np.abs(preds[2] - self.y).mean(), 44 / 9, places=12)
        self.assertEqual(r5.choose(r6.CAPS10, preds, np.zeros(9), self.c, self.cl, "mae"), 0.0)


class Confident(unittest.TestCase):
    def test_confident_cap(self):
        # moves +20, -20, +20, +1; top probabilities 0.7, 0.9, 0.5, 0.9; p = 0.6, D = 10:
        # the confident issues move by up to 10, the others by choice-cap's 2.
        c, m = np.array([40.0, 40, 40, 40]), np.array([60.0, 20, 60, 41])
        got = r6.confident_cap(c, m, np.array([0.7, 0.9, 0.5, 0.9]), 0.6, 10.0)
        np.testing.assert_allclose(got, [50, 30, 42, 41])


class Bootstrap(unittest.TestCase):
    def test_paired_intervals(self):
        # Two proposals, a (issues 0, 1) and b (issue 2). d = (1, 3, -4): mean 0. A replicate draws two
        # proposals: aa -> 2, bb -> -4, ab or ba -> 0; so every replicate mean is in {-4, 0, 2} and the
        # 2.5% and 97.5% percentiles are -4 and 2 once 2000 draws include aa and bb (probability ~1).
        out = r6.paired_intervals({"x": np.array([1.0, 3, -4])}, np.array(["a", "a", "b"]))
        mean, lo, hi = out["x"]
        self.assertAlmostEqual(mean, 0.0)
        self.assertAlmostEqual(lo, -4.0)
        self.assertAlmostEqual(hi, 2.0)
        # the same draw for every name: a vector twice another gives an interval twice as wide
        both = r6.paired_intervals({"x": np.array([1.0, 3, -4]), "y": np.array([2.0, 6, -8])},
                                   np.array(["a", "a", "b"]))
        np.testing.assert_allclose(np.array(both["y"]), 2 * np.array(both["x"]))


if __name__ == "__main__":
    unittest.main()
