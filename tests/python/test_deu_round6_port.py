#!/usr/bin/env python3
"""`accord backtest`'s choice-cap10 against its source, analysis/deu_round6.py's `cap10 by mae`
(docs/backtest.md, "choice-cap10"; analysis/deu_round6_port.py): given accord's inner folds the
script's held-out predictions equal accord's to 1e-9 points on every DEU III issue, with the same
lambda and D on every part; with the script's own inner folds they differ (fold seed 31: -1.113, the
figure of validation.md's sixth round, against accord's -1.228).

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
        cls.cv31 = backtest(os.path.join(cls.tmp.name, "cv31"), "--folds", "5", "--seed", "31")
        cls.oe = backtest(os.path.join(cls.tmp.name, "oe"), "--split", "odd-even")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_accord_folds_reproduce_accords_assignment(self):
        # The Python copy of accord's generator deals the outer parts of `--folds 5 --seed 31` as accord did.
        cases = pd.read_csv(os.path.join(self.cv31, "cases.csv"))
        model = port.r5.Model(TSV, os.path.join(self.cv31, "cases.csv"))
        fold = port.accord_folds(list(model.proposal), 5, 31)
        self.assertEqual([str(fold[p] + 1) for p in model.proposal], list(cases.fold.astype(str)))

    def test_fold_seed_31(self):
        (cd, cm), (od, _), (sd, sm), gap, agree = port.compare(TSV, self.cv31)
        self.assertLess(gap, 1e-9)
        self.assertTrue(agree)
        self.assertAlmostEqual(sd, cd, places=9)
        self.assertAlmostEqual(sm, cm, places=9)
        self.assertAlmostEqual(cd, -1.228495, places=6)  # errors.csv's pooled row (accord backtest --pooled)
        self.assertAlmostEqual(od, -1.113043, places=6)  # validation.md's sixth round, fold seed 31: -1.11

    def test_odd_even(self):
        _, _, _, gap, agree = port.compare(TSV, self.oe)
        self.assertLess(gap, 1e-9)
        self.assertTrue(agree)


if __name__ == "__main__":
    unittest.main()
