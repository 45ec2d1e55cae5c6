#!/usr/bin/env python3
"""The pieces of analysis/deu_round4.py, the fourth round's choice model (docs/validation.md, "Fourth round:
pre-registered"), on hand-computed cases: the median of a predictive mixture, the same with "no option"
spread by residuals, the conditional logit's maximum likelihood where it has a closed form, and the
options of the DEU III table.

    python3 tests/python/test_deu_round4.py SOURCE_DIR ACCORD    (ctest -R python.test_deu_round4)
"""
import math
import os
import sys
import tempfile
import unittest
from types import SimpleNamespace

ARGS, sys.argv[1:] = sys.argv[1:], []  # SOURCE_DIR ACCORD, as ctest gives them; unittest takes no argument
SOURCE = os.path.abspath(ARGS[0])
sys.path.insert(0, os.path.join(SOURCE, "analysis"))
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import deu_round4 as r4  # noqa: E402
from deu_candidates import load  # noqa: E402


def one_issue(values, blend):
    """A long table of one issue with these options (what predict_* read)."""
    return SimpleNamespace(start=np.array([0]), issue=np.zeros(len(values), int),
                           value=np.array(values, float), n=1), np.array([blend], float)


class Median(unittest.TestCase):
    def test_point_mass_mixture(self):
        # Masses: 0 (0.2), the blend 40 (0.4), 50 (0.3), 100 (0.1); cumulative 0.2, 0.6: the median is 40.
        opts, blend = one_issue([0, 50, 100], 40)
        self.assertEqual(r4.predict_median(opts, blend, np.array([0.2, 0.3, 0.1]), np.array([0.4]))[0], 40)
        # Masses 0 (0.2), 40 (0.2), 50 (0.5), 100 (0.1); cumulative 0.2, 0.4, 0.9: the median is the option 50.
        self.assertEqual(r4.predict_median(opts, blend, np.array([0.2, 0.5, 0.1]), np.array([0.2]))[0], 50)

    def test_spread_mixture(self):
        # Every residual +10: "no option" is a point mass at blend + 10 = 50 with 0.4; 0 has 0.35, 100 0.25:
        # cumulative 0.35, 0.75, so the median is 50, a point that is not an option.
        opts, blend = one_issue([0, 100], 40)
        got = r4.predict_median_spread(opts, blend, np.array([0.35, 0.25]), np.array([0.4]), np.full(7, 10.0))
        self.assertEqual(got[0], 50)
        # The spread is clipped to the scale: blend 95 plus 10 is 100, which then holds 0.4 + 0.25.
        opts, blend = one_issue([0, 100], 95)
        got = r4.predict_median_spread(opts, blend, np.array([0.35, 0.25]), np.array([0.4]), np.full(7, 10.0))
        self.assertEqual(got[0], 100)
        # Residuals -30 and +30: RESID_Q = 20 quantiles at -30 + 60 (k + 0.5) / 20 = -28.5, -25.5, ..., 28.5;
        # with p0 = 0.8 each holds 0.04, the option 100 holds 0.2; cumulative 0.04 k reaches 0.5 at k = 13,
        # the 13th quantile -28.5 + 3 * 12 = 7.5, so the median is 50 + 7.5 = 57.5.
        opts, blend = one_issue([100], 50)
        got = r4.predict_median_spread(opts, blend, np.array([0.2]), np.array([0.8]), np.array([-30.0, 30.0]))
        self.assertAlmostEqual(got[0], 57.5, places=9)


class Logit(unittest.TestCase):
    def table(self, label):
        """Four issues of three options each; one feature per option, two per issue (intercept, other)."""
        issue = np.repeat(np.arange(4), 3)
        return SimpleNamespace(issue=issue, value=np.tile([0.0, 50, 100], 4), n=4, label=np.array(label),
                               z=np.c_[np.ones(4), [0.0, 1, 0, 1]], start=np.arange(0, 12, 3))

    def test_outside_option_share_is_the_closed_form(self):
        # Every option coefficient penalised to 0: utilities 0 for the three options and c for "no option",
        # whose likelihood over two issues at an option and two at none is maximised at
        # e^c / (e^c + 3) = 1/2, c = ln 3; each option then gets (1 - 1/2) / 3 = 1/6.
        opts = self.table([-1, 4, -1, 9])
        f = np.tile([[1.0], [0.0], [0.0]], (4, 1))
        theta = r4.fit_logit(opts, f, np.ones(4, bool), 1e6)
        self.assertAlmostEqual(theta[1], math.log(3), places=4)
        p, p0 = r4.probabilities(opts, f, theta)
        np.testing.assert_allclose(p0, 0.5, atol=1e-5)
        np.testing.assert_allclose(p, 1 / 6, atol=1e-5)

    def test_an_informative_feature_is_learned(self):
        # The outcome is always at the option whose feature is 1: with a light ridge its probability is high.
        opts = self.table([1, 3, 8, 9])
        f = np.zeros((12, 1))
        f[[1, 3, 8, 9], 0] = 1
        p, p0 = r4.probabilities(opts, f, r4.fit_logit(opts, f, np.ones(4, bool), 0.01))
        self.assertTrue((p[[1, 3, 8, 9]] > 0.8).all(), p)
        self.assertTrue((p0 < 0.1).all(), p0)


class Table(unittest.TestCase):
    def test_the_options_of_deu3(self):
        # tests/data/deu3: 353 issues with an outcome, 225 of them (64%) at a stated position and 229 (65%)
        # at one of the issue's options (a stated position, the reference point, 0 or 100), as
        # docs/validation.md states; 1287 options in all (3.6 per issue).
        tsv = os.path.join(SOURCE, "tests", "data", "deu3", "deu3.tsv")
        t, _, actors, x, s, g = load_table(tsv)
        y = t.out.astype(float).values
        opts = r4.Options(t, actors, x, s, g, y)
        self.assertEqual(len(y), 353)
        self.assertEqual(len(opts.value), 1287)
        self.assertEqual((opts.label >= 0).sum(), 229)
        stated = sum(np.any(x[i][~np.isnan(x[i])] == y[i]) for i in range(len(y)))
        self.assertEqual(stated, 225)


def load_table(tsv):
    """deu_candidates.load without a backtest's cases.csv (a one-column stand-in naming the issues)."""
    t = pd.read_csv(tsv, sep="\t", dtype=str, keep_default_na=False).iloc[1:]
    isnr = t[t.out != ""].isnr
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as fh:
        fh.write("case\n" + "\n".join(isnr) + "\n")
    try:
        return load(tsv, fh.name)
    finally:
        os.unlink(fh.name)


if __name__ == "__main__":
    unittest.main()
