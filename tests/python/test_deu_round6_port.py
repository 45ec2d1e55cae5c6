#!/usr/bin/env python3
"""`accord backtest`'s choice-cap10 against its source, analysis/deu_round6.py's `cap10 by mae`
(docs/backtest.md, "choice-cap10"; analysis/deu_round6_port.py): given accord's inner folds and the
logit fitted to convergence, the script's held-out predictions equal accord's to 1e-9 points on every
DEU III issue, with the same lambda and D on every part. Fold seed 39 is the split where both
differences matter: the script as frozen gives -1.171 (validation.md's sixth round: -1.17), with
accord's inner folds -1.107 (the L-BFGS-B stop moves one part's lambda), converged -1.072 as accord.

    python3 tests/python/test_deu_round6_port.py SOURCE_DIR ACCORD    (ctest -R python.test_deu_round6_port)
"""
import os
import subprocess
import sys
import tempfile
import unittest

ARGS, sys.argv[1:] = sys.argv[1:], []  # SOURCE_DIR ACCORD, as ctest gives them; unittest takes no argument
SOURCE, ACCORD = os.path.abspath(ARGS[0]), os.path.abspath(ARGS[1])
sys.path.insert(0, os.path.join(SOURCE, "analysis"))
import pandas as pd  # noqa: E402
import deu_round6_port as port  # noqa: E402

TSV = os.path.join(SOURCE, "tests", "data", "deu3", "deu3.tsv")


def backtest(out, *options):
    subprocess.run([ACCORD, "backtest", "--deu", TSV, *options, "-q", "-o", out], check=True)
    return out


class Port(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.cv39 = backtest(os.path.join(cls.tmp.name, "cv39"), "--folds", "5", "--seed", "39")
        cls.oe = backtest(os.path.join(cls.tmp.name, "oe"), "--split", "odd-even")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_accord_folds_reproduce_accords_assignment(self):
        # The Python copy of accord's generator deals the outer parts of `--folds 5 --seed 39` as accord did.
        cases = pd.read_csv(os.path.join(self.cv39, "cases.csv"))
        model = port.r5.Model(TSV, os.path.join(self.cv39, "cases.csv"))
        fold = port.accord_folds(list(model.proposal), 5, 39)
        self.assertEqual([str(fold[p] + 1) for p in model.proposal], list(cases.fold.astype(str)))

    def test_fold_seed_39(self):
        r = port.compare(TSV, self.cv39)
        self.assertLess(r["gap"], 1e-9)
        self.assertTrue(r["agree"])
        self.assertAlmostEqual(r["converged"][0], r["accord"][0], places=9)
        self.assertAlmostEqual(r["converged"][1], r["accord"][1], places=9)
        self.assertAlmostEqual(r["accord"][0], -1.072341, places=6)  # errors.csv's pooled row (--pooled)
        self.assertAlmostEqual(r["script"][0], -1.170541, places=6)  # validation.md, sixth round, seed 39: -1.17
        self.assertAlmostEqual(r["inner folds"][0], -1.107469, places=6)

    def test_odd_even(self):
        r = port.compare(TSV, self.oe)
        self.assertLess(r["gap"], 1e-9)
        self.assertTrue(r["agree"])


if __name__ == "__main__":
    unittest.main()
