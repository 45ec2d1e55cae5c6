"""accord in a notebook: load a scenario, run it, sweep it, compare variants (docs/python.md).

Every table is a pandas DataFrame read from the very text the command line writes into its CSV
files (the C++ output part writes it; nothing is formatted here), so the columns and the numbers
are those of `accord run -o DIR` and the other commands with the same seed, runs and --set.
"""

import inspect
import io
import numbers
import os
import sys
import warnings

import pandas

from ._accord import InputError, RunError, Scenario, version
from . import _accord

__all__ = ["load", "run", "compare", "sweep", "sensitivity", "summarize", "InputError", "RunError", "Scenario",
           "RunResult", "SweepResult", "SensitivityResult", "version"]
__version__ = version


def _path(value):
    """A path as str or bytes (bytes kept as they are: a name that is not UTF-8 has no str C++ can take); a NUL
    in it raises ValueError, as open() does (C++ would read the path up to it)."""
    path = os.fspath(value)
    if (b"\0" if isinstance(path, bytes) else "\0") in path:
        raise ValueError(f"embedded null byte in the path {path!r}")
    return path


def load(path):
    """The scenario in `path`; raises InputError with the command line's located messages, and warns
    (UserWarning) of what the command line warns of on loading it (an event that sets a drawn or swept
    value, a sweep of model.rounds that ends runs before the first meeting...)."""
    return _load(path, 2)


def _load(path, stacklevel):
    """load(path), its warnings attributed to the caller `stacklevel` frames up (1: the caller of _load)."""
    scenario = _accord.load(_path(path))
    for warning in scenario.warnings:
        warnings.warn(warning, UserWarning, stacklevel=stacklevel + 1)
    return scenario


def _scenario(scenario, set, swept=False):
    """A Scenario, or one loaded from a path, for a call two frames up (its warnings attributed there, as
    those of `set`'s values that an event, or with `swept` the sweep design, replaces). set_warnings parses `set`
    once more than the call itself will (microseconds), so that the warnings come before a long sweep, not after."""
    s = scenario if isinstance(scenario, Scenario) else _load(scenario, 3)
    for warning in _accord.set_warnings(s, _sets(set), swept):
        warnings.warn(warning, UserWarning, stacklevel=3)
    return s


def _sets(set):
    """{"actors.DEU.capability": 40} as the command line's --set PATH=VALUE texts."""
    if set is None:
        return []
    if isinstance(set, dict):
        items = set.items()
    elif isinstance(set, (str, bytes)):  # iterating it would give its letters
        raise ValueError(f"set must be a dict {{PATH: VALUE}} or a list of 'PATH=VALUE' texts, found {set!r}")
    else:
        items = []
        for s in set:
            pair = isinstance(s, (tuple, list)) and len(s) == 2
            if not pair and (not isinstance(s, str) or "=" not in s):
                raise ValueError(f"set: expected PATH=VALUE, for example actors.DEU.capability=40, found {s!r}")
            items.append(tuple(s) if pair else tuple(s.split("=", 1)))
    texts = []
    for path, value in items:
        if _boolean(value):
            value = "true" if value else "false"
        texts.append(f"{path}={value}")
    return texts


def _boolean(value):
    """True for Python's and NumPy's booleans (numpy.bool_ is no bool, and no number either)."""
    return isinstance(value, bool) or type(value).__name__ == "bool_"


def _whole(name, value, low, high):
    """`value` as an int when it is None or a whole number in [low, high] (a NumPy integer too, as a
    DataFrame gives it), the ranges of the command line's option."""
    if value is None:
        return value
    if _boolean(value) or not isinstance(value, numbers.Integral) or not low <= int(value) <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}, found {value!r}")
    return int(value)


def _counts(runs, threads, trajectories=None, seed=None):
    """Refuses what the command line refuses (--runs 0, --threads 0, --trajectories -1, --seed -1) instead
    of an empty result, a silent default or pybind11's TypeError; gives (runs, threads, trajectories,
    seed) as ints."""
    if trajectories is not None and (_boolean(trajectories) or not isinstance(trajectories, numbers.Integral)
                                     or trajectories < 0):
        raise ValueError(f"trajectories must be a whole number >= 0 or None (all), found {trajectories!r}")
    return (_whole("runs", runs, 1, 100_000_000), _whole("threads", threads, 1, 4096),
            # More than the runs records every run: a count past C++'s long (2**70) means the same.
            None if trajectories is None else min(int(trajectories), 2**63 - 1), _whole("seed", seed, 0, 2**64 - 1))


def _directory(resume, force, samples=None):
    """Refuses what the command line refuses of a result directory's options: --resume with --force,
    --samples below 2 or above 100000000 (the sensitivity design was built, or ran, before)."""
    samples = _whole("samples", samples, 2, 100_000_000)
    if resume and force:
        raise InputError("resume=True and force=True: --resume and --force exclude each other")
    return samples


def _argument(value):
    """An argument as Python source: a Scenario as the accord.load(...) that made it, a path as its text."""
    if isinstance(value, Scenario):
        return f"accord.load({value.path!r})"
    if isinstance(value, os.PathLike):
        return repr(os.fspath(value))
    return repr(value)


def _call(function, arguments):
    """What the manifest records as the command line: ["python", "accord.NAME(ARGUMENTS)"], the call as it
    was written, with every argument given without a default and every keyword argument not left at its
    default (docs/python.md)."""
    parts = []
    for name, parameter in inspect.signature(function).parameters.items():
        value = arguments[name]
        if parameter.default is inspect.Parameter.empty:
            parts.append(_argument(value))
        elif value is not parameter.default and value != parameter.default:
            parts.append(f"{name}={_argument(value)}")
    return ["python", f"accord.{function.__name__}({', '.join(parts)})"]


# Ids such as NA or None stay text; only an empty cell is missing (docs/interface.md section 4.1).
_READ = {"keep_default_na": False, "na_values": [""]}


def _frame(text):
    return pandas.read_csv(io.BytesIO(text), **_READ)


def _read(directory, name):
    path = os.path.join(directory, name)
    return pandas.read_csv(path, **_READ) if os.path.exists(path) else None


class RunResult:
    """The tables of `accord run -o DIR`: runs, summary, trajectory, terms (and blockers, zopa
    when the run writes them), each a DataFrame; `files` holds every file's text by name."""

    def __init__(self, files):
        self.files = {name: text.decode() for name, text in files.items()}
        tables = {name[:-4]: _frame(text) for name, text in files.items() if name.endswith(".csv")}
        self.tables = tables
        self.runs = tables.get("runs")
        self.summary = tables.get("summary")
        self.trajectory = tables.get("trajectory")
        self.terms = tables.get("terms")

    def __repr__(self):
        return f"<accord.RunResult: {len(self.runs)} runs; tables {sorted(self.tables)}>"


def run(scenario, runs=None, seed=None, set=None, threads=None, trajectories=10):
    """`accord run`: Monte Carlo over the scenario's uncertainty. `scenario` is a Scenario or a
    path; `set` a dict of --set paths and values; `trajectories` the runs that record their rounds
    (None: all). The GIL is released while simulating; Ctrl-C raises KeyboardInterrupt."""
    call = _call(run, locals())
    runs, threads, trajectories, seed = _counts(runs, threads, trajectories, seed)
    s = _scenario(scenario, set)
    files = _accord.run_files(s, _sets(set), seed, runs, threads or 0, trajectories, call)
    return RunResult(files)


def compare(a, b, runs=None, seed=None, set=None, threads=None):
    """`accord compare A B`: both variants on A's seeds; the rows of compare.csv as a DataFrame."""
    call = _call(compare, locals())
    runs, threads, _, seed = _counts(runs, threads, seed=seed)
    a = _scenario(a, set)
    b = _scenario(b, set)
    table = _frame(_accord.compare_text(a, b, _sets(set), seed, runs, threads or 0, call))
    moved = _accord.actor_order_warning(a, b)
    if moved:  # the command line's warning on stderr
        warnings.warn(moved, UserWarning, stacklevel=2)
    return table


class SweepResult:
    """The tables of a finished sweep or sensitivity study in `directory`: runs and points (and
    sensitivity for accord.sensitivity), each a DataFrame read from the files."""

    def __init__(self, directory):
        self.directory = os.fspath(directory)
        self.runs = _read(self.directory, "runs.csv")
        self.points = _read(self.directory, "points.csv")
        self.sensitivity = _read(self.directory, "sensitivity.csv")

    def __repr__(self):
        return f"<accord.SweepResult in {self.directory}: {len(self.points)} points>"


SensitivityResult = SweepResult


def sweep(scenario, output, runs=None, seed=None, set=None, threads=None, resume=False, force=False):
    """`accord sweep -o OUTPUT`: the scenario's sweep design written into `output` exactly as the
    command line writes it, then read back. Ctrl-C stops it and raises KeyboardInterrupt, leaving
    `output` as an interrupted `accord sweep` does (finish it with resume=True)."""
    call = _call(sweep, locals())
    runs, threads, _, seed = _counts(runs, threads, seed=seed)
    _directory(resume, force)
    s = _scenario(scenario, set, swept=True)
    _accord.sweep_into(s, _path(output), resume, force, _sets(set), seed, runs, threads or 0, call)
    return SweepResult(output)


def sensitivity(scenario, output, method="sobol", samples=None, runs=None, seed=None, set=None, threads=None,
                resume=False, force=False, over="sweep"):
    """`accord sensitivity -o OUTPUT`: Sobol or Morris indices over the sweep parameters (over="uncertainty":
    the drawn ones, as --over uncertainty), written into `output` and read back (result.sensitivity,
    result.points, result.runs)."""
    call = _call(sensitivity, locals())
    runs, threads, _, seed = _counts(runs, threads, seed=seed)
    samples = _directory(resume, force, samples)
    s = _scenario(scenario, set)
    notes = _accord.sensitivity_into(s, _path(output), method, samples, resume, force, _sets(set), seed, runs,
                                     threads or 0, call, over)
    for note in notes:  # the command line's notes on stderr: design points without a deal
        warnings.warn(note, UserWarning, stacklevel=2)
    return SweepResult(output)


def summarize(runs, by, bins=None):
    """`accord summarize RUNS --by BY... [--bins COLUMN=N...]`: the table of a runs.csv (of run, sweep, sensitivity or
    merge) grouped by the columns `by` (a name or a list of names), a DataFrame of the text the command line prints.
    `bins` is a dict {COLUMN: N}: the `by` column COLUMN cut into N equal-width bins. With status quos the table ends
    with agreed_runs and the terms over each group's deals (terms_if_agreed.<issue>.mean/.sd)."""
    by = [by] if isinstance(by, str) else by
    if not isinstance(by, (list, tuple)) or not by or not all(isinstance(b, str) for b in by):
        raise ValueError(f"by must be a column name or a non-empty list of column names, found {by!r}")
    for i, column in enumerate(by):
        if column in by[:i]:
            raise InputError(f"by: the column {column!r} is given twice (--by {column}: the column is given twice)")
    if bins is None:
        bins = {}
    if not isinstance(bins, dict):
        raise ValueError(f"bins must be a dict {{COLUMN: N}}, found {bins!r}")
    if not all(isinstance(column, str) for column in bins):
        raise ValueError(f"bins must be a dict {{COLUMN: N}} with column names as keys, found {bins!r}")
    pairs = [(column, _whole(f"bins[{column!r}]", count, 1, 10_000)) for column, count in bins.items()]
    return _frame(_accord.summarize_text(_path(runs), list(by), pairs))
