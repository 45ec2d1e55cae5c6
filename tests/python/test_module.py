#!/usr/bin/env python3
"""The Python module (docs/python.md): `accord.run`, `accord.compare`, `accord.sweep` give the tables of the
command line's result files, number for number and byte for byte; an input error raises accord.InputError with
the command line's located message; Ctrl-C (SIGINT) stops a long run or sweep within seconds with
KeyboardInterrupt and leaves no result file.

    PYTHONPATH=build/python python3 tests/python/test_module.py SOURCE_DIR ACCORD   (ctest -R python.test_module)
"""
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

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


def interrupt_after(seconds):
    """SIGINT to this process after `seconds`, as Ctrl-C in a notebook; gives the time it was sent."""
    sent = {}

    def send():
        sent["at"] = time.monotonic()
        os.kill(os.getpid(), signal.SIGINT)

    threading.Timer(seconds, send).start()
    return sent


def test_interrupt_stops_a_long_run_promptly():
    s = accord.load(REFERENCE)
    before = set(os.listdir(tempfile.gettempdir()))
    sent = interrupt_after(1.0)
    with pytest.raises(KeyboardInterrupt):
        accord.run(s, runs=10_000_000, threads=2)
    assert time.monotonic() - sent["at"] < 5.0
    leftover = [n for n in set(os.listdir(tempfile.gettempdir())) - before if n.startswith("accord-python-")]
    assert leftover == []
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


if __name__ == "__main__":
    os.environ["ACCORD_SOURCE_DIR"], os.environ["ACCORD_EXE"] = SOURCE, ACCORD
    sys.exit(pytest.main([__file__, "-q", "-p", "no:cacheprovider"]))
