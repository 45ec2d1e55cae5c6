#!/usr/bin/env python3
"""bench/reference_numpy_v1.py, the NumPy peer of the issue-time reference scenario
(tests/data/legacy/nato_russia_council_2002_v1.yaml, docs/performance.md), computes accord's model: it
gives the same probability of agreement, the same share of runs agreeing at round 1, the same mean
agreement round and the same mean agreed terms on each issue as accord, within sampling error.
20,000 runs each, fixed seeds (accord 2002, NumPy 7: the result is the same on every run of the
test). Each difference is divided by its standard error, computed from the two samples (the pooled
binomial SE for a share; sqrt(var_a / n_a + var_r / n_r) for a mean over the agreed runs, with the
sample variances); every z must stay within 4 (two-sided p = 6e-5, as test_reference_numpy.py: a
real difference in the model, such as a missed event, round 0 not judged or the convergence stop
before the last event, moves these figures by many standard errors at this size). It also refuses,
with exit status 2, a scenario that uses the negotiation process.

    /usr/bin/python3 tests/python/test_reference_numpy_v1.py SOURCE_DIR ACCORD   (ctest -R python.test_reference_numpy_v1)
"""
import json
import math
import os
import subprocess
import sys

SOURCE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
ACCORD = sys.argv[2] if len(sys.argv) > 2 else os.path.join(SOURCE, "build", "sim", "accord")
SCENARIO = os.path.join(SOURCE, "tests", "data", "legacy", "nato_russia_council_2002_v1.yaml")
REFERENCE = os.path.join(SOURCE, "bench", "reference_numpy_v1.py")
ISSUES = ("decision_role", "agenda", "nato_autonomy")
LAST_EVENT_ROUND = 43  # the scenario's last event, 2002-05-14, rounds counted from 2002-04-01

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_reference_numpy import LIMIT, RUNS, accord_runs, refuses, two_proportion_z, verdict  # noqa: E402


def mean_and_variance(values):
    mean = sum(values) / len(values)
    return mean, sum((v - mean) ** 2 for v in values) / (len(values) - 1)


def main():
    failures = []

    def check(what, z, text):
        print(f"{what}: {text}, z = {z:.2f}")
        if not math.isfinite(z) or abs(z) > LIMIT:
            failures.append(what)

    agreed_rows = [r for r in accord_runs(SCENARIO) if r["agreed"] == "1"]
    a_rounds = [int(r["agreement_round"]) for r in agreed_rows]
    done = subprocess.run([sys.executable, REFERENCE, SCENARIO, "--runs", str(RUNS), "--seed", "7", "--json"],
                          capture_output=True, text=True, check=True)
    ref = json.loads(done.stdout)
    assert ref["runs"] == RUNS
    n_a, n_r = len(a_rounds), ref["agreed"]
    # Both samples must have agreements at round 1 and later, or the checks below mean nothing.
    assert 0 < n_a < RUNS and 0 < n_r < RUNS, (n_a, n_r)

    check("probability of agreement", two_proportion_z(n_a, RUNS, n_r, RUNS),
          f"accord {n_a / RUNS:.4f}, NumPy {n_r / RUNS:.4f}")
    first_a, first_r = sum(1 for r in a_rounds if r == 1), ref["agreed_at"].get("1", 0)
    check("share agreeing at round 1", two_proportion_z(first_a, RUNS, first_r, RUNS),
          f"accord {first_a / RUNS:.4f}, NumPy {first_r / RUNS:.4f}")
    # The runs agreeing after the last event (round 43, 14 May 2002): few, and the first to go if the
    # convergence stop came before that event (review: the mean round alone moved by only 4.4 SEs).
    late_a = sum(1 for r in a_rounds if r > LAST_EVENT_ROUND)
    late_r = sum(k for r, k in ref["agreed_at"].items() if int(r) > LAST_EVENT_ROUND)
    check(f"share agreeing after round {LAST_EVENT_ROUND}", two_proportion_z(late_a, RUNS, late_r, RUNS),
          f"accord {late_a / RUNS:.4f}, NumPy {late_r / RUNS:.4f}")
    mean_a, var_a = mean_and_variance(a_rounds)
    mean_r, var_r = ref["mean_agreement_round"], ref["sd_agreement_round"] ** 2
    check("mean agreement round", (mean_a - mean_r) / math.sqrt(var_a / n_a + var_r / n_r),
          f"accord {mean_a:.3f}, NumPy {mean_r:.3f}")
    for issue in ISSUES:
        mean_a, var_a = mean_and_variance([float(r[f"terms.{issue}"]) for r in agreed_rows])
        mean_r, var_r = ref["mean_terms"][issue], ref["sd_terms"][issue] ** 2
        check(f"mean agreed terms.{issue}", (mean_a - mean_r) / math.sqrt(var_a / n_a + var_r / n_r),
              f"accord {mean_a:.3f}, NumPy {mean_r:.3f}")

    # A scenario with the negotiation process (the frozen post-process one) is refused, not approximated.
    refuses(REFERENCE, os.path.join(SOURCE, "bench", "reference_scenario", "nato_russia_council_2002.yaml"), failures)
    return verdict(failures)

if __name__ == "__main__":
    sys.exit(main())
