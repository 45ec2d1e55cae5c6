#!/usr/bin/env python3
"""The Python module (docs/python.md): `accord.run`, `accord.compare`, `accord.sweep` give the tables of the
command line's result files, number for number and byte for byte; an input error raises accord.InputError with
the command line's located message; Ctrl-C (SIGINT) stops a long run or sweep within seconds with
KeyboardInterrupt and leaves no result file.

    PYTHONPATH=build/python python3 tests/python/test_module.py SOURCE_DIR ACCORD   (ctest -R python.test_module)
"""
import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import warnings

import pandas
import pandas.testing
import pytest

ARGS = sys.argv[1:] if __name__ == "__main__" else []
SOURCE = os.path.abspath(os.environ.get("ACCORD_SOURCE_DIR") or (ARGS[0] if ARGS else
                                                                   os.path.join(os.path.dirname(__file__), "..", "..")))
ACCORD = os.environ.get("ACCORD_EXE") or (ARGS[1] if len(ARGS) > 1 else os.path.join(SOURCE, "build", "sim", "accord"))

import accord  # noqa: E402  (PYTHONPATH: the build's python/ folder)

REFERENCE = os.path.join(SOURCE, "scenarios", "nato_russia_council_2002.yaml")
SWEEP_SMALL = os.path.join(SOURCE, "tests", "data", "sweep_small.yaml")
SWEEP_LONG = os.path.join(SOURCE, "tests", "data", "sweep_long.yaml")


def cli(*args, status=0):
    done = subprocess.run([ACCORD, *args, "-q"], capture_output=True, text=True)
    assert done.returncode == status, done.stderr
    return done


def test_run_equals_the_command_line(tmp_path):
    cli("run", REFERENCE, "--runs", "300", "--seed", "2002", "--set", "actors.DEU.capability=40", "--threads", "2",
        "-o", str(tmp_path))
    s = accord.load(REFERENCE)
    r = accord.run(s, runs=300, seed=2002, set={"actors.DEU.capability": 40}, threads=2)
    assert len(r.runs) == 300
    for name in ("runs", "summary", "trajectory", "terms"):
        expected = pandas.read_csv(tmp_path / f"{name}.csv")
        pandas.testing.assert_frame_equal(getattr(r, name), expected, check_exact=True)
        assert r.files[f"{name}.csv"] == (tmp_path / f"{name}.csv").read_text()
    # The override took: DEU's capability changes the numbers (a run without it differs).
    plain = accord.run(s, runs=300, seed=2002, threads=2)
    assert not plain.runs.equals(r.runs)


def test_run_streams_the_files_of_the_command_line(tmp_path):
    # The runs are written block by block as they come (RunFiles, RunTally), as `accord run -o` writes them:
    # 777 runs (no multiple of the doubling blocks, 8, 16, ...) of which the first 23 record their rounds
    # (a block boundary falls inside them) give every file byte for byte.
    cli("run", REFERENCE, "--runs", "777", "--seed", "11", "--trajectories", "23", "--threads", "2", "-o", str(tmp_path))
    r = accord.run(REFERENCE, runs=777, seed=11, threads=2, trajectories=23)
    names = sorted(p.name for p in tmp_path.iterdir() if p.name not in ("manifest.json", ".accord-lock"))
    assert names == sorted(n for n in r.files if n != "manifest.json")
    for name in names:
        assert r.files[name] == (tmp_path / name).read_text(), name
    assert r.trajectory["run"].nunique() == 23


def test_same_numbers_on_one_thread_and_by_path():
    s = accord.load(REFERENCE)
    one = accord.run(s, runs=64, seed=7, threads=1, trajectories=None)
    two = accord.run(REFERENCE, runs=64, seed=7, threads=2, trajectories=None)
    assert one.files.keys() == two.files.keys()
    for name in one.files:
        if name != "manifest.json":  # it records the threads and the times
            assert one.files[name] == two.files[name], name
    assert one.trajectory["run"].nunique() == 64


def test_input_error_carries_the_located_message():
    bad = os.path.join(SOURCE, "tests", "data", "invalid", "bad_actor_id.yaml")
    printed = cli("run", bad, status=2).stderr.strip()
    with pytest.raises(accord.InputError) as raised:
        accord.load(bad)
    assert str(raised.value) == printed
    assert "bad_actor_id.yaml:5:10: error: actor id must be an identifier" in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_bad_set_raises_like_the_command_line():
    printed = cli("run", REFERENCE, "--set", "actors.NOPE.capability=40", status=2).stderr.strip()
    with pytest.raises(accord.InputError) as raised:
        accord.run(accord.load(REFERENCE), runs=5, set={"actors.NOPE.capability": 40})
    assert str(raised.value) == printed


def test_out_of_range_counts_raise_like_the_command_line(tmp_path):
    # Before, runs=0 or runs=-1 gave an empty result, threads=0 all cores and trajectories=-1 every
    # run, where the command line refuses --runs 0, --threads 0 and --trajectories -1 (exit status 2);
    # a set text without '=' raised "not enough values to unpack".
    s = accord.load(SWEEP_SMALL)
    for call, message in [(lambda: accord.run(s, runs=0), "runs must be a whole number from 1 to 100000000, found 0"),
                          (lambda: accord.run(s, runs=-1), "runs must be a whole number from 1 to 100000000, found -1"),
                          (lambda: accord.run(s, threads=0), "threads must be a whole number from 1 to 4096, found 0"),
                          (lambda: accord.run(s, trajectories=-1),
                           "trajectories must be a whole number >= 0 or None (all), found -1"),
                          (lambda: accord.compare(s, s, runs=0), "runs must be a whole number from 1"),
                          (lambda: accord.sweep(s, tmp_path / "sw", threads=-2), "threads must be a whole number from 1"),
                          (lambda: accord.run(s, set=["actors.NORTH.capability"]),
                           "set: expected PATH=VALUE, for example actors.DEU.capability=40, found 'actors.NORTH.capability'")]:
        with pytest.raises(ValueError) as raised:
            call()
        assert message in str(raised.value)
    assert not (tmp_path / "sw").exists()


def test_arguments_the_command_line_refuses_raise_value_error(tmp_path):
    # Found by the second attack (docs/reliability.md): seed=-1 or 2**64 and samples=2.5 raised
    # pybind11's TypeError listing the C++ signature; samples=0 "saltelli_design: needs at least two
    # base rows", samples=1 with Morris ran (accord sensitivity refuses --samples 1, exit 2) and
    # samples=10**12 MemoryError; resume=True with force=True replaced the directory where `accord sweep
    # --resume --force` is refused; set="PATH=VALUE" was read letter by letter ("found 'a'") and
    # set=[3] raised "cannot unpack non-iterable int object".
    s = accord.load(SWEEP_SMALL)
    linear = os.path.join(SOURCE, "tests", "data", "sensitivity_linear.yaml")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"accord: 1\nname: caf\xe9\nissues: [{id: x}]\nactors:\n  - {id: A, capability: 1, positions: {x: 0}}\n")
    for call, error, message in [
            (lambda: accord.run(s, seed=-1), ValueError, "seed must be a whole number from 0 to 18446744073709551615, "
                                                         "found -1"),
            (lambda: accord.run(s, seed=2**64), ValueError, "seed must be a whole number from 0 to"),
            (lambda: accord.compare(s, s, seed=1.5), ValueError, "seed must be a whole number from 0 to"),
            (lambda: accord.sweep(s, tmp_path / "sw", seed="7"), ValueError, "seed must be a whole number from 0 to"),
            (lambda: accord.sensitivity(linear, tmp_path / "se", samples=0), ValueError,
             "samples must be a whole number from 2 to 100000000, found 0"),
            (lambda: accord.sensitivity(linear, tmp_path / "se", method="morris", samples=1), ValueError,
             "samples must be a whole number from 2 to 100000000, found 1"),
            (lambda: accord.sensitivity(linear, tmp_path / "se", samples=2.5), ValueError,
             "samples must be a whole number from 2 to 100000000, found 2.5"),
            (lambda: accord.sensitivity(linear, tmp_path / "se", samples=10**12), ValueError,
             "samples must be a whole number from 2 to 100000000"),
            (lambda: accord.sweep(s, tmp_path / "sw", resume=True, force=True), accord.InputError,
             "--resume and --force exclude each other"),
            (lambda: accord.sensitivity(linear, tmp_path / "se", resume=True, force=True), accord.InputError,
             "--resume and --force exclude each other"),
            (lambda: accord.run(s, set="actors.NORTH.capability=40"), ValueError,
             "set must be a dict {PATH: VALUE} or a list of 'PATH=VALUE' texts, found 'actors.NORTH.capability=40'"),
            (lambda: accord.run(s, set=[3]), ValueError,
             "set: expected PATH=VALUE, for example actors.DEU.capability=40, found 3"),
            # A NUL: the path was read up to it (the file before it loaded), and the message of a value
            # holding one ended there, without its reason.
            (lambda: accord.load(SWEEP_SMALL + "\0x"), ValueError, "embedded null byte in the path"),
            (lambda: accord.load(os.fsencode(SWEEP_SMALL) + b"\0x"), ValueError, "embedded null byte in the path"),
            (lambda: accord.sweep(s, str(tmp_path / "sw") + "\0x"), ValueError, "embedded null byte in the path"),
            (lambda: accord.run(s, set={"actors.NORTH.capability": "40\0x"}), accord.InputError,
             "must be a number, found '40\0x'"),
            # A file refused for a byte that is not UTF-8 quotes its line: UnicodeDecodeError came instead.
            (lambda: accord.load(latin), accord.InputError, ":2:10: error: the file is not valid UTF-8 text")]:
        with pytest.raises(error) as raised:
            call()
        assert message in str(raised.value)
    assert not (tmp_path / "sw").exists() and not (tmp_path / "se").exists()
    assert len(accord.run(accord.load(os.fsencode(SWEEP_SMALL)), runs=1).runs) == 1  # a path as bytes, as open() takes
    # A file name that is not UTF-8, given as bytes: os.fsdecode's str was refused by the C++ side.
    latin_name = os.fsencode(str(tmp_path)) + b"/caf\xe9.yaml"
    with open(latin_name, "wb") as f:
        f.write(open(SWEEP_SMALL, "rb").read())
    assert len(accord.run(accord.load(latin_name), runs=1).runs) == 1
    assert len(accord.run(latin_name, runs=1).runs) == 1
    # The bounds themselves are accepted, as on the command line.
    assert len(accord.run(s, runs=1, seed=2**64 - 1).runs) == 1
    # NumPy's integers and booleans, as a DataFrame gives them, are numbers and booleans: runs=numpy.int64(3)
    # raised "runs must be a whole number from 1 to 100000000, found 3", and numpy.bool_(True) in a set
    # became 'True', which --set refuses for veto.
    import numpy
    r = accord.run(s, runs=numpy.int64(3), seed=numpy.uint64(5), threads=numpy.int32(1), trajectories=numpy.int64(1),
                   set={"actors.NORTH.veto": numpy.bool_(False), "actors.NORTH.capability": numpy.float64(50)})
    expected = accord.run(s, runs=3, seed=5, threads=1, trajectories=1,
                          set={"actors.NORTH.veto": False, "actors.NORTH.capability": 50.0})
    assert r.files["runs.csv"] == expected.files["runs.csv"] and len(r.runs) == 3
    with pytest.raises(ValueError):
        accord.run(s, runs=numpy.bool_(True))
    # A count of recorded runs past C++'s long raised pybind11's TypeError; any count above the runs records all.
    assert accord.run(s, runs=2, trajectories=2**70).files["trajectory.csv"] == \
        accord.run(s, runs=2, trajectories=None).files["trajectory.csv"]
    assert len(accord.sensitivity(linear, tmp_path / "ok", method="morris", samples=2, runs=1).points) > 0


def test_a_missing_temporary_directory_is_named():
    # run and compare write their files in a temporary directory; with TMPDIR naming a missing one the
    # error was "filesystem error: temp_directory_path: No such file or directory", naming neither.
    code = ("import accord\ntry:\n    accord.run(%r, runs=2)\nexcept RuntimeError as e:\n    print(e)\n" % REFERENCE)
    environment = dict(os.environ, TMPDIR="/nonexistent/accord-tmp")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment)
    assert done.returncode == 0, done.stderr
    assert ("cannot make a temporary directory for the result files under '/nonexistent/accord-tmp' (TMPDIR): "
            "No such file or directory") in done.stdout, done.stdout


def test_ids_that_pandas_reads_as_missing_stay_ids(tmp_path):
    # An actor or issue may be called NA (Namibia), which pandas.read_csv reads as NaN by default; the
    # module read every table that way (docs/interface.md section 4.1 says how to read them).
    path = tmp_path / "na.yaml"
    path.write_text("accord: 1\nissues: [{id: NA}]\nactors:\n"
                    "  - {id: NA, capability: 1, positions: {NA: 20}}\n"
                    "  - {id: B, capability: 3, positions: {NA: 60}}\n"
                    "model: {rounds: 1}\noutcome: {rule: setter, proposer: NA, decision: unanimity, stop: end}\n"
                    "sweep: {design: grid, replications: 1, parameters: {actors.B.capability: {values: [1, 2]}}}\n")
    r = accord.run(str(path), runs=2)
    assert list(r.runs["proposer"]) == ["NA", "NA"]
    assert list(r.trajectory["actor"][:2]) == ["NA", "B"] and set(r.trajectory["issue"]) == {"NA"}
    assert "terms.NA" in r.runs.columns and r.runs["terms.NA"].notna().all()
    sw = accord.sweep(str(path), tmp_path / "sw", runs=1)
    assert list(sw.runs["proposer"]) == ["NA", "NA"]


def test_sweep_equals_the_command_line(tmp_path):
    cli("sweep", SWEEP_SMALL, "--threads", "2", "--set", "actors.WEST.capability=15", "-o", str(tmp_path / "cli"))
    result = accord.sweep(SWEEP_SMALL, tmp_path / "py", set={"actors.WEST.capability": 15}, threads=2)
    assert len(result.points) == 12 and len(result.runs) == 120
    for name in ("runs", "points"):
        expected = pandas.read_csv(tmp_path / "cli" / f"{name}.csv")
        pandas.testing.assert_frame_equal(getattr(result, name), expected, check_exact=True)
        assert (tmp_path / "py" / f"{name}.csv").read_bytes() == (tmp_path / "cli" / f"{name}.csv").read_bytes()
    # A second sweep into the same directory is refused as on the command line.
    with pytest.raises(accord.InputError):
        accord.sweep(SWEEP_SMALL, tmp_path / "py", threads=2)


def test_compare_equals_the_command_line(tmp_path):
    a = os.path.join(SOURCE, "tests", "data", "fj1999_a.yaml")
    b = os.path.join(SOURCE, "tests", "data", "fj1999_b.yaml")
    cli("compare", a, b, "--runs", "200", "--seed", "5", "-o", str(tmp_path))
    table = accord.compare(accord.load(a), accord.load(b), runs=200, seed=5, threads=2)
    pandas.testing.assert_frame_equal(table, pandas.read_csv(tmp_path / "compare.csv"), check_exact=True)
    assert list(table.columns) == ["quantity", "a", "b", "difference", "ci_low", "ci_high"]


def test_compare_warns_as_the_command_line_of_actors_in_another_order(tmp_path):
    a = os.path.join(SOURCE, "tests", "data", "process_logistic.yaml")
    lines = open(a).read().splitlines(keepends=True)
    chair = next(line for line in lines if line.startswith("  - {id: CHAIR"))
    lines.remove(chair)
    lines.insert(next(i for i, line in enumerate(lines) if line.startswith("  - {id: PARL")) + 1, chair)
    (tmp_path / "b.yaml").write_text("".join(lines))
    with pytest.warns(UserWarning, match=r"B lists 4 of A's actors at other positions \(CHAIR, NORTH, SOUTH, PARL\)"):
        accord.compare(a, str(tmp_path / "b.yaml"), runs=20)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the same order: no warning
        accord.compare(a, a, runs=20)


def test_sensitivity_equals_the_command_line(tmp_path):
    linear = os.path.join(SOURCE, "tests", "data", "sensitivity_linear.yaml")
    cli("sensitivity", linear, "--method", "morris", "--samples", "8", "-o", str(tmp_path / "cli"))
    result = accord.sensitivity(linear, tmp_path / "py", method="morris", samples=8, threads=2)
    for name in ("sensitivity", "points", "runs"):
        assert (tmp_path / "py" / f"{name}.csv").read_bytes() == (tmp_path / "cli" / f"{name}.csv").read_bytes()
        pandas.testing.assert_frame_equal(getattr(result, name), pandas.read_csv(tmp_path / "cli" / f"{name}.csv"))
    # The closed form (tests/data/sensitivity_linear.yaml): mu* of terms.x is 25 for A's position, 0 for B.
    rows = result.sensitivity.set_index(["output", "parameter", "index"])["value"]
    assert rows[("terms.x", "actors.A.positions.x", "mu_star")] == pytest.approx(25)
    assert rows[("terms.x", "actors.B.stubbornness", "mu_star")] == pytest.approx(0)
    with pytest.raises(ValueError):
        accord.sensitivity(linear, tmp_path / "bad", method="fast")


def test_sensitivity_over_the_uncertainty_equals_the_command_line(tmp_path):
    # accord sensitivity --over uncertainty had no counterpart in the module (docs/python.md).
    cli("sensitivity", SWEEP_SMALL, "--over", "uncertainty", "--method", "morris", "--samples", "4", "--runs", "2",
        "-o", str(tmp_path / "cli"))
    result = accord.sensitivity(SWEEP_SMALL, tmp_path / "py", method="morris", samples=4, runs=2, threads=2,
                                over="uncertainty")
    for name in ("sensitivity", "points", "runs"):
        assert (tmp_path / "py" / f"{name}.csv").read_bytes() == (tmp_path / "cli" / f"{name}.csv").read_bytes()
    # The factors are the two drawn parameters of tests/data/sweep_small.yaml, not its sweep block's.
    assert set(result.sensitivity["parameter"]) == {"actors.SOUTH.positions.budget", "influence.WEST->NORTH.weight"}
    manifest = json.loads((tmp_path / "py" / "manifest.json").read_text())
    assert manifest["command_line"][1].endswith("over='uncertainty')")
    with pytest.raises(ValueError):
        accord.sensitivity(SWEEP_SMALL, tmp_path / "bad", over="drawn")
    assert not (tmp_path / "bad").exists()


def test_sensitivity_warns_as_the_command_line_notes_points_without_a_deal(tmp_path):
    # tests/data/sensitivity_if_agreed.yaml: the threshold decides whether a deal happens, so some design
    # points have none; the command line notes it on stderr, the module warns with the same text.
    toy = os.path.join(SOURCE, "tests", "data", "sensitivity_if_agreed.yaml")
    err = cli("sensitivity", toy, "--method", "morris", "--samples", "10", "-o", str(tmp_path / "cli")).stderr
    notes = [line.removeprefix("accord sensitivity: note: ") for line in err.splitlines()
             if line.startswith("accord sensitivity: note: terms_if_agreed.")]
    assert len(notes) == 1 and re.fullmatch(r"terms_if_agreed\.x: \d+ of 30 design points have no deal; its "
                                            r"indices use the \d+ of 10 trajectories with a deal at every point",
                                            notes[0]), err
    with pytest.warns(UserWarning) as caught:
        accord.sensitivity(toy, tmp_path / "py", method="morris", samples=10, threads=2)
    assert [str(w.message) for w in caught] == notes
    assert (tmp_path / "py" / "sensitivity.csv").read_bytes() == (tmp_path / "cli" / "sensitivity.csv").read_bytes()


def test_sensitivity_warns_as_the_command_line_warns_of_wide_intervals(tmp_path):
    # tests/data/sensitivity_uncertainty.yaml over its draws: two Sobol indices of `agreed` have 95% intervals wider
    # than themselves; the command line warns on stderr, the module warned of nothing before (7 December 2026).
    file = os.path.join(SOURCE, "tests", "data", "sensitivity_uncertainty.yaml")
    err = cli("sensitivity", file, "--over", "uncertainty", "-o", str(tmp_path / "cli")).stderr
    warned = [line.removeprefix("accord sensitivity: warning: ") for line in err.splitlines()
              if line.startswith("accord sensitivity: warning: ")]
    assert len(warned) == 2 and all("is wider than the index: raise --samples" in w for w in warned), err
    with pytest.warns(UserWarning) as caught:
        accord.sensitivity(file, tmp_path / "py", over="uncertainty", threads=2)
    assert [str(w.message) for w in caught] == warned
    assert (tmp_path / "py" / "sensitivity.csv").read_bytes() == (tmp_path / "cli" / "sensitivity.csv").read_bytes()


def test_sweep_with_status_quos_has_the_terms_over_the_deals(tmp_path):
    # tests/data/process_logistic.yaml has status quos: points.csv ends with agreed_runs and the terms over each
    # point's agreed runs (docs/interface.md section 4.4), the bytes of the command line's.
    logistic = os.path.join(SOURCE, "tests", "data", "process_logistic.yaml")
    cli("sweep", logistic, "-o", str(tmp_path / "cli"))
    result = accord.sweep(logistic, tmp_path / "py", threads=2)
    assert (tmp_path / "py" / "points.csv").read_bytes() == (tmp_path / "cli" / "points.csv").read_bytes()
    assert list(result.points.columns[-5:]) == ["agreed_runs", "terms_if_agreed.scope.mean", "terms_if_agreed.scope.sd",
                                                "terms_if_agreed.budget.mean", "terms_if_agreed.budget.sd"]
    for _, point in result.points.iterrows():
        deals = result.runs[(result.runs.point == point.point) & (result.runs.agreed == 1)]
        assert point.agreed_runs == len(deals)
        assert point["terms_if_agreed.scope.mean"] == pytest.approx(deals["terms.scope"].mean(), rel=1e-12)
        assert point["terms_if_agreed.budget.sd"] == pytest.approx(deals["terms.budget"].std(), rel=1e-9)
    assert (result.points.agreed_runs < result.points.runs).any()  # some point has runs without a deal


def test_summarize_equals_the_command_line(tmp_path):
    # accord summarize had no counterpart in the module. On a sweep with status quos the table ends with agreed_runs
    # and the terms over each group's deals, as the command line prints them.
    logistic = os.path.join(SOURCE, "tests", "data", "process_logistic.yaml")
    cli("sweep", logistic, "-o", str(tmp_path / "sw"))
    runs = tmp_path / "sw" / "runs.csv"
    for by, bins, options in [("point", None, []),
                              (["actors.SOUTH.capability", "outcome.margin"], {"outcome.margin": 2},
                               ["--bins", "outcome.margin=2"])]:
        columns = [by] if isinstance(by, str) else by
        expected = cli("summarize", str(runs), "--by", *columns, *options).stdout
        table = accord.summarize(runs, by, bins=bins)
        pandas.testing.assert_frame_equal(table, pandas.read_csv(io.StringIO(expected), keep_default_na=False,
                                                                 na_values=[""]), check_exact=True)
        assert list(table.columns[-5:]) == ["agreed_runs", "terms_if_agreed.scope.mean", "terms_if_agreed.scope.sd",
                                            "terms_if_agreed.budget.mean", "terms_if_agreed.budget.sd"]
    # summarize --by point is points.csv from its runs column on.
    points = pandas.read_csv(tmp_path / "sw" / "points.csv")
    by_point = accord.summarize(runs, "point")
    pandas.testing.assert_frame_equal(by_point, points.drop(columns=["outcome.margin", "actors.SOUTH.capability"]),
                                      check_exact=True)
    for call, error, message in [(lambda: accord.summarize(runs, []), ValueError, "by must be a column name"),
                                 (lambda: accord.summarize(runs, ["point", "point"]), accord.InputError,
                                  "the column 'point' is given twice"),
                                 (lambda: accord.summarize(runs, "point", bins={"point": 0}), ValueError,
                                  "bins['point'] must be a whole number from 1 to 10000, found 0"),
                                 (lambda: accord.summarize(runs, "pont"), accord.InputError,
                                  "--by pont: no such column (did you mean 'point'?)")]:
        with pytest.raises(error, match=re.escape(message)):
            call()


def wide_scenario(path, sweep=""):
    """Two actors on 300 issues (about 2.6 KB a run's result, as tests/cli/memory_limits.sh), with a sweep block."""
    issues = "".join(f"  - {{id: i{k}}}\n" for k in range(1, 301))
    positions = lambda v: ", ".join(f"i{k}: {v}" for k in range(1, 301))
    path.write_text(f"accord: 1\nissues:\n{issues}actors:\n  - {{id: A, capability: 1, positions: {{{positions(20)}}}}}\n"
                    f"  - {{id: B, capability: 1, positions: {{{positions(80)}}}}}\n"
                    f"influence: [{{from: A, to: B, weight: 1}}]\nmodel: {{rounds: 3}}\n{sweep}")
    return str(path)


def test_what_cannot_fit_in_memory_raises_input_error_naming_the_argument(tmp_path):
    # The module skipped the command line's memory checks (they lived in sim/app): runs=10**8 of a wide
    # scenario ran until MemoryError. Now the same checks (accord/memory_budget.hpp) refuse at once with the
    # command line's message, naming the argument to lower, and nothing is written.
    grid = "sweep:\n  design: grid\n  replications: 1\n  parameters:\n" + "".join(
        f"    actors.A.positions.i{k}: {{range: [0, 90], steps: 10}}\n" for k in range(1, 3))
    wide = wide_scenario(tmp_path / "wide.yaml", grid)
    started = time.monotonic()
    for call, message in [
            (lambda: accord.run(wide, runs=100_000_000),
             "100000000 runs would hold about .* GiB of results in memory, more than the .* GiB available: lower runs "
             r"\(about \d+ fit\); a sweep \(accord.sweep\) writes its rows to disk as it goes"),
            (lambda: accord.compare(wide, wide, runs=100_000_000), "100000000 runs would hold .* lower runs"),
            (lambda: accord.sweep(wide, tmp_path / "sw", runs=100_000_000),
             "100000000 replications of a point would hold about 223.5 GiB .* lower runs \\(about"),
            (lambda: accord.sensitivity(wide, tmp_path / "se", samples=100_000_000),
             "100000000 samples make a design of about .* GiB, built in memory before the first run, .* lower samples "
             r"\(about \d+ fit\)")]:
        with pytest.raises(accord.InputError, match=message) as raised:
            call()
        assert isinstance(raised.value, ValueError) and "--" not in str(raised.value)
    assert time.monotonic() - started < 60
    assert not (tmp_path / "sw" / "runs.csv.partial").exists() and not (tmp_path / "se" / "runs.csv.partial").exists()
    # A batch that fits runs as before.
    assert len(accord.run(wide, runs=2).runs) == 2


def test_the_gil_is_released_while_simulating():
    # More runs until the call lasts long enough to count ticks (the machine's speed varies).
    runs = 400
    while True:
        ticks = []
        done = threading.Event()

        def count():
            while not done.is_set():
                ticks.append(1)
                time.sleep(0.01)

        counter = threading.Thread(target=count)
        counter.start()
        started = time.monotonic()
        accord.run(REFERENCE, runs=runs, seed=3, threads=2)
        took = time.monotonic() - started
        done.set()
        counter.join()
        if took > 0.3 or runs >= 400 * 4**5:
            break
        runs *= 4
    # A thread that needs the GIL every 10 ms kept running during the call (a held GIL gives ~0 ticks).
    assert took > 0.3 and len(ticks) >= 0.3 * took / 0.01


def test_installed_module_imports_from_the_prefix(tmp_path):
    build = os.path.dirname(os.path.dirname(os.path.abspath(ACCORD)))  # BUILD/sim/accord
    done = subprocess.run(["cmake", "--install", build, "--prefix", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    found = list(tmp_path.glob("lib*/python3*/site-packages/accord/_accord*.so"))
    assert len(found) == 1
    site = found[0].parent.parent
    code = "import accord; print(accord.__file__); print(len(accord.run(sys.argv[1], runs=5, seed=1, threads=1).runs))"
    done = subprocess.run([sys.executable, "-c", "import sys; " + code, REFERENCE], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(site)}, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(site / "accord" / "__init__.py"), "5"]


def interrupt_after(seconds):
    """SIGINT to this process after `seconds`, as Ctrl-C in a notebook; gives the time it was sent."""
    sent = {}

    def send():
        sent["at"] = time.monotonic()
        os.kill(os.getpid(), signal.SIGINT)

    threading.Timer(seconds, send).start()
    return sent


def test_interrupt_stops_a_long_run_promptly(tmp_path, monkeypatch):
    s = accord.load(REFERENCE)
    # A private TMPDIR (the module reads it at each call): tests running beside this one make their own
    # accord-python-* directories under the shared /tmp, which made this check fail now and then.
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    sent = interrupt_after(1.0)
    with pytest.raises(KeyboardInterrupt):
        # Seconds of simulation, tables that fit (10 000 000 runs' tables would take 60 GiB: refused at once).
        accord.run(s, runs=300_000, threads=2)
    assert time.monotonic() - sent["at"] < 5.0
    assert [n.name for n in tmp_path.iterdir()] == []
    # The module still works after the interrupt.
    assert len(accord.run(s, runs=3, seed=1, threads=2).runs) == 3


def test_interrupt_stops_a_sweep_and_leaves_no_result_file(tmp_path):
    sent = interrupt_after(1.0)
    with pytest.raises(KeyboardInterrupt):
        accord.sweep(SWEEP_LONG, tmp_path / "out", runs=20_000, threads=2)
    assert time.monotonic() - sent["at"] < 5.0
    assert not (tmp_path / "out" / "runs.csv").exists()
    assert not (tmp_path / "out" / "points.csv").exists()
    assert not (tmp_path / "out" / "manifest.json").exists()


def finished_points(directory):
    """The design points in the journal of a sweep in progress (the rows of points.csv.partial)."""
    try:
        with open(directory / "points.csv.partial", "rb") as f:
            return max(f.read().count(b"\n") - 1, 0)
    except FileNotFoundError:
        return 0


def test_an_interrupted_sweep_resumes_to_the_bytes_of_an_uninterrupted_one(tmp_path):
    out = tmp_path / "out"
    done = threading.Event()

    def interrupt_once_a_point_is_finished():  # Ctrl-C mid-sweep, whatever the machine's speed
        deadline = time.monotonic() + 120
        while not done.is_set() and finished_points(out) == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        if not done.is_set():
            os.kill(os.getpid(), signal.SIGINT)

    watcher = threading.Thread(target=interrupt_once_a_point_is_finished)
    watcher.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            accord.sweep(SWEEP_LONG, out, runs=600, threads=2)
    finally:
        done.set()  # a sweep that ends first must not be followed by a stray Ctrl-C
        watcher.join()
    assert 1 <= finished_points(out) < 120  # stopped part-way: some points in the journal, not all
    assert not (out / "runs.csv").exists()
    resumed = accord.sweep(SWEEP_LONG, out, runs=600, threads=2, resume=True)
    assert len(resumed.points) == 120 and len(resumed.runs) == 120 * 600
    cli("sweep", SWEEP_LONG, "--runs", "600", "--threads", "2", "-o", str(tmp_path / "whole"))
    for name in ("runs.csv", "points.csv"):
        assert (out / name).read_bytes() == (tmp_path / "whole" / name).read_bytes(), name
    # The manifest records the call that finished the sweep, arguments and all.
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["command_line"] == ["python", f"accord.sweep({SWEEP_LONG!r}, {str(out)!r}, runs=600, threads=2, "
                                                  "resume=True)"]


def test_an_unfinished_mpirun_sweep_is_refused_not_computed_again(tmp_path):
    # The rank directories of an mpirun sweep interrupted with 2 ranks: resume=True computed the sweep
    # again with another seed, beside them, where `accord sweep --resume` refuses (exit 2).
    out = tmp_path / "out"
    for k in range(2):
        cli("sweep", SWEEP_LONG, "--runs", "3", "--shard", f"{k}/2", "-q", "-o", str(out / f".mpi-rank-{k}-of-2"))
    for call in (lambda: accord.sweep(SWEEP_LONG, out, runs=3, seed=5, resume=True),
                 lambda: accord.sweep(SWEEP_LONG, out, runs=3)):
        with pytest.raises(accord.InputError, match=r"holds an unfinished sweep run by mpirun with 2 ranks "
                                                    r"\(\.mpi-rank-0-of-2\); a sweep without mpirun would compute it "
                                                    r"again: finish it with 'mpirun -np 2 accord sweep \.\.\. --resume'"):
            call()
        assert sorted(p.name for p in out.iterdir()) == [".mpi-rank-0-of-2", ".mpi-rank-1-of-2"]
    accord.sweep(SWEEP_LONG, out, runs=3, force=True)
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "points.csv", "runs.csv"]


def test_the_loaders_warnings_are_python_warnings():
    # The command line prints them on stderr; the module dropped them: an event that undoes a drawn or
    # swept value went unsaid (an analyst's --set of such a value did nothing, silently).
    with pytest.warns(UserWarning) as caught:
        accord.load(os.path.join(SOURCE, "tests", "data", "event_over_varied_values.yaml"))
    texts = [str(w.message) for w in caught]
    assert len(texts) == 2, texts
    assert ("event_over_varied_values.yaml:11:53: warning: event 'deal' sets 'actors.W.reservation' at round 5, "
            "which 'uncertainty' draws (line 13)") in texts[0], texts
    assert "which the sweep varies (line 17)" in texts[1], texts
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert accord.load(REFERENCE).warnings == []  # none where the command line prints none
    # run(path, set=...) as `accord run --set`: the loader's two and the --set one that the event undoes,
    # each attributed to the caller's line (they pointed into accord/__init__.py, and the default filter
    # then showed them once per session)
    with pytest.warns(UserWarning) as caught:
        accord.run(os.path.join(SOURCE, "tests", "data", "event_over_varied_values.yaml"), runs=2,
                   set={"actors.W.reservation": 0.5})
    texts = [str(w.message) for w in caught]
    assert len(texts) == 3, texts
    assert texts[2].startswith("--set actors.W.reservation=0.5: warning: event 'deal' of "), texts
    assert all(w.filename == __file__ for w in caught), [w.filename for w in caught]


def test_the_manifest_records_the_call():
    s = accord.load(REFERENCE)
    r = accord.run(s, runs=3, seed=7, set={"actors.DEU.capability": 40}, threads=1)
    assert json.loads(r.files["manifest.json"])["command_line"] == [
        "python", f"accord.run(accord.load({REFERENCE!r}), runs=3, seed=7, set={{'actors.DEU.capability': 40}}, "
                  "threads=1)"]
    r = accord.run(REFERENCE, runs=2)
    assert json.loads(r.files["manifest.json"])["command_line"] == ["python", f"accord.run({REFERENCE!r}, runs=2)"]


def test_the_manifest_records_the_inputs_the_loader_read(tmp_path):
    # The module's manifests lacked `inputs`, `inputs_sha256` and `working_directory`, and hashed the
    # scenario as it was on disk at the call: a table changed between an interrupted sweep and its
    # resume went unnoticed, and the command line could not resume the module's sweeps.
    import hashlib
    for name in ("actors_table.yaml", "actors_table.csv"):
        (tmp_path / name).write_bytes(open(os.path.join(SOURCE, "tests", "data", name), "rb").read())
    scenario = tmp_path / "actors_table.yaml"
    scenario.write_text(scenario.read_text() + "sweep:\n  design: grid\n  replications: 2\n  parameters:\n"
                        "    actors.NORTH.reservation: {values: [0.8, 0.9]}\n")
    original = scenario.read_bytes()
    cli("run", str(scenario), "--runs", "2", "-o", str(tmp_path / "cli"))
    by_cli = json.loads((tmp_path / "cli" / "manifest.json").read_text())
    loaded = accord.load(str(scenario))
    scenario.write_bytes(original + b"# edited after the load\n")
    manifest = json.loads(accord.run(loaded, runs=2).files["manifest.json"])
    assert manifest["scenario_sha256"] == hashlib.sha256(original).hexdigest()  # what ran, not what is there now
    assert manifest["inputs"] == by_cli["inputs"] and len(manifest["inputs"]) == 2
    assert manifest["inputs_sha256"] == by_cli["inputs_sha256"]
    assert manifest["working_directory"] == os.getcwd()
    scenario.write_bytes(original)
    # A sweep made by the module is resumed by the command line, and refused there once its table changed.
    accord.sweep(str(scenario), tmp_path / "sweep", runs=3)
    cli("sweep", str(scenario), "--runs", "3", "--resume", "-o", str(tmp_path / "sweep"))
    table = tmp_path / "actors_table.csv"
    table.write_text(table.read_text().replace("NORTH,\"North, the federal government\",60", "NORTH,\"North, the federal government\",5"))
    refused = cli("sweep", str(scenario), "--runs", "3", "--resume", "-o", str(tmp_path / "sweep"), status=2)
    assert "actors_table.csv" in refused.stderr


if __name__ == "__main__":
    os.environ["ACCORD_SOURCE_DIR"], os.environ["ACCORD_EXE"] = SOURCE, ACCORD
    sys.exit(pytest.main([__file__, "-q", "-p", "no:cacheprovider"]))


def test_load_refuses_a_yaml_file_too_big_to_parse_like_the_command_line(tmp_path):
    # accord.load skipped the command line's check of a YAML file against the memory yaml-cpp's tree
    # takes (about 92 bytes a byte of the file; tests/cli/streamed_results.sh): a 4 MB file of 90 000
    # actors under an address-space limit 250 MB above what the process holds raised MemoryError or
    # died. Now it raises InputError with the command line's text (without its --limit advice).
    big = tmp_path / "big.yaml"
    with open(big, "w") as f:
        f.write("accord: 1\nissues: [{id: x}]\nactors:\n")
        for i in range(90000):
            f.write(f"  - {{id: a{i}, capability: 1, positions: {{x: {i % 100}}}}}\n")
    script = (
        "import resource, sys\n"
        "import accord\n"
        "size = int(open('/proc/self/statm').read().split()[0]) * resource.getpagesize()\n"
        "resource.setrlimit(resource.RLIMIT_AS, (size + 250 * 2**20, resource.RLIM_INFINITY))\n"
        "try:\n"
        "    accord.load(sys.argv[1])\n"
        "except accord.InputError as e:\n"
        "    print(e)\n"
        "    sys.exit(3)\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p), OPENBLAS_NUM_THREADS="1")
    done = subprocess.run([sys.executable, "-c", script, str(big)], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 3, (done.returncode, done.stdout, done.stderr)
    message = done.stdout.strip()
    size = os.path.getsize(big)  # 4.4 MiB: 92 bytes a byte need 0.4 GiB, and 250 MiB is 0.2 GiB
    assert message == (f"{big}: error: a YAML file of {size / 2**20:.1f} MiB needs about {size * 92 / 2**30:.1f} GiB "
                       "to parse (yaml-cpp builds a tree of every node: about 92 bytes a byte of the file, measured), "
                       "more than the 0.2 GiB available: put the actors in a table (actors: {csv: FILE}), which is "
                       "read without that tree")
    # The command line's text is the same, with its --limit advice after it.
    limited = subprocess.run(["bash", "-c", 'ulimit -v 250000; exec "$@"', "limited", ACCORD, "validate", str(big)],
                             capture_output=True, text=True, timeout=120)
    assert limited.returncode == 2, limited.stderr
    printed = limited.stderr.strip()
    assert printed.startswith(message.split(" MiB needs")[0]), printed
    assert ", or have such files refused with --limit file-bytes=" in printed


def test_a_run_whose_tables_would_not_fit_raises_input_error_before_running(tmp_path):
    # The module's memory check counted what `accord run` holds (it streams its rows to disk) and not the
    # tables the module returns: under a 1 GiB address-space margin, 3 000 000 runs of sweep_small.yaml
    # ran for half a minute and raised MemoryError (30 000 000: a bare std::bad_alloc after 2.5 minutes).
    # The rows are now counted too: measured on the first 64 runs when the bound nears the limit.
    script = (
        "import resource, sys, time\n"
        "import accord\n"
        "size = int(open('/proc/self/statm').read().split()[0]) * resource.getpagesize()\n"
        "resource.setrlimit(resource.RLIMIT_AS, (size + 2**30, resource.RLIM_INFINITY))\n"
        "started = time.monotonic()\n"
        "try:\n"
        "    accord.run(sys.argv[1], runs=3_000_000, threads=2)\n"
        "except accord.InputError as e:\n"
        "    print(e)\n"
        "    print(time.monotonic() - started)\n"
        "    print(len(accord.run(sys.argv[1], runs=200_000, threads=2).runs))\n"  # what fits still runs
        "started = time.monotonic()\n"
        "try:\n"
        "    accord.run(sys.argv[2], runs=6000, trajectories=None, threads=2)\n"
        "except accord.InputError as e:\n"
        "    print(e)\n"
        "    print(time.monotonic() - started)\n"
        "    sys.exit(3)\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p), OPENBLAS_NUM_THREADS="1")
    done = subprocess.run([sys.executable, "-c", script, SWEEP_SMALL, REFERENCE], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 3, (done.returncode, done.stdout, done.stderr)
    message, seconds, ran, recorded, recorded_seconds = done.stdout.strip().splitlines()
    assert re.fullmatch(r"3000000 runs would hold about [\d.]+ GiB of results in memory, more than the [\d.]+ GiB "
                        r"available: lower runs \(about \d+ fit\); a sweep \(accord.sweep\) writes its rows to disk "
                        r"as it goes", message), message
    fit = int(re.search(r"about (\d+) fit", message).group(1))
    assert 200_000 < fit < 3_000_000, fit
    assert float(seconds) < 10  # before the runs, not after them
    assert ran == "200000"
    # Every run recording its rounds (trajectories=None): trajectory.csv, terms.csv and zopa.csv take about
    # 150 KB a run of the reference scenario, measured on the first runs; MemoryError came after 14 s.
    assert re.fullmatch(r"the tables of the 6000 runs recording their rounds \(trajectory.csv, terms.csv, zopa.csv\) "
                        r"would hold about [\d.]+ GiB in memory, more than the [\d.]+ GiB available: lower trajectories "
                        r"\(about \d+ fit\)", recorded), recorded
    assert float(recorded_seconds) < 10
