#!/usr/bin/env python3
"""The run headline of `accord report` gives every share with its 95% interval, as summary.csv has it:
the share of runs agreed at each meeting (`agreed_at.<round>`) and the share of failed runs each actor
blocked (`blocked_by.<actor>`). A share of failed runs rests on few runs (14 of 1000 in the reference
scenario): "Pentagon (100.0%)" alone reads as a certainty, while its Wilson interval over 14 runs is
78.5-100% (docs/process-guide.md section 7: "with 14 failed runs, a share of 1 has the interval 0.78
to 1").

    python3 tests/python/test_report_shares.py SOURCE_DIR ACCORD    (ctest -R python.test_report_shares)
"""
import os
import re
import shutil
import unittest

import pandas as pd

from report_work import NATO, accord_ok, new_work
import report_headline  # analysis/, on the path through report_work
import results


class RunHeadlineShares(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = new_work()
        accord_ok(cls.work, "run", NATO, "-q", "-o", "ref")
        directory = os.path.join(cls.work, "ref")
        cls.text = "".join(report_headline.run_headline(results.Results(directory)))
        cls.summary = pd.read_csv(os.path.join(directory, "summary.csv")).set_index("quantity")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work)

    def share(self, quantity):
        row = self.summary.loc[quantity]
        return f"{100 * row['mean']:.1f}%, 95% interval {100 * row['ci_low']:.1f}–{100 * row['ci_high']:.1f}%"

    def test_each_blocking_share_has_its_interval(self):
        # 14 failed runs in 1000 (README.md); the Pentagon and the Czech Republic refuse in all 14.
        self.assertEqual(int(self.summary.loc["blocked_by.USA_DOD", "n"]), 14)
        self.assertIn(f"United States: Pentagon ({self.share('blocked_by.USA_DOD')})", self.text)
        self.assertIn("(100.0%, 95% interval 78.5–100.0%)", self.text)  # Wilson, 14 of 14 runs
        self.assertIn(f"Czech Republic ({self.share('blocked_by.CZE')})", self.text)

    def test_each_meeting_share_has_its_interval(self):
        # 970 runs agree at Reykjavik (round 71), 16 at Rome (round 85), of 1000 (README.md).
        self.assertIn(f"at the meeting of 14 May 2002 in {self.share('agreed_at.71')} of all runs", self.text)
        self.assertIn(f"at the meeting of 28 May 2002 in {self.share('agreed_at.85')} of all runs", self.text)
        self.assertIn("97.0%, 95% interval 95.7–97.9%", self.text)  # Wilson, 970 of 1000: 0.9575-0.9789

    def test_the_blockers_come_with_the_console_caveat(self):
        # In all 14 failed runs no text met every needed party (the console: "those listed refused the text
        # left on the table ..., not a deal that was possible"); the list changes with the drafter
        # (cli.blockers_no_text). The report must not read as the cause.
        self.assertIn("they refused the text left on the table at the final decision; where no text could meet "
                      "every needed party, the list depends on who drafts (docs/process-guide.md, section 7)",
                      self.text)

    def test_no_share_without_an_interval(self):
        for bare in re.finditer(r"\((\d+\.\d)%\)", self.text):
            self.fail(f"a share without its interval: {bare.group(0)}")


if __name__ == "__main__":
    unittest.main(verbosity=2)
