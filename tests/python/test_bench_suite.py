#!/usr/bin/env python3
"""bench/suite.py --quick, the smoke test of the benchmark suite (docs/performance.md): it runs to the
end and prints the machine, every figure's line and a command line for each; nothing about speed is
asserted (speed belongs in bench/, never in a timed test).

    /usr/bin/python3 tests/python/test_bench_suite.py SOURCE_DIR ACCORD   (ctest -R python.test_bench_suite)
"""
import os
import subprocess
import sys

SOURCE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
ACCORD = sys.argv[2] if len(sys.argv) > 2 else os.path.join(SOURCE, "build", "sim", "accord")
FIGURES = ("reference_throughput", "numpy_ratio", "numpy_ratio_v1", "results_write_rate", "micro_benchmarks", "actor_scaling",
           "loading", "million_sweep")

# actor_scaling's choice of how many runs to time (bench/suite.py runs_to_time). A network whose loading
# costs 3 s of CPU with +-0.4 s of noise and whose run costs 5 ms: the old estimate from 2 runs minus 1 run
# (here -0.3 s, lost in the noise) asked for 200,001 runs; the search must time runs until the difference
# reaches the 2 s floor: 2 s / 5 ms = 400 extra runs, so k = 512 (1, 8, 64 by eights while under 1/16 of
# the floor, 0.32 s at 64, then doubling: 128, 256, 512 -> 2.56 s).
sys.path.insert(0, os.path.join(SOURCE, "bench"))
import suite  # noqa: E402

asked = []


def noisy(k):
    asked.append(k)
    return -0.3 if k == 1 else 0.005 * k


k, d = suite.runs_to_time(noisy, 2.0, 1 << 20)
assert (k, asked) == (512, [1, 8, 64, 128, 256, 512]), (k, asked)
assert abs(d - 2.56) < 1e-12, d
# A difference that never reaches the floor (runs costing nothing) stops at the cap, 8-fold each step.
asked.clear()
assert suite.runs_to_time(lambda k: asked.append(k) or 0.0, 2.0, 4096) == (4096, 0.0)
assert asked == [1, 8, 64, 512, 4096], asked
# A first difference past the floor (one slow run) keeps k = 1.
assert suite.runs_to_time(lambda k: 3.0, 2.0, 4096) == (1, 3.0)

done = subprocess.run([sys.executable, os.path.join(SOURCE, "bench", "suite.py"), "--quick", "--accord", ACCORD],
                      capture_output=True, text=True)
print(done.stdout)
print(done.stderr, file=sys.stderr)
assert done.returncode == 0, f"suite.py --quick exited with {done.returncode}"
lines = done.stdout.splitlines()
assert lines[0].startswith("machine: ") and " cores; Linux " in lines[0], lines[0]
for name in FIGURES:
    at = [i for i, line in enumerate(lines) if line.startswith(f"figure {name}: ")]
    assert len(at) == 1, f"figure {name}: printed {len(at)} times"
assert sum(1 for line in lines if line.strip().startswith("command: ")) >= len(FIGURES) - 1
print("ok")
