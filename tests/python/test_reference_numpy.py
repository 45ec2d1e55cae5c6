#!/usr/bin/env python3
"""bench/reference_numpy.py, the NumPy peer of the throughput benchmark (docs/performance.md), computes
accord's model: on the frozen reference scenario it gives the same probability of agreement, the same
share of deals at the Reykjavik ministerial (round 71) and the same mean agreement round as accord,
within sampling error. 20,000 runs each, fixed seeds (accord 2002, NumPy 7: the result is the same on
every run of the test); two-sample z statistics must stay within 4 (two-sided p = 6e-5, a generous
level: a real difference in the model, such as a missed event or a wrong reservation, moves these
shares by many standard errors at this size). It also refuses, with exit status 2, a scenario using
features it does not implement.

    /usr/bin/python3 tests/python/test_reference_numpy.py SOURCE_DIR ACCORD   (ctest -R python.test_reference_numpy)
"""
import csv
import json
import math
import os
import subprocess
import sys
import tempfile

SOURCE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
ACCORD = sys.argv[2] if len(sys.argv) > 2 else os.path.join(SOURCE, "build", "sim", "accord")
FROZEN = os.path.join(SOURCE, "bench", "reference_scenario", "nato_russia_council_2002.yaml")
REFERENCE = os.path.join(SOURCE, "bench", "reference_numpy.py")
RUNS = 20000
LIMIT = 4.0


def two_proportion_z(k1, n1, k2, n2):
    pooled = (k1 + k2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return 0.0 if se == 0 else (k1 / n1 - k2 / n2) / se


def accord_runs(scenario):
    """The rows of runs.csv of RUNS runs of the scenario by accord, seed 2002."""
    with tempfile.TemporaryDirectory() as work:
        out = os.path.join(work, "run")
        subprocess.run([ACCORD, "run", scenario, "-q", "--runs", str(RUNS), "--seed", "2002", "-o", out], check=True)
        with open(os.path.join(out, "runs.csv"), newline="") as f:
            rows = list(csv.DictReader(f))
    assert len(rows) == RUNS
    return rows


def main():
    failures = []
    rows = accord_runs(FROZEN)
    a_rounds = [int(r["agreement_round"]) for r in rows if r["agreed"] == "1"]
    done = subprocess.run([sys.executable, REFERENCE, FROZEN, "--runs", str(RUNS), "--seed", "7", "--json"],
                          capture_output=True, text=True, check=True)
    ref = json.loads(done.stdout)
    assert ref["runs"] == RUNS
    n_a, n_r = len(a_rounds), ref["agreed"]
    at71_a, at71_r = sum(1 for r in a_rounds if r == 71), ref["agreed_at"]["71"]
    assert set(ref["agreed_at"]) == {"71", "85"}, ref["agreed_at"]
    assert set(a_rounds) <= {71, 85}, sorted(set(a_rounds))

    z = two_proportion_z(n_a, RUNS, n_r, RUNS)
    print(f"probability of agreement: accord {n_a / RUNS:.4f}, NumPy {n_r / RUNS:.4f}, z = {z:.2f}")
    if abs(z) > LIMIT:
        failures.append("probability of agreement")
    z = two_proportion_z(at71_a, RUNS, at71_r, RUNS)
    print(f"share agreeing at round 71: accord {at71_a / RUNS:.4f}, NumPy {at71_r / RUNS:.4f}, z = {z:.2f}")
    if abs(z) > LIMIT:
        failures.append("share agreeing at round 71")
    mean_a = sum(a_rounds) / n_a
    var_a = sum((r - mean_a) ** 2 for r in a_rounds) / (n_a - 1)
    mean_r = ref["mean_agreement_round"]
    share85_r = ref["agreed_at"]["85"] / n_r  # the rounds are 71 or 85: the variance follows from the share
    var_r = (85 - 71) ** 2 * share85_r * (1 - share85_r) * n_r / (n_r - 1)
    z = (mean_a - mean_r) / math.sqrt(var_a / n_a + var_r / n_r)
    print(f"mean agreement round: accord {mean_a:.3f}, NumPy {mean_r:.3f}, z = {z:.2f}")
    if abs(z) > LIMIT:
        failures.append("mean agreement round")

    # A feature it does not implement (the Eurodac scenario's rules) is refused, not approximated.
    refuses(REFERENCE, os.path.join(SOURCE, "scenarios", "eu_eurodac_2000.yaml"), failures)
    return verdict(failures)


def refuses(reference, scenario, failures):
    """Checks that the NumPy reference script refuses the scenario with exit status 2 and says why."""
    done = subprocess.run([sys.executable, reference, scenario, "--runs", "10"], capture_output=True, text=True)
    print(f"unsupported scenario: status {done.returncode}: {done.stderr.strip()}")
    if done.returncode != 2 or "not supported by the NumPy reference" not in done.stderr:
        failures.append("refusal of an unsupported scenario")


def verdict(failures):
    """The test's exit status, after printing the failed checks or ok."""
    if failures:
        print("FAILED: " + ", ".join(failures))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
