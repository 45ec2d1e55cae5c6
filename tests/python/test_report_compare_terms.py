#!/usr/bin/env python3
"""The compare headline of `accord report` gives, beside the paired difference of the odds, the largest
paired difference in the deals' terms (the `terms_if_agreed.<issue>` rows of compare.csv: runs agreed in
both variants) with its 95% interval. Without it the headline of README.md's US-backing counterfactual
said only that the odds differ, and nothing of the terms (Russia's role in the deals: -0.26 points,
-0.33 to -0.19, README.md).

    python3 tests/python/test_report_compare_terms.py SOURCE_DIR ACCORD    (ctest -R python.test_report_compare_terms)
"""
import os
import unittest

from report_work import NATO, accord_ok, scenario_work
import report_headline  # analysis/, on the path through report_work
import results


class CompareHeadlineTerms(unittest.TestCase):
    def headline(self, counterfactual):
        with scenario_work() as work:
            accord_ok(work, "compare", NATO, f"scenarios/counterfactuals/{counterfactual}", "-q", "-o", "cmp")
            return "".join(report_headline.compare_headline(results.Results(os.path.join(work, "cmp"))))

    def test_the_largest_difference_in_the_deals_terms_with_its_interval(self):
        text = self.headline("nato_russia_council_2002_no_us_backing.yaml")
        self.assertIn("On the terms of the deals (the runs agreed in both), the largest difference B − A is on "
                      "Russia&#x27;s role in council decision-making: -0.26 points (95% interval -0.33 to -0.19)", text)

    def test_a_tiny_difference_is_shown_as_a_number(self):
        # Schroeder's endorsement: -0.0016 points, an interval that excludes zero (cli.compare_small_differences).
        text = self.headline("nato_russia_council_2002_no_schroeder.yaml")
        self.assertIn("Russia&#x27;s role in council decision-making: -0.0016 points (95% interval -0.0017 to -0.0014)",
                      text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
