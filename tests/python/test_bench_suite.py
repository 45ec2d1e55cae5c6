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
FIGURES = ("reference_throughput", "numpy_ratio", "results_write_rate", "micro_benchmarks", "actor_scaling",
           "loading", "million_sweep")

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
