#!/usr/bin/env python3
"""The whole-process benchmark suite of issue 13 (docs/performance.md).

    /usr/bin/python3 bench/suite.py [--accord build/sim/accord] [--repetitions 5] [--quick] [--only NAME ...]

Prints the machine (CPU model, cores, kernel), then one block per figure: the figure's line
(`figure NAME: ...`), the median of the repetitions with their range and the peak memory of the
process (its maximum resident set, from wait4), and the exact command line of every process
timed. The figures:

  reference_throughput  accord's Monte Carlo runs per second on the frozen reference scenario
  numpy_ratio           the NumPy reference (bench/reference_numpy.py) and accord on the same
                        runs, alternated repetition by repetition; the ratio of their times is the
                        headline (target: accord >= 10x)
  numpy_ratio_v1        the same on the issue-time reference scenario (tests/data/legacy/
                        nato_russia_council_2002_v1.yaml, the scenario of issue 13's "about 4x")
                        and its peer bench/reference_numpy_v1.py: the issue's headline figure
  results_write_rate    runs per second at which `accord run -o` writes its result files (runs.csv,
                        blockers.csv, summary ...): CPU time with -o minus CPU time without, per run
  micro_benchmarks      the Google Benchmark programs of bench/micro, when built
  actor_scaling         time per run of synthetic sparse networks (bench/make_network.py --form csv,
                        ~10 edges per actor) from 10 to 100,000 actors, loading excluded: CPU time
                        of 1 + k runs minus 1 run, k doubled until that difference passes 2 s; and
                        the growth exponent fitted on log-log from 1,000 to 100,000 (target <= 1.1)
  loading               `accord validate` time of the same files against their size (MB/s)
  million_sweep         a sweep of 1,000,005 runs of the frozen scenario (15 points x 66,667):
                        time and peak memory, beside a sweep of a tenth as many runs (memory
                        should not grow with the runs)

--quick shrinks every figure (a smoke test, tests/python/test_bench_suite.py: under a minute,
no figure means anything). Timing figures should be taken on a quiet machine.
"""
import argparse
import json
import math
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
FROZEN = os.path.join(HERE, "reference_scenario", "nato_russia_council_2002.yaml")
# The reference scenario when issue 13 was filed, frozen as a legacy scenario (bench/reference_scenario/FROZEN.md)
ISSUE_TIME = os.path.join(SOURCE, "tests", "data", "legacy", "nato_russia_council_2002_v1.yaml")
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
FIGURES = ("reference_throughput", "numpy_ratio", "numpy_ratio_v1", "results_write_rate", "micro_benchmarks", "actor_scaling",
           "loading", "million_sweep")


def shown(cmd):
    """The command line as a user would type it from the repository's root."""
    return " ".join(shlex.quote(os.path.relpath(c, SOURCE) if os.path.isabs(c) and c.startswith(SOURCE) else c)
                    for c in cmd)


def measure(cmd, cwd=None):
    """Wall seconds, peak resident memory (bytes) and output of one process, and its CPU seconds (user +
    system, all threads) in measure.cpu; stops the suite if it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    measure.cpu = usage.ru_utime + usage.ru_stime
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"suite.py: `{shown(cmd)}` failed with status {proc.returncode}:\n{err.decode(errors='replace')}")
    return seconds, usage.ru_maxrss * 1024, out.decode(errors="replace")


class Series:
    """Repeated measurements of one command."""

    def __init__(self, cmd):
        self.cmd, self.seconds, self.memory, self.cpu, self.output = cmd, [], [], [], ""

    def run(self, cwd=None, before=None):
        if before:
            before()
        s, m, self.output = measure(self.cmd, cwd)
        self.seconds.append(s)
        self.memory.append(m)
        self.cpu.append(measure.cpu)

    @property
    def median(self):
        return statistics.median(self.seconds)

    def describe(self):
        return (f"median of {len(self.seconds)}: {self.median:.3f} s (min {min(self.seconds):.3f}, "
                f"max {max(self.seconds):.3f}); CPU {statistics.median(self.cpu):.3f} s (median, all threads); "
                f"peak memory {max(self.memory) / 1e6:.1f} MB\n"
                f"  command: {shown(self.cmd)}")


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "-C", SOURCE, "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True).stdout.strip() or "unknown"
        dirty = subprocess.run(["git", "-C", SOURCE, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
    except OSError:
        commit, dirty = "unknown", ""
    print(f"machine: {model}; {os.cpu_count()} cores; Linux {platform.release()}; "
          f"Python {platform.python_version()}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; commit {commit}{' (modified)' if dirty else ''}")
    print(f"suite: {shown([PYTHON] + sys.argv)}")


def figure(name, text):
    print(f"figure {name}: {text}", flush=True)


def reference_throughput(a, cfg):
    s = Series([a.accord, "run", FROZEN, "-q", "--runs", str(cfg["runs"])])
    for _ in range(a.repetitions):
        s.run()
    figure("reference_throughput", f"{cfg['runs'] / s.median:,.0f} runs/s (accord, all cores)")
    print("  " + s.describe())
    return cfg["runs"] / s.median


def numpy_ratio(a, cfg, name="numpy_ratio", scenario=FROZEN, script="reference_numpy.py"):
    runs = cfg["numpy_runs"]
    acc = Series([a.accord, "run", scenario, "-q", "--runs", str(runs)])
    ref = Series([PYTHON, os.path.join(HERE, script), scenario, "--runs", str(runs), "--json"])
    for _ in range(a.repetitions):  # alternated, so that both see the same machine
        acc.run()
        ref.run()
    res = json.loads(ref.output)
    ratio = ref.median / acc.median
    cpu_ratio = statistics.median(ref.cpu) / statistics.median(acc.cpu)
    figure(name, f"accord {ratio:.1f}x the NumPy reference ({runs / acc.median:,.0f} against "
           f"{runs / ref.median:,.0f} runs/s, whole processes; target >= 10x: {'met' if ratio >= 10 else 'NOT met'}; "
           f"per CPU second {cpu_ratio:.1f}x)")
    print("  accord: " + acc.describe())
    print("  NumPy:  " + ref.describe())
    print(f"  NumPy reference: probability of agreement {res['probability']:.4f}, mean agreement round "
          f"{res['mean_agreement_round']:.2f}, {res['runs_per_second']:,.0f} runs/s inside the process")
    print(f"  load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return ratio


def numpy_ratio_v1(a, cfg):
    """numpy_ratio on the issue-time reference scenario (issue 13's headline; bench/reference_scenario/FROZEN.md)."""
    return numpy_ratio(a, cfg, "numpy_ratio_v1", ISSUE_TIME, "reference_numpy_v1.py")


def results_write_rate(a, cfg, work):
    runs = cfg["runs"]
    bare = Series([a.accord, "run", FROZEN, "-q", "--runs", str(runs)])
    out = os.path.join(work, "write")
    files = Series([a.accord, "run", FROZEN, "-q", "--runs", str(runs), "-o", out, "--force"])
    for _ in range(a.repetitions):
        bare.run()
        files.run(before=lambda: shutil.rmtree(out, ignore_errors=True))
    # CPU time, not wall time: the difference is small and a shared machine's wall time drowns it.
    extra = statistics.median(files.cpu) - statistics.median(bare.cpu)
    size = os.path.getsize(os.path.join(out, "runs.csv"))
    total = sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out))
    rate = f"{runs / extra:,.0f} runs/s written ({extra:.3f} CPU s" if extra > 0 else \
        f"too fast to separate from the runs' own time ({extra:+.3f} CPU s"
    figure("results_write_rate", f"{rate} for {runs} runs; runs.csv {size / 1e6:.1f} MB of {total / 1e6:.1f} MB "
           "of result files)")
    print("  without -o: " + bare.describe())
    print("  with -o:    " + files.describe())


def micro_benchmarks(a, cfg):
    found = False
    for name in ("loader", "csv"):
        exe = os.path.join(a.build, "bench", f"bench_{name}")
        if not os.path.exists(exe):
            continue
        found = True
        cmd = [exe, "--benchmark_format=json", f"--benchmark_min_time={cfg['micro_min_time']}"]
        _, _, out = measure(cmd)
        for b in json.loads(out)["benchmarks"]:
            rate = []
            if "items_per_second" in b:
                rate.append(f"{b['items_per_second']:,.0f} rows/s")
            if "bytes_per_second" in b:
                rate.append(f"{b['bytes_per_second'] / 1e6:,.1f} MB/s")
            print(f"  {b['name']}: {b['real_time']:.3f} {b['time_unit']} per iteration"
                  + (f" ({', '.join(rate)})" if rate else ""))
        print(f"  command: {shown(cmd)}")
    figure("micro_benchmarks", "above" if found else
           f"not built (configure with -DACCORD_BUILD_BENCH=ON and Debian's libbenchmark-dev; looked in {shown([a.build])}/bench)")


def fit_exponent(points):
    """Least-squares slope of log(time) against log(actors)."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def runs_to_time(difference, floor, cap):
    """The number k of extra runs to time: k doubles from 1 until difference(k), the CPU time of 1 + k runs
    minus that of 1 run, reaches `floor` seconds (8-fold while it is under a sixteenth of it), or k reaches
    `cap`. Returns (k, the last difference). A size whose runs are cheap next to its loading gets a large
    k, never one extrapolated from a difference lost in the loading's noise."""
    k = 1
    while True:
        d = difference(k)
        if d >= floor or k >= cap:
            return k, d
        k = min(cap, k * (8 if d < floor / 16 else 2))


def actor_scaling_and_loading(a, cfg, work, which):
    """Sizes grow until one process takes longer than --max-seconds; the larger sizes are then skipped.
    actor_scaling reads the networks' edges from a table (make_network.py --form csv: the same scenario,
    loaded in a fraction of the time, so that loading's noise does not drown the runs); loading validates
    the YAML form."""
    limits = ["--limit", "actors=100000000", "--limit", "edges=1000000000", "--limit", "file-bytes=100000000000"]
    per_run, loads, skipped = [], [], {}
    for n in cfg["actors"]:
        if "actor_scaling" not in which or "actor_scaling" in skipped:
            if "loading" not in which or "loading" in skipped:
                break
        reps = a.repetitions if n <= cfg["repeat_up_to"] else 1
        if "loading" in which and "loading" not in skipped:
            gen = [PYTHON, os.path.join(HERE, "make_network.py"), str(n), "-o", work]
            subprocess.run(gen, check=True, capture_output=True)
            print(f"  ({n} actors: {shown(gen)})", flush=True)
            path = os.path.join(work, f"network_{n}.yaml")
            size = os.path.getsize(path) + os.path.getsize(os.path.join(work, f"network_{n}_actors.csv"))
            v = Series([a.accord, "validate", path] + limits)
            for _ in range(reps):
                v.run()
                if v.seconds[-1] > a.max_seconds:
                    skipped["loading"] = n
                    break
            loads.append((n, size, v))
        if "actor_scaling" in which and "actor_scaling" not in skipped:
            tables = os.path.join(work, "tables")
            gen = [PYTHON, os.path.join(HERE, "make_network.py"), str(n), "--form", "csv", "-o", tables]
            subprocess.run(gen, check=True, capture_output=True)
            print(f"  ({n} actors: {shown(gen)})", flush=True)
            path = os.path.join(tables, f"network_{n}.yaml")

            def runs(count):
                return Series([a.accord, "run", path, "-q", "--runs", str(count)] + limits)

            one = runs(1)
            one.run()
            tried = {}

            def difference(k):  # CPU time: a shared machine's wall time is noise here
                tried[k] = runs(1 + k)
                tried[k].run()
                if tried[k].seconds[0] > a.max_seconds:
                    return float("inf")  # too slow to repeat: the search stops here
                return tried[k].cpu[0] - one.cpu[0]

            k, _ = runs_to_time(difference, cfg["target_seconds"], cfg["max_extra_runs"])
            if tried[k].seconds[0] > a.max_seconds:  # this size from the search's last pair, then stop
                per_run.append((n, max(tried[k].cpu[0] - one.cpu[0], 1e-9) / k, one, tried[k], k))
                skipped["actor_scaling"] = n
                continue
            one, many = runs(1), runs(1 + k)
            for _ in range(reps):
                one.run()
                many.run()
            per_run.append((n, max(statistics.median(many.cpu) - statistics.median(one.cpu), 1e-9) / k, one, many, k))
    if "actor_scaling" in which:
        fitted = [(n, t) for n, t, *_ in per_run if n >= 1000]
        if len(fitted) < 2:
            fitted = [(n, t) for n, t, *_ in per_run][-3:]
        exponent = fit_exponent(fitted) if len(fitted) >= 2 else float("nan")
        span = f"fitted from {fitted[0][0]:,} to {fitted[-1][0]:,} actors" if fitted else "no sizes"
        figure("actor_scaling", f"CPU time per run grows as actors^{exponent:.2f} ({span}; target <= 1.1 from 1,000 "
               f"to 100,000: {'met' if exponent <= 1.1 and fitted[-1][0] >= 100000 else 'NOT met'})")
        for n, t, one, many, k in per_run:
            print(f"  {n:>7} actors, {n * 10:>8} edges: {t * 1e3:10.3f} ms of CPU per run (runs 1+{k} minus 1: "
                  f"{statistics.median(many.cpu):.3f} - {statistics.median(one.cpu):.3f} CPU s, wall "
                  f"{many.median:.3f} - {one.median:.3f} s, median of {len(one.seconds)}; peak memory "
                  f"{max(many.memory) / 1e6:.1f} MB)")
            print(f"      command: {shown(many.cmd)}")
        if "actor_scaling" in skipped:
            print(f"  larger networks skipped: {skipped['actor_scaling']:,} actors took over {a.max_seconds:g} s "
                  "for one process of the search (--max-seconds)")
    if "loading" in which:
        n, size, v = loads[-1]
        figure("loading", f"{size / v.median / 1e6:.2f} MB/s validating {n:,} actors ({size / 1e6:.1f} MB of YAML "
               "edges and CSV actors; the target of 50 MB/s is for CSV tables)")
        for n, size, v in loads:
            print(f"  {n:>7} actors: {size / 1e6:8.2f} MB in {v.median:8.3f} s = {size / v.median / 1e6:7.2f} MB/s "
                  f"(median of {len(v.seconds)}; peak memory {max(v.memory) / 1e6:.1f} MB)")
            print(f"      command: {shown(v.cmd)}")
        if "loading" in skipped:
            print(f"  larger files skipped: {skipped['loading']:,} actors took over {a.max_seconds:g} s (--max-seconds)")


def million_sweep(a, cfg, work):
    big, small = cfg["sweep_runs"], max(1, cfg["sweep_runs"] // 10)
    series = []
    for reps in (big, small):
        out = os.path.join(work, f"sweep_{reps}")
        s = Series([a.accord, "sweep", FROZEN, "-q", "--runs", str(reps), "-o", out])
        for _ in range(1 if cfg["full"] else a.repetitions):
            s.run(before=lambda out=out: shutil.rmtree(out, ignore_errors=True))
        series.append((reps * 15, s))
    (n_big, b), (n_small, s) = series
    growth = max(b.memory) / max(s.memory)
    figure("million_sweep", f"{n_big:,} runs in {b.median:.1f} s ({n_big / b.median:,.0f} runs/s), peak memory "
           f"{max(b.memory) / 1e6:.1f} MB against {max(s.memory) / 1e6:.1f} MB for {n_small:,} runs "
           f"(x{growth:.2f}; target: independent of the runs, "
           + ("not comparable: the smaller sweep is under one block of 8192 runs)" if n_small < 8192
              else f"{'met' if growth < 1.25 else 'NOT met'})"))
    print("  " + b.describe())
    print("  " + s.describe())


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--accord", default=os.path.join(SOURCE, "build", "sim", "accord"))
    ap.add_argument("--build", help="the build directory holding bench/bench_* (default: two levels above --accord)")
    ap.add_argument("--repetitions", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="tiny sizes: a smoke test, the figures mean nothing")
    ap.add_argument("--only", nargs="+", choices=FIGURES, help="only these figures")
    ap.add_argument("--max-actors", type=int, default=100000, help="largest network of actor_scaling and loading")
    ap.add_argument("--sweep-runs", type=int, help="replications per point of million_sweep (15 points; "
                    "default 66,667, i.e. 1,000,005 runs; 20 with --quick)")
    ap.add_argument("--max-seconds", type=float, help="stop growing the networks once one process takes "
                    "longer (default 300; 10 with --quick)")
    ap.add_argument("--runs", type=int, help="runs of reference_throughput, numpy_ratio(_v1) and results_write_rate "
                    "(default 100,000; 2,000 with --quick)")
    a = ap.parse_args(argv)
    a.accord = os.path.abspath(a.accord)
    a.build = os.path.abspath(a.build or os.path.dirname(os.path.dirname(a.accord)))
    if not os.access(a.accord, os.X_OK):
        print(f"suite.py: no accord binary at {a.accord} (build it, or give --accord)", file=sys.stderr)
        return 2
    if a.quick:
        a.repetitions = min(a.repetitions, 2)
        cfg = dict(full=False, runs=500, numpy_runs=500, actors=[10, 30, 100], repeat_up_to=1000,
                   target_seconds=0.2, max_extra_runs=4096, sweep_runs=20, micro_min_time=0.01)
    else:
        cfg = dict(full=True, runs=100000, numpy_runs=100000,
                   actors=[n for n in (10, 100, 1000, 3000, 10000, 30000, 100000) if n <= a.max_actors],
                   repeat_up_to=10000, target_seconds=2.0, max_extra_runs=1 << 20, sweep_runs=66667,
                   micro_min_time=0.5)
    if a.max_seconds is None:
        a.max_seconds = 300.0 if cfg["full"] else 10.0
    if a.sweep_runs:
        cfg["sweep_runs"] = a.sweep_runs
    if a.runs:
        cfg["runs"] = cfg["numpy_runs"] = a.runs
    which = a.only or FIGURES
    machine()
    print(f"accord: {shown([a.accord])}, {subprocess.run([a.accord, '--version'], capture_output=True, text=True).stdout.strip()}")
    with tempfile.TemporaryDirectory(prefix="accord-bench-") as work:
        if "reference_throughput" in which:
            reference_throughput(a, cfg)
        if "numpy_ratio" in which:
            numpy_ratio(a, cfg)
        if "numpy_ratio_v1" in which:
            numpy_ratio_v1(a, cfg)
        if "results_write_rate" in which:
            results_write_rate(a, cfg, work)
        if "micro_benchmarks" in which:
            micro_benchmarks(a, cfg)
        if "actor_scaling" in which or "loading" in which:
            actor_scaling_and_loading(a, cfg, work, which)
        if "million_sweep" in which:
            million_sweep(a, cfg, work)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
